"""Say whether two claims of different documents support or contradict each other, from
their signatures: how alike their words are, what their figures count, whether one denies
what the other says, and whether their documents tell one story."""

from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz

from service.pipeline.claims.figures import at_odds
from service.pipeline.claims.signature import Signature
from service.pipeline.lexicon.disputes import OPPOSITES

SUPPORT_SIMILARITY = 60  # rapidfuzz token_set_ratio of the content words, 0-100
# How alike two claims must be worded to contradict: by different counts of one thing,
# by opposite states of it, or by one denying what the other asserts.
FIGURE_SIMILARITY, OPPOSITE_SIMILARITY, DENIAL_SIMILARITY = 50, 45, 65
LOOSE_DENIAL_SIMILARITY = 50  # a denial sharing three words or more
FIGURE_SPREAD = 100  # two counts of one quantity differ by less than this factor
SAME_FIGURE_SCORE = 70  # two claims giving one uncommon figure report the same thing
SAME_SOURCE_BONUS = 8  # the same named source saying it makes the same statement likelier
REASON_WORDS = 12  # shared words a reason names, alphabetically


@dataclass(frozen=True)
class CrossRelation:
    """Two claims of different documents, and how sure the pairing is (0-1)."""

    type: str  # "supports" or "contradicts"
    claim_id: str
    other_id: str
    score: float
    # Why: its kind ("same event", "denial"...), then the evidence (see `explained`),
    # worked out only for the relations kept; not part of what the relation is.
    kind: str = field(default="", compare=False)
    reason: dict = field(default_factory=dict, compare=False, hash=False)


def judge(a: Signature, b: Signature, same_story: bool = False) -> CrossRelation | None:
    """Say whether two claims of different documents support or contradict each other;
    same_story says their documents tell one story (see Pairing.same_story)."""
    shared_words = len(a.words & b.words)
    counted = a.counts.keys() & b.counts.keys()
    same_source = _same_source(a, b)
    # About one thing: naming one entity; or, in one story or from one source, sharing a
    # word or a counted thing, as claims that name nothing ("the plant", "she said") do.
    in_context = (same_story or same_source) and (shared_words >= 1 or counted)
    if not (a.entities & b.entities or in_context):
        return None
    if a.years and b.years and not a.years & b.years:
        return None  # of different years ("flooded in 1997", "two people died"): two events
    # Two accounts of one event come from one story, or at least name two things alike;
    # one source's two wordings of a statement are paraphrases, not a denial.
    one_event = same_story or len(a.entities & b.entities) >= 2
    same_figure = _same_figure(a, b)
    if not (one_event or same_figure or shared_words >= 2):
        return None  # neither a contradiction nor a support can follow: skip the wording
    similarity = fuzz.token_set_ratio(a.text, b.text)
    # One denies what the other says: worded alike, or less alike with more words shared.
    # A short claim shares all its few words with many: one word in common is not enough.
    denier, other = (a, b) if a.denies else (b, a)
    denial = (
        a.denies != b.denies
        and bool(denier.denied & other.words)
        and (
            (similarity >= DENIAL_SIMILARITY and shared_words >= 2)
            or (similarity >= LOOSE_DENIAL_SIMILARITY and shared_words >= 3)
        )
    )
    if one_event:
        if similarity >= FIGURE_SIMILARITY and bool(counted) and _figures_differ(a, b, counted):
            kind = "figure conflict"
        elif not same_source and similarity >= OPPOSITE_SIMILARITY and _opposite(a, b):
            kind = "opposite state"
        elif not same_source and (denial or _speaks_of(a, b) or _speaks_of(b, a)):
            kind = "denial"
        else:
            kind = ""
        if kind:
            score = similarity / 100
            return CrossRelation("contradicts", a.claim_id, b.claim_id, score, kind)
    score = similarity + (SAME_SOURCE_BONUS if same_source else 0)
    if same_figure:  # "6,400 people" and "6,400 evacuees": the same report
        score = max(score, SAME_FIGURE_SCORE)
    elif shared_words < 2:
        return None
    if score >= SUPPORT_SIMILARITY:
        kind = "same statement" if same_source else "same event"
        score = min(1.0, score / 100)
        return CrossRelation("supports", a.claim_id, b.claim_id, score, kind)
    return None


