"""Idempotency-Key on POST: a retried write is stored once and answered as at first; a key
reused for another request, still in use, malformed or past its day is told apart."""

import json
import sqlite3
import threading
from datetime import UTC, datetime, timedelta

import pytest

from service import create_app
from service.serve.annotations.userstore.idempotency import IdempotencyKeys, stamp
from service.serve.context import USERS
from service.serve.idempotency import fingerprint
from service.serve.raw_body import raw_body
from tests.support.documents import news_text
from tests.support.protocol_client import JSON_LD

PARAGRAPH = "http://localhost/v1/paragraphs/p-b64206c87687"
PROBLEM = "application/problem+json"
TEXT, METADATA = news_text("pair-velmouth-port-ana")


def note(words: str = "A second source?") -> dict:
    return {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "Annotation",
        "motivation": "commenting",
        "body": {"type": "TextualBody", "value": words},
        "target": PARAGRAPH,
    }


def document(suffix: str = "", id: str | None = None) -> dict:
    return {"text": TEXT + suffix, **METADATA, **({"id": id} if id else {})}


# Each POST that stores something: its path, a body, the media type, the status of a
# write, and the table that holds what it wrote.
ROUTES = {
    "annotation": ("/v1/annotations/", note, JSON_LD, 201, "annotations"),
    "document": ("/v1/documents", document, "application/json", 202, "jobs"),
}


@pytest.fixture
def keyed(built_db, tmp_path):
    """A client of an app with a store of its own, the store's file, and two tokens."""
    store = tmp_path / "store.db"
    app = create_app({"DB": str(built_db), "STORE": str(store)})
    users = app.extensions[USERS]
    return app, store, users.create_token("alice"), users.create_token("bob")


def send(app, route: str, key: str | None, token: str, body=None, path=None):
    """POST a route's body (its default one unless given) with an Idempotency-Key."""
    default_path, make, media, _, _ = ROUTES[route]
    headers = {"Authorization": f"Bearer {token}", "Content-Type": media}
    if key is not None:
        headers["Idempotency-Key"] = key
    data = json.dumps(make() if body is None else body)
    return app.test_client().post(path or default_path, data=data, headers=headers)


def rows(store, table: str) -> int:
    with sqlite3.connect(store) as db:
        return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def age(store, hours: float) -> None:
    """Make every key as old as `hours`, as if it had been sent that long ago."""
    then = stamp(datetime.now(UTC) - timedelta(hours=hours))
    with sqlite3.connect(store) as db:
        db.execute("UPDATE idempotency_keys SET created_at = ?", (then,))


@pytest.mark.parametrize("route", ROUTES)
def test_a_retry_with_its_key_is_stored_once_and_answered_as_the_first_try(keyed, route):
    app, store, alice, _ = keyed
    _, _, _, status, table = ROUTES[route]
    first = send(app, route, "retry-1", alice)
    again = send(app, route, "retry-1", alice)
    assert (first.status_code, again.status_code) == (status, status), first.json
    assert again.get_data() == first.get_data()
    for header in ("Location", "ETag", "Content-Type"):
        assert again.headers[header] == first.headers[header], header
    assert again.headers["Idempotency-Replayed"] == "true"
    assert "Idempotency-Replayed" not in first.headers
    assert again.headers["Cache-Control"] == "no-store"
    assert rows(store, table) == 1


@pytest.mark.parametrize(
    ("first", "second", "body", "path"),
    [
        ("annotation", "annotation", note("Another note."), None),
        ("annotation", "annotation", None, "/v1/annotations/?iris=0"),
        ("annotation", "document", None, None),
        ("document", "document", document(" One more line."), None),
        ("document", "annotation", None, None),
    ],
    ids=["other-body", "other-query", "note-then-document", "other-text", "document-then-note"],
)
def test_a_key_sent_again_with_another_request_is_a_422(keyed, first, second, body, path):
    app, store, alice, _ = keyed
    assert send(app, first, "reused", alice).status_code == ROUTES[first][3]
    answer = send(app, second, "reused", alice, body, path)
    assert answer.status_code == 422, answer.json
    assert answer.mimetype == PROBLEM
    assert answer.json["type"] == "urn:claims:problem:idempotency-key-reused"
    assert rows(store, "annotations") + rows(store, "jobs") == 1


