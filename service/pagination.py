"""Opaque keyset cursors and the collection envelope."""

import base64
import binascii
import json
from urllib.parse import urlencode

from flask import request

from service.errors import InvalidParameters


def encode_cursor(collection: str, key) -> str:
    """Wrap a keyset position into an opaque token bound to one collection."""
    raw = json.dumps([collection, key], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(collection: str, token: str | None, key_type: type):
    """Unwrap a token given out by this collection, or fail with a 400."""
    if token is None:
        return None
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        name, key = json.loads(raw)
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError):
        name = key = None
    if name != collection or not isinstance(key, key_type) or isinstance(key, bool):
        raise InvalidParameters(
            "The cursor is not one this collection gave out.",
            {"cursor": ["Not a valid cursor; follow the `next` link of a previous page."]},
        )
    return key


def page(rows: list[dict], total: int, limit: int, collection: str, key: str, schema):
    """Dump one page of rows (fetched with one extra) into the collection envelope."""
    next_url = None
    if len(rows) > limit:
        rows = rows[:limit]
        args = request.args.to_dict(flat=False)
        args["cursor"] = [encode_cursor(collection, rows[-1][key])]
        next_url = f"{request.base_url}?{urlencode(args, doseq=True)}"
    body = {"items": schema.dump(rows, many=True), "total": total, "limit": limit, "next": next_url}
    headers = {"Link": f'<{next_url}>; rel="next"'} if next_url else {}
    return body, 200, headers
