"""How much one token may keep in the store: a bound on what a leaked or hostile token costs."""

import json

from service.serve.annotations.userstore.base import UserStore
from service.serve.errors import QuotaExceeded

# Characters of stored annotation JSON per token, deleted annotations included (they are
# kept, to answer 410): counted as characters, which both SQLite and PostgreSQL measure.
MAX_STORED = 10 * 1024 * 1024
STORED = "SELECT coalesce(sum(length(json)), 0) FROM annotations WHERE creator = ?"


def stored_size(annotation: dict) -> int:
    """Return the characters an annotation takes as the store writes it."""
    return len(json.dumps(annotation, ensure_ascii=False, separators=(",", ":")))


def check_quota(users: UserStore, creator: str, adding: int) -> None:
    """Refuse, with a 403, a write that would take a token past its allowance."""
    used = users.read(STORED, (creator,))[0][0]
    if used + adding > MAX_STORED:
        raise QuotaExceeded(
            f"The token '{creator}' keeps {used} characters of annotations; this write "
            f"would take it past its allowance of {MAX_STORED} (10 MiB)."
        )
