"""Claims: what the text asserts, who says so, how firmly, and what contradicts it."""

from flask import Blueprint, Response, request

from service.api import store
from service.errors import NotFound
from service.pagination import collection
from service.schemas import CLAIM_ID, ArgsSchema, ClaimListArgs, check_id, load_args

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
    load_args(ArgsSchema(), request.args)
    body = store().claim_json(check_id(id, CLAIM_ID, "claim"))
    if body is None:
        raise NotFound(f"No claim '{id}'.")
    return Response(body, mimetype="application/json")
