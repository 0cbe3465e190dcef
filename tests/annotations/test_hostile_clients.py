"""Requests a hostile client can send: each is a problem document, never a 500 or a stall."""

import base64
import json

import pytest

from service import create_app
from tests.support.corpus import COLLECTIONS
from tests.support.protocol_client import JSON_LD

CONTAINER = "/v1/annotations/"
PARAGRAPH = "http://localhost/v1/paragraphs/p-b64206c87687"
CLAIM = "http://localhost/v1/claims/outposts-dismantled"
PROBLEM = "application/problem+json"
# Every collection whose cursor holds an integer (the documents' holds their id).
COUNTED = [url for url in COLLECTIONS if url != "/v1/documents"]


@pytest.fixture(scope="module")
def guarded(built_db, tmp_path_factory):
    """A client of an app with its own store, and a token for it."""
    app = create_app({"DB": str(built_db), "STORE": str(tmp_path_factory.mktemp("h") / "s.db")})
    users = app.extensions["claims_user_store"]
    return app.test_client(), users


def headers(token: str, **more) -> dict:
    return {"Authorization": f"Bearer {token}", "Content-Type": JSON_LD, **more}


def text_body(value: str) -> dict:
    return {"type": "TextualBody", "value": value, "format": "text/plain"}


def annotation(body=None, target=PARAGRAPH, **more) -> dict:
    """A commenting annotation, by default with one short note on a paragraph."""
    return {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "Annotation",
        "motivation": "commenting",
        "body": text_body("A note.") if body is None else body,
        "target": target,
        **more,
    }


def post(guarded, token: str, data) -> object:
    client, _ = guarded
    raw = data if isinstance(data, str) else json.dumps(data)
    return client.post(CONTAINER, data=raw, headers=headers(token))


def nested(depth: int) -> str:
    """An annotation whose body holds lists nested `depth` deep, as raw JSON text."""
    body = '{"type": "TextualBody", "value": "x", "x": ' + "[" * depth + "]" * depth + "}"
    return json.dumps(annotation()).replace(json.dumps(text_body("A note.")), body)


def problem(answer, status: int) -> dict:
    assert answer.status_code == status, answer.get_data(as_text=True)[:300]
    assert answer.mimetype == PROBLEM
    return answer.json


@pytest.mark.parametrize(
    ("sent", "status", "field"),
    [
        (annotation(body=[text_body(f"n{i}") for i in range(101)]), 422, "body"),
        (annotation(body=[text_body(f"n{i}") for i in range(5000)]), 422, "body"),
        (annotation(body={"type": "Choice", "items": [text_body("x")] * 101}), 422, "body"),
        (annotation(target=[CLAIM] * 101), 422, "target"),
        (annotation(target=[CLAIM] * 20000), 422, "target"),
        (annotation(body=[text_body(f"n{i}") for i in range(100)]), 201, None),
        (annotation(target=[f"https://example.org/{i}" for i in range(100)]), 201, None),
    ],
    ids=[
        "101-bodies",
        "5000-bodies",
        "choice-of-101",
        "101-targets",
        "20000-targets",
        "100-bodies",
        "100-targets",
    ],
)
def test_bodies_and_targets_are_bounded(guarded, sent, status, field):
    _, users = guarded
    answer = post(guarded, users.create_token(f"b{id(sent)}"), sent)
    if status == 201:
        assert answer.status_code == 201
        return
    assert set(problem(answer, status)["errors"]) == {field}


@pytest.mark.parametrize(
    ("sent", "status"),
    [
        (annotation(body=text_body("é" * (32 * 1024))), 201),  # 64 KiB as UTF-8
        (annotation(body=text_body("é" * (32 * 1024) + "x")), 413),
        (annotation(body=[text_body("x"), text_body("x" * (64 * 1024 + 1))]), 413),
        (annotation(body=None, bodyValue="x" * (64 * 1024 + 1)) | {"body": None}, 413),
    ],
    ids=["64-kib", "over-64-kib", "second-body-over", "bodyValue-over"],
)
def test_one_note_is_bounded(guarded, sent, status):
    _, users = guarded
    if sent.get("body") is None:
        sent = {k: v for k, v in sent.items() if k != "body"}
    answer = post(guarded, users.create_token(f"n{id(sent)}"), sent)
    assert answer.status_code == status, answer.get_data(as_text=True)[:300]


def test_a_token_stores_at_most_its_allowance(guarded):
    _, users = guarded
    token = users.create_token("hoarder")
    big = annotation(body=[text_body("x" * 60_000) for _ in range(16)])  # ~960 KB each
    answers = [post(guarded, token, big).status_code for _ in range(12)]
    assert answers[:10] == [201] * 10 and answers[-1] == 403
    refused = post(guarded, token, big)
    assert problem(refused, 403)["type"] == "urn:claims:problem:quota"
    assert post(guarded, users.create_token("someone-else"), big).status_code == 201


@pytest.mark.parametrize(
    "sent",
    [
        annotation(body=text_body("\ud800")),
        annotation(body=text_body("ok"), target={"source": PARAGRAPH, "\udfff": 1}),
        nested(487),
        nested(700),
        nested(989),
    ],
    ids=["lone-surrogate-value", "lone-surrogate-key", "nested-487", "nested-700", "nested-989"],
)
def test_bodies_that_crashed_are_bad_requests(guarded, sent):
    _, users = guarded
    answer = post(guarded, users.create_token(f"s{id(sent)}"), sent)
    assert problem(answer, 400)["type"] == "urn:claims:problem:malformed-body"


def oversized(cursor: str) -> str:
    """Put 2**64 in every integer of a cursor's key: JSON carries it, SQL cannot."""
    name, key = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    keys = key if isinstance(key, list) else [key]
    assert any(isinstance(k, int) for k in keys), f"{name}'s key has no integer: {key}"
    key = [2**64 if isinstance(k, int) else k for k in keys] if isinstance(key, list) else 2**64
    raw = json.dumps([name, key], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


@pytest.mark.parametrize("route", [*COUNTED, "/v1/claims?format=csv"])
def test_a_cursor_past_64_bits_is_a_bad_request(guarded, route):
    client, _ = guarded
    base = route.split("?format")[0]
    first = client.get(base + ("&" if "?" in base else "?") + "limit=1")
    cursor = first.json["next"] if "next" in first.json else first.json["first"]["next"]
    token = cursor.split("cursor=")[1].split("&")[0]
    answer = client.get(route + ("&" if "?" in route else "?") + f"cursor={oversized(token)}")
    assert set(problem(answer, 400)["errors"]) == {"cursor"}


@pytest.mark.parametrize(
    "query",
    [
        "/v1/claims?limit=٥",
        "/v1/claims?limit=５",
        "/v1/claims?limit=1_0",
        "/v1/claims?limit=%205",
        "/v1/claims?limit=%2B5",
        "/v1/annotations/?limit=٥",
        "/v1/annotations/?page=０",
        "/v1/annotations/?iris=１",
        "/v1/annotations/?page=1_0",
    ],
)
def test_integers_are_ascii_digits(guarded, query):
    client, _ = guarded
    name = query.split("?")[1].split("=")[0]
    assert set(problem(client.get(query), 400)["errors"]) == {name}


@pytest.mark.parametrize("query", ["/v1/claims?limit=5", "/v1/annotations/?page=0&iris=1"])
def test_ascii_integers_still_read(guarded, query):
    assert guarded[0].get(query).status_code == 200
