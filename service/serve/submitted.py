"""Documents submitted over HTTP: what a new one may not repeat, who may change one, and a
job as the API shows it."""

from collections.abc import Callable
from typing import TypeVar

from flask import Response, jsonify

from service.serve.annotations.userstore.jobs import Job, Taken
from service.serve.api import gone_if_retired
from service.serve.context import jobs, store
from service.serve.errors import Conflict, Forbidden, Gone, NotFound, Unavailable
from service.serve.headers import etags

T = TypeVar("T")


def refuse_taken(document_id: str, sha256: str) -> None:
    """Raise 409 when the corpus has or had a document with this id, or has this text."""
    if _built(lambda: store().get_document(document_id)) is not None:
        raise Conflict(
            f"A document with the id '{document_id}' is already in the corpus; send another `id`.",
            extra={"document_id": document_id},
        )
    gone = _built(lambda: store().gone("document", document_id))
    if gone is not None:
        raise Conflict(
            f"The id '{document_id}' was a document's, removed on {gone['retired_at']}; "
            "its IDs answer 410 for good: send another `id`.",
            extra={"document_id": document_id},
        )
    refuse_same_text(sha256, document_id)


def refuse_same_text(sha256: str, document_id: str) -> None:
    """Raise 409 naming the document, other than this one, that has this very text."""
    rows = _built(
        lambda: store().query(
            "SELECT id FROM documents WHERE sha256 = ? AND id <> ? LIMIT 1",
            (sha256, document_id),
        )
    )
    if rows:
        raise Conflict(
            f"The same text is already in the corpus as '{rows[0]['id']}'.",
            extra={"document_id": rows[0]["id"]},
        )
    sent = jobs().submitted_with(sha256)
    if sent is not None and sent != document_id:
        raise Conflict(f"The same text was already sent as '{sent}'.", extra={"document_id": sent})


def _built(read: Callable[[], T]) -> T | None:
    """Read the corpus database, or None before its first build: a new corpus takes its
    first documents over HTTP, and the publisher's first build makes the database."""
    try:
        return read()
    except Unavailable:
        return None


def conflict(taken: Taken) -> Conflict:
    """Turn the store's refusal into a 409 naming the document in the way."""
    return Conflict(str(taken), extra={"document_id": taken.document_id})


def may_change(document_id: str, owner: str) -> None:
    """Raise unless the token's owner submitted the document over HTTP and it is still in
    the corpus: 404 for no such document, 403 for another token's or one not submitted
    over HTTP, 410 for a removed one."""
    submitted = jobs().owner(document_id)
    if submitted is None:
        if _built(lambda: store().get_document(document_id)) is not None:
            raise Forbidden(
                f"The document '{document_id}' was not submitted over HTTP: change it with "
                "`claims add` or `claims remove`, then `claims build`."
            )
        _built(lambda: gone_if_retired("document", document_id))
        raise NotFound(f"No document '{document_id}'.")
    if submitted.name != owner:
        raise Forbidden(
            f"The document '{document_id}' was submitted with the token '{submitted.name}'; "
            "only that token may change it."
        )
    if submitted.retired_at is not None:
        gone_if_retired("document", document_id)  # when and why, once the build says so
        raise Gone(f"The document '{document_id}' was removed on {submitted.retired_at}.")


def job_body(job: Job) -> dict:
    """Describe a job as GET /v1/jobs/{id} answers it."""
    return {
        "id": job.id,
        "action": job.action,
        "document_id": job.document_id,
        "document_url": f"/v1/documents/{job.document_id}",
        "state": job.state,
        "step": job.step,
        "attempts": job.attempts,
        "created_at": job.created_at,
        "started_at": job.started_at,
        "finished_at": job.finished_at,
        "build_id": job.build_id,
        "error": job.error,
    }


def job_response(job: Job, status: int = 200) -> Response:
    """Answer a job, tagged by its body: it changes as the publisher works on it."""
    response = jsonify(job_body(job))
    response.status_code = status
    response.set_etag(etags.body(response.get_data()))
    if status == 202:
        response.headers["Location"] = f"/v1/jobs/{job.id}"
    return response
