"""Jobs: how a document sent over HTTP is getting on, from queued to published or failed."""

from flask import Blueprint, request

from service.serve.annotations.userstore.jobs import JOB_ID
from service.serve.args import ArgsSchema, check_id, load_args
from service.serve.context import jobs
from service.serve.errors import NotFound
from service.serve.submitted import job_response

bp = Blueprint("jobs", __name__)


@bp.get("/v1/jobs/<id>")
def get_job(id: str):
    """Return a job's state, step, times and, when it failed, why."""
    load_args(ArgsSchema(), request.args)
    job = jobs().get(check_id(id, JOB_ID, "job"))
    if job is None:
        raise NotFound(f"No job '{id}'.")
    return job_response(job)
