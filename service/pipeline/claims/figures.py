"""The figures a claim gives and the thing each counts: "6,400 people", "four lorries",
"twenty-five people", "two dozen", "1.2 million containers", "$4.5bn"; not the numbers
that name things or times ("No. 1", "Local 412", "COVID-19", "G7", "24/7", "3-2", "3pm",
"10 a.m.", "9 February", "six weeks")."""

import re
from functools import lru_cache

from service.pipeline.claims.words import WORD
from service.pipeline.lexicon.figures import (
    COUNTED_ALIKE,
    NAMING_WORDS,
    NOT_COUNTED,
    NOT_THINGS,
    SCALES,
)
from service.pipeline.lexicon.numbers import NUMBER_VALUES as VALUES
from service.pipeline.lexicon.numbers import ONES, TEENS, TENS

# Words of spelled-out numbers, left out of the words two claims compare.
NUMBER_WORDS = frozenset(VALUES) | {"dozen", "half"}


def _either(words) -> str:
    return "|".join(words)


FIGURE = re.compile(
    # Digits, not glued to a word or a dash ("G7", "COVID-19", "3-2", "24/7"), and not a
    # year; "bn", "m" or "k" glued on scale them ("$4.5bn", "1.5m").
    r"(?<![\w,./-])(?!(?:1[89]|20)\d\d\b)(?P<digits>\d[\d,]*(?:\.\d+)?)"
    r"(?P<glued>bn|mn|m|k)?(?![\w/]|[.,]\d|-\d)"
    # "two dozen", "half a dozen", "a dozen", but not "dozens".
    rf"|\b(?:(?P<half>half\s+a)|(?P<times>a|{_either(ONES[1:])}))?\s*\bdozen\b(?!s)"
    # "twenty-five", "forty"; "twenty-year-old" is no count.
    rf"|\b(?P<tens>{_either(TENS)})(?:[-\s](?P<ones>{_either(ONES)}))?\b(?!-)"
    # "two" to "nineteen"; "one" is more often a pronoun ("no one") than a count, and
    # "two-year" a length, not a count.
    rf"|\b(?P<small>{_either(ONES[1:] + TEENS)})\b(?!-)"
)
# A number naming something, not counting it: "No. 1", "Local 412", "route 12", "page 14".
IDENTIFIER = re.compile(rf"\b(?:{_either(NAMING_WORDS)})\.?\s+$")
CACHED_QUOTES = 4096  # quotes whose figures are kept read: a signature asks twice
AGE = re.compile(r"-(?:year|month|week|day)s?-old\b")
TIME_OF_DAY = re.compile(r"\s*(?:[ap]\.?m\b\.?|o['’]clock|gmt|bst|utc|cet)")
SCALE_WORD = re.compile(r"\s+(thousand|million|billion)\b")
# After "people": they died ("20 people have died", "were killed"); before a figure: a toll.
DIED = re.compile(r"\s*(?:\w+\s+){0,2}?(?:(?:have|has|had|were|was)\s+)?(?:died|dead|killed)\b")
RATE = re.compile(r"s?\s+(?:per|a|an|every)\s+(?:\d|one|hundred|thousand|capita)")
TOLL = re.compile(r"\b(?:death\s+toll|toll)\b")
# Words before a figure that widen it: how far below or above it the count may lie. News
# rounds: "more than 300" is read as at most 30% more, "nearly 500" as at most 10% less;
# "about 120" is an estimate of its own, which "about 125" is not.
HEDGES = {
    "about": (0.98, 1.02),
    "around": (0.98, 1.02),
    "some": (0.98, 1.02),
    "roughly": (0.98, 1.02),
    "approximately": (0.98, 1.02),
    "an estimated": (0.98, 1.02),
    "estimated": (0.98, 1.02),
    "close to": (0.9, 1.0),
    "nearly": (0.9, 0.9999),
    "almost": (0.9, 0.9999),
    "fewer than": (0.5, 0.9999),
    "less than": (0.5, 0.9999),
    "under": (0.5, 0.9999),
    "below": (0.5, 0.9999),
    "up to": (0.0, 1.0),
    "more than": (1.0001, 1.3),
    "over": (1.0001, 1.3),
    "above": (1.0001, 1.3),
    "at least": (1.0, 1.3),
    "upwards of": (1.0001, 1.3),
    "exceeding": (1.0001, 1.3),
}
HEDGE_WORDS = "|".join(sorted(HEDGES, key=len, reverse=True)).replace(" ", r"\s+")
HEDGE = re.compile(rf"\b({HEDGE_WORDS})\s+(?:just\s+)?$")
# Before a figure: those it killed died ("killing four passengers", "killed at least 12").
KILLING = re.compile(rf"\b(?:killing|killed|kills?)\s+(?:(?:{HEDGE_WORDS})\s+)?$")


def figures(lowered: str) -> tuple[tuple[str, str], ...]:
    """Return the (figure, thing counted) pairs of a lower-cased quote, in order."""
    return tuple((value, unit) for value, unit, _ in _read(lowered))


