"""Expressions counted from another date: today, weekdays, "the next day", "two days after",
"last week", "that year". The narrative's date or the time of writing is the anchor."""

import re
from datetime import date, timedelta

from service.pipeline.lexicon.temporal import BACKWARD, PARTS
from service.pipeline.records import Expression
from service.pipeline.temporal.clock import moment_offset_rule
from service.pipeline.temporal.patterns import PATTERN, WEEKDAYS, number
from service.pipeline.temporal.periods import (
    iso_week,
    month_end,
    set_month,
    set_value,
    set_years,
    shift,
)
from service.pipeline.temporal.resolve import previous_date
from service.pipeline.temporal.spans import UNIT_NAMES, UNITS, unit_name


def today_rule(m, e, found, context):
    """ "today", "late yesterday": the day of writing, or one either side of it."""
    step = {"today": 0, "yesterday": -1, "tomorrow": 1}[m["td_word"].lower()]
    if m["td_part"]:
        e.mod = PARTS[m["td_part"].lower()][0]
    return _from_writing(e, context, step)


def day_part_rule(m, e, found, context):
    """ "this morning", "yesterday afternoon", "last night", "tonight": a part of the day of
    writing or of one either side of it, TIMEX3's TMO, TAF, TEV or TNI."""
    which = (m["dp_which"] or "this").lower()
    part = m["dp_part"].lower() if m["dp_part"] else "night"
    if which == "last" and part not in ("night", "evening"):
        return None  # "last morning" is no one's way of naming a time
    step = {"this": 0, "yesterday": -1, "last": -1, "tomorrow": 1}[which]
    written = context.day_of_writing(e)
    e.type = "TIME"
    if written is None:
        e.value = f"T{DAY_PARTS[part]}"
        return e
    e.anchor = "published"
    e.earliest = e.latest = written + timedelta(days=step)
    e.value = f"{e.earliest.isoformat()}T{DAY_PARTS[part]}"
    return e


def that_unit_rule(m, e, found, context):
    """ "that year", "the same month": the narrative's."""
    anchor = previous_date(found)
    if anchor is None:
        return e
    base, e.anchor = found[anchor].earliest, anchor
    if m["tu_unit"] == "month":
        return set_month(e, base.year, base.month)
    e.value = str(base.year)
    return set_years(e, base.year, base.year)


# Words that open an event after "two days after": "the vote", "Sindh's chief minister said".
EVENT_START = re.compile(r"\s+(?:the|a|an|his|her|its|their|[A-Z][\w’'-]*)\b")
# Parts of a day as TIMEX3 writes them; "Saturday noon" is a clock time.
DAY_PARTS = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "noon": "12:00",
    "midnight": "00:00",
}


def weekday_rule(m, e, found, context):
    """ "Tuesday" said in the past is the latest on or before writing; in the future, the next."""
    written, weekday = context.day_of_writing(e), WEEKDAYS[m["wd_name"].lower()]
    which = (m["wd_which"] or "").lower()
    if written is None:
        return e
    e.anchor = "published"
    mood = "past" if which == "last" else context.tense_of(e, m.string)
    if mood == "conditional":  # the nearer of the last and the next such day
        ahead = (weekday - written.weekday()) % 7
        # the day of writing itself in a present clause: "published Tuesday" in Tuesday's story
        mood = "future" if 0 < ahead < 4 else "past"
    if which in ("next", "coming") or mood == "future":
        ahead = (weekday - written.weekday()) % 7 or 7
        e.earliest = e.latest = written + timedelta(days=ahead)
    else:
        back = (written.weekday() - weekday) % 7 or (7 if which == "last" else 0)
        e.earliest = e.latest = written - timedelta(days=back)
    e.value = e.earliest.isoformat()
    if m["wd_early"]:  # "late on Sunday", "early Monday"
        e.mod = PARTS[m["wd_early"].lower()][0]
    if m["wd_part"]:  # "Monday night": a part of that day, TIMEX3's TMO, TAF, TEV, TNI
        e.type, e.value = "TIME", f"{e.value}T{DAY_PARTS[m['wd_part'].lower()]}"
    return e


def weekend_rule(m, e, found, context):
    """ "over the weekend": the latest Saturday and Sunday by the time of writing, or the
    next ones in the future or with "next"; TIMEX3 writes it "2022-W07-WE"."""
    written = context.day_of_writing(e)
    if written is None:
        return e
    which = (m["we_which"] or "").lower()
    e.anchor = "published"
    mood = "past" if which == "last" else context.tense_of(e, m.string)
    saturday = written - timedelta(days=(written.weekday() - 5) % 7)
    if which in ("next", "coming") or (which != "this" and mood == "future"):
        saturday = written + timedelta(days=(5 - written.weekday()) % 7 or 7)
    elif which == "this" and written.weekday() < 5:
        saturday = written + timedelta(days=5 - written.weekday())
    week = iso_week(saturday)[0]
    e.earliest, e.latest, e.value = saturday, saturday + timedelta(days=1), f"{week}-WE"
    return e


