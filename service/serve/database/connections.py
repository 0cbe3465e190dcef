"""Read-only connections to the corpus database, one per thread, reopened when a build
replaces the file or a change is published into it, and pinned to one snapshot a request."""

import os
import sqlite3
import threading
from pathlib import Path

from flask import has_request_context

from service.journal import settle
from service.serve.errors import Unavailable


class Connections:
    """Hand out a read-only connection per thread to the current database file."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self._local = threading.local()

    def connection(self) -> sqlite3.Connection:
        """Return this thread's connection, reopening when the file was replaced or changed.

        Within a request, every query reads one snapshot: the first opens a read
        transaction that `end_request` closes, so a change published in place meanwhile
        is seen by the next request, never half-way through this one."""
        local = self._local
        if getattr(local, "pinned", False):
            return local.conn
        for _ in range(3):
            signature = self._signature()
            if getattr(local, "signature", None) != signature:
                local.conn = self._open()
                local.signature = signature
                local.meta = None
                local.memo = {}
            if not has_request_context():
                return local.conn
            if self._pin(local.conn) == signature:
                local.pinned = True
                return local.conn
            local.conn.rollback()  # changed between the look and the lock: look again
        raise Unavailable("The database is being published: try again.")

    def _signature(self) -> tuple[int, int, int]:
        """Tell the database file's version apart: its inode, time and size."""
        try:
            stat = os.stat(self.path)
        except OSError:
            raise Unavailable(f"No database at {self.path.name}: run `claims build`.") from None
        return (stat.st_ino, stat.st_mtime_ns, stat.st_size)

    def _pin(self, conn: sqlite3.Connection) -> tuple[int, int, int]:
        """Open a read transaction and hold its lock (no change can be published until it
        ends); return the file's version as it is read."""
        for healed in (False, True):
            try:
                conn.execute("BEGIN")
                conn.execute("SELECT 1 FROM meta LIMIT 1").fetchall()
                return self._signature()
            except sqlite3.Error:
                conn.rollback()
                if healed or not self._heal():
                    break
        raise Unavailable("The database cannot be read: rebuild it with `claims build`.")

    def end_request(self) -> None:
        """Close the read transaction this thread's request opened, if any."""
        local = self._local
        if getattr(local, "pinned", False):
            local.pinned = False
            local.conn.rollback()

    def _open(self) -> sqlite3.Connection:
        """Open the file read-only and check that it is a database we built."""
        for healed in (False, True):
            try:
                conn = sqlite3.connect(
                    f"{self.path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False
                )
                conn.row_factory = sqlite3.Row
                conn.execute("SELECT value FROM meta WHERE key = 'build_id'").fetchone()
                return conn
            except sqlite3.Error:
                if healed or not self._heal():
                    break
        raise Unavailable("The database cannot be read: rebuild it with `claims build`.")

    def _heal(self) -> bool:
        """Roll back a change whose publisher died half-way, which a read-only connection
        cannot do; tell whether the file could be opened for it."""
        return settle(self.path, timeout=1)
