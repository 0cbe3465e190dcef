"""Checks: whether stated durations and offsets agree with the dates the text gives."""

from flask import Blueprint, request

from service.serve.args import CheckListArgs, load_args
from service.serve.context import store
from service.serve.pagination import collection

# Check JSON is dumped through CheckSchema at build time .
bp = Blueprint("checks", __name__)


@bp.get("/v1/checks")
def list_checks():
    """List consistency checks, filtered by document or outcome."""
    args = load_args(CheckListArgs(), request.args)
    fetch = lambda after, limit: store().list_checks(args, after, limit)  # noqa: E731
    return collection("checks", args, [int, str], fetch, "key")
