"""Every relation says why: its kind, and evidence both claims hold, in claims, contests
and linking annotations, within and across documents (the invented news set)."""

import pytest

SUPPORT_KINDS = {"same statement", "same event"}
CONTRADICTION_KINDS = {"denial", "opposite state", "figure conflict"}


def every(client, url: str) -> list[dict]:
    """Return every item of a collection, page after page."""
    items = []
    while url:
        page = client.get(url).json
        items += page["items"]
        url = page.get("next")
    return items


@pytest.fixture(scope="module")
def claims(news_client) -> dict[str, dict]:
    """Every claim of the news corpus, by id, in detail (with its entities)."""
    listed = every(news_client, "/v1/claims?limit=500")
    return {c["id"]: news_client.get(f"/v1/claims/{c['id']}").json for c in listed}


def test_every_relation_has_a_reason_of_a_kind_its_type_allows(claims):
    relations = [r for claim in claims.values() for r in claim["relations"]]
    across = [r for r in relations if r.get("document_id")]
    assert len(across) > 20  # the pairs of outlets relate
    for relation in relations:
        kind = relation["reason"]["kind"]
        if relation.get("origin") == "machine" or relation.get("document_id"):
            allowed = SUPPORT_KINDS if relation["type"] == "supports" else CONTRADICTION_KINDS
            assert kind in allowed, relation
        else:
            assert kind in CONTRADICTION_KINDS | {"curated"}, relation
    assert {r["reason"]["kind"] for r in across} >= {"same event", "figure conflict"}


def test_the_evidence_is_in_both_claims(claims):
    checked = 0
    for claim in claims.values():
        for relation in claim["relations"]:
            other = claims[relation["claim_id"]]
            reason = relation["reason"]
            for word in reason["words"]:
                assert word in claim["quote"].lower(), (word, claim["quote"])
                assert word in other["quote"].lower(), (word, other["quote"])
            named = [{e["entity_id"] for e in c["entities"]} for c in (claim, other)]
            assert set(reason["entities"]) <= named[0] & named[1]
            for figure in reason.get("figures", []):
                mine, theirs = figure["values"]
                assert mine and theirs and mine != theirs
            checked += 1
    assert checked > 40


def test_a_reason_seen_from_either_claim_gives_that_claims_figures_first(claims):
    figures = [
        (claim, relation)
        for claim in claims.values()
        for relation in claim["relations"]
        if relation.get("document_id") and relation["reason"].get("figures")
    ]
    assert figures
    for claim, relation in figures:
        back = next(
            r for r in claims[relation["claim_id"]]["relations"] if r["claim_id"] == claim["id"]
        )
        assert [f["values"][::-1] for f in back["reason"]["figures"]] == [
            f["values"] for f in relation["reason"]["figures"]
        ]


def test_contests_across_documents_and_linking_annotations_say_why(news_client):
    contests = every(news_client, "/v1/contests?limit=500")
    across = [c for c in contests if len({s["claims"][0]["document_id"] for s in c["sides"]}) > 1]
    assert across and all(c["reason"]["kind"] in CONTRADICTION_KINDS for c in across)
    collection = news_client.get("/v1/annotations?motivation=linking&limit=500").json
    links = collection["first"]["items"]
    assert links
    for annotation in links:
        [described] = [b for b in annotation["body"] if b.get("purpose") == "describing"]
        assert described["value"].split(";")[0] in SUPPORT_KINDS | CONTRADICTION_KINDS | {"curated"}
