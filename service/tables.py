"""The database layout and the rows the build writes into it."""

import hashlib
import json
from collections import Counter

import sqlite_utils

from service import fragments
from service.schemas import (
    CheckSchema,
    ClaimDetailSchema,
    ClaimSchema,
    ContestSchema,
    DateSchema,
    ParagraphDetailSchema,
    ParagraphSchema,
    SourceSchema,
)

# Paragraphs, dates and checks are dumped through their API schemas here, once, so
# that the server answers with stored JSON instead of re-serialising on every request.
item_schema, detail_schema = ParagraphSchema(), ParagraphDetailSchema()
date_schema, check_schema = DateSchema(), CheckSchema()
claim_schema, claim_detail_schema = ClaimSchema(), ClaimDetailSchema()
source_schema, contest_schema = SourceSchema(), ContestSchema()


def to_json(value) -> str:
    """Serialise compactly, keeping non-ASCII text as it is."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)


def create_tables(db: sqlite_utils.Database) -> None:
    """Create every table and index explicitly."""
    db["meta"].create({"key": str, "value": str}, pk="key")
    db["documents"].create(
        {
            "id": str,
            "title": str,
            "url": str,
            "author": str,
            "publisher": str,
            "published": str,
            "published_inferred": int,
            "published_basis": str,
            "language": str,
            "source_file": str,
            "sha256": str,
            "chars": int,
            "paragraph_count": int,
            "kind_counts": str,
            "text": str,
        },
        pk="id",
        not_null={"id", "source_file", "sha256", "chars", "text"},
    )
    db["paragraphs"].create(
        {
            "id": str,
            "document_id": str,
            "seq": int,
            "ordinal": int,
            "kind": str,
            "section": str,
            "char_start": int,
            "char_end": int,
            "text": str,
            "links": str,
            "item_json": str,
            "detail_json": str,
        },
        pk="id",
        foreign_keys=[("document_id", "documents", "id")],
        not_null={"id", "document_id", "seq", "ordinal", "kind", "text"},
    )
    db["paragraphs"].create_index(["seq"], unique=True)
    db["paragraphs"].create_index(["document_id", "seq"])
    db["paragraphs"].create_index(["document_id", "ordinal"], unique=True)
    db["paragraphs"].create_index(["kind", "seq"])
    db["paragraphs"].create_index(["section", "seq"])
    db["retired_paragraphs"].create(
        {"id": str, "document_id": str},
        pk="id",
        foreign_keys=[("document_id", "documents", "id")],
    )
    db["entities"].create(
        {
            "id": str,
            "name": str,
            "label": str,
            "description": str,
            "aliases": str,
            "curated": int,
            "mention_count": int,
            "paragraph_count": int,
            "search_text": str,
        },
        pk="id",
        not_null={"id", "name", "label", "curated", "mention_count"},
    )
    db["entities"].create_index(["mention_count", "id"])
    db["entities"].create_index(["label", "mention_count", "id"])
    db["mentions"].create(
        {
            "id": int,
            "entity_id": str,
            "paragraph_id": str,
            "document_id": str,
            "seq": int,
            "char_start": int,
            "char_end": int,
            "text": str,
            "label": str,
            "source": str,
        },
        pk="id",
        foreign_keys=[("entity_id", "entities", "id"), ("paragraph_id", "paragraphs", "id")],
    )
    db["mentions"].create_index(["entity_id", "seq", "char_start"])
    db["mentions"].create_index(["paragraph_id"])
    db["mentions"].create_index(["document_id", "entity_id"])
    db["dates"].create(
        {
            "id": str,
            "document_id": str,
            "paragraph_id": str,
            "seq": int,
            "char_start": int,
            "char_end": int,
            "text": str,
            "type": str,
            "value": str,
            "mod": str,
            "earliest": str,
            "latest": str,
            "anchor": str,
            "sentence": str,
            "json": str,
        },
        pk="id",
        foreign_keys=[("paragraph_id", "paragraphs", "id"), ("document_id", "documents", "id")],
    )
    db["dates"].create_index(["seq", "char_start"])
    db["dates"].create_index(["document_id", "seq"])
    db["dates"].create_index(["earliest", "latest"])
    db["checks"].create(
        {"id": str, "document_id": str, "seq": int, "kind": str, "agrees": int, "json": str},
        pk="id",
        foreign_keys=[("document_id", "documents", "id")],
    )


def date_ids(paragraph_ids: list[str], expressions) -> list[str]:
    """Give each temporal expression an ID from its paragraph, text and occurrence."""
    seen: Counter = Counter()
    result = []
    for expression in expressions:
        key = (paragraph_ids[expression.paragraph], expression.text)
        seed = f"{key[0]}\x00{key[1]}\x00{seen[key]}".encode()
        seen[key] += 1
        result.append("t-" + hashlib.sha256(seed).hexdigest()[:12])
    return result


def date_record(
    expression, date_id: str, paragraph_id: str, anchor_id: str | None, sentence: str
) -> dict:
    """Describe one temporal expression as the API serves it."""
    return {
        "id": date_id,
        "paragraph_id": paragraph_id,
        "start": expression.start,
        "end": expression.end,
        "text": expression.text,
        "type": expression.type,
        "value": expression.value,
        "mod": expression.mod,
        "earliest": expression.earliest.isoformat() if expression.earliest else None,
        "latest": expression.latest.isoformat() if expression.latest else None,
        "anchor": anchor_id,
        "sentence": sentence,
    }


def document_row(doc, paragraphs) -> dict:
    """Return a document's row."""
    meta = doc.metadata
    title = meta.get("title") or next(
        (p.served_text for p in paragraphs if p.kind == "title"), None
    )
    kinds = Counter(p.kind for p in paragraphs)
    return {
        "id": doc.id,
        "title": title,
        "url": meta.get("url"),
        "author": meta.get("author"),
        "publisher": meta.get("publisher"),
        "published": meta.get("published"),
        "published_inferred": int(meta["published_inferred"]),
        "published_basis": meta.get("published_basis"),
        "language": meta["language"],
        "source_file": doc.path.name,
        "sha256": doc.sha256,
        "chars": len(doc.source),
        "paragraph_count": len(paragraphs),
        "kind_counts": json.dumps(dict(sorted(kinds.items()))),
        "text": doc.source,
    }


