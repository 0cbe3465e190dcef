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

ENTITY_COLUMNS = "id, name, label, description, aliases, curated, mention_count, paragraph_count"


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
        assert table in {"documents", "paragraphs", "retired_paragraphs", "entities"}
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
        if filters.get("entity") is not None:
            where.append("id IN (SELECT paragraph_id FROM mentions WHERE entity_id = ?)")
            params.append(filters["entity"])
        if filters.get("has_claims") is not None:
            negation = "" if filters["has_claims"] else "NOT "
            where.append(f"id {negation}IN (SELECT paragraph_id FROM claims)")
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

    def list_entities(self, filters: dict, after: list | None, limit: int):
        """Return a page of entities, most mentioned first, and their total."""
        where, params = ["1 = 1"], []
        if filters.get("label"):
            where.append("label = ?")
            params.append(filters["label"])
        if filters.get("q"):
            where.append("instr(search_text, ?) > 0")
            params.append(filters["q"].lower())
        if filters.get("document"):
            where.append("id IN (SELECT entity_id FROM mentions WHERE document_id = ?)")
            params.append(filters["document"])
        condition = " AND ".join(where)
        total = self.query(f"SELECT count(*) FROM entities WHERE {condition}", params)[0][0]
        if after is not None:
            condition += " AND (mention_count < ? OR (mention_count = ? AND id > ?))"
            params += [after[0], after[0], after[1]]
        rows = self.query(
            f"SELECT {ENTITY_COLUMNS} FROM entities WHERE {condition}"
            " ORDER BY mention_count DESC, id LIMIT ?",
            [*params, limit + 1],
        )
        return [entity_record(row) for row in rows], total

    def get_entity(self, entity_id: str) -> dict | None:
        """Return one entity with every mention of it, in corpus order."""
        rows = self.query(f"SELECT {ENTITY_COLUMNS} FROM entities WHERE id = ?", (entity_id,))
        if not rows:
            return None
        entity = entity_record(rows[0])
        entity["claim_ids"] = [
            row[0]
            for row in self.query(
                "SELECT c.id FROM claim_entities ce JOIN claims c ON c.id = ce.claim_id"
                " WHERE ce.entity_id = ? ORDER BY c.seq, c.char_start, c.id",
                (entity_id,),
            )
        ]
        entity["mentions"] = [
            dict(row)
            for row in self.query(
                "SELECT paragraph_id, document_id, char_start AS start, char_end AS end, text"
                " FROM mentions WHERE entity_id = ? ORDER BY seq, char_start",
                (entity_id,),
            )
        ]
        return entity

    def list_dates(self, filters: dict, after: list | None, limit: int):
        """Return a page of temporal expressions in reading order, and their total."""
        condition, params = _date_filters(filters)
        total = self.query(f"SELECT count(*) FROM dates WHERE {condition}", params)[0][0]
        if after is not None:
            condition += " AND (seq, char_start) > (?, ?)"
            params += after
        rows = self.query(
            f"SELECT seq, char_start, json FROM dates WHERE {condition}"
            " ORDER BY seq, char_start LIMIT ?",
            [*params, limit + 1],
        )
        return [{"key": [row[0], row[1]], "json": row[2]} for row in rows], total

    def date_json(self, date_id: str) -> str | None:
        """Return one temporal expression's stored JSON, or None."""
        rows = self.query("SELECT json FROM dates WHERE id = ?", (date_id,))
        return rows[0][0] if rows else None

    def timeline(self, filters: dict, after: list | None, limit: int):
        """Return a page of dated expressions in chronological order, and their total."""
        condition, params = _date_filters({**filters, "type": "DATE"})
        condition += " AND earliest IS NOT NULL"
        total = self.query(f"SELECT count(*) FROM dates WHERE {condition}", params)[0][0]
        if after is not None:
            condition += " AND (earliest, latest, seq, char_start) > (?, ?, ?, ?)"
            params += after
        rows = self.query(
            "SELECT id, document_id, paragraph_id, text, value, mod, earliest, latest, sentence,"
            f" seq, char_start FROM dates WHERE {condition}"
            " ORDER BY earliest, latest, seq, char_start LIMIT ?",
            [*params, limit + 1],
        )
        return [timeline_record(row) for row in rows], total

    def list_claims(self, filters: dict, after: list | None, limit: int):
        """Return a page of claims in reading order matching the filters, and their total."""
        where, params = ["1 = 1"], []
        for column, key in (("document_id", "document"), ("paragraph_id", "paragraph"),
                            ("kind", "kind"), ("origin", "origin")):  # fmt: skip
            if filters.get(key) is not None:
                where.append(f"{column} = ?")
                params.append(filters[key])
        for column in ("contested", "hedged"):
            if filters.get(column) is not None:
                where.append(f"{column} = ?")
                params.append(int(filters[column]))
        if filters.get("status"):
            where.append(f"status IN ({', '.join('?' for _ in filters['status'])})")
            params += filters["status"]
        if filters.get("source"):
            where.append("id IN (SELECT claim_id FROM claim_sources WHERE source_id = ?)")
            params.append(filters["source"])
        if filters.get("entity"):
            where.append("id IN (SELECT claim_id FROM claim_entities WHERE entity_id = ?)")
            params.append(filters["entity"])
        condition = " AND ".join(where)
        total = self.query(f"SELECT count(*) FROM claims WHERE {condition}", params)[0][0]
        if after is not None:
            condition += " AND (seq, char_start, id) > (?, ?, ?)"
            params += after
        rows = self.query(
            f"SELECT seq, char_start, id, item_json FROM claims WHERE {condition}"
            " ORDER BY seq, char_start, id LIMIT ?",
            [*params, limit + 1],
        )
        return [{"key": [row[0], row[1], row[2]], "json": row[3]} for row in rows], total

    def claim_json(self, claim_id: str) -> str | None:
        """Return one claim's stored detail JSON, or None."""
        rows = self.query("SELECT detail_json FROM claims WHERE id = ?", (claim_id,))
        return rows[0][0] if rows else None

    def list_sources(self, filters: dict, after: list | None, limit: int):
        """Return a page of sources, most claims first, and their total."""
        where, params = ["1 = 1"], []
        if filters.get("type"):
            where.append("type = ?")
            params.append(filters["type"])
        condition = " AND ".join(where)
        total = self.query(f"SELECT count(*) FROM sources WHERE {condition}", params)[0][0]
        if after is not None:
            condition += " AND (claim_count < ? OR (claim_count = ? AND id > ?))"
            params += [after[0], after[0], after[1]]
        rows = self.query(
            f"SELECT claim_count, id, item_json FROM sources WHERE {condition}"
            " ORDER BY claim_count DESC, id LIMIT ?",
            [*params, limit + 1],
        )
        return [{"key": [row[0], row[1]], "json": row[2]} for row in rows], total

    def source_with_claims(self, source_id: str) -> tuple[str, list[str]] | None:
        """Return a source's stored JSON and its claims' JSON in reading order, or None."""
        rows = self.query("SELECT item_json FROM sources WHERE id = ?", (source_id,))
        if not rows:
            return None
        claims = self.query(
            "SELECT c.item_json FROM claim_sources cs JOIN claims c ON c.id = cs.claim_id"
            " WHERE cs.source_id = ? ORDER BY c.seq, c.char_start, c.id",
            (source_id,),
        )
        return rows[0][0], [row[0] for row in claims]

    def list_contests(self, filters: dict, after: list | None, limit: int):
        """Return a page of contests in reading order, and their total."""
        where, params = ["1 = 1"], []
        if filters.get("document"):
            where.append("document_id = ?")
            params.append(filters["document"])
        condition = " AND ".join(where)
        total = self.query(f"SELECT count(*) FROM contests WHERE {condition}", params)[0][0]
        if after is not None:
            condition += " AND (seq, id) > (?, ?)"
            params += after
        rows = self.query(
            f"SELECT seq, id, json FROM contests WHERE {condition} ORDER BY seq, id LIMIT ?",
            [*params, limit + 1],
        )
        return [{"key": [row[0], row[1]], "json": row[2]} for row in rows], total

    def contest_json(self, contest_id: str) -> str | None:
        """Return one contest's stored JSON, or None."""
        rows = self.query("SELECT json FROM contests WHERE id = ?", (contest_id,))
        return rows[0][0] if rows else None

    def search(self, fts: str, filters: dict, after: list | None, limit: int):
        """Return a page of full-text hits, best first, and their total."""
        where, params = ["search MATCH ?"], [fts]
        if filters.get("type"):
            where.append("kind = ?")
            params.append(filters["type"])
        if filters.get("document"):
            where.append("document_id = ?")
            params.append(filters["document"])
        condition = " AND ".join(where)
        total = self.query(f"SELECT count(*) FROM search WHERE {condition}", params)[0][0]
        if after is not None:
            condition += " AND (rank > ? OR (rank = ? AND rowid > ?))"
            params += [after[0], after[0], after[1]]
        rows = self.query(
            "SELECT rowid, rank, kind, ref_id, document_id, paragraph_id, title, text FROM search"
            f" WHERE {condition} ORDER BY rank, rowid LIMIT ?",
            [*params, limit + 1],
        )
        return [dict(row) for row in rows], total

    def list_annotations(self, filters: dict, after: list | None, limit: int):
        """Return a page of Web Annotations in reading order, and their total."""
        where, params = ["1 = 1"], []
        for column, key in (("document_id", "document"), ("paragraph_id", "paragraph"),
                            ("motivation", "motivation")):  # fmt: skip
            if filters.get(key):
                where.append(f"{column} = ?")
                params.append(filters[key])
        condition = " AND ".join(where)
        total = self.query(f"SELECT count(*) FROM annotations WHERE {condition}", params)[0][0]
        if after is not None:
            condition += " AND (seq, char_start, id) > (?, ?, ?)"
            params += after
        rows = self.query(
            f"SELECT seq, char_start, id, json FROM annotations WHERE {condition}"
            " ORDER BY seq, char_start, id LIMIT ?",
            [*params, limit + 1],
        )
        return [{"key": [row[0], row[1], row[2]], "json": row[3]} for row in rows], total

    def annotation_json(self, annotation_id: str) -> str | None:
        """Return one Web Annotation's stored JSON, or None."""
        rows = self.query("SELECT json FROM annotations WHERE id = ?", (annotation_id,))
        return rows[0][0] if rows else None

    def document_paragraphs(self, document_id: str) -> list[dict]:
        """Return every paragraph of a document with its entities, dates and claims."""
        rows = self.query(
            "SELECT detail_json FROM paragraphs WHERE document_id = ? ORDER BY seq", (document_id,)
        )
        return [json.loads(row[0]) for row in rows]

    def document_claims(self, document_id: str) -> dict[str, dict]:
        """Return every claim of a document by id."""
        rows = self.query(
            "SELECT item_json FROM claims WHERE document_id = ? ORDER BY seq, char_start, id",
            (document_id,),
        )
        claims = [json.loads(row[0]) for row in rows]
        return {claim["id"]: claim for claim in claims}

    def list_checks(self, filters: dict, after: list | None, limit: int):
        """Return a page of consistency checks, and their total."""
        where, params = ["1 = 1"], []
        if filters.get("document"):
            where.append("document_id = ?")
            params.append(filters["document"])
        if filters.get("agrees") is not None:
            where.append("agrees = ?")
            params.append(int(filters["agrees"]))
        condition = " AND ".join(where)
        total = self.query(f"SELECT count(*) FROM checks WHERE {condition}", params)[0][0]
        if after is not None:
            condition += " AND (seq, id) > (?, ?)"
            params += after
        rows = self.query(
            f"SELECT seq, id, json FROM checks WHERE {condition} ORDER BY seq, id LIMIT ?",
            [*params, limit + 1],
        )
        return [{"key": [row[0], row[1]], "json": row[2]} for row in rows], total


