"""Cache-Control and Vary: reads may be kept by shared caches, errors and writes never."""

import pytest

from service import create_app
from tests.support.corpus import DOC_ID

READ = "public, max-age=60, stale-while-revalidate=600"
PAGE = "no-cache"
FILE = "public, max-age=3600"

READS = [
    "/v1",
    "/v1/paragraphs?limit=2",
    "/v1/paragraphs?kind=heading&limit=2&format=csv",
    "/v1/claims?status=vague&format=jsonl",
    f"/v1/documents/{DOC_ID}",
    f"/v1/documents/{DOC_ID}/text",
    "/v1/entities?limit=3",
    "/v1/search?q=Russia",
    "/v1/annotations?limit=1",
    "/openapi.yaml",
]


def paragraph_url(client) -> str:
    """Return a paragraph's detail URL."""
    return f"/v1/paragraphs/{client.get('/v1/paragraphs?limit=1').json['items'][0]['id']}"


@pytest.fixture(scope="module")
def retired(retired_heading):
    """A client over a rebuild that dropped a heading, and the heading's retired URL."""
    client, heading = retired_heading
    return client, f"/v1/paragraphs/{heading['id']}"


@pytest.mark.parametrize("url", READS)
def test_reads_may_be_kept_by_shared_caches(article_client, url):
    for method in ("GET", "HEAD"):
        response = article_client.open(url, method=method)
        assert response.status_code == 200, (method, url)
        assert response.headers["Cache-Control"] == READ, (method, url)
        # A HEAD answers no body; every GET here has one.
        assert (response.data == b"") == (method == "HEAD"), (method, url)


def test_a_paragraph_detail_may_be_kept_by_shared_caches(article_client):
    response = article_client.get(paragraph_url(article_client))
    assert response.status_code == 200 and response.headers["Cache-Control"] == READ


@pytest.mark.parametrize(
    ("url", "policy"),
    [
        ("/v1/paragraphs?limit=2", READ),
        (f"/v1/documents/{DOC_ID}", READ),
        ("/openapi.yaml", READ),
        ("/", PAGE),
        ("/assets/reader.css", FILE),
    ],
)
def test_not_modified_carries_the_policy_of_the_200(article_client, url, policy):
    first = article_client.get(url)
    again = article_client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    assert again.headers["Cache-Control"] == first.headers["Cache-Control"] == policy


@pytest.mark.parametrize(
    ("method", "url", "status"),
    [
        ("GET", "/v1/paragraphs?limit=0", 400),
        ("GET", "/v1/search?q=%22unclosed", 400),
        ("GET", "/v1/paragraphs/p-000000000000", 404),
        ("GET", "/v1/documents/no-such-document", 404),
        ("GET", "/documents/no-such-document", 404),
        ("GET", "/nope", 404),
        ("HEAD", "/v1/claims/c-000000000000", 404),
        ("POST", "/v1/paragraphs", 405),
        ("PUT", f"/v1/documents/{DOC_ID}", 401),
        ("DELETE", "/v1/claims", 405),
    ],
)
def test_errors_are_never_stored(article_client, method, url, status):
    response = article_client.open(url, method=method)
    assert response.status_code == status
    assert response.headers["Cache-Control"] == "no-store"


def test_a_retired_paragraph_is_never_stored(retired):
    client, url = retired
    response = client.get(url)
    assert response.status_code == 410 and response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("url", ["/healthz", "/v1/paragraphs", "/v1/search?q=Russia", "/"])
def test_answers_without_a_database_are_never_stored(tmp_path, url):
    client = create_app({"DB": str(tmp_path / "absent.db")}).test_client()
    response = client.get(url)
    assert response.status_code == 503 and response.headers["Cache-Control"] == "no-store"


def test_health_is_never_stored(article_client):
    response = article_client.get("/healthz")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"


def test_options_is_never_stored(article_client):
    preflight = {"Origin": "https://example.org", "Access-Control-Request-Method": "GET"}
    for headers in ({}, preflight):
        response = article_client.options("/v1/paragraphs", headers=headers)
        assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
        assert response.data == b"" and response.headers["Content-Length"] == "0"
        assert set(response.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}


@pytest.mark.parametrize("url", ["/", f"/documents/{DOC_ID}", "/docs"])
def test_pages_for_people_are_revalidated_every_time(article_client, url):
    response = article_client.get(url)
    assert response.mimetype == "text/html" and response.headers["Cache-Control"] == PAGE


@pytest.mark.parametrize("url", ["/assets/reader.css", "/docs/assets/docs.js"])
def test_static_files_keep_their_hour(article_client, url):
    assert article_client.get(url).headers["Cache-Control"] == FILE


def test_the_contract_varies_on_accept_and_so_does_its_304(article_client):
    yaml = article_client.get("/openapi.yaml")
    text = article_client.get("/openapi.yaml", headers={"Accept": "text/plain"})
    assert yaml.mimetype != text.mimetype and yaml.headers["ETag"] != text.headers["ETag"]
    assert yaml.headers["Vary"] == text.headers["Vary"] == "Accept"
    again = article_client.get("/openapi.yaml", headers={"If-None-Match": yaml.headers["ETag"]})
    assert again.status_code == 304 and again.headers["Vary"] == "Accept"


@pytest.mark.parametrize("url", ["/v1/annotations?limit=1", "/v1/paragraphs?limit=1"])
def test_answers_that_ignore_accept_do_not_vary(article_client, url):
    answers = [
        article_client.get(url, headers={"Accept": accept, "Origin": "https://example.org"})
        for accept in ("application/json", "application/ld+json", "text/html")
    ]
    assert len({a.data for a in answers}) == 1
    assert all("Vary" not in a.headers for a in answers)
    assert all(a.headers["Access-Control-Allow-Origin"] == "*" for a in answers)


def test_exports_differ_by_url_not_by_headers(article_client):
    csv = article_client.get("/v1/paragraphs?format=csv")
    jsonl = article_client.get("/v1/paragraphs?format=jsonl")
    assert (csv.mimetype, jsonl.mimetype) == ("text/csv", "application/jsonl")
    assert "Vary" not in csv.headers and "Vary" not in jsonl.headers


def test_lifetimes_come_from_the_settings(built_db, monkeypatch):
    monkeypatch.setenv("CLAIMS_CACHE_MAX_AGE", "5")
    client = create_app({"DB": str(built_db), "CACHE_STALE_WHILE_REVALIDATE": 30}).test_client()
    policy = client.get("/v1/paragraphs?limit=1").headers["Cache-Control"]
    assert policy == "public, max-age=5, stale-while-revalidate=30"


@pytest.mark.parametrize("value", ["-1", "a minute", "1.5", ""])
def test_a_lifetime_that_is_not_whole_seconds_stops_the_start(built_db, value):
    with pytest.raises(ValueError, match="CLAIMS_CACHE_MAX_AGE"):
        create_app({"DB": str(built_db), "CACHE_MAX_AGE": value})
