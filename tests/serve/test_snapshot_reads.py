"""A request reads one version of the corpus database: a change published in place while
it runs waits for it, and the next request sees the change."""

import shutil
import sqlite3
from contextlib import closing

from service import create_app
from service.serve.context import CORPUS


def rename_the_article(db, title: str, timeout: float) -> None:
    """Change the corpus database from a connection of its own, as a publisher does."""
    with closing(sqlite3.connect(db, timeout=timeout, isolation_level=None)) as writer:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("UPDATE documents SET title = ?", [title])
        writer.execute("COMMIT")


def test_a_change_waits_for_the_request_reading_and_the_next_request_sees_it(built_db, tmp_path):
    db = tmp_path / "claims.db"
    shutil.copy(built_db, db)
    app = create_app({"DB": str(db), "STORE": str(tmp_path / "store.db")})
    store = app.extensions[CORPUS]
    with app.test_request_context("/v1/documents"):
        title = store.query("SELECT title FROM documents")[0][0]
        try:
            rename_the_article(db, "Renamed", timeout=0.2)
        except sqlite3.OperationalError as error:
            refused = str(error)
        else:
            refused = ""
        assert refused == "database is locked"
        assert store.query("SELECT title FROM documents")[0][0] == title
    rename_the_article(db, "Renamed", timeout=5)
    with app.test_request_context("/v1/documents"):
        assert store.query("SELECT title FROM documents")[0][0] == "Renamed"
    assert app.test_client().get("/v1/documents").get_json()["items"][0]["title"] == "Renamed"


def test_reads_outside_a_request_are_not_held_open(built_db, tmp_path):
    db = tmp_path / "claims.db"
    shutil.copy(built_db, db)
    store = create_app({"DB": str(db), "STORE": str(tmp_path / "store.db")}).extensions[CORPUS]
    assert store.query("SELECT count(*) FROM documents")[0][0] == 1
    rename_the_article(db, "Renamed", timeout=0.2)  # no lock is left behind
    assert store.query("SELECT title FROM documents")[0][0] == "Renamed"
