"""One publisher at a time changes a corpus: an exclusive lock on a file beside its database."""

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def corpus_lock(db_path: Path) -> Iterator[None]:
    """Hold the corpus's lock while the block runs, waiting for it if another publisher has it.

    The kernel drops the lock when its holder dies, however it dies, so a killed publisher
    never leaves the corpus locked.
    """
    path = db_path.with_name(f".{db_path.name}.publish-lock")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
