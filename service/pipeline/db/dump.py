"""Serialise the JSON the API serves, once, at build time."""

import json


def to_json(value) -> str:
    """Serialise compactly, keeping non-ASCII text as it is."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)
