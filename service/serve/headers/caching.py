"""Cache-Control: a build's reads may be kept by shared caches; errors and writes never."""

import re

from flask import Request, Response

from service.serve.annotations.protocol import CONTAINER_PATH

READ_METHODS = ("GET", "HEAD")
NO_STORE = "no-store"
# Pages for people: a proxy does not pass a browser's reload on, so it must ask each time.
REVALIDATE = "no-cache"
# Health and a job's state say how things are now, never what a cache remembers of them.
LIVE_ENDPOINTS = {"meta.healthz", "jobs.get_job"}
# Static files keep the lifetime they are sent with (send_from_directory's max_age).
FILE_ENDPOINTS = {"reader.asset", "docs.asset"}
# What users write changes between builds: a cache must ask each time (the ETag says
# whether it changed), never serve a copy from before a write.
WRITABLE_PATHS = re.compile(re.escape(CONTAINER_PATH))
# The build's annotations, which list what a token wrote when asked for its `creator`.
ANNOTATION_LISTING = "annotations.list_annotations"


def read_policy(settings: dict) -> str:
    """Return the Cache-Control of a successful read, from the settings."""
    max_age = seconds(settings, "CACHE_MAX_AGE")
    stale = seconds(settings, "CACHE_STALE_WHILE_REVALIDATE")
    return f"public, max-age={max_age}, stale-while-revalidate={stale}"


def seconds(settings: dict, key: str) -> int:
    """Read a setting as a whole number of seconds, refusing anything else at start-up."""
    value = str(settings[key]).strip()
    if not re.fullmatch(r"[0-9]+", value):
        raise ValueError(f"CLAIMS_{key} must be a whole number of seconds, not {value!r}")
    return int(value)


def cache_control(request: Request, response: Response, read: str) -> str | None:
    """Choose a response's Cache-Control; None keeps the one its view set."""
    if request.method not in READ_METHODS or response.status_code >= 400:
        return NO_STORE
    if request.endpoint in LIVE_ENDPOINTS:
        return NO_STORE
    if request.endpoint in FILE_ENDPOINTS:
        return None
    if response.mimetype == "text/html" or shows_what_users_write(request):
        return REVALIDATE
    return read


def shows_what_users_write(request: Request) -> bool:
    """Tell whether an answer shows users' annotations: the container, its pages and
    annotations, and the annotations a `creator` wrote."""
    if WRITABLE_PATHS.match(request.path):
        return True
    return request.endpoint == ANNOTATION_LISTING and "creator" in request.args
