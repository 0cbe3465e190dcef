"""Find temporal expressions and normalise them in the style of TIMEX3.

Each expression gets a `type` (DATE, DURATION, SET), a `value` (`2022-12-12`,
`2023-09`, `2022-FA`, `P137D`, `PT48H`), a `mod` (START, MID, END, APPROX), day bounds
`earliest`/`latest`, and the `anchor` a relative one was resolved against: the index
of an earlier expression in the same document, or "published".
"""

import calendar
import re
from datetime import date, datetime, timedelta

import dateparser

from service.build.records import Expression
from service.build.temporal.periods import Context, bounds, month_end, shift, value_of

MONTHS = {name: number for number, name in enumerate(calendar.month_name) if name}
MONTH = "(?:" + "|".join(MONTHS) + ")"
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
NUMBER = r"(?:\d+|(?i:" + "|".join(NUMBER_WORDS) + "))"
UNITS = {"hour": "H", "day": "D", "week": "W", "month": "M", "year": "Y"}
UNIT = r"(?:hour|day|week|month|year)s?"
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}
PARTS = {"early": ("START", 1, 10), "mid": ("MID", 11, 20), "late": ("END", 21, 31)}
SETS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y", "annually": "P1Y"}
YEAR = r"(?:1[89]\d\d|20\d\d)"

# Alternatives in priority order: at any position the first that matches wins.
PATTERN = re.compile(
    "|".join(
        [
            rf"(?P<day_date>(?P<dd_month>{MONTH})\s+(?P<dd_day>\d{{1,2}})(?:st|nd|rd|th)?"
            rf"(?:,?\s+(?:of\s+)?(?P<dd_year>{YEAR}))?)\b",
            rf"(?P<day_first>(?P<df_day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<df_month>{MONTH})"
            rf"(?:,?\s+(?P<df_year>{YEAR}))?)\b",
            rf"(?P<season>(?i:(?P<s_name>spring|summer|fall|autumn|winter))\s+(?:of\s+)?(?P<s_year>{YEAR}))\b",
            r"(?P<deictic_season>(?P<ds_which>(?i:last|this|next))\s+"
            r"(?P<ds_name>(?i:spring|summer|fall|autumn|winter)))\b",
            rf"(?P<month_date>(?:(?P<md_part>early|mid|late)[\s-]+)?(?P<md_month>{MONTH})"
            rf"(?:,?\s+(?:of\s+)?(?P<md_year>{YEAR}|this year|last year))?)\b",
            rf"(?P<range>(?P<r_from>{YEAR})\s*[-–]\s*(?P<r_to>{YEAR}))\b",
            rf"(?P<offset>(?P<o_n>{NUMBER})\s+(?P<o_unit>{UNIT})\s+(?P<o_dir>later|earlier|after|before|ago))\b",
            r"(?P<deictic>(?P<d_which>(?i:last|this|next))\s+(?P<d_unit>week|month|year))\b",
            rf"(?P<period>(?P<p_which>past|last|previous|next|coming)\s+(?P<p_n>{NUMBER})\s+(?P<p_unit>{UNIT}))\b",
            rf"(?P<duration>(?:(?P<du_approx>about|around|almost|nearly|roughly)\s+)?"
            rf"(?P<du_n>{NUMBER})[\s-]+(?P<du_unit>{UNIT}))\b",
            r"(?P<set>daily|weekly|monthly|yearly|annually)\b",
            r"\((?P<class_year>[‘’'](?P<cy>\d\d))\)",
            rf"(?<![\d-])(?P<year>{YEAR})(?![\d-])",
        ]
    )
)


def number(word: str) -> int:
    """Read a numeral written in digits or words."""
    return int(word) if word.isdigit() else NUMBER_WORDS[word.lower()]


def find(text: str, paragraph: int) -> list[tuple[int, int, re.Match]]:
    """Find candidate expressions in one paragraph text."""
    return [(m.start(m.lastgroup or 0), m.end(m.lastgroup or 0), m) for m in PATTERN.finditer(text)]


def extract(texts: list[str], published: str | None, model_spans=None) -> list[Expression]:
    """Find and normalise every temporal expression of one document, in reading order."""
    earliest, latest = bounds(published)
    context = Context(earliest, latest)
    found = _extract(texts, context, model_spans or {})
    narrowed = _narrow(context, found)
    return found if narrowed == context else _extract(texts, narrowed, model_spans or {})


def _extract(texts: list[str], context: "Context", model_spans: dict) -> list[Expression]:
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
    return found


def _overlaps(expression: Expression, paragraph: int, span: dict) -> bool:
    """Tell whether an expression overlaps a span of the same paragraph."""
    return (
        expression.paragraph == paragraph
        and expression.start < span.end
        and span.start < expression.end
    )


