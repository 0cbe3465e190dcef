"""Paragraphs: stable IDs, kinds, sections, text and link markers."""

from flask import Blueprint, request

from service.api import store
from service.errors import Gone, NotFound
from service.pagination import decode_cursor, page
from service.schemas import (
    PARAGRAPH_ID,
    ArgsSchema,
    ParagraphDetailSchema,
    ParagraphListArgs,
    ParagraphSchema,
    check_id,
    load_args,
)

bp = Blueprint("paragraphs", __name__)
paragraph_schema = ParagraphSchema()
detail_schema = ParagraphDetailSchema()


@bp.get("/v1/paragraphs")
def list_paragraphs():
    """List paragraphs in corpus order, filtered by document, kind or section."""
    args = load_args(ParagraphListArgs(), request.args)
    after = decode_cursor("paragraphs", args["cursor"], int)
    filters = {
        "document_id": args.get("document"),
        "kind": args.get("kind"),
        "section": args.get("section"),
    }
    rows, total = store().list_paragraphs(filters, after, args["limit"])
    return page(rows, total, args["limit"], "paragraphs", "seq", paragraph_schema)


@bp.get("/v1/paragraphs/<id>")
def get_paragraph(id: str):
    """Return one paragraph; 410 when its ID was retired."""
    load_args(ArgsSchema(), request.args)
    paragraph = store().get_paragraph(check_id(id, PARAGRAPH_ID, "paragraph"))
    if paragraph is not None:
        return detail_schema.dump(paragraph)
    if store().is_retired(id):
        raise Gone(f"Paragraph {id} was removed from its source text; its ID is retired.")
    raise NotFound(f"No paragraph {id}.")
