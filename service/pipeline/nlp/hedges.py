"""Hedges: the words and phrases that keep a claim at a distance ("reportedly", "so-called")."""

import re

from service.pipeline.lexicon.hedges import HEDGE_PHRASES, HEDGE_WORDS, SEEMING_VERBS
from service.pipeline.nlp.doctext import text_of, text_span
from service.pipeline.records import Span


def hedges(doc) -> list[Span]:
    """Find every hedge word and phrase of a paragraph."""
    found = [
        text_span(doc, t.idx, t.idx + len(t))
        for t in doc
        if t.lower_ in HEDGE_WORDS and t.tag_ in ("RB", "JJ", "MD")
    ]
    found += [
        text_span(doc, t.idx, t.nbor().idx + len(t.nbor()))
        for t in doc
        if t.lemma_.lower() in SEEMING_VERBS and t.i + 1 < len(doc) and t.nbor().lower_ == "to"
    ]
    for phrase in HEDGE_PHRASES:
        matches = re.finditer(re.escape(phrase), text_of(doc), re.IGNORECASE)
        found += [text_span(doc, m.start(), m.end()) for m in matches]
    return sorted(found, key=lambda h: h.start)
