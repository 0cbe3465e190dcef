"""Use the generated Python client against a live server, in the client's own environment.

Run as `python use_python_client.py BASE_URL TOKEN`; prints what it got as one JSON object.
"""

import json
import sys
from urllib.parse import parse_qs, urlsplit

from claims_api_client import AuthenticatedClient, Client
from claims_api_client.api.analyses import create_analysis
from claims_api_client.api.claims import get_claim, list_claims
from claims_api_client.api.documents import create_document
from claims_api_client.api.jobs import get_job
from claims_api_client.api.service import get_open_api
from claims_api_client.models import (
    Analysis,
    ClaimDetail,
    ClaimPage,
    CreateAnalysisRelated,
    Job,
    JobState,
    Problem,
    SourcingStatus,
    TextSubmission,
)

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

# A document sent with a token is queued as a job, which can be polled; without one, 401.
writer = AuthenticatedClient(base_url=sys.argv[1], token=sys.argv[2])
text = "The harbour board said on Monday that the new crane would arrive in May."
job = create_document.sync(client=writer, body=TextSubmission(text=text, title="Crane due"))
assert isinstance(job, Job) and job.state is JobState.QUEUED, job
polled = get_job.sync(job.id, client=client)
assert isinstance(polled, Job), polled
unauthorized = create_document.sync(
    client=Client(base_url=sys.argv[1]), body=TextSubmission(text=text)
)
assert isinstance(unauthorized, Problem), unauthorized

# A text analysed, its claims paired with the corpus's: typed answer, nothing stored.
outposts = (
    "Armenian sources claimed that Russian peacekeepers had built additional military posts "
    "around the former NKR, while TASS officials report the opposite."
)
analysis = create_analysis.sync(
    client=client,
    body=TextSubmission(text=outposts, title="Outposts", published="2023-10-10"),
    related=CreateAnalysisRelated.TRUE,
)
assert isinstance(analysis, Analysis), analysis

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
            "job": job.to_dict(),
            "polled": polled.to_dict(),
            "unauthorized": unauthorized.to_dict(),
            "analysis": analysis.to_dict(),
            "outposts": outposts,
        }
    )
)
