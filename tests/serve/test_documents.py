"""POST, PUT and DELETE /v1/documents and GET /v1/jobs/{id}: what is queued, who may change
what, and every bad request refused with nothing stored. The publisher is not running here
(tests/serve/test_publisher.py runs it): jobs stay queued."""

import json
import sqlite3
import threading

import pytest

from service.serve.context import JOBS
from tests.support.corpus import DOC_ID, ROOT
from tests.support.database import plan
from tests.support.documents import PROBLEM, app_and_tokens, bearer, news_text, private_corpus

PAGES = ROOT / "tests" / "data" / "html"
TEXT, METADATA = news_text("pair-velmouth-port-ana")
LACHIN = (ROOT / "source_text" / f"{DOC_ID}.txt").read_text(encoding="utf-8")
FRENCH = (
    "Le conseil municipal a reporté mardi sa décision sur le nouveau contrat de ferry, "
    "selon un communiqué publié par la mairie après une longue réunion."
)


@pytest.fixture(scope="module")
def queue_corpus(tmp_path_factory) -> dict:
    """The settings of an app over a private copy of the corpus, built once."""
    return private_corpus(tmp_path_factory.mktemp("documents"))


@pytest.fixture(scope="module")
def served(queue_corpus):
    """A client of the app, and tokens for alice and bob."""
    app, (alice, bob) = app_and_tokens(queue_corpus, "alice", "bob")
    return app.test_client(), alice, bob


def stored(settings: dict) -> tuple:
    """Every job and submitted document in the store, read around the app."""
    with sqlite3.connect(settings["STORE"]) as db:
        jobs = db.execute("SELECT id, state FROM jobs ORDER BY seq").fetchall()
        documents = db.execute("SELECT * FROM submitted_documents ORDER BY 1").fetchall()
    return jobs, documents


def test_a_submitted_text_is_queued_as_a_job_at_its_location(served):
    client, alice, _ = served
    response = client.post("/v1/documents", json={"text": TEXT, **METADATA}, headers=bearer(alice))
    assert response.status_code == 202, response.json
    job = response.json
    assert response.headers["Location"] == f"/v1/jobs/{job['id']}"
    assert response.headers["Cache-Control"] == "no-store"
    assert (job["action"], job["state"], job["step"], job["attempts"]) == (
        "create",
        "queued",
        "queued",
        0,
    )
    assert job["document_id"] == "velmouth-dockers-begin-72-hour-strike-as-pay-talks-collapse"
    assert job["document_url"] == f"/v1/documents/{job['document_id']}"
    assert job["created_at"].endswith("Z") and job["started_at"] is None
    assert (job["finished_at"], job["build_id"], job["error"]) == (None, None, None)
    polled = client.get(response.headers["Location"])
    assert polled.status_code == 200 and polled.json == job
    assert polled.headers["Cache-Control"] == "no-store"
    again = client.get(
        response.headers["Location"], headers={"If-None-Match": polled.headers["ETag"]}
    )
    assert again.status_code == 304
    # Not published yet: nothing is served under its id.
    assert client.get(job["document_url"]).status_code == 404


def test_a_raw_page_is_named_by_its_title_as_claims_add_names_it(served):
    client, alice, _ = served
    page = (PAGES / "ferry-report.html").read_bytes()
    response = client.post(
        "/v1/documents?published=2025-02-11",
        data=page,
        content_type="text/html; charset=utf-8",
        headers=bearer(alice),
    )
    assert response.status_code == 202, response.json
    assert response.json["document_id"] == "island-ferry-fares-to-rise-by-a-fifth-operator-says"


def conflicts():
    """Bodies that take what the corpus or the queue has: (body, document named)."""
    return [
        ({"text": LACHIN, "id": "another-id"}, DOC_ID),  # the corpus's text, byte for byte
        ({"text": "The council met on Tuesday and agreed the budget.", "id": DOC_ID}, DOC_ID),
    ]


@pytest.mark.parametrize(("body", "named"), conflicts(), ids=["same text", "id taken"])
def test_what_the_corpus_has_is_a_409_naming_the_document(served, queue_corpus, body, named):
    client, alice, _ = served
    before = stored(queue_corpus)
    response = client.post("/v1/documents", json=body, headers=bearer(alice))
    assert response.status_code == 409 and response.mimetype == PROBLEM
    assert response.json["type"] == "urn:claims:problem:conflict"
    assert response.json["document_id"] == named and named in response.json["detail"]
    assert stored(queue_corpus) == before


