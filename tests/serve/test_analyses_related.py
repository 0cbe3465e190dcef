"""POST /v1/analyses?related=true: a text's claims paired with the corpus's claims, as a
build of the corpus with the text in it would pair them, with nothing stored."""

import sqlite3

import pytest
import yaml

from tests.support.corpus import NEWS, news_app

# Two invented outlets' accounts of one furnace fire.
STORED, SENT = "pair-norvik-furnace-brenholmcourier", "pair-norvik-furnace-meridianwire"


def across(claims: list[dict], other_document: str) -> set[tuple[str, str, str]]:
    """Return (type, claim, other claim) of each relation from these claims into a document."""
    return {
        (relation["type"], claim["id"], relation["claim_id"])
        for claim in claims
        for relation in claim["relations"]
        if relation.get("document_id") == other_document
    }


def sent_body() -> dict:
    """The second account, as a tool would send it: its text, id and metadata."""
    metadata = yaml.safe_load((NEWS / f"{SENT}.yaml").read_text(encoding="utf-8")) or {}
    fields = ("title", "author", "publisher", "published")
    given = {key: str(metadata[key]) for key in fields if metadata.get(key)}
    return {"text": (NEWS / f"{SENT}.txt").read_text(encoding="utf-8"), "id": SENT, **given}


@pytest.fixture(scope="module")
def one_account(tmp_path_factory):
    """A client over a corpus of the first account alone."""
    app, _ = news_app(tmp_path_factory.mktemp("one"), f"{STORED}.txt")
    return app.test_client()


@pytest.fixture(scope="module")
def built_relations(tmp_path_factory):
    """The relations a build of both accounts makes from the second into the first."""
    app, _ = news_app(tmp_path_factory.mktemp("both"), "pair-norvik-furnace-*.txt")
    claims = app.test_client().get(f"/v1/claims?document={SENT}&limit=500").json["items"]
    return across(claims, STORED)


def test_a_text_sent_with_related_is_paired_as_a_build_with_it_would_pair_it(
    one_account, built_relations
):
    response = one_account.post("/v1/analyses?related=true", json=sent_body())
    assert response.status_code == 200, response.json
    assert built_relations  # the two accounts do report one fire
    assert across(response.json["claims"], STORED) == built_relations


def test_each_related_claim_is_a_corpus_claim_with_its_document_title(one_account):
    claims = one_account.post("/v1/analyses?related=true", json=sent_body()).json["claims"]
    relations = [r for c in claims for r in c["relations"] if r.get("document_id")]
    assert relations
    title = one_account.get(f"/v1/documents/{STORED}").json["title"]
    for relation in relations:
        stored = one_account.get(f"/v1/claims/{relation['claim_id']}")
        assert stored.status_code == 200
        assert stored.json["document_id"] == STORED
        assert (relation["document_title"], relation["origin"]) == (title, "machine")
        assert 0 <= relation["score"] <= 1
    contradicted = {c["id"] for c in claims for r in c["relations"] if r["type"] == "contradicts"}
    assert all(c["contested"] for c in claims if c["id"] in contradicted)


def test_without_related_a_text_is_linked_to_nothing_in_the_corpus(one_account):
    for query in ("", "?related=false"):
        response = one_account.post(f"/v1/analyses{query}", json=sent_body())
        assert response.status_code == 200
        assert not across(response.json["claims"], STORED)


def test_related_works_on_a_raw_text_and_takes_only_true_or_false(one_account):
    body = sent_body()
    raw = one_account.post(
        f"/v1/analyses?related=true&id={SENT}",
        data=body["text"].encode("utf-8"),
        content_type="text/plain",
    )
    assert raw.status_code == 200
    assert across(raw.json["claims"], STORED)
    bad = one_account.post("/v1/analyses?related=maybe", json=body)
    assert bad.status_code == 400
    assert "related" in bad.json["errors"]


def test_a_database_built_before_signatures_were_kept_asks_for_a_rebuild(tmp_path):
    app, _ = news_app(tmp_path, f"{STORED}.txt")
    with sqlite3.connect(tmp_path / "claims.db") as conn:
        conn.execute("DROP TABLE signatures")
    client = app.test_client()
    response = client.post("/v1/analyses?related=true", json=sent_body())
    assert response.status_code == 503
    assert "claims build" in response.json["detail"]
    assert client.post("/v1/analyses", json=sent_body()).status_code == 200
