"""Timeline: dated events in chronological order."""

from flask import Blueprint, request

from service.api import store
from service.pagination import decode_cursor, page
from service.schemas import TimelineArgs, TimelineEntrySchema, load_args

bp = Blueprint("timeline", __name__)
entry_schema = TimelineEntrySchema()


@bp.get("/v1/timeline")
def timeline():
    """List dated events by date, each pointing at its paragraph and expression."""
    args = load_args(TimelineArgs(), request.args)
    after = decode_cursor("timeline", args["cursor"], [str, str, int, int])
    filters = {"from": args.get("from_"), "to": args.get("to"), "document": args.get("document")}
    rows, total = store().timeline(filters, after, args["limit"])
    return page(rows, total, args["limit"], "timeline", "key", entry_schema)
