"""Run the build on one text in memory: the document, its paragraph IDs, its analyses and
the JSON the corpus would serve for it, with nothing read from or written to a database."""

import hashlib
import json
from pathlib import Path

from marshmallow import ValidationError

from service.pipeline import ids
from service.pipeline.assemble import assemble
from service.pipeline.claims.across import Pairing
from service.pipeline.claims.related import related_in_corpus
from service.pipeline.claims.sources import SourceRegistry, load_sources
from service.pipeline.db.corpus import CorpusTally, entity_rows
from service.pipeline.db.paragraph_rows import document_row
from service.pipeline.db.rows import DocumentRows
from service.pipeline.inputs import MetadataSchema, locate
from service.pipeline.language import ANALYSED, detect, not_analysed
from service.pipeline.nlp.gazetteer import GAZETTEER_FILE, load_gazetteer
from service.pipeline.parallel import analyse_documents
from service.pipeline.records import AssembledDocument, Document, DocumentBuild, paragraph_input
from service.pipeline.segment import segment_document
from service.representations import DocumentSchema, EntitySchema

document_schema, entity_schema = DocumentSchema(), EntitySchema()


class Refused(ValueError):
    """A text the build would refuse: not in English, or with metadata it cannot read."""

    def __init__(self, reason: str, language: str | None = None):
        super().__init__(reason)
        self.reason, self.language = reason, language


def in_memory(doc_id: str, source: str, metadata: dict) -> Document:
    """Make the document the build would read from `<doc_id>.txt` and its metadata file."""
    try:
        loaded = MetadataSchema().load(metadata)
    except ValidationError as error:
        raise Refused(f"the metadata is not valid: {locate(None, error.messages)[1]}") from None
    language = detect(source)
    if language != ANALYSED:
        raise Refused(not_analysed(language), language=language)
    loaded["language"] = language
    sha256 = hashlib.sha256(source.encode("utf-8")).hexdigest()
    return Document(doc_id, Path(f"{doc_id}.txt"), source, sha256, loaded, None)


def anchor(
    doc: Document, lock: dict | None, taken: set[str]
) -> tuple[DocumentBuild, ids.Anchoring]:
    """Segment a document and give its paragraphs their IDs: kept from its lock, else minted."""
    paragraphs = segment_document(doc)
    anchoring = ids.reanchor(doc.id, [p.served_text for p in paragraphs], lock, taken)
    retired = [entry["id"] for entry in anchoring.lock["retired"]]
    return DocumentBuild(doc, paragraphs, anchoring.ids, retired), anchoring


def analyse_text(
    doc: Document, model: str, annotations_dir: Path, related_in: Path | None = None
) -> dict:
    """Analyse a document as the build would a new one, against the corpus's gazetteer and
    sources but with no curated claims, and return what the API would serve for it; with
    related_in, a built database, its claims are paired with the corpus's there."""
    build, _ = anchor(doc, None, set())  # a new document: no lock, no IDs to keep
    gazetteer = load_gazetteer(annotations_dir / GAZETTEER_FILE)
    # Read afresh for every text: assembling adds the sources it detects to the registry.
    sources = load_sources(annotations_dir)
    inputs = [paragraph_input(p, doc.id) for p in build.paragraphs]
    # The build's own entry point, which keeps one loaded model per process.
    build.analyses = analyse_documents(model, gazetteer, [inputs])[0]
    return served(assemble(build, None, sources), gazetteer.by_id(), sources, related_in)


def served(
    document: AssembledDocument,
    curated: dict[str, dict],
    sources: SourceRegistry,
    related_in: Path | None = None,
) -> dict:
    """Render a document's items through the rows the build writes, in the corpus's order;
    with related_in, with the corpus claims each claim supports or contradicts."""
    names = {entity_id: entity["name"] for entity_id, entity in curated.items()}
    rows = DocumentRows(document, 0, names, sources)
    claims = [json.loads(row["item_json"]) for row in rows.claim_rows()]
    if related_in is not None:
        pairing = Pairing()
        pairing.add_document(document, rows.claim_entities, sources)
        _add_relations(claims, related_in_corpus(related_in, pairing, document.id))
    tally = CorpusTally()
    tally.add(document)
    entities = sorted(entity_rows(tally, curated), key=lambda r: (-r["mention_count"], r["id"]))
    build = document.build
    return {
        "document": _document(build),
        "paragraphs": [json.loads(row["detail_json"]) for row in rows.paragraphs()],
        "entities": [entity_schema.dump(_entity(row)) for row in entities],
        "dates": _stored(rows.date_rows(), ("seq", "char_start", "id")),
        "claims": claims,
        "contests": _stored(rows.contest_rows(), ("seq", "id")),
        "checks": _stored(rows.check_rows(), ("seq", "id")),
    }


def _add_relations(claims: list[dict], relations: list[dict]) -> None:
    """Add each relation to the relations of the text's claim it starts from."""
    by_id = {claim["id"]: claim for claim in claims}
    for relation in relations:
        claim = by_id[relation.pop("from")]
        claim["relations"].append(relation)
        if relation["type"] == "contradicts":
            claim["contested"] = True


def _document(build: DocumentBuild) -> dict:
    """Describe the document as /v1/documents/{id} would."""
    row = document_row(build.doc, build.paragraphs)
    row["published_inferred"] = bool(row["published_inferred"])
    row["kind_counts"] = json.loads(row["kind_counts"])
    return document_schema.dump(row)


def _entity(row: dict) -> dict:
    """Turn an entity row into the record /v1/entities lists."""
    return {**row, "aliases": json.loads(row["aliases"]), "curated": bool(row["curated"])}


def _stored(rows: list[dict], order: tuple[str, ...]) -> list[dict]:
    """Return rows' stored JSON in the order the corpus lists them."""
    return [json.loads(row["json"]) for row in sorted(rows, key=lambda r: [r[k] for k in order])]
