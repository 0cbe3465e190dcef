"""Read side: query the built database, read-only, reopening it when a build replaces it."""

import json
import os
import sqlite3
import threading
from pathlib import Path

from service.errors import Unavailable

DOCUMENT_COLUMNS = (
    "id, title, url, author, publisher, published, published_inferred, published_basis,"
    " language, source_file, sha256, chars, paragraph_count, kind_counts"
)


class Store:
    """Hand out a read-only connection per thread to the current database file."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self._local = threading.local()

    def connection(self) -> sqlite3.Connection:
        """Return this thread's connection, reopening when the file was replaced."""
        try:
            stat = os.stat(self.path)
        except OSError:
            raise Unavailable(f"No database at {self.path.name}: run `claims build`.") from None
        signature = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
        local = self._local
        if getattr(local, "signature", None) != signature:
            local.conn = self._open()
            local.signature = signature
            local.meta = None
        return local.conn

    def _open(self) -> sqlite3.Connection:
        """Open the file read-only and check that it is a database we built."""
        try:
            conn = sqlite3.connect(
                f"{self.path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False
            )
            conn.row_factory = sqlite3.Row
            conn.execute("SELECT value FROM meta WHERE key = 'build_id'").fetchone()
        except sqlite3.Error:
            raise Unavailable(
                "The database cannot be read: rebuild it with `claims build`."
            ) from None
        return conn

    def query(self, sql: str, params=()) -> list[sqlite3.Row]:
        """Run one read query, turning a broken database into a 503."""
        try:
            return self.connection().execute(sql, params).fetchall()
        except sqlite3.DatabaseError:
            self._local.signature = None
            raise Unavailable(
                "The database cannot be read: rebuild it with `claims build`."
            ) from None

    def meta(self) -> dict:
        """Return the build's metadata, read once per opened file."""
        self.connection()
        if self._local.meta is None:
            self._local.meta = {
                row["key"]: row["value"] for row in self.query("SELECT * FROM meta")
            }
        return self._local.meta

    def count(self, table: str) -> int:
        """Count the rows of one of our tables."""
        assert table in {"documents", "paragraphs", "retired_paragraphs"}
        return self.query(f"SELECT count(*) FROM {table}")[0][0]

    def list_documents(self, after: str | None, limit: int) -> tuple[list[dict], int]:
        """Return a page of documents in id order, and how many there are."""
        rows = self.query(
            f"SELECT {DOCUMENT_COLUMNS} FROM documents"
            " WHERE ?1 IS NULL OR id > ?1 ORDER BY id LIMIT ?2",
            (after, limit + 1),
        )
        return [document_record(row) for row in rows], self.count("documents")

    def get_document(self, document_id: str) -> dict | None:
        """Return one document's metadata, or None."""
        rows = self.query(f"SELECT {DOCUMENT_COLUMNS} FROM documents WHERE id = ?", (document_id,))
        return document_record(rows[0]) if rows else None

    def document_text(self, document_id: str) -> str | None:
        """Return a document's verbatim source text, or None."""
        rows = self.query("SELECT text FROM documents WHERE id = ?", (document_id,))
        return rows[0]["text"] if rows else None

    def list_paragraphs(self, filters: dict, after: int | None, limit: int):
        """Return a page of stored JSON rows matching the filters, and their total."""
        where, params = ["1 = 1"], []
        for column in ("document_id", "kind", "section"):
            if filters.get(column) is not None:
                where.append(f"{column} = ?")
                params.append(filters[column])
        condition = " AND ".join(where)
        total = self.query(f"SELECT count(*) FROM paragraphs WHERE {condition}", params)[0][0]
        if after is not None:
            condition += " AND seq > ?"
            params.append(after)
        rows = self.query(
            f"SELECT seq, item_json FROM paragraphs WHERE {condition} ORDER BY seq LIMIT ?",
            [*params, limit + 1],
        )
        return [{"seq": row[0], "json": row[1]} for row in rows], total

    def paragraph_json(self, paragraph_id: str) -> str | None:
        """Return one paragraph's stored detail JSON, or None."""
        rows = self.query("SELECT detail_json FROM paragraphs WHERE id = ?", (paragraph_id,))
        return rows[0][0] if rows else None

    def is_retired(self, paragraph_id: str) -> bool:
        """Tell whether a paragraph ID was given out once and retired since."""
        return bool(self.query("SELECT 1 FROM retired_paragraphs WHERE id = ?", (paragraph_id,)))


def document_record(row: sqlite3.Row) -> dict:
    """Turn a document row into a plain record."""
    record = dict(row)
    record["published_inferred"] = bool(record["published_inferred"])
    record["kind_counts"] = json.loads(record["kind_counts"])
    return record
