"""Documents sent over HTTP: each change queued as a job that the publisher applies to the
corpus, answered 202 with the job."""

from flask import Blueprint, request

from service.serve.annotations.auth import writer
from service.serve.annotations.userstore.jobs import Taken
from service.serve.args import RetireArgs, check_id, load_args
from service.serve.context import analyses, intake, jobs
from service.serve.errors import MalformedBody
from service.serve.idempotency import idempotent, once
from service.serve.submission import read_submission
from service.serve.submitted import (
    conflict,
    job_response,
    may_change,
    refuse_same_text,
    refuse_taken,
)
from service.vocab import DOCUMENT_ID

bp = Blueprint("document_writes", __name__)


@bp.post("/v1/documents")
@idempotent(lambda: analyses().max_bytes)
def submit():
    """Queue a new document: its text or page, checked as `claims add` checks it."""
    owner = writer("Submitting a document")
    submission = intake()(_read())
    refuse_taken(submission.document_id, submission.sha256)
    return _queued(lambda: jobs().create(submission, owner))


@bp.put("/v1/documents/<id>")
def revise(id: str):
    """Queue a new text for a document this token submitted."""
    check_id(id, DOCUMENT_ID, "document")
    owner = writer("Revising a document")
    may_change(id, owner)
    submitted = _read()
    if submitted.get("id", id) != id:
        raise MalformedBody(
            "The body names another document than the URL.",
            errors={"id": [f"Must be '{id}', the document of the URL, or left out."]},
        )
    submission = intake()({**submitted, "id": id})
    refuse_same_text(submission.sha256, id)
    return _queued(lambda: jobs().revise(submission, owner))


@bp.delete("/v1/documents/<id>")
def retire(id: str):
    """Queue the removal of a document this token submitted; its IDs will answer 410."""
    check_id(id, DOCUMENT_ID, "document")
    args = load_args(RetireArgs(), request.args)
    owner = writer("Removing a document")
    may_change(id, owner)
    return job_response(jobs().retire(id, owner, args.get("reason")), 202)


def _queued(enqueue):
    """Queue a job and answer 202 with it; 409 when another job took its id or text first."""
    try:
        return once(enqueue, lambda job: job_response(job, 202))
    except Taken as taken:
        raise conflict(taken) from None


def _read() -> dict:
    """Read the text or page sent, as POST /v1/analyses reads it."""
    return read_submission(analyses().max_bytes, "A document")
