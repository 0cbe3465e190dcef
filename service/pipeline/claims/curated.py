"""Curated claims: read claims.yaml, anchor each quote in its paragraph, check its sourcing."""

import re
from dataclasses import dataclass, field
from pathlib import Path

from marshmallow import Schema, ValidationError, fields, validate, validates_schema
from rapidfuzz import fuzz

from service.pipeline.claims.sources import SourceRegistry
from service.pipeline.inputs import BuildError, item_line, load_with, parse_yaml
from service.pipeline.records import Claim, Contest, Link, Relation, Side, Span
from service.vocab import CLAIM_ID, CLAIM_KINDS, CLAIM_STATUSES, CONTEST_ID, PARAGRAPH_ID

CLAIMS_FILE = "claims.yaml"
# A quote the source no longer holds word for word is re-anchored to the passage most
# like it, if that passage scores this much (rapidfuzz ratio, 0-100) and no other
# passage of the paragraph does: a typo fix or a changed word scores in the 90s.
QUOTE_SIMILARITY = 90.0
# How far, in characters, the ends of a fuzzy match are moved to fit the quote best.
QUOTE_SLACK = 6
FIGURES = re.compile(r"\d+(?:[.,]\d+)*")


class SourcingEntrySchema(Schema):
    """Who says a claim, with which words, how firmly."""

    status = fields.String(required=True, validate=validate.OneOf(CLAIM_STATUSES))
    sources = fields.List(fields.String(), required=True, validate=validate.Length(min=1))
    cue = fields.String(load_default=None, validate=validate.Length(min=1))
    hedges = fields.List(fields.String(validate=validate.Length(min=1)), load_default=list)


class RelationEntrySchema(Schema):
    """One relation, written as `{contradicts: id}` or `{supports: id}`."""

    contradicts = fields.String()
    supports = fields.String()

    @validates_schema
    def one_relation(self, data, **kwargs):
        """Refuse an entry that names no relation, or two."""
        if len(data) != 1:
            raise ValidationError("give exactly one of contradicts, supports")


class ClaimEntrySchema(Schema):
    """One curated claim."""

    id = fields.String(
        required=True, validate=validate.Regexp(CLAIM_ID, error="not a lower-case slug")
    )
    paragraph = fields.String(required=True, validate=validate.Regexp(PARAGRAPH_ID))
    quote = fields.String(required=True, validate=validate.Length(min=1))
    prefix = fields.String(load_default="")
    suffix = fields.String(load_default="")
    proposition = fields.String(required=True, validate=validate.Length(min=1))
    kind = fields.String(required=True, validate=validate.OneOf(CLAIM_KINDS))
    sourcing = fields.Nested(SourcingEntrySchema, required=True)
    relations = fields.List(fields.Nested(RelationEntrySchema), load_default=list)
    note = fields.String(load_default=None)


class SideEntrySchema(Schema):
    """One side of a contest."""

    label = fields.String(required=True, validate=validate.Length(min=1))
    claims = fields.List(fields.String(), required=True, validate=validate.Length(min=1))


class ContestEntrySchema(Schema):
    """Claims that contradict each other, grouped into sides, with the question at stake."""

    id = fields.String(
        required=True, validate=validate.Regexp(CONTEST_ID, error="not a lower-case slug")
    )
    question = fields.String(required=True, validate=validate.Length(min=1))
    sides = fields.List(
        fields.Nested(SideEntrySchema), required=True, validate=validate.Length(min=2)
    )


class ClaimsFileSchema(Schema):
    """A document's claims file."""

    claims = fields.List(fields.Nested(ClaimEntrySchema), required=True)
    contests = fields.List(fields.Nested(ContestEntrySchema), load_default=list)


@dataclass
class ParagraphText:
    """What claims are anchored to: a paragraph's served text and link markers."""

    document_id: str
    text: str
    links: list[Link]
    section: str | None = None
    dateline: Span | None = None


