"""Rows of what cross-document pairing compares: each claim's signature, each document's story."""

import json

from service.pipeline.claims.signature import Period, Signature, signature_json


def signature_rows(signatures: list[Signature]) -> list[dict]:
    """Return the rows of a document's claim signatures."""
    return [
        {"claim_id": s.claim_id, "document_id": s.document_id, "json": signature_json(s)}
        for s in signatures
    ]


def story_row(document_id: str, story: tuple[frozenset[str], Period | None]) -> dict:
    """Return the row of what tells a document's story: its entities and its publication."""
    entities, period = story
    return {
        "document_id": document_id,
        "entities": json.dumps(sorted(entities), ensure_ascii=False),
        "earliest": period[0].isoformat() if period else None,
        "latest": period[1].isoformat() if period else None,
    }
