"""Writing annotations: tokens, targets, conditional updates, and bad input that stores nothing."""

import json

import pytest

from service import create_app
from tests.support.protocol_client import JSON_LD
from tests.support.w3c import load_validator

CONTAINER = "/v1/annotations/"
PARAGRAPH = "p-b64206c87687"
BUILT = "a-4764bd5ed3b8"
QUOTE = "TASS officials report the opposite"


@pytest.fixture(scope="module")
def writable(built_db, tmp_path_factory):
    """A client of an app with its own store, its store, and two users' tokens."""
    app = create_app({"DB": str(built_db), "STORE": str(tmp_path_factory.mktemp("w") / "store.db")})
    users = app.extensions["claims_user_store"]
    return app.test_client(), users, users.create_token("alice"), users.create_token("bob")


def headers(token: str, **more) -> dict:
    return {"Authorization": f"Bearer {token}", "Content-Type": JSON_LD, **more}


def note(target, **more) -> dict:
    """An annotation commenting on a target."""
    return {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "Annotation",
        "motivation": "commenting",
        "body": {
            "type": "TextualBody",
            "value": "A second source says so too.",
            "format": "text/plain",
        },
        "target": target,
        **more,
    }


def post(writable, annotation, token=None):
    client, _, alice, _ = writable
    return client.post(CONTAINER, data=json.dumps(annotation), headers=headers(token or alice))


def test_post_names_the_annotation_and_records_who_and_when(writable):
    answer = post(writable, note(f"http://localhost/v1/paragraphs/{PARAGRAPH}", id="urn:x:1"))
    assert answer.status_code == 201
    body = answer.json
    assert body["id"] == answer.headers["Location"]
    assert body["id"].startswith("http://localhost/v1/annotations/u-")
    assert body["creator"] == {"name": "alice"} and body["created"].endswith("Z")
    assert body["via"] == ["urn:x:1"]
    assert answer.headers["ETag"] == writable[0].get(body["id"]).headers["ETag"]


def test_targets_on_this_service_resolve_to_their_paragraph(writable):
    client = writable[0]
    on_claim = post(writable, note("http://localhost/v1/claims/outposts-dismantled")).json
    selected = note(
        {
            "source": f"http://localhost/v1/paragraphs/{PARAGRAPH}",
            "selector": {"type": "TextQuoteSelector", "exact": QUOTE},
        }
    )
    on_words = post(writable, selected).json
    listed = client.get(f"{CONTAINER}?paragraph={PARAGRAPH}&motivation=commenting").json
    ids = [item["id"] for item in listed["first"]["items"]]
    assert on_claim["id"] in ids and on_words["id"] in ids
    elsewhere = client.get(f"{CONTAINER}?paragraph=p-9d5757898be4&motivation=commenting").json
    assert on_claim["id"] not in [item["id"] for item in elsewhere["first"]["items"]]


def test_a_target_on_another_host_is_anyones(writable):
    answer = post(writable, note("https://example.org/articles/p-000000000000"))
    assert answer.status_code == 201


def stored(writable) -> tuple[int, int]:
    """How many annotations the store holds and how many writes it has seen."""
    users = writable[1]
    return len(users.ids()), users.revision()


BAD_TARGETS = [
    ("http://localhost/v1/paragraphs/p-000000000000", "no paragraph"),
    ("http://localhost/v1/claims/no-such-claim", "no claim"),
    ("http://localhost/v1/entities/tass", "a paragraph or a claim"),
    ("http://localhost/v1/paragraphs/p-b64206c87687?x=1", "a paragraph or a claim"),
    (
        {
            "source": f"http://localhost/v1/paragraphs/{PARAGRAPH}",
            "selector": {"type": "TextQuoteSelector", "exact": "words not in it"},
        },
        "not in the paragraph",
    ),
    (
        {
            "source": f"http://localhost/v1/paragraphs/{PARAGRAPH}",
            "selector": {"type": "TextPositionSelector", "start": 5, "end": 100000},
        },
        "TextPositionSelector",
    ),
]


