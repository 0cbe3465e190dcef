"""`creator=` finds one token's annotations: in /v1/annotations (cursor pages and exports) and
in the protocol's container and its numbered pages, narrowed by the other filters."""

import json
import re

import pytest

from service import create_app
from service.serve.context import USERS
from tests.annotations.test_store_plans import GROWING, traced
from tests.support.database import plan
from tests.support.protocol_client import JSON_LD

PARAGRAPH = "p-b64206c87687"  # TASS officials report the opposite...
OTHER_PARAGRAPH = "p-a8942074d4de"
CLAIM = "outposts-dismantled"  # a claim in PARAGRAPH
COLLECTION, CONTAINER = "/v1/annotations", "/v1/annotations/"


def note(target: str, motivation: str, words: str) -> dict:
    return {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "Annotation",
        "motivation": motivation,
        "body": {"type": "TextualBody", "value": words},
        "target": f"http://localhost{target}",
    }


# Who writes what, in this order.
WRITTEN = [
    ("alice", note(f"/v1/paragraphs/{PARAGRAPH}", "commenting", "alice 1")),
    ("bob", note(f"/v1/paragraphs/{PARAGRAPH}", "commenting", "bob 1")),
    ("alice", note(f"/v1/claims/{CLAIM}", "questioning", "alice 2")),
    ("alice", note(f"/v1/paragraphs/{OTHER_PARAGRAPH}", "commenting", "alice 3")),
    ("carol.r@example", note(f"/v1/paragraphs/{PARAGRAPH}", "bookmarking", "carol 1")),
]


@pytest.fixture(scope="module")
def notes_by_tokens(built_db, tmp_path_factory):
    """A client of an app whose store holds WRITTEN, and its store of users."""
    store = tmp_path_factory.mktemp("creator") / "store.db"
    app = create_app({"DB": str(built_db), "STORE": str(store)})
    users, client = app.extensions[USERS], app.test_client()
    tokens = {name: users.create_token(name) for name in dict(WRITTEN)}
    for name, annotation in WRITTEN:
        made = client.post(
            COLLECTION + "/", data=json.dumps(annotation), headers=sent(tokens[name])
        )
        assert made.status_code == 201, made.json
    return client, users


def sent(token: str) -> dict:
    return {"Authorization": f"Bearer {token}", "Content-Type": JSON_LD}


def words(items: list) -> list[str]:
    return [item["body"]["value"] for item in items]


FILTERED = [
    ("creator=alice", ["alice 1", "alice 2", "alice 3"]),
    ("creator=bob", ["bob 1"]),
    ("creator=carol.r@example", ["carol 1"]),
    ("creator=nobody", []),
    ("creator=alice&motivation=commenting", ["alice 1", "alice 3"]),
    ("creator=alice&motivation=questioning", ["alice 2"]),
    # A paragraph's notes include those on its claims.
    (f"creator=alice&paragraph={PARAGRAPH}", ["alice 1", "alice 2"]),
    (
        "creator=alice&document=whats-next-for-the-lachin-corridor",
        ["alice 1", "alice 2", "alice 3"],
    ),
    ("creator=bob&document=harbour-bridge-repairs", []),
]


@pytest.mark.parametrize("path", [COLLECTION, CONTAINER])
@pytest.mark.parametrize(("query", "expected"), FILTERED)
def test_creator_lists_only_what_that_token_wrote(notes_by_tokens, path, query, expected):
    client, _ = notes_by_tokens
    answer = client.get(f"{path}?{query}")
    assert answer.status_code == 200, answer.json
    assert answer.json["total"] == len(expected)
    assert words(answer.json["first"]["items"]) == expected
    assert all("creator" in item for item in answer.json["first"]["items"])


def test_collection_pages_follow_next_through_a_tokens_annotations(notes_by_tokens):
    client, _ = notes_by_tokens
    first = client.get(f"{COLLECTION}?creator=alice&limit=2").json
    assert words(first["first"]["items"]) == ["alice 1", "alice 2"]
    second = client.get(first["first"]["next"]).json
    assert second["type"] == "AnnotationPage" and "next" not in second
    assert words(second["items"]) == ["alice 3"]
    assert "creator=alice" in first["id"] and "creator=alice" in second["partOf"]


def test_container_pages_keep_the_creator_in_their_iris(notes_by_tokens):
    client, _ = notes_by_tokens
    container = client.get(f"{CONTAINER}?creator=alice&limit=2").json
    assert container["id"].endswith("?creator=alice&limit=2")
    page = client.get(container["last"]).json
    assert words(page["items"]) == ["alice 3"] and page["startIndex"] == 2
    assert client.get(page["prev"]).json["items"] == container["first"]["items"]


@pytest.mark.parametrize("form", ["jsonl", "csv"])
def test_collection_exports_a_tokens_annotations(notes_by_tokens, form):
    client, _ = notes_by_tokens
    answer = client.get(f"{COLLECTION}?creator=alice&format={form}")
    assert answer.status_code == 200
    lines = answer.get_data(as_text=True).splitlines()
    if form == "jsonl":
        assert words([json.loads(line) for line in lines]) == ["alice 1", "alice 2", "alice 3"]
    else:
        assert len(lines) == 1 + 3 and "creator.name" in lines[0]


@pytest.mark.parametrize("path", [COLLECTION, CONTAINER])
def test_a_tokens_listing_is_revalidated_and_changes_with_its_writes(notes_by_tokens, path):
    client, users = notes_by_tokens
    name = f"dave-{len(path)}"
    token = users.create_token(name)
    url = f"{path}?creator={name}"
    before = client.get(url)
    assert before.headers["Cache-Control"] == "no-cache" and before.json["total"] == 0
    unchanged = client.get(url, headers={"If-None-Match": before.headers["ETag"]})
    assert unchanged.status_code == 304
    made = note(f"/v1/claims/{CLAIM}", "assessing", "dave 1")
    assert client.post(CONTAINER, data=json.dumps(made), headers=sent(token)).status_code == 201
    after = client.get(url, headers={"If-None-Match": before.headers["ETag"]})
    assert after.status_code == 200 and words(after.json["first"]["items"]) == ["dave 1"]


@pytest.mark.parametrize("path", [COLLECTION, CONTAINER])
@pytest.mark.parametrize("creator", ["", "-alice", "a%20b", "x" * 65, "al/ice"])
def test_a_name_no_token_could_have_is_a_400_naming_creator(notes_by_tokens, path, creator):
    client, _ = notes_by_tokens
    answer = client.get(f"{path}?creator={creator}")
    assert answer.status_code == 400 and answer.mimetype == "application/problem+json"
    assert "token's name" in answer.json["errors"]["creator"][0]


@pytest.mark.parametrize(
    "url",
    [
        f"{COLLECTION}?creator=alice&limit=2",
        f"{COLLECTION}?creator=alice&motivation=commenting&format=jsonl",
        f"{CONTAINER}?creator=alice&limit=2&page=1",
        f"{CONTAINER}?creator=alice&paragraph={PARAGRAPH}",
    ],
)
def test_a_tokens_annotations_are_read_in_order_through_an_index(notes_by_tokens, url):
    client, users = notes_by_tokens
    statements = traced(client, lambda: client.get(url))
    assert any("creator" in sql for sql in statements)
    for sql in statements:
        steps = plan(users.path, sql)
        scanned = [step for step in steps if re.fullmatch(r"SCAN (\w+)", step)]
        assert not [step for step in scanned if step.split()[1] in GROWING], (sql, steps)
        assert not [step for step in steps if "TEMP B-TREE" in step], (sql, steps)
