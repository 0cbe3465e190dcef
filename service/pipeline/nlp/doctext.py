"""A parsed paragraph's text, joined once (spaCy joins every token again on each `doc.text`),
and spans of it."""

from service.pipeline.records import Span


def text_of(doc) -> str:
    """Return a spaCy doc's text, kept in its user data after the first call."""
    text = doc.user_data.get("text")
    if text is None:
        text = doc.user_data["text"] = doc.text
    return text


def text_span(doc, start: int, end: int) -> Span:
    """Describe a character span of the paragraph."""
    return Span(start, end, text_of(doc)[start:end])


def subtree_span(token) -> tuple[int, int]:
    """Return the character span of a token's subtree."""
    return token.left_edge.idx, token.right_edge.idx + len(token.right_edge)
