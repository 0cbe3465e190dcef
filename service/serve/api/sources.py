"""Sources: who claims what."""

from flask import Blueprint, request

from service.serve.api import detail
from service.serve.args import SourceListArgs, load_args
from service.serve.context import store
from service.serve.pagination import collection
from service.vocab import SOURCE_ID

# Source JSON is dumped through its schemas at build time.
bp = Blueprint("sources", __name__)


@bp.get("/v1/sources")
def list_sources():
    """List sources, those with most claims first."""
    args = load_args(SourceListArgs(), request.args)
    fetch = lambda after, limit: store().list_sources(args, after, limit)  # noqa: E731
    return collection("sources", args, [int, str], fetch, "key")


@bp.get("/v1/sources/<id>")
def get_source(id: str):
    """Return a source with the documents it is cited in and a link to its claims."""
    return detail(id, SOURCE_ID, "source", store().source_json)
