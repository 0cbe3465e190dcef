"""Cross-cutting HTTP behaviour: CORS, entity tags with 304s, caching headers."""

import hashlib

from flask import Flask, request
from flask_cors import CORS

from service.errors import ApiError

EXPOSED_HEADERS = ["ETag", "Link", "Allow", "Content-Disposition"]


def register_http(app: Flask, store) -> None:
    """Give every response CORS headers and an ETag, and answer 304 when it matches."""
    CORS(app, origins="*", send_wildcard=True, expose_headers=EXPOSED_HEADERS, max_age=86400)

    @app.after_request
    def tag_and_revalidate(response):
        if not response.get_etag()[0]:
            response.set_etag(entity_tag(store, response))
        response.headers.setdefault("Cache-Control", "no-cache")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        if response.status_code == 200:
            response.make_conditional(request)
        return response


def entity_tag(store, response) -> str:
    """Tag a response by build and URL, or by its body when no build can be read."""
    try:
        base = store.meta()["build_id"]
    except ApiError:
        base = hashlib.blake2b(response.get_data(), digest_size=8).hexdigest()
    seed = f"{request.full_path}\n{response.status_code}\n{response.mimetype}".encode()
    return f"{base}-{hashlib.blake2b(seed, digest_size=8).hexdigest()}"
