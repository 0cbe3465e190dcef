"""Machine contests: claims that deny or dispute another, and two figures for one quantity.

A claim whose cue denies or disputes ("denied", "rejects", "disputes that figure")
contradicts the latest earlier claim of another source close before it. Two claims of
different sources that give different numbers of the same unit about the same thing
("412,000 tonnes of maize" against "297,000 tonnes") contradict each other too. Curated
claims and contests are never touched: only machine claims are linked here.
"""

import re
from functools import lru_cache

from service.pipeline.claims.figures import at_odds, bounds, by_thing
from service.pipeline.claims.figures import figures as counts
from service.pipeline.claims.judge import REASON_WORDS, compared_figures
from service.pipeline.claims.sources import SourceRegistry
from service.pipeline.lexicon.disputes import DISPUTED_WORKS
from service.pipeline.lexicon.stop_words import CONTEST_STOP_WORDS, SENTENCE_OPENERS
from service.pipeline.records import Claim, Contest, Relation, Side
from service.vocab import hex_id

LOOK_BACK = 4  # claims before a denial that it may answer
# Every pair of a document's claims asks after the same quotes' figures and words; a
# bounded cache answers each once and keeps memory flat over a long build.
CACHED_QUOTES = 4096
REFERS_BACK = re.compile(
    r"\b(?:it|that|this|these|those|the opposite|any such|no such|the (?:claim|report|charge|"
    r"account|allegation|figure|accusation|statement|rumou?rs?|story))\b",
    re.IGNORECASE,
)
BACK_REFERENCE = re.compile(r"\b(?:the|that|this) (?:number|figure|total|count|tally)\b", re.I)
TIME_WORD = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|"
    r"april|may|june|july|august|september|october|november|december|yesterday|today|"
    r"(?:1[89]|20)\d\d)\b",
    re.IGNORECASE,
)


def machine_contests(claims: list[Claim], sources: SourceRegistry) -> list[Contest]:
    """Link disputing machine claims to what they dispute and group them into contests."""
    machine = [c for c in claims if c.origin == "machine"]
    pairs = []
    for index, claim in enumerate(machine):
        if claim.disputing:
            target = _taken_on(machine, index, sources) or _disputed(machine, index)
            if target is not None:
                pairs.append((target, claim, "denial"))
        earlier = [other for other in machine[:index] if _figures_differ(other, claim)]
        # the nearest account of the same quantity, and every other one of its paragraph
        beside = [o for o in earlier[:-1] if o.paragraph_id == claim.paragraph_id]
        pairs += [(other, claim, "figure conflict") for other in [*beside, *earlier[-1:]]]
    for first, second, kind in pairs:
        for a, b in ((first, second), (second, first)):
            relation = Relation("contradicts", b.id, _reason(kind, a, b))
            if relation not in a.relations:
                a.relations.append(relation)
    return _contests([(first, second) for first, second, _ in pairs], sources)


def _reason(kind: str, a: Claim, b: Claim) -> dict:
    """Say why one claim contradicts another of its text: the kind, the words both use,
    and for a figure conflict the counts each gives of the thing both count."""
    words = sorted(_words(a.quote) & _words(b.quote))[:REASON_WORDS]
    evidence: dict = {"kind": kind, "entities": [], "words": words}
    if kind == "figure conflict":
        mine, theirs = figures(a.quote), figures(b.quote)
        evidence["figures"] = compared_figures(mine, theirs)
        if not evidence["figures"]:  # "X says 1,150 people, Y says the number is closer to 320"
            every = [sorted(n for numbers in f.values() for n in numbers) for f in (mine, theirs)]
            evidence["figures"] = [{"counts": "", "values": every}] if all(every) else []
    return evidence


def _disputed(machine: list[Claim], index: int) -> Claim | None:
    """Return what a disputing claim disputes: another source's claim of the same sentence,
    else the earlier claim close before it that shares most words with it."""
    claim = machine[index]
    other = [c for c in machine if not set(c.sources) & set(claim.sources) and c is not claim]
    same = [
        c for c in other if c.paragraph_id == claim.paragraph_id and c.sentence == claim.sentence
    ]
    if same:
        return same[0]
    window = machine[max(0, index - LOOK_BACK) : index]
    words = _words(claim.quote)
    # A denial answers what it shares words with, or what it points back to ("denied the
    # report", "I do not believe it"): "denied taking bribes" answers nothing about a bridge.
    refers_back = bool(REFERS_BACK.search(claim.quote))
    earlier = [c for c in window if c in other and (refers_back or words & _words(c.quote))]
    if not earlier:
        return None
    return max(
        enumerate(earlier),
        key=lambda item: (len(words & _words(item[1].quote)), item[1].cue is not None, item[0]),
    )[1]


