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


def phrase_span(token, leaving_out=("relcl", "acl")) -> tuple[int, int]:
    """Return the character span of a noun phrase without the clauses after its head ("Sinha
    who said that ..." is Sinha), or without other kinds of dependents after it."""
    after = [c for c in token.children if c.i > token.i and c.dep_ not in leaving_out]
    # dependents after the head up to the first one left out: "the Ministry of Defence"
    left_out = [c.i for c in token.children if c.i > token.i and c.dep_ in leaving_out]
    if left_out:
        after = [c for c in after if c.i < min(left_out)]
    last = max((c.right_edge for c in after), key=lambda t: t.i, default=token)
    return token.left_edge.idx, last.idx + len(last)
