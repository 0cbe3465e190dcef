"""Contests: questions the text's sources answer differently, with each side."""

from flask import Blueprint, Response, request

from service.api import store
from service.errors import NotFound
from service.pagination import collection
from service.schemas import CONTEST_ID, ArgsSchema, ContestListArgs, check_id, load_args

# Contest JSON is dumped through ContestSchema at build time.
bp = Blueprint("contests", __name__)


@bp.get("/v1/contests")
def list_contests():
    """List contests in reading order, each with its sides' claims and sources."""
    args = load_args(ContestListArgs(), request.args)
    fetch = lambda after, limit: store().list_contests(args, after, limit)  # noqa: E731
    return collection("contests", args, [int, str], fetch, "key")


@bp.get("/v1/contests/<id>")
def get_contest(id: str):
    """Return one contest with its sides."""
    load_args(ArgsSchema(), request.args)
    body = store().contest_json(check_id(id, CONTEST_ID, "contest"))
    if body is None:
        raise NotFound(f"No contest '{id}'.")
    return Response(body, mimetype="application/json")
