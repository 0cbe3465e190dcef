"""Serve a 1-document and an N-document corpus side by side and compare every route, in one run.

Each database is built from the article (and, for the large one, synthetic documents
made of its paragraphs, as bench/build.py makes them) and served by one gunicorn
worker; wrk loads each route with 4 connections on the small server, then on the
large one, route by route, so that both see the same machine. The table gives each
route's throughput at N documents as a ratio of its throughput at one, and p99s.
"""

import argparse
import json
import shutil
import sys
import tempfile
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build import ROOT, build_command, make_corpus, timed
from http_bench import ensure_wrk, free_port, run_wrk, start_server

TARGET_RATIO, TARGET_P99_MS = 0.7, 50.0


def build(base: Path, documents: int) -> Path:
    """Build a corpus of the article plus synthetic documents; return its database."""
    make_corpus(base / "source_text", documents)
    shutil.copytree(ROOT / "annotations", base / "annotations")
    db = base / "claims.db"
    timed(build_command(base / "source_text", base / "annotations", db, "--no-cache"))
    return db


def get(base: str, path: str) -> dict:
    """Fetch a JSON route."""
    with urllib.request.urlopen(base + path, timeout=30) as response:
        return json.load(response)


def routes(base: str) -> dict[str, str]:
    """The routes to load, with ids taken from the server itself."""
    paragraph = get(base, "/v1/paragraphs?kind=body&limit=1")["items"][0]["id"]
    claim = get(base, "/v1/claims?limit=1")["items"][0]["id"]
    return {
        "paragraph detail": f"/v1/paragraphs/{paragraph}",
        "claim detail": f"/v1/claims/{claim}",
        "source detail": "/v1/sources/tass",
        "entity detail": "/v1/entities/tass",
        "paragraphs": "/v1/paragraphs?limit=50",
        "paragraphs?entity": "/v1/paragraphs?entity=tass&limit=50",
        "claims?contested": "/v1/claims?contested=true&limit=50",
        "claims?entity": "/v1/claims?entity=tass&limit=50",
        "claims?source": "/v1/claims?source=tass&limit=50",
        "claims?status": "/v1/claims?status=vague&limit=50",
        "timeline": "/v1/timeline?limit=50",
        "dates?from": "/v1/dates?from=2023-01-01&limit=50",
        "annotations": "/v1/annotations?limit=50",
        "contests": "/v1/contests?limit=50",
        "sources": "/v1/sources?limit=50",
        "entities": "/v1/entities?limit=50",
        "search frequent": "/v1/search?q=corridor&limit=20",
        "search rare": "/v1/search?q=Baku&limit=20",
    }


def main() -> int:
    """Build both corpora, load every route on both servers, print the ratio table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=400)
    parser.add_argument("--seconds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=4)
    args = parser.parse_args()
    wrk = ensure_wrk()
    with tempfile.TemporaryDirectory() as tmp:
        small_db = build(Path(tmp) / "one", 1)
        large_db = build(Path(tmp) / "many", args.documents)
        servers = {}
        for name, db in (("one", small_db), ("many", large_db)):
            port = free_port()
            servers[name] = (start_server(db, port, 1)[0], f"http://127.0.0.1:{port}")
        try:
            table = []
            for label, path in routes(servers["one"][1]).items():
                # The article's IDs are the same in both corpora: one path serves both.
                one = run_wrk(wrk, servers["one"][1] + path, args.seconds, args.connections)
                many = run_wrk(wrk, servers["many"][1] + path, args.seconds, args.connections)
                table.append((label, path, one, many))
        finally:
            for process, _ in servers.values():
                process.terminate()
                process.wait(timeout=10)
    print(f"{'route':<18} {'1 doc r/s':>9} {f'{args.documents} r/s':>9} {'ratio':>6}"
          f" {'p99 1':>7} {f'p99 {args.documents}':>8}  path")  # fmt: skip
    failed = []
    for label, path, (one_rps, one_p99), (many_rps, many_p99) in table:
        ratio = many_rps / one_rps
        print(f"{label:<18} {one_rps:>9.0f} {many_rps:>9.0f} {ratio:>6.2f}"
              f" {one_p99:>7.1f} {many_p99:>8.1f}  {path}")  # fmt: skip
        if ratio < TARGET_RATIO or many_p99 >= TARGET_P99_MS:
            failed.append(label)
    print(f"one gunicorn worker each, wrk -c{args.connections} for {args.seconds} s a route;"
          f" targets: ratio >= {TARGET_RATIO}, p99 < {TARGET_P99_MS:.0f} ms at "
          f"{args.documents} documents")  # fmt: skip
    print("below target: " + (", ".join(failed) if failed else "none"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
