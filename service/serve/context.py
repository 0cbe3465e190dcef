"""The app's two stores, its job queue, its analysis pool and its intake, as a request's
view finds them: kept out of the stores' own modules, so that the command line's token
commands open a store without Flask."""

from collections.abc import Callable

from flask import current_app

from service.serve.annotations.userstore.base import UserStore
from service.serve.annotations.userstore.jobs import JobQueue, Submission
from service.serve.database.store import Store
from service.serve.pool import AnalysisPool

CORPUS = "claims_store"
USERS = "claims_user_store"
ANALYSES = "claims_analyses"
JOBS = "claims_jobs"
INTAKE = "claims_intake"

Intake = Callable[[dict], Submission]


def store() -> Store:
    """Return the app's read-only corpus store."""
    return current_app.extensions[CORPUS]


def user_store() -> UserStore:
    """Return the app's writable store."""
    return current_app.extensions[USERS]


def analyses() -> AnalysisPool:
    """Return the app's pool of analyses."""
    return current_app.extensions[ANALYSES]


def jobs() -> JobQueue:
    """Return the app's queue of document jobs, in the writable store."""
    return current_app.extensions[JOBS]


def intake() -> Intake:
    """Return what checks a document sent to be published (`service.intake.Intake`)."""
    return current_app.extensions[INTAKE]
