"""The W3C Web Annotation Protocol server checks (web-platform-tests, annotation-protocol/server),
each as a test of ours against a real `claims serve`.

Every MUST and SHOULD of that suite is here except "SHOULD use HTTPS": the server speaks
plain HTTP and leaves TLS to the proxy in front of it. The suite's writes carry no token
and its PUT no If-Match; ours send both, since writes need a token and a PUT an ETag
(LDP 1.0, 4.2.4.5). W3C_SERVER_CHECKS names, for each check of the suite's test page
(server-manual.html), by its title there, the tests here that re-express it.
"""

import re
import uuid

import pytest

from tests.support.protocol_client import call, make_token, writer_headers
from tests.support.server import start_server

MEDIA_TYPE = re.compile(r"application/ld\+json")
PROFILE = 'profile="http://www.w3.org/ns/anno.jsonld"'
CONTAINER_TYPE = re.compile(
    r"<http://www.w3.org/ns/(ldp#BasicContainer|oa#AnnotationCollection)>; *rel=\"type\""
)
CONSTRAINED_BY = (
    '<http://www.w3.org/TR/annotation-protocol/>; rel="http://www.w3.org/ns/ldp#constrainedBy"'
)
# Every test asks a real server, started once for the module.
pytestmark = pytest.mark.slow

W3C_SERVER_CHECKS = {
    'Container MUST end in a "/" character': ("test_container_iri_ends_with_a_slash",),
    "Containers MUST support GET (check Allow on GET)": (
        "test_container_allow_names_get_head_and_options",
    ),
    "Containers MUST support HEAD (check Allow on GET)": (
        "test_container_allow_names_get_head_and_options",
    ),
    "Containers MUST support OPTIONS (check Allow on GET)": (
        "test_container_allow_names_get_head_and_options",
    ),
    "Containers MUST have a Content-Type header with the application/ld+json media type": (
        "test_container_answers_json_ld_by_default_with_the_profile",
    ),
    "Containers MUST response with the JSON-LD representation (by default)": (
        "test_container_answers_json_ld_by_default_with_the_profile",
    ),
    "Containers MUST return a description of the container with BasicContainer": (
        "test_container_describes_itself_as_basic_container_and_collection",
    ),
    "Containers MUST return a description of the container with AnnotationCollection": (
        "test_container_describes_itself_as_basic_container_and_collection",
    ),
    "Containers MUST return a Link header (rfc5988) on all responses": (
        "test_container_links_its_type_and_the_protocols_constraints",
    ),
    "Containers MUST have an ETag header": ("test_container_has_an_etag_and_varies_on_accept",),
    "Containers MUST have a Vary header with Accept in the value": (
        "test_container_has_an_etag_and_varies_on_accept",
    ),
    "Containers MUST advertise its type by including a link where the rel parameter value is"
    " type and the target IRI is the appropriate Container Type": (
        "test_container_links_its_type_and_the_protocols_constraints",
    ),
    "Containers MUST advertise that it imposes Annotation protocol specific constraints by"
    " including a link where the target IRI is http://www.w3.org/TR/annotation-protocol/, and"
    " the rel parameter value is the IRI http://www.w3.org/ns/ldp#constrainedBy": (
        "test_container_links_its_type_and_the_protocols_constraints",
    ),
    "Containers MUST support HEAD method": ("test_container_supports_head_and_options",),
    "Containers MUST support OPTIONS method": ("test_container_supports_head_and_options",),
    "Containers MUST include a Content-Location header with the IRI as its value": (
        "test_container_content_location_is_its_id",
    ),
    "Container's Content-Location and `id` MUST match": (
        "test_container_content_location_is_its_id",
    ),
    "Annotation Pages must have a link to the container they are part of, using the partOf"
    " property": ("test_pages_link_to_the_container_they_are_part_of",),
    "Annotation Pages MUST have a link to the previous page in the sequence, using the prev"
    " property (if not the first page)": ("test_last_page_links_to_the_previous_page",),
    "Annotation Pages MUST have a link to the next page in the sequence, using the next"
    " property (if not the last page)": ("test_first_page_links_to_the_next_page",),
    "Annotations MUST support GET (check Allow on GET)": (
        "test_annotation_allow_names_get_head_and_options",
    ),
    "Annotations MUST support HEAD (check Allow on GET)": (
        "test_annotation_allow_names_get_head_and_options",
    ),
    "Annotations MUST support OPTIONS (check Allow on GET)": (
        "test_annotation_allow_names_get_head_and_options",
    ),
    "Annotations MUST have a Content-Type header with the application/ld+json media type": (
        "test_annotation_answers_json_ld",
    ),
    "Annotations MUST have a Link header entry where the target IRI is"
    " http://www.w3.org/ns/ldp#Resource and the rel parameter value is type": (
        "test_annotation_links_its_ldp_resource_type_exactly",
    ),
    "Annotations MUST have an ETag header": ("test_annotation_has_an_etag_and_varies_on_accept",),
    "Annotations MUST have a Vary header with Accept in the value": (
        "test_annotation_has_an_etag_and_varies_on_accept",
    ),
    "Annotations MUST support HEAD method": ("test_annotation_supports_head_and_options",),
    "Annotations MUST support OPTIONS method": ("test_annotation_supports_head_and_options",),
    "Created Annotation MUST have an id property": (
        "test_created_annotation_has_an_id_under_the_container",
    ),
    "Created Annotation MUST have an id that starts with the Container IRI": (
        "test_created_annotation_has_an_id_under_the_container",
    ),
    "Created Annotation MUST preserve any canonical IRI": (
        "test_created_annotation_keeps_its_canonical_iri",
    ),
    "Annotation Server MUST respond with a 201 Created code if the creation is successful": (
        "test_created_annotation_has_an_id_under_the_container",
    ),
    "[RECOMMENDED] Location header SHOULD match the id of the new Annotation": (
        "test_location_is_the_new_annotations_id",
    ),
    # The page's PUT sends no If-Match, which we require (428): ours sends the ETag it read.
    "Annotation update must be done with the PUT method": (
        "test_update_is_done_with_put",
        "test_put_without_if_match_answers_428_with_no_etag_to_retry_with",
    ),
    "Annotation deletion with DELETE method MUST return a 204 status": (
        "test_delete_answers_204_and_the_annotation_is_gone",
    ),
    "SHOULD return the full annotation descriptions": (
        "test_pages_carry_full_annotation_descriptions",
    ),
    "[RECOMMENDED] SHOULD include the total property with the total number of annotations in"
    " the container": ("test_minimal_container_has_total_first_and_last",),
    "[RECOMMENDED] SHOULD have a link to the first page of its contents using `first`": (
        "test_minimal_container_has_total_first_and_last",
    ),
    "[RECOMMENDED] SHOULD have a link to the last page of its contents using `last`": (
        "test_minimal_container_has_total_first_and_last",
    ),
    "[RECOMMENDED] Response contains annotations via `items` when it SHOULD NOT": (
        "test_minimal_container_embeds_no_annotations",
    ),
    "[RECOMMENDED] Response contains annotations via `ldp:contains` when it SHOULD NOT": (
        "test_minimal_container_embeds_no_annotations",
    ),
    "[RECOMMENDED] SHOULD include Prefer in the Vary header": ("test_container_varies_on_prefer",),
    "[RECOMMENDED] SHOULD NOT [receive] the Prefer header when requesting the page": (
        "test_the_response_carries_no_prefer_header",
    ),
}
# The checks of that page no test here re-expresses, and why.
NOT_RE_EXPRESSED = {
    "[RECOMMENDED] Annotation server SHOULD use HTTPS rather than HTTP": (
        "the server speaks plain HTTP; TLS is the proxy's in front of it"
    ),
}

