"""The build's JSON serialisers give exactly what marshmallow, asdict and json.dumps give."""

import copy
import inspect
import json
import random
from dataclasses import asdict

import pytest
from marshmallow import Schema, fields

from service import representations
from service.pipeline.db.dump import dumper, plain, to_json
from service.pipeline.records import Check, Claim, Link, Mention, Relation, Source, Span

SCHEMAS = [
    schema
    for _, schema in inspect.getmembers(representations, inspect.isclass)
    if issubclass(schema, Schema) and schema is not Schema
]
ABSENT = object()  # a key left out of the sample


def sample(schema: Schema, rng: random.Random, depth: int = 0) -> dict:
    """Make an object for a schema: every field given, null, odd or left out, at random."""
    obj = {}
    for name, field in schema.dump_fields.items():
        value = value_for(field, rng, depth)
        if value is not ABSENT:
            obj[field.attribute or name] = value
    return obj


def value_for(field: fields.Field, rng: random.Random, depth: int):
    """Pick a value a field may meet, or ABSENT."""
    if isinstance(field, fields.Nested):
        nested = sample(field.schema, rng, depth + 1) if depth < 3 else None
        return rng.choice([nested, nested, None, ABSENT])
    if isinstance(field, fields.List):
        items = [value_for(field.inner, rng, depth) for _ in range(rng.randint(0, 3))]
        return rng.choice([[i for i in items if i is not ABSENT], None, ABSENT])
    if isinstance(field, fields.Integer):
        return rng.choice([0, 7, -3, "12", True, None, ABSENT])
    if isinstance(field, fields.Boolean):
        return rng.choice([True, False, 0, 1, "yes", None, ABSENT])
    if isinstance(field, fields.String):
        return rng.choice(["Suşa", "", 5, 2.5, b"bytes", None, ABSENT])
    if isinstance(field, fields.Dict):
        return rng.choice([{"body": 2, "title": 1}, {}, None, ABSENT])
    return rng.choice([1.5, "x", None, ABSENT])


@pytest.mark.parametrize("schema_class", SCHEMAS, ids=lambda s: s.__name__)
def test_a_compiled_schema_dumps_what_marshmallow_dumps(schema_class):
    schema, rng = schema_class(), random.Random(schema_class.__name__)
    for _ in range(300):
        obj = {**sample(schema, rng), "rank": -1.25}  # the search hit's score reads its rank
        expected = schema.dump(copy.deepcopy(obj))
        assert to_json(dumper(schema)(obj)) == to_json(expected)


def test_a_compiled_schema_keeps_the_order_of_its_fields():
    schema = representations.ClaimDetailSchema()
    item = {name: None for name in reversed(list(schema.dump_fields))}
    assert list(dumper(schema)(item)) == list(schema.dump(item))


RECORDS = [
    Mention(3, 9, "Lachin", "GPE", "lachin", "gazetteer"),
    Link(0, 4, "here", None),
    Check("c-1", 2, "duration", ("t-1", "t-2"), "3 days", None, None, "no dates"),
    Source("tass", "TASS", "news_agency", ["tass"], None, True, ["ТАСС"]),
    Claim(
        id="k-1",
        document_id="d",
        paragraph_id="p-1",
        quote="q",
        start=0,
        end=1,
        proposition="q",
        kind="statement",
        status="attributed",
        sources=["tass"],
        cue=Span(5, 9, "said"),
        hedges=[Span(1, 2, "may")],
        link=False,
        relations=[Relation("supports", "k-2")],
        origin="machine",
        sentence=(0, 40),
    ),
]


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: type(r).__name__)
def test_plain_makes_what_asdict_makes(record):
    made = plain(record)
    assert made == asdict(record)
    assert json.dumps(made) == json.dumps(asdict(record))


def test_plain_copies_every_container():
    data = {"relations": [{"type": "supports", "spans": (1, [2])}], "score": 0.5}
    copied = plain(data)
    assert copied == copy.deepcopy(data)
    assert copied is not data and copied["relations"][0] is not data["relations"][0]
    assert copied["relations"][0]["spans"][1] is not data["relations"][0]["spans"][1]


@pytest.mark.parametrize(
    "value", [{"b": "Türkiye", "a": [1, None, True]}, ["\u00a0", 1.5], "“quoted”", None]
)
def test_to_json_writes_what_json_dumps_writes(value):
    expected = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)
    assert to_json(value) == expected
