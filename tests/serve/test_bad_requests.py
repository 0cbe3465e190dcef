"""Bad requests on every route answer RFC 9457 problem documents that name what is wrong."""

import base64
import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from tests.support.corpus import DOC_ID, ROOT

PROBLEM = "application/problem+json"
INVALID = ("urn:claims:problem:invalid-parameters", "Invalid request parameters")
NOT_FOUND = ("about:blank", "Not Found")
SPEC_METHODS = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))["paths"]
# Paths whose bad requests are tabled in their own modules: a POST's are bodies
# (test_analyses), a job's need a job of the store (test_documents).
OWN_MODULES = {"/v1/analyses", "/v1/jobs/{id}"}
SPEC_PATHS = [path for path in SPEC_METHODS if path not in OWN_MODULES]

# Every collection, with whatever it needs to answer 200.
COLLECTIONS = {
    "documents": "/v1/documents",
    "paragraphs": "/v1/paragraphs",
    "entities": "/v1/entities",
    "dates": "/v1/dates",
    "timeline": "/v1/timeline",
    "checks": "/v1/checks",
    "claims": "/v1/claims",
    "sources": "/v1/sources",
    "contests": "/v1/contests",
    "search": "/v1/search?q=Russia",
    "annotations": "/v1/annotations",
}

# A real cursor from another collection, preferably one whose key has the same shape.
FOREIGN_CURSOR = {
    "documents": "timeline",
    "paragraphs": "claims",
    "entities": "sources",
    "dates": "timeline",
    "timeline": "dates",
    "checks": "contests",
    "claims": "annotations",
    "sources": "entities",
    "contests": "checks",
    "search": "dates",
    "annotations": "claims",
}


# One URL a GET would answer, for every path of the contract.
ROUTES = {
    "/healthz": "/healthz",
    "/v1": "/v1",
    "/openapi.yaml": "/openapi.yaml",
    "/v1/documents": "/v1/documents",
    "/v1/documents/{id}": f"/v1/documents/{DOC_ID}",
    "/v1/documents/{id}/text": f"/v1/documents/{DOC_ID}/text",
    "/v1/paragraphs": "/v1/paragraphs",
    "/v1/paragraphs/{id}": "/v1/paragraphs/p-a8942074d4de",
    "/v1/entities": "/v1/entities",
    "/v1/entities/{id}": "/v1/entities/tass",
    "/v1/dates": "/v1/dates",
    "/v1/dates/{id}": "/v1/dates/t-101d7ef3df97",
    "/v1/timeline": "/v1/timeline",
    "/v1/checks": "/v1/checks",
    "/v1/claims": "/v1/claims",
    "/v1/claims/{id}": "/v1/claims/outposts-built",
    "/v1/sources": "/v1/sources",
    "/v1/sources/{id}": "/v1/sources/tass",
    "/v1/contests": "/v1/contests",
    "/v1/contests/{id}": "/v1/contests/outposts",
    "/v1/search": "/v1/search?q=Russia",
    "/v1/annotations": "/v1/annotations",
    "/v1/annotations/": "/v1/annotations/",
    "/v1/annotations/{id}": "/v1/annotations/a-4764bd5ed3b8",
    "/docs": "/docs",
    "/docs/assets/{name}": "/docs/assets/docs.js",
    "/": "/",
    "/documents/{id}": f"/documents/{DOC_ID}",
    "/documents/{id}/notes/{paragraph}": f"/documents/{DOC_ID}/notes/p-b64206c87687",
    "/assets/{name}": "/assets/reader.css",
}


