"""Documents: metadata, checksums, counts, and the verbatim text."""

from flask import Blueprint, Response, request

from service.representations import DocumentSchema
from service.serve.api import detail
from service.serve.args import DocumentListArgs, load_args
from service.serve.context import store
from service.serve.pagination import collection
from service.vocab import DOCUMENT_ID

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
    return detail(id, DOCUMENT_ID, "document", store().get_document, document_schema.dump)


@bp.get("/v1/documents/<id>/text")
def get_document_text(id: str):
    """Return the verbatim source text that all offsets point into."""
    plain = lambda text: Response(text, mimetype="text/plain")  # noqa: E731
    return detail(id, DOCUMENT_ID, "document", store().document_text, plain)
