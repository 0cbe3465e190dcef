"""The writable store at start-up and in /healthz: a damaged store stops the start in one
line naming CLAIMS_STORE, an unreadable one answers 503, a read-only one serves reads."""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from service import create_app
from service.cli import main
from service.serve.annotations.userstore import open_user_store
from tests.support.protocol_client import JSON_LD, call
from tests.support.server import free_port

# Root writes through any folder's mode: a root run serves without that capability.
AS_OWNER = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]
AS_OWNER += ["--inh-caps=-dac_override,-dac_read_search", "--"]
NOTE = {
    "@context": "http://www.w3.org/ns/anno.jsonld",
    "type": "Annotation",
    "motivation": "commenting",
    "body": {"type": "TextualBody", "value": "Seen elsewhere too.", "format": "text/plain"},
    "target": "http://localhost/v1/paragraphs/p-b64206c87687",
}


def real_store(path: Path, tokens: int = 0) -> Path:
    """Make a SQLite store with a few pages of tokens in it, closed."""
    users = open_user_store(str(path))
    for number in range(tokens):
        users.create_token(f"user-{number}")
    users.close()
    return path


def damage(path: Path, offset: int, size: int = 4096) -> None:
    """Write garbage over part of a file."""
    with path.open("r+b") as file:
        file.seek(offset)
        file.write(b"\xa5\x5a" * (size // 2))


@pytest.mark.parametrize("offset", [4096, 0], ids=["a-page-damaged", "not-sqlite-at-all"])
def test_a_damaged_store_stops_the_start_in_one_line_naming_the_setting(tmp_path, capsys, offset):
    from service.serve.annotations.userstore import StoreError

    path = real_store(tmp_path / "store.db", tokens=300)
    damage(path, offset)
    with pytest.raises(StoreError, match=r"CLAIMS_STORE="):
        open_user_store(str(path))
    assert main(["token", "list", "--store", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and len(err.splitlines()) == 1
    assert err.startswith(f"token failed: the store CLAIMS_STORE={path} is damaged: ")


def test_claims_serve_refuses_a_damaged_store_without_a_traceback(tmp_path, built_db):
    path = real_store(tmp_path / "store.db", tokens=300)
    damage(path, 4096)
    command = [sys.executable, "-m", "service.cli", "serve", "--port", str(free_port())]
    command += ["--db", str(built_db), "--store", str(path), "--no-publisher"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=30)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1].startswith("serve failed: the store CLAIMS_STORE=")


def test_healthz_answers_503_when_the_store_cannot_be_read(tmp_path, built_db):
    path = real_store(tmp_path / "store.db")
    client = create_app({"DB": str(built_db), "STORE": str(path)}).test_client()
    assert client.get("/healthz").json["store"] == "ok"
    open_user_store(str(path))  # no process keeps the file open past this point
    path.write_bytes(b"not a database" * 1000)
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    answer = client.get("/healthz")
    assert answer.status_code == 503
    assert answer.json["type"] == "urn:claims:problem:store-unavailable"


@pytest.fixture
def read_only_store(built_db, tmp_path):
    """A database and a store with a token, in a folder the server may read but not write."""
    root = tmp_path
    shutil.copy(built_db, root / "claims.db")
    (root / "store").mkdir()
    users = open_user_store(str(root / "store" / "store.db"))
    token = users.create_token("alice")
    users.close()
    os.chmod(root / "store", 0o555)
    yield root, token
    os.chmod(root / "store", 0o755)


def test_a_read_only_store_serves_reads_and_answers_writes_with_503(read_only_store):
    root, token = read_only_store
    port = free_port()
    command = [sys.executable, "-m", "service.cli", "serve", "--port", str(port), "--workers", "1"]
    command += ["--db", str(root / "claims.db"), "--store", str(root / "store" / "store.db")]
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("running as root, and no setpriv to serve without root's powers")
        command = [*AS_OWNER, *command]
    process = subprocess.Popen(
        [*command, "--no-publisher"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        health = wait_for(f"{base}/healthz", process)
        assert (health.status, health.body["store"]) == (200, "read-only")
        assert call("GET", f"{base}/v1/documents").status == 200
        assert call("GET", f"{base}/v1/annotations/").status == 200
        headers = {"Authorization": f"Bearer {token}", "Content-Type": JSON_LD}
        write = call("POST", f"{base}/v1/annotations/", headers, NOTE)
        assert write.status == 503
        assert write.body["type"] == "urn:claims:problem:store-read-only"
    finally:
        process.terminate()
        process.wait(timeout=10)


def wait_for(url: str, process: subprocess.Popen):
    """Wait until a started server answers, failing if it exits first."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert process.poll() is None, "the server stopped at start-up"
        try:
            return call("GET", url)
        except OSError:
            time.sleep(0.1)
    raise AssertionError("the server did not answer within 30 s")
