"""The store in one SQLite file, in WAL mode: readers never wait for the one writer.

The file is checked (`PRAGMA quick_check`) when the store opens: a damaged store stops the
start-up. One that cannot be written (a read-only file or folder) is opened for reading,
so that the reads still serve while every write answers that the store is read-only.
"""

import contextlib
import sqlite3
import threading
from pathlib import Path

from service.serve.annotations.userstore.base import StoreError, StoreUnwritable, UserStore

BUSY_TIMEOUT_MS = 30_000  # writers queue for the file's lock rather than fail


class SqliteStore(UserStore):
    """A SQLite store, one connection per thread and process (never shared across a fork)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.unwritable = ""  # why the store cannot be written, when it cannot
        check_integrity(self.path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._start()
        except (PermissionError, sqlite3.OperationalError) as error:
            if not self.path.is_file() or not _read_only_error(error):
                raise StoreError(f"CLAIMS_STORE={self.path}: cannot create it ({error})") from None
            self.writable, self.unwritable = False, str(error)
            self._local = threading.local()

    def _open(self) -> sqlite3.Connection:
        """Open the file in autocommit mode: transactions are begun explicitly."""
        if not self.writable:
            return read_only(self.path)
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
        if not self.writable:
            raise StoreUnwritable(f"the store is read-only ({self.unwritable})")
        conn = self.connection()
        cur = conn.cursor()
        if getattr(self._local, "open", False):
            yield cur  # inside another: the outer one commits or rolls back both
            return
        cur.execute("BEGIN IMMEDIATE")
        self._local.open = True
        try:
            yield cur
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        else:
            conn.execute("COMMIT")
        finally:
            self._local.open = False

    def read(self, text: str, params=()) -> list[tuple]:
        """Run one read in its own snapshot."""
        return self.connection().execute(text, params).fetchall()


def _read_only_error(error: Exception) -> bool:
    """Tell a store that cannot be written from other failures (a lock held too long)."""
    if isinstance(error, PermissionError):
        return True
    code = getattr(error, "sqlite_errorcode", 0) & 0xFF  # the primary code of an extended one
    return code in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN)


def read_only(path: Path) -> sqlite3.Connection:
    """Open a store for reading only, even in a folder where its WAL files cannot be made."""
    uri = path.resolve().as_uri()
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, check_same_thread=False)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchall()
    except sqlite3.OperationalError as error:
        if not _read_only_error(error):
            raise
        conn.close()
        # No WAL index can be made beside the file, so no process can be writing it.
        conn = sqlite3.connect(f"{uri}?immutable=1", uri=True, check_same_thread=False)
    return conn


def check_integrity(path: Path) -> None:
    """Refuse a store file that is not SQLite or fails `PRAGMA quick_check`, in one line."""
    if not path.is_file() or path.stat().st_size == 0:
        return  # a new store, made empty
    try:
        conn = read_only(path)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        raise StoreError(damaged(path, str(error))) from None
    if rows != [("ok",)]:
        raise StoreError(damaged(path, f"{rows[0][0]} ({len(rows)} problems)"))


def damaged(path: Path, detail: str) -> str:
    """Say that the store is damaged, naming the setting, in one line."""
    first = detail.splitlines()[0] if detail else "unreadable"
    return (
        f"the store CLAIMS_STORE={path} is damaged: {first}; "
        "restore it from a backup, or move it aside to start an empty one"
    )