def forged(collection: str, key) -> str:
    """A cursor naming a collection with a key it never gives out."""
    raw = json.dumps([collection, key]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def with_query(url: str, query: str) -> str:
    return url + ("&" if "?" in url else "?") + query


def common_cases(name: str, url: str) -> list[tuple[str, int, str]]:
    """The arguments every collection takes, each given wrongly once."""
    queries = [
        ("colour=red", "colour"),
        ("limit=0", "limit"),
        ("limit=501", "limit"),
        ("limit=1000000000", "limit"),
        ("limit=-1", "limit"),
        ("limit=1.5", "limit"),
        ("limit=ten", "limit"),
        ("limit=", "limit"),
        ("limit=5&limit=6", "limit"),
        ("cursor=not-a-cursor", "cursor"),
        ("cursor=", "cursor"),
        ("cursor=" + "A" * 201, "cursor"),
        ("cursor=" + forged(name, {"seq": 4}), "cursor"),
        ("cursor={" + FOREIGN_CURSOR[name] + "}", "cursor"),
        ("cursor=a&cursor=b", "cursor"),
        ("format=xml", "format"),
        ("format=", "format"),
        ("format=csv&format=jsonl", "format"),
    ]
    return [(with_query(url, query), 400, parameter) for query, parameter in queries]


def xfail(url: str, status: int, parameter: str | None, reason: str):
    """A case the app gets wrong today; strict, so a fix turns it into a failure to remove."""
    return pytest.param(url, status, parameter, marks=pytest.mark.xfail(strict=True, reason=reason))


LONG = "x" * 201
PAGE = f"/documents/{DOC_ID}"

CASES = [
    *(case for name, url in COLLECTIONS.items() for case in common_cases(name, url)),
    # Cursors another collection gave out, written out.
    ("/v1/documents?cursor=WyJwYXJhZ3JhcGhzIiw0XQ", 400, "cursor"),
    ("/v1/entities?cursor=WyJwYXJhZ3JhcGhzIiw0XQ", 400, "cursor"),
    # A cursor of this collection with a key of the wrong type.
    ("/v1/paragraphs?cursor=" + forged("paragraphs", "4"), 400, "cursor"),
    ("/v1/paragraphs?cursor=" + forged("paragraphs", True), 400, "cursor"),
    ("/v1/claims?cursor=" + forged("claims", [24, 227]), 400, "cursor"),
    (
        "/v1/timeline?cursor=" + forged("timeline", ["2023-01-01", "2023-01-31", 3, "x"]),
        400,
        "cursor",
    ),
    (
        "/v1/claims?format=csv&cursor=not-a-cursor",
        400,
        "cursor",
    ),
    # /v1/paragraphs
    ("/v1/paragraphs?kind=footnote", 400, "kind"),
    ("/v1/paragraphs?kind=Body", 400, "kind"),
    ("/v1/paragraphs?kind=body&kind=heading", 400, "kind"),
    ("/v1/paragraphs?has_claims=maybe", 400, "has_claims"),
    ("/v1/paragraphs?has_claims=1", 400, "has_claims"),
    ("/v1/paragraphs?document=", 400, "document"),
    (f"/v1/paragraphs?document={LONG}", 400, "document"),
    ("/v1/paragraphs?section=", 400, "section"),
    ("/v1/paragraphs?section=" + "x" * 501, 400, "section"),
    ("/v1/paragraphs?entity=", 400, "entity"),
    # /v1/entities
    ("/v1/entities?label=CITY", 400, "label"),
    ("/v1/entities?label=PERSON&label=ORG", 400, "label"),
    ("/v1/entities?q=", 400, "q"),
    (f"/v1/entities?q={LONG}", 400, "q"),
    ("/v1/entities?document=", 400, "document"),
    # /v1/dates
    ("/v1/dates?from=yesterday", 400, "from"),
    ("/v1/dates?from=2023-13-01", 400, "from"),
    ("/v1/dates?from=2023-09", 400, "from"),
    ("/v1/dates?to=2023-02-30", 400, "to"),
    ("/v1/dates?to=2023-09-30T00:00", 400, "to"),
    ("/v1/dates?type=CLOCK", 400, "type"),
    ("/v1/dates?document=", 400, "document"),
    # /v1/timeline
    ("/v1/timeline?to=2023-02-30", 400, "to"),
    ("/v1/timeline?from=2023", 400, "from"),
    ("/v1/timeline?document=", 400, "document"),
    # /v1/checks
    ("/v1/checks?agrees=maybe", 400, "agrees"),
    ("/v1/checks?document=", 400, "document"),
    # /v1/claims
    ("/v1/claims?status=hearsay", 400, "status"),
    ("/v1/claims?status=vague&status=hearsay", 400, "status"),
    ("/v1/claims?status=", 400, "status"),
    ("/v1/claims?contested=yes", 400, "contested"),
    ("/v1/claims?contested=True", 400, "contested"),
    ("/v1/claims?hedged=maybe", 400, "hedged"),
    ("/v1/claims?kind=rumour", 400, "kind"),
    ("/v1/claims?kind=event&kind=quantity", 400, "kind"),
    ("/v1/claims?origin=robot", 400, "origin"),
    ("/v1/claims?document=", 400, "document"),
    ("/v1/claims?paragraph=", 400, "paragraph"),
    ("/v1/claims?source=", 400, "source"),
    (f"/v1/claims?source={LONG}", 400, "source"),
    ("/v1/claims?entity=", 400, "entity"),
    # /v1/sources, /v1/contests
    ("/v1/sources?type=blog", 400, "type"),
    ("/v1/contests?document=", 400, "document"),
    # /v1/search
    ("/v1/search", 400, "q"),
    ("/v1/search?q=", 400, "q"),
    ("/v1/search?q=Russia&q=Lachin", 400, "q"),
    ("/v1/search?q=Russia&type=person", 400, "type"),
    ("/v1/search?q=Russia&document=", 400, "document"),
    # /v1/annotations
    ("/v1/annotations?motivation=flagging", 400, "motivation"),
    ("/v1/annotations?document=", 400, "document"),
    ("/v1/annotations?paragraph=", 400, "paragraph"),
    # /v1/annotations/, the protocol's container, and its pages
    ("/v1/annotations/?colour=red", 400, "colour"),
    ("/v1/annotations/?page=-1", 400, "page"),
    ("/v1/annotations/?page=one", 400, "page"),
    ("/v1/annotations/?page=0&page=1", 400, "page"),
    ("/v1/annotations/?page=99", 404, None),
    ("/v1/annotations/?iris=2", 400, "iris"),
    ("/v1/annotations/?limit=0", 400, "limit"),
    ("/v1/annotations/?limit=501", 400, "limit"),
    ("/v1/annotations/?motivation=flagging", 400, "motivation"),
    ("/v1/annotations/?document=", 400, "document"),
    ("/v1/annotations/?paragraph=", 400, "paragraph"),
    # Detail routes: a malformed id, an unknown parameter, an id nobody has.
    ("/v1/documents/Bad%20Id", 400, "id"),
    ("/v1/documents/UPPER", 400, "id"),
    ("/v1/documents/-leading-hyphen", 400, "id"),
    (f"/v1/documents/{DOC_ID}?x=1", 400, "x"),
    ("/v1/documents/no-such-document", 404, None),
    ("/v1/documents/Bad%20Id/text", 400, "id"),
    (f"/v1/documents/{DOC_ID}/text?x=1", 400, "x"),
    ("/v1/documents/no-such-document/text", 404, None),
    ("/v1/paragraphs/p-123", 400, "id"),
    ("/v1/paragraphs/P-ABCDEF123456", 400, "id"),
    ("/v1/paragraphs/p-00000000000g", 400, "id"),
    ("/v1/paragraphs/p-000000000000?x=1", 400, "x"),
    ("/v1/paragraphs/p-a8942074d4de?x=1", 400, "x"),
    ("/v1/paragraphs/p-000000000000", 404, None),
    (
        "/v1/paragraphs/p-a8942074d4de%0A",
        400,
        "id",
    ),
    ("/v1/entities/Not%20An%20Id", 400, "id"),
    ("/v1/entities/tass?x=1", 400, "x"),
    ("/v1/entities/nobody-at-all", 404, None),
    ("/v1/dates/t-xyz", 400, "id"),
    ("/v1/dates/t-101d7ef3df97?x=1", 400, "x"),
    ("/v1/dates/t-000000000000", 404, None),
    ("/v1/claims/Not%20An%20Id", 400, "id"),
    ("/v1/claims/m-ABCDEF123456", 400, "id"),
    ("/v1/claims/outposts-built?x=1", 400, "x"),
    ("/v1/claims/no-such-claim", 404, None),
    ("/v1/sources/Bad_Id", 400, "id"),
    ("/v1/sources/tass?x=1", 400, "x"),
    ("/v1/sources/nobody", 404, None),
    ("/v1/contests/Bad%20Id", 400, "id"),
    ("/v1/contests/outposts?x=1", 400, "x"),
    ("/v1/contests/nothing", 404, None),
    ("/v1/annotations/nope", 400, "id"),
    ("/v1/annotations/a-4764bd5ed3b8?x=1", 400, "x"),
    ("/v1/annotations/a-000000000000", 404, None),
    ("/v1/annotations/u-00000000000000000000000000000000", 404, None),
    # The reader and the assets.
    ("/?x=1", 400, "x"),
    ("/documents/Bad%20Id", 400, "id"),
    (f"{PAGE}?status=rumour", 400, "status"),
    (f"{PAGE}?contested=yes", 400, "contested"),
    (f"{PAGE}?contested=true&contested=false", 400, "contested"),
    (f"{PAGE}?colour=red", 400, "colour"),
    ("/documents/no-such-document", 404, None),
    (f"{PAGE}/notes/p-b64206c87687?page=0", 400, "page"),
    (f"{PAGE}/notes/p-b64206c87687?colour=red", 400, "colour"),
    (f"{PAGE}/notes/Bad", 400, "paragraph"),
    (f"{PAGE}/notes/p-000000000000", 404, None),
    ("/assets/app.py", 404, None),
    ("/docs/assets/swagger-initializer.js", 404, None),
    ("/v2/paragraphs", 404, None),
    # Service routes: the contract says unknown parameters are errors.
    ("/healthz?x=1", 400, "x"),
    ("/v1?x=1", 400, "x"),
    ("/openapi.yaml?x=1", 400, "x"),
    ("/docs?x=1", 400, "x"),
]


def real_cursor(client, name: str) -> str:
    """The cursor of a collection's second page, as its first page links to it; it works there."""
    body = client.get(with_query(COLLECTIONS[name], "limit=1")).json
    next_url = body["first"]["next"] if name == "annotations" else body["next"]
    [cursor] = parse_qs(urlsplit(next_url).query)["cursor"]
    assert client.get(with_query(COLLECTIONS[name], f"cursor={cursor}")).status_code == 200
    return cursor


def resolve(client, url: str) -> str:
    """Fill a {collection} placeholder with a real cursor of that collection."""
    found = re.search(r"\{(\w+)\}", url)
    return url.replace(found[0], real_cursor(client, found[1])) if found else url


def case_id(value):
    """Name a case by its URL, shortened when a value in it is long."""
    if not isinstance(value, str):
        return None
    return value if len(value) < 90 else value[:60] + f"...({len(value)} chars)"


@pytest.mark.parametrize(("url", "status", "parameter"), CASES, ids=case_id)
def test_bad_requests_answer_problem_documents_naming_the_parameter(
    article_client, url, status, parameter
):
    response = article_client.get(resolve(article_client, url))
    assert response.status_code == status
    assert response.mimetype == PROBLEM
    body = response.json
    assert (body["type"], body["title"]) == (INVALID if status == 400 else NOT_FOUND)
    assert body["status"] == status
    assert isinstance(body["detail"], str) and body["detail"].strip()
    if parameter is None:
        assert "errors" not in body
    else:
        assert list(body["errors"]) == [parameter]
        messages = body["errors"][parameter]
        assert messages and all(isinstance(m, str) and m.strip() for m in messages)
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "Traceback" not in response.get_data(as_text=True)


def test_table_covers_every_route_of_the_contract():
    urls = [case.values[0] if hasattr(case, "values") else case[0] for case in CASES]
    paths = {url.split("?")[0] for url in urls}
    for template in SPEC_PATHS:
        pattern = re.sub(r"\\\{\w+\\\}", "[^/]+", re.escape(template))
        assert any(re.fullmatch(pattern, path) for path in paths), template


def test_routes_name_every_path_of_the_contract():
    assert set(ROUTES) == set(SPEC_PATHS)


# Methods the contract defines on a path, tested with the writes (test_annotation_writes,
# test_documents).
WRITES = {("/v1/annotations/", "post"), ("/v1/annotations/{id}", "put"),
          ("/v1/annotations/{id}", "delete"), ("/v1/documents", "post"),
          ("/v1/documents/{id}", "put"), ("/v1/documents/{id}", "delete")}  # fmt: skip
OTHER_METHODS = [
    (path, url, method)
    for path, url in ROUTES.items()
    for method in ("post", "put", "patch", "delete")
    if (path, method) not in WRITES
]


@pytest.mark.parametrize(("path", "url", "method"), OTHER_METHODS)
def test_other_methods_answer_405_with_allow(article_client, path, url, method):
    assert article_client.get(url).status_code == 200
    response = getattr(article_client, method)(url)
    assert response.status_code == 405
    assert response.mimetype == PROBLEM
    body = response.json
    assert (body["type"], body["title"], body["status"]) == (
        "about:blank",
        "Method Not Allowed",
        405,
    )
    assert body["detail"].strip() and "errors" not in body
    # Allow names the methods the contract gives the path.
    allowed = {"HEAD", "OPTIONS"} | {name.upper() for name in SPEC_METHODS[path]}
    assert set(response.headers["Allow"].split(", ")) == allowed
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_a_post_to_the_collection_without_its_slash_is_not_sent_on_to_the_container(article_client):
    response = article_client.post("/v1/annotations", json={"type": "Annotation"})
    assert response.status_code == 405 and "Location" not in response.headers
    assert set(response.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}
