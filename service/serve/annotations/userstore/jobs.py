"""Document jobs in the writable store: queued by the API, taken in order by publishers.

A job changes one document: `create` (POST /v1/documents), `revise` (PUT) or `retire`
(DELETE). The API queues it together with the document's ownership, in one transaction, so
that a token may change only what it submitted and no id or text is taken twice. A
publisher takes the oldest job whose document has no earlier job unfinished, runs it under
a lease that it renews by heartbeat, and ends it `published` or `failed`.

Every statement is SQL that SQLite and PostgreSQL both speak; with PostgreSQL, several
publishers take jobs with `FOR UPDATE SKIP LOCKED` and never the same one twice.
"""

import json
import re
import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

JOB_ID = re.compile(r"j-[0-9a-f]{12}\Z")
ACTIONS = ("create", "revise", "retire")
STATES = ("queued", "running", "published", "failed")
# What a job is doing: in the queue, waiting for the corpus, writing its files, building.
STEPS = ("queued", "waiting", "writing", "building", "done")
MAX_ATTEMPTS = 2  # a job whose publisher died is tried once more, then failed
UNIQUE = "23505"  # PostgreSQL's SQLSTATE for a unique_violation

SCHEMA = (
    """CREATE TABLE IF NOT EXISTS job_sequence (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        value BIGINT NOT NULL
    )""",
    "INSERT INTO job_sequence (id, value) VALUES (1, 0) ON CONFLICT (id) DO NOTHING",
    """CREATE TABLE IF NOT EXISTS jobs (
        id TEXT PRIMARY KEY,
        seq BIGINT NOT NULL UNIQUE,
        action TEXT NOT NULL,
        document_id TEXT NOT NULL,
        owner TEXT NOT NULL,
        state TEXT NOT NULL,
        step TEXT NOT NULL,
        payload TEXT NOT NULL,
        previous TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        worker TEXT,
        heartbeat_at TEXT,
        beats BIGINT NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        started_at TEXT,
        finished_at TEXT,
        build_id TEXT,
        error TEXT
    )""",
    "CREATE INDEX IF NOT EXISTS jobs_state ON jobs (state, seq)",
    "CREATE INDEX IF NOT EXISTS jobs_document ON jobs (document_id, seq)",
    # Documents submitted over HTTP: who may change them, and the text each last took,
    # unique so that one text is never queued twice (NULL once a document is retired).
    """CREATE TABLE IF NOT EXISTS submitted_documents (
        document_id TEXT PRIMARY KEY,
        owner TEXT NOT NULL,
        sha256 TEXT,
        created_at TEXT NOT NULL,
        retired_at TEXT
    )""",
    "CREATE UNIQUE INDEX IF NOT EXISTS submitted_text ON submitted_documents (sha256)",
)

COLUMNS = (
    "id, seq, action, document_id, owner, state, step, payload, previous, attempts, worker,"
    " heartbeat_at, beats, created_at, started_at, finished_at, build_id, error"
)


class Taken(Exception):
    """A job would take an id or a text that a submitted document already has."""

    def __init__(self, message: str, document_id: str):
        super().__init__(message)
        self.document_id = document_id


@dataclass(frozen=True)
class Submission:
    """A text checked for publishing: its document id, what was sent, and the text's sha256."""

    document_id: str
    submitted: dict  # `text` or `html`, and the metadata sent
    sha256: str  # of the text the document will have


@dataclass(frozen=True)
class Owner:
    """Who submitted a document over HTTP, and whether it has been retired."""

    name: str
    retired_at: str | None


@dataclass
class Job:
    """One job as the store keeps it."""

    id: str
    seq: int
    action: str
    document_id: str
    owner: str
    state: str
    step: str
    payload: dict
    previous: dict | None
    attempts: int
    worker: str | None
    heartbeat_at: str | None
    beats: int  # counts every take and heartbeat: a change since a read shows in it
    created_at: str
    started_at: str | None
    finished_at: str | None
    build_id: str | None
    error: dict | None


