"""Time a document sent over HTTP from its 202 to its job's `published`, on a live server.

A copy of the project's corpus is built, then `claims serve` runs with its publisher beside
it. Documents of about `--words` words, made of paragraphs of the development news texts,
are sent one after another to POST /v1/documents and their jobs polled every 20 ms; the
first job's time includes the publisher loading the model, the later ones do not. Each
row gives the time the client saw (202 to `published`), the job's own times (queued to
started, started to finished), and the build's summary from the publisher's log.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from service.serve.annotations.userstore import open_user_store  # noqa: E402
from service.serve.annotations.userstore.jobs import parse_time  # noqa: E402
from tests.support.server import free_port  # noqa: E402

NEWS = ROOT / "tests" / "data" / "news"


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
    with urllib.request.urlopen(request, timeout=60) as answer:
        return json.loads(answer.read())


def wait(base: str) -> None:
    """Wait for the server's first 200."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=1)
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("claims serve did not answer")


def main() -> int:
    """Build a corpus, serve it with a publisher, send documents, print the times."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=3)
    parser.add_argument("--words", type=int, default=800)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for folder in ("source_text", "annotations"):
            shutil.copytree(ROOT / folder, root / folder)
        env = {
            **os.environ,
            "CLAIMS_SOURCE_DIR": str(root / "source_text"),
            "CLAIMS_ANNOTATIONS_DIR": str(root / "annotations"),
            "CLAIMS_CACHE": str(root / "cache"),
            "CLAIMS_DB": str(root / "claims.db"),
            "CLAIMS_STORE": str(root / "store.db"),
            "CLAIMS_PUBLISH_POLL": "0.05",
        }
        claims = [sys.executable, "-m", "service.cli"]
        subprocess.run([*claims, "build"], env=env, check=True, capture_output=True)
        token = open_user_store(str(root / "store.db")).create_token("bench")
        port = free_port()
        log = open(root / "publisher.log", "w")  # noqa: SIM115 - closed after the server
        server = subprocess.Popen(
            [*claims, "serve", "--port", str(port), "--workers", "2"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            wait(base)
            print(f"{'document':<10} {'words':>6} {'202 to published s':>19} {'queued s':>9} "
                  f"{'publishing s':>13}")  # fmt: skip
            for number, text in enumerate(documents(args.documents, args.words), 1):
                body = {"text": text, "id": f"digest-{number}", "published": "2024-10-08"}
                job = call("POST", f"{base}/v1/documents", token, body)
                accepted = time.perf_counter()
                while job["state"] in ("queued", "running"):
                    time.sleep(0.02)
                    job = call("GET", f"{base}/v1/jobs/{job['id']}")
                seen = time.perf_counter() - accepted
                assert job["state"] == "published", job
                created, started, finished = (
                    parse_time(job[key]) for key in ("created_at", "started_at", "finished_at")
                )
                print(
                    f"digest-{number:<3} {len(text.split()):>6} {seen:>19.2f} "
                    f"{(started - created).total_seconds():>9.2f} "
                    f"{(finished - started).total_seconds():>13.2f}"
                )
        finally:
            server.terminate()
            server.wait(timeout=90)
            log.close()
        print()
        print("publisher's log:")
        for line in (root / "publisher.log").read_text(encoding="utf-8").splitlines():
            if line.startswith("publish: "):
                print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