@dataclass(frozen=True)
class QuoteRevision:
    """A curated quote the source no longer holds word for word, and where it now anchors."""

    claim_id: str
    path: Path
    line: int | None
    written: str
    found: str
    similarity: float
    context: tuple[tuple[str, str], ...] = ()  # new prefix/suffix, where the claim gives one

    def warning(self) -> str:
        """Describe the revision for the build's output."""
        return (
            f"{self.path}:{self.line}: claim '{self.claim_id}': quote re-anchored to "
            f"{self.found!r} ({self.similarity:.0f}% like the quote written); "
            "run `claims build --update-quotes` to write it"
        )


@dataclass
class CuratedFile:
    """Where a claims file is and how to find the line of any of its items."""

    path: Path
    node: object
    revisions: list[QuoteRevision] = field(default_factory=list)

    def line(self, key: str, index: int, field: str | None = None) -> int | None:
        """Return the line of an item, or of one of its fields."""
        return item_line(self.node, key, index, field)

    def fail(self, line: int | None, reason: str) -> BuildError:
        """Make the error that stops the build at this file and line."""
        return BuildError(self.path, line, reason)


def load_claims(
    path: Path,
    paragraphs: dict[str, ParagraphText],
    retired: set[str],
    sources: SourceRegistry,
    revisions: list[QuoteRevision] | None = None,
) -> tuple[list[Claim], list[Contest]]:
    """Read, check and anchor one document's claims; return them and its contests.

    Quotes that had to be re-anchored by similarity are added to revisions.
    """
    node, data = parse_yaml(path)
    loaded = load_with(ClaimsFileSchema(), path, node, data)
    file = CuratedFile(path, node, revisions if revisions is not None else [])
    claims: dict[str, Claim] = {}
    for index, entry in enumerate(loaded["claims"]):
        if entry["id"] in claims:
            raise file.fail(file.line("claims", index, "id"), f"duplicate claim id '{entry['id']}'")
        claims[entry["id"]] = _anchor(file, index, entry, paragraphs, retired, sources)
    lines = {e["id"]: file.line("claims", i, "relations") for i, e in enumerate(loaded["claims"])}
    for claim in claims.values():
        _check_relations(file, lines[claim.id], claim, claims)
    contests = _contests(file, loaded["contests"], claims, lines)
    return list(claims.values()), contests


def _anchor(file: CuratedFile, index: int, entry: dict, paragraphs, retired, sources) -> Claim:
    """Locate a claim's quote, cue and hedges in its paragraph and check its sourcing."""
    claim_id, paragraph_id = entry["id"], entry["paragraph"]
    at = lambda field: file.line("claims", index, field)  # noqa: E731
    paragraph = paragraphs.get(paragraph_id)
    if paragraph is None:
        why = "was retired (its text left the source)" if paragraph_id in retired else "is unknown"
        raise file.fail(at("paragraph"), f"claim '{claim_id}': paragraph {paragraph_id} {why}")
    start, end = _find_quote(file, at("quote"), entry, paragraph.text)
    sourcing, line = entry["sourcing"], at("sourcing")
    for source in sourcing["sources"]:
        if source not in sources:
            raise file.fail(line, f"claim '{claim_id}': unknown source '{source}'")
    cue = near(paragraph.text, sourcing["cue"], start, end) if sourcing["cue"] else None
    if sourcing["cue"] and cue is None:
        raise file.fail(line, f"claim '{claim_id}': cue '{sourcing['cue']}' not in its paragraph")
    hedges = []
    for hedge in sourcing["hedges"]:
        found = near(paragraph.text, hedge, start, end)
        if found is None:
            raise file.fail(line, f"claim '{claim_id}': hedge '{hedge}' not in its paragraph")
        hedges.append(found)
    link = linked(paragraph.links, start, end)
    _check_status(file, line, claim_id, sourcing, link is not None)
    return Claim(
        id=claim_id,
        document_id=paragraph.document_id,
        paragraph_id=paragraph_id,
        quote=paragraph.text[start:end],
        start=start,
        end=end,
        proposition=entry["proposition"],
        kind=entry["kind"],
        status=sourcing["status"],
        sources=sourcing["sources"],
        cue=cue,
        hedges=hedges,
        link=link is not None,
        link_url=link.href if link else None,
        relations=[Relation(k, target) for r in entry["relations"] for k, target in r.items()],
        origin="curated",
        note=entry["note"],
    )


