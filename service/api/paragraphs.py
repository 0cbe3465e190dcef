"""Paragraphs: stable IDs, kinds, sections, text and link markers."""

from flask import Blueprint, Response, request

from service.api import store
from service.errors import Gone, NotFound
from service.pagination import collection
from service.schemas import PARAGRAPH_ID, ArgsSchema, ParagraphListArgs, check_id, load_args

# Paragraph JSON is dumped through ParagraphSchema / ParagraphDetailSchema at build
# time (service.build); these views serve it as stored.
bp = Blueprint("paragraphs", __name__)


@bp.get("/v1/paragraphs")
def list_paragraphs():
    """List paragraphs in corpus order, filtered by document, kind, section or entity."""
    args = load_args(ParagraphListArgs(), request.args)
    filters = {
        "document_id": args.get("document"),
        "kind": args.get("kind"),
        "section": args.get("section"),
        "entity": args.get("entity"),
        "has_claims": args.get("has_claims"),
    }
    fetch = lambda after, limit: store().list_paragraphs(filters, after, limit)  # noqa: E731
    return collection("paragraphs", args, int, fetch, "seq")


@bp.get("/v1/paragraphs/<id>")
def get_paragraph(id: str):
    """Return one paragraph; 410 when its ID was retired."""
    load_args(ArgsSchema(), request.args)
    paragraph = store().paragraph_json(check_id(id, PARAGRAPH_ID, "paragraph"))
    if paragraph is not None:
        return Response(paragraph, mimetype="application/json")
    if store().is_retired(id):
        raise Gone(f"Paragraph {id} was removed from its source text; its ID is retired.")
    raise NotFound(f"No paragraph {id}.")
