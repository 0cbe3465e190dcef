"""Measure a caching nginx (docs/nginx-cache.conf) in front of gunicorn against gunicorn alone.

One gunicorn worker serves a built database; nginx runs the example configuration, its
paths and ports replaced, as a child process in a temporary directory. wrk loads a
list, a detail and a search on each, in the same run, so the ratios hold on a shared,
noisy machine. The run fails unless nginx answered from its cache (X-Cache-Status:
HIT) and the app saw only the request that filled each entry (and one refresh per
max-age, for runs longer than that).
"""

import argparse
import json
import math
import os
import pwd
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from http_bench import ensure_command, ensure_wrk, free_port, run_wrk, start_server

EXAMPLE = Path(__file__).resolve().parents[1] / "docs" / "nginx-cache.conf"
# What the example names that a run must put elsewhere: its cache, the app, its port.
CACHE_PATH, APP_ADDRESS, LISTEN = "/var/cache/nginx/claims", "127.0.0.1:8000", "listen 8080;"
WRAPPER = """\
worker_processes 1;
daemon off;
{user}pid {root}/nginx.pid;
error_log {root}/error.log warn;
events {{ worker_connections 256; }}
http {{
    client_body_temp_path {root}/client_body;
    proxy_temp_path {root}/proxy;
    fastcgi_temp_path {root}/fastcgi;
    uwsgi_temp_path {root}/uwsgi;
    scgi_temp_path {root}/scgi;
    log_format cache_status "$upstream_cache_status";
    access_log {root}/access.log cache_status buffer=64k;

{example}
}}
"""


def nginx_config(root: Path, app_port: int, port: int) -> str:
    """Wrap the example in a whole configuration that keeps everything under root."""
    example = EXAMPLE.read_text(encoding="utf-8")
    for old, new in (
        (CACHE_PATH, str(root / "cache")),
        (APP_ADDRESS, f"127.0.0.1:{app_port}"),
        (LISTEN, f"listen 127.0.0.1:{port};"),
    ):
        if example.count(old) != 1:
            raise SystemExit(f"{EXAMPLE} should name {old!r} once")
        example = example.replace(old, new)
    # Workers run as the master's user, so that they can write the temporary cache.
    user = f"user {pwd.getpwuid(os.geteuid()).pw_name};\n" if os.geteuid() == 0 else ""
    return WRAPPER.format(user=user, root=root, example=example)


def start_nginx(nginx: str, root: Path, app_port: int, port: int) -> subprocess.Popen:
    """Check and start nginx in the foreground; return it once it proxies /healthz."""
    config = root / "nginx.conf"
    config.write_text(nginx_config(root, app_port, port), encoding="utf-8")
    command = [nginx, "-p", str(root), "-c", str(config), "-e", str(root / "error.log")]
    subprocess.run([*command, "-t", "-q"], check=True)
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):
                return process
        except OSError:
            time.sleep(0.05)
    process.terminate()
    raise SystemExit(f"nginx did not answer within 10 s; see {root / 'error.log'}")


def cache_status(url: str) -> str:
    """Fetch a URL through nginx and return its X-Cache-Status."""
    with urllib.request.urlopen(url) as response:
        response.read()
        return response.headers.get("X-Cache-Status", "")


@dataclass
class Route:
    """One route's loads, straight to the app and through nginx, and what the app saw."""

    path: str
    app: tuple[float, float]  # requests per second, p99 ms
    proxy: tuple[float, float]
    first: list[str]  # X-Cache-Status of the first two requests through nginx
    last: str  # and of one request after the load
    app_requests: int  # what reached the app from nginx, from the fill to the end
    allowed: int | None


def lines(path: Path) -> int:
    """Count the lines of a log written so far."""
    return len(path.read_text(encoding="utf-8").splitlines())


def settled_lines(path: Path) -> int:
    """Count a log's lines once it stops growing: wrk leaves requests in flight."""
    count, deadline = lines(path), time.monotonic() + 5
    while time.monotonic() < deadline:
        time.sleep(0.5)
        count, previous = lines(path), count
        if count == previous:
            break
    return count


