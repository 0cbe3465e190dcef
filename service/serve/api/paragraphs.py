"""Paragraphs: stable IDs, kinds, sections, text and link markers."""

from flask import Blueprint, request

from service.serve.api import detail
from service.serve.args import load_args
from service.serve.context import store
from service.serve.document_choice import ParagraphArgs, choice_of
from service.serve.errors import Gone
from service.serve.pagination import collection
from service.vocab import PARAGRAPH_ID

# Paragraph JSON is dumped through ParagraphSchema / ParagraphDetailSchema at build
# time; these views serve it as stored.
bp = Blueprint("paragraphs", __name__)


@bp.get("/v1/paragraphs")
def list_paragraphs():
    """List paragraphs in corpus order, filtered by document, outlet, publication date, kind,
    section or entity."""
    args = load_args(ParagraphArgs(), request.args)
    filters = {
        **choice_of(args),
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
    return detail(id, PARAGRAPH_ID, "paragraph", _paragraph_or_gone)


def _paragraph_or_gone(paragraph_id: str) -> str | None:
    """Return a paragraph's stored JSON; raise 410 for an id its text no longer has, None
    for an unknown one (detail() then answers 410 if its document was removed)."""
    found = store().paragraph_json(paragraph_id)
    if found is None and store().is_retired(paragraph_id):
        raise Gone(f"Paragraph {paragraph_id} was removed from its source text; its ID is retired.")
    return found
