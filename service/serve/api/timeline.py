"""Timeline: dated events in chronological order."""

from flask import Blueprint, request

from service.representations import TimelineEntrySchema
from service.serve.args import TimelineArgs, load_args
from service.serve.context import store
from service.serve.pagination import collection

bp = Blueprint("timeline", __name__)
entry_schema = TimelineEntrySchema()


@bp.get("/v1/timeline")
def timeline():
    """List dated events by date, each pointing at its paragraph and expression."""
    args = load_args(TimelineArgs(), request.args)
    filters = {"from": args.get("from_"), "to": args.get("to"), "document": args.get("document")}
    fetch = lambda after, limit: store().timeline(filters, after, limit)  # noqa: E731
    return collection("timeline", args, [str, str, int, int], fetch, "key", entry_schema.dump)