RESOURCE_LINK = '<http://www.w3.org/ns/ldp#Resource>; rel="type"'
MINIMAL = 'return=representation;include="http://www.w3.org/ns/ldp#PreferMinimalContainer"'
# What each resource allows: the build's annotations (a-...) are read-only.
CONTAINER_METHODS = {"GET", "HEAD", "OPTIONS", "POST"}
ANNOTATION_METHODS = {
    "a": {"GET", "HEAD", "OPTIONS"},
    "u": {"GET", "HEAD", "OPTIONS", "PUT", "DELETE"},
}


@pytest.fixture(scope="module")
def protocol_server(built_db, tmp_path_factory):
    """A real server with a store of its own, and a token made with the CLI."""
    store = tmp_path_factory.mktemp("protocol") / "store.db"
    token = make_token(store, "protocol-tests")
    process, base = start_server(built_db, store)
    yield base, token
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def container_url(protocol_server):
    return protocol_server[0] + "/v1/annotations/"


@pytest.fixture(scope="module")
def container(container_url):
    return call("GET", container_url)


@pytest.fixture(scope="module")
def created(protocol_server, container_url):
    """The suite's annotation, POSTed to the container."""
    annotation = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "Annotation",
        "body": {"type": "TextualBody", "value": "I like this page!"},
        "target": "http://www.example.com/index.html",
        "canonical": f"urn:uuid:{uuid.uuid4()}",
    }
    return annotation, call("POST", container_url, writer_headers(protocol_server[1]), annotation)


