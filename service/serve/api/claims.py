"""Claims: what the text asserts, who says so, how firmly, and what contradicts it."""

import json

from flask import Blueprint, Response, request

from service.serve.annotations.iris import request_origin
from service.serve.api import detail
from service.serve.args import load_args
from service.serve.context import store
from service.serve.document_choice import ClaimArgs
from service.serve.pagination import collection, link_header, one_page
from service.serve.schema_org import LINKED_DATA, SCHEMA_ORG, ClaimDescriber, wants_linked_data
from service.vocab import CLAIM_ID

# Claim JSON is dumped through ClaimSchema / ClaimDetailSchema at build time; with
# `Accept: application/ld+json` it is described in schema.org terms instead.
bp = Blueprint("claims", __name__)
KEY_SHAPE = [int, int, str]


@bp.get("/v1/claims")
def list_claims():
    """List claims in reading order, filtered by status, source, outlet, contest and more."""
    args = load_args(ClaimArgs(), request.args)
    fetch = lambda after, limit: store().list_claims(args, after, limit)  # noqa: E731
    if args["format"] == "json" and wants_linked_data():
        return _by_accept(_claim_list(args, fetch))
    return _by_accept(collection("claims", args, KEY_SHAPE, fetch, "key"))


@bp.get("/v1/claims/<id>")
def get_claim(id: str):
    """Return a claim with its paragraph, entities, dates and related claims."""
    if not wants_linked_data():
        return _by_accept(detail(id, CLAIM_ID, "claim", store().claim_json))
    return _by_accept(detail(id, CLAIM_ID, "claim", store().claim_json, _described))


def _described(stored: str) -> Response:
    """Answer one claim as a schema.org Claim."""
    claim = ClaimDescriber(store(), request_origin()).claim(json.loads(stored))
    return _linked_data({"@context": SCHEMA_ORG, **claim})


def _claim_list(args: dict, fetch) -> Response:
    """Answer a page of claims as a schema.org ItemList; the next page is in `Link`."""
    rows, total, next_url = one_page("claims", args, KEY_SHAPE, fetch, "key")
    describer = ClaimDescriber(store(), request_origin())
    body = {
        "@context": SCHEMA_ORG,
        "@type": "ItemList",
        "@id": request.url,
        "numberOfItems": total,
        "itemListElement": [describer.claim(json.loads(row["json"])) for row in rows],
    }
    return _linked_data(body, link_header(next_url))


def _linked_data(body: dict, headers: dict | None = None) -> Response:
    """Serialise a body as JSON-LD."""
    text = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
    return Response(text, content_type=LINKED_DATA, headers=headers)


def _by_accept(response: Response) -> Response:
    """Say that the answer depends on Accept, so that a cache keeps both."""
    response.vary.add("Accept")
    return response
