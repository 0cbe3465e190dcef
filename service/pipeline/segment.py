"""Split a source text into paragraphs with spans, kinds, sections and link markers."""

import re

from rapidfuzz import fuzz

from service.pipeline.records import Document, Link, Paragraph, Span

NBSP = "\u00a0"
PARAGRAPH = re.compile(r"\S[^\n]*(?:\n[^\n]*\S[^\n]*)*")
UP_TO_PUNCTUATION = re.compile(r"[^.,;:!?()\n" + NBSP + r"]*")
# An unclosed marker is trusted only this far: past it the closing NBSP was lost
# and the extent of the original link can no longer be told.
MAX_UNCLOSED_WORDS = 3
MAX_PAIRED_WORDS = 8
SENTENCE_END = ".!?:;"
QUOTES = {"“": "”", '"': '"', "‘": "’"}
# "MOSCOW, October 9. /TASS/. ", "KYIV, MARCH 3 (Wire) - ", "GENEVA, 14 May 2024 - ":
# a place in capitals, a date, perhaps the agency, then the report.
# A wire report's dateline: a place in capitals, then a date, an agency or a dash, in the
# shapes wires use: "LONDON, March 3 (Reuters) -", "SPRINGFIELD, Ill. (AP) —",
# "TBILISI, MAY 2, AGENDA.GE", "ANKARA (AA) –", "GENEVA, June 1. /TASS/.", "CHICAGO --",
# "KARACHI:", "JOHANNESBURG -".
DATELINE_DATE = r"(?:[A-Z][A-Za-z]+\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]+)(?:,?\s+\d{4})?"
DATELINE = re.compile(
    # A place in capitals; or in title case, when a date follows it ("Nairobi, Oct 4:").
    rf"(?P<place>[A-Z][A-Z'.\-]+(?:\s[A-Z][A-Z'.\-]+){{0,3}}|[A-Z][a-z]+(?:\s[A-Z][a-z]+)?(?=,\s*{DATELINE_DATE}))"
    rf"(?:,\s*(?!{DATELINE_DATE})[A-Z][A-Za-z'.\-]+(?:\s[A-Z][A-Za-z'.\-]+){{0,2}})?"
    rf"(?P<date>,\s*{DATELINE_DATE})?\.?"
    r"\s*(?P<agency>\([^)\n]{1,40}\)|/[^/\n]{1,40}/\.?|,\s*[A-Z][A-Z0-9]+\.[A-Z]{2,4}\.?)?"
    r"\s*(?P<dash>[-–—]{1,2}|:)?(?=\s)"
)
# A paragraph that is only a date under the headline: "14.05.2022", "May 3, 2022".
DATE_LINE = re.compile(
    r"(?:(?:updated|published|posted)\s*:?\s*)?(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|"
    rf"{DATELINE_DATE}|\d{{1,2}}\s+[A-Z][a-z]+\s+\d{{4}})(?:,?\s+\d{{1,2}}:\d{{2}}(?:\s*[AaPp]\.?[Mm]\.?)?)?",
    re.IGNORECASE,
)
TITLE_SIMILARITY = 85.0
# "By Mihai Petrescu", "By  |  " (a byline the scrape emptied), not "By the end of May, ...".
BYLINE = re.compile(r"By\b[\s|,]*(?:(?-i:[A-Z])[\w.'’-]*[\s|,]*){0,6}(?:[|,].{0,60})?")
STANDFIRST_WORDS = 40


def split_paragraphs(source: str) -> list[Paragraph]:
    """Split on blank lines, trimming each paragraph and keeping its span."""
    paragraphs: list[Paragraph] = []
    for match in PARAGRAPH.finditer(source):
        raw = match.group()
        lead = len(raw) - len(raw.lstrip())
        text = raw.strip()
        start = match.start() + lead
        paragraphs.append(Paragraph(len(paragraphs), start, start + len(text), text))
    return paragraphs


def find_links(text: str) -> list[Link]:
    """Find the words the scrape wrapped in NBSPs: the original hyperlinks."""
    marks = [i for i, char in enumerate(text) if char == NBSP]
    links, taken = [], set()
    for index, mark in enumerate(marks):
        if mark in taken:
            continue
        start = mark + 1
        following = marks[index + 1] if index + 1 < len(marks) else None
        end = _quoted_end(text, start)
        if end is None and following is not None and _plausible(text[start:following]):
            end = following
            taken.add(following)
        if end is None:
            end = _unclosed_end(text, start)
        if end is not None and any(char.isalnum() for char in text[start:end]):
            links.append(Link(start, end, text[start:end]))
    return links


def _quoted_end(text: str, start: int) -> int | None:
    """Return the end of a quoted phrase opening at start, if one does."""
    closer = QUOTES.get(text[start : start + 1])
    if closer is None:
        return None
    close = text.find(closer, start + 1)
    return close + 1 if close != -1 else None


def _plausible(segment: str) -> bool:
    """Tell whether the words between two markers can be one link."""
    words = segment.split()
    return 0 < len(words) <= MAX_PAIRED_WORDS and not any(c in SENTENCE_END for c in segment)