def paragraph_row(paragraph, paragraph_ids, doc, seq, entities, dates, claims) -> dict:
    """Return a paragraph's row, with its list and detail JSON rendered."""
    doc_id = doc.id
    text = paragraph.served_text
    link = fragments.text_fragment(doc.metadata.get("url"), doc.source, text, 0, len(text))
    record = {
        "id": paragraph_ids[paragraph.ordinal],
        "document_id": doc_id,
        "ordinal": paragraph.ordinal,
        "kind": paragraph.kind,
        "section": paragraph.section,
        "start": paragraph.start,
        "end": paragraph.end,
        "text": paragraph.served_text,
        "links": paragraph.links,
        "fragment_url": link,
    }
    ordinal = paragraph.ordinal
    detail = {
        **record,
        "previous_id": paragraph_ids[ordinal - 1] if ordinal > 0 else None,
        "next_id": paragraph_ids[ordinal + 1] if ordinal + 1 < len(paragraph_ids) else None,
        "entities": entities,
        "dates": dates,
        "claims": claims,
    }
    return {
        "id": record["id"],
        "document_id": doc_id,
        "seq": seq,
        "ordinal": ordinal,
        "kind": paragraph.kind,
        "section": paragraph.section,
        "char_start": paragraph.start,
        "char_end": paragraph.end,
        "text": paragraph.served_text,
        "links": to_json(paragraph.links),
        "item_json": to_json(item_schema.dump(record)),
        "detail_json": to_json(detail_schema.dump(detail)),
    }


