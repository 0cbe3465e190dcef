"""Incremental builds: cached analyses are reused; the database equals a full build's."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.corpus import ROOT, copy_corpus, run_build
from tests.support.database import table_rows

NEWS = ROOT / "tests" / "data" / "news"


@pytest.fixture
def article_and_four_news(tmp_path) -> tuple[Path, Path]:
    """The article and four development texts, copied so a test may change them."""
    sources, annotations = copy_corpus(tmp_path)
    for text in sorted(NEWS.glob("*.txt"))[:4]:
        shutil.copy(text, sources)
        shutil.copy(text.with_suffix(".yaml"), sources)
    return sources, annotations


@pytest.fixture
def warm_cache(article_and_four_news, tmp_path):
    """The corpus, its annotations and an analysis cache one build has filled."""
    sources, annotations = article_and_four_news
    cache = tmp_path / "cache"
    run_build(sources, annotations, tmp_path / "a.db", cache_dir=cache)
    return sources, annotations, cache


def full_build_rows(sources, annotations, tmp_path) -> dict:
    """Return the rows of a build of the corpus without any cache."""
    run_build(sources, annotations, tmp_path / "full.db")
    return table_rows(tmp_path / "full.db")


def test_rebuild_reuses_every_analysis_and_writes_the_same_rows(article_and_four_news, tmp_path):
    sources, annotations = article_and_four_news
    cache = tmp_path / "cache"
    full = run_build(sources, annotations, tmp_path / "full.db")  # no cache at all
    assert (full.analysed, full.reused) == (5, 0)
    first = run_build(sources, annotations, tmp_path / "first.db", cache_dir=cache)
    again = run_build(sources, annotations, tmp_path / "again.db", cache_dir=cache)
    assert (first.analysed, first.reused) == (5, 0)
    assert (again.analysed, again.reused) == (0, 5)
    assert "0 documents analysed, 5 reused" in again.summary()
    assert table_rows(tmp_path / "again.db") == table_rows(tmp_path / "full.db")
    assert table_rows(tmp_path / "first.db") == table_rows(tmp_path / "full.db")


def test_only_new_and_edited_documents_are_analysed(warm_cache, tmp_path):
    sources, annotations, cache = warm_cache
    extra = sorted(NEWS.glob("*.txt"))[4]
    shutil.copy(extra, sources)
    shutil.copy(extra.with_suffix(".yaml"), sources)
    added = run_build(sources, annotations, tmp_path / "b.db", cache_dir=cache)
    assert (added.analysed, added.reused) == (1, 5)
    edited = sorted(sources.glob("*.txt"))[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nA closing line was added.\n")
    after_edit = run_build(sources, annotations, tmp_path / "c.db", cache_dir=cache)
    assert (after_edit.analysed, after_edit.reused) == (1, 5)
    assert table_rows(tmp_path / "c.db") == full_build_rows(sources, annotations, tmp_path)


def test_metadata_that_changes_segmentation_misses_the_cache(warm_cache, tmp_path):
    sources, annotations, cache = warm_cache
    metadata = sorted(sources.glob("*.yaml"))[0]
    first_line = metadata.with_suffix(".txt").read_text(encoding="utf-8").split("\n")[0]
    metadata.write_text(
        metadata.read_text(encoding="utf-8") + f"kind_overrides: {{{first_line[:20]!r}: heading}}\n"
    )
    report = run_build(sources, annotations, tmp_path / "b.db", cache_dir=cache)
    assert (report.analysed, report.reused) == (1, 4)


def test_damaged_cache_entries_are_analysed_again(warm_cache, tmp_path):
    sources, annotations, cache = warm_cache
    entries = sorted(cache.rglob("*.pickle"))
    assert len(entries) == 5
    entries[0].write_bytes(b"not a pickle")
    entries[1].write_bytes(entries[1].read_bytes()[:40])
    report = run_build(sources, annotations, tmp_path / "b.db", cache_dir=cache)
    assert (report.analysed, report.reused) == (2, 3)
    assert table_rows(tmp_path / "b.db") == full_build_rows(sources, annotations, tmp_path)


def test_a_changed_gazetteer_misses_every_entry(warm_cache, tmp_path):
    sources, annotations, cache = warm_cache
    gazetteer = annotations / "entities.yaml"
    gazetteer.write_text(gazetteer.read_text(encoding="utf-8") + "\n# a comment changes the key\n")
    report = run_build(sources, annotations, tmp_path / "b.db", cache_dir=cache)
    assert (report.analysed, report.reused) == (5, 0)
    # The old build code's folder is pruned: only one key's entries are kept.
    assert len([folder for folder in cache.iterdir() if folder.is_dir()]) == 1


def claims_build(corpus, tmp_path, *options: str) -> subprocess.CompletedProcess:
    """Run `claims build` on a corpus in a fresh process, its database and cache in tmp_path."""
    sources, annotations = corpus
    command = [
        *(sys.executable, "-m", "service.cli", "build", "--workers", "1"),
        *("--source-dir", str(sources), "--annotations-dir", str(annotations)),
        *("--db", str(tmp_path / "claims.db"), "--cache-dir", str(tmp_path / "cache")),
        *options,  # given later, they win
    ]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=True)


CHECK_NO_SPACY = """
import sys
from service.cli import main
code = main(sys.argv[1:])
print("spacy loaded" if "spacy" in sys.modules else "spacy not loaded")
sys.exit(code)
"""


@pytest.mark.slow
def test_a_rebuild_with_nothing_changed_never_loads_spacy(corpus, tmp_path):
    sources, annotations = corpus
    args = [
        "build",
        *("--source-dir", str(sources), "--annotations-dir", str(annotations)),
        *("--db", str(tmp_path / "claims.db"), "--cache-dir", str(tmp_path / "cache")),
        *("--workers", "1"),  # analysed here, so that the first run shows the check can fail
    ]
    runs = [
        subprocess.run(
            [sys.executable, "-c", CHECK_NO_SPACY, *args],
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=True,
        )
        for _ in range(2)
    ]
    assert "1 documents analysed, 0 reused" in runs[0].stdout
    assert runs[0].stdout.rstrip().endswith("spacy loaded")
    assert "0 documents analysed, 1 reused" in runs[1].stdout
    assert runs[1].stdout.rstrip().endswith("spacy not loaded")


@pytest.mark.slow
def test_no_cache_analyses_everything_and_keeps_nothing(corpus, tmp_path):
    for number in range(2):  # two databases: the second is not the first left as it is
        done = claims_build(corpus, tmp_path, "--db", str(tmp_path / f"{number}.db"), "--no-cache")
        assert "1 documents analysed, 0 reused" in done.stdout
    assert not (tmp_path / "cache").exists()


@pytest.mark.slow
def test_a_database_built_from_the_same_inputs_is_left_as_it_is(corpus, tmp_path):
    sources, _ = corpus
    db = tmp_path / "claims.db"
    first = claims_build(corpus, tmp_path)
    before = db.read_bytes()
    again = claims_build(corpus, tmp_path)
    assert first.stdout.startswith("built ") and again.stdout.startswith("up to date: ")
    assert "0 documents analysed, 1 reused, nothing written" in again.stdout
    assert db.read_bytes() == before
    text = sources / "whats-next-for-the-lachin-corridor.txt"
    text.write_text(text.read_text(encoding="utf-8") + "\nA line added by an editor.\n")
    edited = claims_build(corpus, tmp_path)
    # One text of one changed: published into the database in place.
    assert edited.stdout.startswith("published ") and "1 documents analysed" in edited.stdout
    assert db.read_bytes() != before


def test_pruning_leaves_folders_the_cache_did_not_make(corpus, tmp_path):
    sources, annotations = corpus
    cache = tmp_path / "shared"
    (cache / "important-project").mkdir(parents=True)
    (cache / "important-project" / "file").write_text("data")
    (cache / "0123456789abcdef").mkdir()  # an older build code's entries
    run_build(sources, annotations, tmp_path / "claims.db", cache_dir=cache)
    assert (cache / "important-project" / "file").read_text() == "data"
    assert not (cache / "0123456789abcdef").exists()


@pytest.mark.slow
def test_a_lock_to_rewrite_is_never_up_to_date(corpus, tmp_path):
    sources, annotations = corpus
    claims_build(corpus, tmp_path)
    lock = annotations / "whats-next-for-the-lachin-corridor" / "paragraphs.lock"
    lock.unlink()
    again = claims_build(corpus, tmp_path)
    assert again.stdout.startswith("built ") and lock.exists()
    run_build(sources, annotations, tmp_path / "checked.db", check=True)
