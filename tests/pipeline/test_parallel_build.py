"""Builds that analyse on several processes or on a Dask cluster write the same rows."""

import shutil
import subprocess
import time
from functools import partial
from pathlib import Path

import pytest

from service.pipeline import run
from service.pipeline.parallel import analyser
from tests.support.corpus import ROOT, copy_corpus, run_build
from tests.support.database import table_rows
from tests.support.server import free_port

NEWS = ROOT / "tests" / "data" / "news"
TEXTS = 1 + len(list(NEWS.glob("*.txt")))  # the article and the development texts
BIN = ROOT / ".venv" / "bin"


@pytest.fixture(scope="module")
def article_and_news(tmp_path_factory) -> tuple[Path, Path]:
    """The article and the development texts: more documents than one chunk of work."""
    sources, annotations = copy_corpus(tmp_path_factory.mktemp("parallel"))
    for text in sorted(NEWS.glob("*.txt")):
        shutil.copy(text, sources)
        shutil.copy(text.with_suffix(".yaml"), sources)
    return sources, annotations


@pytest.fixture(scope="module")
def one_process(article_and_news, tmp_path_factory) -> Path:
    """The corpus built by this process alone."""
    db = tmp_path_factory.mktemp("one") / "claims.db"
    report = run_build(*article_and_news, db, workers=1)
    assert report.analysed == TEXTS
    return db


@pytest.mark.slow
def test_two_worker_processes_write_the_same_rows(article_and_news, one_process, tmp_path):
    report = run_build(*article_and_news, tmp_path / "two.db", workers=2)
    assert (report.documents, report.analysed) == (TEXTS, TEXTS)
    assert table_rows(tmp_path / "two.db") == table_rows(one_process)


@pytest.mark.slow
def test_workers_start_only_for_documents_the_cache_lacks(article_and_news, one_process, tmp_path):
    cache = tmp_path / "cache"
    first = run_build(*article_and_news, tmp_path / "a.db", workers=2, cache_dir=cache)
    again = run_build(*article_and_news, tmp_path / "b.db", workers=2, cache_dir=cache)
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
        start(
            "scheduler",
            "scheduler",
            "--host",
            "127.0.0.1",
            "--port",
            port,
            "--no-dashboard",
            ready="Scheduler at:",
        )
        for number in (1, 2):
            start(
                f"worker{number}",
                "worker",
                address,
                "--nworkers",
                "1",
                "--nthreads",
                "1",
                "--no-dashboard",
                ready="Registered to:",
            )
        yield address
    finally:
        for process in reversed(started):
            process.terminate()
        for process in started:
            process.wait(timeout=30)


@pytest.mark.slow
def test_a_dask_cluster_build_writes_the_same_rows(
    article_and_news, one_process, tmp_path, dask_cluster
):
    from distributed import Client

    with Client(dask_cluster, timeout="20s") as client:
        assert len(client.scheduler_info()["workers"]) == 2
    report = run_build(*article_and_news, tmp_path / "cluster.db", cluster=dask_cluster)
    assert (report.documents, report.analysed) == (TEXTS, TEXTS)
    assert table_rows(tmp_path / "cluster.db") == table_rows(one_process)


def test_an_unreachable_cluster_fails_the_build_and_writes_nothing(
    article_and_news, tmp_path, monkeypatch
):
    # The build waits 20 s for a scheduler by default; nothing listens here, so 1 s says as much.
    monkeypatch.setattr(run, "analyser", partial(analyser, connect_timeout="1s"))
    address = f"tcp://127.0.0.1:{free_port()}"
    with pytest.raises(OSError, match=rf"Timed out trying to connect to {address}"):
        run_build(*article_and_news, tmp_path / "x.db", cluster=address)
    assert not (tmp_path / "x.db").exists()
