"""The reader: documents as annotated pages, server-rendered, for people."""

import json

from flask import Blueprint, make_response, render_template, request, send_from_directory

from service.serve.args import ArgsSchema, NotesArgs, ReaderArgs, check_id, load_args
from service.serve.context import store, user_store
from service.serve.errors import NotFound
from service.serve.headers import etags
from service.serve.pagination import every_row
from service.serve.reader import counts
from service.serve.reader import layout as reader
from service.serve.reader.charts import outlets, timeline, voices
from service.serve.reader.charts.labels import plural
from service.serve.reader.notes import PER_PAGE, SHOWN, note
from service.vocab import CLAIM_STATUSES, DOCUMENT_ID, PARAGRAPH_ID

bp = Blueprint("reader", __name__, template_folder="templates")
ASSETS = {"reader.css", "reader.js"}


@bp.get("/")
def index():
    """List the documents."""
    load_args(ArgsSchema(), request.args)
    documents = list(every_row(store().list_documents, "id"))
    response = render_template(
        "index.html",
        documents=documents,
        timeline=timeline.corpus_timeline(counts.event_years(store())),
        matrix=_sources_by_outlet(),
        plural=plural,
        max_years=timeline.MAX_YEARS,
        max_outlets=outlets.MAX_OUTLETS,
    )
    return response, 200, {"Link": '</v1/documents>; rel="alternate"; type="application/json"'}


@bp.get("/documents/<id>")
def document(id: str):
    """Render one document with its entities, dates and claims, filtered as asked."""
    args = load_args(ReaderArgs(), request.args)
    doc = store().get_document(check_id(id, DOCUMENT_ID, "document"))
    if doc is None:
        raise NotFound(f"No document '{id}'.")
    claims = store().document_claims(id)
    paragraphs = store().document_paragraphs(id)
    revision = user_store().revision()
    written = user_store().on_document(id, SHOWN)
    filters = {k: args.get(k) for k in ("contested", "status", "entity")}
    filters["active"] = any(filters.values())
    muted: set[str] = set()
    for paragraph in paragraphs:
        paragraph["claim_list"] = [
            claims[c["id"]] for c in paragraph["claims"] if c["id"] in claims
        ]
        shown = [c for c in paragraph["claim_list"] if _wanted(c, filters)]
        muted.update(
            c["id"] for c in paragraph["claim_list"] if filters["active"] and c not in shown
        )
        mentions = {m["entity_id"] for m in paragraph["entities"]}
        paragraph["visible"] = (
            not (filters["contested"] or filters["status"]) or bool(shown)
        ) and (not filters["entity"] or filters["entity"] in mentions)
        paragraph["blocks"] = reader.layout(paragraph, claims)
        total, first = written.get(paragraph["id"], (0, []))
        paragraph["notes"], paragraph["note_count"] = [note(a) for a in first], total
    entities = list(every_row(_entities_of(id), lambda row: [-row["mention_count"], row["id"]]))
    dated = list(every_row(_timeline_of(id), "key"))
    page = render_template(
        "document.html",
        document=doc,
        paragraphs=paragraphs,
        claims=claims,
        muted=muted,
        filters=filters,
        focus_entity=filters["entity"],
        statuses=CLAIM_STATUSES,
        entities=entities,
        timeline=dated,
        voices=voices.who_says_what(claims, muted),
        max_marks=voices.PER_LINE * voices.MAX_LINES,
        plural=plural,
        contradicts=reader.contradicts,
        html_datetime=reader.html_datetime,
    )
    link = f'</v1/documents/{id}>; rel="alternate"; type="application/json"'
    response = make_response(page, 200, {"Link": link})
    # The page shows what users wrote, so a write must change its tag.
    response.set_etag(etags.reader_page(store().meta()["build_id"], revision, request.full_path))
    return response


@bp.get("/documents/<id>/notes/<paragraph>")
def notes(id: str, paragraph: str):
    """Render one page of the notes users wrote on a paragraph, oldest first."""
    number = load_args(NotesArgs(), request.args)["page"]
    check_id(id, DOCUMENT_ID, "document")
    found = store().paragraph_json(check_id(paragraph, PARAGRAPH_ID, "paragraph", "paragraph"))
    text = json.loads(found) if found else None
    doc = store().get_document(id)
    if doc is None or text is None or text["document_id"] != id:
        raise NotFound(f"No paragraph '{paragraph}' in a document '{id}'.")
    revision = user_store().revision()
    filters = {"paragraph": paragraph}
    last = max(1, -(-user_store().count(filters) // PER_PAGE))
    if number > last:
        raise NotFound(f"The notes on '{paragraph}' have pages 1 to {last}.")
    written = user_store().page(filters, (number - 1) * PER_PAGE, PER_PAGE)
    page = render_template(
        "notes.html",
        document=doc,
        paragraph=text,
        notes=[note(annotation) for annotation in written],
        number=number,
        last=last,
        first_index=(number - 1) * PER_PAGE,
    )
    link = f'</v1/annotations/?paragraph={paragraph}>; rel="alternate"; type="application/ld+json"'
    response = make_response(page, 200, {"Link": link})
    response.set_etag(etags.reader_page(store().meta()["build_id"], revision, request.full_path))
    return response


def _sources_by_outlet() -> outlets.Matrix | None:
    """Lay out the most quoted sources' claims by outlet."""
    sources, quoted = counts.quoted_sources(store(), outlets.MAX_SOURCES)
    by_outlet = counts.claims_by_outlet(store(), [source["id"] for source in sources])
    return outlets.source_outlet_matrix(sources, by_outlet, quoted)


def _entities_of(document_id: str):
    """Fetch pages of a document's entities."""
    return lambda after, limit: store().list_entities({"document": document_id}, after, limit)


def _timeline_of(document_id: str):
    """Fetch pages of a document's timeline."""
    return lambda after, limit: store().timeline({"document": document_id}, after, limit)


def _wanted(claim: dict, filters: dict) -> bool:
    """Tell whether a claim passes the page's filters."""
    if filters["contested"] and not claim["contested"]:
        return False
    return not (filters["status"] and claim["sourcing"]["status"] != filters["status"])


@bp.get("/assets/<name>")
def asset(name: str):
    """Serve the reader's stylesheet and script."""
    if name not in ASSETS:
        raise NotFound(f"No asset '{name}'.")
    return send_from_directory(reader.STATIC, name, max_age=3600)
