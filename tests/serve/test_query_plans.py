"""Every route's queries read through indexes: no full scan of a large table, no sort of a page."""

import re
from collections import Counter

import pytest

from tests.support.database import plan

# Tables that grow with the corpus; the rest (meta, documents, entities, sources) stay small
# or are read by primary key.
LARGE = {
    "paragraphs",
    "mentions",
    "dates",
    "checks",
    "claims",
    "claim_sources",
    "claim_entities",
    "paragraph_entities",
    "contests",
    "annotations",
    "retired_paragraphs",
    "gone",
}
DOC = "wire-mombasa-dock-strike"
OTHER = "pair-ulmen-highway-nia"
OUTLET = "publisher=Example+Wire&publisher=National+Information+Agency"
ROUTES = [
    "/v1/documents",
    f"/v1/documents/{DOC}",
    "/v1/paragraphs?limit=50",
    f"/v1/paragraphs?document={DOC}",
    "/v1/paragraphs?kind=body",
    "/v1/paragraphs?section=x",
    "/v1/paragraphs?entity={entity}",
    "/v1/paragraphs?has_claims=true",
    "/v1/paragraphs?has_claims=false",
    f"/v1/paragraphs?document={DOC}&document={OTHER}",
    f"/v1/paragraphs?{OUTLET}&kind=body",
    "/v1/paragraphs?published_from=2024-05&published_to=2024",
    f"/v1/paragraphs?entity={{entity}}&{OUTLET}",
    "/v1/entities",
    "/v1/entities?label=ORG",
    "/v1/entities?q=port",
    f"/v1/entities?document={DOC}",
    "/v1/entities/{entity}",
    "/v1/dates",
    "/v1/dates?type=DURATION",
    "/v1/dates?from=2024-01-01&to=2024-12-31",
    f"/v1/dates?document={DOC}",
    f"/v1/dates?document={DOC}&document={OTHER}&type=DATE",
    f"/v1/dates?{OUTLET}",
    "/v1/dates?published_from=2024&from=2024-01-01",
    "/v1/timeline",
    "/v1/timeline?from=2024-01-01",
    "/v1/checks",
    "/v1/checks?agrees=false",
    "/v1/claims?limit=50",
    "/v1/claims?status=vague",
    "/v1/claims?status=vague&status=linked",
    "/v1/claims?contested=true",
    "/v1/claims?hedged=true",
    "/v1/claims?kind=statement",
    "/v1/claims?origin=machine",
    f"/v1/claims?document={DOC}",
    "/v1/claims?entity={entity}",
    "/v1/claims?source={source}",
    "/v1/claims?entity={entity}&source={source}",
    f"/v1/claims?document={DOC}&document={OTHER}",
    f"/v1/claims?{OUTLET}",
    f"/v1/claims?{OUTLET}&status=vague&status=attributed",
    "/v1/claims?published_from=2024-03&published_to=2024-10-08&contested=true",
    f"/v1/claims?source={{source}}&{OUTLET}",
    "/v1/claims?entity={entity}&published_to=2024",
    "/v1/sources",
    "/v1/sources?type=anonymous",
    "/v1/sources/{source}",
    "/v1/contests",
    f"/v1/contests?document={DOC}",
    f"/v1/contests?document={DOC}&document=pair-carrick-ward-carrickherald",
    "/v1/contests?publisher=The+Carrick+Herald&publisher=Radio+Ardenmoor&published_to=2024-11",
    "/v1/search?q=port",
    "/v1/search?q=port&type=claim",
    f"/v1/search?q=port&document={DOC}",
    "/v1/annotations?limit=50",
    f"/v1/annotations?document={DOC}",
    "/v1/annotations?motivation=assessing",
]


def traced(client, url: str) -> list[str]:
    """Fetch a route and return every SQL statement it ran."""
    store = client.application.extensions["claims_store"]
    client.get("/healthz")  # opens this thread's connection
    seen: list[str] = []
    store.connection().set_trace_callback(seen.append)
    try:
        response = client.get(url)
    finally:
        store.connection().set_trace_callback(None)
    assert response.status_code == 200, (url, response.json)
    return [sql for sql in seen if sql.lstrip().upper().startswith("SELECT")]


