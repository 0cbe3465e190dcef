"""Claims of different documents that report the same thing, or contradict each other.

Each claim is reduced to a small signature (its words, figures, entities, sources,
whether it denies) as its document is written; after the last document, claims are
paired. Pairing is blocked, never quadratic: two claims are compared only when they
share a rare key (a canonical entity or an uncommon word), keys shared by more than
MAX_BLOCK claims are skipped, and each claim is compared with at most CANDIDATES others.
"""

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from rapidfuzz import fuzz

from service.build.records import Claim

MAX_BLOCK = 400  # claims sharing one key; a key shared by more tells nothing apart
CANDIDATES = 25  # other claims compared with each claim, those sharing most keys first
MIN_SHARED = 2  # keys two claims must share to be compared at all
SUPPORT_SIMILARITY = 60  # rapidfuzz token_set_ratio of the content words, 0-100
# How alike two claims must be worded to contradict: by different counts of one thing,
# by opposite states of it, or by one denying what the other asserts.
FIGURE_SIMILARITY, OPPOSITE_SIMILARITY, DENIAL_SIMILARITY = 50, 45, 65
SAME_FIGURE_SCORE = 70  # two claims giving one uncommon figure report the same thing
SAME_SOURCE_BONUS = 8  # the same named source saying it makes the same statement likelier
KEEP = 5  # relations of each type kept per claim, the best scored
# Two documents tell one story when they share this many canonical entities, and this
# share of the fewer's, and were published this many days apart at most.
STORY_ENTITIES, STORY_SHARE, STORY_DAYS = 3, 0.2, 31
WORD = re.compile(r"[a-z][a-z'’-]+")
YEAR = re.compile(r"(?:1[89]|20)\d\d")
# News style spells small numbers out: "four lorries", "five or six vehicles".
# From two up: "one" is more often a pronoun ("no one", "one of them") than a count.
SPELLED = "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen"
TENS = {"twenty": "20", "thirty": "30", "forty": "40", "fifty": "50", "dozen": "12"}
NUMBER_WORDS = {word: str(n) for n, word in enumerate(SPELLED.split(), start=2)} | TENS
COUNT = re.compile(
    r"(?<![\d,.])(?!(?:1[89]|20)\d\d\b)\d[\d,.]*|\b(?:" + "|".join(NUMBER_WORDS) + r")\b(?!-)"
)
# "No. 1", "Local 412", "route 12": a number naming something, not counting it; a
# capitalised word counts only inside the quote, not as its first word.
IDENTIFIER = re.compile(r"(?:\b(?:[Nn]o|[Nn]umber|[Rr]oute|[Ll]ine)\.?|(?<=\S )[A-Z][a-z]+)\s+$")
SINCE = re.compile(r"\b(?:since|from)\s+(?:the\s+)?$", re.IGNORECASE)
# Lengths of time count no thing two accounts could disagree on ("six weeks", "14 weeks").
TIME_UNITS = {"second", "minute", "hour", "day", "week", "month", "year", "decade", "time"}
# "9 February" is a day, not nine of something.
CALENDAR = {"january", "february", "march", "april", "may", "june", "july", "august",
            "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun",
            "jul", "aug", "sep", "sept", "oct", "nov", "dec", "am", "pm", "p.m", "a.m"}  # fmt: skip
NEGATION = re.compile(
    r"\bno\b(?!\.?\s*\d)|"  # "no", but not "No. 1"
    r"\bnot\b(?<!\bor not)(?!\s+only\b)|"  # "not", but not "whether or not", "not only"
    r"\b(?:never|nothing|none|denie[sd]|deny|denying|false|untrue|invented|"
    r"fabricated|disinformation|rejects?|rejected|disputes?|disputed|cancell?ed|called off)\b"
    r"|n[’']t\b",
    re.IGNORECASE,
)
# Words of one state and of its opposite: a claim with one and a claim with the other,
# about the same thing, contradict.
OPPOSITES = (
    ({"open", "opened", "reopened", "passable", "unhindered", "freely", "moving"},
     {"closed", "blockaded", "blocked", "blockade", "shut", "sealed", "cut"}),
    ({"met", "meeting", "held", "took"}, {"cancelled", "canceled", "postponed", "called"}),
    ({"rose", "rise", "increase", "increased", "grew"},
     {"fell", "fall", "decrease", "decreased", "dropped"}),
)  # fmt: skip
NAME_FILLER = {"the", "a", "an", "of", "and", "inc", "ltd", "plc", "llc", "co", "corp", "mr", "ms",
               "mrs", "dr", "its", "his", "her", "their"}  # fmt: skip
