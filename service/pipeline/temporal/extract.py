"""Find and normalise every temporal expression of a document, in reading order.

Each expression gets a `type` (DATE, TIME, DURATION, SET), a `value` (`2022-12-12`,
`2023-09`, `2022-FA`, `2024-W14`, `P137D`, `PT48H`), a `mod` (START, MID, END, APPROX),
day bounds `earliest`/`latest`, and the `anchor` a relative one was resolved against:
the index of an earlier expression in the same document, or "published". Without a
publication date, an expression that needs one keeps `value: null`.
"""

import re
from datetime import datetime, timedelta

import dateparser

from service.pipeline.records import Expression
from service.pipeline.temporal.patterns import PATTERN, sentence_bounds
from service.pipeline.temporal.periods import bounds, place_time, value_of
from service.pipeline.temporal.resolve import Context
from service.pipeline.temporal.rules import RULES

# A fallback parse further than this from the publication year is a misreading
# ("12 40" is not 1940) unless the text itself writes that year.
MAX_FALLBACK_YEARS = 25
RIGHT_AFTER = re.compile(r",?\s+(?:on\s+)?")  # "noon yesterday", "9 p.m. on Sunday"


def extract(
    texts: list[str], published: str | None, model_spans=None, clauses=None
) -> list[Expression]:
    """Find and normalise every temporal expression of one document, in reading order.

    `model_spans` and `clauses` (by paragraph) come from the parse: date spans the
    rules may have missed, and the tense of each clause.
    """
    earliest, latest = bounds(published)
    context = Context(earliest, latest, clauses or {})
    found = _extract(texts, context, model_spans or {})
    narrowed = _narrow(context, found)
    return found if narrowed == context else _extract(texts, narrowed, model_spans or {})


def _extract(texts: list[str], context: Context, model_spans: dict) -> list[Expression]:
    """Run the rules over every paragraph, then dateparser over model spans they missed."""
    found: list[Expression] = []
    for index, text in enumerate(texts):
        for match in PATTERN.finditer(text):
            expression = _normalise(match, index, found, context)
            if expression is not None:
                found.append(expression)
        for span in model_spans.get(index, []):
            if not any(_overlaps(e, index, span) for e in found):
                parsed = _parse_with_dateparser(span, index, context)
                if parsed:
                    found.append(parsed)
    found.sort(key=lambda e: (e.paragraph, e.start))
    _times_on_later_days(texts, found)
    _moments_after_clocks(found)
    return found


def _times_on_later_days(texts: list[str], found: list[Expression]) -> None:
    """Put a clock time on the day its sentence names after it ("10:40 p.m. on Tuesday"),
    where no day came before it in the sentence, and always on a day named right after it
    ("noon yesterday", "9 p.m. on Sunday")."""
    for position, e in enumerate(found):
        if e.rule != "clock":
            continue
        text = texts[e.paragraph]
        sentence_end = sentence_bounds(text, e.start)[1]
        later = next(
            (
                number
                for number, f in enumerate(found[position + 1 :], position + 1)
                if f.paragraph == e.paragraph
                and f.start < sentence_end
                and f.type == "DATE"
                and f.day_precise
            ),
            None,
        )
        if later is None:
            continue
        if not isinstance(e.anchor, int) or RIGHT_AFTER.fullmatch(text[e.end : found[later].start]):
            place_time(e, found[later].earliest, later)


def _moments_after_clocks(found: list[Expression]) -> None:
    """Count "about one minute before the crash" from the last clock time before it."""
    for position, e in enumerate(found):
        if "minutes" not in e.extra:
            continue
        clocks = [i for i, f in enumerate(found[:position]) if f.rule == "clock" and f.earliest]
        if not clocks:
            continue
        clock = found[clocks[-1]]
        minutes = timedelta(minutes=e.extra["minutes"])
        moment = datetime.fromisoformat(str(clock.value)) + minutes
        e.extra["clock"] = f"T{moment:%H:%M}"
        place_time(e, moment.date(), clocks[-1])


def _overlaps(expression: Expression, paragraph: int, span) -> bool:
    """Tell whether an expression overlaps a span of the same paragraph."""
    return (
        expression.paragraph == paragraph
        and expression.start < span.end
        and span.start < expression.end
    )


def _narrow(context: Context, found: list[Expression]) -> Context:
    """Start the time of writing no earlier than the latest day the text reports."""
    if context.published_earliest is None or context.published_latest is None:
        return context
    days = [
        e.earliest
        for e in found
        if e.day_precise
        and e.earliest is not None
        and e.rule != "weekday"  # weekdays are read from the time of writing, not evidence of it
        and context.published_earliest <= e.earliest <= context.published_latest
    ]
    start = max([context.published_earliest, *days])
    return Context(start, context.published_latest, context.clauses)


def _normalise(match: re.Match, index: int, found: list[Expression], context: Context):
    """Turn one regex match into an Expression, resolving it against what came before."""
    kind = match.lastgroup
    if kind is None:
        return None
    start, end = match.start(kind), match.end(kind)
    if match.string[start : start + 4].lower() == "the ":  # spans leave the article out
        start += 4
    expression = Expression(index, start, end, match.string[start:end], "DATE", None, rule=kind)
    try:
        expression = RULES[kind](match, expression, found, context)
    except (ValueError, OverflowError):  # "5000 years ago" leaves the calendar
        expression.value, expression.earliest, expression.latest = None, None, None
        expression.extra["unresolved"] = "it falls outside the calendar's years 1 to 9999"
    if expression is not None and expression.value is None:
        expression.extra.setdefault(
            "unresolved",
            "the document has no publication date to resolve it against"
            if context.published_latest is None
            else "no earlier date in the text to count from",
        )
    return expression


# "about 12 seconds", and "60s" ("in her 60s"), which dateparser reads as seconds ago
SUB_DAY = re.compile(r"\b(?:seconds?|minutes?|hours?)\b|^\d+s$", re.IGNORECASE)


def _parse_with_dateparser(span, index: int, context: Context) -> Expression | None:
    """Normalise a date the model found that our rules missed, when dateparser can."""
    if SUB_DAY.search(span.text):
        return None  # "about 12 seconds", "one minute before the crash": no calendar date
    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["month", "year"]}
    if context.published_latest:
        settings["RELATIVE_BASE"] = datetime.combine(context.published_latest, datetime.min.time())
    parsed = dateparser.parse(span.text, languages=["en"], settings=settings)
    if parsed is None:
        return None
    day = parsed.date()
    reference = context.published_latest.year if context.published_latest else None
    if str(day.year) not in span.text and (
        reference is None or abs(day.year - reference) > MAX_FALLBACK_YEARS
    ):
        return None
    value = value_of(day, day)
    return Expression(
        index, span.start, span.end, span.text, "DATE", value, None, day, day, rule="dateparser"
    )