@pytest.fixture(scope="module", params=["built", "written"])
def annotation_url(request, container, created):
    """An annotation of the build, and one a user wrote."""
    if request.param == "built":
        return container.body["first"]["items"][0]["id"]
    return created[1].body["id"]


# Containers


def test_container_iri_ends_with_a_slash(container_url, container):
    assert container_url.endswith("/") and container.status == 200


@pytest.mark.parametrize("method", ["GET", "HEAD", "OPTIONS"])
def test_container_allow_names_get_head_and_options(container, method):
    assert method in container.header("Allow").split(", ")


def test_container_answers_json_ld_by_default_with_the_profile(container):
    assert MEDIA_TYPE.match(container.header("Content-Type"))
    assert PROFILE in container.header("Content-Type")


@pytest.mark.parametrize("kind", ["BasicContainer", "AnnotationCollection"])
def test_container_describes_itself_as_basic_container_and_collection(container, kind):
    assert kind in container.body["type"]


def test_container_links_its_type_and_the_protocols_constraints(container):
    link = container.header("Link")
    assert CONTAINER_TYPE.search(link) and CONSTRAINED_BY in link


def test_container_has_an_etag_and_varies_on_accept(container):
    assert container.header("ETag")
    assert "Accept" in container.header("Vary")


@pytest.mark.parametrize("method", ["HEAD", "OPTIONS"])
def test_container_supports_head_and_options(container_url, method):
    answer = call(method, container_url)
    assert answer.status == 200 and answer.raw == b""
    assert set(answer.header("Allow").split(", ")) == CONTAINER_METHODS
    if method == "OPTIONS":
        assert answer.header("Content-Length") == "0"


def test_container_content_location_is_its_id(container):
    assert container.header("Content-Location") == container.body["id"]


def test_pages_link_to_the_container_they_are_part_of(container):
    first = container.body["first"]
    page = call("GET", first["id"])
    assert page.body["partOf"]["id"] == container.body["id"]
    assert page.header("Content-Location") == page.body["id"] == first["id"]


def test_last_page_links_to_the_previous_page(container):
    page = call("GET", container.body["last"])
    assert page.status == 200 and "prev" in page.body and "next" not in page.body


def test_first_page_links_to_the_next_page(container):
    page = call("GET", container.body["first"]["id"])
    assert "next" in page.body and "prev" not in page.body


def test_following_next_visits_every_annotation_once(container):
    seen, url = [], container.body["first"]["id"]
    while url:
        page = call("GET", url).body
        seen += [item["id"] for item in page["items"]]
        url = page.get("next")
    assert len(seen) == len(set(seen)) == container.body["total"]


# Annotations, the build's and a user's


@pytest.mark.parametrize("method", ["GET", "HEAD", "OPTIONS"])
def test_annotation_allow_names_get_head_and_options(annotation_url, method):
    assert method in call("GET", annotation_url).header("Allow").split(", ")


def test_annotation_answers_json_ld(annotation_url):
    answer = call("GET", annotation_url)
    assert MEDIA_TYPE.match(answer.header("Content-Type"))


def test_annotation_links_its_ldp_resource_type_exactly(annotation_url):
    assert call("GET", annotation_url).header("Link") == RESOURCE_LINK


def test_annotation_has_an_etag_and_varies_on_accept(annotation_url):
    answer = call("GET", annotation_url)
    assert answer.header("ETag") and "Accept" in answer.header("Vary")


@pytest.mark.parametrize("method", ["HEAD", "OPTIONS"])
def test_annotation_supports_head_and_options(annotation_url, method):
    answer = call(method, annotation_url)
    assert answer.status == 200 and answer.raw == b""
    allowed = ANNOTATION_METHODS[annotation_url.rsplit("/", 1)[1][0]]
    assert set(answer.header("Allow").split(", ")) == allowed
    # HEAD answers the headers of a GET; OPTIONS says it has nothing more to send.
    length = len(call("GET", annotation_url).raw) if method == "HEAD" else 0
    assert answer.header("Content-Length") == str(length)


# Creation, update and deletion


def test_created_annotation_has_an_id_under_the_container(created, container_url):
    _, answer = created
    assert answer.status == 201
    assert answer.body["id"].startswith(container_url)


def test_created_annotation_keeps_its_canonical_iri(created):
    annotation, answer = created
    assert answer.body["canonical"] == annotation["canonical"]


def test_location_is_the_new_annotations_id(created):
    _, answer = created
    assert answer.header("Location") == answer.body["id"]


