"""Sources: who claims what."""

import json

from flask import Blueprint, request

from service.api import store
from service.errors import NotFound
from service.pagination import collection
from service.schemas import (
    SOURCE_ID,
    ArgsSchema,
    SourceDetailSchema,
    SourceListArgs,
    check_id,
    load_args,
)

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
    load_args(ArgsSchema(), request.args)
    found = store().source_with_claims(check_id(id, SOURCE_ID, "source"))
    if found is None:
        raise NotFound(f"No source '{id}'.")
    source, claims = found
    return detail_schema.dump({**json.loads(source), "claims": [json.loads(c) for c in claims]})
