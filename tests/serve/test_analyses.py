"""POST /v1/analyses: a text analysed as the build would, answered in the corpus's shapes,
with nothing stored; its bad requests, its token mode and its bounded pool."""

import hashlib
import json
import shutil
import sqlite3
import subprocess
import sys
from contextlib import ExitStack

import pytest
import yaml

from service import create_app
from service.corpus.extract import extract_article
from service.serve.context import ANALYSES, USERS
from tests.support.corpus import ROOT, run_build

PROBLEM = "application/problem+json"
MALFORMED = "urn:claims:problem:malformed-body"
INVALID = "urn:claims:problem:invalid-parameters"
PAGES = ROOT / "tests" / "data" / "html"
TITLE = "Port council delays ferry contract"
NEWS = f"""{TITLE}

BERGEN, March 3 (Wire) - The port council has delayed its decision on the new ferry contract \
until the summer.

"We need more time to read the bids," council chair Ingrid Halvorsen told reporters on Tuesday.

The contract is worth 40 million crowns, according to council documents.
"""
# Published on a Wednesday: "on Tuesday" is the day before.
METADATA = {"title": TITLE, "publisher": "Coastal Wire", "published": "2024-03-06"}
# A paragraph in each of eight other languages: the first the language file has of each.
LANGUAGES = ("ru", "uk", "hy", "az", "tr", "fr", "de", "es")
ROWS = [
    line.split("\t", 1)
    for line in (ROOT / "tests/data/languages.tsv").read_text(encoding="utf-8").splitlines()
    if line.strip()
]
FOREIGN = {code: next(text for c, text in ROWS if c == code) for code in LANGUAGES}


@pytest.fixture(scope="module")
def client(built_db, tmp_path_factory):
    """A client of the app over the built database, analyses open."""
    store = tmp_path_factory.mktemp("analyses") / "store.db"
    config = {
        "DB": str(built_db),
        "STORE": str(store),
        "ANNOTATIONS_DIR": str(ROOT / "annotations"),
    }
    return create_app(config).test_client()


def app_with(built_db, tmp_path, **options):
    """An app over the built database with analysis settings of its own."""
    config = {"DB": str(built_db), "STORE": str(tmp_path / "store.db")}
    return create_app({**config, "ANNOTATIONS_DIR": str(ROOT / "annotations"), **options})


@pytest.fixture(scope="module")
def news(client):
    """The analysis of the short news text."""
    response = client.post("/v1/analyses", json={"text": NEWS, **METADATA})
    assert response.status_code == 200, response.json
    return response.json


def test_a_quote_with_a_named_speaker_is_an_attributed_claim_of_that_source(news):
    [claim] = [c for c in news["claims"] if "We need more time" in c["quote"]]
    assert claim["sourcing"]["status"] == "attributed"
    assert [s["name"] for s in claim["sourcing"]["sources"]] == ["Ingrid Halvorsen"]
    assert claim["sourcing"]["cue"]["text"] == "told"
    assert claim["proposition"] == "We need more time to read the bids"
    [paragraph] = [p for p in news["paragraphs"] if p["id"] == claim["paragraph_id"]]
    assert paragraph["text"][claim["start"] : claim["end"]] == claim["quote"]


@pytest.mark.parametrize(
    ("text", "value"),
    [("March 3", "2024-03-03"), ("Tuesday", "2024-03-05")],  # the dateline; a weekday
)
def test_dates_are_normalised_to_iso_values(news, text, value):
    [date] = [d for d in news["dates"] if d["text"] == text]
    assert (date["type"], date["value"], date["anchor"]) == ("DATE", value, "published")


def test_document_is_named_like_claims_add_and_says_its_language(news):
    document = news["document"]
    assert document["id"] == "port-council-delays-ferry-contract"
    assert (document["language"], document["published"]) == ("en", "2024-03-06")
    assert document["sha256"] == hashlib.sha256(NEWS.encode()).hexdigest()
    assert all(item["document_id"] == document["id"] for item in news["paragraphs"])