@pytest.mark.parametrize(("target", "says"), BAD_TARGETS)
def test_targets_on_this_service_must_exist_and_fit(writable, target, says):
    before = stored(writable)
    answer = post(writable, note(target))
    assert answer.status_code == 422 and answer.mimetype == "application/problem+json"
    assert list(answer.json["errors"]) == ["target"] and says in answer.json["errors"]["target"][0]
    assert stored(writable) == before


def refused(*, data=b"{}", content_type=JSON_LD, auth="alice"):
    """A request case: what is sent."""
    return {"data": data, "content_type": content_type, "auth": auth}


BAD_POSTS = [
    ("no token", refused(auth=None), 401, None),
    ("a wrong token", refused(auth="Bearer clm_not-a-token"), 401, None),
    ("a scheme other than Bearer", refused(auth="Basic YWxpY2U6c2VjcmV0"), 401, None),
    ("text", refused(content_type="text/plain"), 415, None),
    ("a form", refused(content_type="application/x-www-form-urlencoded"), 415, None),
    ("no media type", refused(content_type=None), 415, None),
    ("not JSON", refused(data=b"{'@context': nope"), 400, "body"),
    ("not UTF-8", refused(data=b'{"a": "\xff"}'), 400, "body"),
    ("NaN", refused(data=b'{"a": NaN}'), 400, "body"),
    ("a JSON array", refused(data=b"[]"), 400, "body"),
    ("a JSON string", refused(data=b'"Annotation"'), 400, "body"),
    ("over 1 MiB", refused(data=b'{"x": "' + b"a" * (1024 * 1024) + b'"}'), 413, None),
    ("no target", refused(data=json.dumps({**note("x"), "target": None}).encode()), 422, "target"),
    (
        "not an Annotation",
        refused(data=json.dumps(note("https://e.org/", type="Note")).encode()),
        422,
        "type",
    ),
    (
        "no @context",
        refused(data=json.dumps({"type": "Annotation", "target": "https://e.org/"}).encode()),
        422,
        "@context",
    ),
    (
        "a relative target",
        refused(data=json.dumps(note("/v1/paragraphs/p-b64206c87687")).encode()),
        422,
        "target",
    ),
    (
        "an unknown motivation",
        refused(data=json.dumps(note("https://e.org/", motivation="flagging")).encode()),
        422,
        "motivation",
    ),
    (
        "a canonical that is no IRI",
        refused(data=json.dumps(note("https://e.org/", canonical="not a uri")).encode()),
        422,
        "canonical",
    ),
    (
        "body and bodyValue",
        refused(data=json.dumps(note("https://e.org/", bodyValue="x")).encode()),
        422,
        "bodyValue",
    ),
]


@pytest.mark.parametrize(
    ("case", "request_", "status", "field"), BAD_POSTS, ids=[c[0] for c in BAD_POSTS]
)
def test_bad_posts_answer_a_problem_and_store_nothing(writable, case, request_, status, field):
    client, _, alice, _ = writable
    token = f"Bearer {alice}" if request_["auth"] == "alice" else request_["auth"]
    sent = {"Authorization": token} if token else {}
    if request_["content_type"]:
        sent["Content-Type"] = request_["content_type"]
    before = stored(writable)
    answer = client.post(CONTAINER, data=request_["data"], headers=sent)
    assert answer.status_code == status, answer.json
    assert answer.mimetype == "application/problem+json" and answer.json["status"] == status
    if field:
        assert field in answer.json["errors"]
    if status == 401:
        assert answer.headers["WWW-Authenticate"].startswith("Bearer")
    assert stored(writable) == before


def test_a_revoked_token_writes_nothing(writable):
    users = writable[1]
    token = users.create_token("carol")
    assert post(writable, note("https://e.org/"), token).status_code == 201
    assert users.revoke_token("carol")
    answer = post(writable, note("https://e.org/"), token)
    assert (
        answer.status_code == 401 and 'error="invalid_token"' in answer.headers["WWW-Authenticate"]
    )


