"""Publishing in place: a change to a few texts written into the served database, equal to
what a full build of the same files serves, at the cost of the change."""

import shutil
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from service.corpus.remove import remove_document
from service.pipeline.db.positions import DOCUMENT_SPAN, first_position, position_between
from service.pipeline.incremental import publish_in_place
from service.pipeline.write import settle
from tests.support.corpus import MODEL, NEWS, ROOT, copy_corpus, run_build
from tests.support.database import served_content

PAIR = ("pair-norvik-furnace-brenholmcourier", "pair-norvik-furnace-meridianwire")
OTHERS = ("correction-peru-copper-licence", "digest-andes-pass-closure")


def add_text(sources: Path, name: str) -> None:
    """Copy a development text and its metadata into a corpus."""
    for suffix in (".txt", ".yaml"):
        shutil.copy(NEWS / f"{name}{suffix}", sources)


@pytest.fixture
def built_story(tmp_path):
    """The article, one side of a story told twice and two other texts, built once."""
    sources, annotations = copy_corpus(tmp_path)
    for name in (PAIR[0], *OTHERS):
        add_text(sources, name)
    db = tmp_path / "claims.db"
    run_build(sources, annotations, db, cache_dir=tmp_path / "cache")
    return sources, annotations, db


def publish(sources, annotations, db, **kwargs):
    """Publish whatever changed in place, failing the test when a full build would be needed."""
    report = publish_in_place(
        sources, annotations, db, model=MODEL, cache_dir=db.parent / "cache", **kwargs
    )
    assert report is not None and report.in_place
    return report


def full_build(sources, annotations, tmp_path) -> Path:
    """Build the same files afresh, the locks copied so that the IDs are those kept."""
    copied = tmp_path / "full-annotations"
    shutil.copytree(annotations, copied)
    db = tmp_path / "full.db"
    run_build(sources, copied, db, reuse_current=False)
    return db


def relations_across(db: Path) -> int:
    """Count the claims' relations to other documents' claims."""
    with closing(sqlite3.connect(db)) as conn:
        return conn.execute(
            "SELECT count(*) FROM claims, json_each(claims.item_json, '$.relations') AS r"
            " WHERE json_extract(r.value, '$.document_id') IS NOT NULL"
        ).fetchone()[0]


def test_a_new_text_is_published_as_a_full_build_would_serve_it(built_story, tmp_path):
    sources, annotations, db = built_story
    before = relations_across(db)
    add_text(sources, PAIR[1])
    report = publish(sources, annotations, db)
    assert report.changed == [PAIR[1]]
    assert (report.analysed, len(report.cross_relations) > 0) == (1, True)
    assert relations_across(db) > before  # the other account of the story is linked
    assert served_content(db) == served_content(full_build(sources, annotations, tmp_path))


def test_a_revised_text_is_published_as_a_full_build_would_serve_it(built_story, tmp_path):
    sources, annotations, db = built_story
    add_text(sources, PAIR[1])
    publish(sources, annotations, db)
    text = sources / f"{PAIR[0]}.txt"
    paragraphs = text.read_text(encoding="utf-8").split("\n\n")
    paragraphs[2] = "The council said on Monday that the furnace would stay open until 2030."
    text.write_text("\n\n".join(paragraphs), encoding="utf-8")
    report = publish(sources, annotations, db, documents={PAIR[0]})
    assert report.changed == [PAIR[0]] and report.minted >= 1
    assert served_content(db) == served_content(full_build(sources, annotations, tmp_path))


def test_a_retired_text_is_taken_out_with_its_relations(built_story, tmp_path):
    sources, annotations, db = built_story
    add_text(sources, PAIR[1])
    publish(sources, annotations, db)
    remove_document(PAIR[1], sources, annotations, db, "withdrawn by its publisher")
    report = publish(sources, annotations, db, documents={PAIR[1]})
    assert report.retired_documents == [PAIR[1]]
    full = full_build(sources, annotations, tmp_path)
    assert served_content(db) == served_content(full)
    with closing(sqlite3.connect(db)) as conn:
        gone = conn.execute("SELECT kind, reason FROM gone WHERE document_id = ?", [PAIR[1]])
        assert ("document", "withdrawn by its publisher") in gone.fetchall()


def reading_order(db: Path) -> list[str]:
    """List the documents in the order their paragraphs are read."""
    with closing(sqlite3.connect(db)) as conn:
        rows = conn.execute("SELECT document_id FROM paragraphs GROUP BY 1 ORDER BY min(seq)")
        return [row[0] for row in rows]


def test_a_document_whose_id_extends_anothers_is_read_after_it_as_a_build_reads_it(
    built_story, tmp_path
):
    sources, annotations, db = built_story
    extended = f"{OTHERS[0]}-2"
    for suffix in (".txt", ".yaml"):
        shutil.copy(NEWS / f"{PAIR[1]}{suffix}", sources / f"{extended}{suffix}")
    publish(sources, annotations, db)
    full = full_build(sources, annotations, tmp_path)
    assert reading_order(db) == reading_order(full)
    assert reading_order(db).index(OTHERS[0]) + 1 == reading_order(db).index(extended)
    assert served_content(db) == served_content(full)


