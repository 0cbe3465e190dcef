"""The writable store, on SQLite and on a real PostgreSQL: tokens, annotations, a real server."""

import sqlite3
import uuid

import psycopg
import pytest

from service.serve.annotations.userstore import Conflict, open_user_store
from service.serve.annotations.userstore.base import StoredAnnotation
from tests.support.protocol_client import call, writer_headers
from tests.support.server import start_server


def raw_rows(location: str, sql: str) -> list[tuple]:
    """Read the store's tables directly, around our code."""
    if location.startswith("postgresql://"):
        with psycopg.connect(location) as conn:
            return conn.execute(sql).fetchall()
    with sqlite3.connect(location) as conn:
        return conn.execute(sql).fetchall()


def annotation(id: str, paragraph: str = "p-000000000001") -> StoredAnnotation:
    return StoredAnnotation(
        id=id,
        creator="alice",
        annotation={"id": f"/v1/annotations/{id}", "type": "Annotation"},
        etag=f"e-{id}",
        motivation="commenting tagging",
        targets=[(paragraph, "doc")],
    )


def test_tokens_are_kept_only_as_hashes(location):
    users = open_user_store(location)
    token = users.create_token("alice")
    assert users.token_owner(token) == "alice" and users.token_owner(token + "x") is None
    assert token not in repr(raw_rows(location, "SELECT * FROM tokens"))
    with pytest.raises(Conflict, match="a token named 'alice' exists: revoke it first"):
        users.create_token("alice")
    assert users.revoke_token("alice") and not users.revoke_token("alice")
    assert users.token_owner(token) is None
    again = users.create_token("alice")
    assert users.token_owner(again) == "alice" and users.token_owner(token) is None
    assert [t["name"] for t in users.list_tokens()] == ["alice"]


@pytest.mark.parametrize("name", ["", "has space", "-leading", "x" * 65, "semi;colon"])
def test_token_names_are_checked(location, name):
    with pytest.raises(ValueError, match="a token name is 1 to 64 letters"):
        open_user_store(location).create_token(name)


def test_annotations_page_filter_change_and_delete(location):
    users = open_user_store(location)
    for number in range(5):
        users.add(annotation(f"u-{number}", paragraph=f"p-00000000000{number % 2}"))
    assert users.count({}) == 5 and users.revision() == 5
    assert [a["id"] for a in users.page({}, 1, 2)] == ["/v1/annotations/u-1", "/v1/annotations/u-2"]
    assert users.count({"paragraph": "p-000000000001"}) == 2
    assert users.count({"motivation": "tagging"}) == 5 and users.count({"motivation": "tag"}) == 0
    first = users.on_document("doc", 2)
    assert {p: (total, [a["id"][-3:] for a in shown]) for p, (total, shown) in first.items()} == {
        "p-000000000000": (3, ["u-0", "u-2"]),
        "p-000000000001": (2, ["u-1", "u-3"]),
    }

    replaced = annotation("u-1")
    replaced.annotation["note"], replaced.etag = "changed", "e-new"
    users.change("u-1", lambda current: replaced)
    assert users.get("u-1").annotation["note"] == "changed" and users.get("u-1").etag == "e-new"

    def refuse(current):
        raise RuntimeError("no")

    with pytest.raises(RuntimeError, match=r"^no$"):
        users.change("u-2", refuse)
    assert users.get("u-2").etag == "e-u-2" and users.revision() == 6
    users.change("u-2", lambda current: None)
    assert users.get("u-2").deleted_at is not None and users.count({}) == 4
    assert users.ids() == [f"u-{n}" for n in range(5)]


def test_reopening_keeps_everything(location):
    users = open_user_store(location)
    users.add(annotation("u-kept"))
    assert open_user_store(location).get("u-kept").annotation["type"] == "Annotation"


@pytest.mark.postgres
@pytest.mark.slow  # a real server
def test_a_real_server_writes_to_postgresql_from_two_workers(built_db, postgres_url):
    users = open_user_store(postgres_url)
    token = users.create_token(f"server-{uuid.uuid4().hex[:8]}")
    process, base = start_server(built_db, postgres_url)
    try:
        body = {
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "type": "Annotation",
            "target": f"{base}/v1/paragraphs/p-b64206c87687",
        }
        made = [
            call("POST", f"{base}/v1/annotations/", writer_headers(token), body) for _ in range(6)
        ]
        assert {answer.status for answer in made} == {201}
        for answer in made:
            assert call("GET", answer.body["id"]).body == answer.body
    finally:
        process.terminate()
        process.wait(timeout=10)
    ids = {answer.body["id"].rsplit("/", 1)[1] for answer in made}
    assert ids <= set(users.ids())
