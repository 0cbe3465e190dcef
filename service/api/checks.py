"""Checks: whether stated durations and offsets agree with the dates the text gives."""

from flask import Blueprint, request

from service.api import store
from service.pagination import decode_cursor, stored_page
from service.schemas import CheckListArgs, load_args

# Check JSON is dumped through CheckSchema at build time (service.build).
bp = Blueprint("checks", __name__)


@bp.get("/v1/checks")
def list_checks():
    """List consistency checks, filtered by document or outcome."""
    args = load_args(CheckListArgs(), request.args)
    after = decode_cursor("checks", args["cursor"], [int, str])
    rows, total = store().list_checks(args, after, args["limit"])
    return stored_page(rows, total, args["limit"], "checks", "key")
