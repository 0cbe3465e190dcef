"""Measure the API under a real gunicorn server with wrk: throughput, p99, start-up time.

Speeds are reported as ratios to /healthz measured in the same run, since the
machines this runs on are shared and noisy.
"""

import argparse
import json
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

TARGETS = {"detail": 0.8, "list50": 0.6}
STARTUP_TARGET_S = 1.0


def ensure_command(name: str) -> str:
    """Return a command's path, installing Debian's package of that name when missing."""
    if not shutil.which(name):
        print(f"{name} not found; installing it with apt-get", file=sys.stderr)
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", name], check=True)
    return shutil.which(name)


def ensure_wrk() -> str:
    """Return wrk's path, installing it when missing."""
    return ensure_command("wrk")


def free_port() -> int:
    """Ask the kernel for an unused loopback port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(
    db: Path, port: int, workers: int, log=subprocess.DEVNULL, *options: str, own_session=False
) -> tuple[subprocess.Popen, float]:
    """Start `claims serve` and return it with the seconds until its first 200.

    `log` receives gunicorn's access log, one line a request; `options` go to `claims
    serve` ("--store", ...); with own_session the server and its workers can be killed
    together (os.killpg).
    """
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "service.cli", "serve", "--db", str(db), "--port", str(port),
         "--workers", str(workers), "--no-publisher", *options],
        stdout=log,
        stderr=subprocess.DEVNULL,
        start_new_session=own_session,
        cwd=Path(__file__).resolve().parents[1],
    )  # fmt: skip
    while time.perf_counter() - started < 30:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as r:
                if r.status == 200:
                    return process, time.perf_counter() - started
        except OSError:
            time.sleep(0.005)
    process.terminate()
    raise SystemExit("server did not answer /healthz within 30 s")


def run_wrk(wrk: str, url: str, seconds: int, connections: int) -> tuple[float, float]:
    """Load one URL and return (requests per second, p99 latency in ms)."""
    args = [wrk, "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    value, unit = re.search(r"99%\s+([\d.]+)(us|ms|s)", out).groups()
    p99 = float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
    if "Non-2xx" in out:
        raise SystemExit(f"non-2xx answers from {url}:\n{out}")
    return rps, p99


def main() -> int:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, default=Path("var/claims.db"))
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    wrk = ensure_wrk()
    port = free_port()
    process, startup = start_server(args.db, port, args.workers)
    base = f"http://127.0.0.1:{port}"
    try:
        with urllib.request.urlopen(f"{base}/v1/paragraphs?kind=body&limit=1") as response:
            paragraph_id = json.load(response)["items"][0]["id"]
        urls = {
            "healthz": f"{base}/healthz",
            "detail": f"{base}/v1/paragraphs/{paragraph_id}",
            "list50": f"{base}/v1/paragraphs?limit=50",
        }
        for url in urls.values():
            run_wrk(wrk, url, 1, args.connections)  # warm up every worker
        results = {
            name: run_wrk(wrk, url, args.seconds, args.connections) for name, url in urls.items()
        }
    finally:
        process.terminate()
        process.wait(timeout=10)

    base_rps = results["healthz"][0]
    print(f"{'endpoint':<32} {'req/s':>9} {'p99 ms':>8} {'ratio':>6}  target")
    paths = {
        "healthz": "/healthz",
        "detail": "/v1/paragraphs/{id}",
        "list50": "/v1/paragraphs?limit=50",
    }
    failed = False
    for name, (rps, p99) in results.items():
        ratio = rps / base_rps
        target = TARGETS.get(name)
        verdict = "" if target is None else f">= {target}x {'ok' if ratio >= target else 'MISSED'}"
        failed |= target is not None and ratio < target
        print(f"{paths[name]:<32} {rps:>9.0f} {p99:>8.2f} {ratio:>6.2f}  {verdict}")
    ok = startup < STARTUP_TARGET_S
    verdict = "ok" if ok else "MISSED"
    print(f"start-up to first 200: {startup:.3f} s (target < {STARTUP_TARGET_S} s {verdict})")
    print(f"wrk -t2 -c{args.connections} -d{args.seconds}s; gunicorn workers: {args.workers}")
    return 1 if failed or not ok else 0


if __name__ == "__main__":
    sys.exit(main())