@pytest.mark.parametrize(
    "key",
    ["", "has space", "x" * 256, "clé", "tab\there", "two, keys"],
    ids=["empty", "space", "256-chars", "non-ascii", "tab", "two-keys"],
)
@pytest.mark.parametrize("route", ROUTES)
def test_a_malformed_key_is_a_400_and_stores_nothing(keyed, route, key):
    app, store, alice, _ = keyed
    answer = send(app, route, key.encode("utf-8").decode("latin-1"), alice)
    assert answer.status_code == 400 and answer.mimetype == PROBLEM
    assert answer.json["type"] == "urn:claims:problem:invalid-parameters"
    assert set(answer.json["errors"]) == {"Idempotency-Key"}
    assert rows(store, ROUTES[route][4]) == 0


@pytest.mark.parametrize(
    ("route", "refused", "status"),
    [
        ("annotation", {**note(), "target": "http://localhost/v1/paragraphs/p-000000000000"}, 422),
        ("annotation", {"type": "Annotation"}, 422),
        ("document", {"text": "Le conseil municipal a reporté mardi sa décision."}, 422),
        ("document", {"text": ""}, 422),
    ],
    ids=["unknown-paragraph", "no-target", "not-english", "empty-text"],
)
def test_a_refused_request_leaves_its_key_free_for_the_corrected_one(keyed, route, refused, status):
    app, store, alice, _ = keyed
    _, _, _, stored, table = ROUTES[route]
    assert send(app, route, "fix-and-retry", alice, refused).status_code == status
    corrected = send(app, route, "fix-and-retry", alice)
    assert corrected.status_code == stored, corrected.json
    replayed = send(app, route, "fix-and-retry", alice)
    assert replayed.headers.get("Idempotency-Replayed") == "true"
    assert rows(store, table) == 1


@pytest.mark.parametrize("route", ROUTES)
def test_keys_belong_to_their_token(keyed, route):
    app, store, alice, bob = keyed
    _, _, _, status, table = ROUTES[route]
    body = note() if route == "annotation" else None
    theirs = send(app, route, "shared-key", alice, body)
    bobs = document(" Sent by another.", "sent-by-bob") if route == "document" else body
    mine = send(app, route, "shared-key", bob, bobs)
    assert (theirs.status_code, mine.status_code) == (status, status)
    assert theirs.headers["Location"] != mine.headers["Location"]
    again = send(app, route, "shared-key", bob, bobs)
    assert again.headers["Location"] == mine.headers["Location"]
    assert again.headers["Idempotency-Replayed"] == "true"
    assert rows(store, table) == 2


@pytest.mark.parametrize(("hours", "replayed"), [(23.9, True), (24.1, False)])
@pytest.mark.parametrize("route", ROUTES)
def test_a_key_is_replayed_for_a_day_then_forgotten(keyed, route, hours, replayed):
    app, store, alice, _ = keyed
    _, _, _, status, table = ROUTES[route]
    first = send(app, route, "daily", alice)
    age(store, hours)
    if route == "document" and not replayed:
        # The first job still holds its id and text: a new one needs its own.
        again = send(app, route, "daily", alice, document(" A day later.", "a-day-later"))
    else:
        again = send(app, route, "daily", alice)
    assert again.status_code == status, again.json
    assert (again.headers.get("Idempotency-Replayed") == "true") is replayed
    assert (again.headers["Location"] == first.headers["Location"]) is replayed
    assert rows(store, table) == (1 if replayed else 2)
    assert rows(store, "idempotency_keys") == 1  # the old one was forgotten, not kept


