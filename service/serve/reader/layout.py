"""Lay out a paragraph's text as nested pieces: claims outside; entities, dates, links inside."""

import re
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

STATIC = Path(__file__).parent / "static"

# Values HTML's <time datetime> accepts: a year, month or day, or a duration.
HTML_DATETIME = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?|PT?\d+[HDWMY]")


@dataclass
class Piece:
    """A run of text with the annotations that cover all of it."""

    text: str
    entity: dict | None = None
    date: dict | None = None
    link: bool = False


@dataclass
class Block:
    """A run of pieces, inside one claim or outside any."""

    claim: dict | None
    pieces: list[Piece] = field(default_factory=list)


def layout(paragraph: dict, claims: dict[str, dict]) -> list[Block]:
    """Cut a paragraph at every annotation boundary so that its markup nests properly.

    Claims are the outer layer (a claim overlapping an earlier one is left unmarked);
    an entity, date or link crossing a claim's edge is split in two.
    """
    text = paragraph["text"]
    outer: list[dict] = []
    for brief in sorted(paragraph.get("claims", []), key=lambda c: (c["start"], -c["end"])):
        if not outer or brief["start"] >= outer[-1]["end"]:
            outer.append({**brief, **claims.get(brief["id"], {})})
    inner = [("entity", m) for m in paragraph.get("entities", [])]
    inner += [("date", d) for d in paragraph.get("dates", [])]
    inner += [("link", k) for k in paragraph.get("links", [])]
    cuts = {0, len(text)}
    for span in [*outer, *(s for _, s in inner)]:
        cuts.update((span["start"], span["end"]))
    blocks: list[Block] = []
    edges = sorted(c for c in cuts if 0 <= c <= len(text))
    for start, end in pairwise(edges):
        claim = next((c for c in outer if c["start"] <= start and end <= c["end"]), None)
        if not blocks or blocks[-1].claim is not claim:
            blocks.append(Block(claim))
        covering = {
            kind: span for kind, span in inner if span["start"] <= start and end <= span["end"]
        }
        blocks[-1].pieces.append(
            Piece(text[start:end], covering.get("entity"), covering.get("date"), "link" in covering)
        )
    return blocks


def contradicts(claim: dict) -> list[str]:
    """Return the ids of the claims of the same document a claim contradicts."""
    return [
        r["claim_id"]
        for r in claim.get("relations", [])
        if r["type"] == "contradicts" and "document_id" not in r
    ]


def html_datetime(value: str | None) -> str | None:
    """Return a TIMEX3 value when HTML's datetime attribute can carry it."""
    return value if value and HTML_DATETIME.fullmatch(value) else None
