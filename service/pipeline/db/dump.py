"""Serialise the JSON the API serves, once, at build time."""

import copy
import dataclasses
import json
from collections.abc import Callable
from typing import Any

from marshmallow import Schema, fields, missing
from marshmallow.utils import ensure_text_type, get_value

# One encoder for every row: json.dumps would make a new one for each call. Records
# never hold themselves, so the encoder need not track what it is inside of.
_ENCODER = json.JSONEncoder(
    ensure_ascii=False, separators=(",", ":"), default=str, check_circular=False
)
_SCALARS = frozenset({str, int, float, bool, type(None)})
Dump = Callable[[Any], Any]
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}  # each record class's, read once
_DUMPERS: dict[int, tuple[Schema, Dump]] = {}  # each schema's, compiled once
_COMPILED = {fields.String, fields.Integer, fields.Boolean, fields.List, fields.Nested}


def to_json(value) -> str:
    """Serialise compactly, keeping non-ASCII text as it is."""
    return _ENCODER.encode(value)


def plain(value):
    """Copy a record as dataclasses.asdict does, or JSON data as copy.deepcopy does."""
    kind = type(value)
    if kind in _SCALARS:
        return value  # immutable: asdict's copy of it is itself
    if kind is list:
        return [plain(item) for item in value]
    if kind is tuple:
        return tuple(plain(item) for item in value)
    if kind is dict:
        return {plain(key): plain(item) for key, item in value.items()}
    names = _FIELD_NAMES.get(kind)
    if names is None and dataclasses.is_dataclass(kind):
        names = _FIELD_NAMES[kind] = tuple(f.name for f in dataclasses.fields(kind))
    if names is not None:
        return {name: plain(getattr(value, name)) for name in names}
    if isinstance(value, tuple) and hasattr(value, "_fields"):  # a named tuple
        return kind(*(plain(item) for item in value))
    return copy.deepcopy(value)


def dumper(schema: Schema) -> Dump:
    """Return a function dumping one object as schema.dump does, its fields read once."""
    key = id(schema)
    if key not in _DUMPERS:
        _DUMPERS[key] = (schema, _compile(schema))  # the schema kept: its id stays its own
    return _DUMPERS[key][1]


def _compile(schema: Schema) -> Dump:
    """Compile a schema's fields into one function; hooks or many leave it to marshmallow."""
    if schema.many or any(schema._hooks.values()) or schema.dict_class is not dict:
        return schema.dump
    plan: list[tuple[str, str | None, Dump]] = []
    for name, field in schema.dump_fields.items():
        attribute = field.attribute if field.attribute is not None else name
        fast = _field(field) if field.dump_default is missing and "." not in attribute else None
        output = field.data_key if field.data_key is not None else name
        if fast is None:
            plan.append((output, None, _slow(schema, name, field)))
        else:
            plan.append((output, attribute, fast))

    def dump(obj):
        result = {}
        mapping = type(obj) is dict
        for output, attribute, serialise in plan:
            if attribute is None:
                value = serialise(obj)
            else:
                # As marshmallow reads it: an item, else an attribute
                value = obj.get(attribute, missing) if mapping else missing
                if value is missing:
                    value = get_value(obj, attribute, missing)
                    if value is missing:
                        continue
                value = serialise(value)
            if value is not missing:
                result[output] = value
        return result

    return dump


def _slow(schema: Schema, name: str, field: fields.Field) -> Dump:
    """Serialise one field through marshmallow itself."""
    return lambda obj: field.serialize(name, obj, accessor=schema.get_attribute)


def _field(field: fields.Field) -> Dump | None:
    """Return a value's serialiser for the fields compiled here, else None."""
    if type(field) not in _COMPILED:
        return None  # a subclass may serialise otherwise
    if isinstance(field, fields.String):
        return _string
    if isinstance(field, fields.Integer):
        return None if field.as_string else _integer
    if isinstance(field, fields.Boolean):
        # Dumped as it is, as long as the field does not convert it
        return _same if fields.Boolean._serialize is fields.Field._serialize else None
    if isinstance(field, fields.List):
        inner = _field(field.inner)
        return None if inner is None else _list(inner)
    if isinstance(field, fields.Nested) and not (field.many or field.schema.many):
        nested = dumper(field.schema)
        return lambda value: None if value is None else nested(value)
    return None


def _string(value):
    """Dump a string field's value."""
    if value is None or type(value) is str:
        return value
    return ensure_text_type(value)


def _integer(value):
    """Dump an integer field's value."""
    if value is None or type(value) is int:
        return value
    return int(value)


def _same(value):
    """Dump a value as it is."""
    return value


def _list(inner: Dump) -> Dump:
    """Return the serialiser of a list of what inner serialises."""
    return lambda value: None if value is None else [inner(item) for item in value]
