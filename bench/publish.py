"""Time a document sent over HTTP from its 202 to its job's `published`, on a live server,
in corpora of several sizes; report each size's time as a ratio to the smallest's.

For each size, a corpus of the article and synthetic documents made of its paragraphs
(`bench/build.py`'s corpus, `--paragraphs` paragraphs each) is built once with
`claims build` and kept under `--keep`, so that a later run skips the build. Each run
serves a fresh copy with `claims serve` and its publisher, and sends documents of about
`--words` words, made of paragraphs of the development news texts, one after another to
POST /v1/documents, polling each job every 20 ms. The first job of a server includes the
publisher loading the model; a size's figure is the median of the others. Targets: at
most 1.5x from the smallest corpus to 400 documents, at most 2x to 4,000.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build import ROOT, make_corpus

sys.path.insert(0, str(ROOT))
from service.serve.annotations.userstore import open_user_store
from service.serve.annotations.userstore.jobs import parse_time
from tests.support.server import free_port

NEWS = ROOT / "tests" / "data" / "news"
TARGETS = {400: 1.5, 4000: 2.0}  # corpus size: at most this ratio to the smallest corpus


def documents(count: int, words: int) -> list[str]:
    """Make `count` texts of about `words` words each from the news texts' paragraphs."""
    paragraphs = [
        paragraph
        for path in sorted(NEWS.glob("*.txt"))
        for paragraph in path.read_text(encoding="utf-8").split("\n\n")[1:]
        if len(paragraph.split()) > 12
    ]
    texts = []
    for number in range(count):
        chosen, total = [f"Digest number {number + 1} of the week's news"], 0
        while total < words:
            paragraph = paragraphs.pop(0)
            chosen.append(paragraph.strip())
            total += len(paragraph.split())
        texts.append("\n\n".join(chosen) + "\n")
    return texts


def call(method: str, url: str, token: str | None = None, body: dict | None = None) -> dict:
    """Send a request; return its JSON body."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=120) as answer:
        return json.loads(answer.read())


def wait(base: str) -> None:
    """Wait for the server's first 200."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=1)
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("claims serve did not answer")


def settings(root: Path) -> dict:
    """The environment that points `claims` at a corpus folder."""
    return {
        **os.environ,
        "CLAIMS_SOURCE_DIR": str(root / "source_text"),
        "CLAIMS_ANNOTATIONS_DIR": str(root / "annotations"),
        "CLAIMS_CACHE": str(root / "cache"),
        "CLAIMS_DB": str(root / "claims.db"),
        "CLAIMS_STORE": str(root / "store.db"),
        "CLAIMS_PUBLISH_POLL": "0.05",
    }


def built_corpus(keep: Path, size: int, paragraphs: int, workers: int) -> Path:
    """Return a folder holding a built corpus of `size` documents, building it once."""
    folder = keep / f"corpus-{size}x{paragraphs}"
    if (folder / "claims.db").exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    make_corpus(folder / "source_text", size, paragraphs)
    shutil.copytree(ROOT / "annotations", folder / "annotations")
    started = time.perf_counter()
    command = [sys.executable, "-m", "service.cli", "build", "--workers", str(workers)]
    subprocess.run(command, env=settings(folder), check=True, capture_output=True)
    print(f"built {size} documents in {time.perf_counter() - started:.0f} s", flush=True)
    return folder


def publish_times(corpus: Path, texts: list[str], log: Path) -> list[float]:
    """Serve a copy of a corpus and publish the texts one by one; return each one's
    seconds from 202 to `published`."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name in ("source_text", "annotations"):
            shutil.copytree(corpus / name, root / name)
        shutil.copy(corpus / "claims.db", root / "claims.db")
        env = settings(root)
        env["CLAIMS_CACHE"] = str(corpus / "cache")  # the corpus's analyses, as built
        token = open_user_store(str(root / "store.db")).create_token("bench")
        port = free_port()
        command = [sys.executable, "-m", "service.cli", "serve", "--port", str(port)]
        with open(log, "a", encoding="utf-8") as stderr:
            server = subprocess.Popen(
                [*command, "--workers", "2"], env=env, stdout=subprocess.DEVNULL, stderr=stderr
            )
            base = f"http://127.0.0.1:{port}"
            try:
                wait(base)
                return [publish_one(base, token, number, text) for number, text in texts]
            finally:
                server.terminate()
                server.wait(timeout=120)


def publish_one(base: str, token: str, number: int, text: str) -> float:
    """Send one text; wait for its job to be published; return the seconds it took."""
    body = {"text": text, "id": f"digest-{number}", "published": "2024-10-08"}
    job = call("POST", f"{base}/v1/documents", token, body)
    accepted = time.perf_counter()
    while job["state"] in ("queued", "running"):
        time.sleep(0.02)
        job = call("GET", f"{base}/v1/jobs/{job['id']}")
    seen = time.perf_counter() - accepted
    assert job["state"] == "published", job
    started, finished = (parse_time(job[key]) for key in ("started_at", "finished_at"))
    print(
        f"  digest-{number}: {len(text.split())} words, 202 to published {seen:.2f} s"
        f" (publishing {(finished - started).total_seconds():.2f} s)",
        flush=True,
    )
    return seen


def main() -> int:
    """Build (or reuse) each corpus, publish documents into it, print times and ratios."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="40,400,4000")
    parser.add_argument("--documents", type=int, default=4, help="sent to each corpus")
    parser.add_argument("--words", type=int, default=800)
    parser.add_argument("--paragraphs", type=int, default=4, help="of each corpus document")
    parser.add_argument("--workers", type=int, default=2, help="for building the corpora")
    parser.add_argument("--keep", type=Path, default=ROOT / "var" / "bench-publish")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    texts = list(enumerate(documents(args.documents, args.words), 1))
    args.keep.mkdir(parents=True, exist_ok=True)
    medians = {}
    for size in sizes:
        corpus = built_corpus(args.keep, size, args.paragraphs, args.workers)
        print(f"{size} documents:", flush=True)
        seconds = publish_times(corpus, texts, args.keep / "server.log")
        medians[size] = statistics.median(seconds[1:] or seconds)  # the first loads the model
    smallest = min(sizes)
    print(f"\n{'corpus':>8} {'202 to published, median s':>27} {'ratio':>6} {'target':>7}")
    failed = False
    for size in sizes:
        ratio = medians[size] / medians[smallest]
        target = TARGETS.get(size)
        failed |= target is not None and ratio > target
        shown = f"<= {target}" if target else ""
        print(f"{size:>8} {medians[size]:>27.2f} {ratio:>6.2f} {shown:>7}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