def _narrow(context: "Context", found: list[Expression]) -> "Context":
    """Start the time of writing no earlier than the latest day the text reports."""
    if context.published_earliest is None:
        return context
    days = [
        e.earliest
        for e in found
        if e.day_precise and context.published_earliest <= e.earliest <= context.published_latest
    ]
    return Context(max([context.published_earliest, *days]), context.published_latest)


def _normalise(match: re.Match, index: int, found: list[Expression], context: Context):
    """Turn one regex match into an Expression, resolving it against what came before."""
    kind = match.lastgroup
    start, end = match.start(kind), match.end(kind)
    text = match.group(kind)
    make = _RULES[kind]
    return make(match, Expression(index, start, end, text, "DATE", None, rule=kind), found, context)


def _day_date(m, e, found, context):
    month, day = MONTHS[m["dd_month"]], int(m["dd_day"])
    year = int(m["dd_year"]) if m["dd_year"] else None
    if year is None:
        year, e.anchor = _year_for(month, day, e.paragraph, found, context)
    if year is None:
        e.value = f"XXXX-{month:02}-{day:02}"
        return e
    e.earliest = e.latest = date(year, month, day)
    e.value = e.earliest.isoformat()
    return e


def _day_first(m, e, found, context):
    """Read "9 October 2023" as "October 9th, 2023"."""
    fields = {"dd_month": m["df_month"], "dd_day": m["df_day"], "dd_year": m["df_year"]}
    return _day_date(fields, e, found, context)


def _month_date(m, e, found, context):
    month = MONTHS[m["md_month"]]
    year_text = m["md_year"]
    if year_text and year_text[0].isdigit():
        year = int(year_text)
    elif year_text and context.published_latest:
        shift = 0 if year_text == "this year" else 1
        year, e.anchor = context.published_latest.year - shift, "published"
    else:
        year, e.anchor = _year_for(month, 1, e.paragraph, found, context)
    if year is None:
        e.value = f"XXXX-{month:02}"
        return e
    e.value = f"{year}-{month:02}"
    e.earliest, e.latest = date(year, month, 1), month_end(year, month)
    if m["md_part"]:
        e.mod, first, last = PARTS[m["md_part"].lower()]
        e.earliest = date(year, month, first)
        e.latest = min(e.latest, date(year, month, min(last, e.latest.day)))
    return e


def _year_for(
    month: int, day: int, paragraph: int, found, context
) -> tuple[int | None, int | str | None]:
    """Pick a year for a month or day given without one, and say what it came from.

    Inside a paragraph that already stated a year, the narrative's year holds ("In
    the Fall of 2022 ... in August"). Otherwise the text is taken to report the past:
    the latest such day on or before the time of writing.
    """
    for position in range(len(found) - 1, -1, -1):
        earlier = found[position]
        if earlier.paragraph != paragraph:
            break
        if earlier.type == "DATE" and earlier.earliest is not None:
            return earlier.earliest.year, position
    if context.published_latest is None:
        return None, None
    year = context.published_latest.year
    if date(year, month, min(day, 28)) > context.published_latest:
        year -= 1
    return year, "published"


def _season(m, e, found, context):
    code, year = SEASONS[m["s_name"].lower()], int(m["s_year"])
    first, last = SEASON_MONTHS[code]
    e.value = f"{year}-{code}"
    e.earliest = date(year, first, 1)
    e.latest = month_end(year + (1 if last < first else 0), last)
    return e


def _deictic_season(m, e, found, context):
    if context.published_latest is None:
        return e
    code = SEASONS[m["ds_name"].lower()]
    first, last = SEASON_MONTHS[code]
    written = context.published_latest

    def season(year: int) -> tuple[date, date]:
        return date(year, first, 1), month_end(year + (1 if last < first else 0), last)

    years = [written.year - 1, written.year, written.year + 1]
    which = m["ds_which"].lower()
    if which == "next":
        year = next(y for y in years if season(y)[0] > written)
    elif which == "last":
        year = [y for y in years if season(y)[1] < written][-1]
    else:
        year = next(y for y in years if season(y)[1] >= written)
    e.value, e.anchor = f"{year}-{code}", "published"
    e.earliest, e.latest = season(year)
    return e


def _range(m, e, found, context):
    first, last = int(m["r_from"]), int(m["r_to"])
    if last <= first:
        return None
    e.type, e.value = "DURATION", f"P{last - first}Y"
    e.earliest, e.latest = date(first, 1, 1), date(last, 12, 31)
    return e