def _find_quote(file: CuratedFile, line, entry, text: str) -> tuple[int, int]:
    """Return where the quote stands in the paragraph, using prefix/suffix when it repeats."""
    quote, prefix, suffix, claim_id = entry["quote"], entry["prefix"], entry["suffix"], entry["id"]
    starts = [m.start() for m in re.finditer(re.escape(quote), text)]
    if not starts:
        return _reanchor(file, line, entry, text)
    fitting = [
        s
        for s in starts
        if text[max(0, s - len(prefix)) : s] == prefix
        and text[s + len(quote) : s + len(quote) + len(suffix)] == suffix
    ]
    if len(starts) > 1 and not (prefix or suffix):
        raise file.fail(
            line, f"claim '{claim_id}': quote occurs {len(starts)} times; add prefix or suffix"
        )
    if len(fitting) != 1:
        raise file.fail(
            line, f"claim '{claim_id}': prefix/suffix match {len(fitting)} places, not one"
        )
    return fitting[0], fitting[0] + len(quote)


def _reanchor(file: CuratedFile, line, entry, text: str) -> tuple[int, int]:
    """Anchor a quote the text no longer holds exactly to its one closest passage."""
    quote, claim_id = entry["quote"], entry["id"]
    start, end, score = closest_passage(quote, text)
    if score < QUOTE_SIMILARITY:
        raise file.fail(
            line,
            f"claim '{claim_id}': quote not found in paragraph {entry['paragraph']} "
            f"(the closest passage is {score:.0f}% alike; {QUOTE_SIMILARITY:.0f}% re-anchors)",
        )
    if FIGURES.findall(quote) != FIGURES.findall(text[start:end]):
        # "25 posts" and "26 posts" are alike as strings and different as claims.
        raise file.fail(
            line,
            f"claim '{claim_id}': quote not found in paragraph {entry['paragraph']} "
            f"(the closest passage, {text[start:end]!r}, gives other figures)",
        )
    masked = text[:start] + "\x00" * (end - start) + text[end:]
    if closest_passage(quote, masked)[2] >= QUOTE_SIMILARITY:
        raise file.fail(
            line,
            f"claim '{claim_id}': quote not found in paragraph {entry['paragraph']}, and "
            "several passages are alike enough to re-anchor it; update the quote",
        )
    found = text[start:end]
    context = tuple(
        (
            key,
            text[max(0, start - len(entry[key])) : start]
            if key == "prefix"
            else text[end : end + len(entry[key])],
        )
        for key in ("prefix", "suffix")
        if entry[key]
    )
    file.revisions.append(QuoteRevision(claim_id, file.path, line, quote, found, score, context))
    return start, end


