"""Cross-cutting HTTP behaviour: CORS, entity tags with 304s, caching and security headers."""

from flask import Flask, request
from flask_cors import CORS
from werkzeug.exceptions import MethodNotAllowed
from werkzeug.routing import RequestRedirect

from service.serve.errors import ApiError
from service.serve.headers import etags
from service.serve.headers.caching import cache_control, read_policy
from service.serve.headers.framing import frame_ancestors, reader_headers

# What a browser client may read: what the W3C Web Annotation Protocol asks for, when to
# try a busy analysis again, and whether a POST's answer is a replay.
EXPOSED_HEADERS = [
    "ETag",
    "Link",
    "Allow",
    "Vary",
    "Content-Type",
    "Location",
    "Content-Location",
    "Prefer",
    "Preference-Applied",
    "Accept-Post",
    "WWW-Authenticate",
    "Content-Disposition",
    "Retry-After",
    "Idempotency-Replayed",
]
ALLOWED_METHODS = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "DELETE"]
ALLOWED_HEADERS = [
    "Content-Type",
    "Prefer",
    "If-Match",
    "If-None-Match",
    "Authorization",
    "Accept",
    "Idempotency-Key",
]
# Pages load only this server's own scripts and styles: no inline code, nothing else.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
# The pages for people that CLAIMS_FRAME_ANCESTORS lets other sites frame.
READER = "reader"


def register_http(app: Flask, store) -> None:
    """Give every response CORS, an ETag and Cache-Control, and answer 304 when it matches."""
    read = read_policy(app.config["CLAIMS"])
    framed = frame_ancestors(app.config["CLAIMS"].get("FRAME_ANCESTORS"))
    reader_security = reader_headers(SECURITY_HEADERS, framed)
    CORS(
        app,
        origins="*",
        send_wildcard=True,
        expose_headers=EXPOSED_HEADERS,
        methods=ALLOWED_METHODS,
        allow_headers=ALLOWED_HEADERS,
        max_age=86400,
    )

    @app.before_request
    def refuse_writes_to_paths_without_their_slash():
        """Answer 405 to a write that would be redirected (POST /v1/annotations, say).

        The routing would send it on to the path with a slash; a client that writes to
        the wrong resource is told so instead, with the methods this one takes.
        """
        if isinstance(request.routing_exception, RequestRedirect) and request.method not in (
            "GET",
            "HEAD",
            "OPTIONS",
        ):
            adapter = app.url_map.bind_to_environ(request.environ)
            raise MethodNotAllowed(valid_methods=adapter.allowed_methods(request.path))

    @app.after_request
    def tag_and_revalidate(response):
        """Add CORS, an ETag, Cache-Control and security headers; 304 when the tag matches."""
        if represents_a_resource(response):
            if not response.get_etag()[0]:
                response.set_etag(entity_tag(store, response))
        else:
            # A tag on an error would name no version of anything: a client that sent it
            # back in If-Match would be answered 412.
            del response.headers["ETag"]
        # Chosen before a 304 replaces the 200, so that both carry the same policy.
        policy = cache_control(request, response, read)
        if policy is not None:
            response.headers["Cache-Control"] = policy
        security = reader_security if request.blueprint == READER else SECURITY_HEADERS
        for name, value in security.items():
            response.headers.setdefault(name, value)
        if response.status_code == 200:
            response.make_conditional(request)
        return response


def represents_a_resource(response) -> bool:
    """Tell an answer that carries a representation (a 2xx with a body, or a 304 standing
    for one) from an error, a redirect or a 204, which carry no ETag."""
    status = response.status_code
    return status == 304 or (200 <= status < 300 and status != 204)


def entity_tag(store, response) -> str:
    """Tag a response by build and URL, or by its body when no build can be read."""
    try:
        base = store.meta()["build_id"]
    except ApiError:
        base = etags.body(response.get_data())
    return etags.corpus_read(base, request.full_path, response.status_code, response.mimetype)
