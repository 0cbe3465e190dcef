"""Claims, paragraphs, dates and contests kept to documents chosen by id, outlet and date."""

import calendar
import csv
import io
from datetime import date
from urllib.parse import quote

import pytest

from tests.support.corpus import DOC_ID, SECOND

LISTINGS = ["/v1/claims", "/v1/paragraphs", "/v1/dates", "/v1/contests"]
WIRE, AGENCY = "Example Wire", "National Information Agency"
SPRAT, ULMEN = "pressrelease-north-sea-sprat-catch-advice", "pair-ulmen-highway-nia"


def walk(client, url: str, limit: int) -> tuple[list[dict], int]:
    """Every item of a listing, following its next links `limit` at a time, and its total."""
    items: list[dict] = []
    url = url + ("&" if "?" in url else "?") + f"limit={limit}"
    totals = set()
    while url:
        body = client.get(url).json
        totals.add(body["total"])
        items += body["items"]
        url = body["next"]
    [total] = totals  # the same total on every page
    return items, total


def bounds(published: str) -> tuple[date, date]:
    """The first and last day of a publication date given as a year, a month or a day."""
    parts = [int(part) for part in published.split("-")]
    if len(parts) == 3:
        return date(*parts), date(*parts)
    year, month = parts[0], parts[1] if len(parts) == 2 else None
    if month is None:
        return date(year, 1, 1), date(year, 12, 31)
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def day(text: str, last: bool) -> date:
    """A filter's year, month or day as the day it starts (or ends) on."""
    first, final = bounds(text)
    return final if last else first


def chosen(documents: list[dict], query: dict) -> set[str]:
    """The ids of the documents a choice keeps, worked out from their metadata."""
    kept = set()
    for document in documents:
        keep = [
            document["id"] in query.get("document", [document["id"]]),
            document["publisher"] in query.get("publisher", [document["publisher"]]),
        ]
        if document["published"]:
            first, last = bounds(document["published"])
        if "published_from" in query:
            start = day(query["published_from"], False)
            keep.append(bool(document["published"]) and last >= start)
        if "published_to" in query:
            end = day(query["published_to"], True)
            keep.append(bool(document["published"]) and first <= end)
        if all(keep):
            kept.add(document["id"])
    return kept


def encoded(query: dict) -> str:
    """A query string, a list giving its parameter once for each value."""
    pairs = []
    for name, values in query.items():
        for value in values if isinstance(values, list) else [values]:
            pairs.append(f"{name}={quote(value)}")
    return "&".join(pairs)


# Choices over the development news: outlets, ids in any order, days, months and years.
CHOICES = [
    {"publisher": [WIRE]},
    {"publisher": [WIRE, AGENCY]},
    {"document": [SPRAT, ULMEN]},
    {"document": [ULMEN, SPRAT, "no-such-document"]},
    {"published_from": "2024-05"},
    {"published_to": "2024-03-07"},
    {"published_from": "2024-03-05", "published_to": "2024-03-07"},
    {"published_from": "2025"},
    {"publisher": [WIRE, AGENCY], "published_to": "2023"},
    {"document": [SPRAT], "publisher": [WIRE]},
    {"publisher": ["No Such Outlet"]},
]


@pytest.mark.parametrize("listing", LISTINGS)
@pytest.mark.parametrize("query", CHOICES, ids=encoded)
def test_a_choice_keeps_exactly_the_chosen_documents_items_in_reading_order(
    news_client, listing, query
):
    documents = news_client.get("/v1/documents?limit=500").json["items"]
    everything, _ = walk(news_client, listing, 500)
    expected = [item for item in everything if item["document_id"] in chosen(documents, query)]
    # Four at a time, so that pages end inside documents and between them.
    items, total = walk(news_client, f"{listing}?{encoded(query)}", 4)
    assert [item["id"] for item in items] == [item["id"] for item in expected]
    assert total == len(expected)


@pytest.mark.parametrize(
    "url",
    [
        f"/v1/claims?source={{source}}&publisher={quote(AGENCY)}",
        "/v1/claims?entity={entity}&published_from=2024",
        f"/v1/paragraphs?entity={{entity}}&document={ULMEN}&document={SPRAT}",
        f"/v1/claims?publisher={quote(AGENCY)}&status=attributed&status=vague&kind=statement",
        f"/v1/paragraphs?publisher={quote(AGENCY)}&kind=body",
        "/v1/dates?published_from=2024-03&type=DATE&from=2024-01-01",
    ],
)
def test_a_choice_narrows_every_other_filter(news_client, url):
    source = news_client.get(f"/v1/claims?document={ULMEN}&limit=1").json["items"][0]
    entity = news_client.get(f"/v1/entities?document={ULMEN}&limit=1").json["items"][0]["id"]
    url = url.format(source=source["sourcing"]["sources"][0]["id"], entity=entity)
    listing, query = url.split("?")
    choice = {"document", "publisher", "published_from", "published_to"}
    others = "&".join(p for p in query.split("&") if p.split("=")[0] not in choice)
    documents = news_client.get("/v1/documents?limit=500").json["items"]
    wanted = chosen(documents, _parsed(query))
    unchosen, _ = walk(news_client, f"{listing}?{others}", 500)
    expected = [item["id"] for item in unchosen if item["document_id"] in wanted]
    items, total = walk(news_client, url, 3)
    assert expected and [item["id"] for item in items] == expected
    assert total == len(expected)