def closest_passage(quote: str, text: str) -> tuple[int, int, float]:
    """Find the passage of text most like the quote: its start, end and similarity."""
    aligned = fuzz.partial_ratio_alignment(quote, text)
    if aligned is None:
        return 0, 0, 0.0
    start, end = aligned.dest_start, aligned.dest_end
    best = (start, end, fuzz.ratio(quote, text[start:end]))
    # partial_ratio fits a window of the quote's length; an edit that added or removed
    # characters needs the ends moved a little.
    for start in range(max(0, best[0] - QUOTE_SLACK), best[0] + QUOTE_SLACK + 1):
        last = min(len(text), best[1] + QUOTE_SLACK)
        for end in range(max(start + 1, best[1] - QUOTE_SLACK), last + 1):
            score = fuzz.ratio(quote, text[start:end])
            if score > best[2]:
                best = (start, end, score)
    start, end = _whole_words(text, best[0], best[1])
    return start, end, fuzz.ratio(quote, text[start:end])


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a passage to whole words and trim the spaces at its ends."""
    while 0 < start < len(text) and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while 0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def near(text: str, words: str, start: int, end: int) -> Span | None:
    """Find words inside [start, end), else their occurrence nearest to it."""
    places = [m.start() for m in re.finditer(re.escape(words), text)]
    if not places:
        return None
    inside = [p for p in places if start <= p and p + len(words) <= end]
    best = inside[0] if inside else min(places, key=lambda p: min(abs(p - start), abs(p - end)))
    return Span(best, best + len(words), words)


def _check_status(file: CuratedFile, line, claim_id: str, sourcing: dict, link: bool) -> None:
    """Hold each status to what the words on the page can show."""
    status = sourcing["status"]
    if status in ("attributed", "vague") and not sourcing["cue"]:
        raise file.fail(
            line, f"claim '{claim_id}': status {status} needs the cue that attributes it"
        )
    if status == "linked" and not link:
        raise file.fail(
            line, f"claim '{claim_id}': status linked, but no link marker falls in the quote"
        )
    if status == "unsourced" and link:
        raise file.fail(
            line, f"claim '{claim_id}': a link marker falls in the quote; the status is linked"
        )


def _check_relations(file: CuratedFile, line, claim: Claim, claims: dict) -> None:
    """Check that relations name other, existing claims."""
    for relation in claim.relations:
        if relation.claim_id == claim.id:
            raise file.fail(line, f"claim '{claim.id}': {relation.type} itself")
        if relation.claim_id not in claims:
            raise file.fail(
                line, f"claim '{claim.id}': {relation.type} unknown claim '{relation.claim_id}'"
            )


def _contests(file: CuratedFile, entries: list[dict], claims: dict, lines: dict) -> list[Contest]:
    """Check the contests against the relations and mark their claims."""
    side_of: dict[str, tuple[str, int]] = {}
    contests: list[Contest] = []
    for index, entry in enumerate(entries):
        line, contest_id = file.line("contests", index), entry["id"]
        if any(c.id == contest_id for c in contests):
            raise file.fail(line, f"duplicate contest id '{contest_id}'")
        for number, side in enumerate(entry["sides"]):
            for claim_id in side["claims"]:
                if claim_id not in claims:
                    raise file.fail(line, f"contest '{contest_id}': unknown claim '{claim_id}'")
                if claim_id in side_of:
                    raise file.fail(
                        line, f"contest '{contest_id}': claim '{claim_id}' is on two sides"
                    )
                side_of[claim_id] = (contest_id, number)
                claims[claim_id].contest_id = contest_id
        sides = tuple(Side(s["label"], tuple(s["claims"])) for s in entry["sides"])
        contests.append(Contest(contest_id, entry["question"], sides))
    for claim in claims.values():
        for relation in claim.relations:
            _check_contest_relation(file, lines[claim.id], claim, relation, side_of)
    return contests


def _check_contest_relation(file: CuratedFile, line, claim, relation, side_of) -> None:
    """Contradictions run between sides of one contest; support stays on one side."""
    mine, theirs = side_of.get(claim.id), side_of.get(relation.claim_id)
    if relation.type == "contradicts":
        if mine is None or theirs is None:
            lonely = claim.id if mine is None else relation.claim_id
            raise file.fail(line, f"claim '{lonely}' contradicts another but is in no contest")
        if mine[0] != theirs[0] or mine[1] == theirs[1]:
            raise file.fail(
                line,
                f"claims '{claim.id}' and '{relation.claim_id}' contradict each other: "
                "put them on opposite sides of one contest",
            )
    elif mine and theirs and mine[0] == theirs[0] and mine[1] != theirs[1]:
        raise file.fail(
            line, f"claim '{claim.id}' supports '{relation.claim_id}' across contest '{mine[0]}'"
        )


def linked(links: list[Link], start: int, end: int) -> Link | None:
    """Return the first link that falls in [start, end), if any: it makes a claim linked."""
    return next((m for m in links if m.start < end and start < m.end), None)
