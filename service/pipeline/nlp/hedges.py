"""Hedges: the words and phrases that keep a claim at a distance ("reportedly", "so-called")."""

import re

from service.pipeline.lexicon.hedges import (
    AGENTLESS_VERBS,
    HEDGE_PHRASES,
    HEDGE_WORDS,
    SEEMING_VERBS,
)
from service.pipeline.nlp.doctext import text_of, text_span
from service.pipeline.records import Span

# "it was revealed that", "it is understood that", "it was also reported that", "it is
# widely believed that": a report with no one to give it
AGENTLESS_REPORT = re.compile(
    r"it\s+(?:is|was|has\s+been|had\s+been)\s+(?:(?:also|now|further|\w+ly)\s+)?(?:"
    + "|".join(AGENTLESS_VERBS)
    + ")",
    re.IGNORECASE,
)
AGENTLESS = re.compile(rf"\b{AGENTLESS_REPORT.pattern}(?=\s+that\b)", re.IGNORECASE)


def agentless(text: str) -> bool:
    """Tell a hedge that reports with no one to give the report ("it was revealed")."""
    return AGENTLESS_REPORT.fullmatch(text) is not None


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
    found += [text_span(doc, m.start(), m.end()) for m in AGENTLESS.finditer(text_of(doc))]
    for phrase in HEDGE_PHRASES:
        matches = re.finditer(re.escape(phrase), text_of(doc), re.IGNORECASE)
        found += [text_span(doc, m.start(), m.end()) for m in matches]
    return sorted(found, key=lambda h: h.start)