def claimed_as_a_request_would(app, route: str, key: str, token: str, owner: str) -> None:
    """Claim a key as the request `send` makes would, and leave it unanswered: a first
    request still running, or one whose worker died before it wrote."""
    path, make, media, _, _ = ROUTES[route]
    data = json.dumps(make()).encode()
    headers = {"Authorization": f"Bearer {token}", "Content-Type": media}
    with app.test_request_context(path, method="POST", data=data, headers=headers):
        IdempotencyKeys(app.extensions[USERS]).claim(owner, key, fingerprint(raw_body(len(data))))


@pytest.mark.parametrize("route", ROUTES)
def test_a_key_whose_first_request_runs_is_a_409_until_its_claim_lapses(keyed, route):
    app, store, alice, _ = keyed
    _, _, _, status, table = ROUTES[route]
    claimed_as_a_request_would(app, route, "running", alice, "alice")
    busy = send(app, route, "running", alice)
    assert busy.status_code == 409 and busy.mimetype == PROBLEM
    assert busy.json["type"] == "urn:claims:problem:idempotency-key-in-use"
    assert busy.headers["Retry-After"] == "1"
    assert rows(store, table) == 0
    age(store, 61 / 3600)  # a request that old was killed with its worker
    taken_over = send(app, route, "running", alice)
    assert taken_over.status_code == status, taken_over.json
    assert send(app, route, "running", alice).headers["Idempotency-Replayed"] == "true"
    assert rows(store, table) == 1


@pytest.mark.parametrize("route", ROUTES)
def test_the_key_and_the_write_commit_in_one_transaction(keyed, route):
    app, _, alice, _ = keyed
    _, _, _, status, table = ROUTES[route]
    users = app.extensions[USERS]
    users.revision()  # opens this thread's connection, which the test client's requests use
    seen: list[str] = []
    users.connection().set_trace_callback(seen.append)
    try:
        assert send(app, route, "atomic", alice).status_code == status
    finally:
        users.connection().set_trace_callback(None)

    def first(found, after: int = -1) -> int:
        return next(i for i, sql in enumerate(seen) if i > after and found(sql))

    write = first(lambda sql: sql.startswith(f"INSERT INTO {table} "))
    answer = first(lambda sql: sql.startswith("UPDATE idempotency_keys SET status"))
    begin = max(i for i, sql in enumerate(seen[:write]) if sql.startswith("BEGIN"))
    commit = first(lambda sql: sql == "COMMIT", begin)
    assert begin < write < answer < commit, seen


@pytest.mark.parametrize("route", ROUTES)
def test_the_same_request_sent_at_once_is_stored_once(keyed, route):
    app, store, alice, _ = keyed
    _, _, _, status, table = ROUTES[route]
    start, answers = threading.Barrier(6), []

    def post():
        start.wait()
        answers.append(send(app, route, "at-once", alice))

    threads = [threading.Thread(target=post) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert {answer.status_code for answer in answers} <= {status, 409}
    waited = {a.json["type"] for a in answers if a.status_code == 409}
    assert waited <= {"urn:claims:problem:idempotency-key-in-use"}
    written = {a.headers["Location"] for a in answers if a.status_code == status}
    assert len(written) == 1
    again = send(app, route, "at-once", alice)
    assert again.headers["Idempotency-Replayed"] == "true"
    assert again.headers["Location"] in written
    assert rows(store, table) == 1


@pytest.mark.parametrize("route", ROUTES)
def test_browsers_may_send_a_key_and_read_that_an_answer_is_a_replay(keyed, route):
    app, _, alice, _ = keyed
    preflight = app.test_client().options(
        ROUTES[route][0],
        headers={
            "Origin": "https://notebook.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type, idempotency-key",
        },
    )
    assert "idempotency-key" in preflight.headers["Access-Control-Allow-Headers"].lower()
    answer = send(app, route, "from-a-browser", alice)
    assert "Idempotency-Replayed" in answer.headers["Access-Control-Expose-Headers"]
