"""What a user annotation points at: our paragraphs and claims must exist, others are free.

An IRI is ours when it has the request's origin, or when its path is under one of our API
collections (`/v1/paragraphs/`, `/v1/claims/`, `/v1/documents/`) whatever its host: the
service has no one public origin, so another name for this host (`127.0.0.1` for
`localhost`, a forged `Host`) is checked as if it were the request's own.
"""

import json
import re
from typing import TypeGuard
from urllib.parse import urlsplit

from service.serve.annotations.w3c.model import CHOICE_SET_TYPES
from service.serve.database.store import Store
from service.serve.errors import InvalidAnnotation
from service.vocab import CLAIM_ID, DOCUMENT_ID, NOTED_KINDS, PARAGRAPH_ID

OUR_API_PATHS = ("/v1/paragraphs/", "/v1/claims/", "/v1/documents/")
ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
NOTE_MOTIVATIONS = {"commenting", "describing"}


def resolve_targets(annotation: dict, origin: str, corpus: Store) -> list[tuple[str, str]]:
    """Check every target of ours; return the (paragraph, document) pairs they reach.

    Raise a 422 naming the target when one is not a paragraph or claim of the corpus,
    when its selectors or scope do not fit, or when it takes no notes and this is one.
    """
    problems, reached = [], []
    noted = _is_note(annotation)
    for iri, resource in _targets(annotation.get("target")):
        found = _resolve(iri, origin, corpus)
        if found is None:
            problems += [f"{iri}: {p}" for p in _scope_problems(resource, origin, corpus)]
            continue
        if isinstance(found, str):
            problems.append(f"{iri}: {found}")
            continue
        paragraph, text, where = found
        problems += [
            f"{iri}: {p}" for p in _resource_problems(resource, text, where, origin, corpus)
        ]
        if noted and paragraph.get("kind") not in NOTED_KINDS:
            problems.append(f"{iri}: {_no_notes(paragraph.get('kind'))}")
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
        elif "source" in value:
            source = value["source"]
            iri = source.get("id") if isinstance(source, dict) else source
            yield (iri if isinstance(iri, str) else ""), value
        elif isinstance(value.get("id"), str):
            yield value["id"], None


def _ours(iri: str, origin: str):
    """Return the parts of an IRI that names something of ours, else None."""
    parts = urlsplit(iri)
    if f"{parts.scheme}://{parts.netloc}" != origin and not parts.path.startswith(OUR_API_PATHS):
        return None
    return parts


def _resolve(iri: str, origin: str, corpus: Store):
    """Return (paragraph, text, what the text is) for a target of ours, a problem, or None."""
    parts = _ours(iri, origin)
    if parts is None:
        return None
    kind, _, id = parts.path.removeprefix("/v1/").partition("/")
    if parts.query or kind not in ("paragraphs", "claims") or "/" in id:
        return "a target on this service is a paragraph or a claim."
    return _paragraph(corpus, id) if kind == "paragraphs" else _claim(corpus, id)


def _paragraph(corpus: Store, id: str):
    """Return a paragraph and its text, or say why it cannot be annotated."""
    stored = corpus.paragraph_json(id) if PARAGRAPH_ID.match(id) else None
    if stored is None:
        if PARAGRAPH_ID.match(id) and corpus.is_retired(id):
            return f"paragraph '{id}' was retired."
        return f"no paragraph '{id[:80]}'."
    paragraph = json.loads(stored)
    return paragraph, paragraph["text"], "the paragraph's text"


def _claim(corpus: Store, id: str):
    """Return the paragraph of a claim and the claim's quote, or say why it cannot be."""
    stored = corpus.claim_json(id) if CLAIM_ID.match(id) else None
    if stored is None:
        return f"no claim '{id[:80]}'."
    claim = json.loads(stored)
    paragraph = json.loads(corpus.paragraph_json(claim["paragraph_id"]) or "{}")
    return (
        {"id": claim["paragraph_id"], "document_id": claim["document_id"], **paragraph},
        claim["quote"],
        "the claim's quote",
    )


