"""Opaque keyset cursors and the collection envelope."""

import base64
import binascii
import json
from collections.abc import Iterator
from typing import TypeVar
from urllib.parse import urlencode

from flask import Response, request

from service.serve.database.exports import export
from service.serve.errors import InvalidParameters

EVERY_PAGE = 500  # rows fetched at a time when a whole collection is walked
# The range of a database integer: a key past it cannot be bound to a query.
SMALLEST, LARGEST = -(2**63), 2**63 - 1

Row = TypeVar("Row")


def encode_cursor(collection: str, key) -> str:
    """Wrap a keyset position into an opaque token bound to one collection."""
    raw = json.dumps([collection, key], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(collection: str, token: str | None, shape):
    """Unwrap a token given out by this collection, or fail with a 400.

    `shape` is the key's type, or a list of types for a composite key.
    """
    if token is None:
        return None
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        name, key = json.loads(raw)
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError):
        name = key = None
    if name != collection or not _fits(key, shape):
        raise InvalidParameters(
            "The cursor is not one this collection gave out.",
            {"cursor": ["Not a valid cursor; follow the `next` link of a previous page."]},
        )
    return key


def _fits(key, shape) -> bool:
    """Tell whether a decoded key has the shape this collection uses."""
    if isinstance(shape, list):
        return (
            isinstance(key, list)
            and len(key) == len(shape)
            and all(_fits(part, kind) for part, kind in zip(key, shape, strict=True))
        )
    if shape is None:
        return key is None or isinstance(key, str)
    if isinstance(key, bool) or not isinstance(key, shape):
        return False
    return not isinstance(key, int) or SMALLEST <= key <= LARGEST


def collection(name: str, args: dict, shape, fetch, key, render=None):
    """Answer a collection: one JSON page, or every page as CSV or JSON Lines.

    fetch(after, limit) returns rows (one extra) and the total; rows carry stored
    JSON under "json" unless render turns each row into a dict.
    """
    to_dict = render or (lambda row: json.loads(row["json"]))
    after = decode_cursor(name, args["cursor"], shape)
    if args["format"] != "json":  # an export is the whole collection, whatever the cursor
        return export(name, every_row(fetch, key), to_dict, args["format"])
    rows, total = fetch(after, args["limit"])
    if render is None:
        return stored_page(rows, total, args["limit"], name, key)
    return page(rows, total, args["limit"], name, key, render)


def one_page(name: str, args: dict, shape, fetch, key):
    """Fetch the page a request's cursor names: its rows, the total and the next page's URL
    (None on the last page)."""
    after = decode_cursor(name, args["cursor"], shape)
    rows, total = fetch(after, args["limit"])
    rows, next_url = _trim(rows, args["limit"], name, key)
    return rows, total, next_url


def page(rows: list[dict], total: int, limit: int, collection: str, key, render):
    """Render one page of rows (fetched with one extra) into the collection envelope."""
    rows, next_url = _trim(rows, limit, collection, key)
    body = {
        "items": [render(row) for row in rows],
        "total": total,
        "limit": limit,
        "next": next_url,
    }
    return body, 200, link_header(next_url)


def stored_page(rows: list[dict], total: int, limit: int, collection: str, key):
    """Wrap one page of stored JSON items (fetched with one extra) in the envelope."""
    rows, next_url = _trim(rows, limit, collection, key)
    tail = json.dumps({"total": total, "limit": limit, "next": next_url}, separators=(",", ":"))
    body = '{"items":[' + ",".join(row["json"] for row in rows) + "]," + tail[1:]
    return Response(body, mimetype="application/json", headers=link_header(next_url))


def split_page(rows: list[Row], limit: int) -> tuple[list[Row], Row | None]:
    """Drop the extra row fetched to learn whether more follow; return the page and its last row
    when they do, else None."""
    if len(rows) <= limit:
        return rows, None
    return rows[:limit], rows[limit - 1]


def key_of(row, key):
    """Return a row's keyset position: `key` is a column name or a function of the row."""
    return key(row) if callable(key) else row[key]


def every_row(fetch, key, page_size: int = EVERY_PAGE) -> Iterator:
    """Walk a collection's keyset pages from the first row to the last."""
    after = None
    while True:
        rows, _ = fetch(after, page_size)
        rows, last = split_page(rows, page_size)
        yield from rows
        if last is None:
            return
        after = key_of(last, key)


def _trim(rows: list[dict], limit: int, collection: str, key):
    """Cut the page to its limit and link to the next one, if any."""
    rows, last = split_page(rows, limit)
    if last is None:
        return rows, None
    args = request.args.to_dict(flat=False)
    args["cursor"] = [encode_cursor(collection, key_of(last, key))]
    return rows, f"{request.base_url}?{urlencode(args, doseq=True)}"


def link_header(next_url: str | None) -> dict:
    """Return the Link header announcing the next page, if any."""
    return {"Link": f'<{next_url}>; rel="next"'} if next_url else {}
