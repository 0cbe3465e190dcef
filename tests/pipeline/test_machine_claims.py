"""Machine claims on any text: attribution patterns, pronouns and descriptions, disputes,
kinds, what is not a claim, and sources kept within their document."""

import shutil

import pytest

from service import create_app
from service.pipeline.claims.curated import ParagraphText
from service.pipeline.claims.disputes import machine_contests
from service.pipeline.claims.machine import machine_claims
from service.pipeline.claims.sources import DocumentSources, SourceRegistry
from service.pipeline.nlp.pipeline import analyse
from service.pipeline.records import ParagraphInput
from service.pipeline.segment import segment
from tests.support.corpus import ROOT, run_build


def claims_of(nlp, text: str, author: str | None = "Ann Author"):
    """Run the pipeline over a text of blank-line paragraphs; return its claims, the names
    of their sources, and the source registry."""
    pipeline, gazetteer = nlp
    paragraphs = text.split("\n\n")
    stream = [ParagraphInput(p, "body", "doc") for p in paragraphs]
    sources, claims = SourceRegistry([]), []
    seen_by = DocumentSources(sources, "doc", author)
    for number, (paragraph, analysis) in enumerate(
        zip(paragraphs, analyse(pipeline, gazetteer, stream), strict=True)
    ):
        text_of = ParagraphText("doc", paragraph, [])
        claims += machine_claims(f"p{number}", text_of, "body", analysis, seen_by)
    return claims, {source.id: source.name for source in sources}, sources


def claim_with(claims, words: str):
    [claim] = [c for c in claims if words in c.quote]
    return claim


@pytest.mark.parametrize(
    ("text", "words", "status", "source", "cue"),
    [
        ("Maria Lopez said that the bridge would reopen in May.", "bridge", "attributed", "Maria Lopez", "said"),
        ("The bridge will reopen in May, Maria Lopez said.", "bridge", "attributed", "Maria Lopez", "said"),
        ('"The bridge will reopen in May," Maria Lopez said.', "bridge", "attributed", "Maria Lopez", "said"),
        ("According to the Port Authority, the bridge will reopen in May.", "bridge", "attributed", "Port Authority", "According to"),
        ("The bridge will reopen in May, the Harbour Gazette reports.", "bridge", "attributed", "Harbour Gazette", "reports"),
        ("In a statement, the Port Authority said the bridge would reopen in May.", "bridge", "attributed", "Port Authority", "said"),
        ("The Port Authority reiterated that the bridge would reopen in May.", "bridge", "attributed", "Port Authority", "reiterated"),
        ("The Port Authority stressed that the bridge would reopen in May.", "bridge", "attributed", "Port Authority", "stressed"),
        ("Officials said the bridge would reopen in May.", "bridge", "vague", None, "said"),
        ("The bridge will reopen in May, according to two officials familiar with the work.", "bridge", "vague", None, "according to"),
        # Pronouns and descriptions go to the person or body named before, in the same text.
        ("Maria Lopez runs the harbour.\n\nShe explained that the bridge would reopen in May.", "bridge", "attributed", "Maria Lopez", "explained"),
        ("The minister, Maria Lopez, toured the pier.\n\nThe senior official added that the bridge would reopen in May.", "bridge", "attributed", "Maria Lopez", "added"),
        ("The Ministry of Transport met the union.\n\nThe ministry stated that the bridge would reopen in May.", "bridge", "attributed", "Ministry of Transport", "stated"),
        ("The Port Authority met the union.\n\nIt added that the bridge would reopen in May.", "bridge", "attributed", "Port Authority", "added"),
        # No cue: the author's own words, which sources it to the byline.
        ("The bridge reopened in May after three months of repairs.", "bridge", "unsourced", "Ann Author", None),
    ],
)  # fmt: skip
def test_attribution_patterns_name_the_source(nlp, text, words, status, source, cue):
    claims, names, registry = claims_of(nlp, text)
    sources_of = {source.id: source.type for source in registry}
    claim = claim_with(claims, words)
    assert claim.status == status
    assert (claim.cue.text if claim.cue else None) == cue
    named = [names[s] for s in claim.sources]
    if source is None:  # an unnamed source of this text, no one it named
        assert claim.sources and all(sources_of[s] == "anonymous" for s in claim.sources)
    else:
        assert source in named, named


@pytest.mark.parametrize(
    ("text", "disputed", "disputing"),
    [
        ("The Ministry of Labour has claimed that the strike never began, a claim that the Dockers Union has denied by noting that 400 workers walked out.",
         "strike never began", "400 workers walked out"),
        ("The Crop Export Council said Zambia exported 412,000 tonnes of maize in the first half.\n\nThe Customs Authority disputes that figure, putting it at 297,000 tonnes.",
         "412,000 tonnes", "297,000 tonnes"),
        ("The Transport Ministry said the two sides had held talks on Tuesday.\n\nJoseph Mwakio, the union's leader, denied that any talks had taken place.",
         "held talks", "any talks had taken place"),
        ("The senate has never discussed a merger, in contrast to the rumours spread by the Education Department about the alleged plan to close the campus.",
         "alleged plan", "never discussed a merger"),
        ("Quarry Copper says it employs 1,150 people, while the regional government says the number is closer to 320.",
         "1,150 people", "closer to 320"),
        # "any such" points back to what it denies, whatever its words
        ("The Port Authority said it had briefed the crane operators on Monday.\n\nPekka Aaltonen denied any such briefing.",
         "briefed the crane", "any such briefing"),
    ],
)  # fmt: skip
def test_disputes_become_contradictions(nlp, text, disputed, disputing):
    claims, _, registry = claims_of(nlp, text)
    contests = machine_contests(claims, registry)
    first, second = claim_with(claims, disputed), claim_with(claims, disputing)
    assert first is not second
    assert second.id in {r.claim_id for r in first.relations if r.type == "contradicts"}
    assert first.id in {r.claim_id for r in second.relations if r.type == "contradicts"}
    [contest] = contests
    assert contest.origin == "machine" and contest.question.endswith("?")
    assert first.contest_id == second.contest_id == contest.id