def filled(client, url: str) -> str:
    """Put an entity and a source of the corpus into a route."""
    entity = client.get("/v1/entities?label=ORG&limit=1").json["items"][0]["id"]
    source = client.get("/v1/sources?type=unknown&limit=1").json["items"][0]["id"]
    return url.format(entity=entity, source=source)


@pytest.mark.parametrize("url", ROUTES)
def test_route_reads_large_tables_through_indexes(news_client, url):
    db = news_client.application.extensions["claims_store"].path
    assert_indexed(db, url, traced(news_client, filled(news_client, url)))


# Routes that choose documents by id, outlet or publication date.
CHOOSING = [url for url in ROUTES if "publish" in url or url.count("document=") > 1]


@pytest.mark.parametrize("url", CHOOSING)
def test_every_page_of_a_choice_of_documents_reads_through_indexes(news_client, url):
    db = news_client.application.extensions["claims_store"].path
    # An entity and a source of a chosen document, so that there is more than one page.
    entity = news_client.get(f"/v1/entities?document={OTHER}&limit=1").json["items"][0]["id"]
    claims = news_client.get(f"/v1/claims?document={OTHER}").json["items"]
    sources = Counter(source["id"] for claim in claims for source in claim["sourcing"]["sources"])
    source = sources.most_common(1)[0][0]
    url, pages = url.format(entity=entity, source=source) + "&limit=1", 0
    while url and pages < 8:
        assert_indexed(db, url, traced(news_client, url))
        body = news_client.get(url).json
        url, pages = body["next"], pages + 1
    assert pages > 1, "the route gave one page: it proves nothing of the next ones"


def assert_indexed(db, url: str, statements: list[str]) -> None:
    """Check that no statement scans a large table or sorts a page of one."""
    assert statements
    for sql in statements:
        steps = plan(str(db), sql)
        for step in steps:
            scanned = re.fullmatch(r"SCAN (\w+)", step)
            assert not (scanned and scanned[1] in LARGE), (url, sql, steps)
        # A page of a large table is a walk in index order; bm25 ranks must be sorted.
        driving = re.search(r"\bFROM\W+(?:main\W+)?(\w+)", sql)
        if "LIMIT" in sql and driving and driving[1] in LARGE:
            assert "USE TEMP B-TREE FOR ORDER BY" not in steps, (url, sql, steps)


def test_totals_are_counted_once_per_build(news_client):
    url = "/v1/claims?kind=quantity&hedged=false&limit=5"  # a filter no other test counts
    first = traced(news_client, url)
    again = traced(news_client, url)
    assert any(sql.startswith("SELECT count(*)") for sql in first)
    assert not any(sql.startswith("SELECT count(*)") for sql in again)


def test_a_search_page_is_ranked_once_per_build(news_client):
    url = "/v1/search?q=strike&type=claim&limit=3"
    first = traced(news_client, url)
    again = traced(news_client, url)
    assert any("ORDER BY rank" in sql for sql in first)
    assert not any("ORDER BY rank" in sql for sql in again)
    assert any("highlight(" in sql for sql in again)  # matches are still marked
    assert news_client.get(url).json == news_client.get(url).json


def test_entity_detail_counts_and_links_to_all_its_mentions_and_claims(news_client):
    entity = news_client.get("/v1/entities?limit=1").json["items"][0]
    detail = news_client.get(f"/v1/entities/{entity['id']}").json
    claims = news_client.get(detail["claims_url"] + "&limit=500").json
    paragraphs = news_client.get(detail["mentions_url"] + "&limit=500").json
    assert claims["total"] == detail["claim_count"]
    assert [c["id"] for c in claims["items"]][:100] == detail["claim_ids"]
    assert paragraphs["total"] == detail["paragraph_count"]
    assert len(detail["mentions"]) == min(100, detail["mention_count"])
