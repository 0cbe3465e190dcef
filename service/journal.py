"""A change a publisher died publishing in place, rolled back before anyone reads on: shared
by the build, which publishes, and the server, which reads."""

import sqlite3
from contextlib import closing
from pathlib import Path


def settle(db_path: Path, timeout: float = 60) -> bool:
    """Roll back a change whose publisher died half-way, its journal left behind; tell
    whether the file could be opened for it."""
    # SQLite rolls a hot journal back at the first writable opening, and only one no living
    # writer holds; a read-only connection cannot, so readers call this too.
    if not db_path.exists():
        return False
    uri = f"{db_path.resolve().as_uri()}?mode=rw"
    try:
        with closing(sqlite3.connect(uri, uri=True, timeout=timeout)) as db:
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error:
        return False  # held by a living writer, or not a database (a damaged file)
    return True
