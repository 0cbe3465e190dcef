"""Opaque keyset cursors and the collection envelope."""

import base64
import binascii
import json
from urllib.parse import urlencode

from flask import Response, request

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
    rows, next_url = _trim(rows, limit, collection, key)
    body = {"items": schema.dump(rows, many=True), "total": total, "limit": limit, "next": next_url}
    return body, 200, _link_header(next_url)


def stored_page(rows: list[dict], total: int, limit: int, collection: str, key: str):
    """Wrap one page of stored JSON items (fetched with one extra) in the envelope."""
    rows, next_url = _trim(rows, limit, collection, key)
    tail = json.dumps({"total": total, "limit": limit, "next": next_url}, separators=(",", ":"))
    body = '{"items":[' + ",".join(row["json"] for row in rows) + "]," + tail[1:]
    return Response(body, mimetype="application/json", headers=_link_header(next_url))


def _trim(rows: list[dict], limit: int, collection: str, key: str):
    """Drop the extra row fetched to learn whether a next page exists; link to it."""
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    args = request.args.to_dict(flat=False)
    args["cursor"] = [encode_cursor(collection, rows[-1][key])]
    return rows, f"{request.base_url}?{urlencode(args, doseq=True)}"


def _link_header(next_url: str | None) -> dict:
    """Return the Link header announcing the next page, if any."""
    return {"Link": f'<{next_url}>; rel="next"'} if next_url else {}
