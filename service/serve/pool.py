"""The analyses one serving process runs: who may ask, how large a body, how many at once
(429 beyond them)."""

import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from service.serve.errors import Busy

# An article's analysis takes about a second once the model is loaded: by then a slot
# has most likely come free.
RETRY_AFTER_SECONDS = 2
ACCESS = ("open", "token")

Analyse = Callable[[dict], dict]


class AnalysisPool:
    """Run the analyser the app factory gave, in at most `slots` requests at a time, for
    bodies of at most `max_bytes`; with `needs_token`, only for a token's holder."""

    def __init__(self, analyse: Analyse, slots: int, needs_token: bool, max_bytes: int):
        self.analyse, self.needs_token, self.max_bytes = analyse, needs_token, max_bytes
        self.slots = threading.BoundedSemaphore(slots)

    @classmethod
    def from_settings(cls, analyse: Analyse, settings: dict) -> "AnalysisPool":
        """Make the pool the settings describe, refusing a malformed setting at start-up."""
        access = str(settings["ANALYSES"]).strip()
        if access not in ACCESS:
            raise ValueError(f"CLAIMS_ANALYSES must be 'open' or 'token', not {access!r}")
        slots = _positive(settings, "ANALYSIS_SLOTS")
        return cls(analyse, slots, access == "token", _positive(settings, "ANALYSIS_MAX_BYTES"))

    @contextmanager
    def slot(self) -> Iterator[None]:
        """Hold one slot while the block runs; raise 429 at once when none is free."""
        # Never wait: a request queued behind slow analyses would hold its worker too.
        if not self.slots.acquire(blocking=False):
            raise Busy(
                "Every analysis slot of this server is busy; try again shortly.",
                headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
            )
        try:
            yield
        finally:
            self.slots.release()

    def run(self, submitted: dict) -> dict:
        """Analyse a submitted text in a slot of the pool."""
        with self.slot():
            return self.analyse(submitted)


def _positive(settings: dict, key: str) -> int:
    """Read a setting as a whole number above zero."""
    value = str(settings[key]).strip()
    if not re.fullmatch(r"[1-9][0-9]*", value):
        raise ValueError(f"CLAIMS_{key} must be a whole number above 0, not {value!r}")
    return int(value)
