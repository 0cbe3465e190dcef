"""Use the generated Python client against a live server, in the client's own environment.

Run as `python use_python_client.py BASE_URL`; prints what it got as one JSON object.
"""

import json
import sys
from urllib.parse import parse_qs, urlsplit

from claims_api_client import Client
from claims_api_client.api.claims import get_claim, list_claims
from claims_api_client.api.service import get_open_api
from claims_api_client.models import ClaimDetail, ClaimPage, Problem, SourcingStatus

client = Client(base_url=sys.argv[1], raise_on_unexpected_status=True)

first = list_claims.sync(client=client, status=[SourcingStatus.VAGUE], limit=2)
assert isinstance(first, ClaimPage), first
cursor = parse_qs(urlsplit(first.next_).query)["cursor"][0]
second = list_claims.sync(client=client, status=[SourcingStatus.VAGUE], limit=2, cursor=cursor)
assert isinstance(second, ClaimPage), second
assert all(claim.sourcing.status is SourcingStatus.VAGUE for claim in first.items + second.items)

detail = get_claim.sync("outposts-dismantled", client=client)
assert isinstance(detail, ClaimDetail), detail

problem = list_claims.sync(client=client, limit=0)
assert isinstance(problem, Problem), problem

# The contract is YAML; the client reads it through its text/plain representation.
contract = get_open_api.sync(client=Client(base_url=sys.argv[1], raise_on_unexpected_status=True))
assert isinstance(contract, str) and contract.startswith("openapi:"), contract[:80]

print(
    json.dumps(
        {
            "next": first.next_,
            "pages": [[claim.to_dict() for claim in page.items] for page in (first, second)],
            "detail": detail.to_dict(),
            "related": [type(claim).__name__ for claim in detail.related],
            "problem": problem.to_dict(),
            "errors": problem.errors.additional_properties,
            "contract": contract,
        }
    )
)
