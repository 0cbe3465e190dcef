"""Normalise each shape of temporal expression found by the patterns into TIMEX3 terms."""

import re
from datetime import date

from service.pipeline.lexicon.temporal import (
    EDGES,
    ORDINALS,
    PARTS,
    RANGE_OPENERS,
    SEASON_MONTHS,
    SEASONS,
)
from service.pipeline.temporal.clock import clock_rule
from service.pipeline.temporal.patterns import (
    DAY,
    MONTH,
    YEAR,
    month_number,
)
from service.pipeline.temporal.periods import month_end, set_day, set_month, set_years
from service.pipeline.temporal.relative import (
    day_part_rule,
    deictic_rule,
    offset_rule,
    relative_rule,
    that_unit_rule,
    today_rule,
    unit_before_rule,
    weekday_rule,
    weekend_rule,
)
from service.pipeline.temporal.resolve import previous_date, sets_a_year, year_for
from service.pipeline.temporal.spans import (
    duration_rule,
    few_length_rule,
    period_rule,
    rate_rule,
    set_rule,
    vague_length_rule,
)

# Words a month alone follows when it is a time: "in May", "since March", "by May".
# The end of a range that gives the year for both ends: "January 1 to December 31 2019".
RANGE_END = re.compile(rf"\s*(?:to|until|through|[-–])\s+{MONTH}\s+{DAY},?\s+(?P<year>{YEAR})\b")
TIME_INTRODUCER = re.compile(
    r"\b(?:in|since|until|till|by|from|through|to|of|before|after|during|between|and|or|"
    r"early|late|mid|last|next|this|each|every)\s+$",
    re.IGNORECASE,
)
# Words before a number that make it a count: "about 1850 workers", "more than 2000".
COUNTING = re.compile(
    r"\b(?:about|around|some|nearly|almost|over|than|least|up to|roughly|approximately)\s+$",
    re.IGNORECASE,
)


def _day_date(m, e, found, context):
    """ "October 9th", "Feb. 28, 2022", "late on Sunday, June 16": a day, its year from the
    text or by tense."""
    if m["dd_part"]:
        e.mod = PARTS[m["dd_part"].lower()][0]
    return _a_day(m, e, found, context, m["dd_month"], m["dd_day"], m["dd_year"])


def _iso_date(m, e, found, context):
    """ "2022-05-14": year, month and day."""
    return set_day(e, int(m["id_year"]), int(m["id_month"]), int(m["id_day"]))


def _numeric_date(m, e, found, context):
    """ "14.05.2022", "5/4/2022": the order that makes a date; of two, the one nearer the
    time of writing (a publisher's convention is unknown to us), else day first."""
    a, b, year = int(m["nd_a"]), int(m["nd_b"]), int(m["nd_year"])
    readings = []
    for day, month in ((a, b), (b, a)):
        try:
            readings.append(date(year, month, day))
        except ValueError:
            continue
    if not readings:
        return None
    written = context.published_latest
    best = min(readings, key=lambda d: abs((d - written).days)) if written else readings[0]
    return set_day(e, best.year, best.month, best.day)


def _day_first(m, e, found, context):
    """ "9 October 2023", the day first."""
    return _a_day(m, e, found, context, m["df_month"], m["df_day"], m["df_year"])


def _a_day(m, e, found, context, month_word: str, day_word: str, year_word: str | None):
    """Resolve a day of a month, with or without its year."""
    month, day = month_number(month_word), int(day_word.rstrip("stndrh"))
    year = int(year_word) if year_word else None
    if year is None:
        following = _coordinated_year(m)
        year = following or year_for(m, e, month, day, found, context)
    if year is None:
        e.value = f"XXXX-{month:02}-{day:02}"
        return e
    return set_day(e, year, month, day)


def _coordinated_year(m) -> int | None:
    """Read the year of "December 3 and 7, 2022" or "January 1 to December 31 2019" for
    its first day."""
    rest = m.string[m.end() :]
    if closing := RANGE_END.match(rest):
        return int(closing["year"])
    follows = rest.lstrip()
    if follows.startswith("and "):
        tail = follows[4:].split(",", 1)
        words = tail[1].split() if len(tail) == 2 else []
        if tail[0].strip().rstrip("stndrh").isdigit() and words and words[0][:4].isdigit():
            return int(words[0][:4])
    return None


def _coordinated(m, e, found, context):
    """Give "7, 2022" of "December 3 and 7, 2022" the month of the day before it."""
    earlier = found[-1] if found and found[-1].paragraph == e.paragraph else None
    if earlier is None or earlier.earliest is None or not earlier.day_precise:
        return None
    return set_day(e, int(m["co_year"]), earlier.earliest.month, int(m["co_day"].rstrip("stndrh")))


