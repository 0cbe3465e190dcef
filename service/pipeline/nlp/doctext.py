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


def phrase_span(token, leaving_out=("relcl", "acl"), places=frozenset()) -> tuple[int, int]:
    """Return a noun phrase's span without the clauses after its head ("Berg who said")."""
    # also without the dependents after it of other kinds asked for, and without a
    # prepositional phrase of place ("a gateman at the station"), keeping "of" and the like
    cut = [
        c.i
        for c in token.children
        if c.i > token.i and (c.dep_ in leaving_out or (c.dep_ == "prep" and c.lower_ in places))
    ]
    after = [c for c in token.children if token.i < c.i < min(cut, default=len(token.doc))]
    while after and after[-1].is_punct:
        after.pop()  # the comma before a clause left out
    last = max((c.right_edge for c in after), key=lambda t: t.i, default=token)
    return token.left_edge.idx, last.idx + len(last)
