"""Time POST /v1/analyses on a live `claims serve` against bare spaCy on the same text.

A text of about `--words` words (the article's first paragraphs) is sent to POST
/v1/analyses `--runs` times, after warm-ups that load the model in the workers; each
request is followed, in this process, by bare `nlp(text)` and `nlp.pipe(paragraphs)`
with the same model (settings' SPACY_MODEL, spacy.load, no gazetteer ruler), so both
see the same machine at the same moment. The analysis's median over bare `nlp(text)`'s
is the ratio the issue aims to keep at most 1.5x; it is printed, never asserted.

Then read routes (`/v1/claims?limit=20`, `/healthz`) are probed from one thread for
`--seconds`, first on an idle server, then while two threads send analyses in a loop:
p50 and p99 of each, and the loaded p50 as a ratio to the idle one.
"""

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from service.config import load_settings  # noqa: E402
from tests.support.server import start_server  # noqa: E402

ARTICLE = ROOT / "source_text" / "whats-next-for-the-lachin-corridor.txt"
TARGET_RATIO = 1.5
READS = {"claims20": "/v1/claims?limit=20", "healthz": "/healthz"}
PROBE_GAP_S = 0.02  # between probes, so the prober is a client, not a load generator


def article_text(words: int) -> tuple[str, list[str]]:
    """Return the article's first paragraphs up to about `words` words, and the paragraphs.

    The breadcrumb line before the title and the empty byline are left out."""
    paragraphs = [
        p.strip()
        for p in ARTICLE.read_text(encoding="utf-8").split("\n\n")[1:]
        if len(p.split()) > 3
    ]
    chosen, total = [], 0
    for paragraph in paragraphs:
        if total >= words:
            break
        chosen.append(paragraph)
        total += len(paragraph.split())
    return "\n\n".join(chosen) + "\n", chosen


def analyse(base: str, text: str) -> float:
    """POST the text to /v1/analyses until a slot takes it; return the seconds of the 200."""
    body = json.dumps({"text": text, "id": "bench-analysis"}).encode()
    while True:
        request = urllib.request.Request(f"{base}/v1/analyses", data=body, method="POST")
        request.add_header("Content-Type", "application/json")
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=120) as answer:
                answer.read()
                return time.perf_counter() - started
        except urllib.error.HTTPError as error:
            if error.code != 429:  # every slot of the worker busy: try again shortly
                raise
            time.sleep(0.05)


def get(url: str) -> float:
    """GET a URL; return its seconds."""
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as answer:
        answer.read()
    return time.perf_counter() - started


def probe(base: str, seconds: float) -> dict[str, list[float]]:
    """GET each read route in turn for `seconds`; return each one's latencies."""
    times: dict[str, list[float]] = {name: [] for name in READS}
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for name, path in READS.items():
            times[name].append(get(base + path))
            time.sleep(PROBE_GAP_S)
    return times