def explained(relation: CrossRelation, a: Signature, b: Signature) -> CrossRelation:
    """Give a relation its reason, from the signatures of its two claims (in its order)."""
    return replace(relation, reason=reason(relation.kind, a, b))


def reason(kind: str, a: Signature, b: Signature) -> dict:
    """Say why two claims relate: the kind, and the evidence both hold (entities, words,
    and the figures compared or the opposite states read, each claim's in its order)."""
    evidence: dict = {
        "kind": kind,
        "entities": sorted(a.entities & b.entities),
        "words": sorted(a.words & b.words)[:REASON_WORDS],
    }
    if kind == "figure conflict":
        evidence["figures"] = compared_figures(a.counts, b.counts)
    if kind == "opposite state":
        evidence["states"] = [_stated(a, b), _stated(b, a)]
    return evidence


def compared_figures(mine: dict[str, frozenset[str]], theirs: dict[str, frozenset[str]]) -> list:
    """Return, for each thing two claims count differently, the counts each gives of it."""
    return [
        {"counts": unit, "values": [sorted(mine[unit]), sorted(theirs[unit])]}
        for unit in sorted(mine.keys() & theirs.keys())
        if unit and mine[unit] != theirs[unit]
    ]


def _stated(a: Signature, b: Signature) -> list[str]:
    """Return the words by which a claim states one of two opposite states the other
    claim states the opposite of."""
    (mine, mine_not), (theirs, theirs_not) = a.states, b.states
    words: set[str] = set()
    for bit, (one, other) in enumerate(OPPOSITES):
        if mine & theirs_not & (1 << bit):
            words |= a.words & one
        if mine_not & theirs & (1 << bit):
            words |= a.words & other
    return sorted(words)


def _same_source(a: Signature, b: Signature) -> bool:
    """Tell claims one source makes, by id or by a name one text gives more fully."""
    return bool(a.sources & b.sources) or any(
        mine <= theirs or theirs <= mine for mine in a.source_names for theirs in b.source_names
    )


def _speaks_of(a: Signature, b: Signature) -> bool:
    """Tell a claim that doubts the account of the other's source ("the service's
    estimate left out hundreds of hectares", against the fire service's figure)."""
    return a.doubts and any(owner in name for owner in a.accounts for name in b.source_names)


def _figures_differ(a: Signature, b: Signature, counted) -> bool:
    """Tell claims that count one thing differently ("6,400 people" and "9,800 people",
    "nearly 500" and "more than 500"); "1,100 of 3,400 jobs" and "1,100 jobs" agree,
    sharing a figure, and "over 300" and "about 320" may be one count."""
    mine, theirs = a.counts, b.counts
    return any(
        _comparable(mine[unit], theirs[unit])
        and (
            at_odds(a.bounds[unit], b.bounds[unit])  # read with their hedges
            if unit in a.bounds and unit in b.bounds
            else not (mine[unit] & b.numbers) and not (theirs[unit] & a.numbers)
        )
        for unit in counted
    )


def _comparable(mine: frozenset[str], theirs: frozenset[str]) -> bool:
    """Tell figures two accounts of one quantity could give: within a factor of 100 ("five
    or six" vehicles against 300 are; nine ships against 1.2 million containers are not)."""
    values = [float(n) for n in mine | theirs]
    return max(values) <= FIGURE_SPREAD * max(min(values), 1)


def _same_figure(a: Signature, b: Signature) -> bool:
    """Tell claims that give one telling figure, or one counting the same thing."""
    return bool(a.telling & b.numbers or a.counted & b.counted)


def _opposite(a: Signature, b: Signature) -> bool:
    """Tell two claims that state opposite states of one thing (open against blockaded);
    a claim with words of both ("opened in 1934, last closed in 2009") states neither."""
    (mine, mine_not), (theirs, theirs_not) = a.states, b.states
    return bool(mine & theirs_not or mine_not & theirs)
