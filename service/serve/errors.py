"""Problem documents (RFC 9457) for every error, rendered by one set of handlers."""

import logging

from flask import Flask, Response, json
from werkzeug.exceptions import HTTPException

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


class Unavailable(ApiError):
    """The database is missing or unreadable."""

    status, title, type = 503, "Service Unavailable", "urn:claims:problem:database-unavailable"


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
