"""Sources: who claims what."""

import json

from flask import Blueprint, request

from service.representations import SourceDetailSchema
from service.serve.api import detail, store
from service.serve.args import SourceListArgs, load_args
from service.serve.pagination import collection
from service.vocab import SOURCE_ID

# Source and claim JSON is dumped through their schemas at build time.
bp = Blueprint("sources", __name__)
detail_schema = SourceDetailSchema()


@bp.get("/v1/sources")
def list_sources():
    """List sources, those with most claims first."""
    args = load_args(SourceListArgs(), request.args)
    fetch = lambda after, limit: store().list_sources(args, after, limit)  # noqa: E731
    return collection("sources", args, [int, str], fetch, "key")


@bp.get("/v1/sources/<id>")
def get_source(id: str):
    """Return a source with every claim it makes."""
    return detail(id, SOURCE_ID, "source", store().source_with_claims, _render)


def _render(found: tuple[str, list[str]]) -> dict:
    """Join a source's stored JSON with its claims'."""
    source, claims = found
    return detail_schema.dump({**json.loads(source), "claims": [json.loads(c) for c in claims]})
