"""Targets of ours are checked whatever host names them; notes go where the reader shows them."""

import json

import pytest

from service import create_app
from tests.support.protocol_client import JSON_LD

CONTAINER = "/v1/annotations/"
PARAGRAPH = "http://localhost/v1/paragraphs/p-b64206c87687"
CLAIM = "http://localhost/v1/claims/outposts-dismantled"
QUOTE = "TASS officials report the opposite"


@pytest.fixture(scope="module")
def checked(built_db, tmp_path_factory):
    """A client of an app with its own store, a token, and a paragraph of each kind."""
    app = create_app({"DB": str(built_db), "STORE": str(tmp_path_factory.mktemp("t") / "s.db")})
    client = app.test_client()
    token = app.extensions["claims_user_store"].create_token("alice")
    kinds = {}
    for kind in ("heading", "title", "byline", "breadcrumb"):
        kinds[kind] = client.get(f"/v1/paragraphs?kind={kind}&limit=1").json["items"][0]["id"]
    document = client.get(PARAGRAPH).json["document_id"]
    return client, token, kinds, document


def note(target, motivation="commenting", body=True) -> dict:
    """An annotation on a target, with a short note unless told otherwise."""
    made = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "Annotation",
        "motivation": motivation,
        "target": target,
    }
    if body:
        made["body"] = {"type": "TextualBody", "value": "A note.", "format": "text/plain"}
    return made


def on(source, **more) -> dict:
    """A Specific Resource of a source."""
    return {"source": source, **more}


def quote(exact: str, **more) -> dict:
    return {"type": "TextQuoteSelector", "exact": exact, **more}


def position(start: int, end: int, **more) -> dict:
    return {"type": "TextPositionSelector", "start": start, "end": end, **more}


def post(checked, annotation, host=None):
    client, token, kinds, document = checked
    raw = json.dumps(annotation)
    for kind, id in kinds.items():
        raw = raw.replace(f"{{{kind}}}", f"http://localhost/v1/paragraphs/{id}")
    raw = raw.replace("{document}", document)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": JSON_LD}
    if host:
        headers["Host"] = host
    return client.post(CONTAINER, data=raw, headers=headers)


REFUSED = [
    ("another name for this host", note("http://127.0.0.1/v1/paragraphs/p-000000000000"), None),
    ("https for http", note("https://localhost/v1/claims/no-such-claim"), None),
    ("a forged Host", note("http://localhost/v1/paragraphs/p-000000000000"), "evil.example"),
    ("a source object", note(on({"id": "http://localhost/v1/claims/no-such-claim"})), None),
    (
        "a source object on another host",
        note(on({"id": "http://127.0.0.1:8000/v1/paragraphs/p-000000000000", "type": "Text"})),
        None,
    ),
    ("a document on another host", note("http://127.0.0.1/v1/documents/nope"), None),
    (
        "a position refining a quote past its end",
        note(on(PARAGRAPH, selector=quote(QUOTE, refinedBy=position(0, len(QUOTE) + 1)))),
        None,
    ),
    (
        "a quote refining a quote that holds no such words",
        note(on(PARAGRAPH, selector=quote(QUOTE, refinedBy=quote("Kremlin")))),
        None,
    ),
    (
        "a refinement two deep",
        note(
            on(PARAGRAPH, selector=position(0, 20, refinedBy=quote("TASS", refinedBy=quote("X"))))
        ),
        None,
    ),
    ("a quote not in a claim", note(on(CLAIM, selector=quote("words not in it"))), None),
    ("a position past a claim's quote", note(on(CLAIM, selector=position(0, 100000))), None),
    ("a relative scope", note(on(PARAGRAPH, scope="/documents/{document}")), None),
    ("a scope that is no IRI", note(on(PARAGRAPH, scope="somewhere")), None),
    (
        "a scope naming no document",
        note(on(PARAGRAPH, scope="http://localhost/documents/no-such-document")),
        None,
    ),
    (
        "a scope on another host naming no document",
        note(on("https://example.org/page", scope="http://127.0.0.1/v1/documents/nope")),
        None,
    ),
    ("a note on a heading", note("{heading}"), None),
    ("a note on a title", note("{title}"), None),
    ("a described byline without a body", note("{byline}", "describing", body=False), None),
    ("a tag on a breadcrumb", note("{breadcrumb}", "tagging"), None),
    ("a note on a heading, by selector", note(on("{heading}", selector=position(0, 1))), None),
]


@pytest.mark.parametrize(("case", "sent", "host"), REFUSED, ids=[r[0] for r in REFUSED])
def test_targets_are_checked_whatever_names_them(checked, case, sent, host):
    answer = post(checked, sent, host)
    assert answer.status_code == 422, answer.json
    assert answer.mimetype == "application/problem+json"
    assert answer.json["detail"] == "Some targets cannot be annotated."
    assert list(answer.json["errors"]) == ["target"]


def test_a_refused_note_names_the_kinds_that_take_notes(checked):
    answer = post(checked, note("{heading}"))
    assert "notes go on standfirst, body, author_bio" in answer.json["errors"]["target"][0]


ACCEPTED = [
    ("a bookmark on a heading", note("{heading}", "bookmarking", body=False)),
    ("a fitting refinement", note(on(PARAGRAPH, selector=quote(QUOTE, refinedBy=quote("TASS"))))),
    ("a quote in a claim", note(on(CLAIM, selector=position(0, 5)))),
    ("a scope of ours", note(on(PARAGRAPH, scope="http://127.0.0.1/documents/{document}"))),
    ("an external scope", note(on("https://example.org/page", scope="https://example.org/"))),
]


@pytest.mark.parametrize(("case", "sent"), ACCEPTED, ids=[r[0] for r in ACCEPTED])
def test_targets_that_fit_are_stored(checked, case, sent):
    answer = post(checked, sent)
    assert answer.status_code == 201, answer.json