def _taken_on(machine: list[Claim], index: int, sources: SourceRegistry) -> Claim | None:
    """Return the earlier claim a dispute names by its source or its kind: "Labour rejected
    the tribunal judgement" takes on what the tribunal ruled, wherever the text said it."""
    claim = machine[index]
    if not claim.disputed:
        return None
    named = _words(claim.disputed)
    works = [DISPUTED_WORKS[w] for w in claim.disputed.lower().split() if w in DISPUTED_WORKS]
    best, best_score = None, 0
    for other in machine[:index]:
        if set(other.sources) & set(claim.sources):
            continue
        speakers = _words(" ".join(sources[s].name for s in other.sources))
        cue = other.cue.text.lower() if other.cue else "\0"
        # a claim by the body named, or that reports the work named ("ruled that"), and
        # then the one that mentions most of it
        named_by = 2 * len(named & speakers) + 3 * any(cue.startswith(s) for s in works)
        score = named_by + len(named & _words(other.quote)) if named_by else 0
        if score >= best_score and score > 0:  # the latest of the best
            best, best_score = other, score
    return best


@lru_cache(maxsize=CACHED_QUOTES)
def figures(text: str) -> dict[str, frozenset[str]]:
    """Map each thing a text counts to the numbers it gives of it."""
    return by_thing(counts(text.lower()))


@lru_cache(maxsize=CACHED_QUOTES)
def _times(text: str) -> frozenset[str]:
    """Return the times a text names: weekdays, months, years, "yesterday"."""
    return frozenset(w.lower() for w in TIME_WORD.findall(text))


@lru_cache(maxsize=CACHED_QUOTES)
def _words(text: str) -> frozenset[str]:
    """Return the content words of a text."""
    return frozenset(
        w for w in re.findall(r"[a-z]{4,}", text.lower()) if w not in CONTEST_STOP_WORDS
    )


def _figures_differ(a: Claim, b: Claim) -> bool:
    """Tell two claims of different sources that give different numbers of one quantity:
    in one sentence ("X says 1,150, while Y says 320"), or reported apart in one unit."""
    if not a.sources or not b.sources or set(a.sources) & set(b.sources):
        return False
    fa, fb = figures(a.quote), figures(b.quote)
    ba, bb = bounds(a.quote.lower()), bounds(b.quote.lower())
    if a.paragraph_id == b.paragraph_id and a.sentence == b.sentence:
        # "X says 1,150 people, while Y says the number is closer to 320"
        same_unit = any(at_odds(ba[u], bb[u]) for u in ba.keys() & bb.keys())
        refers_back = bool(fa and fb) and bool(BACK_REFERENCE.search(a.quote + " " + b.quote))
        return same_unit or refers_back
    if a.cue is None or b.cue is None:
        return False  # only reported figures dispute each other across sentences
    times_a, times_b = _times(a.quote), _times(b.quote)
    if times_a and times_b and times_a.isdisjoint(times_b):
        return False  # "40 ships on Monday" and "12 ships on Friday" are two counts
    shared = [u for u in ba.keys() & bb.keys() if at_odds(ba[u], bb[u])]  # read with hedges
    topic = (_words(a.quote) & _words(b.quote)) - set(shared)
    # Counts of one thing side by side in a paragraph answer each other ("Police have
    # counted three deaths. But the opposition says 20 people have died")
    beside = a.paragraph_id == b.paragraph_id and all(u for u in shared)
    return bool(shared) and (bool(topic) or beside)


def _contests(pairs: list[tuple[Claim, Claim]], sources: SourceRegistry) -> list[Contest]:
    """Group contradicting claims into contests, one side per claim, with a question."""
    groups: list[list[Claim]] = []
    for first, second in pairs:
        joined = [g for g in groups if first in g or second in g]
        merged = [c for g in joined for c in g]
        for claim in (first, second):
            if claim not in merged:
                merged.append(claim)
        groups = [g for g in groups if g not in joined] + [merged]
    contests = []
    for group in groups:
        contest_id = hex_id("m", "\x00".join(sorted(c.id for c in group)))
        for claim in group:
            claim.contest_id = contest_id
        sides = tuple(Side(_label(c, sources), (c.id,)) for c in group)
        contests.append(Contest(contest_id, _question(group[0]), sides, origin="machine"))
    return contests


def _label(claim: Claim, sources: SourceRegistry) -> str:
    """Name a side by who says it."""
    return ", ".join(sources[s].name for s in claim.sources) or "the text"


def _question(claim: Claim) -> str:
    """Ask whether the first account holds."""
    words = claim.quote.split()
    if words and words[0] in SENTENCE_OPENERS:  # "The ministry ..." but "Maria Lopez ..."
        words[0] = words[0].lower()
    short = " ".join(words[:14]) + (" …" if len(words) > 14 else "")
    return f"Is it so that {short}?"