def _unclosed_end(text: str, start: int) -> int | None:
    """Return where a marker with no partner ends: at the next punctuation, if near."""
    match = UP_TO_PUNCTUATION.match(text, start)
    if match is None:
        return None
    segment = text[start : match.end()].rstrip()
    if 0 < len(segment.split()) <= MAX_UNCLOSED_WORDS:
        return start + len(segment)
    return None


def classify(
    paragraphs: list[Paragraph], overrides: dict[str, str] | None = None, title: str | None = None
) -> None:
    """Set each paragraph's kind and section from its shape and place, then overrides.

    With a title in the metadata, only a paragraph that reads as that title is one: a
    text that opens with its report has no title paragraph.
    """
    section, previous, in_bio = None, None, False
    for paragraph in paragraphs:
        text = paragraph.served_text.strip()
        kind = _override(text, overrides or {}) or _guess_kind(
            paragraph, text, previous, in_bio, title
        )
        if kind == "heading":
            section = text
            in_bio = text.lower().startswith("about the author")
        paragraph.kind = kind
        paragraph.section = section if kind in ("heading", "body", "author_bio") else None
        previous = kind


def _guess_kind(paragraph: Paragraph, text: str, previous, in_bio: bool, title) -> str:
    """Guess a paragraph's kind from its text, the kind before it and the metadata title."""
    front = previous in (None, "breadcrumb", "title", "standfirst", "byline")
    if paragraph.ordinal == 0 and text.lower().startswith("you are here"):
        return "breadcrumb"
    first = previous in (None, "breadcrumb")
    if first and (_same_title(text, title) if title else _looks_like_title(text)):
        return "title"
    if front and (BYLINE.fullmatch(text) or DATE_LINE.fullmatch(text)):
        return "byline"  # a name or a date line: who wrote it and when, no claim
    if _looks_like_heading(text):
        return "heading"
    if in_bio:
        return "author_bio"
    if previous == "title" and _reads_as_standfirst(text):
        return "standfirst"
    return "body"


def _looks_like_title(text: str) -> bool:
    """Tell a title from a report's first paragraph: one short line, no full stop."""
    return "\n" not in text and len(text.split()) <= 15 and text[-1:] not in ".,;:"


def _reads_as_standfirst(text: str) -> bool:
    """Tell a standfirst (a sentence or two under the title) from the report's first
    paragraph, which runs longer or opens with a dateline."""
    sentences = len(re.findall(r"[.!?](?:\s|$)", text))
    return len(text.split()) <= STANDFIRST_WORDS and sentences <= 2 and not find_dateline(text)


def _same_title(text: str, title: str) -> bool:
    """Tell whether a paragraph reads as the metadata's title."""
    return fuzz.ratio(" ".join(text.lower().split()), " ".join(title.lower().split())) >= (
        TITLE_SIMILARITY
    )


def find_dateline(text: str) -> Span | None:
    """Find the dateline a wire report opens with, if any: a capitalised place with a date,
    an agency or a dash after it, then the report ("NATO leaders said" has none)."""
    match = DATELINE.match(text)
    if match is None or not (match["date"] or match["agency"] or match["dash"]):
        return None
    if not match["place"].isupper() and not (match["agency"] or match["dash"]):
        return None  # "Smith, March 3 was...": a title-case place needs its dash or agency
    if not text[match.end() :].strip():
        return None
    return Span(0, match.end(), text[: match.end()])


def _override(text: str, overrides: dict[str, str]) -> str | None:
    """Return the kind the metadata forces on a paragraph starting with a given text."""
    for prefix, kind in overrides.items():
        if text.startswith(prefix):
            return kind
    return None


def _looks_like_heading(text: str) -> bool:
    """Tell a heading: one short line with no closing punctuation."""
    return "\n" not in text and len(text.split()) <= 10 and text[-1:] not in '.!?,;:"”'


def segment(
    source: str, overrides: dict[str, str] | None = None, title: str | None = None
) -> list[Paragraph]:
    """Split, classify and find links and datelines in one source text."""
    paragraphs = split_paragraphs(source)
    classify(paragraphs, overrides, title)
    for paragraph in paragraphs:
        if paragraph.kind not in ("breadcrumb", "byline"):
            paragraph.links = find_links(paragraph.text)
        if paragraph.kind == "body":
            paragraph.dateline = find_dateline(paragraph.served_text)
    return paragraphs


def segment_document(doc: Document) -> list[Paragraph]:
    """Segment a document as its metadata says: kind overrides, title and links."""
    paragraphs = segment(doc.source, doc.metadata["kind_overrides"], doc.metadata.get("title"))
    for link in doc.metadata.get("links", []):
        for paragraph in paragraphs:
            if paragraph.start <= link["start"] and link["end"] <= paragraph.end:
                start, end = link["start"] - paragraph.start, link["end"] - paragraph.start
                paragraph.links.append(Link(start, end, paragraph.text[start:end], link["href"]))
    for paragraph in paragraphs:
        paragraph.links.sort(key=lambda link: (link.start, link.end))
    return paragraphs
