"""Curated claims: anchoring, validation of the annotation files, machine claims, merging."""

import re
import shutil
from dataclasses import replace

import pytest

from service import create_app
from service.pipeline.claims.curated import ParagraphText, load_claims
from service.pipeline.claims.machine import machine_claims, merge, symmetric
from service.pipeline.claims.sources import DocumentSources, SourceRegistry, load_sources
from service.pipeline.inputs import BuildError
from service.pipeline.records import Analysis, Attribution, Link, Relation, Source, Span
from tests.support.corpus import DOC_ID, ROOT, run_build

P1, P2 = "p-aaaaaaaaaaaa", "p-bbbbbbbbbbbb"
TEXT1 = "TASS officials report the opposite. Armenian sources say 25 posts were built."
TEXT2 = "Video of an outpost shows it vacant."
PARAGRAPHS = {
    P1: ParagraphText("doc", TEXT1, []),
    P2: ParagraphText("doc", TEXT2, [Link(0, 5, "Video")]),
}
SOURCES = SourceRegistry(
    [Source("tass", "TASS", "news_agency", ["tass"]), Source("author", "Author", "author")]
)
GOOD = f"""claims:
  - id: dismantled
    paragraph: {P1}
    quote: TASS officials report the opposite
    proposition: The posts were dismantled.
    kind: statement
    sourcing: {{status: attributed, sources: [tass], cue: report}}
    relations: [{{contradicts: built}}]
  - id: built
    paragraph: {P1}
    quote: 25 posts were built
    proposition: 25 posts were built.
    kind: quantity
    sourcing: {{status: vague, sources: [author], cue: say}}
  - id: video
    paragraph: {P2}
    quote: Video of an outpost shows it vacant
    proposition: A video shows a vacant outpost.
    kind: event
    sourcing: {{status: linked, sources: [author]}}
    relations: [{{supports: dismantled}}]
contests:
  - id: posts
    question: Added or dismantled?
    sides:
      - {{label: Dismantled, claims: [dismantled, video]}}
      - {{label: Built, claims: [built]}}
"""


def load(tmp_path, text, retired=()):
    path = tmp_path / "claims.yaml"
    path.write_text(text, encoding="utf-8")
    return load_claims(path, PARAGRAPHS, set(retired), SOURCES)


def test_good_file_anchors_quotes_cues_and_links(tmp_path):
    claims, contests = load(tmp_path, GOOD)
    by_id = {c.id: c for c in claims}
    assert TEXT1[by_id["built"].start : by_id["built"].end] == "25 posts were built"
    assert by_id["dismantled"].cue == Span(15, 21, "report")
    assert by_id["video"].link is True and by_id["dismantled"].link is False
    assert {c.contest_id for c in claims} == {"posts"} and contests[0].question
    symmetric(claims)
    assert Relation("contradicts", "dismantled") in by_id["built"].relations


@pytest.mark.parametrize(
    ("old", "new", "line_with", "reason"),
    [
        (
            "quote: 25 posts were built",
            "quote: 26 posts were built",
            "quote: 26",
            "quote not found in paragraph",
        ),
        ("quote: 25 posts were built", "quote: o", "quote: o", "quote occurs"),
        ("cue: say}", "cue: says loudly}", "says loudly", "cue 'says loudly' not in its paragraph"),
        ("[author], cue: say", "[nobody], cue: say", "nobody", "unknown source 'nobody'"),
        (
            "  - id: built",
            "  - id: dismantled",
            "- id: dismantled\n    paragraph: p-aaaaaaaaaaaa\n    quote: 25",
            "duplicate claim id 'dismantled'",
        ),
        ("{supports: dismantled}", "{supports: video}", "supports: video", "supports itself"),
        (
            "{contradicts: built}",
            "{contradicts: missing}",
            "contradicts: missing",
            "contradicts unknown claim 'missing'",
        ),
        ("kind: quantity", "kind: rumour", "kind: rumour", "claims item 2: kind: Must be one of"),
        (
            "status: linked",
            "status: hearsay",
            "status: hearsay",
            "claims item 3: sourcing: status: Must be one of",
        ),
        (
            "[{supports: dismantled}]",
            "[{endorses: dismantled}]",
            "endorses",
            "claims item 3: relations",
        ),
        (
            f"paragraph: {P2}",
            "paragraph: p-cccccccccccc",
            "p-cccccccccccc",
            "paragraph p-cccccccccccc is unknown",
        ),
        (
            "status: linked",
            "status: unsourced",
            "status: unsourced",
            "a link marker falls in the quote",
        ),
        (
            "status: attributed, sources: [tass], cue: report",
            "status: linked, sources: [tass]",
            "status: linked, sources: [tass]",
            "no link marker",
        ),
        (
            "status: attributed, sources: [tass], cue: report",
            "status: attributed, sources: [tass]",
            "status: attributed, sources: [tass]",
            "needs the cue",
        ),
        (
            "      - {label: Built, claims: [built]}\n",
            "",
            "sides:",
            "sides: Shorter than minimum length 2",
        ),
        (
            "claims: [dismantled, video]",
            "claims: [video]",
            "contradicts: built",
            "contradicts another but is in no contest",
        ),
        ("claims: [built]}", "claims: [built, dismantled]}", "- id: posts", "is on two sides"),
        (
            "    proposition: 25 posts were built.",
            "    proposition: [unclosed",
            "proposition: [unclosed",
            "while parsing",
        ),
    ],
)
def test_malformed_claims_fail_naming_file_line_and_reason(tmp_path, old, new, line_with, reason):
    assert old in GOOD
    text = GOOD.replace(old, new, 1)
    expected_line = text[: text.index(line_with)].count("\n") + 1
    with pytest.raises(BuildError, match=re.escape(reason)) as raised:
        load(tmp_path, text)
    assert raised.value.path == str(tmp_path / "claims.yaml")
    assert reason in raised.value.reason, raised.value.reason
    assert raised.value.line in (expected_line, expected_line + 1), (
        raised.value.line,
        expected_line,
    )