def test_update_is_done_with_put(protocol_server, container_url):
    posted = call("POST", container_url, writer_headers(protocol_server[1]), _annotation()).body
    posted["target"] = "http://other.example/"
    etag = call("GET", posted["id"]).header("ETag")
    answer = call(
        "PUT", posted["id"], writer_headers(protocol_server[1], **{"If-Match": etag}), posted
    )
    assert answer.status == 200 and answer.body["target"] == "http://other.example/"
    assert call("GET", posted["id"]).body["target"] == "http://other.example/"


def test_put_without_if_match_answers_428_with_no_etag_to_retry_with(
    protocol_server, container_url
):
    posted = call("POST", container_url, writer_headers(protocol_server[1]), _annotation()).body
    posted["target"] = "http://other.example/"
    answer = call("PUT", posted["id"], writer_headers(protocol_server[1]), posted)
    assert answer.status == 428 and answer.header("ETag") is None
    assert call("GET", posted["id"]).body["target"] == "http://www.example.com/index.html"


def test_delete_answers_204_and_the_annotation_is_gone(protocol_server, container_url):
    posted = call("POST", container_url, writer_headers(protocol_server[1]), _annotation()).body
    answer = call("DELETE", posted["id"], {"Authorization": f"Bearer {protocol_server[1]}"})
    assert answer.status == 204
    assert call("GET", posted["id"]).status == 410


# SHOULDs (all but HTTPS)


@pytest.fixture(scope="module")
def minimal(container_url, created):
    return call("GET", container_url, {"Prefer": MINIMAL})


def test_pages_carry_full_annotation_descriptions(minimal):
    page = call("GET", minimal.body["first"])
    assert page.body["items"] and all("@context" in item for item in page.body["items"])


@pytest.mark.parametrize("member", ["total", "first", "last"])
def test_minimal_container_has_total_first_and_last(minimal, member):
    assert member in minimal.body


@pytest.mark.parametrize("member", ["items", "ldp:contains"])
def test_minimal_container_embeds_no_annotations(minimal, member):
    assert member not in minimal.body and isinstance(minimal.body["first"], str)


def test_container_varies_on_prefer(minimal):
    assert "Prefer" in minimal.header("Vary")


def test_the_response_carries_no_prefer_header(minimal):
    assert minimal.header("Prefer") is None


def test_contained_iris_list_annotations_by_iri(container_url, container):
    prefer = 'return=representation;include="http://www.w3.org/ns/oa#PreferContainedIRIs"'
    answer = call("GET", container_url, {"Prefer": prefer})
    items = answer.body["first"]["items"]
    assert items and all(isinstance(item, str) for item in items)
    assert items == [item["id"] for item in container.body["first"]["items"]]
    assert answer.header("Content-Location") == answer.body["id"] != container.body["id"]


def test_each_preference_has_its_own_etag(container, minimal):
    assert container.header("ETag") != minimal.header("ETag")


# CORS for browser clients


def test_preflight_allows_writes_with_the_protocols_headers(container_url):
    asked = "content-type, prefer, if-match, authorization"
    for method in ("POST", "PUT", "DELETE"):
        answer = call(
            "OPTIONS",
            container_url,
            {
                "Origin": "https://tool.example",
                "Access-Control-Request-Method": method,
                "Access-Control-Request-Headers": asked,
            },
        )
        assert method in answer.header("Access-Control-Allow-Methods")
        allowed = answer.header("Access-Control-Allow-Headers").lower()
        assert set(asked.split(", ")) <= set(allowed.split(", "))


def test_cors_exposes_the_protocols_headers(container):
    exposed = set(container.header("Access-Control-Expose-Headers").split(", "))
    wanted = {"ETag", "Allow", "Vary", "Link", "Content-Type", "Location", "Content-Location"}
    assert wanted | {"Prefer"} <= exposed


def _annotation() -> dict:
    """A fresh annotation of an external page."""
    return {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "Annotation",
        "body": {"type": "TextualBody", "value": "Worth a second look."},
        "target": "http://www.example.com/index.html",
    }


# The record of what re-expresses the W3C page


def test_each_check_of_the_w3c_server_page_names_the_tests_that_re_express_it():
    checks = set(W3C_SERVER_CHECKS) | set(NOT_RE_EXPRESSED)
    assert len(checks) == len(W3C_SERVER_CHECKS) + len(NOT_RE_EXPRESSED) == 45
    named = {name for names in W3C_SERVER_CHECKS.values() for name in names}
    assert all(W3C_SERVER_CHECKS.values())
    assert {name for name in named if not callable(globals().get(name))} == set()
