"""Dates: temporal expressions normalised TIMEX3-style."""

from flask import Blueprint, request

from service.serve.api import detail
from service.serve.args import load_args
from service.serve.context import store
from service.serve.document_choice import DateArgs, choice_of
from service.serve.pagination import collection
from service.vocab import DATE_ID

# Date JSON is dumped through DateSchema at build time.
bp = Blueprint("dates", __name__)


@bp.get("/v1/dates")
def list_dates():
    """List temporal expressions in reading order, filtered by type, period, document,
    outlet or publication date."""
    args = load_args(DateArgs(), request.args)
    filters = {
        **choice_of(args),
        "type": args.get("type"),
        "from": args.get("from_"),
        "to": args.get("to"),
    }
    fetch = lambda after, limit: store().list_dates(filters, after, limit)  # noqa: E731
    return collection("dates", args, [int, int], fetch, "key")


@bp.get("/v1/dates/<id>")
def get_date(id: str):
    """Return one temporal expression."""
    return detail(id, DATE_ID, "date", store().date_json)
