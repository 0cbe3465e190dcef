"""Insert rows into the corpus database: no decisions here, only writes."""

import sqlite3
from itertools import chain

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
        self.connection: sqlite3.Connection = db.conn
        self._statements: dict[tuple[str, tuple[str, ...]], str] = {}

    def write_document(self, rows: DocumentRows) -> dict[str, int]:
        """Insert one document's rows; return how many went into each table."""
        counts = {}
        for table, method in DOCUMENT_TABLES:
            batch = getattr(rows, method)()
            self.insert(table, batch)
            counts[table] = len(batch)
        self.insert_search(rows.search_rows())
        return counts

    def insert(self, table: str, rows: list[dict]) -> None:
        """Insert rows into one table, in their order, every column a row names."""
        if not rows:
            return
        columns = tuple(dict.fromkeys(chain.from_iterable(rows)))
        if any(len(row) != len(columns) for row in rows):
            rows = [{name: row.get(name) for name in columns} for row in rows]  # null if left out
        self.connection.executemany(self._statement(table, columns), rows)

    def insert_search(self, rows: list[dict]) -> None:
        """Add rows to the full-text index, a segment of their own."""
        # Opening a savepoint makes the index write out the rows it holds: each batch (a
        # document's, the entities') is a segment, however the transaction runs.
        self.connection.execute("SAVEPOINT search")
        self.connection.execute("RELEASE search")
        self.insert("search", rows)

    def _statement(self, table: str, columns: tuple[str, ...]) -> str:
        """Return the INSERT of these columns into a table, written once for each."""
        key = (table, columns)
        if key not in self._statements:
            # Names come from this code, never from the corpus; values go as parameters.
            names = ", ".join(f'"{name}"' for name in columns)
            values = ", ".join(f":{name}" for name in columns)
            self._statements[key] = f'INSERT INTO "{table}" ({names}) VALUES ({values})'
        return self._statements[key]
