"""Fit names and counts into the room a picture gives them."""

ELLIPSIS = "…"


def shorten(name: str, limit: int) -> str:
    """Cut a name to at most `limit` characters, marking the cut."""
    name = " ".join(name.split())
    return name if len(name) <= limit else name[: limit - 1].rstrip() + ELLIPSIS


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """Say a count with its noun, in the plural unless it is one."""
    return f"{count:,} {noun if count == 1 else nouns or noun + 's'}"
