"""CSV and JSON Lines exports of every collection, read back with the standard library."""

import csv
import io
import json

import pytest

COLLECTIONS = [
    "/v1/documents",
    "/v1/paragraphs",
    "/v1/entities",
    "/v1/dates",
    "/v1/timeline",
    "/v1/checks",
    "/v1/claims",
    "/v1/sources",
    "/v1/contests",
    "/v1/search?q=Russia",
    "/v1/annotations",
]


def joined(url: str, extra: str) -> str:
    return url + ("&" if "?" in url else "?") + extra


def total_of(client, url: str) -> int:
    return client.get(joined(url, "limit=1")).json["total"]


@pytest.mark.parametrize("url", COLLECTIONS)
def test_jsonl_streams_every_item_of_every_page(client, url):
    response = client.get(joined(url, "format=jsonl&limit=1"))
    assert response.status_code == 200 and response.mimetype == "application/jsonl"
    name = url.split("?")[0].rsplit("/", 1)[1]
    assert response.headers["Content-Disposition"] == f'attachment; filename="{name}.jsonl"'
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    items = [json.loads(line) for line in response.get_data(as_text=True).splitlines()]
    assert len(items) == total_of(client, url) > 0
    if "annotations" not in url:
        assert items[:3] == client.get(joined(url, "limit=3")).json["items"]


@pytest.mark.parametrize("url", COLLECTIONS)
def test_csv_is_rfc_4180_with_a_header_and_every_row(client, url):
    response = client.get(joined(url, "format=csv"))
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    text = response.get_data(as_text=True)
    assert text.endswith("\r\n")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(rows) == total_of(client, url) > 0
    assert all("." not in column or column.split(".")[0] for column in rows[0])


def test_csv_flattens_claims_into_readable_columns(client):
    text = client.get("/v1/claims?format=csv&contested=true").get_data(as_text=True)
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(text, newline=""))}
    built = rows["outposts-built"]
    assert built["sourcing.status"] == "vague"
    assert built["sourcing.sources"] == "armenian-sources"
    assert built["sourcing.cue"] == "according to"
    assert built["relations"] == "contradicts:outposts-dismantled; contradicts:outpost-video"
    assert built["quote"].startswith("according to Armenian sources, built an additional 25")
    assert len(rows) == 9


def test_csv_quotes_commas_quotes_and_line_breaks(client):
    text = client.get("/v1/paragraphs?format=csv&kind=body").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    api = client.get("/v1/paragraphs?kind=body&limit=500").json["items"]
    assert [r["text"] for r in rows] == [p["text"] for p in api]
    assert any("," in r["text"] and '"' in text for r in rows)
    assert text.count("\r\n") >= len(rows) + 1


def test_exports_honour_filters(client):
    text = client.get("/v1/claims?format=jsonl&status=attributed").get_data(as_text=True)
    statuses = {json.loads(line)["sourcing"]["status"] for line in text.splitlines()}
    assert statuses == {"attributed"}