def ranges(lowered: str) -> tuple[tuple[str, float, float], ...]:
    """Return, for each figure of a lower-cased quote that counts a thing, the thing and
    the least and most its words allow: "nearly 500" is 450 to just under 500, "more than
    300" just over 300 to 390, "about 400" 392 to 408, a bare figure itself."""
    found = []
    for value, unit, (low, high) in _read(lowered):
        if unit:
            found.append((unit, low * float(value), high * float(value)))
    return tuple(found)


def bounds(lowered: str) -> dict[str, list[tuple[float, float]]]:
    """Map each thing a lower-cased quote counts to the ranges its figures allow."""
    return group_ranges(ranges(lowered))


def by_thing(found) -> dict[str, frozenset[str]]:
    """Group (figure, thing counted) pairs by the thing counted."""
    grouped: dict[str, set[str]] = {}
    for number, unit in found:
        grouped.setdefault(unit, set()).add(number)
    return {unit: frozenset(numbers) for unit, numbers in grouped.items()}


def group_ranges(found) -> dict[str, list[tuple[float, float]]]:
    """Group (thing, least, most) ranges by the thing counted."""
    grouped: dict[str, list[tuple[float, float]]] = {}
    for unit, low, high in found:
        grouped.setdefault(unit, []).append((low, high))
    return grouped


@lru_cache(maxsize=CACHED_QUOTES)
def _read(lowered: str) -> tuple[tuple[str, str, tuple[float, float]], ...]:
    """Return each figure of a lower-cased quote: its value, what it counts, and the
    factors of its value its hedge allows (a signature asks twice: read once)."""
    found = []
    for match in FIGURE.finditer(lowered):
        if IDENTIFIER.search(lowered[: match.start()]):
            continue
        if match["digits"] and TIME_OF_DAY.match(lowered, match.end()):
            continue
        if AGE.match(lowered, match.end()):
            continue  # "the 12-year-old victim": an age, which counts nothing
        value = _value(match, lowered)
        following = WORD.match(lowered, match.end() + 1)  # the word right after the figure
        if value is None or (following and following[0].rstrip("s") in NOT_THINGS):
            continue  # "six weeks", "9 February": a length of time or a day
        unit = _counted(lowered, match.end(), match.start())
        found.append((value, unit, _latitude(lowered, match.start())))
    return tuple(found)


def _latitude(lowered: str, start: int) -> tuple[float, float]:
    """Return the factors of a figure its hedge allows: "nearly" 0.9 to just under 1."""
    hedge = HEDGE.search(lowered, max(0, start - 30), start)
    return HEDGES[" ".join(hedge[1].split())] if hedge else (1.0, 1.0)


def _value(match: re.Match, lowered: str) -> str | None:
    """Return a figure's value as digits ("1.2 million" is "1200000"), or None."""
    if match["digits"]:
        try:
            value = float(match["digits"].replace(",", ""))
        except ValueError:
            return None
        scale = match["glued"] or (m[1] if (m := SCALE_WORD.match(lowered, match.end())) else "")
        value *= SCALES.get(scale, 1)
    elif match["tens"]:
        value = VALUES[match["tens"]] + VALUES.get(match["ones"] or "", 0)
    elif match["small"]:
        value = VALUES[match["small"]]
    else:  # a dozen, two dozen, half a dozen
        value = 6 if match["half"] else 12 * VALUES.get(match["times"] or "", 1)
    return str(int(value)) if float(value).is_integer() else str(value)


def _counted(lowered: str, end: int, start: int) -> str:
    """Return the thing a figure counts: the first content word after it ("6,400 people",
    "five or six vehicles"), skipping possessives ("400 of the terminal's 650 dockers");
    people who died and a death toll count deaths ("20 people have died", "the toll
    stood at 64"), as do those something killed ("killing four passengers")."""
    if KILLING.search(lowered, max(0, start - 30), start):
        return "death"
    if lowered[end - 1 : end + 1].strip() in (",", ";"):  # "not 64, as the toll stated"
        return "death" if TOLL.search(lowered, max(0, start - 40), end + 40) else ""
    for word in WORD.findall(lowered[end : end + 40]):
        if re.search(r"[’']s?$", word) or word in NUMBER_WORDS or word in NOT_COUNTED:
            continue
        if len(word) > 2 or COUNTED_ALIKE.get(word.rstrip("s")):  # "225 kg", "5 lbs"
            word = word.rstrip("s")
            thing = "" if word in NOT_THINGS else COUNTED_ALIKE.get(word, word)
            after = lowered.find(word, end) + len(word)
            if RATE.match(lowered, after):
                return f"{thing} per"  # "14.3 deaths per 1,000 people": a rate, not a count
            return "death" if thing == "people" and DIED.match(lowered, after) else thing
    return "death" if TOLL.search(lowered[max(0, start - 40) : start]) else ""


def at_odds(mine: list[tuple[float, float]], theirs: list[tuple[float, float]]) -> bool:
    """Tell two accounts of one quantity that no count fits: no range of one overlaps a
    range of the other ("nearly 500" and "more than 500"; not "over 300" and "about 320")."""
    return all(high < low2 or high2 < low for low, high in mine for low2, high2 in theirs)