def _parsed(query: str) -> dict:
    """The choice a query string makes, as `chosen` takes it."""
    parsed: dict = {}
    for pair in query.split("&"):
        name, value = pair.split("=")
        value = value.replace("%20", " ")
        if name in ("document", "publisher"):
            parsed.setdefault(name, []).append(value)
        elif name in ("published_from", "published_to"):
            parsed[name] = value
    return parsed


# The article's date is inferred: "2023-10", the month as a whole. The short text's is
# a day, 2019-08-20.
@pytest.mark.parametrize(
    ("query", "kept"),
    [
        ("published_from=2023-10-31", {DOC_ID}),
        ("published_from=2023-10", {DOC_ID}),
        ("published_from=2023-11-01", set()),
        ("published_to=2023-10-01", {DOC_ID, SECOND}),
        ("published_to=2023-09-30", {SECOND}),
        ("published_to=2023-09", {SECOND}),
        ("published_from=2023-10-15&published_to=2023-10-15", {DOC_ID}),
        ("published_from=2019-08-20&published_to=2019-08-20", {SECOND}),
        ("published_from=2019-08-21&published_to=2023-09-30", set()),
        ("published_from=2019&published_to=2023", {DOC_ID, SECOND}),
        ("published_from=2020&published_to=2022", set()),
        ("published_from=2023-11&published_to=2023-10", set()),  # ends before it starts
    ],
)
def test_a_date_known_to_its_month_counts_by_its_bounds(two_documents, query, kept):
    for listing in LISTINGS:
        items, _ = walk(two_documents, f"{listing}?{query}", 500)
        assert {item["document_id"] for item in items} <= kept, listing
    paragraphs, _ = walk(two_documents, f"/v1/paragraphs?{query}", 500)
    assert {item["document_id"] for item in paragraphs} == kept


def test_the_publisher_is_matched_as_the_documents_give_it(two_documents):
    publisher = two_documents.get(f"/v1/documents/{DOC_ID}").json["publisher"]
    claims, total = walk(two_documents, f"/v1/claims?publisher={quote(publisher)}", 500)
    assert total == len(claims) > 0
    assert {claim["document_id"] for claim in claims} == {DOC_ID}
    shouted = quote(publisher.upper())
    assert two_documents.get(f"/v1/claims?publisher={shouted}").json["total"] == 0


def test_exports_keep_to_the_chosen_documents(news_client):
    query = f"publisher={quote(WIRE)}&publisher={quote(AGENCY)}"
    items, _ = walk(news_client, f"/v1/claims?{query}", 500)
    text = news_client.get(f"/v1/claims?{query}&format=csv").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [row["id"] for row in rows] == [item["id"] for item in items]


@pytest.mark.parametrize("listing", LISTINGS)
@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("published_from=yesterday", "published_from"),
        ("published_from=2023-13", "published_from"),
        ("published_from=2023-02-30", "published_from"),
        ("published_from=23", "published_from"),
        ("published_from=0000", "published_from"),
        ("published_from=2023-10-01T00:00", "published_from"),
        ("published_to=2023-9", "published_to"),
        ("published_to=%D9%A2%D9%A0%D9%A2%D9%A3", "published_to"),  # Arabic-Indic digits
        ("published_to=", "published_to"),
        ("publisher=", "publisher"),
        ("publisher=" + "x" * 501, "publisher"),
        ("publisher=Example+Wire&publisher=", "publisher"),
    ],
)
def test_a_bad_choice_is_a_400_saying_what_is_wrong(article_client, listing, query, parameter):
    response = article_client.get(f"{listing}?{query}")
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    assert set(response.json["errors"]) == {parameter}
    # The value is wrong: the parameter is known, and may be given more than once.
    assert response.json["errors"][parameter] not in (
        ["Unknown parameter."],
        ["Give this parameter once."],
    )


@pytest.mark.parametrize("listing", LISTINGS)
def test_a_document_given_twice_is_one_choice_of_two(article_client, listing):
    once = article_client.get(f"{listing}?document={DOC_ID}&limit=500").json
    twice = article_client.get(f"{listing}?document={DOC_ID}&document={SECOND}&limit=500").json
    assert twice == {**once, "next": None} and once["total"] > 0
