"""What a user annotation points at: our paragraphs and claims must exist, others are free."""

import json
from typing import TypeGuard
from urllib.parse import urlsplit

from service.serve.annotations.w3c.model import CHOICE_SET_TYPES
from service.serve.database.store import Store
from service.serve.errors import InvalidAnnotation
from service.vocab import CLAIM_ID, PARAGRAPH_ID


def resolve_targets(annotation: dict, origin: str, corpus: Store) -> list[tuple[str, str]]:
    """Check every target on this server; return the (paragraph, document) pairs they reach.

    Raise a 422 naming the target when one is not a paragraph or claim of the corpus,
    or when its selectors do not fit the paragraph's text.
    """
    problems, reached = [], []
    for iri, resource in _targets(annotation.get("target")):
        parts = urlsplit(iri)
        if f"{parts.scheme}://{parts.netloc}" != origin:
            continue  # an external resource: nothing of ours to check
        kind, _, id = parts.path.removeprefix("/v1/").partition("/")
        if parts.query or kind not in ("paragraphs", "claims") or "/" in id:
            problems.append(f"{iri}: a target on this service is a paragraph or a claim.")
            continue
        found = _paragraph(corpus, id) if kind == "paragraphs" else _claim(corpus, id)
        if isinstance(found, str):
            problems.append(f"{iri}: {found}")
            continue
        paragraph, text = found
        if kind == "paragraphs" and resource is not None:
            problems += [f"{iri}: {p}" for p in _selector_problems(resource.get("selector"), text)]
        reached.append((paragraph["id"], paragraph["document_id"]))
    if problems:
        raise InvalidAnnotation("Some targets cannot be annotated.", errors={"target": problems})
    return reached


def _targets(value):
    """Yield (IRI, the Specific Resource it is the source of, if any) for every target."""
    if isinstance(value, str):
        yield value, None
    elif isinstance(value, list):
        for item in value:
            yield from _targets(item)
    elif isinstance(value, dict):
        kinds = value.get("type", [])
        kinds = set(kinds if isinstance(kinds, list) else [kinds])
        if kinds & CHOICE_SET_TYPES:
            yield from _targets(value.get("items", []))
        elif isinstance(value.get("source"), str):
            yield value["source"], value
        elif isinstance(value.get("id"), str):
            yield value["id"], None


def _paragraph(corpus: Store, id: str):
    """Return a paragraph and its text, or say why it cannot be annotated."""
    stored = corpus.paragraph_json(id) if PARAGRAPH_ID.match(id) else None
    if stored is None:
        if PARAGRAPH_ID.match(id) and corpus.is_retired(id):
            return f"paragraph '{id}' was retired."
        return f"no paragraph '{id[:80]}'."
    paragraph = json.loads(stored)
    return paragraph, paragraph["text"]


def _claim(corpus: Store, id: str):
    """Return the paragraph of a claim, or say why it cannot be annotated."""
    stored = corpus.claim_json(id) if CLAIM_ID.match(id) else None
    if stored is None:
        return f"no claim '{id[:80]}'."
    claim = json.loads(stored)
    return {"id": claim["paragraph_id"], "document_id": claim["document_id"]}, None


def _selector_problems(selector, text: str) -> list[str]:
    """Say where text selectors on a paragraph do not fit its text."""
    problems = []
    for one in selector if isinstance(selector, list) else [selector]:
        if not isinstance(one, dict):
            continue
        if one.get("type") == "TextPositionSelector":
            start, end = one.get("start"), one.get("end")
            if not (_count(start) and _count(end) and start <= end <= len(text)):
                problems.append(
                    f"TextPositionSelector start and end must be 0 <= start <= end <= {len(text)}."
                )
        elif one.get("type") == "TextQuoteSelector":
            exact = one.get("exact")
            if not isinstance(exact, str) or not exact or exact not in text:
                problems.append("TextQuoteSelector exact is not in the paragraph's text.")
    return problems


def _count(value) -> TypeGuard[int]:
    """Tell whether a value is a non-negative integer (not a bool)."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0
