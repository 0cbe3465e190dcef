"""Entities: canonical people, places, organisations and events, with their mentions."""

from flask import Blueprint, request

from service.representations import EntityDetailSchema, EntitySchema
from service.serve.api import detail
from service.serve.args import EntityListArgs, load_args
from service.serve.context import store
from service.serve.pagination import collection
from service.vocab import ENTITY_ID

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
    return detail(id, ENTITY_ID, "entity", store().get_entity, detail_schema.dump)
