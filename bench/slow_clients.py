"""Slow and idle clients against `claims serve`: the share of /healthz probes still answered.

For each configuration (`--threads 1` is gunicorn's sync worker, more is gthread), start
`claims serve --workers 2` on a free port, open `--slow` clients that send a request
line and then one header line every 3 s (slowloris) and `--idle` connections that send
nothing, and probe /healthz once a second with a 1 s timeout for `--seconds`. Prints the
share of probes answered in time, per configuration.
"""

import argparse
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build import ROOT, build_command, make_corpus, timed
from http_bench import free_port

HEADER_EVERY = 3.0  # seconds between a slow client's header lines
PROBE_TIMEOUT = 1.0


def build_db(base: Path) -> Path:
    """Build the one-document corpus; return its database."""
    make_corpus(base / "source_text", 1)
    shutil.copytree(ROOT / "annotations", base / "annotations")
    db = base / "claims.db"
    timed(build_command(base / "source_text", base / "annotations", db, "--no-cache"))
    return db


def start(db: Path, threads: int, workers: int) -> tuple[subprocess.Popen, str]:
    """Start `claims serve` with these threads per worker; wait for its first answer."""
    port = free_port()
    command = [sys.executable, "-m", "service.cli", "serve", "--port", str(port), "--db", str(db),
               "--store", str(db.with_name("store.db")), "--workers", str(workers),
               "--threads", str(threads), "--no-publisher"]  # fmt: skip
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=1)
            return process, base
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit(f"claims serve --threads {threads} did not start")


def slow_client(port: int, until: float) -> None:
    """Send a request a header line at a time, never finishing it, until `until`."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n")
            line = 0
            while time.monotonic() < until:
                time.sleep(HEADER_EVERY)
                line += 1
                sock.sendall(f"X-Slow-{line}: {line}\r\n".encode())
    except OSError:
        pass  # the server closed it: that is the server defending itself


def idle_client(port: int, until: float) -> None:
    """Hold a connection open without sending anything, until `until`."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=5):
            time.sleep(max(0.0, until - time.monotonic()))
    except OSError:
        pass


def probe(base: str) -> bool:
    """Tell whether /healthz answers within the probe timeout."""
    try:
        with urllib.request.urlopen(f"{base}/healthz", timeout=PROBE_TIMEOUT) as response:
            return response.status == 200
    except OSError:
        return False


def measure(base: str, slow: int, idle: int, seconds: float) -> tuple[int, int]:
    """Hold the clients open and probe once a second; return probes answered and sent."""
    port = int(base.rsplit(":", 1)[1])
    until = time.monotonic() + seconds
    clients = [threading.Thread(target=slow_client, args=(port, until)) for _ in range(slow)]
    clients += [threading.Thread(target=idle_client, args=(port, until)) for _ in range(idle)]
    for client in clients:
        client.start()
    time.sleep(0.5)  # let every client connect before the first probe
    answered = sent = 0
    while time.monotonic() < until - 1:
        started = time.monotonic()
        answered += probe(base)
        sent += 1
        time.sleep(max(0.0, 1.0 - (time.monotonic() - started)))
    for client in clients:
        client.join()
    return answered, sent


def main() -> int:
    """Measure each configuration in turn and print the share of probes answered."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 8, 32])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--slow", type=int, default=20)
    parser.add_argument("--idle", type=int, default=0)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--db", type=Path, help="a built database (default: build the article)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or build_db(Path(tmp))
        print(f"{args.slow} slow + {args.idle} idle clients, {args.seconds:.0f} s, "
              f"--workers {args.workers}, /healthz probed every 1 s (timeout 1 s)")  # fmt: skip
        for threads in args.threads:
            process, base = start(db, threads, args.workers)
            try:
                answered, sent = measure(base, args.slow, args.idle, args.seconds)
            finally:
                process.terminate()
                process.wait(timeout=30)
            kind = "sync" if threads == 1 else f"gthread x{threads}"
            print(f"{kind:<14} {answered}/{sent} probes answered ({answered / sent:.0%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
