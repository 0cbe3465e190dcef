"""CSV and JSON Lines exports of every collection, read back with the standard library."""

import csv
import io
import json

import pytest

from service.serve.database.exports import export
from tests.support.corpus import COLLECTIONS, DOC_ID


def names(spaced: str) -> list[str]:
    return spaced.split()


CLAIM_COLUMNS = names(
    "id document_id paragraph_id quote start end proposition kind sourcing.status"
    " sourcing.sources sourcing.cue sourcing.hedges sourcing.link sourcing.link_url hedged"
    " contested relations"
    " contest_id origin note fragment_url"
)
# The header row of each collection: its JSON fields, nested objects as dotted columns.
COLUMNS = {
    "/v1/documents": names(
        "id title url author publisher published published_inferred published_basis language"
        " source_file sha256 chars paragraph_count kind_counts.author_bio kind_counts.body"
        " kind_counts.breadcrumb kind_counts.byline kind_counts.heading kind_counts.standfirst"
        " kind_counts.title"
    ),
    "/v1/paragraphs": names(
        "id document_id ordinal kind section start end text links dateline fragment_url"
    ),
    "/v1/entities": names(
        "id name label description aliases curated mention_count paragraph_count"
    ),
    "/v1/dates": names(
        "id document_id paragraph_id start end text type value mod earliest latest anchor sentence"
        " unresolved duration"
    ),
    "/v1/timeline": names("date_id document_id paragraph_id text value mod earliest latest event"),
    "/v1/checks": names("id document_id kind expressions stated computed agrees detail"),
    "/v1/claims": CLAIM_COLUMNS,
    "/v1/sources": names("id name type description entities curated claim_count"),
    "/v1/contests": names(
        "id document_id question origin sides.1.label sides.1.claims sides.1.sources"
        " sides.1.documents sides.2.label sides.2.claims sides.2.sources sides.2.documents"
    ),
    "/v1/search?q=Russia": names(
        "type id document_id paragraph_id score title text snippet matches title_matches"
    ),
    "/v1/annotations": names("@context id type motivation body target.source target.selector"),
}


def joined(url: str, extra: str) -> str:
    return url + ("&" if "?" in url else "?") + extra


def json_items(client, url: str) -> list[dict]:
    """Every item of a collection as JSON, following next links 500 at a time."""
    items, url = [], joined(url, "limit=500")
    while url:
        body = client.get(url).json
        page = body.get("first", body)  # annotations: a collection, then its pages
        items += page["items"]
        url = page.get("next")
    return items


def csv_rows(client, url: str) -> list[dict]:
    text = client.get(joined(url, "format=csv")).get_data(as_text=True)
    return list(csv.DictReader(io.StringIO(text, newline="")))


def cell(value) -> str:
    """A JSON scalar as the csv module writes it: null empty, the rest by str()."""
    return "" if value is None else str(value)


def listed(values) -> str:
    return "; ".join(values)


def claim_row(claim: dict) -> dict:
    sourcing = claim["sourcing"]
    return {
        **{name: cell(claim[name]) for name in CLAIM_COLUMNS if "." not in name},
        "sourcing.status": sourcing["status"],
        "sourcing.sources": listed(source["id"] for source in sourcing["sources"]),
        "sourcing.cue": sourcing["cue"]["text"] if sourcing["cue"] else "",
        "sourcing.hedges": listed(hedge["text"] for hedge in sourcing["hedges"]),
        "sourcing.link": cell(sourcing["link"]),
        "sourcing.link_url": cell(sourcing["link_url"]),
        "relations": listed(f"{r['type']}:{r['claim_id']}" for r in claim["relations"]),
    }


def paragraph_row(paragraph: dict) -> dict:
    return {
        **{name: cell(value) for name, value in paragraph.items()},
        "links": listed(link["text"] for link in paragraph["links"]),
    }


def date_row(date: dict) -> dict:
    return {name: cell(value) for name, value in date.items()}


def document_row(document: dict) -> dict:
    row = {name: cell(value) for name, value in document.items() if name != "kind_counts"}
    row.update({f"kind_counts.{k}": cell(n) for k, n in document["kind_counts"].items()})
    return row


@pytest.mark.parametrize(
    ("url", "expected_row"),
    [
        ("/v1/claims", claim_row),
        ("/v1/paragraphs", paragraph_row),
        ("/v1/dates", date_row),
        ("/v1/documents", document_row),
    ],
)
def test_csv_rows_are_the_json_items_field_by_field(article_client, url, expected_row):
    rows, items = csv_rows(article_client, url), json_items(article_client, url)
    assert len(rows) == len(items) > 0
    for row, item in zip(rows, items, strict=True):
        assert row == expected_row(item), item["id"]


