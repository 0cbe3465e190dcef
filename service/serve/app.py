"""The application factory."""

from flask import Flask
from flask.json.provider import DefaultJSONProvider

from service.config import load_settings
from service.serve.annotations import collection as annotations
from service.serve.annotations import container
from service.serve.annotations.userstore import open_user_store
from service.serve.annotations.userstore.jobs import JobQueue
from service.serve.api import (
    analyses,
    checks,
    claims,
    contests,
    dates,
    docs,
    document_writes,
    documents,
    entities,
    jobs,
    meta,
    paragraphs,
    search,
    sources,
    timeline,
)
from service.serve.context import ANALYSES, CORPUS, INTAKE, JOBS, USERS, Intake
from service.serve.database.store import Store
from service.serve.errors import register_error_handlers
from service.serve.headers import register_http
from service.serve.pool import Analyse, AnalysisPool
from service.serve.reader import views as reader


def create_app(config: dict | None = None, *, analyse: Analyse, intake: Intake) -> Flask:
    """Create the API over the corpus database and the writable store the settings name;
    `analyse` answers POST /v1/analyses and `intake` checks what POST|PUT /v1/documents
    queue (`service.create_app` gives the build's)."""
    settings = load_settings(config)
    app = Flask(__name__)
    app.config["CLAIMS"] = settings
    json = app.json
    assert isinstance(json, DefaultJSONProvider)  # Flask's own, whose options these are
    json.sort_keys = False
    json.ensure_ascii = False
    json.compact = True
    app.extensions[ANALYSES] = AnalysisPool.from_settings(analyse, settings)
    store = Store(settings["DB"])
    app.extensions[CORPUS] = store
    app.teardown_request(lambda _error: store.end_request())
    app.extensions[USERS] = users = open_user_store(str(settings["STORE"]))
    app.extensions[JOBS] = JobQueue(users)
    app.extensions[INTAKE] = intake
    register_error_handlers(app)
    register_http(app, store)
    blueprints = (
        meta,
        documents,
        paragraphs,
        entities,
        dates,
        timeline,
        checks,
        claims,
        sources,
        contests,
        search,
        analyses,
        document_writes,
        jobs,
        container,
        annotations,
        docs,
        reader,
    )
    for blueprint in (module.bp for module in blueprints):
        app.register_blueprint(blueprint)
    return app
