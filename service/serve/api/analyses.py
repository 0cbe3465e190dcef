"""Analyses: what the build would find in a text sent over HTTP, with nothing stored."""

from flask import Blueprint, jsonify

from service.serve.annotations.auth import writer
from service.serve.args import AnalysisOptions
from service.serve.context import analyses
from service.serve.headers import etags
from service.serve.submission import read_submission

bp = Blueprint("analyses", __name__)


@bp.post("/v1/analyses")
def analyse():
    """Analyse a text or page as the build would a new document, and answer its items;
    with `related=true`, its claims' relations to the corpus's claims too."""
    pool = analyses()
    if pool.needs_token:
        writer("Analysing a text")
    body = pool.run(read_submission(pool.max_bytes, options=AnalysisOptions))
    response = jsonify(body)
    # Each answer is of its own body, not of the corpus build a read's tag names.
    response.set_etag(etags.body(response.get_data()))
    return response
