"""Whole collections as CSV (RFC 4180) or JSON Lines, streamed row by row."""

import csv
import io
import json
import tempfile
from collections.abc import Callable, Iterable, Iterator

from flask import Response, stream_with_context

from service.serve.database.export_columns import COLUMNS, ROW_SHAPES

MEDIA_TYPES = {"csv": "text/csv", "jsonl": "application/jsonl"}
# Rows wait for the header in memory up to this size, then in a temporary file.
ROWS_IN_MEMORY = 8 * 1024 * 1024
# What makes a spreadsheet read a cell as a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def export(name: str, rows: Iterable, to_dict: Callable, form: str) -> Response:
    """Stream every row of a collection, as items, in the asked format."""
    items = (to_dict(row) for row in rows)
    if form == "csv":
        body = _csv(items, COLUMNS.get(name, []), ROW_SHAPES.get(name))
    else:
        body = (json.dumps(item, ensure_ascii=False) + "\n" for item in items)
    response = Response(stream_with_context(body), mimetype=MEDIA_TYPES[form])
    response.headers["Content-Disposition"] = f'attachment; filename="{name}.{form}"'
    return response


def _csv(items: Iterator[dict], columns: list[str], shape: Callable | None) -> Iterator[str]:
    """Write flattened items as CSV with one header for them all, CRLF line ends as RFC
    4180 says.

    The header is the collection's own columns and then any other column an item has,
    so that no item loses a field for not looking like the first: the rows are kept
    (spilling to a temporary file) until the last item is read and the header known.
    """
    header = dict.fromkeys(columns)
    with tempfile.SpooledTemporaryFile(ROWS_IN_MEMORY, mode="w+", encoding="utf-8") as rows:
        for item in items:
            row = flatten(shape(item) if shape else item)
            header.update(dict.fromkeys(row))
            rows.write(json.dumps(row, ensure_ascii=False) + "\n")
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(header), lineterminator="\r\n")
        if header:
            writer.writeheader()
        rows.seek(0)
        for line in rows:
            writer.writerow({column: defuse(value) for column, value in json.loads(line).items()})
            if buffer.tell() >= io.DEFAULT_BUFFER_SIZE:
                yield _drain(buffer)
        yield _drain(buffer)


def _drain(buffer: io.StringIO) -> str:
    """Return what a buffer holds and empty it."""
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


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
