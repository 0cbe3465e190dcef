"""Words of time: month names and abbreviations, parts, seasons, units and recurrences."""

import calendar

MONTH_NUMBERS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTH_NUMBERS |= {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
ABBREVIATED_MONTHS = [
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sept",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
]
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
BACKWARD = ("earlier", "prior", "before", "ago")  # "two days prior": counted back
# "early", "mid", "late": the TIMEX3 mod and the days of a month they cover.
PARTS = {"early": ("START", 1, 10), "mid": ("MID", 11, 20), "late": ("END", 21, 31)}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}
EDGES = {"end": "END", "beginning": "START", "start": "START", "middle": "MID"}
RANGE_OPENERS = ("in ", "from ", "between ", "during ", "since ", "of ")
SETS = {
    "daily": "P1D",
    "weekly": "P1W",
    "monthly": "P1M",
    "quarterly": "P3M",
    "yearly": "P1Y",
    "annually": "P1Y",
    "every day": "P1D",
    "every week": "P1W",
    "every month": "P1M",
    "every year": "P1Y",
}
MODS = {
    "about": "APPROX",
    "around": "APPROX",
    "almost": "APPROX",
    "nearly": "APPROX",
    "roughly": "APPROX",
    "some": "APPROX",
    "more than": "MORE_THAN",
    "over": "MORE_THAN",
    "at least": "MORE_THAN",
    "less than": "LESS_THAN",
    "up to": "LESS_THAN",
}
UNIT_NAMES = {"H": "hour", "D": "day", "W": "week", "M": "month", "Y": "year"}
# Units as (ISO designator, how many of it): a fortnight is two weeks, a decade ten years.
UNITS = {
    "hour": ("H", 1),
    "day": ("D", 1),
    "week": ("W", 1),
    "fortnight": ("W", 2),
    "month": ("M", 1),
    "year": ("Y", 1),
    "decade": ("Y", 10),
}