def test_put_needs_the_current_etag(writable):
    client, _, alice, _ = writable
    first = post(writable, note("https://e.org/a"))
    url, etag = first.json["id"], first.headers["ETag"]
    changed = {**first.json, "target": "https://e.org/b"}
    missing = client.put(url, data=json.dumps(changed), headers=headers(alice))
    assert missing.status_code == 428
    done = client.put(url, data=json.dumps(changed), headers=headers(alice, **{"If-Match": etag}))
    assert done.status_code == 200 and done.json["target"] == "https://e.org/b"
    assert done.json["created"] == first.json["created"] and "modified" in done.json
    assert done.headers["ETag"] != etag
    stale = client.put(url, data=json.dumps(changed), headers=headers(alice, **{"If-Match": etag}))
    assert stale.status_code == 412 and stale.json["type"] == "urn:claims:problem:stale-etag"
    assert client.get(url).json == done.json


def test_put_keeps_id_canonical_and_via(writable):
    client, _, alice, _ = writable
    first = post(writable, note("https://e.org/a", canonical="urn:uuid:0f0f"))
    url, etag = first.json["id"], first.headers["ETag"]
    for change, field in (
        ({"canonical": "urn:uuid:1111"}, "canonical"),
        ({"id": "https://e.org/mine"}, "id"),
    ):
        answer = client.put(
            url,
            data=json.dumps({**first.json, **change}),
            headers=headers(alice, **{"If-Match": etag}),
        )
        assert answer.status_code == 422 and field in answer.json["errors"]
    assert client.get(url).headers["ETag"] == etag


def test_only_the_token_that_wrote_an_annotation_changes_it(writable):
    client, _, _, bob = writable
    first = post(writable, note("https://e.org/a"))
    url, etag = first.json["id"], first.headers["ETag"]
    put = client.put(url, data=json.dumps(first.json), headers=headers(bob, **{"If-Match": etag}))
    assert put.status_code == 403
    assert client.delete(url, headers=headers(bob)).status_code == 403
    assert client.get(url).status_code == 200


def test_the_builds_annotations_are_read_only(writable):
    client, _, alice, _ = writable
    url = f"/v1/annotations/{BUILT}"
    body = client.get(url).json
    for answer in (
        client.put(url, data=json.dumps(body), headers=headers(alice, **{"If-Match": "*"})),
        client.delete(url, headers=headers(alice)),
    ):
        assert answer.status_code == 405 and answer.json["type"] == "urn:claims:problem:read-only"
        assert answer.headers["Allow"] == "GET, HEAD, OPTIONS"
    assert client.get(url).json == body


def test_delete_with_a_stale_etag_keeps_the_annotation(writable):
    client, _, alice, _ = writable
    first = post(writable, note("https://e.org/a"))
    url = first.json["id"]
    assert client.delete(url, headers=headers(alice, **{"If-Match": '"u-0"'})).status_code == 412
    assert client.delete(url, headers=headers(alice)).status_code == 204
    gone = client.get(url)
    assert gone.status_code == 410 and gone.json["type"] == "urn:claims:problem:deleted"
    assert client.delete(url, headers=headers(alice)).status_code == 410
    assert (
        client.put(
            url, data=json.dumps(first.json), headers=headers(alice, **{"If-Match": "*"})
        ).status_code
        == 410
    )
    assert url not in [
        i["id"]
        for i in client.get(f"{CONTAINER}?motivation=commenting&limit=500").json["first"]["items"]
    ]


def test_a_write_changes_the_containers_etag(writable):
    client = writable[0]
    before = client.get(CONTAINER)
    assert (
        client.get(CONTAINER, headers={"If-None-Match": before.headers["ETag"]}).status_code == 304
    )
    post(writable, note("https://e.org/c"))
    after = client.get(CONTAINER, headers={"If-None-Match": before.headers["ETag"]})
    assert after.status_code == 200 and after.json["total"] == before.json["total"] + 1


def test_written_annotations_pass_the_w3c_checks(writable, tmp_path, capsys):
    module, checker = load_validator()
    page = writable[0].get(f"{CONTAINER}?motivation=commenting&limit=500").json
    path = tmp_path / "collection.json"
    path.write_text(json.dumps(page))
    assert len(page["first"]["items"]) > 3
    assert module.validate_file(checker, path, should=True, quiet=True) is True
    output = capsys.readouterr().out
    assert "FAIL" not in output and "WARN" not in output, output
