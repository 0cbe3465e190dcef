"""Documents: metadata, checksums, counts, and the verbatim text."""

from flask import Blueprint, Response, request

from service.api import store
from service.errors import NotFound
from service.pagination import collection
from service.schemas import (
    DOCUMENT_ID,
    ArgsSchema,
    DocumentListArgs,
    DocumentSchema,
    check_id,
    load_args,
)

bp = Blueprint("documents", __name__)
document_schema = DocumentSchema()


@bp.get("/v1/documents")
def list_documents():
    """List documents in id order."""
    args = load_args(DocumentListArgs(), request.args)
    fetch = lambda after, limit: store().list_documents(after, limit)  # noqa: E731
    return collection("documents", args, str, fetch, "id", document_schema.dump)


@bp.get("/v1/documents/<id>")
def get_document(id: str):
    """Return one document's metadata."""
    load_args(ArgsSchema(), request.args)
    document = store().get_document(check_id(id, DOCUMENT_ID, "document"))
    if document is None:
        raise NotFound(f"No document '{id}'.")
    return document_schema.dump(document)


@bp.get("/v1/documents/<id>/text")
def get_document_text(id: str):
    """Return the verbatim source text that all offsets point into."""
    load_args(ArgsSchema(), request.args)
    text = store().document_text(check_id(id, DOCUMENT_ID, "document"))
    if text is None:
        raise NotFound(f"No document '{id}'.")
    return Response(text, mimetype="text/plain")
