"""Fixtures every part uses: a copy of the corpus, a database built from it, the app and a
real server over it, the development set of news, and the spaCy model loaded once."""

import json
import os
from pathlib import Path

import pytest

from service import create_app
from service.pipeline.nlp.gazetteer import load_gazetteer
from service.pipeline.nlp.pipeline import load_pipeline
from tests.support.corpus import MODEL, NEWS, copy_corpus, news_app, run_build
from tests.support.server import start_server


@pytest.fixture(scope="session", autouse=True)
def private_store(tmp_path_factory):
    """Point every app and server the tests start at a writable store of the tests' own."""
    path = tmp_path_factory.mktemp("default-store") / "store.db"
    previous = os.environ.get("CLAIMS_STORE")
    os.environ["CLAIMS_STORE"] = str(path)
    yield path
    if previous is None:
        del os.environ["CLAIMS_STORE"]
    else:
        os.environ["CLAIMS_STORE"] = previous


@pytest.fixture
def corpus(tmp_path) -> tuple[Path, Path]:
    """A private copy of the corpus."""
    return copy_corpus(tmp_path)


@pytest.fixture(scope="session")
def built_db(tmp_path_factory) -> Path:
    """A database built once from the project's corpus."""
    root = tmp_path_factory.mktemp("built")
    sources, annotations = copy_corpus(root)
    db = root / "claims.db"
    run_build(sources, annotations, db)
    return db


@pytest.fixture(scope="session")
def app(built_db, tmp_path_factory):
    """The app over the built database, with a store of its own."""
    store = tmp_path_factory.mktemp("store") / "store.db"
    return create_app({"DB": str(built_db), "STORE": str(store)})


@pytest.fixture
def article_client(app):
    """A test client of the app over the project's corpus: the Lachin article."""
    return app.test_client()


@pytest.fixture(scope="session")
def live_server(built_db):
    """The base URL of a real `claims serve` over the built database."""
    process, base = start_server(built_db)
    yield base
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="session")
def news_client(tmp_path_factory):
    """The app over a database built from the development set of news texts."""
    app, report = news_app(tmp_path_factory.mktemp("news"))
    assert report.documents == len(list(NEWS.glob("*.gold.yaml")))
    return app.test_client()


@pytest.fixture(scope="session")
def spacy_pipeline():
    """Load the spaCy model once a session for each gazetteer, since a load takes seconds.

    Gives a function from a gazetteer file (one that does not exist is the empty
    gazetteer) to the pipeline with that gazetteer's entity ruler, and the gazetteer.
    """
    loaded: dict[str, tuple] = {}

    def pipeline_for(path: Path) -> tuple:
        gazetteer = load_gazetteer(path)
        # By content: every missing file is the same empty gazetteer.
        key = json.dumps([gazetteer.entities, sorted(gazetteer.not_entities)], sort_keys=True)
        if key not in loaded:
            loaded[key] = (load_pipeline(MODEL, gazetteer), gazetteer)
        return loaded[key]

    return pipeline_for
