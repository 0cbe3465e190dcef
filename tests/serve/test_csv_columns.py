"""CSV exports: one header for the whole collection, so that no item loses a field, and
contests written with each side's claims, sources and documents."""

import csv
import io
import json

import pytest

from service import create_app
from service.serve.context import USERS
from service.serve.database.exports import export
from service.vocab import WEB_ANNOTATION_CONTEXT
from tests.support.corpus import COLLECTIONS

QUOTE = {"type": "TextQuoteSelector", "exact": "TASS officials report the opposite"}


def csv_table(client, url: str) -> tuple[list[str], list[dict]]:
    """The header and the rows of a collection's CSV export."""
    text = client.get(url + ("&" if "?" in url else "?") + "format=csv").get_data(as_text=True)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows = list(reader)
    return list(reader.fieldnames or []), rows


def json_items(client, url: str) -> list[dict]:
    """Every item of a collection as JSON, 500 at a time."""
    items, url = [], url + ("&" if "?" in url else "?") + "limit=500"
    while url:
        body = client.get(url).json
        page = body.get("first", body)  # annotations: a collection, then its pages
        items += page["items"]
        url = page.get("next")
    return items


def is_span(value) -> bool:
    return isinstance(value, dict) and {"text", "start", "end"} <= set(value)


def leaves(item: dict, prefix: str = "") -> dict:
    """Every field of an item as the column it belongs in: nested objects as dotted names,
    spans and lists in one column each."""
    found = {}
    for name, value in item.items():
        if isinstance(value, dict) and not is_span(value):
            found.update(leaves(value, f"{prefix}{name}."))
        else:
            found[f"{prefix}{name}"] = value
    return found


def written(value) -> set[str]:
    """How a scalar may be written in a cell: as it is, or with the ' that keeps a
    spreadsheet from running it."""
    text = "" if value is None else str(value)
    return {text, "'" + text}


# A token's annotations, each of another shape: what the W3C model lets a user write.
PARAGRAPH = "http://localhost/v1/paragraphs/p-b64206c87687"
UNLIKE = [
    {"motivation": "commenting", "body": {"type": "TextualBody", "value": "a note"}},
    {"bodyValue": "a body value", "target": {"source": PARAGRAPH, "selector": QUOTE}},
    {
        "motivation": "tagging",
        "body": [{"type": "TextualBody", "value": "outposts"}],
        "rights": "https://creativecommons.org/licenses/by/4.0/",
    },
]


@pytest.fixture(scope="module")
def noted(built_db, tmp_path_factory):
    """A client of the app over the article whose store holds UNLIKE, written by one token."""
    store = tmp_path_factory.mktemp("unlike") / "store.db"
    app = create_app({"DB": str(built_db), "STORE": str(store)})
    token = app.extensions[USERS].create_token("unlike")
    client = app.test_client()
    for shape in UNLIKE:
        annotation = {"@context": WEB_ANNOTATION_CONTEXT, "type": "Annotation", "target": PARAGRAPH}
        made = client.post(
            "/v1/annotations/",
            data=json.dumps({**annotation, **shape}),
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/ld+json"},
        )
        assert made.status_code == 201, made.json
    return client


def test_every_field_of_every_item_has_its_column_and_value(noted):
    exports = [url for url in COLLECTIONS if url != "/v1/contests"]
    for url in [*exports, "/v1/annotations?creator=unlike"]:
        header, rows = csv_table(noted, url)
        items = json_items(noted, url)
        assert len(rows) == len(items) > 0, url
        assert len(header) == len(set(header)), url
        for row, item in zip(rows, items, strict=True):
            for column, value in leaves(item).items():
                assert column in header, (url, item.get("id"), column)
                if isinstance(value, list):
                    assert bool(row[column]) == bool(value), (url, item.get("id"), column)
                elif not is_span(value):
                    assert row[column] in written(value), (url, item.get("id"), column)


def test_contests_carry_each_sides_claims_sources_and_documents(news_client):
    header, rows = csv_table(news_client, "/v1/contests")
    contests = json_items(news_client, "/v1/contests")
    most = max(len(contest["sides"]) for contest in contests)
    assert most > 2  # a contest of more sides than the first has
    assert {c["document_id"] for c in contests[0]["sides"][0]["claims"]}  # sides name documents
    for number in range(1, most + 1):
        for part in ("label", "claims", "sources", "documents"):
            assert f"sides.{number}.{part}" in header
    crossing = 0
    for row, contest in zip(rows, contests, strict=True):
        assert row["id"] == contest["id"] and row["question"] == contest["question"]
        for number in range(1, most + 1):
            side = contest["sides"][number - 1] if number <= len(contest["sides"]) else None
            cells = [row[f"sides.{number}.{part}"] for part in ("label", "claims", "sources")]
            documents = row[f"sides.{number}.documents"]
            if side is None:
                assert cells == ["", "", ""] and documents == "", (contest["id"], number)
                continue
            assert cells == [
                side["label"],
                "; ".join(claim["id"] for claim in side["claims"]),
                "; ".join(source["id"] for source in side["sources"]),
            ], (contest["id"], number)
            named = list(dict.fromkeys(claim["document_id"] for claim in side["claims"]))
            assert documents == "; ".join(named), (contest["id"], number)
        crossing += len({row[f"sides.{n}.documents"] for n in (1, 2)}) > 1
    assert crossing  # contests between two documents say which side is whose


def exported(app, items: list[dict]) -> tuple[list[str], list[dict]]:
    """Stream items through the exporter every collection uses; read the CSV back."""
    with app.test_request_context():
        text = export("cells", items, lambda item: item, "csv").get_data(as_text=True)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows = list(reader)
    return list(reader.fieldnames or []), rows


def test_an_item_unlike_the_first_keeps_every_field(app):
    items: list[dict] = [
        {"id": "a", "counts": {"body": 1}},
        {"id": "b", "counts": {"body": 2, "heading": 3}, "creator": {"name": "ana"}},
        {"id": "c", "target": "/v1/paragraphs/p-0a81b2b4e253"},
    ]
    header, rows = exported(app, items)
    assert header == ["id", "counts.body", "counts.heading", "creator.name", "target"]
    assert rows[0] == {
        "id": "a",
        "counts.body": "1",
        "counts.heading": "",
        "creator.name": "",
        "target": "",
    }
    assert rows[1]["counts.heading"] == "3" and rows[1]["creator.name"] == "ana"
    assert rows[2]["target"] == "/v1/paragraphs/p-0a81b2b4e253"


@pytest.mark.parametrize(
    "url",
    [
        "/v1/paragraphs?document=no-such-document",
        "/v1/dates?document=no-such-document",
        "/v1/timeline?document=no-such-document",
        "/v1/checks?document=no-such-document",
        "/v1/claims?document=no-such-document",
        "/v1/contests?document=no-such-document",
        "/v1/entities?document=no-such-document",
        "/v1/search?q=zzyzx",
        "/v1/annotations?document=no-such-document",
    ],
)
def test_an_empty_export_still_has_its_header(article_client, url):
    header, rows = csv_table(article_client, url)
    full_header, full_rows = csv_table(article_client, url.split("?")[0] + "?" + _unfiltered(url))
    assert rows == [] and full_rows
    assert header == full_header[: len(header)] and len(header) >= 5


def _unfiltered(url: str) -> str:
    """The query that lists the whole collection a filtered URL narrows."""
    return "q=Russia" if url.startswith("/v1/search") else ""
