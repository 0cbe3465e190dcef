"""Claims on news the rules were not written from: the development set's targets, served."""

import pytest

from service.evaluation.across import across_scores
from service.evaluation.claims import news_result, score_texts
from tests.support.corpus import ROOT

NEWS = ROOT / "tests" / "data" / "news"
GAZETTEER = ROOT / "annotations" / "entities.yaml"

# Every text of the development set analysed or built, then scored.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def results(spacy_pipeline):
    pipeline, gazetteer = spacy_pipeline(GAZETTEER)
    return [news_result(p, pipeline, gazetteer) for p in sorted(NEWS.glob("*.gold.yaml"))]


@pytest.fixture(scope="module")
def scores(results):
    return score_texts(results)


def test_the_development_set_meets_the_claims_targets(scores):
    assert scores.cues.f1 >= 0.9
    assert scores.sources_right / scores.sources_gold >= 0.85
    assert scores.status_right / scores.matched >= 0.85


def test_contests_within_a_text_meet_their_targets_on_the_texts_they_were_set_on(results):
    # The pairs of texts told from two sides (pair-*) came later; on them, contests within
    # one text are far below target (see bench/README.md), so they are scored apart.
    single = score_texts([r for r in results if not r.id.startswith("pair-")])
    assert single.contests.precision >= 0.8 and single.contests.recall >= 0.8
    everything = score_texts(results).contests
    # What holds today, with the twelve pair texts: 15/27 right, 15/38 found.
    assert everything.precision >= 0.55 and everything.recall >= 0.39


def test_four_in_five_body_paragraphs_of_every_text_carry_a_claim(scores):
    assert len(scores.coverage) == len(list(NEWS.glob("*.gold.yaml")))
    assert min(share for _, share in scores.coverage) >= 0.8, scores.coverage


def test_machine_contests_are_served_with_their_sides(news_client):
    contests = news_client.get("/v1/contests?limit=500").json["items"]
    assert contests and {c["origin"] for c in contests} == {"machine"}
    for contest in contests:
        claims = [claim for side in contest["sides"] for claim in side["claims"]]
        assert len(claims) >= 2 and contest["question"].endswith("?")
        for claim in claims:
            detail = news_client.get(f"/v1/claims/{claim['id']}").json
            assert detail["contested"]
            # A claim in a contest of its text and in one across texts names the first.
            across = len({c["document_id"] for c in claims}) > 1
            assert detail["contest_id"] == contest["id"] or across
            others = {r["claim_id"] for r in detail["relations"] if r["type"] == "contradicts"}
            assert others & {c["id"] for c in claims}


def test_every_status_and_kind_occurs_and_the_filters_agree(news_client):
    for status in ("attributed", "vague", "linked", "unsourced"):
        body = news_client.get(f"/v1/claims?status={status}&limit=500").json
        assert body["total"] > 0, status
        assert {c["sourcing"]["status"] for c in body["items"]} == {status}
    kinds = {c["kind"] for c in news_client.get("/v1/claims?limit=500").json["items"]}
    assert kinds == {"event", "statement", "quantity", "assessment", "prediction"}


def test_unnamed_sources_stay_with_their_document(news_client):
    sources = news_client.get("/v1/sources?type=anonymous&limit=500").json["items"]
    assert sources
    for source in sources:
        detail = news_client.get(f"/v1/sources/{source['id']}").json
        claims = news_client.get(detail["claims_url"] + "&limit=500").json["items"]
        assert len({c["document_id"] for c in claims}) == 1, source["id"]
        assert detail["document_count"] == 1, source["id"]


def test_a_dateline_is_a_span_of_its_paragraph(news_client):
    paragraphs = news_client.get("/v1/paragraphs?document=wire-mombasa-dock-strike").json["items"]
    first = paragraphs[0]
    assert first["kind"] == "body"
    assert first["dateline"]["text"] == first["text"][: first["dateline"]["end"]]
    assert first["dateline"]["text"].startswith("MOMBASA, NOVEMBER 18")


def test_development_pairs_score_what_they_scored(spacy_pipeline):
    scores = across_scores(NEWS, *spacy_pipeline(GAZETTEER))
    # Measured floors, below the targets of 0.8 / 0.7 (bench/README.md): supports 41/49
    # and 42/68, contradicts 17/22 and 17/42.
    assert scores["supports"].precision >= 0.83 and scores["supports"].recall >= 0.61
    assert scores["contradicts"].precision >= 0.77 and scores["contradicts"].recall >= 0.4
