"""Opaque keyset cursors and the collection envelope."""

import base64
import binascii
import json
from urllib.parse import urlencode

from flask import Response, request

from service.errors import InvalidParameters
from service.exports import export


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
    return isinstance(key, shape) and not isinstance(key, bool)


def collection(name: str, args: dict, shape, fetch, key, render=None):
    """Answer a collection: one JSON page, or every page as CSV or JSON Lines.

    fetch(after, limit) returns rows (one extra) and the total; rows carry stored
    JSON under "json" unless render turns each row into a dict.
    """
    to_dict = render or (lambda row: json.loads(row["json"]))
    if args["format"] != "json":
        return export(name, fetch, key, to_dict, args["format"])
    after = decode_cursor(name, args["cursor"], shape)
    rows, total = fetch(after, args["limit"])
    if render is None:
        return stored_page(rows, total, args["limit"], name, key)
    return page(rows, total, args["limit"], name, key, render)


def page(rows: list[dict], total: int, limit: int, collection: str, key, render):
    """Render one page of rows (fetched with one extra) into the collection envelope."""
    rows, next_url = _trim(rows, limit, collection, key)
    body = {
        "items": [render(row) for row in rows],
        "total": total,
        "limit": limit,
        "next": next_url,
    }
    return body, 200, _link_header(next_url)


def stored_page(rows: list[dict], total: int, limit: int, collection: str, key):
    """Wrap one page of stored JSON items (fetched with one extra) in the envelope."""
    rows, next_url = _trim(rows, limit, collection, key)
    tail = json.dumps({"total": total, "limit": limit, "next": next_url}, separators=(",", ":"))
    body = '{"items":[' + ",".join(row["json"] for row in rows) + "]," + tail[1:]
    return Response(body, mimetype="application/json", headers=_link_header(next_url))


def _trim(rows: list[dict], limit: int, collection: str, key):
    """Drop the extra row fetched to learn whether a next page exists; link to it."""
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    args = request.args.to_dict(flat=False)
    last = rows[-1]
    args["cursor"] = [encode_cursor(collection, key(last) if callable(key) else last[key])]
    return rows, f"{request.base_url}?{urlencode(args, doseq=True)}"


def _link_header(next_url: str | None) -> dict:
    """Return the Link header announcing the next page, if any."""
    return {"Link": f'<{next_url}>; rel="next"'} if next_url else {}
