"""Problem documents (RFC 9457) for every error, rendered by one set of handlers."""

import logging

from flask import Flask, Response, json
from werkzeug.exceptions import HTTPException

from service.serve.annotations.userstore.base import StoreUnwritable

PROBLEM_JSON = "application/problem+json"
log = logging.getLogger(__name__)


class ApiError(Exception):
    """An error a client can cause or must be told about; rendered as a problem document."""

    status = 400
    title = "Bad Request"
    type = "about:blank"

    def __init__(
        self,
        detail: str,
        errors: dict | None = None,
        headers: dict | None = None,
        extra: dict | None = None,
    ):
        super().__init__(detail)
        self.detail, self.errors, self.headers = detail, errors, headers or {}
        self.extra = extra or {}  # members the problem type adds (RFC 9457 extensions)


class InvalidParameters(ApiError):
    """One or more query or path parameters are unknown or malformed."""

    type = "urn:claims:problem:invalid-parameters"
    title = "Invalid request parameters"


class NotFound(ApiError):
    """No resource has this identifier."""

    status, title = 404, "Not Found"


class Gone(ApiError):
    """The resource existed and was retired; it will not come back under this URL."""

    status, title, type = 410, "Gone", "urn:claims:problem:retired"


class MalformedBody(ApiError):
    """The request body is not JSON, or not a JSON object."""

    type, title = "urn:claims:problem:malformed-body", "Malformed request body"


class InvalidAnnotation(ApiError):
    """The body is JSON but not an annotation we can store; `errors` names each field."""

    status, title = 422, "Invalid annotation"
    type = "urn:claims:problem:invalid-annotation"


class Unauthorized(ApiError):
    """A write came without a valid bearer token."""

    status, title, type = 401, "Unauthorized", "urn:claims:problem:unauthorized"


class Forbidden(ApiError):
    """The token is valid but may not change this resource."""

    status, title, type = 403, "Forbidden", "urn:claims:problem:forbidden"


class QuotaExceeded(ApiError):
    """The token has stored as much as one token may; the request itself may be fine."""

    status, title, type = 403, "Forbidden", "urn:claims:problem:quota"


class MethodNotAllowed(ApiError):
    """This resource does not take this method; `Allow` says which it takes."""

    status, title, type = 405, "Method Not Allowed", "urn:claims:problem:read-only"


class PreconditionFailed(ApiError):
    """If-Match named a version that is no longer current."""

    status, title, type = 412, "Precondition Failed", "urn:claims:problem:stale-etag"


class Conflict(ApiError):
    """The request would take what another document has: its id, or its very text."""

    status, title, type = 409, "Conflict", "urn:claims:problem:conflict"


class IdempotencyKeyInUse(ApiError):
    """The first request with this Idempotency-Key is still running."""

    status, title, type = 409, "Conflict", "urn:claims:problem:idempotency-key-in-use"


class IdempotencyKeyReused(ApiError):
    """This Idempotency-Key was first sent with another request."""

    status, title = 422, "Unprocessable Content"
    type = "urn:claims:problem:idempotency-key-reused"


class PayloadTooLarge(ApiError):
    """The body is over the size a write may have."""

    status, title, type = 413, "Content Too Large", "urn:claims:problem:too-large"


class UnsupportedMediaType(ApiError):
    """The body is not in a media type this resource reads."""

    status, title, type = 415, "Unsupported Media Type", "urn:claims:problem:media-type"


class UnanalysableText(ApiError):
    """A text the pipeline refuses: not in English, or a page with no article in it."""

    status, title, type = 422, "Unprocessable Content", "urn:claims:problem:not-analysable"


class Busy(ApiError):
    """Every analysis slot of this process is taken; `Retry-After` says when to try again."""

    status, title, type = 429, "Too Many Requests", "urn:claims:problem:busy"


class PreconditionRequired(ApiError):
    """A change came without If-Match, which would risk overwriting someone's edit."""

    status, title, type = 428, "Precondition Required", "urn:claims:problem:if-match-required"


class Deleted(Gone):
    """A user annotation that was deleted; its id is not given out again."""

    type = "urn:claims:problem:deleted"


class Unavailable(ApiError):
    """The database is missing or unreadable."""

    status, title, type = 503, "Service Unavailable", "urn:claims:problem:database-unavailable"


class StoreReadOnly(ApiError):
    """The writable store can be read but not written: writes wait until it can be."""

    status, title, type = 503, "Service Unavailable", "urn:claims:problem:store-read-only"


class StoreUnavailable(ApiError):
    """The writable store cannot be read."""

    status, title, type = 503, "Service Unavailable", "urn:claims:problem:store-unavailable"


class TooSlow(ApiError):
    """A query ran past its deadline and was stopped; `Retry-After` spaces out retries."""

    status, title, type = 503, "Service Unavailable", "urn:claims:problem:too-slow"


def problem(
    status: int, title: str, detail: str, type_: str = "about:blank", errors=None, extra=None
):
    """Build a problem+json response."""
    body = {"type": type_, "title": title, "status": status, "detail": detail, **(extra or {})}
    if errors:
        body["errors"] = errors
    return Response(json.dumps(body), status=status, mimetype=PROBLEM_JSON)


def register_error_handlers(app: Flask) -> None:
    """Render our errors, werkzeug's and anything unexpected as problem documents."""

    @app.errorhandler(ApiError)
    def handle_api_error(error: ApiError):
        """Render an error we raised."""
        response = problem(
            error.status, error.title, error.detail, error.type, error.errors, error.extra
        )
        response.headers.update(error.headers)
        return response

    @app.errorhandler(StoreUnwritable)
    def handle_unwritable(error: StoreUnwritable):
        """Answer a write to a read-only store with 503, the reads going on serving."""
        return handle_api_error(StoreReadOnly(f"Writes are off: {error}."))

    @app.errorhandler(HTTPException)
    def handle_http_exception(error: HTTPException):
        """Render werkzeug's errors (404 for unknown paths, 405 with Allow)."""
        response = problem(error.code or 500, error.name, error.description or error.name)
        for name, value in error.get_headers():
            if name.lower() == "allow":
                response.headers[name] = value
        return response

    @app.errorhandler(Exception)
    def handle_unexpected(error: Exception):
        """Log a failure and answer a problem document without its details."""
        log.exception("unhandled error")
        return problem(500, "Internal Server Error", "The server failed; the error is logged.")
