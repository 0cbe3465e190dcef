"""Words around the figures claims give: scales, names numbered, and what is no thing counted."""

from service.pipeline.lexicon.stop_words import FUNCTION_WORDS

SCALES = {
    "thousand": 1_000,
    "k": 1_000,
    "million": 1_000_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "billion": 1_000_000_000,
    "bn": 1_000_000_000,
}
# Words before a number that name something with it: "No. 1", "Local 412", "route 12".
NAMING_WORDS = (
    "no",
    "number",
    "route",
    "line",
    "local",
    "flight",
    "gate",
    "platform",
    "terminal",
    "berth",
    "pier",
    "highway",
    "interstate",
    "article",
    "section",
    "chapter",
    "clause",
    "phase",
    "unit",
    "ward",
    "stage",
    "category",
    "level",
    "room",
    "block",
    "furnace",
    "reactor",
    "precinct",
    "district",
    "bus",
    "train",
    "channel",
    "page",
    "exit",
    "junction",
    "runway",
    "seat",
    "row",
    "item",
    "version",
)
# Words after a figure that are not what it counts: "87 per cent in a ballot" counts
# ballots' shares; "of", "the" and the like lead on to the thing.
NOT_COUNTED = FUNCTION_WORDS | {
    "cent",
    "percent",
    "pct",
    "thousand",
    "million",
    "billion",
    "new",
    "other",
    "further",
    "extra",
    "additional",
    "early",
    "late",
    "earlier",
    "later",
}
# Lengths of time count no thing two accounts could disagree on ("six weeks", "14 weeks");
# "9 February" is a day, not nine of something; "4.5 per cent this year" counts no year.
NOT_THINGS = {
    "second",
    "minute",
    "hour",
    "day",
    "week",
    "month",
    "year",
    "decade",
    "time",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
}
# Things news counts under several names: "14 houses" and "23 homes" count one thing.
COUNTED_ALIKE = {
    word: group
    for group, words in {
        "people": ("people", "person", "resident", "evacuee", "inhabitant", "villager"),
        "home": ("home", "house", "household", "dwelling"),
        "worker": ("worker", "employee", "docker", "dockworker", "staff", "labourer"),
        # "416 were killed", "300 martyrs", "64 fatalities": deaths
        "death": ("death", "killed", "died", "dead", "martyr", "fatality", "fatalitie"),
        # units written in full, spelled two ways, or abbreviated ("225 kg", "150 kilograms")
        "kilogram": ("kilogram", "kg", "kilo"),
        "kilometre": ("kilometre", "kilometer", "km"),
        "metre": ("metre", "meter"),
        "tonne": ("tonne", "ton"),
        "pound": ("pound", "lb"),
        "mile": ("mile", "mi"),
    }.items()
    for word in words
}