def _offset(m, e, found, context):
    amount, unit, direction = number(m["o_n"]), _unit(m["o_unit"]), m["o_dir"]
    e.extra["offset"] = f"P{amount}{UNITS[unit]}"
    sign = -1 if direction in ("earlier", "before", "ago") else 1
    if direction == "ago":
        if context.published_latest is None:
            return e
        base_earliest, base_latest, e.anchor = (
            context.published_earliest,
            context.published_latest,
            "published",
        )
    else:
        anchor = _previous_date(found)
        if anchor is None:
            return e
        base_earliest, base_latest, e.anchor = found[anchor].earliest, found[anchor].latest, anchor
    e.earliest = shift(base_earliest, unit, sign * amount)
    e.latest = shift(base_latest, unit, sign * amount)
    if unit == "year":
        e.earliest, e.latest = date(e.earliest.year, 1, 1), date(e.latest.year, 12, 31)
    e.value = value_of(e.earliest, e.latest)
    return e


def _previous_date(found: list[Expression]) -> int | None:
    """Return the index of the latest dated expression before this one."""
    for position in range(len(found) - 1, -1, -1):
        if found[position].type == "DATE" and found[position].earliest is not None:
            return position
    return None


def _deictic(m, e, found, context):
    which, unit = m["d_which"], m["d_unit"]
    if context.published_latest is None:
        return e
    step = {"last": -1, "this": 0, "next": 1}[which.lower()]
    e.anchor = "published"
    first, last = context.published_earliest, context.published_latest
    if unit == "year":
        e.earliest, e.latest = date(first.year + step, 1, 1), date(last.year + step, 12, 31)
    elif unit == "month":
        a, b = shift(first, "month", step), shift(last, "month", step)
        e.earliest, e.latest = date(a.year, a.month, 1), month_end(b.year, b.month)
    else:
        a, b = first + timedelta(weeks=step), last + timedelta(weeks=step)
        e.earliest, e.latest = a - timedelta(days=a.weekday()), b + timedelta(days=6 - b.weekday())
    e.value = value_of(e.earliest, e.latest)
    return e


def _period(m, e, found, context):
    amount, unit = number(m["p_n"]), _unit(m["p_unit"])
    e.type, e.value = "DURATION", _duration_value(amount, unit)
    if context.published_latest is not None:
        sign = 1 if m["p_which"] in ("next", "coming") else -1
        e.anchor = "published"
        if sign < 0:
            e.earliest, e.latest = (
                shift(context.published_earliest, unit, -amount),
                context.published_latest,
            )
        else:
            e.earliest, e.latest = (
                context.published_earliest,
                shift(context.published_latest, unit, amount),
            )
    return e


def _duration(m, e, found, context):
    amount, unit = number(m["du_n"]), _unit(m["du_unit"])
    e.type, e.value = "DURATION", _duration_value(amount, unit)
    if m["du_approx"]:
        e.mod = "APPROX"
    return e


def _set(m, e, found, context):
    e.type, e.value = "SET", SETS[m["set"].lower()]
    return e


def _class_year(m, e, found, context):
    year = 2000 + int(m["cy"])
    e.value, e.earliest, e.latest = str(year), date(year, 1, 1), date(year, 12, 31)
    return e


def _year(m, e, found, context):
    year = int(m["year"])
    e.value, e.earliest, e.latest = str(year), date(year, 1, 1), date(year, 12, 31)
    return e


_RULES = {
    "day_date": _day_date,
    "day_first": _day_first,
    "season": _season,
    "deictic_season": _deictic_season,
    "month_date": _month_date,
    "range": _range,
    "offset": _offset,
    "deictic": _deictic,
    "period": _period,
    "duration": _duration,
    "set": _set,
    "class_year": _class_year,
    "year": _year,
}


def _unit(word: str) -> str:
    """Return the singular unit of a unit word."""
    return word.lower().rstrip("s")


def _duration_value(amount: int, unit: str) -> str:
    """Write an ISO 8601 duration."""
    return f"PT{amount}H" if unit == "hour" else f"P{amount}{UNITS[unit]}"


def _parse_with_dateparser(span: dict, index: int, context: Context) -> Expression | None:
    """Normalise a date the model found that our rules missed, when dateparser can."""
    settings = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["month", "year"]}
    if context.published_latest:
        settings["RELATIVE_BASE"] = datetime.combine(context.published_latest, datetime.min.time())
    parsed = dateparser.parse(span.text, languages=["en"], settings=settings)
    if parsed is None:
        return None
    day = parsed.date()
    return Expression(
        index,
        span.start,
        span.end,
        span.text,
        "DATE",
        value_of(day, day),
        None,
        day,
        day,
        rule="dateparser",
    )