def create_claim_tables(db: sqlite_utils.Database) -> None:
    """Create the claims, sources and contests tables with their indexes."""
    db["claims"].create(
        {
            "id": str,
            "document_id": str,
            "paragraph_id": str,
            "seq": int,
            "char_start": int,
            "status": str,
            "kind": str,
            "origin": str,
            "contested": int,
            "hedged": int,
            "contest_id": str,
            "item_json": str,
            "detail_json": str,
        },
        pk="id",
        foreign_keys=[("paragraph_id", "paragraphs", "id"), ("document_id", "documents", "id")],
    )
    db["claims"].create_index(["seq", "char_start", "id"], unique=True)
    db["claims"].create_index(["paragraph_id"])
    db["claims"].create_index(["status", "seq"])
    db["claims"].create_index(["contested", "seq"])
    db["claim_sources"].create({"claim_id": str, "source_id": str}, pk=("claim_id", "source_id"))
    db["claim_sources"].create_index(["source_id", "claim_id"])
    db["claim_entities"].create({"claim_id": str, "entity_id": str}, pk=("claim_id", "entity_id"))
    db["claim_entities"].create_index(["entity_id", "claim_id"])
    db["sources"].create(
        {"id": str, "name": str, "type": str, "curated": int, "claim_count": int, "item_json": str},
        pk="id",
    )
    db["sources"].create_index(["type", "id"])
    db["contests"].create(
        {"id": str, "document_id": str, "seq": int, "json": str},
        pk="id",
        foreign_keys=[("document_id", "documents", "id")],
    )
    db["contests"].create_index(["seq", "id"])


def claim_item(claim: dict, sources: dict) -> dict:
    """Describe a claim as the API serves it in lists."""
    return {
        **claim,
        "sourcing": {
            "status": claim["status"],
            "sources": [source_ref(sources[s]) for s in claim["sources"]],
            "cue": claim["cue"],
            "hedges": claim["hedges"],
            "link": claim["link"],
        },
        "hedged": bool(claim["hedges"]),
        "contested": any(r["type"] == "contradicts" for r in claim["relations"]),
    }


def source_ref(source: dict) -> dict:
    """Name a source briefly."""
    return {"id": source["id"], "name": source["name"], "type": source["type"]}


def within(items: list[dict], start: int, end: int) -> list[dict]:
    """Keep the spans that lie inside [start, end)."""
    return [i for i in items if start <= i["start"] and i["end"] <= end]


def create_annotation_table(db: sqlite_utils.Database) -> None:
    """Create the table of W3C Web Annotations, in reading order."""
    db["annotations"].create(
        {"id": str, "document_id": str, "paragraph_id": str, "seq": int, "char_start": int,
         "motivation": str, "json": str},
        pk="id",
    )  # fmt: skip
    db["annotations"].create_index(["seq", "char_start", "id"])
    db["annotations"].create_index(["paragraph_id"])
    db["annotations"].create_index(["motivation", "seq"])


def create_search_table(db: sqlite_utils.Database) -> None:
    """Create the full-text index: diacritics folded, bm25 ranked, titles counting double."""
    db.execute(
        "CREATE VIRTUAL TABLE search USING fts5(title, text, kind UNINDEXED, ref_id UNINDEXED,"
        " document_id UNINDEXED, paragraph_id UNINDEXED,"
        " tokenize = 'unicode61 remove_diacritics 2')"
    )
    db.execute("INSERT INTO search(search, rank) VALUES ('rank', 'bm25(2.0, 1.0)')")


def insert_search(db: sqlite_utils.Database, rows: list[dict]) -> None:
    """Add rows to the full-text index."""
    db.conn.executemany(
        "INSERT INTO search (title, text, kind, ref_id, document_id, paragraph_id)"
        " VALUES (:title, :text, :kind, :ref_id, :document_id, :paragraph_id)",
        rows,
    )
