"""Contests: questions the text's sources answer differently, with each side."""

from flask import Blueprint, request

from service.serve.api import detail
from service.serve.args import load_args
from service.serve.context import store
from service.serve.document_choice import ContestArgs
from service.serve.pagination import collection
from service.vocab import CONTEST_ID

# Contest JSON is dumped through ContestSchema at build time.
bp = Blueprint("contests", __name__)


@bp.get("/v1/contests")
def list_contests():
    """List contests in reading order, each with its sides' claims and sources; a contest
    is its first side's document's."""
    args = load_args(ContestArgs(), request.args)
    fetch = lambda after, limit: store().list_contests(args, after, limit)  # noqa: E731
    return collection("contests", args, [int, str], fetch, "key")


@bp.get("/v1/contests/<id>")
def get_contest(id: str):
    """Return one contest with its sides."""
    return detail(id, CONTEST_ID, "contest", store().contest_json)
