"""Quotations and their speakers, across sentences and paragraphs.

Every sentence inside a quotation belongs to its speaker, wherever the attribution
stands: before the quote (`Smith said: "A. B."`), after it (`"A. B," Smith said.`),
between its parts, or in an earlier paragraph when a paragraph opens a quote without
closing it and the next one opens again (the typographic convention for a quote that
runs over several paragraphs). A paragraph that is only a quotation, right after a
quotation with a speaker, carries that speaker on. A reporting word inside a quotation
is the speaker's word, not a cue.
"""

import re
from dataclasses import dataclass
from itertools import pairwise

from service.pipeline.records import Attribution

OPENING = {"“", "«", "„"}
CLOSING = {"”", "»"}
STRAIGHT = '"'
# Before a quote mark that opens: the paragraph's start or one of these.
OPENS_AFTER = set(" \t\n([{—–:;/")
# A paragraph without one of these quotes no one (two apostrophes close only after one).
QUOTE_MARKS = re.compile("[" + re.escape("".join(OPENING | CLOSING) + STRAIGHT) + "]")


@dataclass(slots=True)
class Quotation:
    """A stretch of quoted words in one paragraph, with the speaker it was given."""

    paragraph: int
    start: int  # the first quoted character, after the opening mark
    end: int  # the closing mark, or the paragraph's end when the quote runs on
    runs_on: bool = False  # unclosed: the next paragraph may open its continuation
    continues: bool = False  # this paragraph opens the continuation of an earlier quote
    speaker: Attribution | None = None
    speaker_paragraph: int | None = None


def quoted_spans(text: str) -> list[tuple[int, int, bool]]:
    """Return (start, end, closed) for each quotation of a paragraph's text."""
    if not QUOTE_MARKS.search(text):
        return []  # most paragraphs quote no one: no need to read them character by character
    spans, opened = [], None
    for i, char in enumerate(text):
        at_opening = i == 0 or text[i - 1] in OPENS_AFTER
        if opened is None:
            if char in OPENING or (char == STRAIGHT and at_opening):
                opened = i + 1
        elif (
            char in CLOSING
            # an opening mark where a quote closes: a slip ('“...,“ he said')
            or (not at_opening and (char in OPENING or char == STRAIGHT))
            or text[i : i + 2] == "''"  # old wire copy closes with two apostrophes
        ):
            spans.append((opened, i, True))
            opened = None
    if opened is not None and text[opened:].strip():
        spans.append((opened, len(text), False))
    return spans


def quotations(texts: list[str], attributions: list[list[Attribution]]) -> list[Quotation]:
    """Find the document's quotations and give each its speaker, where the text names one."""
    spans = [quoted_spans(text) for text in texts]
    # The cues each paragraph has outside its quotations: a cue inside one is no cue.
    cues = [
        [a for a in found if not any(s <= a.cue.start < e for s, e, _ in quoted)]
        for found, quoted in zip(attributions, spans, strict=True)
    ]
    found: list[Quotation] = []
    for number, (text, quoted) in enumerate(zip(texts, spans, strict=True)):
        opens_at_start = bool(quoted) and not text[: quoted[0][0] - 1].strip()
        for index, (start, end, closed) in enumerate(quoted):
            quote = Quotation(number, start, end, runs_on=not closed)
            quote.continues = (
                index == 0
                and opens_at_start
                and bool(found)
                and found[-1].runs_on
                and found[-1].paragraph == number - 1
            )
            found.append(quote)
    for quote in found:
        _own_speaker(quote, texts, spans, cues)
    _carry_speakers(found, texts, spans)
    return found


def _own_speaker(quote: Quotation, texts: list[str], spans: list, cues: list) -> None:
    """Find a cue in the quote's own paragraph: after it, up to the next quote, or before it."""
    number = quote.paragraph
    here = [a for a in cues[number] if _has_source(a)]
    later = [s for s, _, _ in spans[number] if s > quote.end]
    limit = later[0] if later else len(texts[number])
    after = [a for a in here if quote.end <= a.cue.start < limit]
    earlier = [e for _, e, _ in spans[number] if e < quote.start]
    floor = earlier[-1] if earlier else 0
    before = [a for a in here if floor <= a.cue.start < quote.start]
    if after:
        quote.speaker, quote.speaker_paragraph = after[0], number
    elif before:
        quote.speaker, quote.speaker_paragraph = before[-1], number
    elif number > 0 and texts[number - 1].rstrip().endswith(":") and cues[number - 1]:
        # "Smith said on Saturday:" closing the paragraph before
        quote.speaker, quote.speaker_paragraph = cues[number - 1][-1], number - 1


def _carry_speakers(found: list[Quotation], texts: list[str], spans: list) -> None:
    """Give a quote's continuation, and a paragraph that is only a quote, the quote's speaker."""
    for previous, quote in pairwise(found):
        if quote.speaker is not None or previous.speaker is None:
            continue
        nearby = quote.paragraph in (previous.paragraph, previous.paragraph + 1)
        only_quoted = _only_quoted(texts[quote.paragraph], spans[quote.paragraph])
        if quote.continues or (nearby and only_quoted):
            quote.speaker, quote.speaker_paragraph = previous.speaker, previous.speaker_paragraph
    # A quote that runs on takes the speaker named after its last part ("... ," she said).
    for quote, following in reversed(list(pairwise(found))):
        if quote.speaker is None and following.continues and following.speaker is not None:
            quote.speaker, quote.speaker_paragraph = following.speaker, following.speaker_paragraph


def _only_quoted(text: str, spans: list[tuple[int, int, bool]]) -> bool:
    """Tell a paragraph made of quoted words alone."""
    inside = sum(end - start for start, end, _ in spans)
    return bool(spans) and inside >= len(text.strip()) - 2 * len(spans) - 1


def _has_source(attribution: Attribution) -> bool:
    """Tell an attribution that names someone, even vaguely."""
    return bool(attribution.source.text.strip())


def by_paragraph(found: list[Quotation], paragraphs: int) -> list[list[Quotation]]:
    """Return each paragraph's quotations."""
    grouped: list[list[Quotation]] = [[] for _ in range(paragraphs)]
    for quote in found:
        grouped[quote.paragraph].append(quote)
    return grouped
