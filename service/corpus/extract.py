"""Pull an article's main text, links and metadata out of an HTML page with trafilatura."""

import re
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import trafilatura
from lxml import etree

from service.corpus.clean import clean_text
from service.pipeline.records import Link

# Elements of trafilatura's XML that hold a paragraph's words.
BLOCKS = {"p", "head", "item", "quote", "code"}
SPACE = re.compile(r"\s+")


@dataclass
class Article:
    """What an HTML page yields: plain text, its links and the metadata found."""

    text: str
    links: list[Link] = field(default_factory=list)  # offsets into the whole text
    title: str | None = None
    author: str | None = None
    publisher: str | None = None
    url: str | None = None
    published: str | None = None
    removed: Counter[str] = field(default_factory=Counter)  # characters taken out, counted


def extract_article(html: bytes, url: str | None = None) -> Article | None:
    """Extract the main text with its hyperlinks; None when the page has no article."""
    xml = trafilatura.extract(
        html,
        url=url,
        output_format="xml",
        with_metadata=True,
        include_links=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        favor_precision=True,
    )
    if not xml:
        return None
    xml, removed = clean_text(xml)  # before the offsets of links are taken
    root = etree.fromstring(xml.encode("utf-8"))
    canonical = root.get("url") or url
    paragraphs = [_paragraph(block, canonical) for block in _blocks(root.find("main"))]
    paragraphs = [(text, links) for text, links in paragraphs if text]
    title = _clean(root.get("title"))
    if title and (not paragraphs or paragraphs[0][0] != title):
        paragraphs.insert(0, (title, []))  # the text opens with its title, as printed
    found, offset = [], 0  # links placed in the text the paragraphs make, joined by a blank line
    for text, links in paragraphs:
        found += [Link(offset + s, offset + e, text[s:e], href) for s, e, href in links]
        offset += len(text) + 2
    if not any(len(text.split()) > 3 for text, _ in paragraphs):
        return None
    return Article(
        "\n\n".join(text for text, _ in paragraphs) + "\n",
        found,
        title,
        author=_clean(root.get("author")),
        publisher=_clean(root.get("sitename")),
        url=canonical,
        published=root.get("date"),
        removed=removed,
    )


def _blocks(main):
    """Yield the innermost blocks of the main text in reading order."""
    if main is None:
        return
    for element in main.iter():
        if element.tag in BLOCKS and not any(e.tag in BLOCKS for e in element.iterdescendants()):
            yield element


def _paragraph(block, base: str | None) -> tuple[str, list[tuple[int, int, str]]]:
    """Flatten one block to text with single spaces, and the offsets of its links."""
    pieces: list[tuple[str, str | None]] = []

    def walk(element, href: str | None) -> None:
        """Collect text in order, remembering which pieces sit inside a link."""
        if element.tag == "ref" and element.get("target"):
            href = urljoin(base or "", element.get("target"))
            if urlsplit(href).scheme not in ("http", "https"):
                href = None  # mailto:, javascript:, or relative with no page URL to resolve
        if element.tag == "lb":
            pieces.append((" ", href))
        pieces.append((element.text or "", href))
        for child in element:
            walk(child, href)
            pieces.append((child.tail or "", href))

    walk(block, None)
    text = ""
    links: list[tuple[int, int, str]] = []
    for piece, href in pieces:
        piece = SPACE.sub(" ", piece)
        if piece.startswith(" ") and (not text or text.endswith(" ")):
            piece = piece[1:]
        if href and piece.strip():
            start = len(text) + len(piece) - len(piece.lstrip())
            end = len(text) + len(piece.rstrip())
            if links and links[-1][2] == href and links[-1][1] >= start - 1:
                start = links.pop()[0]  # one link split by formatting inside it
            links.append((start, end, href))
        text += piece
    stripped = text.rstrip()
    return stripped, [(s, min(e, len(stripped)), h) for s, e, h in links if s < len(stripped)]


def _clean(value: str | None) -> str | None:
    """Trim a metadata value; an empty one is no value."""
    value = SPACE.sub(" ", value or "").strip()
    return value or None
