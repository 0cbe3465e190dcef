"""Apps over rebuilt corpora that only the read side's tests ask about."""

import shutil

import pytest

from service import create_app
from tests.support import hostile
from tests.support.corpus import DOC_ID, ROOT, SECOND, copy_corpus, run_build


@pytest.fixture(scope="session")
def retired_heading(tmp_path_factory):
    """A client over a rebuild that dropped a heading of the article, and that heading."""
    sources, annotations = copy_corpus(tmp_path_factory.mktemp("retired"))
    db = sources.parent / "claims.db"
    run_build(sources, annotations, db)
    client = create_app({"DB": str(db)}).test_client()
    heading = client.get("/v1/paragraphs?kind=heading&limit=1").json["items"][0]
    path = sources / f"{DOC_ID}.txt"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(heading["text"] + "\n\n", "", 1), encoding="utf-8")
    run_build(sources, annotations, db)
    return client, heading


@pytest.fixture(scope="session")
def two_documents(tmp_path_factory):
    """A client of the app over the article and a short text with its own publication date."""
    root = tmp_path_factory.mktemp("two")
    sources, annotations = copy_corpus(root)
    for suffix in (".txt", ".yaml"):
        shutil.copy(ROOT / "tests/data/second" / f"{SECOND}{suffix}", sources)
    run_build(sources, annotations, root / "claims.db")
    return create_app(
        {"DB": str(root / "claims.db"), "STORE": str(root / "store.db")}
    ).test_client()


@pytest.fixture(scope="session")
def hostile_client(tmp_path_factory):
    """The app over a corpus whose text, metadata, claims and annotations carry markup."""
    root = tmp_path_factory.mktemp("hostile")
    sources, annotations = copy_corpus(root)
    hostile.build(sources, annotations, root / "claims.db", run_build)
    return create_app({"DB": str(root / "claims.db")}).test_client(), root
