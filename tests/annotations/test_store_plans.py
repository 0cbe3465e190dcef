"""The writable store's queries read through indexes: a write's quota check, an idempotency
key's lookups and a page of notes never scan a table that grows with what users write."""

import json
import re

import pytest

from service import create_app
from service.serve.context import USERS
from tests.support.corpus import DOC_ID
from tests.support.database import plan
from tests.support.protocol_client import JSON_LD

PARAGRAPH = "p-b64206c87687"
GROWING = {"annotations", "annotation_targets", "idempotency_keys"}
NOTE = {
    "@context": "http://www.w3.org/ns/anno.jsonld",
    "type": "Annotation",
    "motivation": "commenting",
    "body": {"type": "TextualBody", "value": "Is there a second source?"},
    "target": f"http://localhost/v1/paragraphs/{PARAGRAPH}",
}


@pytest.fixture(scope="module")
def written(built_db, tmp_path_factory):
    """A client of an app whose store holds notes by several tokens; a token, one of its
    notes, and the store's file."""
    store = tmp_path_factory.mktemp("plans") / "store.db"
    app = create_app({"DB": str(built_db), "STORE": str(store)})
    users, client = app.extensions[USERS], app.test_client()
    for name in ("alice", "bob", "carol"):
        token = users.create_token(name)
        for _ in range(3):
            made = client.post("/v1/annotations/", data=json.dumps(NOTE), headers=sent(token))
            assert made.status_code == 201
    return client, token, made, store


def sent(token: str, **more) -> dict:
    return {"Authorization": f"Bearer {token}", "Content-Type": JSON_LD, **more}


def traced(client, request) -> list[str]:
    """Send a request; return the statements it ran on the store, other than BEGIN and
    COMMIT."""
    users = client.application.extensions[USERS]
    users.revision()  # opens this thread's connection, which the client's requests use
    seen: list[str] = []
    users.connection().set_trace_callback(seen.append)
    try:
        answer = request()
    finally:
        users.connection().set_trace_callback(None)
    assert answer.status_code < 400, answer.get_data(as_text=True)[:300]
    return [sql for sql in seen if sql.split()[0].upper() in ("SELECT", "UPDATE", "DELETE")]


REQUESTS = {
    "post-a-note": lambda client, token, made: client.post(
        "/v1/annotations/", data=json.dumps(NOTE), headers=sent(token)
    ),
    "post-with-a-key": lambda client, token, made: client.post(
        "/v1/annotations/", data=json.dumps(NOTE), headers=sent(token, **{"Idempotency-Key": "k"})
    ),
    "replace-a-note": lambda client, token, made: client.put(
        made.headers["Location"],
        data=json.dumps({**NOTE, "motivation": "questioning"}),
        headers=sent(token, **{"If-Match": made.headers["ETag"]}),
    ),
    "read-a-page-of-notes": lambda client, token, made: client.get(
        f"/documents/{DOC_ID}/notes/{PARAGRAPH}"
    ),
}


@pytest.mark.parametrize("name", REQUESTS)
def test_the_store_is_read_through_indexes(written, name):
    client, token, made, store = written
    statements = traced(client, lambda: REQUESTS[name](client, token, made))
    assert statements
    for sql in statements:
        steps = plan(store, sql)
        scanned = [step for step in steps if re.fullmatch(r"SCAN (\w+)", step)]
        assert not [step for step in scanned if step.split()[1] in GROWING], (sql, steps)
