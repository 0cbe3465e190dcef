"""Health, API index and the OpenAPI contract."""

from pathlib import Path

from flask import Blueprint, request, send_file, url_for

from service.serve.args import ArgsSchema, load_args
from service.serve.context import store, user_store
from service.serve.errors import NotFound, StoreUnavailable

OPENAPI_PATH = Path(__file__).resolve().parents[3] / "openapi.yaml"
OPENAPI_MEDIA_TYPES = ("application/yaml", "text/plain")
bp = Blueprint("meta", __name__)


@bp.get("/healthz")
def healthz():
    """Report that the service can read its database and its store, which build it serves,
    and whether the store takes writes."""
    load_args(ArgsSchema(), request.args)
    build_id = store().meta()["build_id"]
    health = user_store().health()
    if health == "unreadable":
        raise StoreUnavailable("The writable store (CLAIMS_STORE) cannot be read.")
    return {"status": "ok", "build_id": build_id, "store": health}


@bp.get("/v1")
def index():
    """Describe the API: its build and where its resources are."""
    load_args(ArgsSchema(), request.args)
    meta = store().meta()
    return {
        "name": "claims",
        "api_version": "v1",
        "build": {
            "id": meta["build_id"],
            "built_at": meta["built_at"],
            "schema_version": meta["schema_version"],
            "model": meta["model"],
            "model_version": meta["model_version"] or None,
        },
        "links": {
            "documents": url_for("documents.list_documents"),
            "paragraphs": url_for("paragraphs.list_paragraphs"),
            "entities": url_for("entities.list_entities"),
            "dates": url_for("dates.list_dates"),
            "timeline": url_for("timeline.timeline"),
            "checks": url_for("checks.list_checks"),
            "claims": url_for("claims.list_claims"),
            "sources": url_for("sources.list_sources"),
            "contests": url_for("contests.list_contests"),
            "search": url_for("search.search"),
            "annotations": url_for("annotations.list_annotations"),
            "openapi": url_for("meta.openapi"),
        },
    }


@bp.get("/openapi.yaml")
def openapi():
    """Serve the API contract."""
    load_args(ArgsSchema(), request.args)
    if not OPENAPI_PATH.exists():
        raise NotFound("This installation ships no openapi.yaml.")
    # YAML by default; as text/plain to a client that asks for it over YAML, as tools
    # that read only text and JSON (and browsers showing it inline) do.
    media = request.accept_mimetypes.best_match(OPENAPI_MEDIA_TYPES, OPENAPI_MEDIA_TYPES[0])
    response = send_file(OPENAPI_PATH, mimetype=media, etag=False)
    response.vary.add("Accept")
    return response