@pytest.mark.parametrize(
    "metadata",
    [METADATA, {"id": "ferry-contract", "author": "Kari Nes"}],
    ids=["named by title", "named by id"],
)
def test_analysis_is_what_the_corpus_serves_after_a_build_of_the_text(client, tmp_path, metadata):
    analysis = client.post("/v1/analyses", json={"text": NEWS, **metadata}).json
    doc_id = analysis["document"]["id"]
    sources, annotations = tmp_path / "source_text", tmp_path / "annotations"
    sources.mkdir()
    annotations.mkdir()
    for name in ("entities.yaml", "sources.yaml"):
        shutil.copy(ROOT / "annotations" / name, annotations)
    (sources / f"{doc_id}.txt").write_text(NEWS, encoding="utf-8")
    record = {k: v for k, v in metadata.items() if k != "id"}
    (sources / f"{doc_id}.yaml").write_text(yaml.safe_dump(record), encoding="utf-8")
    run_build(sources, annotations, tmp_path / "claims.db")
    built = create_app({"DB": str(tmp_path / "claims.db"), "STORE": str(tmp_path / "s.db")})
    corpus = built.test_client()

    def listed(collection: str) -> list:
        return corpus.get(f"/v1/{collection}?document={doc_id}&limit=500").json["items"]

    paragraph_ids = [p["id"] for p in listed("paragraphs")]
    assert [p["id"] for p in analysis["paragraphs"]] == paragraph_ids
    assert analysis["paragraphs"] == [corpus.get(f"/v1/paragraphs/{i}").json for i in paragraph_ids]
    assert analysis["document"] == corpus.get(f"/v1/documents/{doc_id}").json
    for collection in ("entities", "dates", "claims", "contests", "checks"):
        assert analysis[collection] == listed(collection), collection


def test_json_and_plain_text_bodies_agree(client, news):
    response = client.post(
        "/v1/analyses", query_string=METADATA, data=NEWS.encode(), content_type="text/plain"
    )
    assert response.status_code == 200
    assert response.json == news


def test_an_html_page_is_read_as_claims_add_reads_it(client):
    page = (PAGES / "ferry-report.html").read_bytes()
    analysis = client.post("/v1/analyses", json={"html": page.decode()}).json
    raw = client.post("/v1/analyses", data=page, content_type="text/html; charset=utf-8")
    assert raw.json == analysis
    article = extract_article(page)
    assert [p["text"] for p in analysis["paragraphs"]] == article.text.strip().split("\n\n")
    document = analysis["document"]
    assert document["id"] == "island-ferry-fares-to-rise-by-a-fifth-operator-says"
    assert (document["author"], document["publisher"], document["published"]) == (
        "Maren Holt",
        "The Coastal Courier",
        "2025-02-11",
    )
    links = [(link["text"], link["href"]) for p in analysis["paragraphs"] for link in p["links"]]
    assert ("already risen twice", "https://coastalcourier.example/news/2024/06/fares") in links
    risen = next(c for c in analysis["claims"] if "risen twice" in c["quote"])
    assert risen["sourcing"]["status"] == "linked"
    assert risen["fragment_url"].startswith("https://coastalcourier.example/news/2025/02/")


def test_metadata_sent_overrides_what_the_page_says(client):
    page = (PAGES / "ferry-report.html").read_text(encoding="utf-8")
    body = {"html": page, "title": "Ferry fares", "published": "2025-02"}
    document = client.post("/v1/analyses", json=body).json["document"]
    assert (document["id"], document["title"], document["published"]) == (
        "ferry-fares",
        "Ferry fares",
        "2025-02",
    )
    assert document["author"] == "Maren Holt"


@pytest.mark.parametrize(("code", "text"), FOREIGN.items(), ids=list(FOREIGN))
def test_a_text_not_in_english_is_a_422_naming_its_language(client, code, text):
    response = client.post("/v1/analyses", json={"text": text})
    assert response.status_code == 422 and response.mimetype == PROBLEM
    assert response.json["type"] == "urn:claims:problem:not-analysable"
    assert response.json["language"] == code
    assert f"({code}), not English" in response.json["detail"]


def test_a_page_with_no_article_is_a_422(client):
    page = (PAGES / "no-article.html").read_text(encoding="utf-8")
    response = client.post("/v1/analyses", json={"html": page})
    assert response.status_code == 422 and "No article text" in response.json["detail"]


@pytest.mark.parametrize(
    ("media_type", "body"),
    [
        ("application/json", '{"text": ""}'),
        ("application/json", '{"html": "   "}'),
        ("text/plain", ""),
        ("text/plain", " \n\n\t"),
    ],
)
def test_an_empty_text_is_a_422_as_it_is_for_documents(client, media_type, body):
    response = client.post("/v1/analyses", data=body, content_type=media_type)
    assert response.status_code == 422 and response.mimetype == PROBLEM
    assert response.json["type"] == "urn:claims:problem:not-analysable"
    assert "empty" in response.json["detail"]


