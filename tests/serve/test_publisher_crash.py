"""A publisher killed with SIGKILL in the middle of a job leaves the served database as it
was; the next publisher tries the job once more, then fails it. `claims serve` runs a
publisher beside its workers, which serve what it publishes without a restart."""

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from service.pipeline.write import temp_path
from service.publisher.worker import Publisher
from service.serve.annotations.userstore import open_user_store
from service.serve.annotations.userstore.jobs import JobQueue
from tests.support.corpus import ROOT
from tests.support.documents import app_and_tokens, bearer, news_text, private_corpus
from tests.support.server import start_server

# Real publisher processes, killed mid-job; a real server with its publisher.
pytestmark = pytest.mark.slow

TEXT, METADATA = news_text("pair-aska-floods-continentalpress")
DEADLINE = 120  # seconds a step may take on a slow machine


def environment(settings: dict) -> dict:
    """The process environment that points `claims` at a corpus."""
    return {**os.environ, **{f"CLAIMS_{key}": value for key, value in settings.items()}}


def kill_while_building(settings: dict, job_id: str, attempt: int = 1) -> None:
    """Start `claims publish --once`, and kill it with SIGKILL once it is writing the job's
    change into the database, or a new database (in its `attempt`th attempt)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "service.cli", "publish", "--once"],
        env=environment(settings),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    jobs = JobQueue(open_user_store(settings["STORE"]))
    deadline = time.monotonic() + DEADLINE
    half_written = temp_path(Path(settings["DB"]), process.pid)
    journal = Path(f"{settings['DB']}-journal")  # only while a change is being written
    while (jobs.get(job_id).attempts, jobs.get(job_id).step) != (attempt, "building") or not (
        half_written.exists() or journal.exists()
    ):
        assert process.poll() is None and time.monotonic() < deadline, "it never built"
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()  # reaped, so that its pid is known to be gone


def digest(path: str) -> str:
    """Hash a file's bytes."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.fixture
def uncached_corpus(tmp_path) -> dict:
    """A private corpus whose analyses are not cached, so that a build takes seconds."""
    settings = private_corpus(tmp_path)
    return {**settings, "CACHE": str(tmp_path / "empty-cache")}


def test_a_killed_publisher_leaves_the_database_served_and_its_job_is_tried_again(
    uncached_corpus,
):
    app, (alice,) = app_and_tokens(uncached_corpus, "alice")
    client = app.test_client()
    response = client.post("/v1/documents", json={"text": TEXT, **METADATA}, headers=bearer(alice))
    job, document = response.json["id"], response.json["document_url"]
    served, build = digest(uncached_corpus["DB"]), client.get("/healthz").json["build_id"]
    kill_while_building(uncached_corpus, job)
    # The first reader rolls back whatever the killed publisher had written.
    assert client.get("/healthz").json["build_id"] == build
    assert digest(uncached_corpus["DB"]) == served
    assert client.get(document).status_code == 404
    stopped = client.get(f"/v1/jobs/{job}").json
    assert (stopped["state"], stopped["attempts"]) == ("running", 1)
    Publisher(uncached_corpus, log=lambda line: None).run(once=True)
    retried = client.get(f"/v1/jobs/{job}").json
    assert (retried["state"], retried["attempts"]) == ("published", 2)
    assert client.get(document).status_code == 200
    assert client.get("/healthz").json["build_id"] == retried["build_id"] != build
    # The killed publisher's half-written database went with its job.
    assert [p.name for p in Path(uncached_corpus["DB"]).parent.glob("*.tmp")] == []


def test_a_job_whose_publisher_is_killed_twice_fails_and_the_corpus_stays_as_it_was(
    uncached_corpus,
):
    app, (alice,) = app_and_tokens(uncached_corpus, "alice")
    client = app.test_client()
    body = {"text": TEXT, **METADATA}
    response = client.post("/v1/documents", json=body, headers=bearer(alice))
    job, document = response.json["id"], response.json["document_id"]
    files = sorted(p.name for p in Path(uncached_corpus["SOURCE_DIR"]).iterdir())
    served = digest(uncached_corpus["DB"])
    kill_while_building(uncached_corpus, job)
    kill_while_building(uncached_corpus, job, attempt=2)  # it starts by putting the job back
    assert (
        Path(uncached_corpus["SOURCE_DIR"]) / f"{document}.txt"
    ).exists()  # written, never built
    Publisher(uncached_corpus, log=lambda line: None).run(once=True)
    failed = client.get(f"/v1/jobs/{job}").json
    assert (failed["state"], failed["attempts"]) == ("failed", 2)
    assert failed["error"]["type"] == "urn:claims:problem:publisher-stopped"
    assert sorted(p.name for p in Path(uncached_corpus["SOURCE_DIR"]).iterdir()) == files
    assert digest(uncached_corpus["DB"]) == served
    assert [p.name for p in Path(uncached_corpus["DB"]).parent.glob("*.tmp")] == []
    # What the failed job had taken is free again.
    again = client.post("/v1/documents", json=body, headers=bearer(alice))
    assert again.status_code == 202, again.json


def call(method: str, url: str, token: str | None = None, body: dict | None = None):
    """Send a request to a live server; return its status and JSON body."""
    request = urllib.request.Request(
        url, method=method, data=json.dumps(body).encode() if body else None
    )
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def session_processes(session: int) -> list[int]:
    """List the processes of a session (the server, its workers and its publisher)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == session and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def test_claims_serve_publishes_beside_its_workers_and_stops_its_publisher_with_them(
    uncached_corpus,
):
    settings = {key: uncached_corpus[key] for key in ("SOURCE_DIR", "ANNOTATIONS_DIR", "CACHE")}
    env = {f"CLAIMS_{key}": value for key, value in settings.items()}
    process, base = start_server(
        Path(uncached_corpus["DB"]), uncached_corpus["STORE"], publisher=True, env=env
    )
    try:
        token = open_user_store(uncached_corpus["STORE"]).create_token("alice")
        status, job = call("POST", f"{base}/v1/documents", token, {"text": TEXT, **METADATA})
        assert status == 202, job
        deadline = time.monotonic() + DEADLINE
        while job["state"] in ("queued", "running"):
            assert time.monotonic() < deadline, job
            time.sleep(0.1)
            job = call("GET", f"{base}/v1/jobs/{job['id']}")[1]
        assert job["state"] == "published", job
        for _ in range(4):  # every worker serves the new database, none was restarted
            assert call("GET", f"{base}{job['document_url']}")[0] == 200
    finally:
        process.terminate()
        process.wait(timeout=60)
    deadline = time.monotonic() + 30
    while session_processes(process.pid):
        assert time.monotonic() < deadline, "the publisher outlived its server"
        time.sleep(0.1)
