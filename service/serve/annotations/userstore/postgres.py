"""The store in PostgreSQL, for several replicas sharing one set of user annotations."""

import contextlib

import psycopg

from service.serve.annotations.userstore.base import SCHEMA, UserStore

SCHEMA_LOCK = 7_314_159  # an advisory lock key of our own, held while creating tables


class PostgresStore(UserStore):
    """A PostgreSQL store, one connection per thread and process (never shared across a fork)."""

    placeholder = "%s"
    lock_rows = " FOR UPDATE"

    def __init__(self, url: str):
        self.url = url
        self._start()

    def _open(self) -> psycopg.Connection:
        """Connect in autocommit mode: transactions are begun explicitly."""
        return psycopg.connect(self.url, autocommit=True)

    def _usable(self, conn) -> bool:
        """Tell a live link from one the server closed."""
        return not conn.closed

    def create_schema(self) -> None:
        """Create the tables, one replica at a time (concurrent CREATEs can collide)."""
        with self.transaction() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK,))
            for statement in SCHEMA:
                cur.execute(statement)

    @contextlib.contextmanager
    def transaction(self):
        """Run the block in one transaction (a savepoint of the one around it, if any); rows
        read with FOR UPDATE stay locked till commit."""
        conn = self.connection()
        with conn.transaction(), conn.cursor() as cur:
            yield cur

    def read(self, text: str, params=()) -> list[tuple]:
        """Run one read outside any transaction."""
        with self.connection().cursor() as cur:
            cur.execute(self.sql(text), params)
            return cur.fetchall()
