"""W3C Web Annotation export: conformance to the W3C schemas and selectors that agree."""

import json

import pytest

from tests.support.w3c import load_validator

JSON_LD = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'


@pytest.fixture(scope="module")
def w3c():
    """The W3C conformance validator."""
    return load_validator()


def pages(client, url):
    """Yield the collection, then every following page."""
    body = client.get(url).json
    yield body
    page = body["first"]
    while "next" in page:
        page = client.get(page["next"]).json
        yield page


@pytest.mark.slow
def test_every_annotation_conforms_to_the_w3c_schemas(article_client, w3c, tmp_path, capsys):
    module, checker = w3c
    total = 0
    for number, body in enumerate(pages(article_client, "/v1/annotations?limit=100")):
        path = tmp_path / f"page-{number}.json"
        path.write_text(json.dumps(body), encoding="utf-8")
        assert module.validate_file(checker, path, should=True, quiet=True) is True
        total += len(body.get("first", body)["items"])
    output = capsys.readouterr().out
    assert "FAIL" not in output and "WARN" not in output, output
    assert total == article_client.get("/v1/annotations").json["total"] > 300


def test_the_validator_does_reject_a_broken_annotation(w3c, tmp_path, capsys):
    module, checker = w3c
    path = tmp_path / "broken.json"
    path.write_text(
        json.dumps({"@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation"})
    )
    assert module.validate_file(checker, path, quiet=True) is False


def test_each_quote_selector_is_the_text_at_its_position(article_client):
    texts = {}
    for body in pages(article_client, "/v1/annotations?limit=200"):
        for annotation in body.get("first", body)["items"]:
            target = annotation["target"]
            paragraph_id = target["source"].rsplit("/", 1)[1]
            if paragraph_id not in texts:
                texts[paragraph_id] = article_client.get(f"/v1/paragraphs/{paragraph_id}").json[
                    "text"
                ]
            text = texts[paragraph_id]
            quote, position = target["selector"]
            assert (quote["type"], position["type"]) == (
                "TextQuoteSelector",
                "TextPositionSelector",
            )
            assert text[position["start"] : position["end"]] == quote["exact"]
            assert text[: position["start"]].endswith(quote["prefix"])
            assert text[position["end"] :].startswith(quote["suffix"])


def test_collection_is_json_ld_with_an_embedded_first_page(article_client):
    response = article_client.get("/v1/annotations?limit=5")
    assert response.headers["Content-Type"] == JSON_LD
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    body = response.json
    assert (
        body["type"] == "AnnotationCollection"
        and body["@context"] == "http://www.w3.org/ns/anno.jsonld"
    )
    first = body["first"]
    assert (
        first["type"] == "AnnotationPage"
        and first["partOf"] == body["id"]
        and len(first["items"]) == 5
    )
    again = article_client.get(first["id"]).json
    assert again["type"] == "AnnotationPage" and again["items"] == first["items"]


@pytest.mark.parametrize(
    ("motivation", "purposes"),
    [
        ("identifying", {"identifying", "tagging"}),
        ("tagging", {"tagging", "describing", "identifying"}),
        ("assessing", {"classifying", "assessing", "describing", "commenting", "identifying"}),
        ("linking", {"linking", "tagging"}),
    ],
)
def test_motivations_carry_their_bodies(article_client, motivation, purposes):
    items = article_client.get(f"/v1/annotations?motivation={motivation}&limit=500").json["first"][
        "items"
    ]
    assert items and all(a["motivation"] == motivation for a in items)
    assert all({b["purpose"] for b in a["body"]} == purposes for a in items)


def purpose(annotation: dict, name: str) -> str:
    """Return the value of the annotation's body with this purpose."""
    return next(b["value"] for b in annotation["body"] if b["purpose"] == name)


def test_claim_annotation_carries_the_sourcing_status(article_client):
    url = "/v1/annotations?motivation=assessing&paragraph=p-b64206c87687"
    statuses = {
        a["target"]["selector"][0]["exact"]: purpose(a, "assessing")
        for a in article_client.get(url).json["first"]["items"]
    }
    assert (
        statuses["Video of an abandoned Russian outpost in Suşa shows many of them vacant"]
        == "linked"
    )
    tass = next(exact for exact in statuses if exact.startswith("TASS officials report"))
    assert statuses[tass] == "attributed"
    links = article_client.get(
        "/v1/annotations?motivation=linking&paragraph=p-b64206c87687&limit=50"
    ).json["first"]["items"]
    assert {purpose(a, "tagging") for a in links} == {"contradicts", "supports"}


def test_annotation_detail_is_the_listed_annotation(article_client):
    first = article_client.get("/v1/annotations?limit=1").json["first"]["items"][0]
    detail = article_client.get(first["id"])
    assert detail.headers["Content-Type"] == JSON_LD and detail.json == first
