"""Text-fragment links (`#:~:text=`) that open the original page at a quoted passage."""

from urllib.parse import quote

CONTEXT_WORDS = 3
LONG_QUOTE_WORDS = 8
EDGE_WORDS = 4


def encode(text: str) -> str:
    """Percent-encode a text-directive value; "-", "," and "&" are syntax there."""
    return quote(text, safe="").replace("-", "%2D")


def text_fragment(
    url: str | None, page_text: str, paragraph: str, start: int, end: int
) -> str | None:
    """Link to words of a paragraph on the page at url, with context when they repeat."""
    if not url:
        return None
    words = paragraph[start:end].split()
    if not words:
        return None
    if len(words) > LONG_QUOTE_WORDS:
        first, last = " ".join(words[:EDGE_WORDS]), " ".join(words[-EDGE_WORDS:])
        directive = f"{encode(first)},{encode(last)}"
        probe = first
    else:
        probe = " ".join(words)
        directive = encode(probe)
    if _normal(page_text).count(_normal(probe)) > 1:
        before = paragraph[:start].split()[-CONTEXT_WORDS:]
        after = paragraph[end:].split()[:CONTEXT_WORDS]
        if before:
            directive = f"{encode(' '.join(before))}-,{directive}"
        if after:
            directive = f"{directive},-{encode(' '.join(after))}"
    return f"{url.split('#')[0]}#:~:text={directive}"


def _normal(text: str) -> str:
    """Collapse white space, as browsers match rendered text."""
    return " ".join(text.replace("\u00a0", " ").split())