def _resource_problems(resource, text: str, where: str, origin: str, corpus: Store) -> list[str]:
    """Say where a Specific Resource's selectors or scope do not fit."""
    if resource is None:
        return []
    selectors = _selector_problems(resource.get("selector"), text, where)
    return selectors + _scope_problems(resource, origin, corpus)


def _selector_problems(selector, text: str, where: str) -> list[str]:
    """Say where text selectors, and the selectors refining them, do not fit a text."""
    problems = []
    for one in _listed(selector):
        if not isinstance(one, dict):
            continue
        problem, part = _fit(one, text, where)
        if problem:
            problems.append(problem)
        elif "refinedBy" in one:
            problems += _selector_problems(one["refinedBy"], part, "the text it refines")
    return problems


def _fit(one: dict, text: str, where: str) -> tuple[str | None, str]:
    """Say whether one selector fits a text; return what it selects (all, when unknown)."""
    if one.get("type") == "TextPositionSelector":
        start, end = one.get("start"), one.get("end")
        if not (_count(start) and _count(end) and start <= end <= len(text)):
            bounds = f"0 <= start <= end <= {len(text)}"
            return f"TextPositionSelector start and end must be {bounds} in {where}.", ""
        return None, text[start:end]
    if one.get("type") == "TextQuoteSelector":
        exact = one.get("exact")
        if not isinstance(exact, str) or not exact or exact not in text:
            return f"TextQuoteSelector exact is not in {where}.", ""
        return None, exact
    return None, text


def _scope_problems(resource, origin: str, corpus: Store) -> list[str]:
    """Say where a Specific Resource's scope is neither an existing one of ours nor absolute."""
    if resource is None or "scope" not in resource:
        return []
    problems = []
    for scope in _listed(resource["scope"]):
        iri = scope.get("id") if isinstance(scope, dict) else scope
        if not isinstance(iri, str) or not ABSOLUTE_IRI.match(iri):
            problems.append("scope must be an absolute IRI.")
            continue
        parts = _ours(iri, origin)
        if parts is not None and not _exists(parts.path, corpus):
            problems.append(f"scope {iri[:120]} is no document, paragraph or claim here.")
    return problems


def _exists(path: str, corpus: Store) -> bool:
    """Tell whether a path of ours names a document, paragraph or claim of the corpus."""
    kind, _, id = path.removeprefix("/v1").removeprefix("/").partition("/")
    if kind == "documents":
        return bool(DOCUMENT_ID.match(id)) and corpus.get_document(id) is not None
    if kind == "paragraphs":
        return bool(PARAGRAPH_ID.match(id)) and corpus.paragraph_json(id) is not None
    return kind == "claims" and bool(CLAIM_ID.match(id)) and corpus.claim_json(id) is not None


def _is_note(annotation: dict) -> bool:
    """Tell whether an annotation is a note the reader would show: words or a note's motive."""
    motivation = annotation.get("motivation", [])
    motives = set(motivation if isinstance(motivation, list) else [motivation])
    bodies = annotation.get("body", [])
    texts = [b for b in _listed(bodies) if isinstance(b, dict) and isinstance(b.get("value"), str)]
    return bool(motives & NOTE_MOTIVATIONS or texts or isinstance(annotation.get("bodyValue"), str))


def _no_notes(kind) -> str:
    """Say that a paragraph of this kind takes no notes, and which kinds do."""
    return f"a {kind} takes no notes; notes go on {', '.join(NOTED_KINDS)} paragraphs."


def _listed(value) -> list:
    """Return a value that may be one item or a list as a list."""
    return value if isinstance(value, list) else [] if value is None else [value]


def _count(value) -> TypeGuard[int]:
    """Tell whether a value is a non-negative integer (not a bool)."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0