def test_a_text_or_id_already_queued_is_a_409_for_any_token(served, queue_corpus):
    client, alice, bob = served
    text = "The harbour board said on Monday that the new crane would arrive in May."
    first = client.post("/v1/documents", json={"text": text, "id": "crane"}, headers=bearer(alice))
    assert first.status_code == 202
    before = stored(queue_corpus)
    for body in ({"text": text, "id": "crane-again"}, {"text": text + " It did.", "id": "crane"}):
        response = client.post("/v1/documents", json=body, headers=bearer(bob))
        assert response.status_code == 409, response.json
        assert response.json["document_id"] == "crane"
    assert stored(queue_corpus) == before


JSON = "application/json"
BAD_REQUESTS = [
    # content type, body, status, problem type, what the problem names
    (JSON, "{not json", 400, "urn:claims:problem:malformed-body", "body"),
    (JSON, b'{"text": "caf\xe9 bar"}', 400, "urn:claims:problem:malformed-body", "body"),
    ("text/plain", b"\xff\xfe not UTF-8", 400, "urn:claims:problem:malformed-body", "body"),
    (
        JSON,
        {"text": TEXT, "published": "2024-13"},
        400,
        "urn:claims:problem:malformed-body",
        "published",
    ),
    (JSON, {"text": TEXT, "colour": "red"}, 400, "urn:claims:problem:malformed-body", "colour"),
    (JSON, {"text": TEXT, "id": "Not An Id"}, 400, "urn:claims:problem:malformed-body", "id"),
    ("application/xml", "<text/>", 415, "urn:claims:problem:media-type", None),
    (JSON, {"text": ""}, 422, "urn:claims:problem:not-analysable", None),
    ("text/plain", " \n\n\t", 422, "urn:claims:problem:not-analysable", None),
    (
        JSON,
        {"html": (PAGES / "no-article.html").read_text()},
        422,
        "urn:claims:problem:not-analysable",
        None,
    ),
    (JSON, {"text": FRENCH}, 422, "urn:claims:problem:not-analysable", "fr"),
    (JSON, {"text": "x" * 100_001}, 413, "urn:claims:problem:too-large", None),
    ("text/plain", b"x" * (1024 * 1024 + 1), 413, "urn:claims:problem:too-large", None),
]


@pytest.mark.parametrize(("media_type", "body", "status", "type_", "named"), BAD_REQUESTS)
def test_bad_input_is_a_problem_and_stores_nothing(
    served, queue_corpus, media_type, body, status, type_, named
):
    client, alice, _ = served
    before = stored(queue_corpus)
    data = json.dumps(body) if isinstance(body, dict) else body
    response = client.post(
        "/v1/documents", data=data, content_type=media_type, headers=bearer(alice)
    )
    assert response.status_code == status and response.mimetype == PROBLEM, response.json
    assert response.json["type"] == type_
    if status == 400:
        assert list(response.json["errors"]) == [named]
    if named and status == 422:
        assert response.json["language"] == named
    assert response.headers["Cache-Control"] == "no-store"
    assert stored(queue_corpus) == before


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer clm_not-a-token"}, {"Authorization": "Basic YWxpY2U6eA=="}],
    ids=["none", "unknown", "not bearer"],
)
@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_every_write_needs_a_token(served, queue_corpus, headers, method):
    client, *_ = served
    before = stored(queue_corpus)
    path = "/v1/documents" if method == "post" else "/v1/documents/crane"
    response = getattr(client, method)(path, json={"text": TEXT}, headers=headers)
    assert response.status_code == 401 and response.mimetype == PROBLEM
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert stored(queue_corpus) == before


@pytest.fixture(scope="module")
def alices(served):
    """A document alice submitted (still queued)."""
    client, alice, _ = served
    body = {"text": "The ferry operator said on Friday that fares would rise by a tenth."}
    response = client.post("/v1/documents", json={**body, "id": "fares"}, headers=bearer(alice))
    assert response.status_code == 202
    return "fares"


@pytest.mark.parametrize("method", ["put", "delete"])
def test_only_the_token_that_submitted_a_document_may_change_it(
    served, queue_corpus, alices, method
):
    client, _, bob = served
    before = stored(queue_corpus)
    body = {"text": "The ferry operator said on Friday that fares would rise by a fifth."}
    response = getattr(client, method)(f"/v1/documents/{alices}", json=body, headers=bearer(bob))
    assert response.status_code == 403 and response.mimetype == PROBLEM
    assert "'alice'" in response.json["detail"]
    assert stored(queue_corpus) == before


