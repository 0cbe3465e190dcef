"""The attribution detector remembers speakers per document, never across documents."""

import pytest

from service import create_app
from tests.support.corpus import run_build

FIRST = """Port Repairs Drag On

The harbour master, Angela Merkel, toured the damaged pier on Monday.

She said the repairs would take another month.
"""
SECOND = """Bridge Closed

She said the bridge would stay closed until the inspection ends.
"""


@pytest.fixture(scope="module")
def two_stories_client(tmp_path_factory):
    root = tmp_path_factory.mktemp("two-documents")
    sources, annotations = root / "source_text", root / "annotations"
    sources.mkdir()
    annotations.mkdir()
    (sources / "a-port.txt").write_text(FIRST, encoding="utf-8")
    (sources / "b-bridge.txt").write_text(SECOND, encoding="utf-8")
    run_build(sources, annotations, root / "claims.db")
    return create_app({"DB": str(root / "claims.db")}).test_client()


def claim_saying(client, document: str, words: str) -> dict:
    claims = client.get(f"/v1/claims?document={document}").json["items"]
    [claim] = [c for c in claims if words in c["quote"]]
    return claim


def test_a_pronoun_goes_to_the_person_named_earlier_in_the_same_document(two_stories_client):
    claim = claim_saying(two_stories_client, "a-port", "another month")
    assert claim["sourcing"]["status"] == "attributed"
    assert [s["name"] for s in claim["sourcing"]["sources"]] == ["Angela Merkel"]


def test_a_pronoun_never_reaches_a_person_named_in_another_document(two_stories_client):
    claim = claim_saying(two_stories_client, "b-bridge", "stay closed")
    assert claim["sourcing"]["status"] == "vague"
    names = {s["name"] for s in claim["sourcing"]["sources"]}
    assert not any("Merkel" in name for name in names)
