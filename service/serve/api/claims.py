"""Claims: what the text asserts, who says so, how firmly, and what contradicts it."""

from flask import Blueprint, request

from service.serve.api import detail
from service.serve.args import ClaimListArgs, load_args
from service.serve.context import store
from service.serve.pagination import collection
from service.vocab import CLAIM_ID

# Claim JSON is dumped through ClaimSchema / ClaimDetailSchema at build time.
bp = Blueprint("claims", __name__)


@bp.get("/v1/claims")
def list_claims():
    """List claims in reading order, filtered by status, source, contest and more."""
    args = load_args(ClaimListArgs(), request.args)
    fetch = lambda after, limit: store().list_claims(args, after, limit)  # noqa: E731
    return collection("claims", args, [int, int, str], fetch, "key")


@bp.get("/v1/claims/<id>")
def get_claim(id: str):
    """Return a claim with its paragraph, entities, dates and related claims."""
    return detail(id, CLAIM_ID, "claim", store().claim_json)
