"""Only representations carry an ETag: errors (and a DELETE's 204) have none, so that no client
sends back in If-Match a tag that names no version of anything."""

import json

import pytest

from service import create_app
from service.serve.context import USERS
from tests.support.protocol_client import JSON_LD

NOTE = {
    "@context": "http://www.w3.org/ns/anno.jsonld",
    "type": "Annotation",
    "motivation": "commenting",
    "body": {"type": "TextualBody", "value": "Is there a second source?"},
    "target": "http://localhost/v1/paragraphs/p-b64206c87687",
}


@pytest.fixture
def one_note(built_db, tmp_path):
    """A client of an app with a store of its own, two tokens and a note by the first."""
    app = create_app({"DB": str(built_db), "STORE": str(tmp_path / "store.db")})
    users, client = app.extensions[USERS], app.test_client()
    alice, bob = users.create_token("alice"), users.create_token("bob")
    made = client.post("/v1/annotations/", data=json.dumps(NOTE), headers=sent(alice))
    assert made.status_code == 201
    return client, alice, bob, made


def sent(token: str | None = None, **more) -> dict:
    authorization = {"Authorization": f"Bearer {token}"} if token else {}
    return {**authorization, "Content-Type": JSON_LD, **more}


def changed(made) -> str:
    return json.dumps({**made.json, "motivation": "questioning"})


ERRORS = {
    "bad parameter": (400, lambda c, a, b, m: c.get("/v1/paragraphs?limit=0")),
    "unknown path": (404, lambda c, a, b, m: c.get("/nope")),
    "unknown claim": (404, lambda c, a, b, m: c.get("/v1/claims/no-such-claim")),
    "method": (405, lambda c, a, b, m: c.delete("/v1/claims")),
    "a build's annotation": (
        405,
        lambda c, a, b, m: c.put("/v1/annotations/a-4764bd5ed3b8", data="{}", headers=sent(a)),
    ),
    "no token": (401, lambda c, a, b, m: c.post("/v1/annotations/", data=json.dumps(NOTE))),
    "not JSON": (400, lambda c, a, b, m: c.post("/v1/annotations/", data="{", headers=sent(a))),
    "not an annotation": (
        422,
        lambda c, a, b, m: c.post("/v1/annotations/", data='{"type": "Note"}', headers=sent(a)),
    ),
    "media type": (
        415,
        lambda c, a, b, m: c.post(
            "/v1/annotations/",
            data=json.dumps(NOTE),
            headers={"Authorization": f"Bearer {a}", "Content-Type": "text/plain"},
        ),
    ),
    "PUT without If-Match": (
        428,
        lambda c, a, b, m: c.put(m.json["id"], data=changed(m), headers=sent(a)),
    ),
    "PUT with a stale If-Match": (
        412,
        lambda c, a, b, m: c.put(
            m.json["id"], data=changed(m), headers=sent(a, **{"If-Match": '"u-stale"'})
        ),
    ),
    "another token's annotation": (
        403,
        lambda c, a, b, m: c.put(
            m.json["id"], data=changed(m), headers=sent(b, **{"If-Match": m.headers["ETag"]})
        ),
    ),
    "a page past the last": (404, lambda c, a, b, m: c.get("/v1/annotations/?page=99")),
}


@pytest.mark.parametrize("case", ERRORS)
def test_an_error_carries_no_etag(one_note, case):
    status, send = ERRORS[case]
    answer = send(*one_note)
    assert answer.status_code == status, answer.get_data(as_text=True)[:300]
    assert answer.mimetype == "application/problem+json"
    assert "ETag" not in answer.headers


def test_a_retry_after_428_needs_the_etag_of_a_read_and_then_succeeds(one_note):
    client, alice, _, made = one_note
    refused = client.put(made.json["id"], data=changed(made), headers=sent(alice))
    assert refused.status_code == 428 and "ETag" not in refused.headers
    current = client.head(made.json["id"]).headers["ETag"]
    done = client.put(
        made.json["id"], data=changed(made), headers=sent(alice, **{"If-Match": current})
    )
    assert done.status_code == 200 and done.headers["ETag"] != current
    stale = client.put(
        made.json["id"], data=changed(made), headers=sent(alice, **{"If-Match": current})
    )
    assert stale.status_code == 412 and "ETag" not in stale.headers


def test_a_delete_answers_204_without_an_etag(one_note):
    client, alice, _, made = one_note
    answer = client.delete(made.json["id"], headers=sent(alice))
    assert answer.status_code == 204 and "ETag" not in answer.headers
