"""The Idempotency-Key header on POST: a retried write is done once and answered as at first.

A client that sends `Idempotency-Key: <1 to 255 visible ASCII characters>` with a POST and
loses the answer (a timeout, a crash) sends the same request with the same key again: the
write is not done twice, and the retry gets the first answer, marked
`Idempotency-Replayed: true`. A key belongs to the token that sent it, for 24 hours.
"""

import hashlib
import re
from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from flask import Response, g, request

from service.serve.annotations.auth import writer
from service.serve.annotations.userstore.idempotency import (
    Answer,
    IdempotencyKeys,
    KeyInUse,
    KeyReused,
)
from service.serve.context import user_store
from service.serve.errors import (
    IdempotencyKeyInUse,
    IdempotencyKeyReused,
    InvalidParameters,
    Unauthorized,
)
from service.serve.raw_body import raw_body

HEADER = "Idempotency-Key"
REPLAYED = "Idempotency-Replayed"
KEY = re.compile(r"[\x21-\x7e]{1,255}\Z")
# What a replay repeats besides its status and body; CORS and caching headers come anew.
KEPT_HEADERS = ("Content-Type", "Location", "ETag", "Link", "Allow", "Vary")
T = TypeVar("T")


def idempotent(max_bytes: Callable[[], int]):
    """Make a POST view honour Idempotency-Key; the view writes through `once`, and reads a
    body of at most `max_bytes()` bytes."""

    def decorate(view):
        @wraps(view)
        def keyed(*args, **kwargs):
            key = _key()
            if key is None:
                return view(*args, **kwargs)
            try:
                owner = writer()
            except Unauthorized:
                return view(*args, **kwargs)  # it refuses the request in its own words
            limit = max_bytes()
            if (request.content_length or 0) > limit or len(raw_body(limit)) > limit:
                return view(*args, **kwargs)  # it refuses the body as too large
            keys = IdempotencyKeys(user_store())
            try:
                held = keys.claim(owner, key, fingerprint(raw_body(limit)))
            except KeyReused as reused:
                raise IdempotencyKeyReused(
                    f"The Idempotency-Key '{key}' was first sent at {reused} with another "
                    "request (another method, path, media type or body): send a new key "
                    "with a new request."
                ) from None
            except KeyInUse as since:
                raise _in_use(f"The first request with this key, sent at {since},") from None
            if isinstance(held, Answer):
                return _replay(held)
            g.idempotency = held
            try:
                return view(*args, **kwargs)
            finally:
                g.pop("idempotency")
                if not held.answered:  # refused, or failed: nothing was written
                    keys.release(held)

        return keyed

    return decorate


def once(write: Callable[[], T], respond: Callable[[T], Response]) -> Response:
    """Write and answer; under an Idempotency-Key, record the answer in the write's own
    transaction, so that the write is never kept without it."""
    held = g.get("idempotency")
    if held is None:
        return respond(write())
    users = user_store()
    try:
        with users.transaction() as cur:
            response = respond(write())
            IdempotencyKeys(users).record(cur, held, _answer(response))
    except KeyInUse:
        raise _in_use("Another request with this Idempotency-Key took it over; it") from None
    held.answered = True
    return response


def fingerprint(body: bytes) -> str:
    """Hash what makes a request the same request: method, path, query, media type, body."""
    digest = hashlib.sha256()
    for part in (
        request.method,
        request.path,
        request.query_string.decode("latin-1"),
        request.headers.get("Content-Type", ""),
    ):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\n")
    digest.update(body)
    return digest.hexdigest()


def _key() -> str | None:
    """Return the Idempotency-Key sent, None without one, or raise a 400 for a bad one."""
    sent = request.headers.getlist(HEADER)
    if not sent:
        return None
    if len(sent) > 1 or not KEY.match(sent[0]):
        raise InvalidParameters(
            "The Idempotency-Key header is not valid.",
            {HEADER: ["Send one key of 1 to 255 visible ASCII characters (no spaces)."]},
        )
    return sent[0]


def _answer(response: Response) -> Answer:
    """Keep what a replay repeats of an answer."""
    headers = [(name, response.headers[name]) for name in KEPT_HEADERS if name in response.headers]
    return Answer(response.status_code, headers, response.get_data(as_text=True))


def _replay(answer: Answer) -> Response:
    """Answer again as the key's first request was answered."""
    response = Response(answer.body, status=answer.status)
    for name, value in answer.headers:
        response.headers[name] = value
    response.headers[REPLAYED] = "true"
    return response


def _in_use(who: str) -> IdempotencyKeyInUse:
    """Say that a key's request is still running; retry once it has answered."""
    return IdempotencyKeyInUse(
        f"{who} is still running: send it again in a moment to get its answer.",
        headers={"Retry-After": "1"},
    )