@pytest.mark.parametrize("url", COLLECTIONS)
def test_jsonl_streams_every_item_of_every_page(article_client, url):
    response = article_client.get(joined(url, "format=jsonl&limit=1"))
    assert response.status_code == 200 and response.mimetype == "application/jsonl"
    name = url.split("?")[0].rsplit("/", 1)[1]
    assert response.headers["Content-Disposition"] == f'attachment; filename="{name}.jsonl"'
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    items = [json.loads(line) for line in response.get_data(as_text=True).splitlines()]
    assert items and items == json_items(article_client, url)


@pytest.mark.parametrize("url", COLLECTIONS)
def test_csv_is_rfc_4180_with_a_header_and_every_row(article_client, url):
    response = article_client.get(joined(url, "format=csv"))
    assert response.status_code == 200 and response.mimetype == "text/csv"
    name = url.split("?")[0].rsplit("/", 1)[1]
    assert response.headers["Content-Disposition"] == f'attachment; filename="{name}.csv"'
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    text = response.get_data(as_text=True)
    assert text.endswith("\r\n")
    header, *rows = list(csv.reader(io.StringIO(text, newline="")))
    assert header == COLUMNS[url]
    assert len(rows) == len(json_items(article_client, url)) > 0
    assert all(len(row) == len(header) for row in rows)


def test_csv_flattens_claims_into_readable_columns(article_client):
    text = article_client.get("/v1/claims?format=csv&contested=true").get_data(as_text=True)
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(text, newline=""))}
    built = rows["outposts-built"]
    assert built["sourcing.status"] == "vague"
    assert built["sourcing.sources"] == "armenian-sources"
    assert built["sourcing.cue"] == "according to"
    assert built["relations"] == "contradicts:outposts-dismantled; contradicts:outpost-video"
    assert built["quote"].startswith("according to Armenian sources, built an additional 25")
    assert len(rows) == 9


def test_csv_quotes_commas_quotes_and_line_breaks(article_client):
    text = article_client.get("/v1/paragraphs?format=csv&kind=body").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    api = article_client.get("/v1/paragraphs?kind=body&limit=500").json["items"]
    assert [r["text"] for r in rows] == [p["text"] for p in api]
    assert any("," in r["text"] and '"' in text for r in rows)
    assert text.count("\r\n") >= len(rows) + 1


def test_exports_honour_filters(article_client):
    text = article_client.get("/v1/claims?format=jsonl&status=attributed").get_data(as_text=True)
    statuses = {json.loads(line)["sourcing"]["status"] for line in text.splitlines()}
    assert statuses == {"attributed"}


def test_csv_keeps_every_documents_kind_counts(two_documents):
    rows = {row["id"]: row for row in csv_rows(two_documents, "/v1/documents")}
    lachin = two_documents.get(f"/v1/documents/{DOC_ID}").json
    assert rows[DOC_ID] == document_row(lachin)


# A cell a spreadsheet would run as a formula gets a leading ' (OWASP's CSV injection
# advice); any other cell, and every number, is written as it is.
FORMULA_CELLS = [
    ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
    ("+1+2", "'+1+2"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\tindented", "'\tindented"),
    ("\rreturn", "'\rreturn"),
    ("a = b", "a = b"),
    ("'quoted", "'quoted"),
    ("", ""),
    ("Lachin", "Lachin"),
    (-3, "-3"),
    (-0.5, "-0.5"),
    (42, "42"),
    (True, "True"),
    (None, ""),
]


def exported(app, items: list[dict], form: str) -> str:
    """Stream items through the exporter every collection uses, as a download reads them."""
    with app.test_request_context():
        response = export("cells", items, lambda item: item, form)
        return response.get_data(as_text=True)


@pytest.mark.parametrize(("value", "written"), FORMULA_CELLS)
def test_csv_neutralises_formula_cells_and_keeps_numbers(app, value, written):
    text = exported(app, [{"id": "x", "value": value, "nested": {"value": value}}], "csv")
    row = next(csv.DictReader(io.StringIO(text, newline="")))
    assert row["value"] == row["nested.value"] == written


@pytest.mark.parametrize(("value", "written"), FORMULA_CELLS)
def test_jsonl_keeps_formula_cells_verbatim(app, value, written):
    text = exported(app, [{"value": value}], "jsonl")
    assert json.loads(text) == {"value": value}


def test_a_formula_in_a_list_cell_is_neutralised(app):
    text = exported(app, [{"names": ["=1+1", "b"]}], "csv")
    assert next(csv.DictReader(io.StringIO(text, newline="")))["names"] == "'=1+1; b"