def test_claim_on_a_retired_paragraph_says_so(tmp_path):
    text = GOOD.replace(f"paragraph: {P2}", "paragraph: p-dddddddddddd")
    with pytest.raises(BuildError, match="p-dddddddddddd was retired"):
        load(tmp_path, text, retired={"p-dddddddddddd"})


def test_repeated_quote_is_placed_by_its_prefix(tmp_path):
    paragraphs = {P1: ParagraphText("doc", "He said no. She said no.", [])}
    text = f"""claims:
  - id: hers
    paragraph: {P1}
    quote: said no
    prefix: "She "
    proposition: She said no.
    kind: statement
    sourcing: {{status: unsourced, sources: [author]}}
"""
    path = tmp_path / "claims.yaml"
    path.write_text(text, encoding="utf-8")
    [claim], _ = load_claims(path, paragraphs, set(), SOURCES)
    assert claim.start == 16


@pytest.mark.parametrize(
    ("content", "line", "reason"),
    [
        ("sources:\n  - {id: a, name: A, type: blog}\n", 2, "sources item 1: type: Must be one of"),
        (
            "sources:\n  - {id: a, name: A, type: ngo}\n  - {id: a, name: B, type: ngo}\n",
            3,
            "duplicate source id 'a'",
        ),
        ("sources:\n  - {name: A, type: ngo}\n", 2, "sources item 1: id: Missing data"),
        # The API would answer 400 for such an id, so the build refuses it.
        (
            "sources:\n  - {id: 'tass agency!', name: A, type: ngo}\n",
            2,
            "sources item 1: id: not a lower-case slug",
        ),
    ],
)
def test_malformed_sources_fail_naming_file_line_and_reason(tmp_path, content, line, reason):
    (tmp_path / "sources.yaml").write_text(content, encoding="utf-8")
    with pytest.raises(BuildError, match=re.escape(reason)) as raised:
        load_sources(tmp_path)
    assert (raised.value.line, reason in raised.value.reason) == (line, True), raised.value.reason


def test_machine_claims_lose_to_curated_ones_on_the_same_span():
    attribution = Attribution(
        cue=Span(15, 21, "report"),
        source=Span(0, 14, "TASS officials"),
        source_entities=("tass",),
        source_labels=("ORG",),
        vague=False,
    )
    analysis = Analysis([], [], [(0, 35), (36, len(TEXT1))], [attribution])
    seen_by = DocumentSources(SOURCES, "doc", "Author")
    machine, _ = machine_claims(P1, PARAGRAPHS[P1], "body", analysis, seen_by)
    assert machine.origin == "machine" and machine.sources == ["tass"]
    assert machine.status == "attributed" and machine.id.startswith("m-")
    curated = [replace(machine, id="c", start=0, end=10, origin="curated")]
    assert merge(curated, [machine]) == curated
    elsewhere = [replace(machine, id="e", start=40, end=50, origin="curated")]
    assert merge(elsewhere, [machine]) == [*elsewhere, machine]


def test_claims_follow_an_edited_paragraph_or_fail_loudly(corpus, tmp_path):
    sources, annotations = corpus
    path = sources / f"{DOC_ID}.txt"
    text = path.read_text(encoding="utf-8")
    edited = text.replace("in the area and, according", "in the area and, crucially, according")
    path.write_text(edited, encoding="utf-8")
    run_build(sources, annotations, tmp_path / "claims.db")
    client = create_app({"DB": str(tmp_path / "claims.db")}).test_client()
    claim = client.get("/v1/claims/outposts-built").json
    paragraph = client.get(f"/v1/paragraphs/{claim['paragraph_id']}").json
    assert paragraph["text"][claim["start"] : claim["end"]] == claim["quote"]
    assert claim["start"] == 227 + len("crucially, ")

    path.write_text(
        text.replace("an additional 25 military posts", "an additional 52 military posts"),
        encoding="utf-8",
    )
    before = (tmp_path / "claims.db").read_bytes()
    with pytest.raises(
        BuildError, match=r"claims\.yaml:\d+: claim 'outposts-built': quote not found"
    ):
        run_build(sources, annotations, tmp_path / "claims.db")
    assert (tmp_path / "claims.db").read_bytes() == before


def test_a_document_without_claims_file_gets_machine_claims(tmp_path):
    root = tmp_path
    sources, annotations = root / "source_text", root / "annotations"
    sources.mkdir()
    shutil.copy(ROOT / "tests/data/second/harbour-bridge-repairs.txt", sources)
    shutil.copytree(ROOT / "annotations", annotations, ignore=shutil.ignore_patterns("whats-next*"))
    report = run_build(sources, annotations, root / "claims.db")
    assert report.claims == report.machine_claims >= 4
    client = create_app({"DB": str(root / "claims.db")}).test_client()
    claims = client.get("/v1/claims?limit=500").json["items"]
    body = client.get("/v1/paragraphs?kind=body&limit=500").json["items"]
    assert {p["id"] for p in body} <= {c["paragraph_id"] for c in claims}
    assert {c["origin"] for c in claims} == {"machine"}
