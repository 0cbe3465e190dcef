"""Claims as schema.org JSON-LD: a Claim with its appearance, authors and date, contested
claims with a ClaimReview of the dispute, and lists of them; checked against the
schema.org vocabulary."""

import json

import pytest

from tests.serve.schema_org_vocabulary import Vocabulary
from tests.support.corpus import DOC_ID

LINKED_DATA = {"Accept": "application/ld+json"}
ORIGIN = "http://localhost"


@pytest.fixture(scope="module")
def vocabulary():
    return Vocabulary()


def linked(client, url: str):
    """Fetch a URL as JSON-LD; return the response and its body."""
    response = client.get(url, headers=LINKED_DATA)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "application/ld+json"
    return response, json.loads(response.get_data(as_text=True))


def every_claim(client) -> list[dict]:
    """Every claim as plain JSON, in reading order."""
    items: list[dict] = []
    url = "/v1/claims?limit=500"
    while url:
        body = client.get(url).json
        items, url = items + body["items"], body["next"]
    return items


# Nodes the vocabulary refuses: the check below would let through what schema.org has not.
WRONG = [
    {"@type": "FactCheck"},
    {"@type": "Claim", "appearance": {"@type": "Person", "name": "not a creative work"}},
    {"@type": "Claim", "reviewRating": {"@type": "Rating"}},
    {"@type": "Claim", "verdict": "false"},
    {"@type": "Claim", "datePublished": "last week"},
]


@pytest.mark.parametrize("corpus", ["article_client", "news_client"])
def test_every_claim_is_a_claim_of_the_schema_org_vocabulary(request, vocabulary, corpus):
    assert all(vocabulary.problems(node) for node in WRONG)
    client = request.getfixturevalue(corpus)
    for claim in every_claim(client):
        _, described = linked(client, f"/v1/claims/{claim['id']}")
        assert described["@context"] == "https://schema.org"
        assert described["@type"] == "Claim"
        assert vocabulary.problems(described) == [], claim["id"]


def test_a_claim_appears_in_its_document_at_its_passage(news_client):
    claim = next(c for c in every_claim(news_client) if c["fragment_url"])
    document = news_client.get(f"/v1/documents/{claim['document_id']}").json
    _, described = linked(news_client, f"/v1/claims/{claim['id']}")
    assert described["@id"] == f"{ORIGIN}/v1/claims/{claim['id']}"
    assert described["identifier"] == claim["id"]
    assert described["text"] == claim["proposition"]
    assert described["datePublished"] == document["published"]
    for where in ("appearance", "firstAppearance"):
        appearance = described[where]
        assert appearance["@type"] == "Article"
        assert appearance["@id"] == f"{ORIGIN}/v1/documents/{document['id']}"
        assert appearance["url"] == document["url"]
        assert appearance["headline"] == document["title"]
        assert appearance["publisher"] == {"@type": "Organization", "name": document["publisher"]}
        assert appearance["datePublished"] == document["published"]
        assert appearance["hasPart"] == {
            "@type": "CreativeWork",
            "text": claim["quote"],
            "url": claim["fragment_url"],
        }


def test_an_inferred_date_is_published_as_far_as_it_is_known(article_client):
    document = article_client.get(f"/v1/documents/{DOC_ID}").json
    assert document["published_inferred"] and document["url"] is None
    claim = every_claim(article_client)[0]
    _, described = linked(article_client, f"/v1/claims/{claim['id']}")
    assert described["datePublished"] == document["published"] == "2023-10"
    assert "url" not in described["appearance"]  # the page's address is not known
    assert described["appearance"]["hasPart"] == {"@type": "CreativeWork", "text": claim["quote"]}


# Sources that are one person are a Person; bodies of people an Organization.
@pytest.mark.parametrize(
    ("source_type", "schema_type"),
    [
        ("official", "Person"),
        ("author", "Person"),
        ("anonymous", "Person"),
        ("news_agency", "Organization"),
        ("government", "Organization"),
        ("ngo", "Organization"),
        ("court", "Organization"),
        ("group", "Organization"),
        ("unknown", "Organization"),
    ],
)
def test_sources_are_the_authors(article_client, news_client, source_type, schema_type):
    for client in (article_client, news_client):
        found = client.get(f"/v1/sources?type={source_type}&limit=1").json["items"]
        if not found or not found[0]["claim_count"]:
            continue
        source = found[0]
        claim = client.get(f"/v1/claims?source={source['id']}&limit=1").json["items"][0]
        _, described = linked(client, f"/v1/claims/{claim['id']}")
        authors = {author["identifier"]: author for author in described["author"]}
        assert [a["id"] for a in claim["sourcing"]["sources"]] == list(authors)
        assert authors[source["id"]] == {
            "@type": schema_type,
            "@id": f"{ORIGIN}/v1/sources/{source['id']}",
            "identifier": source["id"],
            "name": source["name"],
        }
        return
    pytest.fail(f"no source of type {source_type} in either corpus")


