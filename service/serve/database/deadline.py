"""A time limit on one connection's statements, kept by SQLite's progress handler."""

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager

from service.serve.errors import TooSlow

# SQLite calls the handler every this many virtual-machine instructions: well under a
# millisecond of work, and the check costs about 1% of a search (even at every 100).
INSTRUCTIONS = 1000
# Seconds a client is asked to wait: an interrupted query will be as slow again, so this
# only spaces out retries that would load the worker the same way.
RETRY_AFTER = "5"


@contextmanager
def deadline(conn: sqlite3.Connection, milliseconds: int) -> Iterator[None]:
    """Interrupt the connection's statements once `milliseconds` have passed."""
    ends = time.monotonic() + milliseconds / 1000
    conn.set_progress_handler(lambda: time.monotonic() > ends, INSTRUCTIONS)
    try:
        yield
    finally:
        # The connection is the thread's for every later request: leave it unlimited.
        conn.set_progress_handler(None, 0)


def interrupted(error: sqlite3.Error) -> bool:
    """Tell a statement the progress handler stopped from a failing database."""
    return getattr(error, "sqlite_errorcode", None) == sqlite3.SQLITE_INTERRUPT


def too_slow() -> TooSlow:
    """The 503 for a query stopped at its deadline."""
    return TooSlow(
        "The search took longer than this server allows; use rarer words or fewer prefixes.",
        headers={"Retry-After": RETRY_AFTER},
    )