@pytest.mark.parametrize("method", ["put", "delete"])
def test_a_document_not_submitted_over_http_cannot_change_over_http(served, queue_corpus, method):
    client, alice, _ = served
    before = stored(queue_corpus)
    body = {"text": LACHIN + "\nA new last line.\n"}
    response = getattr(client, method)(f"/v1/documents/{DOC_ID}", json=body, headers=bearer(alice))
    assert response.status_code == 403 and "not submitted over HTTP" in response.json["detail"]
    assert stored(queue_corpus) == before


@pytest.mark.parametrize("method", ["put", "delete"])
def test_changing_a_document_that_never_was_is_404(served, method):
    client, alice, _ = served
    response = getattr(client, method)(
        "/v1/documents/no-such-doc", json={"text": TEXT}, headers=bearer(alice)
    )
    assert response.status_code == 404 and response.mimetype == PROBLEM


def test_its_owner_queues_a_revision_and_a_removal_in_order(served, alices):
    client, alice, _ = served
    body = {"text": "The ferry operator said on Friday that fares would rise by a fifth."}
    revised = client.put(f"/v1/documents/{alices}", json=body, headers=bearer(alice))
    assert revised.status_code == 202, revised.json
    assert (revised.json["action"], revised.json["document_id"]) == ("revise", alices)
    removed = client.delete(
        f"/v1/documents/{alices}?reason=withdrawn by its author", headers=bearer(alice)
    )
    assert removed.status_code == 202 and removed.json["action"] == "retire"
    assert removed.headers["Location"] == f"/v1/jobs/{removed.json['id']}"


def test_a_revision_naming_another_document_is_a_400(served, alices):
    client, alice, _ = served
    body = {"text": "Fares will rise.", "id": "not-fares"}
    response = client.put(f"/v1/documents/{alices}", json=body, headers=bearer(alice))
    assert response.status_code == 400 and list(response.json["errors"]) == ["id"]


def test_a_revision_with_another_documents_text_is_a_409(served, alices):
    client, alice, _ = served
    response = client.put(f"/v1/documents/{alices}", json={"text": LACHIN}, headers=bearer(alice))
    assert response.status_code == 409 and response.json["document_id"] == DOC_ID


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/v1/jobs/j-000000000000", 404),
        ("/v1/jobs/nope", 400),
        ("/v1/jobs/j-000000000000?x=1", 400),
    ],
)
def test_unknown_and_malformed_jobs(served, path, status):
    client, *_ = served
    response = client.get(path)
    assert response.status_code == status and response.mimetype == PROBLEM


def test_two_submitters_at_once_both_get_their_jobs(served, queue_corpus):
    client, alice, bob = served
    answers: dict[str, object] = {}

    def submit(name: str, token: str) -> None:
        text = f"The {name} committee said on Monday that the bridge would reopen in June."
        body = {"text": text, "id": f"bridge-{name}"}
        answers[name] = client.application.test_client().post(
            "/v1/documents", json=body, headers=bearer(token)
        )

    threads = [threading.Thread(target=submit, args=pair) for pair in (("a", alice), ("b", bob))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    jobs = client.application.extensions[JOBS]
    for name in ("a", "b"):
        response = answers[name]
        assert response.status_code == 202, response.json
        assert jobs.get(response.json["id"]).document_id == f"bridge-{name}"
    assert {owner.name for owner in (jobs.owner("bridge-a"), jobs.owner("bridge-b"))} == {
        "alice",
        "bob",
    }


def test_the_same_text_is_found_through_an_index(news_client):
    db = news_client.application.config["CLAIMS"]["DB"]  # a corpus of many documents
    steps = plan(db, "SELECT id FROM documents WHERE sha256 = 'x' AND id <> 'y' LIMIT 1")
    assert any("USING INDEX" in step for step in steps), steps


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_a_job_is_read_only(served, alices, method):
    client, alice, _ = served
    job = client.put(
        f"/v1/documents/{alices}", json={"text": "Fares will rise."}, headers=bearer(alice)
    ).json
    response = getattr(client, method)(f"/v1/jobs/{job['id']}", headers=bearer(alice))
    assert response.status_code == 405 and response.mimetype == PROBLEM
    assert set(response.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}