def test_claims_of_one_source_do_not_dispute_each_other(nlp):
    text = "The Port Authority said 40 ships were waiting.\n\nThe Port Authority said 52 ships were waiting by Friday."
    claims, _, registry = claims_of(nlp, text)
    assert machine_contests(claims, registry) == []


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("The council will publish the list next year.", "prediction"),
        ("The flood forced 6,000 people from their homes.", "quantity"),
        ("The timetable is ambitious and probably unrealistic.", "assessment"),
        ("The ferry lost both engines off the island.", "event"),
        ("The agency said the ferry lost both engines.", "statement"),
    ],
)
def test_claim_kinds_follow_their_words(nlp, sentence, kind):
    claims, _, _ = claims_of(nlp, sentence)
    assert [c.kind for c in claims] == [kind]


@pytest.mark.parametrize(
    "text",
    [
        "Who, exactly, gains when a province trains fewer nurses?",
        "Lorries stranded.",
        "Media contact: Ann Author, press office.",
        "About the Observatory: it studies fish stocks in the North Sea.",
        "Correction: An earlier version of this article gave the wrong year.",
    ],
)
def test_questions_fragments_and_boilerplate_are_not_claims(nlp, text):
    claims, _, _ = claims_of(nlp, text)
    assert claims == []


def test_a_title_from_the_metadata_keeps_a_report_opening_with_body_text_as_body():
    source = "MOSCOW, October 9. /TASS/. The ministry said the talks had ended.\n\nIt added more.\n"
    paragraphs = segment(source, {}, "Talks end in Moscow")
    assert [p.kind for p in paragraphs] == ["body", "body"]
    assert paragraphs[0].dateline.text == "MOSCOW, October 9. /TASS/."
    titled = segment(
        "Talks end in Moscow\n\nThe ministry said the talks had ended.\n", {}, "Talks End in Moscow"
    )
    assert [p.kind for p in titled] == ["title", "standfirst"]


FIRST = """Port Repairs Drag On

The Ministry of Defence of Ruritania said the pier was closed for repairs.

Maria Lopez, the harbour master, said the cranes were idle.
"""
SECOND = """Bridge Closed

The ministry said the bridge would stay closed until June.

He said the inspection would take a month.

Maria Lopez said the ferries were running again.
"""


def test_descriptions_and_pronouns_never_reach_another_documents_sources(tmp_path):
    sources, annotations = tmp_path / "source_text", tmp_path / "annotations"
    sources.mkdir()
    shutil.copytree(ROOT / "annotations", annotations, ignore=shutil.ignore_patterns("whats-next*"))
    (sources / "a-port.txt").write_text(FIRST, encoding="utf-8")
    (sources / "b-bridge.txt").write_text(SECOND, encoding="utf-8")
    run_build(sources, annotations, tmp_path / "claims.db")
    client = create_app({"DB": str(tmp_path / "claims.db")}).test_client()
    claims = client.get("/v1/claims?document=b-bridge&limit=500").json["items"]
    ministry = next(c for c in claims if c["quote"].startswith("The ministry"))["sourcing"]
    assert ministry["status"] == "vague"
    assert all("Ruritania" not in s["name"] for s in ministry["sources"])
    pronoun = next(c for c in claims if "inspection" in c["quote"])["sourcing"]
    assert pronoun["status"] == "vague"
    assert all("Lopez" not in s["name"] for s in pronoun["sources"])
    # A name is one source across documents.
    lopez = next(c for c in claims if "ferries" in c["quote"])["sourcing"]["sources"]
    detail = client.get(f"/v1/sources/{lopez[0]['id']}").json
    assert {d["id"] for d in detail["documents"]} == {"a-port", "b-bridge"}
    listed = client.get(detail["claims_url"] + "&limit=500").json["items"]
    assert {c["document_id"] for c in listed} == {"a-port", "b-bridge"}


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("John Smith runs the port.\n\nThe officials said the bridge was closed.", "bridge"),
        ("Maria Lopez was charged.\n\nHer lawyer said the charges were false.", "charges"),
        ("Reuters reported the strike.\n\nThe ministry said the bridge was safe.", "bridge"),
    ],
)
def test_plurals_other_people_and_unnamed_bodies_stay_unnamed(nlp, text, words):
    claims, names, _ = claims_of(nlp, text)
    claim = claim_with(claims, words)
    assert claim.status == "vague"
    assert not {"John Smith", "Maria Lopez", "Reuters"} & {names[s] for s in claim.sources}


@pytest.mark.parametrize(
    "text",
    [
        "The ministry said the bridge was safe.\n\nPeter Hahn denied taking bribes.",
        "Maria Lopez said 40 ships docked, and Peter Hahn said 12 lorries left.",
        "The Port Authority said 40 ships were waiting on Monday.\n\nThe Harbour Gazette said 12 ships were waiting on Friday.",
    ],
)  # fmt: skip
def test_unrelated_denials_and_different_counts_make_no_contest(nlp, text):
    claims, _, registry = claims_of(nlp, text)
    assert machine_contests(claims, registry) == []


def test_a_reported_clause_keeps_its_percent_sign_and_its_quotation(nlp):
    claims, _, _ = claims_of(nlp, 'The employer said wages rose 3%. She said it was "a disaster".')
    assert [c.quote for c in claims] == [
        "The employer said wages rose 3%",
        'She said it was "a disaster"',
    ]
