"""What both stores do, in SQL that SQLite and PostgreSQL both speak.

Every write runs in one transaction that also bumps a single revision counter: the
counter orders new annotations and tags every listing that shows them, and a write is
acknowledged only after its transaction committed.
"""

import json
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from service.config import SettingError
from service.serve.annotations.userstore.idempotency import SCHEMA as KEY_SCHEMA
from service.serve.annotations.userstore.jobs import SCHEMA as JOB_SCHEMA
from service.serve.annotations.userstore.tokens import check_name, new_token, token_hash

SCHEMA = (
    """CREATE TABLE IF NOT EXISTS tokens (
        name TEXT PRIMARY KEY,
        hash TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        revoked_at TEXT
    )""",
    """CREATE TABLE IF NOT EXISTS revision (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        value BIGINT NOT NULL
    )""",
    "INSERT INTO revision (id, value) VALUES (1, 0) ON CONFLICT (id) DO NOTHING",
    """CREATE TABLE IF NOT EXISTS annotations (
        id TEXT PRIMARY KEY,
        seq BIGINT NOT NULL UNIQUE,
        creator TEXT NOT NULL,
        motivation TEXT NOT NULL,
        json TEXT NOT NULL,
        etag TEXT NOT NULL,
        deleted_at TEXT
    )""",
    # A token's annotations in the order they were made (`creator=`), and the quota's sum
    # of what each token keeps, at every write; it replaces an index on creator alone.
    "CREATE INDEX IF NOT EXISTS annotations_creator_seq ON annotations (creator, seq)",
    "DROP INDEX IF EXISTS annotations_creator",
    """CREATE TABLE IF NOT EXISTS annotation_targets (
        annotation_id TEXT NOT NULL REFERENCES annotations (id),
        paragraph_id TEXT NOT NULL,
        document_id TEXT NOT NULL,
        PRIMARY KEY (annotation_id, paragraph_id)
    )""",
    "CREATE INDEX IF NOT EXISTS targets_paragraph ON annotation_targets (paragraph_id)",
    "CREATE INDEX IF NOT EXISTS targets_document ON annotation_targets (document_id)",
    *JOB_SCHEMA,
    *KEY_SCHEMA,
)


class Conflict(Exception):
    """A write would break a rule of the store (an active token's name taken, say)."""


class StoreError(SettingError):
    """The store CLAIMS_STORE names cannot be used at all: damaged, or not a store."""


class StoreUnwritable(Exception):
    """The store can be read but not written (a read-only file or folder, say)."""


@dataclass
class StoredAnnotation:
    """One user annotation as the store keeps it; `json` holds paths, not full IRIs."""

    id: str
    creator: str
    annotation: dict
    etag: str
    motivation: str = ""
    targets: list[tuple[str, str]] = field(default_factory=list)  # (paragraph, document)
    deleted_at: str | None = None


