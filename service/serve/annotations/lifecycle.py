"""Turn what a client sends into a user annotation we store: ours to name, the model's to check."""

import json
import re
import uuid

from flask import request

from service.serve.annotations.iris import relative
from service.serve.annotations.limits import check_bounds
from service.serve.annotations.protocol import CONTAINER_PATH
from service.serve.annotations.targets import resolve_targets
from service.serve.annotations.userstore.base import StoredAnnotation, now
from service.serve.annotations.w3c.model import checker
from service.serve.database.store import Store
from service.serve.errors import (
    Deleted,
    Forbidden,
    InvalidAnnotation,
    NotFound,
    PreconditionFailed,
    PreconditionRequired,
)
from service.serve.headers import etags

USER_ANNOTATION_ID = re.compile(r"u-[0-9a-f]{32}\Z")
FIRST_KEYS = ("@context", "id", "type")


def new_annotation(incoming: dict, creator: str, origin: str, corpus: Store) -> StoredAnnotation:
    """Name a posted annotation, record who made it and when, and check it."""
    id = f"u-{uuid.uuid4().hex}"
    annotation = dict(incoming)
    iri = f"{origin}{CONTAINER_PATH}{id}"
    given = annotation.get("id")
    if isinstance(given, str) and given != iri:
        # The protocol has the server name it; the name it came with is kept in `via`.
        annotation["via"] = _with(annotation.get("via"), given)
    annotation.update(id=iri, created=now(), creator={"name": creator})
    annotation.pop("modified", None)
    return _checked(id, annotation, creator, origin, corpus)


def replacement(
    current: StoredAnnotation | None,
    id: str,
    incoming: dict,
    writer: str,
    origin: str,
    corpus: Store,
) -> StoredAnnotation:
    """Check that a PUT may replace an annotation, and return what replaces it."""
    current = check_change(current, id, writer, required=True)
    iri = f"{origin}{CONTAINER_PATH}{id}"
    errors = {}
    if incoming.get("id", iri) != iri:
        errors["id"] = [f"Must be this annotation's IRI, {iri}, or left out."]
    for key in ("canonical", "via"):
        if key in current.annotation and incoming.get(key) != current.annotation[key]:
            errors[key] = [f"Cannot change once set; it is {json.dumps(current.annotation[key])}."]
    if errors:
        raise InvalidAnnotation("Some fields may not change.", errors=errors)
    annotation = dict(incoming)
    annotation.update(
        id=iri,
        created=current.annotation["created"],
        creator=current.annotation["creator"],
        modified=now(),
    )
    return _checked(id, annotation, current.creator, origin, corpus)


def live(current: StoredAnnotation | None, id: str) -> StoredAnnotation:
    """Return a user annotation that exists and is not deleted, else answer 404 or 410."""
    if current is None:
        raise NotFound(f"No annotation '{id}'.")
    if current.deleted_at is not None:
        raise Deleted(f"Annotation '{id}' was deleted on {current.deleted_at}.")
    return current


def check_change(
    current: StoredAnnotation | None, id: str, writer: str, required: bool
) -> StoredAnnotation:
    """Refuse a change to a missing, deleted or someone else's annotation, or a stale one.

    With `required`, a change without If-Match is refused (428); without, it goes ahead.
    Returns the annotation the change applies to.
    """
    current = live(current, id)
    if current.creator != writer:
        raise Forbidden(f"Annotation '{id}' was made with the token '{current.creator}'.")
    condition = request.if_match
    if not condition:
        if required:
            raise PreconditionRequired(
                "Send the annotation's ETag in If-Match, so that no one's change is lost."
            )
        return current
    if not (condition.star_tag or condition.contains(current.etag)):
        # No ETag on the 412: a client must read the annotation again before it retries.
        raise PreconditionFailed(
            "The annotation changed since that ETag: fetch it again and retry."
        )
    return current


def _checked(
    id: str, annotation: dict, creator: str, origin: str, corpus: Store
) -> StoredAnnotation:
    """Check an annotation against the W3C model and our corpus; return it as stored."""
    check_bounds(annotation)  # first: the model's checks grow with every body and target
    annotation = {**{k: annotation[k] for k in FIRST_KEYS if k in annotation}, **annotation}
    problems = checker().problems(annotation)
    if problems:
        raise InvalidAnnotation(
            "The annotation does not conform to the W3C Web Annotation Data Model.",
            errors=problems,
        )
    targets = resolve_targets(annotation, origin, corpus)
    stored = relative(annotation, origin)
    motivation = stored.get("motivation", [])
    return StoredAnnotation(
        id=id,
        creator=creator,
        annotation=stored,
        etag=etags.user_annotation(stored),
        motivation=" ".join(motivation if isinstance(motivation, list) else [motivation]),
        targets=targets,
    )


def _with(values, value: str):
    """Add a value to a property that holds one value or a list of them."""
    existing = values if isinstance(values, list) else [] if values is None else [values]
    return existing if value in existing else [*existing, value]