STOP = {
    "the", "and", "that", "this", "with", "from", "have", "has", "had", "were", "was", "been",
    "they", "their", "them", "which", "said", "says", "say", "told", "about", "would", "will",
    "than", "more", "less", "some", "for", "are", "its", "his", "her", "she", "him", "who",
    "what", "when", "where", "there", "into", "over", "after", "before", "also", "but", "not",
    "all", "any", "can", "could", "our", "out", "one", "two", "on", "in", "at", "of", "to",
    "by", "an", "as", "is", "be", "it", "we", "or", "if", "so", "do", "did", "does", "per",
    "according", "added", "reported", "report", "statement", "spokesman", "spokeswoman",
    "claim", "claims", "reporters", "officials", "official",
    "week", "year", "month", "day", "today", "yesterday", "last", "next", "since", "until",
}  # fmt: skip


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


@dataclass(frozen=True)
class CrossRelation:
    """Two claims of different documents, and how sure the pairing is (0-1)."""

    type: str  # "supports" or "contradicts"
    claim_id: str
    other_id: str
    score: float


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
    dropped = STOP | frame | NUMBER_WORDS.keys()
    content = [w for w in words if len(w) > 2 and w not in dropped]
    figures = tuple(
        (NUMBER_WORDS.get(match.group(), match.group().replace(",", "")), unit)
        for match in COUNT.finditer(lowered)
        if not YEAR.fullmatch(match.group())
        and not IDENTIFIER.search(claim.quote[: match.start()])
        and (unit := _word_after(lowered, match.end())) not in CALENDAR
        and unit not in TIME_UNITS
    )
    return Signature(
        claim_id=claim.id,
        document_id=claim.document_id,
        sources=frozenset(claim.sources) - authors,
        entities=frozenset(entities),
        words=frozenset(content),
        text=" ".join(content),
        figures=figures,
        denies=claim.disputing or bool(NEGATION.search(claim.quote)),
        source_names=frozenset(
            _name_words(name) for source, name in names.items() if source not in authors
        )
        - {frozenset()},
        years=years,
    )


def _name_words(name: frozenset[str]) -> frozenset[str]:
    """Return the words that tell a source's name apart ("halvard" of "Halvard Foods Inc.")."""
    words = (re.sub(r"[’']s?$|[.,]$", "", word) for word in name)
    return frozenset(word for word in words if len(word) > 1 and word not in NAME_FILLER)


def _word_after(text: str, end: int) -> str:
    """Return the thing a figure counts: the first content word after it ("6,400 people",
    "five or six vehicles")."""
    for word in WORD.findall(text[end : end + 40]):
        word = re.sub(r"[’']s$", "", word)
        if word not in STOP and word not in NUMBER_WORDS and len(word) > 2:
            return word.rstrip("s")
    return ""