def stop(process: subprocess.Popen, how: int = signal.SIGTERM) -> None:
    """Stop a child process and wait for it."""
    process.send_signal(how)
    process.wait(timeout=10)


def main() -> int:
    """Run the benchmark, print the table and the cache checks."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, default=Path("var/claims.db"))
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=4)
    args = parser.parse_args()
    if not args.db.exists():
        raise SystemExit(f"no database at {args.db}: run `make build` first")
    wrk, nginx = ensure_wrk(), ensure_command("nginx")
    with tempfile.TemporaryDirectory(prefix="claims-proxy-") as temporary:
        root = Path(temporary)
        app_port, port = free_port(), free_port()
        app_log = root / "app.log"
        with app_log.open("w") as log:
            app, _ = start_server(args.db, app_port, 1, log)
        try:
            proxy = start_nginx(nginx, root, app_port, port)
        except BaseException:
            stop(app)
            raise
        try:
            routes = measure(args, wrk, app_port, port, app_log)
        finally:
            stop(proxy, signal.SIGQUIT)  # finish gracefully, writing out the access log
            stop(app)
        log_lines = (root / "access.log").read_text(encoding="utf-8").splitlines()
    return report(args, routes, Counter(log_lines))


def measure(args, wrk: str, app_port: int, port: int, app_log: Path) -> list[Route]:
    """Load each route on the app, then through nginx; count what reached the app."""
    direct, proxied = f"http://127.0.0.1:{app_port}", f"http://127.0.0.1:{port}"
    with urllib.request.urlopen(f"{direct}/v1/paragraphs?kind=body&limit=1") as response:
        paragraph_id = json.load(response)["items"][0]["id"]
        max_age = int(re.search(r"max-age=(\d+)", response.headers["Cache-Control"]).group(1))
    paths = ["/v1/paragraphs?limit=50", f"/v1/paragraphs/{paragraph_id}", "/v1/search?q=Russia"]
    routes = []
    for path in paths:
        run_wrk(wrk, direct + path, 1, args.connections)  # warm up
        app_side = run_wrk(wrk, direct + path, args.seconds, args.connections)
        before = settled_lines(app_log)
        first = [cache_status(proxied + path) for _ in range(2)]
        run_wrk(wrk, proxied + path, 1, args.connections)
        proxy_side = run_wrk(wrk, proxied + path, args.seconds, args.connections)
        last = cache_status(proxied + path)
        # The fill, then at most one refresh for every max-age the loads lasted.
        allowed = 1 + math.ceil((args.seconds + 1) / max_age) if max_age else None
        routes.append(
            Route(path, app_side, proxy_side, first, last, settled_lines(app_log) - before, allowed)
        )
    return routes


def report(args, routes: list[Route], statuses: Counter) -> int:
    """Print the table and the checks; return the exit status."""
    head = f"{'route':<34} {'app req/s':>9} {'p99 ms':>7} {'nginx req/s':>11} {'p99 ms':>7}"
    print(f"{head} {'req/s x':>7} {'p99 /':>6}  app saw  X-Cache-Status")
    ok = True
    for r in routes:
        (rps, p99), (cached_rps, cached_p99) = r.app, r.proxy
        checks = r.first == ["MISS", "HIT"] and r.last == "HIT"
        checks &= r.allowed is not None and r.app_requests <= r.allowed
        ok &= checks
        print(
            f"{r.path:<34} {rps:>9.0f} {p99:>7.2f} {cached_rps:>11.0f} {cached_p99:>7.2f}"
            f" {cached_rps / rps:>7.1f} {p99 / cached_p99:>6.1f}  {r.app_requests:>7}"
            f"  {', '.join(r.first)} .. {r.last}{'' if checks else '  FAILED'}"
        )
    print(f"wrk -t2 -c{args.connections} -d{args.seconds}s; 1 gunicorn worker; 1 nginx worker")
    served = sum(statuses.values())
    share = statuses["HIT"] / served if served else 0.0
    print(f"nginx answered {served} requests: {dict(statuses.most_common())} ({share:.1%} HIT)")
    print("cache checks:", "ok" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