def test_a_contested_claim_carries_the_other_side_without_a_rating(article_client):
    claim = article_client.get("/v1/claims/outposts-dismantled").json
    contest = article_client.get(f"/v1/contests/{claim['contest_id']}").json
    _, described = linked(article_client, "/v1/claims/outposts-dismantled")
    [review] = described["review"]
    assert review["@type"] == "ClaimReview"
    assert review["@id"] == f"{ORIGIN}/v1/contests/{contest['id']}"
    assert review["name"] == contest["question"]
    assert review["claimReviewed"] == claim["proposition"]
    assert review["itemReviewed"] == {"@id": described["@id"]}
    assert "reviewRating" not in review
    others = [
        other
        for side in contest["sides"]
        if claim["id"] not in [c["id"] for c in side["claims"]]
        for other in side["claims"]
    ]
    assert [c["identifier"] for c in review["citation"]] == [c["id"] for c in others]
    for other, cited in zip(others, review["citation"], strict=True):
        assert cited["@type"] == "Claim" and cited["text"] == other["proposition"]
        assert "review" not in cited  # one level: the other side's own disputes are theirs
        assert f"“{other['proposition'].rstrip('.')}”" in review["reviewBody"]
    assert "rates neither" in review["reviewBody"]


def test_an_uncontested_claim_has_no_review(article_client):
    claim = article_client.get("/v1/claims?contested=false&limit=1").json["items"][0]
    _, described = linked(article_client, f"/v1/claims/{claim['id']}")
    assert "review" not in described


def test_a_contest_across_documents_cites_the_other_documents_claim(news_client):
    contests = news_client.get("/v1/contests?limit=500").json["items"]
    # A claim of a contest between two documents, whose contest that is.
    contest, claim = next(
        (contest, claim)
        for contest in contests
        for side in contest["sides"]
        for claim in side["claims"]
        if claim["contest_id"] == contest["id"]
        and len({c["document_id"] for s in contest["sides"] for c in s["claims"]}) > 1
    )
    others = [
        other
        for side in contest["sides"]
        for other in side["claims"]
        if claim not in side["claims"]
    ]
    _, described = linked(news_client, f"/v1/claims/{claim['id']}")
    [review] = described["review"]
    assert review["@id"] == f"{ORIGIN}/v1/contests/{contest['id']}"
    assert [cited["identifier"] for cited in review["citation"]] == [o["id"] for o in others]
    elsewhere = {f"{ORIGIN}/v1/documents/{o['document_id']}" for o in others}
    assert {cited["appearance"]["@id"] for cited in review["citation"]} == elsewhere
    assert elsewhere != {described["appearance"]["@id"]}


@pytest.mark.parametrize(
    "query", ["", "?contested=true", "?publisher=Example+Wire", "?status=vague&hedged=false"]
)
def test_a_list_of_claims_is_an_item_list_page_by_page(news_client, vocabulary, query):
    url = f"/v1/claims{query}" + ("&" if query else "?") + "limit=7"
    plain = news_client.get(url).json
    seen, pages = [], 0
    page: str | None = url
    while page:
        response, body = linked(news_client, page)
        assert body["@context"] == "https://schema.org" and body["@type"] == "ItemList"
        assert body["numberOfItems"] == plain["total"]
        assert vocabulary.problems(body) == []
        seen += [claim["identifier"] for claim in body["itemListElement"]]
        link = response.headers.get("Link")
        page = link.split(">")[0].removeprefix("<") if link else None
        pages += 1
    every = news_client.get(f"/v1/claims{query}" + ("&" if query else "?") + "limit=500").json
    assert seen == [claim["id"] for claim in every["items"]]
    assert pages == -(-plain["total"] // 7) or plain["total"] == 0


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        (None, "application/json"),
        ("*/*", "application/json"),
        ("application/json", "application/json"),
        ("application/ld+json", "application/ld+json"),
        ("application/json;q=0.5, application/ld+json", "application/ld+json"),
        ("application/ld+json;q=0.5, application/json", "application/json"),
    ],
)
@pytest.mark.parametrize("url", ["/v1/claims/outposts-built", "/v1/claims?limit=2"])
def test_accept_chooses_the_representation(article_client, url, accept, media_type):
    response = article_client.get(url, headers={"Accept": accept} if accept else {})
    assert response.status_code == 200 and response.mimetype == media_type
    assert "Accept" in response.headers["Vary"]


def test_accept_changes_the_json_answers_alone(article_client):
    url = "/v1/claims/outposts-built"
    plain, described = article_client.get(url), article_client.get(url, headers=LINKED_DATA)
    assert plain.headers["ETag"] != described.headers["ETag"]
    again = article_client.get(
        url, headers={**LINKED_DATA, "If-None-Match": described.headers["ETag"]}
    )
    assert again.status_code == 304
    csv = article_client.get("/v1/claims?format=csv", headers=LINKED_DATA)
    assert csv.mimetype == "text/csv"
    missing = article_client.get("/v1/claims/no-such-claim", headers=LINKED_DATA)
    assert missing.status_code == 404 and missing.mimetype == "application/problem+json"
    bad = article_client.get("/v1/claims?limit=0", headers=LINKED_DATA)
    assert bad.status_code == 400 and set(bad.json["errors"]) == {"limit"}
