"""Builds that analyse on several processes or on a Dask cluster write the same rows."""

import shutil
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, copy_corpus, free_port, run_build, table_rows

NEWS = ROOT / "tests" / "data" / "news"
TEXTS = 1 + len(list(NEWS.glob("*.txt")))  # the article and the development texts
BIN = Path(__file__).resolve().parents[1] / ".venv" / "bin"


@pytest.fixture(scope="module")
def news_corpus(tmp_path_factory) -> tuple[Path, Path]:
    """The article and the development texts: more documents than one chunk of work."""
    sources, annotations = copy_corpus(tmp_path_factory.mktemp("parallel"))
    for text in sorted(NEWS.glob("*.txt")):
        shutil.copy(text, sources)
        shutil.copy(text.with_suffix(".yaml"), sources)
    return sources, annotations


@pytest.fixture(scope="module")
def one_process(news_corpus, tmp_path_factory) -> Path:
    """The corpus built by this process alone."""
    db = tmp_path_factory.mktemp("one") / "claims.db"
    report = run_build(*news_corpus, db, workers=1)
    assert report.analysed == TEXTS
    return db


def test_two_worker_processes_write_the_same_rows(news_corpus, one_process, tmp_path):
    report = run_build(*news_corpus, tmp_path / "two.db", workers=2)
    assert (report.documents, report.analysed) == (TEXTS, TEXTS)
    assert table_rows(tmp_path / "two.db") == table_rows(one_process)


def test_workers_start_only_for_documents_the_cache_lacks(news_corpus, one_process, tmp_path):
    cache = tmp_path / "cache"
    first = run_build(*news_corpus, tmp_path / "a.db", workers=2, cache_dir=cache)
    again = run_build(*news_corpus, tmp_path / "b.db", workers=2, cache_dir=cache)
    assert (first.analysed, again.analysed, again.reused) == (TEXTS, 0, TEXTS)
    assert table_rows(tmp_path / "b.db") == table_rows(one_process)


def wait_for(log: Path, words: str, process: subprocess.Popen) -> None:
    """Wait until a Dask process logs the words that say it is ready."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if words in log.read_text(errors="replace"):
            return
        if process.poll() is not None:
            raise RuntimeError(f"{log.name} exited: {log.read_text(errors='replace')[-2000:]}")
        time.sleep(0.2)
    raise RuntimeError(f"{log.name} did not log {words!r} within 60 s")


@pytest.fixture
def dask_cluster(tmp_path):
    """A local Dask scheduler with two single-threaded workers, as the README starts one."""
    address = f"tcp://127.0.0.1:{free_port()}"
    started = []

    def start(name: str, *args: str, ready: str) -> None:
        log = tmp_path / f"{name}.log"
        with open(log, "w") as out:
            process = subprocess.Popen([BIN / "dask", *args], stdout=out, stderr=out)
        started.append(process)
        wait_for(log, ready, process)

    try:
        port = address.rsplit(":", 1)[1]
        start("scheduler", "scheduler", "--host", "127.0.0.1", "--port", port,
              "--no-dashboard", ready="Scheduler at:")  # fmt: skip
        for number in (1, 2):
            start(f"worker{number}", "worker", address, "--nworkers", "1", "--nthreads", "1",
                  "--no-dashboard", ready="Registered to:")  # fmt: skip
        yield address
    finally:
        for process in reversed(started):
            process.terminate()
        for process in started:
            process.wait(timeout=30)


def test_a_dask_cluster_build_writes_the_same_rows(
    news_corpus, one_process, tmp_path, dask_cluster
):
    from distributed import Client

    with Client(dask_cluster, timeout="20s") as client:
        assert len(client.scheduler_info()["workers"]) == 2
    report = run_build(*news_corpus, tmp_path / "cluster.db", cluster=dask_cluster)
    assert (report.documents, report.analysed) == (TEXTS, TEXTS)
    assert table_rows(tmp_path / "cluster.db") == table_rows(one_process)


def test_an_unreachable_cluster_fails_the_build_and_writes_nothing(news_corpus, tmp_path):
    with pytest.raises(OSError):
        run_build(*news_corpus, tmp_path / "x.db", cluster=f"tcp://127.0.0.1:{free_port()}")
    assert not (tmp_path / "x.db").exists()
