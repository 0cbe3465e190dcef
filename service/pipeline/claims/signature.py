"""A claim reduced to what cross-document pairing compares: the words of what it reports
(not of who reports it), the figures it gives and what they count, whether it denies,
its entities, its sources' names and the years it is about."""

import json
import re
from dataclasses import dataclass, fields
from datetime import date, timedelta
from functools import cached_property

from service.pipeline.claims.figures import NUMBER_WORDS, by_thing, figures, group_ranges, ranges
from service.pipeline.claims.words import WORD
from service.pipeline.lexicon.disputes import AFTER_WHAT_THEY_DENY, DOUBT, OPPOSITES
from service.pipeline.lexicon.sources import NAME_FILLER
from service.pipeline.lexicon.stop_words import PAIRING_STOP_WORDS
from service.pipeline.records import Claim
from service.pipeline.temporal.periods import bounds

YEAR = re.compile(r"(?:1[89]|20)\d\d")
Period = tuple[date, date]
RECENT_DAYS = 31  # the past a claim without a date of its own may be about
SINCE = re.compile(r"\b(?:since|from)\s+(?:the\s+)?$", re.IGNORECASE)
# The words a negation bears on: up to so many after it and before it, within its clause.
AFTER, BEFORE = 5, 2
CLAUSE_END = re.compile(r"[,;:.!?()\[\]—–]")
# Another's account named by its owner: "the service's estimate", "the union's account".
ACCOUNT = re.compile(
    r"\b([A-Za-z][a-z-]+)['’]s\s+(?:own\s+)?(?:figures?|estimates?|accounts?|statements?|"
    r"claims?|count|numbers|version|reports?|tally|totals?)\b"
)
NEGATION = re.compile(
    r"\bno\b(?!\.?\s*\d)|"  # "no", but not "No. 1"
    r"\bnot\b(?<!\bor not)(?!\s+only\b)|"  # "not", but not "whether or not", "not only"
    r"\b(?:never|nothing|none|cannot|deny|denying|false|untrue|invented|fabricated|"
    r"disinformation|rejects?|cancell?ed|called off)\b|"
    # "denied", "rejected", "disputed" as verbs, not "the disputed region"
    r"(?<!\bthe )(?<!\ba )(?<!\ban )\b(?:denie[sd]|rejected|disputed)\b|"
    # "disputes the figure", but not "a two-week dispute over pensions"
    r"\bdisputes?\s+(?:that|the|this|these|those|his|her|its|their|claims?|figures?)\b"
    r"|n[’']t\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Signature:
    """What pairing needs of one claim: who, about what, in which words, with which figures."""

    claim_id: str
    document_id: str
    sources: frozenset[str]
    entities: frozenset[str]
    words: frozenset[str]
    text: str  # the content words in order, for the similarity
    figures: tuple[tuple[str, str], ...]  # (number, the thing it counts)
    denies: bool  # a denial or dispute cue, or a negation in the quote
    # The words of each named source's name, so "Kowalczyk" in one text is "Teresa
    # Kowalczyk" in another, whose source ids the registry keeps apart.
    source_names: frozenset[frozenset[str]] = frozenset()
    # The years the claim is about: those of its dates, else its document's year.
    years: frozenset[int] = frozenset()
    # The words a negation in the quote bears on ("not admitted a single child overnight"):
    # a denial denies only what the other claim says in some of these words.
    denied: frozenset[str] = frozenset()
    # Whose account the claim speaks of ("the service's estimate", "the council's
    # statements"): the word naming each, to find the claims of that source.
    accounts: frozenset[str] = frozenset()
    doubts: bool = False  # it denies, or casts doubt ("left out", "overstated", "wrong")
    # What each figure counts and the least and most its hedge allows ("nearly 500").
    ranges: tuple[tuple[str, float, float], ...] = ()

    @cached_property
    def counts(self) -> dict[str, frozenset[str]]:
        """Group the figures by the thing they count (figures counting nothing left out)."""
        return {unit: numbers for unit, numbers in by_thing(self.figures).items() if unit}

    @cached_property
    def bounds(self) -> dict[str, list[tuple[float, float]]]:
        """Group the ranges of the figures by the thing they count."""
        return group_ranges(self.ranges)

    # What pairing asks of each claim again and again, with every other: worked out once.
    @cached_property
    def numbers(self) -> frozenset[str]:
        """Every number the claim gives, counting something or not."""
        return frozenset(number for number, _ in self.figures)

    @cached_property
    def telling(self) -> frozenset[str]:
        """Its figures that tell a report apart: of some size or with decimals ("6,400",
        "4.5 per cent", not "2" or "10")."""
        return frozenset(n for n in self.numbers if len(n.replace(".", "")) >= 3 or "." in n)

    @cached_property
    def counted(self) -> frozenset[tuple[str, str]]:
        """Its figures counting a thing, three or more ("three children")."""
        return frozenset((n, unit) for n, unit in self.figures if unit and float(n) >= 3)

    @cached_property
    def states(self) -> tuple[int, int]:
        """Which of each pair of opposite states (open, closed) its words state, if only
        one: a bit for each pair, in a mask for the first state and one for the second."""
        first = second = 0
        for bit, (one, other) in enumerate(OPPOSITES):
            if self.words & one and not self.words & other:
                first |= 1 << bit
            elif self.words & other and not self.words & one:
                second |= 1 << bit
        return first, second


def signature(
    claim: Claim,
    entities: set[str],
    authors: set[str],
    names: dict[str, frozenset[str]],
    years: frozenset[int] = frozenset(),
) -> Signature:
    """Reduce a claim to what pairing compares: the words of what it reports, not of who
    reports it (names holds the words of each source's name) nor of the reporting verb."""
    lowered = claim.quote.lower()
    frame = {word for name in names.values() for word in name}
    frame |= set(WORD.findall(claim.cue.text.lower()) if claim.cue else ())
    words = [w.strip("'’-") for w in WORD.findall(lowered)]
    dropped = PAIRING_STOP_WORDS | frame | NUMBER_WORDS
    content = [w for w in words if len(w) > 2 and w not in dropped]
    return Signature(
        claim_id=claim.id,
        document_id=claim.document_id,
        sources=frozenset(claim.sources) - authors,
        entities=frozenset(entities),
        words=frozenset(content),
        text=" ".join(content),
        figures=figures(lowered),
        denies=claim.disputing or bool(NEGATION.search(claim.quote)),
        denied=frozenset(content) if claim.disputing else _negated(lowered, dropped),
        source_names=frozenset(
            _name_words(name) for source, name in names.items() if source not in authors
        )
        - {frozenset()},
        years=years,
        accounts=frozenset(m.lower() for m in ACCOUNT.findall(claim.quote)),
        doubts=claim.disputing or bool(NEGATION.search(claim.quote) or DOUBT.search(lowered)),
        ranges=ranges(lowered),
    )


def _negated(lowered: str, dropped) -> frozenset[str]:
    """Return the content words each negation in a quote bears on: a few after it ("no
    convoy reached the town"), fewer before ("the meeting did not take place"), and before
    it for words that follow what they deny ("the figure was invented"); never past the
    clause ("the convoy, which had not been inspected, reached the town")."""
    found: set[str] = set()
    for match in NEGATION.finditer(lowered):
        before = CLAUSE_END.split(lowered[: match.start()])[-1]
        after = CLAUSE_END.split(lowered[match.end() :])[0]
        if match.group() in AFTER_WHAT_THEY_DENY:
            near = WORD.findall(before)[-AFTER:]
        else:
            near = WORD.findall(before)[-BEFORE:] + WORD.findall(after)[:AFTER]
        found.update(w.strip("'’-") for w in near)
    return frozenset(w for w in found if len(w) > 2 and w not in dropped)


def _name_words(name: frozenset[str]) -> frozenset[str]:
    """Return the words that tell a source's name apart ("halvard" of "Halvard Foods Inc.")."""
    words = (re.sub(r"[’']s?$|[.,]$", "", word) for word in name)
    return frozenset(word for word in words if len(word) > 1 and word not in NAME_FILLER)


def claim_years(claim: Claim, expressions, published: Period | None) -> frozenset[int]:
    """Return the years a claim is about: those its dates cover ("since 2022" runs on to
    its document's publication), else those of its document's recent past."""
    years: set[int] = set()
    for e in expressions:
        if e.type != "DATE" or not e.earliest or not claim.start <= e.start <= e.end <= claim.end:
            continue
        last = e.latest.year
        if published and SINCE.search(claim.quote[: e.start - claim.start]):
            last = max(last, published[1].year)
        years.update(range(e.earliest.year, min(last, e.earliest.year + 10) + 1))
    if years or not published:
        return frozenset(years)
    # News of late December is still news in early January.
    return frozenset(
        range((published[0] - timedelta(days=RECENT_DAYS)).year, published[1].year + 1)
    )


def published_period(metadata: dict) -> Period | None:
    """Return the first and last day of a document's publication ("2024-05" is all of May),
    when its metadata gives one."""
    value = metadata.get("published")
    try:
        earliest, latest = bounds(str(value)[:10]) if value else (None, None)
    except (ValueError, TypeError):
        return None
    return (earliest, latest) if earliest and latest else None


def signature_json(signature: Signature) -> str:
    """Write a signature as JSON, its sets as sorted lists, so that it can be stored."""
    values = {}
    for field in fields(Signature):
        value = getattr(signature, field.name)
        if field.name == "source_names":
            value = sorted(sorted(name) for name in value)
        elif isinstance(value, frozenset):
            value = sorted(value)
        values[field.name] = value
    return json.dumps(values, ensure_ascii=False, separators=(",", ":"))


def signature_from_json(text: str) -> Signature:
    """Read a signature stored by signature_json."""
    values = json.loads(text)
    for name in ("sources", "entities", "words", "years", "denied", "accounts"):
        values[name] = frozenset(values[name])
    values["source_names"] = frozenset(frozenset(name) for name in values["source_names"])
    values["figures"] = tuple(tuple(figure) for figure in values["figures"])
    values["ranges"] = tuple(tuple(bounds) for bounds in values.get("ranges", ()))
    return Signature(**values)