def probe_under_analyses(
    base: str, text: str, seconds: float, senders: int
) -> tuple[dict, int, float]:
    """Probe the read routes while `senders` threads send analyses; return the probes,
    how many analyses were answered and the seconds the senders ran."""
    stop = threading.Event()
    done = [0] * senders
    failures: list[BaseException] = []

    def send(number: int) -> None:
        try:
            while not stop.is_set():
                analyse(base, text)
                done[number] += 1
        except BaseException as error:  # reported after the probes
            failures.append(error)

    threads = [threading.Thread(target=send, args=(n,)) for n in range(senders)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    time.sleep(0.5)  # both senders inside an analysis before the first probe
    try:
        times = probe(base, seconds)
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    elapsed = time.perf_counter() - started
    if failures:
        raise SystemExit(f"an analysis failed under load: {failures[0]!r}")
    return times, sum(done), elapsed


def percentile(values: list[float], share: float) -> float:
    """Return the nearest-rank percentile of the values, in ms."""
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def database(db: Path, tmp: Path) -> Path:
    """Return the database to serve: `db`, or a build of the demo corpus in `tmp` when
    it is missing (what `make build` writes to var/claims.db)."""
    if db.exists():
        return db
    built = tmp / "claims.db"
    print(f"{db} not found; building the demo corpus into a temporary folder", file=sys.stderr)
    subprocess.run(
        [sys.executable, "-m", "service.cli", "build", "--db", str(built), "--no-cache"],
        cwd=ROOT, check=True, capture_output=True,
    )  # fmt: skip
    return built


def main() -> int:
    """Serve, time analyses against bare spaCy, probe reads idle and loaded; print it."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, default=ROOT / "var" / "claims.db")
    parser.add_argument("--words", type=int, default=800)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    text, paragraphs = article_text(args.words)
    model = str(load_settings()["SPACY_MODEL"])

    with tempfile.TemporaryDirectory() as tmp:
        db = database(args.db, Path(tmp))
        server, base = start_server(db, Path(tmp) / "store.db", args.workers)
        try:
            started = time.perf_counter()
            first = analyse(base, text)
            import spacy

            nlp = spacy.load(model)
            nlp(text)  # warm the bare model as the server's is
            list(nlp.pipe(paragraphs))
            # Pairs of concurrent warm-ups, so that every worker has loaded its model.
            for _ in range(2 * args.workers):
                warm = [threading.Thread(target=analyse, args=(base, text)) for _ in range(2)]
                for thread in warm:
                    thread.start()
                for thread in warm:
                    thread.join()
            warm_s = time.perf_counter() - started

            timed: dict[str, list[float]] = {"analysis": [], "bare": [], "pipe": []}
            for _ in range(args.runs):
                timed["analysis"].append(analyse(base, text))
                begun = time.perf_counter()
                nlp(text)
                timed["bare"].append(time.perf_counter() - begun)
                begun = time.perf_counter()
                list(nlp.pipe(paragraphs))
                timed["pipe"].append(time.perf_counter() - begun)

            idle = probe(base, args.seconds)
            loaded, answered, busy_s = probe_under_analyses(base, text, args.seconds, senders=2)
        finally:
            server.terminate()
            server.wait(timeout=30)

    medians = {name: 1000 * statistics.median(values) for name, values in timed.items()}
    ratio = medians["analysis"] / medians["bare"]
    verdict = "ok" if ratio <= TARGET_RATIO else "MISSED"
    print(f"text: {len(text.split())} words, {len(paragraphs)} paragraphs; model {model}; "
          f"gunicorn workers: {args.workers}")  # fmt: skip
    print(f"first analysis (model load included): {first * 1000:.0f} ms; "
          f"warm-ups done after {warm_s:.1f} s")  # fmt: skip
    print()
    print(f"{'timed (' + str(args.runs) + ' runs)':<34} {'median ms':>10} {'min ms':>8} "
          f"{'of bare':>8}")  # fmt: skip
    rows = {
        "analysis": "POST /v1/analyses",
        "bare": "bare nlp(text)",
        "pipe": "bare nlp.pipe(paragraphs)",
    }
    for name, label in rows.items():
        print(f"{label:<34} {medians[name]:>10.1f} {1000 * min(timed[name]):>8.1f} "
              f"{medians[name] / medians['bare']:>7.2f}x")  # fmt: skip
    print(f"analysis / bare nlp(text): {ratio:.2f}x (aim <= {TARGET_RATIO}x: {verdict}); "
          f"analysis / bare nlp.pipe: {medians['analysis'] / medians['pipe']:.2f}x")  # fmt: skip
    print()
    print(f"{'read route':<22} {'idle n':>7} {'p50 ms':>7} {'p99 ms':>7}   "
          f"{'loaded n':>8} {'p50 ms':>7} {'p99 ms':>7}  {'p50 ratio':>9}")  # fmt: skip
    for name, path in READS.items():
        quiet, busy = idle[name], loaded[name]
        slower = percentile(busy, 0.5) / percentile(quiet, 0.5)
        print(
            f"{path:<22} {len(quiet):>7} {percentile(quiet, 0.5):>7.2f} "
            f"{percentile(quiet, 0.99):>7.2f}   {len(busy):>8} {percentile(busy, 0.5):>7.2f} "
            f"{percentile(busy, 0.99):>7.2f}  {slower:>8.1f}x"
        )
    print(f"loaded: 2 threads sending analyses in a loop, {answered} answered in "
          f"{busy_s:.1f} s; probes one at a time, {PROBE_GAP_S * 1000:.0f} ms apart")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
