"""Our own IRIs are kept as paths and given the request's origin when served.

So one database and one store serve any host name: a build or a user annotation that
points at `/v1/paragraphs/p-...` reads `https://example.org/v1/paragraphs/p-...` there.
"""

from flask import request

URL_KEYS = {"id", "source", "target"}


def request_origin() -> str:
    """Return this server's origin as the request names it, which IRIs are made absolute
    against."""
    return request.host_url.rstrip("/")


def absolute(value, origin: str, key: str | None = None):
    """Give every path under "id", "source" or "target" the server's origin."""
    if isinstance(value, dict):
        return {k: absolute(v, origin, k) for k, v in value.items()}
    if isinstance(value, list):
        return [absolute(v, origin, key) for v in value]
    if key in URL_KEYS and isinstance(value, str) and value.startswith("/"):
        return origin + value
    return value


def relative(value, origin: str, key: str | None = None):
    """Turn this server's IRIs under "id", "source" or "target" back into paths."""
    if isinstance(value, dict):
        return {k: relative(v, origin, k) for k, v in value.items()}
    if isinstance(value, list):
        return [relative(v, origin, key) for v in value]
    if key in URL_KEYS and isinstance(value, str) and value.startswith(origin + "/"):
        return value[len(origin) :]
    return value
