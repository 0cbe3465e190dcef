"""Dates: temporal expressions normalised TIMEX3-style."""

from flask import Blueprint, Response, request

from service.api import store
from service.errors import NotFound
from service.pagination import collection
from service.schemas import DATE_ID, ArgsSchema, DateListArgs, check_id, load_args

# Date JSON is dumped through DateSchema at build time (service.build).
bp = Blueprint("dates", __name__)


@bp.get("/v1/dates")
def list_dates():
    """List temporal expressions in reading order, filtered by type, period or document."""
    args = load_args(DateListArgs(), request.args)
    filters = {"type": args.get("type"), "from": args.get("from_"), "to": args.get("to"),
               "document": args.get("document")}  # fmt: skip
    fetch = lambda after, limit: store().list_dates(filters, after, limit)  # noqa: E731
    return collection("dates", args, [int, int], fetch, "key")


@bp.get("/v1/dates/<id>")
def get_date(id: str):
    """Return one temporal expression."""
    load_args(ArgsSchema(), request.args)
    body = store().date_json(check_id(id, DATE_ID, "date"))
    if body is None:
        raise NotFound(f"No date {id}.")
    return Response(body, mimetype="application/json")