JSON = "application/json"
TEXT = "text/plain"
BAD_REQUESTS = [
    # content type, query, body, problem type, the member or parameter named
    (JSON, "", {}, MALFORMED, "text"),
    (JSON, "", {"text": NEWS, "html": "<p>a</p>"}, MALFORMED, "text"),
    (JSON, "", {"text": None}, MALFORMED, "text"),
    (JSON, "", {"text": 42}, MALFORMED, "text"),
    (JSON, "", {"text": "The council\x00 met."}, MALFORMED, "text"),
    (JSON, "", '{"text": "The council met \\ud800."}', MALFORMED, "text"),
    (JSON, "", {"text": NEWS, "published": "2023-13"}, MALFORMED, "published"),
    (JSON, "", {"text": NEWS, "published": "2023-02-30"}, MALFORMED, "published"),
    (JSON, "", {"text": NEWS, "published": "March 2023"}, MALFORMED, "published"),
    (JSON, "", {"text": NEWS, "published": "0000"}, MALFORMED, "published"),
    (JSON, "", {"text": NEWS, "published": 2023}, MALFORMED, "published"),
    (JSON, "", {"text": NEWS, "url": "ftp://files.example/a.txt"}, MALFORMED, "url"),
    (JSON, "", {"text": NEWS, "id": "Not An Id"}, MALFORMED, "id"),
    (JSON, "", {"text": NEWS, "title": ""}, MALFORMED, "title"),
    (JSON, "", {"text": NEWS, "colour": "red"}, MALFORMED, "colour"),
    (JSON, "", "not json", MALFORMED, "body"),
    (JSON, "", "[1, 2]", MALFORMED, "body"),
    (JSON, "", '{"text": NaN}', MALFORMED, "body"),
    (JSON, "title=Ferry", {"text": NEWS}, INVALID, "title"),  # JSON's metadata is in the body
    (TEXT, "published=2023-13", NEWS, INVALID, "published"),
    (TEXT, "colour=red", NEWS, INVALID, "colour"),
    (TEXT, "title=a&title=b", NEWS, INVALID, "title"),
    (TEXT, "", b"\xff\xfe not UTF-8", MALFORMED, "body"),
    (f"{TEXT}; charset=no-such-charset", "", NEWS, MALFORMED, "body"),
]


@pytest.mark.parametrize(("media_type", "query", "body", "type_", "member"), BAD_REQUESTS)
def test_bad_requests_are_400_problems_naming_the_member(
    client, media_type, query, body, type_, member
):
    data = json.dumps(body) if isinstance(body, dict) else body
    response = client.post(f"/v1/analyses?{query}", data=data, content_type=media_type)
    assert response.status_code == 400 and response.mimetype == PROBLEM
    assert (response.json["type"], list(response.json["errors"])) == (type_, [member])
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize(
    "media_type",
    [
        None,
        "application/xml",
        "application/x-www-form-urlencoded",
        "text/csv",
        "application/ld+json",
    ],
)
def test_other_media_types_are_415_naming_those_taken(client, media_type):
    headers = {"Content-Type": media_type} if media_type else {}
    response = client.post("/v1/analyses", data=NEWS.encode(), headers=headers)
    assert response.status_code == 415 and response.mimetype == PROBLEM
    assert response.headers["Accept-Post"] == "application/json, text/plain, text/html"


@pytest.mark.parametrize("media_type", [JSON, TEXT])
def test_a_body_over_the_limit_is_413(client, media_type):
    body = b" " * (1024 * 1024 + 1)
    response = client.post("/v1/analyses", data=body, content_type=media_type)
    assert response.status_code == 413 and response.mimetype == PROBLEM


def test_the_limit_is_a_setting_and_a_body_at_it_is_analysed(built_db, tmp_path):
    client = app_with(built_db, tmp_path, ANALYSIS_MAX_BYTES="400").test_client()
    at_limit = NEWS.encode().ljust(400)
    assert client.post("/v1/analyses", data=at_limit, content_type=TEXT).status_code == 200
    over = at_limit + b" "
    assert client.post("/v1/analyses", data=over, content_type=TEXT).status_code == 413


def test_a_text_over_the_character_limit_is_413_naming_both_lengths(built_db, tmp_path):
    client = app_with(built_db, tmp_path, ANALYSIS_MAX_CHARS=str(len(NEWS))).test_client()
    assert client.post("/v1/analyses", json={"text": NEWS}).status_code == 200
    response = client.post("/v1/analyses", json={"text": NEWS + " More."})
    assert response.status_code == 413 and response.mimetype == PROBLEM
    assert str(len(NEWS)) in response.json["detail"]
    assert str(len(NEWS) + 6) in response.json["detail"]


