"""Entities, dates, the timeline and checks over HTTP, and a second document's own context."""

import pytest

from tests.support.corpus import DOC_ID, SECOND


def test_entities_come_most_mentioned_first(article_client):
    body = article_client.get("/v1/entities?limit=3").json
    assert [e["id"] for e in body["items"]] == ["azerbaijan", "armenia", "lachin"]
    counts = [
        e["mention_count"] for e in article_client.get("/v1/entities?limit=500").json["items"]
    ]
    assert counts == sorted(counts, reverse=True)


def test_entity_pages_follow_the_cursor_without_gaps(article_client):
    url, seen = "/v1/entities?limit=7", []
    while url:
        body = article_client.get(url).json
        seen += [e["id"] for e in body["items"]]
        url = body["next"]
    assert len(seen) == len(set(seen)) == body["total"]


@pytest.mark.parametrize(
    ("query", "ids"),
    [
        ("q=galuzin", ["mikhail-galuzin"]),
        ("q=artsakh", ["nkr"]),
        ("q=susa", ["susa"]),
        ("label=EVENT", ["first-nagorno-karabakh-war", "second-nagorno-karabakh-war"]),
        ("label=NORP&q=armenian", ["armenians"]),
    ],
)
def test_entity_filters(article_client, query, ids):
    assert sorted(e["id"] for e in article_client.get(f"/v1/entities?{query}").json["items"]) == ids


def test_entity_detail_lists_every_mention(article_client):
    body = article_client.get("/v1/entities/nkr").json
    assert body["curated"] and body["mention_count"] == len(body["mentions"]) == 19
    texts = {m["text"] for m in body["mentions"]}
    assert {
        "NKR",
        "Republic of Artsakh",
        "Republic of Nagorno-Karabakh",
        "Nagorno-Karabakh Republic",
    } <= texts
    paragraph = article_client.get(f"/v1/paragraphs/{body['mentions'][0]['paragraph_id']}").json
    first = body["mentions"][0]
    assert paragraph["text"][first["start"] : first["end"]] == first["text"]


def test_paragraphs_filter_by_entity(article_client):
    body = article_client.get("/v1/paragraphs?entity=tass").json
    assert body["total"] == 2 and all("TASS" in p["text"] for p in body["items"])


def test_paragraph_detail_carries_entities_and_dates(article_client):
    detail = article_client.get(
        f"/v1/paragraphs/{article_client.get('/v1/entities/ruben-vardanyan').json['mentions'][0]['paragraph_id']}"
    ).json
    assert ("Ruben Vardanyan", "ruben-vardanyan") in [
        (e["text"], e["entity_id"]) for e in detail["entities"]
    ]
    [late] = [d for d in detail["dates"] if d["text"] == "late September"]
    assert (
        late["value"] == "2023-09"
        and detail["text"][late["start"] : late["end"]] == "late September"
    )


@pytest.mark.parametrize(
    ("query", "texts"),
    [
        (
            "type=DURATION",
            [
                "44 days",
                "137 days",
                "about 48 hours",
                "past two weeks",
                "1988-1994",
                "three years",
                "six months",
            ],
        ),
        ("type=SET", ["weekly"]),
        (
            "from=2023-09-15&to=2023-09-20",
            ["10 days later", "September", "September of this year", "September", "last month"],
        ),
    ],
)
def test_date_filters(article_client, query, texts):
    body = article_client.get(f"/v1/dates?{query}&limit=500").json
    found = [d["text"] for d in body["items"]]
    assert sorted(found) == sorted(texts) if "from" not in query else set(texts) <= set(found)


def test_date_detail_names_its_anchor(article_client):
    [offset] = [
        d
        for d in article_client.get("/v1/dates?limit=500").json["items"]
        if d["text"] == "10 days later"
    ]
    detail = article_client.get(f"/v1/dates/{offset['id']}").json
    anchor = article_client.get(f"/v1/dates/{detail['anchor']}").json
    assert (detail["value"], anchor["text"], anchor["value"]) == (
        "2023-09-19",
        "September 9th",
        "2023-09-09",
    )


def test_timeline_is_in_chronological_order(article_client):
    items = article_client.get("/v1/timeline?limit=500").json["items"]
    assert [(i["earliest"], i["latest"]) for i in items] == sorted(
        (i["earliest"], i["latest"]) for i in items
    )
    assert items[0]["text"] == "1991" and items[-1]["earliest"] >= "2023-10-01"
    blockade = next(i for i in items if i["text"] == "December 12th of 2022")
    assert "eco-activists" in blockade["event"]


def test_checks_report_both_stated_spans(article_client):
    checks = article_client.get("/v1/checks").json["items"]
    assert {(c["kind"], c["stated"], c["computed"], c["agrees"]) for c in checks} == {
        ("duration", "P137D", "P137D", True),
        ("offset", "P10D", "2023-09-19", True),
    }
    assert article_client.get("/v1/checks?agrees=false").json["total"] == 0


def test_second_document_resolves_dates_against_its_own_publication(two_documents):
    dates = {
        d["text"]: d
        for d in two_documents.get(f"/v1/dates?document={SECOND}&limit=500").json["items"]
    }
    assert dates["Three years ago"]["value"] == "2016"
    assert dates["last month"]["value"] == "2019-07"
    assert dates["March 3rd"]["value"] == "2019-03-03"
    assert dates["next spring"]["value"] == "2020-SP"
    assert dates["20 days later"]["value"] == "2019-07-05"
    assert dates["20 days later"]["anchor"] == dates["June 15th, 2019"]["id"]
    lachin = {
        d["text"]: d
        for d in two_documents.get(f"/v1/dates?document={DOC_ID}&limit=500").json["items"]
    }
    assert lachin["three years ago"]["value"] == "2020"


def test_second_document_reports_a_disagreeing_duration(two_documents):
    [check] = two_documents.get(f"/v1/checks?document={SECOND}&agrees=false").json["items"]
    assert (check["kind"], check["stated"], check["computed"]) == ("duration", "P30D", "P40D")


def test_second_document_entities_unknown_to_the_gazetteer_appear(two_documents):
    entities = two_documents.get(f"/v1/entities?document={SECOND}&limit=500").json["items"]
    assert {(e["id"], e["curated"]) for e in entities} == {
        ("halvorsen-dahl-org", False),
        ("kessel-harbour-bridge-org", False),
        ("port-authority-org", False),
    }


def test_second_document_paragraphs_and_claims_carry_text_fragment_links(two_documents):
    paragraphs = two_documents.get(f"/v1/paragraphs?document={SECOND}").json["items"]
    prefix = "https://example.org/news/harbour-bridge-repairs#:~:text="
    assert all(p["fragment_url"].startswith(prefix) for p in paragraphs)
    assert paragraphs[-1]["fragment_url"] == prefix + "Inspections%20now%20take%20place%20weekly."
    claims = two_documents.get(f"/v1/claims?document={SECOND}").json["items"]
    assert claims and all(c["fragment_url"].startswith(prefix) for c in claims)
