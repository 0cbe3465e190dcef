"""Insert rows into the corpus database: no decisions here, only writes."""

import sqlite_utils

from service.pipeline.db.rows import DocumentRows

# The tables of one document's rows, in an order that satisfies their foreign keys.
DOCUMENT_TABLES = (
    ("documents", "document_rows"),
    ("paragraphs", "paragraphs"),
    ("mentions", "mention_rows"),
    ("dates", "date_rows"),
    ("checks", "check_rows"),
    ("claims", "claim_rows"),
    ("claim_sources", "claim_source_rows"),
    ("claim_entities", "claim_entity_rows"),
    ("paragraph_entities", "paragraph_entity_rows"),
    ("contests", "contest_rows"),
    ("annotations", "annotation_rows"),
    ("retired_paragraphs", "retired_rows"),
)


class Writer:
    """Insert each document's rows as they come, then the corpus-wide ones."""

    def __init__(self, db: sqlite_utils.Database):
        self.db = db

    def write_document(self, rows: DocumentRows) -> dict[str, int]:
        """Insert one document's rows; return how many went into each table."""
        counts = {}
        for table, method in DOCUMENT_TABLES:
            batch = getattr(rows, method)()
            self.db.table(table).insert_all(batch)
            counts[table] = len(batch)
        self.insert_search(rows.search_rows())
        return counts

    def insert(self, table: str, rows: list[dict]) -> None:
        """Insert rows into one table."""
        self.db.table(table).insert_all(rows)

    def insert_search(self, rows: list[dict]) -> None:
        """Add rows to the full-text index."""
        self.db.conn.executemany(
            "INSERT INTO search (title, text, kind, ref_id, document_id, paragraph_id)"
            " VALUES (:title, :text, :kind, :ref_id, :document_id, :paragraph_id)",
            rows,
        )
