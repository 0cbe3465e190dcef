"""The database layout: every table and index, created explicitly before any insert."""

import sqlite_utils


def create_all(db: sqlite_utils.Database) -> None:
    """Create every table and index of the corpus database."""
    create_tables(db)
    create_claim_tables(db)
    create_search_table(db)
    create_annotation_table(db)


def create_tables(db: sqlite_utils.Database) -> None:
    """Create every table and index explicitly."""
    db.table("meta").create({"key": str, "value": str}, pk="key")
    db.table("documents").create(
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
    # A text sent over HTTP is refused when the corpus already has it, byte for byte.
    db.table("documents").create_index(["sha256"])
    db.table("paragraphs").create(
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
            "has_claims": int,
            "item_json": str,
            "detail_json": str,
        },
        pk="id",
        foreign_keys=[("document_id", "documents", "id")],
        not_null={"id", "document_id", "seq", "ordinal", "kind", "text"},
    )
    db.table("paragraphs").create_index(["has_claims", "seq"])
    db.table("paragraphs").create_index(["seq"], unique=True)
    db.table("paragraphs").create_index(["document_id", "seq"])
    db.table("paragraphs").create_index(["document_id", "ordinal"], unique=True)
    db.table("paragraphs").create_index(["kind", "seq"])
    db.table("paragraphs").create_index(["section", "seq"])
    db.table("retired_paragraphs").create(
        {"id": str, "document_id": str},
        pk="id",
        foreign_keys=[("document_id", "documents", "id")],
    )
    # Every ID of a removed document: it answers 410 Gone, saying when and why.
    db.table("gone").create(
        {
            "id": str,
            "kind": str,
            "document_id": str,
            "retired_at": str,
            "reason": str,
            "title": str,
        },
        pk=("kind", "id"),
        not_null={"id", "kind", "document_id", "retired_at", "reason"},
    )
    db.table("entities").create(
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
    db.table("entities").create_index(["mention_count", "id"])
    db.table("entities").create_index(["label", "mention_count", "id"])
    db.table("mentions").create(
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
    db.table("mentions").create_index(["entity_id", "seq", "char_start"])
    db.table("mentions").create_index(["paragraph_id"])
    db.table("mentions").create_index(["document_id", "entity_id"])
    db.table("dates").create(
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
    db.table("dates").create_index(["seq", "char_start"])
    db.table("dates").create_index(["document_id", "seq"])
    db.table("dates").create_index(["earliest", "latest"])
    # The timeline: dated expressions in chronological order.
    db.table("dates").create_index(["type", "earliest", "latest", "seq", "char_start"])
    db.table("checks").create(
        {"id": str, "document_id": str, "seq": int, "kind": str, "agrees": int, "json": str},
        pk="id",
        foreign_keys=[("document_id", "documents", "id")],
    )


def create_claim_tables(db: sqlite_utils.Database) -> None:
    """Create the claims, sources and contests tables with their indexes."""
    for column in (None, "document_id", "agrees"):
        db.table("checks").create_index([c for c in (column, "seq", "id") if c])
    db.table("claims").create(
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
            "corroborated": int,  # another document reports it (set once all are in)
            "hedged": int,
            "contest_id": str,
            "item_json": str,
            "detail_json": str,
        },
        pk="id",
        foreign_keys=[("paragraph_id", "paragraphs", "id"), ("document_id", "documents", "id")],
    )
    db.table("claims").create_index(["seq", "char_start", "id"], unique=True)
    db.table("claims").create_index(["paragraph_id"])
    # Every filter's index ends in the reading order, so a page is a walk, not a sort.
    filters = ("status", "contested", "corroborated", "hedged", "kind", "origin", "document_id")
    for column in filters:
        db.table("claims").create_index([column, "seq", "char_start", "id"])
    link = {"claim_id": str, "seq": int, "char_start": int}
    db.table("claim_sources").create({**link, "source_id": str}, pk=("claim_id", "source_id"))
    db.table("claim_sources").create_index(["source_id", "seq", "char_start", "claim_id"])
    db.table("claim_entities").create({**link, "entity_id": str}, pk=("claim_id", "entity_id"))
    db.table("claim_entities").create_index(["entity_id", "seq", "char_start", "claim_id"])
    db.table("paragraph_entities").create(
        {"entity_id": str, "paragraph_id": str, "seq": int}, pk=("entity_id", "seq")
    )
    db.table("sources").create(
        {
            "id": str,
            "name": str,
            "type": str,
            "curated": int,
            "claim_count": int,
            "item_json": str,
            "detail_json": str,
        },
        pk="id",
    )
    db.table("sources").create_index(["type", "id"])
    db.table("sources").create_index(["claim_count", "id"])
    db.table("contests").create(
        {"id": str, "document_id": str, "seq": int, "json": str},
        pk="id",
        foreign_keys=[("document_id", "documents", "id")],
    )
    db.table("contests").create_index(["seq", "id"])
    db.table("contests").create_index(["document_id", "seq", "id"])
    # What pairing compares of each claim, and what tells each document's story, so that a
    # text analysed later can be paired with the corpus's claims without building again.
    db.table("signatures").create(
        {"claim_id": str, "document_id": str, "json": str},
        pk="claim_id",
        foreign_keys=[("document_id", "documents", "id")],
    )
    db.table("stories").create(
        {"document_id": str, "entities": str, "earliest": str, "latest": str},
        pk="document_id",
        foreign_keys=[("document_id", "documents", "id")],
    )


def create_annotation_table(db: sqlite_utils.Database) -> None:
    """Create the table of W3C Web Annotations, in reading order."""
    db.table("annotations").create(
        {
            "id": str,
            "document_id": str,
            "paragraph_id": str,
            "seq": int,
            "char_start": int,
            "motivation": str,
            "json": str,
        },
        pk="id",
    )
    for column in (None, "document_id", "paragraph_id", "motivation"):
        db.table("annotations").create_index([c for c in (column, "seq", "char_start", "id") if c])


def create_search_table(db: sqlite_utils.Database) -> None:
    """Create the full-text index: words stemmed (Porter), diacritics folded, bm25 ranked,
    titles counting double."""
    db.execute(
        "CREATE VIRTUAL TABLE search USING fts5(title, text, kind UNINDEXED, ref_id UNINDEXED,"
        " document_id UNINDEXED, paragraph_id UNINDEXED,"
        " tokenize = 'porter unicode61 remove_diacritics 2')"
    )
    db.execute("INSERT INTO search(search, rank) VALUES ('rank', 'bm25(2.0, 1.0)')")
