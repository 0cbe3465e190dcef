"""Who says what in one document: a row a source, a mark a claim, a line a contradiction."""

from dataclasses import dataclass

from service.serve.reader.charts.labels import shorten
from service.vocab import CLAIM_STATUSES

MAX_SOURCES = 12  # rows drawn; the other sources are counted
PER_LINE, MAX_LINES = 28, 2  # marks a line, and lines a source: each shows its first claims
MAX_LINKS = 60  # lines drawn between contradicting claims
LABEL_WIDTH, STEP, LINE_HEIGHT, ROW_GAP = 190, 16, 18, 8
COUNTS_WIDTH = 100
LEGEND = 30  # room above the rows for the key to the marks
KEY_STEP = 104
WIDTH = LABEL_WIDTH + PER_LINE * STEP + COUNTS_WIDTH
NO_SOURCE = "no source named"


@dataclass(frozen=True)
class Mark:
    """One claim where a source says it."""

    claim_id: str
    status: str
    contested: bool
    muted: bool  # the page's filters hide it
    x: float
    y: float
    title: str

    @property
    def diamond(self) -> str:
        """The points of a diamond around the mark, for `linked` claims."""
        x, y = self.x, self.y
        return f"{x},{y - 6} {x + 6},{y} {x},{y + 6} {x - 6},{y}"


@dataclass(frozen=True)
class Voice:
    """One source's row: its label, counts and marks."""

    id: str | None
    name: str
    type: str | None
    label: str
    y: float
    marks: list[Mark]
    claims: int
    contested: int
    statuses: dict[str, int]

    @property
    def more(self) -> int:
        """How many of its claims are not drawn."""
        return self.claims - len(self.marks)

    @property
    def href(self) -> str | None:
        """The source in the API."""
        return f"/v1/sources/{self.id}" if self.id else None


@dataclass(frozen=True)
class Link:
    """A line between two claims that contradict each other."""

    path: str
    title: str


@dataclass
class Voices:
    """The rows, the lines between them, and what was left out."""

    voices: list[Voice]
    links: list[Link]
    sources: int  # every source of the document's claims
    other_claims: int  # claims of the sources not drawn
    claims: int
    height: int
    width: int = WIDTH
    label_width: int = LABEL_WIDTH
    counts_x: int = LABEL_WIDTH + PER_LINE * STEP + 8
    legend: int = LEGEND

    @property
    def hidden_sources(self) -> int:
        """How many sources have no row."""
        return self.sources - len(self.voices)

    @property
    def marks(self) -> int:
        """How many marks are drawn."""
        return sum(len(voice.marks) for voice in self.voices)

    @property
    def key(self) -> list[Mark]:
        """A sample mark of each status, for the key above the rows."""
        return [
            Mark("", status, False, False, 8 + index * KEY_STEP, 12, status)
            for index, status in enumerate(CLAIM_STATUSES)
        ]

    @property
    def key_end(self) -> int:
        """Where the key's samples of contests begin."""
        return 8 + len(CLAIM_STATUSES) * KEY_STEP


def who_says_what(claims: dict[str, dict], muted: set[str]) -> Voices | None:
    """Lay out a document's claims (by id, in reading order) by source; None without claims."""
    if not claims:
        return None
    said: dict[str | None, list[dict]] = {}
    names: dict[str | None, tuple[str, str | None]] = {}
    for claim in claims.values():
        sources = claim["sourcing"]["sources"] or [{"id": None, "name": NO_SOURCE, "type": None}]
        for source in sources:
            said.setdefault(source["id"], []).append(claim)
            names[source["id"]] = (source["name"], source["type"])
    # Most claims first; equals in the order they first speak (dicts keep insertion order).
    ranked = sorted(said, key=lambda source: -len(said[source]))
    voices, y = [], LEGEND + LINE_HEIGHT / 2
    for source in ranked[:MAX_SOURCES]:
        name, kind = names[source]
        spoken = said[source]
        marks = [
            _mark(claim, index, y, claim["id"] in muted)
            for index, claim in enumerate(spoken[: PER_LINE * MAX_LINES])
        ]
        statuses = {status: 0 for status in CLAIM_STATUSES}
        for claim in spoken:
            status = claim["sourcing"]["status"]
            statuses[status] = statuses.get(status, 0) + 1
        contested = sum(1 for claim in spoken if claim["contested"])
        voices.append(
            Voice(source, name, kind, shorten(name, 28), y, marks, len(spoken), contested, statuses)
        )
        y += max(1, -(-len(marks) // PER_LINE)) * LINE_HEIGHT + ROW_GAP
    other_claims = len({c["id"] for s in ranked[MAX_SOURCES:] for c in said[s]})
    height = round(y - LINE_HEIGHT / 2)
    return Voices(voices, _links(voices, claims), len(said), other_claims, len(claims), height)


def _mark(claim: dict, index: int, top: float, muted: bool) -> Mark:
    """Place a source's index-th claim in its row."""
    line, column = divmod(index, PER_LINE)
    x = LABEL_WIDTH + column * STEP + STEP / 2
    status = claim["sourcing"]["status"]
    title = f"{status}{', contested' if claim['contested'] else ''}: {claim['proposition']}"
    return Mark(claim["id"], status, claim["contested"], muted, x, top + line * LINE_HEIGHT, title)


def _links(voices: list[Voice], claims: dict[str, dict]) -> list[Link]:
    """Draw a curve between the first marks of each pair of claims that contradict each other."""
    first: dict[str, Mark] = {}
    for voice in voices:
        for mark in voice.marks:
            first.setdefault(mark.claim_id, mark)
    links: list[Link] = []
    seen: set[frozenset[str]] = set()
    for claim_id, mark in first.items():
        for relation in claims[claim_id].get("relations", []):
            other = first.get(relation["claim_id"])
            pair = frozenset((claim_id, relation["claim_id"]))
            if relation["type"] != "contradicts" or other is None or "document_id" in relation:
                continue
            if pair in seen or len(links) >= MAX_LINKS:
                continue
            seen.add(pair)
            links.append(Link(_curve(mark, other), f"{claim_id} contradicts {other.claim_id}"))
    return links


def _curve(start: Mark, end: Mark) -> str:
    """A path bowing to one side of the straight line between two marks."""
    bow = 0.3  # of the line's length: near marks get a small arc, far ones a wide one
    x = round((start.x + end.x) / 2 + (end.y - start.y) * bow, 1)
    y = round((start.y + end.y) / 2 - (end.x - start.x) * bow, 1)
    return f"M{start.x},{start.y} Q{x},{y} {end.x},{end.y}"