def document_record(row: sqlite3.Row) -> dict:
    """Turn a document row into a plain record."""
    record = dict(row)
    record["published_inferred"] = bool(record["published_inferred"])
    record["kind_counts"] = json.loads(record["kind_counts"])
    return record


def _date_filters(filters: dict) -> tuple[str, list]:
    """Build the WHERE clause shared by the dates and the timeline."""
    where, params = ["1 = 1"], []
    if filters.get("document"):
        where.append("document_id = ?")
        params.append(filters["document"])
    if filters.get("type"):
        where.append("type = ?")
        params.append(filters["type"])
    if filters.get("from"):
        where.append("latest >= ?")
        params.append(filters["from"].isoformat())
    if filters.get("to"):
        where.append("earliest <= ?")
        params.append(filters["to"].isoformat())
    return " AND ".join(where), params


def entity_record(row: sqlite3.Row) -> dict:
    """Turn an entity row into a plain record."""
    record = dict(row)
    record["aliases"] = json.loads(record["aliases"])
    record["curated"] = bool(record["curated"])
    return record


def timeline_record(row: sqlite3.Row) -> dict:
    """Turn a dated expression into a timeline entry."""
    record = dict(row)
    record["key"] = [
        record["earliest"],
        record["latest"],
        record.pop("seq"),
        record.pop("char_start"),
    ]
    record["date_id"] = record.pop("id")
    record["event"] = record.pop("sentence")
    return record