def _day_range(m, e, found, context):
    """ "September 19-20", "December 28-January 3": a range of days ("from July 1 to July
    25" is two dates, as TimeML has a range's ends)."""
    month, first, last = month_number(m["dr_month"]), int(m["dr_from"]), int(m["dr_to"])
    to_month = month_number(m["dr_month2"]) if m["dr_month2"] else month
    year = int(m["dr_year"]) if m["dr_year"] else year_for(m, e, month, first, found, context)
    if year is None:
        return None
    # a year named at the end is the last day's: "December 28 to January 3, 2024"
    first_year = year - 1 if m["dr_year"] and to_month < month else year
    to_year = year + 1 if not m["dr_year"] and to_month < month else year
    try:
        e.earliest, e.latest = date(first_year, month, first), date(to_year, to_month, last)
    except ValueError:
        return None
    if e.latest <= e.earliest:
        return None
    e.value = f"{e.earliest.isoformat()}/{e.latest.isoformat()}"
    return e


def _month_range(m, e, found, context):
    """ "October 2017 to March 2018", "January-March 2023", "January to July this year":
    a span of whole months."""
    first, last = month_number(m["mr_from"]), month_number(m["mr_to"])
    last_year = _year_of(m["mr_to_year"], m["mr_which"], e, context)
    if last_year is None:
        return e
    first_year = int(m["mr_from_year"]) if m["mr_from_year"] else last_year - (first > last)
    if (first_year, first) >= (last_year, last):
        return None
    e.earliest, e.latest = date(first_year, first, 1), month_end(last_year, last)
    e.value = f"{first_year}-{first:02}/{last_year}-{last:02}"
    return e


def _month_date(m, e, found, context):
    """ "September", "last October", "late September of 2023": a month."""
    alone = not (m["md_year"] or m["md_which"] or m["md_part"])
    if (
        alone
        and m["md_month"] in ("May", "March")
        and not TIME_INTRODUCER.search(m.string[: e.start])
    ):
        return None  # "Theresa May said", "Thousands March in Lima": a name, a verb
    month = month_number(m["md_month"])
    year_text, which = m["md_year"], (m["md_which"] or "").lower()
    written = context.published_latest
    year: int | None
    if year_text and year_text[0].isdigit():
        year = int(year_text)
    elif year_text == "that year":  # "in March that year": the narrative's year
        anchor = previous_date(found)
        if anchor is None:
            return None
        year, e.anchor = found[anchor].earliest.year, anchor
    elif (year_text or which) and written:
        e.anchor = "published"
        year = written.year - (1 if year_text == "last year" else 0)
        if which == "last" and date(year, month, 1) >= date(written.year, written.month, 1):
            year -= 1
        elif which == "next" and date(year, month, 1) <= written:
            year += 1
    else:
        year = year_for(m, e, month, None, found, context)
    if year is None:
        e.value = f"XXXX-{month:02}"
        return e
    set_month(e, year, month)
    if m["md_part"]:
        e.mod, first, last = PARTS[m["md_part"].lower()]
        e.earliest = date(year, month, first)
        e.latest = min(e.latest, date(year, month, min(last, e.latest.day)))
    return e


def _edge(m, e, found, context):
    """ "the end of June", "the end of the year": a month or year with its edge as mod."""
    if m["eg_unit"]:  # "the end of the year": the narrative's year, else the writing's
        anchor = previous_date(found)
        written = context.published_latest
        near = anchor is not None and found[anchor].paragraph == e.paragraph
        # "the end of the month" needs the narrative to have named a month, not a year.
        fine = near and (
            m["eg_unit"] == "year" or found[anchor].earliest.month == found[anchor].latest.month
        )
        if near and fine and sets_a_year(found[anchor]):
            base, e.anchor = found[anchor].earliest, anchor
        elif written is not None:
            base, e.anchor = written, "published"
        else:
            return e
        e.mod = EDGES[m["eg_which"]]
        if m["eg_unit"] == "month":
            return set_month(e, base.year, base.month)
        e.value = str(base.year)
        return set_years(e, base.year, base.year)
    month = month_number(m["eg_month"])
    year = int(m["eg_year"]) if m["eg_year"] else year_for(m, e, month, None, found, context)
    if year is None:
        return e
    set_month(e, year, month)
    e.mod = EDGES[m["eg_which"]]
    return e


def _season_span(code: str, year: int) -> tuple[date, date]:
    """Return a season's first and last day; winter runs into the next year."""
    first, last = SEASON_MONTHS[code]
    return date(year, first, 1), month_end(year + (1 if last < first else 0), last)


def _season(m, e, found, context):
    """ "the Fall of 2022": a season of a given year."""
    code, year = SEASONS[m["s_name"].lower()], int(m["s_year"])
    e.value = f"{year}-{code}"
    e.earliest, e.latest = _season_span(code, year)
    return e


