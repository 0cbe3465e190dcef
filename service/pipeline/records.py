"""Typed records that flow through the build, from the text to the rows that store them.

Offsets are code points into a paragraph's served text unless a field says otherwise.
"""

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import NamedTuple


@dataclass
class Document:
    """One source text with its metadata, as read from disk."""

    id: str
    path: Path
    source: str
    sha256: str
    metadata: dict
    metadata_sha256: str | None


@dataclass(frozen=True, slots=True)
class Span:
    """Words of a paragraph: a link marker, a cue, a hedge."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Link:
    """Words of a paragraph the author linked, and the target when it is known."""

    start: int
    end: int
    text: str
    href: str | None = None  # None where a scrape kept the linked words but lost the target


@dataclass(slots=True)
class Paragraph:
    """One paragraph of a source text; offsets are code points into the source file."""

    ordinal: int
    start: int
    end: int
    text: str
    kind: str = "body"
    section: str | None = None
    links: list[Link] = field(default_factory=list)
    dateline: Span | None = None  # "MOSCOW, October 9. /TASS/." opening a wire report

    @property
    def served_text(self) -> str:
        """Return the text as served: NBSP replaced by spaces, same length."""
        return self.text.replace("\u00a0", " ")


class ParagraphInput(NamedTuple):
    """What the NLP reads of a paragraph: its text, its kind, its document and where the
    dateline it opens with ends (0 for none)."""

    text: str
    kind: str
    document_id: str
    dateline_end: int = 0


@dataclass(frozen=True, slots=True)
class Mention:
    """A mention of a canonical entity."""

    start: int
    end: int
    text: str
    label: str
    entity_id: str
    source: str  # "gazetteer" or "model"


@dataclass(frozen=True, slots=True)
class Attribution:
    """A reporting cue with the source it names and the sentence it reports."""

    cue: Span
    source: Span
    source_entities: tuple[str, ...]
    source_labels: tuple[str, ...]
    vague: bool
    content: Span | None = None  # what is reported, where the parse shows it
    source_name: str | None = None  # the named source it resolves to in its document
    source_label: str | None = None  # PERSON or ORG, for a named source
    dispute: bool = False  # a denial or a dispute of something said before
    disputed: Span | None = None  # what a dispute's verb takes on: "the tribunal judgement"
    main: bool = False  # the cue is its sentence's main verb: "While admitting ..., X insisted"


@dataclass(slots=True)
class Analysis:
    """What the NLP found in one paragraph."""

    mentions: list[Mention]
    date_spans: list[Span]
    sentences: list[tuple[int, int]]
    attributions: list[Attribution]
    # (start, end, tense) of each verb's clause: "past", "present", "future", "conditional"
    clauses: list[tuple[int, int, str]] = field(default_factory=list)
    hedges: list[Span] = field(default_factory=list)  # "allegedly", "reportedly", "may"
    # "Atiku has rejected the verdict": a dispute told as an act, in the text's own voice;
    # each span runs from the verb to the end of what it disputes
    disputing_acts: list[Span] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Relation:
    """A relation from one claim to another."""

    type: str  # contradicts | supports
    claim_id: str
    # Why, for a relation the machine found: its kind and evidence (as across documents);
    # a curated relation's reason is the curator's reading.
    reason: dict | None = field(default=None, compare=False, hash=False)


@dataclass(slots=True)
class Claim:
    """A claim anchored in a paragraph, with who says it and how firmly."""

    id: str
    document_id: str
    paragraph_id: str
    quote: str
    start: int
    end: int
    proposition: str
    kind: str
    status: str
    sources: list[str]
    cue: Span | None
    hedges: list[Span]
    link: bool
    relations: list[Relation]
    origin: str
    note: str | None = None
    link_url: str | None = None  # the target of the first link the quote overlaps
    contest_id: str | None = None
    fragment_url: str | None = None
    disputing: bool = False  # its words deny or dispute something said before
    disputed: str | None = None  # the words naming what it disputes: "the verdict"
    sentence: tuple[int, int] | None = None  # the sentence a machine claim was made of
    # The paragraph whose text the cue's offsets index, where it is not the claim's own: a
    # quotation's speaker named in an earlier paragraph.
    cue_paragraph: str | None = None

    @property
    def contested(self) -> bool:
        """Tell whether any claim contradicts this one."""
        return any(r.type == "contradicts" for r in self.relations)


@dataclass(frozen=True, slots=True)
class Side:
    """One side of a contest: its label and its claims' ids."""

    label: str
    claims: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Contest:
    """Claims of one document that answer a question differently."""

    id: str
    question: str
    sides: tuple[Side, ...]
    origin: str = "curated"


@dataclass(slots=True)
class Source:
    """Who claims things: curated in sources.yaml or found by the detector."""

    id: str
    name: str
    type: str
    entities: list[str] = field(default_factory=list)
    description: str | None = None
    curated: bool = True
    aliases: list[str] = field(default_factory=list)  # other words the text calls it by


@dataclass
class Expression:
    """One normalised temporal expression; offsets index its paragraph text."""

    paragraph: int
    start: int
    end: int
    text: str
    type: str
    value: str | None
    mod: str | None = None
    earliest: date | None = None
    latest: date | None = None
    anchor: int | str | None = None
    rule: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def day_precise(self) -> bool:
        """Tell whether this is a single day."""
        return self.type == "DATE" and self.earliest is not None and self.earliest == self.latest


@dataclass(slots=True)
class DateRecord:
    """A temporal expression placed in the corpus: its id, paragraph, anchor and sentence."""

    id: str
    paragraph_id: str
    expression: Expression
    anchor_id: str | None
    sentence: str


@dataclass(frozen=True, slots=True)
class Check:
    """A stated duration or offset checked against the dates the text gives."""

    id: str
    ordinal: int  # of the paragraph the check is read at
    kind: str
    expressions: tuple[str, ...]
    stated: str
    computed: str | None
    agrees: bool | None
    detail: str


@dataclass
class DocumentBuild:
    """One document on its way through the build: read, segmented, anchored, analysed."""

    doc: Document
    paragraphs: list[Paragraph]
    ids: list[str]
    retired_ids: list[str]
    analyses: list[Analysis] = field(default_factory=list)

    def release(self) -> None:
        """Drop what was written, so memory stays flat however large the corpus."""
        self.paragraphs, self.analyses = [], []
        self.doc.source = ""


@dataclass
class AssembledDocument:
    """Everything the build knows of one document, ready to become rows."""

    build: DocumentBuild
    dates: list[DateRecord]
    checks: list[Check]
    claims: list[Claim]  # in reading order
    contests: list[Contest]
    curated_claims: int
    quote_revisions: list = field(default_factory=list)  # curated quotes re-anchored

    @property
    def id(self) -> str:
        """Return the document's id."""
        return self.build.doc.id


def paragraph_input(paragraph: Paragraph, document_id: str) -> ParagraphInput:
    """Say what the NLP reads of a paragraph."""
    end = paragraph.dateline.end if paragraph.dateline else 0
    return ParagraphInput(paragraph.served_text, paragraph.kind, document_id, end)