def now() -> str:
    """Return the current UTC time to the second, as the W3C model writes it."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class UserStore:
    """Tokens and user annotations over a DB-API connection a subclass opens."""

    placeholder = "?"
    lock_rows = ""  # appended to a SELECT that is about to be updated
    writable = True  # False when the store opened for reading only

    def _start(self) -> None:
        """Create the tables, then close: a connection must not outlive a fork into
        gunicorn's workers, so each thread of each process opens its own."""
        self._local = threading.local()
        self.create_schema()
        self.close()

    def _open(self):
        """Open a new connection to the store."""
        raise NotImplementedError

    def _usable(self, conn) -> bool:
        """Tell whether an open connection can still be used."""
        return True

    def connection(self):
        """Return this thread's connection, opening it in this process if needed."""
        local = self._local
        conn = getattr(local, "conn", None)
        if getattr(local, "pid", None) != os.getpid() or conn is None or not self._usable(conn):
            local.conn, local.pid = self._open(), os.getpid()
        return local.conn

    def close(self) -> None:
        """Close this thread's connection, if open."""
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
        self._local = threading.local()

    def transaction(self):
        """Return a context manager around one write transaction; yields a cursor.

        One begun inside another joins it: both commit, or neither does.
        """
        raise NotImplementedError

    def sql(self, text: str) -> str:
        """Write `?` placeholders the way the driver wants them."""
        return text if self.placeholder == "?" else text.replace("?", self.placeholder)

    def read(self, text: str, params=()) -> list[tuple]:
        """Run one read and return its rows."""
        raise NotImplementedError

    def create_schema(self) -> None:
        """Create the tables and indexes if they are missing."""
        with self.transaction() as cur:
            for statement in SCHEMA:
                cur.execute(statement)

    def health(self) -> str:
        """Say whether the store can be read and written: ok, read-only or unreadable."""
        try:
            self.revision()
        except Exception:  # sqlite3 and psycopg errors share no narrower base
            return "unreadable"
        return "ok" if self.writable else "read-only"

    def _bump(self, cur) -> int:
        """Advance the revision counter inside a write; return its new value."""
        cur.execute("UPDATE revision SET value = value + 1 WHERE id = 1 RETURNING value")
        return cur.fetchone()[0]

    def revision(self) -> int:
        """Return how many writes the annotations have seen."""
        return self.read("SELECT value FROM revision WHERE id = 1")[0][0]

    # Tokens

    def create_token(self, name: str) -> str:
        """Make a token for a name and return it; only its hash is kept."""
        check_name(name)
        token = new_token()
        with self.transaction() as cur:
            cur.execute(self.sql("SELECT revoked_at FROM tokens WHERE name = ?"), (name,))
            row = cur.fetchone()
            if row is not None and row[0] is None:
                raise Conflict(f"a token named '{name}' exists: revoke it first")
            cur.execute(self.sql("DELETE FROM tokens WHERE name = ?"), (name,))
            cur.execute(
                self.sql("INSERT INTO tokens (name, hash, created_at) VALUES (?, ?, ?)"),
                (name, token_hash(token), now()),
            )
        return token

    def list_tokens(self) -> list[dict]:
        """Return every token's name, creation and revocation time, by name."""
        rows = self.read("SELECT name, created_at, revoked_at FROM tokens ORDER BY name")
        return [dict(zip(("name", "created_at", "revoked_at"), row, strict=True)) for row in rows]

    def revoke_token(self, name: str) -> bool:
        """Revoke a name's active token; tell whether there was one."""
        with self.transaction() as cur:
            cur.execute(
                self.sql("UPDATE tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL"),
                (now(), name),
            )
            return cur.rowcount == 1

    def token_owner(self, token: str) -> str | None:
        """Return the name an active token was made for, or None."""
        rows = self.read(
            "SELECT name FROM tokens WHERE hash = ? AND revoked_at IS NULL", (token_hash(token),)
        )
        return rows[0][0] if rows else None

    # Annotations

    def add(self, annotation: StoredAnnotation) -> None:
        """Store a new annotation with the targets it resolves to."""
        with self.transaction() as cur:
            seq = self._bump(cur)
            cur.execute(
                self.sql(
                    "INSERT INTO annotations (id, seq, creator, motivation, json, etag)"
                    " VALUES (?, ?, ?, ?, ?, ?)"
                ),
                (
                    annotation.id,
                    seq,
                    annotation.creator,
                    annotation.motivation,
                    _dump(annotation.annotation),
                    annotation.etag,
                ),
            )
            self._write_targets(cur, annotation)

    def change(self, id: str, decide: Callable[[StoredAnnotation | None], StoredAnnotation | None]):
        """Replace or delete an annotation under a lock, as `decide` says from its current state.

        `decide` sees the stored annotation, or None (or raises to refuse the change), and returns
        the replacement, or None to delete it. Nothing is written when it raises.
        """
        with self.transaction() as cur:
            cur.execute(self.sql(f"{SELECT_ONE}{self.lock_rows}"), (id,))
            row = cur.fetchone()
            current = _stored(row) if row else None
            replacement = decide(current)
            self._bump(cur)
            cur.execute(self.sql("DELETE FROM annotation_targets WHERE annotation_id = ?"), (id,))
            if replacement is None:
                cur.execute(
                    self.sql("UPDATE annotations SET deleted_at = ? WHERE id = ?"), (now(), id)
                )
                return None
            cur.execute(
                self.sql("UPDATE annotations SET motivation = ?, json = ?, etag = ? WHERE id = ?"),
                (replacement.motivation, _dump(replacement.annotation), replacement.etag, id),
            )
            self._write_targets(cur, replacement)
            return replacement

    def _write_targets(self, cur, annotation: StoredAnnotation) -> None:
        """Record which paragraphs of the corpus an annotation targets."""
        for paragraph_id, document_id in dict(annotation.targets).items():
            cur.execute(
                self.sql(
                    "INSERT INTO annotation_targets (annotation_id, paragraph_id, document_id)"
                    " VALUES (?, ?, ?)"
                ),
                (annotation.id, paragraph_id, document_id),
            )

    def get(self, id: str) -> StoredAnnotation | None:
        """Return an annotation, deleted or not, or None if there never was one."""
        rows = self.read(SELECT_ONE, (id,))
        return _stored(rows[0]) if rows else None

    def count(self, filters: dict) -> int:
        """Count the live annotations matching the filters."""
        where, params = self._where(filters)
        return self.read(f"SELECT count(*) FROM annotations WHERE {where}", params)[0][0]

    def page(self, filters: dict, offset: int, limit: int) -> list[dict]:
        """Return live annotations matching the filters, oldest first, from an offset."""
        where, params = self._where(filters)
        rows = self.read(
            f"SELECT json FROM annotations WHERE {where} ORDER BY seq LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        return [json.loads(row[0]) for row in rows]

    def sizes(self, filters: dict, offset: int, limit: int) -> list[tuple[str, int]]:
        """Return the id and stored characters of a page's annotations, without reading them."""
        where, params = self._where(filters)
        return self.read(
            f"SELECT id, length(json) FROM annotations WHERE {where} ORDER BY seq LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )

    def after(self, filters: dict, seq: int, limit: int) -> list[tuple[int, str]]:
        """Return the order and stored JSON of live annotations matching the filters made
        after `seq`, oldest first: a keyset page."""
        where, params = self._where(filters)
        return self.read(
            f"SELECT seq, json FROM annotations WHERE {where} AND seq > ? ORDER BY seq LIMIT ?",
            [*params, seq, limit],
        )

    def by_ids(self, ids: list[str]) -> dict[str, dict]:
        """Return the annotations with these ids, by id."""
        if not ids:
            return {}
        marks = ", ".join("?" * len(ids))
        rows = self.read(f"SELECT id, json FROM annotations WHERE id IN ({marks})", ids)
        return {id: json.loads(text) for id, text in rows}

    def on_document(self, document_id: str, first: int) -> dict[str, tuple[int, list[dict]]]:
        """Return, for each paragraph of a document with live annotations, how many it has
        and the `first` of them, oldest first: the reader's page stays bounded."""
        rows = self.read(
            "SELECT r.paragraph_id, r.total, a.json FROM ("
            " SELECT t.paragraph_id, t.annotation_id,"
            " row_number() OVER (PARTITION BY t.paragraph_id ORDER BY a.seq) AS n,"
            " count(*) OVER (PARTITION BY t.paragraph_id) AS total"
            " FROM annotation_targets t JOIN annotations a ON a.id = t.annotation_id"
            " WHERE t.document_id = ? AND a.deleted_at IS NULL"
            ") r JOIN annotations a ON a.id = r.annotation_id WHERE r.n <= ? ORDER BY a.seq",
            (document_id, first),
        )
        found: dict[str, tuple[int, list[dict]]] = {}
        for paragraph_id, total, text in rows:
            found.setdefault(paragraph_id, (total, []))[1].append(json.loads(text))
        return found

    def ids(self) -> list[str]:
        """Return the id of every annotation ever stored, deleted ones too."""
        return [row[0] for row in self.read("SELECT id FROM annotations ORDER BY seq")]

    def _where(self, filters: dict) -> tuple[str, list]:
        """Build the conditions of a listing; every value is bound, never formatted."""
        conditions, params = ["deleted_at IS NULL"], []
        for key, column in (("document", "document_id"), ("paragraph", "paragraph_id")):
            if filters.get(key):
                conditions.append(
                    f"id IN (SELECT annotation_id FROM annotation_targets WHERE {column} = ?)"
                )
                params.append(filters[key])
        if filters.get("motivation"):
            conditions.append("(' ' || motivation || ' ') LIKE ?")
            params.append(f"% {filters['motivation']} %")
        if filters.get("creator"):
            conditions.append("creator = ?")
            params.append(filters["creator"])
        return " AND ".join(conditions), params


SELECT_ONE = (
    "SELECT a.id, a.creator, a.motivation, a.json, a.etag, a.deleted_at FROM annotations a"
    " WHERE a.id = ?"
)


def _stored(row) -> StoredAnnotation:
    """Turn a row of SELECT_ONE into a stored annotation."""
    id, creator, motivation, text, etag, deleted_at = row
    return StoredAnnotation(id, creator, json.loads(text), etag, motivation, [], deleted_at)


def _dump(annotation: dict) -> str:
    """Serialise an annotation compactly, keeping its key order and any script."""
    return json.dumps(annotation, ensure_ascii=False, separators=(",", ":"))