def _deictic_season(m, e, found, context):
    """ "this spring", "that summer", "before the summer": a season by narrative or tense."""
    code, which = SEASONS[m["ds_name"].lower()], m["ds_which"].lower()
    if which == "that":
        anchor = previous_date(found)
        if anchor is None:
            return e
        year, e.anchor = found[anchor].earliest.year, anchor
    else:
        written = context.published_latest
        if written is None:
            return e
        if which == "the":
            # "By the autumn" in a narrative is that year's autumn.
            year = year_for(m, e, SEASON_MONTHS[code][0], None, found, context, "paragraph")
            if isinstance(e.anchor, int) and year is not None:
                e.value = f"{year}-{code}"
                e.earliest, e.latest = _season_span(code, year)
                return e
            which = "last" if context.tense_of(e, m.string) == "past" else "next"
        years = [written.year - 1, written.year, written.year + 1]
        if which == "next":  # the next one not yet over
            year = next(y for y in years if _season_span(code, y)[1] >= written)
        elif which == "last":  # the latest one already over
            year = [y for y in years if _season_span(code, y)[1] < written][-1]
        else:  # "this spring": the one of this year (a winter that began last December)
            year = written.year - (1 if code == "WI" and written.month <= 2 else 0)
        e.anchor = "published"
    e.value = f"{year}-{code}"
    e.earliest, e.latest = _season_span(code, year)
    return e


def _half(m, e, found, context):
    """ "the first half of 2023", "the second half of the year": a half year."""
    year, half = _year_of(m["h_year"], m["h_rel"], e, context), ORDINALS[m["h_which"]]
    if year is None:
        return e
    e.value = f"{year}-H{half}"
    e.earliest, e.latest = date(year, 6 * half - 5, 1), month_end(year, 6 * half)
    return e


def _year_of(written: str | None, relative: str | None, e, context) -> int | None:
    """Return the year a part of a year is of: the one written, else the year of writing
    or one either side of it ("last year's", "of next year")."""
    if written:
        return int(written)
    if context.published_latest is None:
        return None
    e.anchor = "published"
    return context.published_latest.year + {"next": 1, "last": -1}.get((relative or "").lower(), 0)


def _quarter(m, e, found, context):
    """ "the second quarter", "next year's first quarter": a quarter of the year given,
    else of the year of writing or one either side of it."""
    quarter = ORDINALS[m["q_which"]]
    # "next year's first quarter", "the second quarter of last year"
    year = _year_of(m["q_year"], m["q_rel"] or m["q_of"], e, context)
    if year is None:
        return e
    e.value = f"{year}-Q{quarter}"
    e.earliest, e.latest = date(year, 3 * quarter - 2, 1), month_end(year, 3 * quarter)
    return e


def _part_year(m, e, found, context):
    """ "early 2022": a year with START, MID or END."""
    year = int(m["py_year"])
    e.value, e.mod = str(year), PARTS[m["py_part"].lower()][0]
    return set_years(e, year, year)


def _decade(m, e, found, context):
    """ "the 1990s": a decade, TIMEX3 value "199"."""
    start = int(m["dc_year"])
    e.value = str(start // 10)
    return set_years(e, start, start + 9)


def _range(m, e, found, context):
    """ "in 1992-1994" is a span of years; "(1988-1994)" after a name, how long it lasted."""
    first, last = int(m["r_from"]), int(m["r_to"])
    if last <= first:
        return None
    before = m.string[max(0, e.start - 9) : e.start].lower()
    if before.endswith(RANGE_OPENERS):  # "in 1992-1994": when; "(1988-1994)": how long
        e.value = f"{first}/{last}"
    else:
        e.type, e.value = "DURATION", f"P{last - first}Y"
    return set_years(e, first, last)


def _class_year(m, e, found, context):
    """ "(‘23)": a class year written with an apostrophe, of this century unless that
    would lie years after the time of writing ("(’99)" is 1999)."""
    written = context.published_latest.year if context.published_latest else 2030
    year = 2000 + int(m["cy"])
    if year > written + 5:
        year -= 100
    e.value = str(year)
    return set_years(e, year, year)


def _year(m, e, found, context):
    """ "2020": a year; "about 1850 workers" is a count."""
    if COUNTING.search(m.string[: e.start]):
        return None
    year = int(m["year"])
    e.value = str(year)
    return set_years(e, year, year)


RULES = {
    "day_range": _day_range,
    "month_range": _month_range,
    "day_date": _day_date,
    "day_first": _day_first,
    "coordinated": _coordinated,
    "season": _season,
    "deictic_season": _deictic_season,
    "edge": _edge,
    "half": _half,
    "quarter": _quarter,
    "part_year": _part_year,
    "month_date": _month_date,
    "day_part": day_part_rule,
    "today": today_rule,
    "that_unit": that_unit_rule,
    "weekday": weekday_rule,
    "weekend": weekend_rule,
    "decade": _decade,
    "range": _range,
    "offset": offset_rule,
    "relative": relative_rule,
    "unit_before": unit_before_rule,
    "deictic": deictic_rule,
    "period": period_rule,
    "duration": duration_rule,
    "vague_length": vague_length_rule,
    "few_length": few_length_rule,
    "long_length": few_length_rule,
    "rate": rate_rule,
    "set": set_rule,
    "class_year": _class_year,
    "clock": clock_rule,
    "iso_date": _iso_date,
    "numeric_date": _numeric_date,
    "year": _year,
}
