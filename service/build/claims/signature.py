"""A claim reduced to what cross-document pairing compares: the words of what it reports
(not of who reports it), the figures it gives and what they count, whether it denies,
its entities, its sources' names and the years it is about."""

import re
from dataclasses import dataclass
from datetime import date

from service.build.records import Claim

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
# "87 per cent in a ballot": a share of the thing named next, not a count of "cent".
PER = {"cent", "percent", "pct", "million", "billion", "thousand"}
SCOPE = 30  # characters of the quote a negation bears on
AFTER_WHAT_THEY_DENY = {"false", "untrue", "invented", "fabricated", "disinformation",
                        "cancelled", "canceled", "called off"}  # fmt: skip
MAGNITUDES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
MAGNITUDE = re.compile(r"\s+(thousand|million|billion)\b")
# Things news counts under several names: "14 houses" and "23 homes" count one thing.
COUNTED_ALIKE = {
    word: group
    for group, words in {
        "people": ("people", "person", "resident", "evacuee", "inhabitant", "villager"),
        "home": ("home", "house", "household", "dwelling"),
        "worker": ("worker", "employee", "docker", "dockworker", "staff", "labourer"),
    }.items()
    for word in words
}
# Another's account named by its owner: "the service's estimate", "the union's account".
ACCOUNT = re.compile(
    r"\b([A-Za-z][a-z-]+)['’]s\s+(?:own\s+)?(?:figures?|estimates?|accounts?|statements?|"
    r"claims?|count|numbers|version|reports?|tally|totals?)\b"
)
# Lengths of time count no thing two accounts could disagree on ("six weeks", "14 weeks").
TIME_UNITS = {"second", "minute", "hour", "day", "week", "month", "year", "decade", "time"}
# "9 February" is a day, not nine of something.
CALENDAR = {"january", "february", "march", "april", "may", "june", "july", "august",
            "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun",
            "jul", "aug", "sep", "sept", "oct", "nov", "dec", "am", "pm", "p.m", "a.m"}  # fmt: skip
NEGATION = re.compile(
    r"\bno\b(?!\.?\s*\d)|"  # "no", but not "No. 1"
    r"\bnot\b(?<!\bor not)(?!\s+only\b)|"  # "not", but not "whether or not", "not only"
    r"\b(?:never|nothing|none|denie[sd]|deny|denying|false|untrue|invented|fabricated|"
    r"disinformation|rejects?|rejected|disputed|cancell?ed|called off)\b|"
    # "disputes the figure", but not "a two-week dispute over pensions"
    r"\bdisputes?\s+(?:that|the|this|these|those|his|her|its|their|claims?|figures?)\b"
    r"|n[’']t\b",
    re.IGNORECASE,
)
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
    # The words a negation in the quote bears on ("not admitted a single child overnight"):
    # a denial denies only what the other claim says in some of these words.
    denied: frozenset[str] = frozenset()
    # Whose account the claim speaks of ("the service's estimate", "the council's
    # statements"): the word naming each, to find the claims of that source.
    accounts: frozenset[str] = frozenset()


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
        (_figure(match.group(), lowered[match.end() : match.end() + 10]), unit)
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
        denied=frozenset(content) if claim.disputing else _negated(lowered, dropped),
        source_names=frozenset(
            _name_words(name) for source, name in names.items() if source not in authors
        )
        - {frozenset()},
        years=years,
        accounts=frozenset(m.lower() for m in ACCOUNT.findall(claim.quote)),
    )


def _negated(lowered: str, dropped) -> frozenset[str]:
    """Return the content words each negation in a quote bears on."""
    words = set()
    for match in NEGATION.finditer(lowered):
        # Mostly what follows ("no convoy reached"), a little of what goes before ("the
        # meeting set for Thursday did not take place"); all before "was invented".
        before, after = (SCOPE, 0) if match.group() in AFTER_WHAT_THEY_DENY else (SCOPE // 2, SCOPE)
        near = lowered[max(0, match.start() - before) : match.end() + after]
        words.update(w.strip("'’-") for w in WORD.findall(near))
    return frozenset(w for w in words if len(w) > 2 and w not in dropped)


def _figure(number: str, after: str) -> str:
    """Return a figure as digits: "four" is "4", "1.2 million" is "1200000"."""
    if number in NUMBER_WORDS:
        return NUMBER_WORDS[number]
    number = number.replace(",", "").rstrip(".")
    scale = MAGNITUDE.match(after)
    if scale:
        value = float(number) * MAGNITUDES[scale.group(1)]
        return str(int(value)) if value.is_integer() else str(value)
    return number


def _name_words(name: frozenset[str]) -> frozenset[str]:
    """Return the words that tell a source's name apart ("halvard" of "Halvard Foods Inc.")."""
    words = (re.sub(r"[’']s?$|[.,]$", "", word) for word in name)
    return frozenset(word for word in words if len(word) > 1 and word not in NAME_FILLER)


def _word_after(text: str, end: int) -> str:
    """Return the thing a figure counts: the first content word after it ("6,400 people",
    "five or six vehicles")."""
    for word in WORD.findall(text[end : end + 40]):
        if re.search(r"[’']s?$", word):
            continue  # "400 of the terminal's 650 dockers": the terminal is not counted
        if word not in STOP and word not in NUMBER_WORDS and word not in PER and len(word) > 2:
            return COUNTED_ALIKE.get(word.rstrip("s"), word.rstrip("s"))
    return ""


def claim_years(claim: Claim, expressions, published: date | None) -> frozenset[int]:
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


def published_day(metadata: dict) -> date | None:
    """Return a document's publication day, when its metadata gives one."""
    try:
        return date.fromisoformat(str(metadata.get("published"))[:10])
    except ValueError:
        return None