@dataclass
class Pairing:
    """Signatures gathered document by document, paired once all are in."""

    signatures: list[Signature] = field(default_factory=list)
    # Each document's canonical entities and publication day, to tell stories apart.
    stories: dict[str, tuple[frozenset[str], date | None]] = field(default_factory=dict)
    _story_cache: dict[tuple[str, str], bool] = field(default_factory=dict, repr=False)

    def add(self, signature: Signature) -> None:
        """Keep one claim's signature."""
        if signature.words:
            self.signatures.append(signature)

    def add_document(self, document, entities: dict[str, list[str]], sources) -> None:
        """Keep the signatures of one assembled document's claims, given the entities
        each claim mentions."""
        authors = sources.author_ids()
        mentioned = {m.entity_id for a in document.build.analyses for m in a.mentions}
        published = _day(document.build.doc.metadata)
        self.stories[document.id] = (frozenset(mentioned), published)
        dates = defaultdict(list)
        for record in document.dates:
            dates[record.paragraph_id].append(record.expression)
        for claim in document.claims:
            names = {s: frozenset(sources[s].name.lower().split()) for s in claim.sources}
            years = _years(claim, dates[claim.paragraph_id], published) or (
                frozenset({published.year}) if published else frozenset()
            )
            self.add(signature(claim, set(entities[claim.id]), authors, names, years))

    def relations(self) -> list[CrossRelation]:
        """Pair every claim with the claims of other documents it supports or contradicts."""
        postings = self._postings()
        found: dict[tuple[str, str], CrossRelation] = {}
        for index, claim in enumerate(self.signatures):
            for other_index in self._candidates(index, claim, postings):
                other = self.signatures[other_index]
                key = tuple(sorted((claim.claim_id, other.claim_id)))
                if key not in found:
                    story = self.same_story(claim.document_id, other.document_id)
                    relation = judge(claim, other, story)
                    if relation is not None:
                        found[key] = relation
        return _best(found.values())

    def same_story(self, one: str, other: str) -> bool:
        """Tell two documents that tell one story: many canonical entities in common,
        published within weeks of each other (or undated)."""
        key = (one, other) if one < other else (other, one)
        if key not in self._story_cache:
            self._story_cache[key] = _one_story(self.stories.get(one), self.stories.get(other))
        return self._story_cache[key]

    def _postings(self) -> dict[str, list[int]]:
        """Index claims by their keys: canonical entities and words."""
        postings: dict[str, list[int]] = defaultdict(list)
        for index, claim in enumerate(self.signatures):
            for key in _keys(claim):
                postings[key].append(index)
        return postings

    def _candidates(self, index: int, claim: Signature, postings) -> list[int]:
        """Return the claims of other documents sharing most keys with this one, after it."""
        shared: Counter = Counter()
        for key in sorted(_keys(claim)):  # in one order, so that ties fall the same each build
            block = postings[key]
            if len(block) > MAX_BLOCK:
                continue
            for other in block:
                if other > index and self.signatures[other].document_id != claim.document_id:
                    shared[other] += 1
        for other in shared:  # one story is worth a key in common
            shared[other] += self.same_story(claim.document_id, self.signatures[other].document_id)
        ranked = sorted(shared.items(), key=lambda item: (-item[1], item[0]))[:CANDIDATES]
        return [other for other, count in ranked if count >= MIN_SHARED]


def _one_story(one, other) -> bool:
    """Tell two documents' (entities, day) apart as one story or two."""
    if one is None or other is None:
        return False
    (mine, my_day), (theirs, their_day) = one, other
    shared = len(mine & theirs)
    if shared < STORY_ENTITIES or shared < STORY_SHARE * min(len(mine), len(theirs)):
        return False
    return my_day is None or their_day is None or abs((my_day - their_day).days) <= STORY_DAYS


def _years(claim: Claim, expressions, published: date | None) -> frozenset[int]:
    """Return the years the dates inside a claim's quote cover; "since 2022" runs on to
    the year its document was published."""
    years = set()
    for e in expressions:
        if e.type != "DATE" or not e.earliest or not claim.start <= e.start <= e.end <= claim.end:
            continue
        last = e.latest.year
        if published and SINCE.search(claim.quote[: e.start - claim.start]):
            last = max(last, published.year)
        years.update(range(e.earliest.year, min(last, e.earliest.year + 10) + 1))
    return frozenset(years)


def _day(metadata: dict) -> date | None:
    """Return a document's publication day, when its metadata gives one."""
    try:
        return date.fromisoformat(str(metadata.get("published"))[:10])
    except ValueError:
        return None


def _keys(claim: Signature) -> set[str]:
    """The keys a claim is found by: its entities, its sources, its words and what its
    figures count."""
    return (
        {f"e:{e}" for e in claim.entities}
        | {f"s:{s}" for s in claim.sources}
        | {f"n:{word}" for name in claim.source_names for word in name}
        | {f"w:{w}" for w in claim.words}
        | {f"u:{unit}" for _, unit in claim.figures if unit}
    )


