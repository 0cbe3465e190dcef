"""Claims, sources and contests over HTTP."""

import pytest

from tests.support.corpus import DOC_ID

MODEL_CONTESTS = {
    "outposts": ({"outposts-built"}, {"outposts-dismantled", "outpost-video"}),
    "peacekeeper-withdrawal": (
        {"tass-withdrawal-report"},
        {"galuzin-criticized-report", "galuzin-new-reasons"},
    ),
}


def all_items(client, url):
    """Follow next links and gather every item."""
    items = []
    while url:
        body = client.get(url).json
        items += body["items"]
        url = body["next"]
    return items


def test_contested_claims_are_both_sides_of_the_model_contests_and_nothing_else(article_client):
    contested = all_items(article_client, "/v1/claims?contested=true&limit=3")
    ids = {c["id"] for c in contested}
    for first, second in MODEL_CONTESTS.values():
        assert first <= ids and second <= ids
    assert all(
        c["contested"] and any(r["type"] == "contradicts" for r in c["relations"])
        for c in contested
    )
    uncontested = all_items(article_client, "/v1/claims?contested=false&limit=500")
    assert not ids & {c["id"] for c in uncontested}
    assert all(not any(r["type"] == "contradicts" for r in c["relations"]) for c in uncontested)


def test_model_contest_sides_carry_their_sources(article_client):
    outposts = article_client.get("/v1/contests/outposts").json
    assert outposts["question"].startswith("Did the Russian peacekeepers")
    sides = {side["label"]: side for side in outposts["sides"]}
    assert [s["id"] for s in sides["Built 25 new posts"]["sources"]] == ["armenian-sources"]
    dismantled = sides["Dismantled several outposts"]
    assert {s["id"] for s in dismantled["sources"]} == {"tass", "dominic-brunaccioni"}
    withdrawal = article_client.get("/v1/contests/peacekeeper-withdrawal").json
    assert {s["id"] for side in withdrawal["sides"] for s in side["sources"]} == {
        "tass",
        "mikhail-galuzin",
    }
    assert article_client.get("/v1/contests").json["total"] == 3


def test_statuses_follow_the_words_on_the_page(article_client):
    get = lambda claim_id: article_client.get(f"/v1/claims/{claim_id}").json["sourcing"]  # noqa: E731
    assert get("outposts-dismantled")["status"] == "attributed"
    assert get("outposts-dismantled")["cue"]["text"] == "report"
    # a cue names the paragraph its offsets index: a curated claim's own
    claim = article_client.get("/v1/claims/outposts-dismantled").json
    assert claim["sourcing"]["cue"]["paragraph_id"] == claim["paragraph_id"]
    assert get("outposts-built")["status"] == "vague"
    assert get("outposts-built")["cue"]["text"] == "according to"
    assert get("outpost-video")["status"] == "linked" and get("outpost-video")["link"] is True
    assert (
        get("russia-role-in-flux")["status"] == "unsourced"
        and get("russia-role-in-flux")["link"] is False
    )
    hedged = get("protesters-self-description")
    assert [h["text"] for h in hedged["hedges"]] == ["self-described", "allegedly"]


def test_status_may_be_repeated(article_client):
    vague = article_client.get("/v1/claims?status=vague&limit=500").json["total"]
    attributed = article_client.get("/v1/claims?status=attributed&limit=500").json["total"]
    both = article_client.get("/v1/claims?status=vague&status=attributed&limit=500").json
    assert both["total"] == vague + attributed == 18
    assert {c["sourcing"]["status"] for c in both["items"]} == {"vague", "attributed"}
    assert (
        "status=vague&status=attributed"
        in article_client.get("/v1/claims?status=vague&status=attributed&limit=5").json["next"]
    )


@pytest.mark.parametrize(
    ("query", "check"),
    [
        ("source=tass", lambda c: "tass" in [s["id"] for s in c["sourcing"]["sources"]]),
        ("hedged=true", lambda c: c["hedged"] and c["sourcing"]["hedges"]),
        ("kind=prediction", lambda c: c["kind"] == "prediction"),
        ("entity=mikhail-galuzin", lambda c: "Galuzin" in c["quote"]),
        ("paragraph=p-b64206c87687", lambda c: c["paragraph_id"] == "p-b64206c87687"),
        (f"document={DOC_ID}&origin=curated", lambda c: c["origin"] == "curated"),
    ],
)
def test_claim_filters(article_client, query, check):
    items = article_client.get(f"/v1/claims?{query}&limit=500").json["items"]
    assert items and all(check(c) for c in items)


def test_claim_detail_has_its_context_and_related_claims(article_client):
    claim = article_client.get("/v1/claims/outposts-dismantled").json
    assert claim["paragraph"]["text"][claim["start"] : claim["end"]] == claim["quote"]
    assert claim["paragraph"]["section"] == "Russian Troops in Limbo"
    assert [e["entity_id"] for e in claim["entities"]] == ["tass"]
    assert {r["id"] for r in claim["related"]} == {"outposts-built", "outpost-video"}
    assert all("sourcing" in r for r in claim["related"])
    dated = article_client.get("/v1/claims/vardanyan-detained").json
    assert [d["value"] for d in dated["dates"]] == ["2023-09"]


def test_sources_list_who_claims_what(article_client):
    sources = {s["id"]: s for s in all_items(article_client, "/v1/sources?limit=500")}
    assert sources["tass"]["type"] == "news_agency" and sources["tass"]["claim_count"] == 2
    assert sources["icj"]["type"] == "court" and sources["armenian-sources"]["type"] == "anonymous"
    tass = article_client.get("/v1/sources/tass").json
    assert (tass["claim_count"], tass["document_count"]) == (2, 1)
    assert tass["documents"] == [
        {"id": DOC_ID, "title": "What's Next for the Lachin Corridor?", "claim_count": 2}
    ]
    claims = article_client.get(tass["claims_url"]).json["items"]
    assert [c["id"] for c in claims] == ["outposts-dismantled", "tass-withdrawal-report"]
    assert article_client.get("/v1/sources?type=official").json["total"] == 2


def test_a_source_in_two_documents_counts_each(two_documents):
    sources = two_documents.get("/v1/sources?limit=500").json["items"]
    author_counts = {
        s["id"]: two_documents.get(f"/v1/sources/{s['id']}").json["documents"]
        for s in sources
        if s["type"] == "author"
    }
    for documents in author_counts.values():
        assert len(documents) == 1 and documents[0]["claim_count"] >= 1
    for source in sources:
        detail = two_documents.get(f"/v1/sources/{source['id']}").json
        assert detail["document_count"] == len(detail["documents"])
        assert sum(d["claim_count"] for d in detail["documents"]) == source["claim_count"]
        listed = two_documents.get(detail["claims_url"] + "&limit=500").json
        assert listed["total"] == source["claim_count"]


def test_paragraphs_carry_their_claims(article_client):
    detail = article_client.get("/v1/paragraphs/p-b64206c87687").json
    assert [c["id"] for c in detail["claims"]] == [
        "azerbaijan-questions-peacekeepers",
        "russian-troops-remained",
        "outposts-built",
        "outposts-dismantled",
        "outpost-video",
    ]
    without = article_client.get("/v1/paragraphs?has_claims=false&limit=500").json["items"]
    assert {p["kind"] for p in without} <= {
        "breadcrumb",
        "title",
        "standfirst",
        "byline",
        "heading",
        "author_bio",
    }
    assert article_client.get("/v1/entities/tass").json["claim_ids"] == [
        "outposts-dismantled",
        "tass-withdrawal-report",
    ]