def now() -> str:
    """Return the current UTC time to the millisecond: a job's steps take less than seconds."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_time(value: str) -> datetime:
    """Read a time `now` wrote."""
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


class JobQueue:
    """Jobs and document ownership over a user store's connections and transactions."""

    def __init__(self, store):
        self.store = store
        # PostgreSQL locks the row it takes and skips rows other publishers hold; SQLite's
        # one writer at a time needs neither.
        self.skip_locked = " FOR UPDATE SKIP LOCKED" if store.lock_rows else ""

    def owner(self, document_id: str) -> Owner | None:
        """Return who submitted a document over HTTP, or None if it was not."""
        rows = self.store.read(
            self.store.sql(
                "SELECT owner, retired_at FROM submitted_documents WHERE document_id = ?"
            ),
            (document_id,),
        )
        return Owner(*rows[0]) if rows else None

    def submitted_with(self, sha256: str) -> str | None:
        """Return the submitted document that has (or will have) this text, if any."""
        rows = self.store.read(
            self.store.sql("SELECT document_id FROM submitted_documents WHERE sha256 = ?"),
            (sha256,),
        )
        return rows[0][0] if rows else None

    def get(self, job_id: str) -> Job | None:
        """Return a job, or None."""
        rows = self.store.read(
            self.store.sql(f"SELECT {COLUMNS} FROM jobs WHERE id = ?"), (job_id,)
        )
        return job_from(rows[0]) if rows else None

    def create(self, submission: Submission, owner: str) -> Job:
        """Queue a new document and make the token's owner its owner; Taken if its id or
        its text is already a submitted document's."""
        doc_id = submission.document_id
        with _raced(doc_id), self.store.transaction() as cur:
            self._refuse_taken(cur, doc_id, submission.sha256)
            cur.execute(
                self.store.sql(
                    "INSERT INTO submitted_documents (document_id, owner, sha256, created_at)"
                    " VALUES (?, ?, ?, ?)"
                ),
                (doc_id, owner, submission.sha256, now()),
            )
            payload = {"submitted": submission.submitted, "sha256": submission.sha256}
            return self._insert(cur, "create", doc_id, owner, payload)

    def revise(self, submission: Submission, owner: str) -> Job:
        """Queue a new text for a submitted document; Taken if another has that text."""
        doc_id = submission.document_id
        with _raced(doc_id), self.store.transaction() as cur:
            cur.execute(
                self.store.sql(
                    f"SELECT sha256 FROM submitted_documents WHERE document_id = ?"
                    f"{self.store.lock_rows}"
                ),
                (doc_id,),
            )
            row = cur.fetchone()
            if row is None:  # its creation failed meanwhile, giving the id back
                raise Taken(f"No document '{doc_id}' is submitted any more.", doc_id)
            previous = row[0]
            self._refuse_text(cur, submission.sha256, doc_id)
            cur.execute(
                self.store.sql("UPDATE submitted_documents SET sha256 = ? WHERE document_id = ?"),
                (submission.sha256, doc_id),
            )
            payload = {
                "submitted": submission.submitted,
                "sha256": submission.sha256,
                "previous_sha256": previous,
            }
            return self._insert(cur, "revise", doc_id, owner, payload)

    def retire(self, document_id: str, owner: str, reason: str | None) -> Job:
        """Queue the removal of a submitted document."""
        with self.store.transaction() as cur:
            return self._insert(cur, "retire", document_id, owner, {"reason": reason})

    def _refuse_taken(self, cur, document_id: str, sha256: str) -> None:
        """Raise Taken when a submitted document has this id or this text."""
        cur.execute(
            self.store.sql("SELECT retired_at FROM submitted_documents WHERE document_id = ?"),
            (document_id,),
        )
        row = cur.fetchone()
        if row is not None:
            how = "was submitted and removed" if row[0] else "is already submitted"
            raise Taken(f"A document with the id '{document_id}' {how}.", document_id)
        self._refuse_text(cur, sha256, document_id)

    def _refuse_text(self, cur, sha256: str, document_id: str) -> None:
        """Raise Taken when another submitted document has this text."""
        cur.execute(
            self.store.sql(
                "SELECT document_id FROM submitted_documents WHERE sha256 = ? AND document_id <> ?"
            ),
            (sha256, document_id),
        )
        row = cur.fetchone()
        if row is not None:
            raise Taken(f"The same text is already submitted as '{row[0]}'.", row[0])

    def _insert(self, cur, action: str, document_id: str, owner: str, payload: dict) -> Job:
        """Add a job at the end of the queue and return it."""
        cur.execute("UPDATE job_sequence SET value = value + 1 WHERE id = 1 RETURNING value")
        seq = cur.fetchone()[0]
        cur.execute(
            self.store.sql(
                "INSERT INTO jobs (id, seq, action, document_id, owner, state, step, payload,"
                " attempts, created_at) VALUES (?, ?, ?, ?, ?, 'queued', 'queued', ?, 0, ?)"
                f" RETURNING {COLUMNS}"
            ),
            ("j-" + secrets.token_hex(6), seq, action, document_id, owner, dump(payload), now()),
        )
        return job_from(cur.fetchone())


@contextmanager
def _raced(document_id: str) -> Iterator[None]:
    """Turn a unique index's refusal into Taken: the checks before a write run in its
    transaction, but PostgreSQL lets two such transactions check at once."""
    try:
        yield
    except Exception as error:
        if isinstance(error, sqlite3.IntegrityError) or getattr(error, "sqlstate", "") == UNIQUE:
            raise Taken(
                "Another request took this id or text at the same moment.", document_id
            ) from None
        raise


def job_from(row) -> Job:
    """Turn a row of COLUMNS into a job."""
    values = list(row)
    for index in (7, 8, 17):  # payload, previous, error: JSON
        values[index] = json.loads(values[index]) if values[index] is not None else None
    return Job(*values)


def dump(value: dict) -> str:
    """Serialise a JSON column compactly, keeping any script as it is."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