def judge(a: Signature, b: Signature, same_story: bool = False) -> CrossRelation | None:
    """Say whether two claims of different documents support or contradict each other;
    same_story says their documents tell one story (see Pairing.same_story)."""
    similarity = fuzz.token_set_ratio(a.text, b.text)
    shared_words = len(a.words & b.words)
    counted = _counts(a).keys() & _counts(b).keys()
    same_source = _same_source(a, b)
    # A short claim shares all its few words with many: one word in common is not enough.
    denial = a.denies != b.denies and similarity >= DENIAL_SIMILARITY and shared_words >= 2
    alike = shared_words >= 2 and (counted or similarity >= 85 or denial or _opposite(a, b))
    # In one story, claims may name nothing ("the plant", "she said") yet be about one thing.
    in_context = (same_story or same_source) and (shared_words >= 1 or counted)
    if not (a.entities & b.entities or shared_words >= 3 or alike or in_context):
        return None  # not about the same thing
    if a.years and b.years and not a.years & b.years:
        return None  # of different years ("flooded in 1997", "two people died"): two events
    contradicts = (
        (similarity >= FIGURE_SIMILARITY and _figures_differ(a, b))
        or (similarity >= OPPOSITE_SIMILARITY and _opposite(a, b))
        or denial
    )
    if contradicts:
        return CrossRelation("contradicts", a.claim_id, b.claim_id, similarity / 100)
    score = similarity + (SAME_SOURCE_BONUS if same_source else 0)
    if _same_figure(a, b):  # "6,400 people" and "6,400 evacuees": the same report
        score = max(score, SAME_FIGURE_SCORE)
    elif shared_words < 2:
        return None
    if score >= SUPPORT_SIMILARITY:
        return CrossRelation("supports", a.claim_id, b.claim_id, min(1.0, score / 100))
    return None


def _same_source(a: Signature, b: Signature) -> bool:
    """Tell claims one source makes, by id or by a name one text gives more fully."""
    return bool(a.sources & b.sources) or any(
        mine <= theirs or theirs <= mine for mine in a.source_names for theirs in b.source_names
    )


def _counts(claim: Signature) -> dict[str, set[str]]:
    """Group a claim's figures by what they count."""
    counts: dict[str, set[str]] = defaultdict(set)
    for number, unit in claim.figures:
        if unit:
            counts[unit].add(number)
    return counts


def _figures_differ(a: Signature, b: Signature) -> bool:
    """Tell claims that count one thing differently ("6,400 people" and "9,800 people");
    "1,100 of 3,400 jobs" and "1,100 jobs" agree, sharing a figure."""
    mine, theirs = _counts(a), _counts(b)
    every_mine = {number for number, _ in a.figures}
    every_theirs = {number for number, _ in b.figures}
    return any(
        not (mine[unit] & every_theirs) and not (theirs[unit] & every_mine)
        for unit in mine.keys() & theirs.keys()
    )


def _same_figure(a: Signature, b: Signature) -> bool:
    """Tell claims that give the same figure of some size (not "2" or "10")."""
    mine = {number for number, _ in a.figures if len(number.replace(".", "")) >= 3}
    return bool(mine & {number for number, _ in b.figures})


def _opposite(a: Signature, b: Signature) -> bool:
    """Tell two claims that state opposite states of one thing (open against blockaded);
    a claim with words of both ("opened in 1934, last closed in 2009") states neither."""
    for one, other in OPPOSITES:
        mine = _state(a.words, one, other)
        theirs = _state(b.words, one, other)
        if mine and theirs and mine != theirs:
            return True
    return False


def _state(words: frozenset[str], one: set[str], other: set[str]) -> str | None:
    """Say which of two opposite states some words state, if only one."""
    if words & one and not words & other:
        return "one"
    if words & other and not words & one:
        return "other"
    return None


def _best(relations) -> list[CrossRelation]:
    """Keep each claim's best relations of each type, so no claim is linked to dozens."""
    by_claim: dict[tuple[str, str], list[CrossRelation]] = defaultdict(list)
    for relation in relations:
        by_claim[(relation.claim_id, relation.type)].append(relation)
        by_claim[(relation.other_id, relation.type)].append(relation)
    kept = set()
    for ranked in by_claim.values():
        ranked.sort(key=lambda r: (-r.score, r.claim_id, r.other_id))
        kept.update(ranked[:KEEP])
    both = [
        r for r in kept if all(r in by_claim[(c, r.type)][:KEEP] for c in (r.claim_id, r.other_id))
    ]
    return sorted(both, key=lambda r: (r.claim_id, r.other_id))
