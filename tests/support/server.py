"""A real `claims serve` on a free loopback port, started the way a user starts it."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def free_port() -> int:
    """Ask the kernel for an unused loopback port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(
    db: Path,
    store: Path | str | None = None,
    workers: int = 2,
    *,
    publisher: bool = False,
    env: dict | None = None,
):
    """Start a real `claims serve` on a free loopback port; return it and its base URL.

    The server runs in a session of its own, so that a test can kill it whole. Its
    writable store is `store`, or a file beside the database. It runs no publisher unless
    asked: one would publish into the corpus its settings name (`env` adds CLAIMS_*
    variables, such as the corpus's folders).
    """
    port = free_port()
    store = store or db.with_name(f"{db.stem}-store.db")
    command = [sys.executable, "-m", "service.cli", "serve", "--port", str(port), "--db", str(db)]
    command += ["--store", str(store), "--workers", str(workers)]
    process = subprocess.Popen(
        command if publisher else [*command, "--no-publisher"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        env={**os.environ, **(env or {})},
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=1)
            return process, base
        except OSError:
            time.sleep(0.05)
    process.terminate()
    raise RuntimeError("claims serve did not answer within 20 s")