def test_a_text_deleted_with_its_annotations_is_gone_without_a_record(built_story, tmp_path):
    sources, annotations, db = built_story
    for suffix in (".txt", ".yaml"):
        (sources / f"{OTHERS[1]}{suffix}").unlink()
    shutil.rmtree(annotations / OTHERS[1])  # no lock: nothing says it was ever built
    report = publish(sources, annotations, db)
    assert report.retired_documents == [] and not (annotations / OTHERS[1]).exists()
    assert served_content(db) == served_content(full_build(sources, annotations, tmp_path))


def test_the_other_documents_keep_their_rows_where_they_were(built_story):
    sources, annotations, db = built_story
    query = "SELECT id, seq FROM paragraphs WHERE document_id != ? ORDER BY seq"
    with closing(sqlite3.connect(db)) as conn:
        before = conn.execute(query, [PAIR[1]]).fetchall()
    add_text(sources, PAIR[1])
    publish(sources, annotations, db)
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute(query, [PAIR[1]]).fetchall() == before
        order = [row[0] for row in conn.execute("SELECT document_id FROM paragraphs ORDER BY seq")]
    assert order == sorted(order)  # the new text read in its place by id


def test_nothing_changed_is_up_to_date_once_published_in_place(built_story):
    sources, annotations, db = built_story
    add_text(sources, PAIR[1])
    placed = publish(sources, annotations, db)
    again = publish_in_place(sources, annotations, db, model=MODEL)
    assert again is not None and again.up_to_date and again.build_id == placed.build_id
    assert run_build(sources, annotations, db, reuse_current=True).up_to_date


@pytest.mark.parametrize(
    "change",
    [
        pytest.param("gazetteer", id="the annotations every text is built against"),
        pytest.param("many", id="more than a tenth of the texts"),
    ],
)
def test_a_change_a_full_build_must_make_is_left_to_it(built_story, change):
    sources, annotations, db = built_story
    if change == "gazetteer":
        gazetteer = annotations / "entities.yaml"
        gazetteer.write_text(gazetteer.read_text(encoding="utf-8") + "\n# edited\n")
        add_text(sources, PAIR[1])
    else:
        for text in sorted(NEWS.glob("digest-*.txt"))[1:3]:
            add_text(sources, text.stem)
    before = db.read_bytes()
    assert publish_in_place(sources, annotations, db, model=MODEL) is None
    assert db.read_bytes() == before


def kill_mid_write(sources, annotations, db) -> None:
    """Publish in a process of its own, killed with SIGKILL while it writes the change."""
    journal = db.with_name(db.name + "-journal")
    script = (
        "import sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]);"
        "from service.pipeline.incremental import publish_in_place as p;"
        "p(Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4]), model=sys.argv[5])"
    )
    command = [sys.executable, "-c", script, str(ROOT), str(sources), str(annotations), str(db)]
    child = subprocess.Popen([*command, MODEL])
    deadline = time.monotonic() + 120
    while not journal.exists() and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.0005)  # the journal exists only while the change is being written
    child.kill()
    child.wait()
    assert journal.exists(), "the publisher finished before it could be stopped"


def test_a_publisher_killed_mid_way_leaves_the_database_as_it_was(built_story, tmp_path):
    sources, annotations, db = built_story
    add_text(sources, PAIR[1])
    kept = tmp_path / "kept.db"
    shutil.copy(db, kept)
    kill_mid_write(sources, annotations, db)
    settle(db)  # as the next publisher does before anything else
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as reader:
        assert reader.execute("SELECT count(*) FROM documents").fetchone()[0] == 4
    assert served_content(db) == served_content(kept)


def test_a_full_build_after_a_killed_publisher_is_the_files_build(built_story, tmp_path):
    sources, annotations, db = built_story
    add_text(sources, PAIR[1])
    kill_mid_write(sources, annotations, db)
    run_build(sources, annotations, db)  # its new file takes the name of the journal's
    assert served_content(db) == served_content(full_build(sources, annotations, tmp_path))


def test_a_change_readers_hold_up_is_left_to_a_full_build(built_story, tmp_path):
    sources, annotations, db = built_story
    add_text(sources, PAIR[1])
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as reader:
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM documents").fetchone()  # a request reading
        before = db.read_bytes()
        held = publish_in_place(sources, annotations, db, model=MODEL, busy_seconds=0.2)
        assert held is None and db.read_bytes() == before
        built = run_build(sources, annotations, db)  # a new file, swapped in
        assert not built.in_place and built.documents == 5
        assert reader.execute("SELECT count(*) FROM documents").fetchone()[0] == 4


def test_a_document_finds_room_between_its_neighbours_until_the_gap_is_used_up():
    with closing(sqlite3.connect(":memory:")) as db:
        db.execute("CREATE TABLE paragraphs (document_id TEXT, seq INTEGER)")
        db.executemany(
            "INSERT INTO paragraphs VALUES (?, ?)",
            [("a", first_position(0)), ("a", first_position(0) + 1), ("z", first_position(1))],
        )
        assert position_between(db, "zz", 3) == first_position(2)
        placed = []
        while (start := position_between(db, f"m{len(placed):03}", 2)) is not None:
            db.executemany(
                "INSERT INTO paragraphs VALUES (?, ?)",
                [(f"m{len(placed):03}", start), (f"m{len(placed):03}", start + 1)],
            )
            placed.append(start)
        assert len(placed) > 200  # one after another, each finds room a long while
        order = [row[0] for row in db.execute("SELECT document_id FROM paragraphs ORDER BY seq")]
        assert order == sorted(order) and max(placed) < first_position(1) < DOCUMENT_SPAN * 3
