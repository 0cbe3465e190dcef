"""The writer inserts rows as given, and the full-text index a segment per batch."""

import sqlite_utils

from service.pipeline.db.schema import create_all
from service.pipeline.db.writer import Writer


def database() -> tuple[sqlite_utils.Database, Writer]:
    db = sqlite_utils.Database(memory=True)
    create_all(db)
    return db, Writer(db)


def search_row(ref_id: str, text: str) -> dict:
    return {
        "title": "",
        "text": text,
        "kind": "paragraph",
        "ref_id": ref_id,
        "document_id": "d",
        "paragraph_id": ref_id,
    }


def test_rows_go_in_in_their_order_with_null_for_a_column_left_out():
    db, writer = database()
    writer.insert(
        "meta",
        [{"key": "b", "value": "2"}, {"value": "1", "key": "a"}, {"key": "c"}],
    )
    rows = db.execute("SELECT key, value FROM meta ORDER BY rowid").fetchall()
    assert rows == [("b", "2"), ("a", "1"), ("c", None)]


def test_no_rows_insert_nothing():
    db, writer = database()
    writer.insert("meta", [])
    assert db["meta"].count == 0


def test_each_batch_of_search_rows_is_a_segment_of_the_index():
    db, writer = database()
    db.conn.execute("BEGIN")
    writer.insert_search([search_row("p-1", "pier closed"), search_row("p-2", "pier open")])
    writer.insert_search([search_row("p-3", "crews say")])
    db.conn.commit()
    segments = db.execute("SELECT count(DISTINCT segid) FROM search_idx").fetchone()[0]
    assert segments == 2
    found = db.execute("SELECT ref_id FROM search WHERE search MATCH 'pier' ORDER BY rowid")
    assert [r[0] for r in found] == ["p-1", "p-2"]
