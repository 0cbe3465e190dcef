"""The W3C Web Annotation Protocol's vocabulary: media type, links, Allow, preferences."""

import json
import re

from flask import Response

CONTAINER_PATH = "/v1/annotations/"  # the container, and the prefix of every annotation
JSON_LD = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'
ACCEPTED_BODIES = ("application/ld+json", "application/json")
LDP_CONTEXT = "http://www.w3.org/ns/ldp.jsonld"
PAGE_LINK = (
    '<http://www.w3.org/TR/annotation-protocol/>; rel="http://www.w3.org/ns/ldp#constrainedBy"'
)
CONTAINER_LINK = '<http://www.w3.org/ns/ldp#BasicContainer>; rel="type", ' + PAGE_LINK
RESOURCE_LINK = '<http://www.w3.org/ns/ldp#Resource>; rel="type"'
CONTAINER_ALLOW = "GET, HEAD, OPTIONS, POST"
PAGE_ALLOW = CONTAINER_ALLOW  # pages are served at the container's path, which takes POST
READ_ONLY_ALLOW = "GET, HEAD, OPTIONS"
WRITABLE_ALLOW = "GET, HEAD, OPTIONS, PUT, DELETE"

PREFER_MINIMAL = "http://www.w3.org/ns/ldp#PreferMinimalContainer"
PREFER_IRIS = "http://www.w3.org/ns/oa#PreferContainedIRIs"
PREFER_DESCRIPTIONS = "http://www.w3.org/ns/oa#PreferContainedDescriptions"
_INCLUDE = re.compile(r'include\s*=\s*"([^"]*)"|include\s*=\s*([^\s;,]+)')


def preference(prefer: str | None) -> str:
    """Read a Prefer header: "minimal", "iris" or "descriptions" (the default)."""
    if not prefer or "return=representation" not in prefer.replace(" ", ""):
        return "descriptions"
    include = set()
    for quoted, bare in _INCLUDE.findall(prefer):
        include |= set((quoted or bare).split())
    if PREFER_MINIMAL in include:
        return "minimal"
    if PREFER_IRIS in include and PREFER_DESCRIPTIONS not in include:
        return "iris"
    return "descriptions"


def json_ld(body: dict, status: int = 200) -> Response:
    """Serialise a body as Web Annotation JSON-LD."""
    return Response(json.dumps(body, ensure_ascii=False), status=status, content_type=JSON_LD)


def as_container(response: Response, location: str) -> Response:
    """Give a container description the protocol's headers."""
    response.headers["Link"] = CONTAINER_LINK
    response.headers["Allow"] = CONTAINER_ALLOW
    response.headers["Accept-Post"] = JSON_LD
    response.headers["Content-Location"] = location
    response.vary.update(("Accept", "Prefer"))
    return response


def as_page(response: Response, location: str) -> Response:
    """Give a page of the container the protocol's headers."""
    response.headers["Link"] = PAGE_LINK
    response.headers["Allow"] = PAGE_ALLOW
    response.headers["Content-Location"] = location
    response.vary.update(("Accept", "Prefer"))
    return response


def as_annotation(response: Response, writable: bool) -> Response:
    """Give an annotation the protocol's headers; Allow says whether it may change."""
    response.headers["Link"] = RESOURCE_LINK
    response.headers["Allow"] = WRITABLE_ALLOW if writable else READ_ONLY_ALLOW
    response.vary.add("Accept")
    return response
