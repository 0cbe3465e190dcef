"""Times of day: a clock time on the day in context, and moments counted from one."""

import re

from service.pipeline.lexicon.temporal import BACKWARD, MODS
from service.pipeline.temporal.patterns import number, sentence_bounds
from service.pipeline.temporal.periods import place_time

MOMENT_MODIFIER = re.compile(r"\b(about|around|some|nearly|almost|roughly)\s+$", re.IGNORECASE)


def clock_rule(m, e, found, context):
    """ "10:40 p.m.", "noon": a time of day on the day in context (the day the sentence
    named before it, else the day of writing), "T22:40" where no day is known."""
    if m["ck_word"]:
        hour, minute = (12, 0) if m["ck_word"].lower() == "noon" else (0, 0)
    elif m["ck_hour24"] is not None:
        hour, minute = int(m["ck_hour24"]), int(m["ck_minute24"])
    elif m["ck_wire_hour"] is not None:  # "(0143 GMT)"
        hour, minute = int(m["ck_wire_hour"]), int(m["ck_wire_minute"])
    else:
        hour, minute = int(m["ck_hour"]) % 12, int(m["ck_minute"] or 0)
        hour += 12 if m["ck_half"].lower() == "p" else 0
        if not 0 < int(m["ck_hour"]) <= 12:
            return None
    e.type, e.extra["clock"] = "TIME", f"T{hour:02}:{minute:02}"
    sentence_start = sentence_bounds(m.string, e.start)[0]
    days = [
        position
        for position, f in enumerate(found)
        if f.paragraph == e.paragraph and f.start >= sentence_start and f.day_precise
    ]
    if days:
        return place_time(e, found[days[-1]].earliest, days[-1])
    before = [position for position, f in enumerate(found) if f.day_precise and f.type == "DATE"]
    if before and context.tense_of(e, m.string) == "past":
        # "crashed on June 30 ... shortly after takeoff at 9:11 am": the story's day
        return place_time(e, found[before[-1]].earliest, before[-1])
    written = context.day_of_writing(e)
    if written is None:
        e.value = e.extra["clock"]
        return e
    return place_time(e, written, "published")


def moment_offset_rule(m, e, found, context):
    """ "about one minute before the crash": a time of day, counted from the last clock
    time once every clock time has its day (see extract); "about" goes into its span.
    Seconds are finer than a value says: they get no minutes to count and stay unresolved."""
    e.type, e.rule = "TIME", "moment_offset"
    if m["o_unit"].lower().startswith("minute"):
        sign = -1 if m["o_dir"] in BACKWARD else 1
        e.extra["minutes"] = sign * number(m["o_n"])
    if modifier := MOMENT_MODIFIER.search(m.string, max(0, e.start - 12), e.start):
        e.mod = MODS[modifier[1].lower()]
        e.start, e.text = modifier.start(), m.string[modifier.start() : e.end]
    return e
