"""Idempotency keys in the writable store: the first answer to a POST, kept for 24 hours.

A request with a key claims it in a short transaction of its own before its work starts,
so that a second request with the same key learns at once that the first is still running.
The answer is recorded in the transaction of the write itself: a write is never committed
without its key, and a request that dies between the two leaves only a claim, which lapses.

Every statement is SQL that SQLite and PostgreSQL both speak.
"""

import json
import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

KEPT = timedelta(hours=24)  # how long an answer is replayed, from the first request
# A claim older than this was a request that died: gunicorn kills a worker's request after
# 30 s, so none is still running.
LAPSE = timedelta(seconds=60)
UNIQUE = "23505"  # PostgreSQL's SQLSTATE for a unique_violation

SCHEMA = (
    """CREATE TABLE IF NOT EXISTS idempotency_keys (
        owner TEXT NOT NULL,
        idempotency_key TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        claim TEXT NOT NULL,
        created_at TEXT NOT NULL,
        status INTEGER,
        headers TEXT,
        body TEXT,
        PRIMARY KEY (owner, idempotency_key)
    )""",
    "CREATE INDEX IF NOT EXISTS idempotency_created ON idempotency_keys (created_at)",
)


class KeyInUse(Exception):
    """The key's first request is still running (or died less than LAPSE ago)."""


class KeyReused(Exception):
    """The key was first sent with another request: another method, path or body."""


@dataclass
class Claim:
    """A key held by the request now running; `answered` once its answer is recorded."""

    owner: str
    key: str
    claim: str
    answered: bool = False


@dataclass(frozen=True)
class Answer:
    """The answer recorded for a key: status, the headers that matter, and the body."""

    status: int
    headers: list[tuple[str, str]]
    body: str


def stamp(moment: datetime) -> str:
    """Write a time so that its text sorts as the time does."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class IdempotencyKeys:
    """Claim keys, record their answers and give keys back, over a user store."""

    def __init__(self, store):
        self.store = store

    def claim(self, owner: str, key: str, fingerprint: str) -> Claim | Answer:
        """Claim a key for this request, or return the answer its first request got.

        Raises KeyReused when the key came with another request, KeyInUse while its first
        request runs. Keys older than KEPT are forgotten here.
        """
        now = datetime.now(UTC)
        with _raced(now), self.store.transaction() as cur:
            cur.execute(
                self.store.sql("DELETE FROM idempotency_keys WHERE created_at < ?"),
                (stamp(now - KEPT),),
            )
            cur.execute(
                self.store.sql(
                    "SELECT fingerprint, created_at, status, headers, body FROM idempotency_keys"
                    f" WHERE owner = ? AND idempotency_key = ?{self.store.lock_rows}"
                ),
                (owner, key),
            )
            row = cur.fetchone()
            held = Claim(owner, key, secrets.token_hex(16))
            if row is None:
                cur.execute(
                    self.store.sql(
                        "INSERT INTO idempotency_keys"
                        " (owner, idempotency_key, fingerprint, claim, created_at)"
                        " VALUES (?, ?, ?, ?, ?)"
                    ),
                    (owner, key, fingerprint, held.claim, stamp(now)),
                )
                return held
            first, created_at, status, headers, body = row
            if first != fingerprint:
                raise KeyReused(created_at)
            if status is not None:
                return Answer(status, [(name, value) for name, value in json.loads(headers)], body)
            if created_at > stamp(now - LAPSE):
                raise KeyInUse(created_at)
            # Its first request died without writing: this one takes the key over.
            cur.execute(
                self.store.sql(
                    "UPDATE idempotency_keys SET claim = ?, created_at = ?"
                    " WHERE owner = ? AND idempotency_key = ?"
                ),
                (held.claim, stamp(now), owner, key),
            )
            return held

    def record(self, cur, held: Claim, answer: Answer) -> None:
        """Record a key's answer inside the write's own transaction; KeyInUse (rolling the
        write back) when the claim lapsed and another request took the key over."""
        cur.execute(
            self.store.sql(
                "UPDATE idempotency_keys SET status = ?, headers = ?, body = ?"
                " WHERE owner = ? AND idempotency_key = ? AND claim = ? AND status IS NULL"
            ),
            (
                answer.status,
                json.dumps(answer.headers, ensure_ascii=False),
                answer.body,
                held.owner,
                held.key,
                held.claim,
            ),
        )
        if cur.rowcount != 1:
            raise KeyInUse(held.key)

    def release(self, held: Claim) -> None:
        """Give a key back when its request wrote nothing, so that it may be sent again."""
        with self.store.transaction() as cur:
            cur.execute(
                self.store.sql(
                    "DELETE FROM idempotency_keys"
                    " WHERE owner = ? AND idempotency_key = ? AND claim = ? AND status IS NULL"
                ),
                (held.owner, held.key, held.claim),
            )


@contextmanager
def _raced(now: datetime) -> Iterator[None]:
    """Turn a unique index's refusal into KeyInUse: PostgreSQL lets two first requests with
    a key look at once, then one's insert waits for the other's and fails."""
    try:
        yield
    except Exception as error:
        if isinstance(error, sqlite3.IntegrityError) or getattr(error, "sqlstate", "") == UNIQUE:
            raise KeyInUse(stamp(now)) from None
        raise
