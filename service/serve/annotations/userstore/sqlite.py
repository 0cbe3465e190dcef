"""The store in one SQLite file, in WAL mode: readers never wait for the one writer."""

import contextlib
import sqlite3
from pathlib import Path

from service.serve.annotations.userstore.base import UserStore

BUSY_TIMEOUT_MS = 30_000  # writers queue for the file's lock rather than fail


class SqliteStore(UserStore):
    """A SQLite store, one connection per thread and process (never shared across a fork)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._start()

    def _open(self) -> sqlite3.Connection:
        """Open the file in autocommit mode: transactions are begun explicitly."""
        conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = WAL")
        # FULL syncs the log at every commit, so an acknowledged write survives power loss too.
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        return conn

    @contextlib.contextmanager
    def transaction(self):
        """Take the write lock at the start (no upgrade deadlocks), commit or roll back."""
        conn = self.connection()
        cur = conn.cursor()
        cur.execute("BEGIN IMMEDIATE")
        try:
            yield cur
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def read(self, text: str, params=()) -> list[tuple]:
        """Run one read in its own snapshot."""
        return self.connection().execute(text, params).fetchall()
