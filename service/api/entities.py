"""Entities: canonical people, places, organisations and events, with their mentions."""

from flask import Blueprint, request

from service.api import store
from service.errors import NotFound
from service.pagination import collection
from service.schemas import (
    ENTITY_ID,
    ArgsSchema,
    EntityDetailSchema,
    EntityListArgs,
    EntitySchema,
    check_id,
    load_args,
)

bp = Blueprint("entities", __name__)
entity_schema, detail_schema = EntitySchema(), EntityDetailSchema()


@bp.get("/v1/entities")
def list_entities():
    """List entities, most mentioned first, filtered by label, name or document."""
    args = load_args(EntityListArgs(), request.args)
    fetch = lambda after, limit: store().list_entities(args, after, limit)  # noqa: E731
    key = lambda row: [-row["mention_count"], row["id"]]  # noqa: E731
    return collection("entities", args, [int, str], fetch, key, entity_schema.dump)


@bp.get("/v1/entities/<id>")
def get_entity(id: str):
    """Return one entity with every mention of it."""
    load_args(ArgsSchema(), request.args)
    entity = store().get_entity(check_id(id, ENTITY_ID, "entity"))
    if entity is None:
        raise NotFound(f"No entity '{id}'.")
    return detail_schema.dump(entity)
