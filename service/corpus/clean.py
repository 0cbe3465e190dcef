"""Make a text safe to keep: LF line ends, no byte order mark, no control or bidi-override
characters (tab and newline stay)."""

import re
from collections import Counter
from collections.abc import Mapping

BOM = "\ufeff"
# C0 and C1 controls and DEL, but tab and newline; then the bidi embeddings, overrides and
# isolates that can make a text read otherwise than it is stored.
UNWANTED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]")
NAMES = {"\ufeff": "BOM", "\x1b": "ESC", "\x07": "BEL", "\x7f": "DEL"}


def clean_text(text: str) -> tuple[str, Counter[str]]:
    """Return the text with LF line ends and the unwanted characters taken out, and how
    many of each were taken out."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    removed = Counter(UNWANTED.findall(text))
    return UNWANTED.sub("", text), removed


def describe(removed: Mapping[str, int]) -> str:
    """Name the characters taken out and how often: `U+001B ESC x2, U+202E x1`."""
    return ", ".join(
        f"U+{ord(char):04X}{' ' + NAMES[char] if char in NAMES else ''} x{count}"
        for char, count in sorted(removed.items())
    )
