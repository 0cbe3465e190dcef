"""Lengths and recurrences of time: DURATION ("three years", "a fortnight") and SET ("weekly")."""

from service.pipeline.lexicon.temporal import MODS, SETS, UNIT_NAMES, UNITS
from service.pipeline.temporal.patterns import number
from service.pipeline.temporal.periods import shift


def period_rule(m, e, found, context):
    """ "the past two weeks", "the next decade": a length of time up to or from writing."""
    if m["p_few"]:  # "over the next few years": a length no one counted
        e.type, e.value = "DURATION", uncounted(m["p_unit"])
        return e
    if not m["p_n"] and m["p_which"] not in ("past", "previous") and "decade" not in m["p_unit"]:
        return None  # "the last day" of something is no length of time
    amount = number(m["p_n"]) if m["p_n"] else 1
    designator, size = UNITS[unit_name(m["p_unit"])]
    e.type, e.value = "DURATION", duration_value(amount * size, designator)
    written = context.published_latest
    if written is not None:
        unit = UNIT_NAMES[designator]
        e.anchor = "published"
        if m["p_which"] in ("next", "coming"):
            e.earliest, e.latest = context.published_earliest, shift(written, unit, amount * size)
        else:
            e.earliest, e.latest = shift(context.published_earliest, unit, -amount * size), written
    return e


def duration_rule(m, e, found, context):
    """ "44 days", "about 48 hours", "a fortnight": a length of time."""
    amount, (designator, size) = number(m["du_n"]), UNITS[unit_name(m["du_unit"])]
    value = uncounted(m["du_unit"]) if m["du_from"] else duration_value(amount * size, designator)
    e.type, e.value = ("SET" if m["du_every"] else "DURATION"), value
    if m["du_mod"]:
        e.mod = MODS[m["du_mod"]]
    return e


def few_length_rule(m, e, found, context):
    """ "a few months", "several years", "the days-long walkout": a length of time no one
    counted."""
    e.type, e.value = "DURATION", uncounted(m["fl_unit"] or m["ll_unit"])
    return e


def vague_length_rule(m, e, found, context):
    """ "for years", "within hours": a length of time of no stated size."""
    e.type, e.value = "DURATION", uncounted(m["vl_unit"])
    return e


def uncounted(unit_word: str) -> str:
    """Write a length of time of no stated size in a unit: "PXY", "PTXH", and TIMEX3's
    unit of a decade, "PXDE"."""
    if unit_name(unit_word) == "decade":
        return "PXDE"
    designator = UNITS[unit_name(unit_word)][0]
    return "PTXH" if designator == "H" else f"PX{designator}"


def set_rule(m, e, found, context):
    """ "weekly", "every year": a recurrence."""
    e.type, e.value = "SET", SETS[" ".join(m["set"].lower().split())]
    return e


def unit_name(word: str) -> str:
    """Return the singular unit of a unit word."""
    return word.lower().removesuffix("s")


def duration_value(amount: int, designator: str) -> str:
    """Write an ISO 8601 duration."""
    return f"PT{amount}H" if designator == "H" else f"P{amount}{designator}"


def rate_rule(m, e, found, context):
    """A rate ("$400,000 a year", "three days a week") recurs once a period; a length of
    time counted before it belongs to it ("three days a week"), another count does not."""
    e.type, e.value = "SET", f"P1{UNITS[m['rt_per']][0]}"
    thing = m["rt_thing"]
    if thing and unit_name(thing) in UNITS and m.end("rt_thing") + 1 == e.start:
        e.start = m.start("rt_count")
        e.text = m.string[e.start : e.end]
    return e
