"""Read a request body that should hold one annotation: media type, size, JSON, object."""

import json

from flask import request

from service.serve.annotations.limits import check_shape
from service.serve.annotations.protocol import ACCEPTED_BODIES, JSON_LD
from service.serve.errors import MalformedBody, PayloadTooLarge, UnsupportedMediaType
from service.serve.raw_body import raw_body

MAX_BODY = 1024 * 1024  # bytes an annotation may take; 1 MiB is far above any real one


def read_annotation() -> dict:
    """Return the body as a JSON object, or raise 415, 413 or 400 saying why not."""
    if request.mimetype not in ACCEPTED_BODIES:
        sent = request.mimetype or "no Content-Type"
        raise UnsupportedMediaType(
            f"An annotation is sent as {JSON_LD} (or application/json), not {sent}.",
            headers={"Accept-Post": JSON_LD},
        )
    if (request.content_length or 0) > MAX_BODY:
        raise _too_large()
    raw = raw_body(MAX_BODY)
    if len(raw) > MAX_BODY:
        raise _too_large()
    try:
        value = json.loads(raw.decode("utf-8"), parse_constant=_refuse_constant)
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise MalformedBody(
            f"The body is not JSON: {str(error)[:200]}.",
            errors={"body": ["Not valid UTF-8 JSON."]},
        ) from None
    check_shape(value)
    if not isinstance(value, dict):
        raise MalformedBody(
            f"An annotation is a JSON object, not {type(value).__name__}.",
            errors={"body": ["Must be a JSON object with type Annotation."]},
        )
    return value


def _too_large() -> PayloadTooLarge:
    """Say how large a body may be."""
    return PayloadTooLarge(f"An annotation may take at most {MAX_BODY} bytes (1 MiB).")


def _refuse_constant(name: str):
    """Refuse NaN and Infinity, which JSON does not have."""
    raise ValueError(f"{name} is not JSON")
