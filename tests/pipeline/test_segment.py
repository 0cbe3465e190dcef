"""Paragraph splitting, kinds, sections and link markers."""

import hashlib

import pytest

from service.pipeline.segment import NBSP, find_links, segment, split_paragraphs
from tests.support.corpus import DOC_ID, ROOT

SOURCE_PATH = ROOT / "source_text" / f"{DOC_ID}.txt"
SEED_SHA256 = "c0adefc55c1a00db3dd83747e437c18aa0c8c191ad84653b4149c288d98e7526"


@pytest.fixture(scope="module")
def source() -> str:
    return SOURCE_PATH.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def paragraphs(source):
    return segment(source)


def test_source_is_byte_identical_to_the_seed():
    assert hashlib.sha256(SOURCE_PATH.read_bytes()).hexdigest() == SEED_SHA256


def test_each_paragraph_span_is_its_text_in_the_source(source, paragraphs):
    assert len(paragraphs) == 45
    for paragraph in paragraphs:
        assert source[paragraph.start : paragraph.end] == paragraph.text
        assert paragraph.text == paragraph.text.strip()


def test_served_text_replaces_nbsp_and_keeps_length(paragraphs):
    for paragraph in paragraphs:
        assert NBSP not in paragraph.served_text
        assert len(paragraph.served_text) == len(paragraph.text)


def test_kinds_follow_the_shape_of_the_article(paragraphs):
    kinds = [p.kind for p in paragraphs]
    assert kinds[:5] == ["breadcrumb", "title", "standfirst", "byline", "body"]
    headings = [p.served_text for p in paragraphs if p.kind == "heading"]
    assert headings == [
        "Situation to the Present",
        "Azerbaijan in Control",
        "Russian Troops in Limbo",
        "The Future of Moscows Role in Question",
        "Concluding Thoughts",
        "About the Author",
    ]
    assert [p.ordinal for p in paragraphs if p.kind == "author_bio"] == [43, 44]
    assert kinds.count("body") == 33


def test_sections_name_the_heading_above(paragraphs):
    by_start = {p.served_text[:30]: p.section for p in paragraphs}
    assert by_start["When the tripartite deal was s"] is None
    assert by_start["Azerbaijan has already begun q"] == "Russian Troops in Limbo"
    assert by_start["Russian Troops in Limbo"] == "Russian Troops in Limbo"
    assert paragraphs[1].section is None


def test_link_markers_become_links(paragraphs):
    links = [link.text for p in paragraphs for link in p.links]
    assert len(links) == 38
    assert links[:3] == ["tripartite deal", "Lachin Corridor", "petitioned"]
    assert {"“Western Zangezur Corridor”", "“liberation”", "“remain outside”", "here"} <= set(links)
    for paragraph in paragraphs:
        for link in paragraph.links:
            assert paragraph.served_text[link.start : link.end] == link.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the\u00a0tripartite deal\u00a0was signed", ["tripartite deal"]),
        ("the\u00a0Lachin Corridor.", ["Lachin Corridor"]),
        ("a\u00a0“Western Zangezur Corridor”, and", ["“Western Zangezur Corridor”"]),
        (
            "gone on\u00a0record\u00a0to say, or\u00a0“remain outside” of",
            ["record", "“remain outside”"],
        ),
        ("member states.\u00a0", []),
        ("By \u00a0|\u00a0 ", []),
        ("the in-between\u00a0for peace and a possible invasion into territory, means", []),
    ],
)
def test_find_links_reads_the_scrape_conventions(text, expected):
    assert [link.text for link in find_links(text)] == expected


def test_blank_lines_of_any_length_split_paragraphs():
    parts = split_paragraphs("One.\n\n\n\nTwo\nstill two.\n   \nThree.")
    assert [p.text for p in parts] == ["One.", "Two\nstill two.", "Three."]
    assert [p.start for p in parts] == [0, 8, 27]


def test_kind_overrides_win_over_guesses():
    parts = segment("Title\n\nShort line\n\nBody text here.", {"Short line": "body"})
    assert [p.kind for p in parts] == ["title", "body", "body"]