def offset_rule(m, e, found, context):
    """ "two days after", "three years ago": counted from the narrative's date or the writing."""
    if m["o_unit"].lower().startswith(("second", "minute")):
        return moment_offset_rule(m, e, found, context)
    amount, (designator, size) = number(m["o_n"]), UNITS[unit_name(m["o_unit"])]
    e.extra["offset"] = f"P{amount * size}{designator}"
    sign = -1 if m["o_dir"] in BACKWARD else 1
    if m["o_dir"] == "ago":
        if context.published_latest is None:
            return e
        base = context.published_earliest, context.published_latest
        e.anchor = "published"
    else:
        anchor = previous_date(found, day_precise=designator in ("D", "W", "H"))
        if _before_an_event(m, e) and context.tense_of(e, m.string) == "conditional":
            # "The arrests come a day after the minister said ...": a present main clause
            # is the day of writing, which the event is counted back from
            return _from_writing(e, context)
        if anchor is None:
            return e
        base, e.anchor = (found[anchor].earliest, found[anchor].latest), anchor
    unit = UNIT_NAMES[designator]
    e.earliest = shift(base[0], unit, sign * amount * size)
    e.latest = shift(base[1], unit, sign * amount * size)
    if unit == "year":  # whole years: "three years ago" is a year, not a day in it
        set_years(e, e.earliest.year, e.latest.year)
    if m["o_dir"] == "ago" and m["o_unit"].lower().startswith("week") and e.earliest == e.latest:
        e.value, e.earliest, e.latest = iso_week(e.earliest)  # "three weeks ago": that week
        return e
    return set_value(e)


def _before_an_event(m, e) -> bool:
    """Tell "two days after the vote was held" (an event follows) from "two days after
    March 3" (a date follows)."""
    if m["o_dir"] not in ("after", "before"):
        return False
    rest = m.string[e.end :]
    gap = len(rest) - len(rest.lstrip())
    return PATTERN.match(m.string, e.end + gap) is None and bool(EVENT_START.match(rest))


def _from_writing(e, context, days: int = 0):
    """Set an expression to the day of writing, or one so many days from it."""
    written = context.day_of_writing(e)
    if written is None:
        return e
    e.anchor = "published"
    e.earliest = e.latest = written + timedelta(days=days)
    return set_value(e)


def relative_rule(m, e, found, context):
    """ "the next day", "the following week": one unit after the narrative's date."""
    anchor = previous_date(found)
    if anchor is None:
        return e
    step = -1 if (m["rl_which"] or "").lower() == "previous" else 1
    return unit_from(e, found, anchor, m["rl_unit"], step)


def unit_before_rule(m, e, found, context):
    """ "the year before", "the day after": one unit from the narrative's date."""
    anchor = previous_date(found)
    if anchor is None:
        return e
    return unit_from(e, found, anchor, m["ub_unit"], -1 if m["ub_dir"] == "before" else 1)


def unit_from(e, found, anchor: int, unit: str, step: int) -> Expression | None:
    """Move one unit from an earlier expression and name the unit reached; an anchor
    coarser than the unit ("in 2021 ... the following day") gives no day at all."""
    span = (found[anchor].latest - found[anchor].earliest).days
    if span >= {"day": 1, "week": 7, "month": 31, "year": 366}[unit]:
        e.extra["unresolved"] = "the date before it is too coarse to count from"
        return e
    base, e.anchor = found[anchor].earliest, anchor
    moved = shift(base, unit, step)
    if unit == "day":
        e.earliest = e.latest = moved
    elif unit == "week":
        e.value, e.earliest, e.latest = iso_week(moved)
        return e
    elif unit == "month":
        return set_month(e, moved.year, moved.month)
    else:
        set_years(e, moved.year, moved.year)
    return set_value(e)


def deictic_rule(m, e, found, context):
    """ "last week", "this month", "next year": around the time of writing."""
    which, unit = m["d_which"].lower(), m["d_unit"]
    if m["d_part"]:
        e.mod = PARTS[m["d_part"].lower()][0]
    if context.published_latest is None:
        return e
    step = {"last": -1, "this": 0, "next": 1}[which]
    e.anchor = "published"
    first, last = context.published_earliest, context.published_latest
    if unit == "year":
        set_years(e, first.year + step, last.year + step)
        return set_value(e)
    if unit == "month":
        a, b = shift(first, "month", step), shift(last, "month", step)
        e.earliest, e.latest = date(a.year, a.month, 1), month_end(b.year, b.month)
        return set_value(e)
    if first != last:  # without the day of writing, the weeks around its period
        a, b = first + timedelta(weeks=step), last + timedelta(weeks=step)
        e.earliest, e.latest = iso_week(a)[1], iso_week(b)[2]
        return set_value(e)
    e.value, e.earliest, e.latest = iso_week(first + timedelta(weeks=step))
    return e
