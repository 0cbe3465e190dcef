"""What a reporting cue reports: its clause of content, trimmed to the words reported."""

from service.pipeline.lexicon.attribution import COUNTING_VERBS
from service.pipeline.nlp.doctext import text_span
from service.pipeline.records import Span

EDGE_PUNCTUATION = {".", ",", ";", ":", "—", "–", "-", "(", ")"}
QUOTE_MARKS = {'"', "“", "”", "'", "‘", "’"}


def content(doc, cue, sentence) -> Span | None:
    """Return what a cue reports: its clause of content, or its sentence without the cue."""
    root = cue.root
    clause = first_clause(root)
    if clause is not None:
        return _trimmed(doc, clause.left_edge.i, clause.right_edge.i)
    if root.lemma_.lower() in COUNTING_VERBS:  # "Amnesty has registered 14 deaths": the count
        words = [t for t in root.subtree if not (t.dep_ in ("cc", "conj") and t.head == root)]
        return _trimmed(doc, words[0].i, words[-1].i) if words else None
    if root.lower_ == "according":  # the sentence around "according to X"
        phrase = (root.left_edge.i, root.right_edge.i)
        before = (
            _trimmed(doc, sentence.start, phrase[0] - 1) if phrase[0] > sentence.start else None
        )
        after = (
            _trimmed(doc, phrase[1] + 1, sentence.end - 1) if phrase[1] + 1 < sentence.end else None
        )
        return max([x for x in (before, after) if x], key=lambda x: x.end - x.start, default=None)
    return None


def first_clause(root):
    """Find the clause a cue reports: its own, or that of "saying", "by noting" under it."""
    queue = list(root.children)
    while queue:
        token = queue.pop(0)
        if token.dep_ == "ccomp":
            return token
        if token.dep_ in ("advcl", "xcomp", "prep", "pcomp") and token.i > root.i:
            queue += list(token.children)
    return None


def _trimmed(doc, first: int, last: int) -> Span | None:
    """Return the tokens first..last as a span without "that", edge commas and stops, and
    quotation marks that open or close nothing inside it ("3%" keeps its sign)."""
    while first <= last and (
        doc[first].text in EDGE_PUNCTUATION | QUOTE_MARKS or doc[first].lower_ == "that"
    ):
        first += 1
    while last >= first and doc[last].text in EDGE_PUNCTUATION:
        last -= 1
    if first > last:
        return None
    inner = [t.text for t in doc[first:last]]
    if doc[last].text in QUOTE_MARKS and not QUOTE_MARKS & set(inner):
        last -= 1  # a closing quote whose opening one the clause left out
    if first > last:
        return None
    return text_span(doc, doc[first].idx, doc[last].idx + len(doc[last]))
