"""The curated gazetteer: canonical entities, their aliases, and words that name nothing."""

from dataclasses import dataclass
from pathlib import Path

from marshmallow import Schema, fields, validate

from service.pipeline.inputs import BuildError, item_line, load_with, parse_yaml
from service.vocab import ENTITY_ID, ENTITY_LABELS, slugify

GAZETTEER_FILE = "entities.yaml"


class GazetteerEntitySchema(Schema):
    """One canonical entity of the gazetteer."""

    id = fields.String(
        required=True, validate=validate.Regexp(ENTITY_ID, error="not a lower-case slug")
    )
    name = fields.String(required=True, validate=validate.Length(min=1))
    label = fields.String(required=True, validate=validate.OneOf(ENTITY_LABELS))
    aliases = fields.List(fields.String(validate=validate.Length(min=1)), load_default=list)
    demonyms = fields.List(fields.String(validate=validate.Length(min=1)), load_default=list)
    description = fields.String(load_default=None)


class GazetteerFileSchema(Schema):
    """The gazetteer file: entities and strings that name nothing."""

    entities = fields.List(fields.Nested(GazetteerEntitySchema), required=True)
    not_entities = fields.List(fields.String(), load_default=list)


@dataclass
class Gazetteer:
    """Canonical entities and the surface forms that name them."""

    entities: list[dict]
    not_entities: set[str]

    def by_alias(self) -> dict[str, dict]:
        """Map every name and alias, lower-cased, to its entity."""
        return {
            alias.lower(): entity
            for entity in self.entities
            for alias in [entity["name"], *entity["aliases"]]
        }

    def by_id(self) -> dict[str, dict]:
        """Map every entity id to its entity."""
        return {entity["id"]: entity for entity in self.entities}


def load_gazetteer(path: Path) -> Gazetteer:
    """Read and validate entities.yaml, failing the build with file, line and reason."""
    if not path.exists():
        return Gazetteer([], set())
    node, data = parse_yaml(path)
    loaded = load_with(GazetteerFileSchema(), path, node, data)
    seen: dict[str, str] = {}
    for index, entity in enumerate(loaded["entities"]):
        line = item_line(node, "entities", index)
        if entity["id"] in {e["id"] for e in loaded["entities"][:index]}:
            raise BuildError(path, line, f"duplicate entity id '{entity['id']}'")
        for alias in [entity["name"], *entity["aliases"]]:
            owner = seen.setdefault(alias.lower(), entity["id"])
            if owner != entity["id"]:
                raise BuildError(path, line, f"alias '{alias}' already names '{owner}'")
    demonyms = {d for entity in loaded["entities"] for d in entity["demonyms"]}
    return Gazetteer(loaded["entities"], set(loaded["not_entities"]) | demonyms)


def derived_id(text: str, label: str) -> str:
    """Derive an entity id for a name the gazetteer does not know."""
    return f"{slugify(text, limit=None) or 'x'}-{label.lower()}"
