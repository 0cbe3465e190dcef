"""A request's body, read once and at most one byte past a limit: an idempotency key's
fingerprint and the view read the same bytes."""

from flask import g, request


def raw_body(max_bytes: int) -> bytes:
    """Return the body, or its first max_bytes + 1 bytes when it is longer."""
    if "raw_body" not in g:
        # The stream can be read only once; a body sent without a length stops one byte past.
        g.raw_body = request.stream.read(max_bytes + 1)
    return g.raw_body