def test_token_mode_asks_for_a_bearer_token(built_db, tmp_path):
    app = app_with(built_db, tmp_path, ANALYSES="token")
    token = app.extensions[USERS].create_token("analyst")
    client = app.test_client()
    for headers in ({}, {"Authorization": "Bearer not-a-token"}, {"Authorization": "Basic x"}):
        response = client.post("/v1/analyses", json={"text": NEWS}, headers=headers)
        assert response.status_code == 401 and response.mimetype == PROBLEM
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
    response = client.post(
        "/v1/analyses", json={"text": NEWS}, headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 200


@pytest.mark.parametrize("slots", [1, 2, 3])
def test_when_every_slot_is_taken_the_answer_is_429_with_retry_after(built_db, tmp_path, slots):
    app = app_with(built_db, tmp_path, ANALYSIS_SLOTS=str(slots))
    pool, client = app.extensions[ANALYSES], app.test_client()
    with ExitStack() as held:  # the slots other requests would hold, taken through the app's pool
        for _ in range(slots - 1):
            held.enter_context(pool.slot())
        assert client.post("/v1/analyses", json={"text": NEWS}).status_code == 200
        held.enter_context(pool.slot())
        busy = client.post("/v1/analyses", json={"text": NEWS})
    assert busy.status_code == 429 and busy.mimetype == PROBLEM
    assert busy.json["type"] == "urn:claims:problem:busy"
    assert busy.headers["Retry-After"].isdigit()
    assert "Retry-After" in busy.headers["Access-Control-Expose-Headers"]
    assert client.post("/v1/analyses", json={"text": NEWS}).status_code == 200


def test_nothing_is_written_anywhere(client, built_db):
    def state() -> tuple:
        with sqlite3.connect(f"file:{built_db}?mode=ro", uri=True) as db:
            tables = [
                row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            ]
            counts = {t: db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
        files = sorted(str(p) for p in (ROOT / "annotations").rglob("*"))
        revision = client.application.extensions[USERS].revision()
        return hashlib.sha256(built_db.read_bytes()).hexdigest(), counts, files, revision

    before = state()
    page = (PAGES / "ferry-report.html").read_text(encoding="utf-8")
    for body in ({"text": NEWS, **METADATA}, {"html": page}, {"text": NEWS, "id": "x"}):
        assert client.post("/v1/analyses", json=body).status_code == 200
    assert state() == before


def test_answers_are_not_cached_and_carry_cors_and_an_etag_of_their_body(client):
    first = client.post("/v1/analyses", json={"text": NEWS})
    other = client.post("/v1/analyses", json={"text": NEWS, "publisher": "Coastal Wire"})
    assert first.headers["Cache-Control"] == "no-store"
    assert first.headers["Access-Control-Allow-Origin"] == "*"
    assert first.headers["ETag"] and first.headers["ETag"] != other.headers["ETag"]


def test_a_browser_may_send_a_text_across_origins(client):
    response = client.options(
        "/v1/analyses",
        headers={
            "Origin": "https://notebook.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "Content-Type, Authorization",
        },
    )
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in response.headers["Access-Control-Allow-Methods"]


@pytest.mark.parametrize("method", ["get", "put", "patch", "delete"])
def test_other_methods_answer_405_with_allow(client, method):
    response = getattr(client, method)("/v1/analyses")
    assert response.status_code == 405 and response.mimetype == PROBLEM
    assert set(response.headers["Allow"].split(", ")) == {"OPTIONS", "POST"}


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        ("ANALYSES", "closed"),
        ("ANALYSIS_SLOTS", "0"),
        ("ANALYSIS_SLOTS", "two"),
        ("ANALYSIS_MAX_BYTES", "1e6"),
    ],
)
def test_a_malformed_setting_stops_the_app_at_start_up(built_db, tmp_path, setting, value):
    with pytest.raises(ValueError, match=f"CLAIMS_{setting}"):
        app_with(built_db, tmp_path, **{setting: value})


def test_the_model_loads_at_the_first_analysis_not_at_start_up(built_db, tmp_path):
    script = (
        "import sys\n"
        "from service import create_app\n"
        f"app = create_app({{'DB': {str(built_db)!r}, 'STORE': {str(tmp_path / 's.db')!r}}})\n"
        "client = app.test_client()\n"
        "assert client.get('/v1/paragraphs').status_code == 200\n"
        "print('spacy' in sys.modules)\n"
        "response = client.post('/v1/analyses', json={'text': 'The mayor said so.'})\n"
        "assert response.status_code == 200\n"
        "print('spacy' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.split() == ["False", "True"]
