"""Resolve relative expressions: against the narrative's dates or the time of writing, by tense.

Months, days and weekdays without a year resolve against a date the narrative gave in
the same or the previous sentence, else against the publication date by tense: the
latest such day on or before it, the next one in a sentence about the future, and the
nearer of the two where the sentence only reports a plan ("would").
"""

from dataclasses import dataclass, field
from datetime import date

from service.pipeline.records import Expression
from service.pipeline.temporal.patterns import (
    DEADLINE,
    FUTURE_PREPOSITION,
    PAST_PREPOSITION,
    sentence_bounds,
)
from service.pipeline.temporal.patterns import tense as tense_from_words


@dataclass
class Context:
    """What relative expressions resolve against: the publication period, and the tense
    of each paragraph's clauses where a parse gave them."""

    published_earliest: date | None
    published_latest: date | None
    clauses: dict = field(default_factory=dict)

    def day_of_writing(self, e: Expression) -> date | None:
        """Return the day of publication, or None, saying why on the expression when the
        metadata gives only a month or a year."""
        if self.published_latest is not None and self.published_latest != self.published_earliest:
            e.extra["unresolved"] = "it needs the day of publication; the metadata gives less"
            return None
        return self.published_latest

    def tense_of(self, e, text: str) -> str:
        """Tell the tense an expression is read in: that of the smallest clause holding it,
        else what its sentence's words suggest. Present tense reads as "conditional", and
        so does a deadline in the past ("had to do so by a December 26 deadline"), which
        may lie either side of the writing."""
        if PAST_PREPOSITION.search(text[: e.start]):
            return "past"
        tense = self._tense(e, text)
        return "conditional" if tense == "past" and DEADLINE.match(text, e.end) else tense

    def _tense(self, e, text: str) -> str:
        """Tell the tense of the clause holding an expression, or of its sentence's words."""
        holding = [
            (end - start, tense)
            for start, end, tense in self.clauses.get(e.paragraph, [])
            if start <= e.start and e.end <= end
        ]
        if holding:
            tense = min(holding)[1]
            if tense == "past" and FUTURE_PREPOSITION.search(text[: e.start]):
                return "future"
            return "conditional" if tense == "present" else tense
        return tense_from_words(text, e.start)


def year_for(m, e, month, day, found, context, reach: str = "sentence") -> int | None:
    """Pick a year for a month or day given without one, recording what it came from.

    `day` is None for a month given alone ("In December"). The narrative's year holds when a
    date of the same or the previous sentence (with `reach="paragraph"`, of the paragraph)
    set it; otherwise the time of writing does.
    """
    text = m.string
    sentence_start = sentence_bounds(text, e.start)[0]
    previous_start = sentence_bounds(text, max(0, sentence_start - 2))[0] if sentence_start else 0
    if reach == "paragraph":
        previous_start = 0
    for position in range(len(found) - 1, -1, -1):
        earlier = found[position]
        if earlier.paragraph != e.paragraph or earlier.start < previous_start:
            break
        if sets_a_year(earlier):
            e.anchor = position
            return earlier.earliest.year
    written = context.published_latest
    if written is None:
        return None
    e.anchor = "published"
    before, after = around(written, month, day)
    mood = context.tense_of(e, text)
    if mood == "future":
        return after
    if mood == "conditional":
        nearer = abs(date(after, month, day or 1) - written) < abs(
            date(before, month, day or 1) - written
        )
        return after if nearer else before
    return before


def around(written: date, month: int, day: int | None) -> tuple[int, int]:
    """Return the years of the latest such month or day on or before writing, and of the
    next one; a month-only expression counts the month of writing as both."""
    year = written.year
    if day is None:
        return (year if month <= written.month else year - 1), (
            year if month >= written.month else year + 1
        )
    when = date(year, month, min(day, 28))
    return (year if when <= written else year - 1), (year if when >= written else year + 1)


def sets_a_year(expression: Expression) -> bool:
    """Tell a date the text fixed to one year, which later months and days take up."""
    return (
        expression.type == "DATE"
        and expression.earliest is not None
        and expression.latest is not None
        and expression.anchor != "published"
        and expression.earliest.year == expression.latest.year
    )


def previous_date(found: list[Expression], day_precise: bool = False) -> int | None:
    """Return the index of the latest dated expression before this one; for counting days
    off it, the latest single day, when the narrative gave one."""
    dated = [i for i, f in enumerate(found) if f.type == "DATE" and f.earliest is not None]
    if day_precise:
        days = [i for i in dated if found[i].day_precise]
        dated = days or dated
    return dated[-1] if dated else None
