"""Build a short invented story as the build would and find its claims."""

import tempfile
from pathlib import Path

from service.evaluation.claims import machine_document
from service.pipeline.claims.sources import SourceRegistry


def claims_of(nlp, text: str, metadata: str = ""):
    """Build one text as the build would, without curated claims; return its claims and
    the registry that names their sources."""
    pipeline, gazetteer = nlp
    registry = SourceRegistry([])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "story.txt"
        path.write_text(text, encoding="utf-8")
        path.with_suffix(".yaml").write_text(
            f"title: A story\npublished: '2024-03-05'\n{metadata}", encoding="utf-8"
        )
        with tempfile.TemporaryDirectory() as annotations:
            _, assembled = machine_document(path, pipeline, gazetteer, registry, Path(annotations))
    return assembled.claims, registry


def claim_with(claims, words: str):
    """Return the one claim whose quote holds these words."""
    [claim] = [c for c in claims if words in c.quote]
    return claim


def source_names(claim, registry) -> list[str]:
    """Name a claim's sources."""
    return [registry[source_id].name for source_id in claim.sources]


def sourcing(nlp, text: str, words: str) -> tuple[str, list[str] | None]:
    """Build a text and return the status of the claim holding these words, with its
    sources' names when it is attributed (None otherwise)."""
    claims, registry = claims_of(nlp, text)
    claim = claim_with(claims, words)
    named = source_names(claim, registry) if claim.status == "attributed" else None
    return claim.status, named
