"""Whole collections as CSV (RFC 4180) or JSON Lines, streamed row by row."""

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator

from flask import Response, stream_with_context

MEDIA_TYPES = {"csv": "text/csv", "jsonl": "application/jsonl"}
# What makes a spreadsheet read a cell as a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def export(name: str, rows: Iterable, to_dict: Callable, form: str) -> Response:
    """Stream every row of a collection, as items, in the asked format."""
    items = (to_dict(row) for row in rows)
    body = (
        _csv(items) if form == "csv" else (json.dumps(i, ensure_ascii=False) + "\n" for i in items)
    )
    response = Response(stream_with_context(body), mimetype=MEDIA_TYPES[form])
    response.headers["Content-Disposition"] = f'attachment; filename="{name}.{form}"'
    return response


def _csv(items: Iterator[dict]) -> Iterator[str]:
    """Write flattened items as CSV with a header row, CRLF line ends as RFC 4180 says."""
    buffer = io.StringIO()
    writer = None
    for item in items:
        row = flatten(item)
        if writer is None:
            writer = csv.DictWriter(
                buffer, fieldnames=list(row), lineterminator="\r\n", extrasaction="ignore"
            )
            writer.writeheader()
        writer.writerow({column: defuse(value) for column, value in row.items()})
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def flatten(item: dict, prefix: str = "") -> dict:
    """Flatten nested fields into readable dotted columns ("sourcing.status").

    A span ({text, start, end}) becomes its text; a list becomes its items' ids or
    texts joined with "; "; other nested objects become dotted columns.
    """
    flat: dict = {}
    for name, value in item.items():
        column = f"{prefix}{name}"
        if isinstance(value, dict) and not _is_span(value):
            flat.update(flatten(value, f"{column}."))
        else:
            flat[column] = _cell(value)
    return flat


def defuse(value):
    """Quote a text cell a spreadsheet would run as a formula; numbers stay numbers.

    Only strings: a negative number is a value, never a formula, and must stay one.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _is_span(value: dict) -> bool:
    """Tell a text span, shown by its words, from a nested object."""
    return {"text", "start", "end"} <= set(value)


def _cell(value) -> str | int | float | bool | None:
    """Write one value as a CSV cell."""
    if isinstance(value, dict):
        return value["text"]
    if isinstance(value, list):
        return "; ".join(str(_label(v)) for v in value)
    return value


def _label(value):
    """Name a list item: its id, else its text, else itself."""
    if isinstance(value, dict):
        if {"type", "claim_id"} <= set(value):
            return f"{value['type']}:{value['claim_id']}"
        for field in ("id", "claim_id", "entity_id", "text", "label"):
            if field in value:
                return value[field]
        return json.dumps(value, ensure_ascii=False)
    return value
