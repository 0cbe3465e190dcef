"""`claims add`: pages, text files and URLs become source texts with metadata and links."""

import http.server
import shutil
import threading
from pathlib import Path
from typing import ClassVar

import pytest
import yaml

from service import create_app
from service.cli import main
from tests.support.corpus import ROOT, copy_corpus, run_build

PAGES = ROOT / "tests" / "data" / "html"
FERRY = "island-ferry-fares-to-rise-by-a-fifth-operator-says"


def snapshot(*folders: Path) -> dict[str, bytes]:
    """Every file under the folders with its bytes, to prove nothing was written."""
    return {
        str(path): path.read_bytes()
        for folder in folders
        if folder.exists()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def add(capsys, *args: str) -> tuple[int, str, str]:
    """Run `claims add` in this process; return its exit code, stdout and stderr."""
    code = main(["add", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def corpus_dirs(tmp_path):
    """A private copy of the corpus: (source dir, annotations dir)."""
    return copy_corpus(tmp_path)


def dirs(corpus_dirs) -> list[str]:
    sources, annotations = corpus_dirs
    return ["--source-dir", str(sources), "--annotations-dir", str(annotations)]


def test_html_page_gives_main_text_metadata_and_links(capsys, corpus_dirs):
    sources, _ = corpus_dirs
    code, out, err = add(capsys, str(PAGES / "ferry-report.html"), *dirs(corpus_dirs))
    assert (code, err) == (0, "")
    text = (sources / f"{FERRY}.txt").read_text(encoding="utf-8")
    metadata = yaml.safe_load((sources / f"{FERRY}.yaml").read_text(encoding="utf-8"))
    assert out.splitlines() == [
        f"wrote {sources / FERRY}.txt (7 paragraphs, 142 words, 3 links)",
        f"wrote {sources / FERRY}.yaml",
        "next: claims build",
    ]
    assert text.startswith("Island ferry fares to rise by a fifth, operator says\n\nFares on")
    for boilerplate in ("cookies", "Subscribe", "Related stories", "Bus timetable", "©", "Privacy"):
        assert boilerplate not in text
    assert "Some residents reportedly plan to protest at the harbour on Saturday.\n" in text
    assert {k: metadata[k] for k in ("title", "author", "publisher", "published", "url")} == {
        "title": "Island ferry fares to rise by a fifth, operator says",
        "author": "Maren Holt",
        "publisher": "The Coastal Courier",
        "published": "2025-02-11",
        "url": "https://coastalcourier.example/news/2025/02/ferry-fares",
    }
    assert [(link["text"], link["href"]) for link in metadata["links"]] == [
        ("regional audit", "https://coastalcourier.example/news/2024/11/fuel-costs"),
        ("already risen twice", "https://coastalcourier.example/news/2024/06/fares"),
        ("the published agenda", "https://county.example/agenda/2025-03-04"),
    ]
    for link in metadata["links"]:
        assert text[link["start"] : link["end"]] == link["text"]


def test_added_page_builds_and_serves_linked_claims_with_their_url(capsys, corpus_dirs, tmp_path):
    sources, annotations = corpus_dirs
    assert add(capsys, str(PAGES / "ferry-report.html"), *dirs(corpus_dirs))[0] == 0
    run_build(sources, annotations, tmp_path / "claims.db")
    client = create_app({"DB": str(tmp_path / "claims.db")}).test_client()
    document = client.get(f"/v1/documents/{FERRY}").json
    assert (document["title"], document["author"], document["publisher"]) == (
        "Island ferry fares to rise by a fifth, operator says",
        "Maren Holt",
        "The Coastal Courier",
    )
    paragraphs = client.get(f"/v1/paragraphs?document={FERRY}").json["items"]
    links = [link for p in paragraphs for link in p["links"]]
    assert [(link["text"], link["href"]) for link in links] == [
        ("regional audit", "https://coastalcourier.example/news/2024/11/fuel-costs"),
        ("already risen twice", "https://coastalcourier.example/news/2024/06/fares"),
        ("the published agenda", "https://county.example/agenda/2025-03-04"),
    ]
    claims = client.get(f"/v1/claims?document={FERRY}&limit=100").json["items"]
    risen = next(c for c in claims if "risen twice" in c["quote"])
    assert risen["sourcing"]["status"] == "linked"  # no source in words, a link on them
    assert risen["sourcing"]["link_url"] == "https://coastalcourier.example/news/2024/06/fares"
    # "a regional audit that found": an unnamed source in words stays vague, and the
    # link on its words is kept as the claim's link_url.
    audit = next(c for c in claims if "regional audit" in c["quote"])
    assert audit["sourcing"]["status"] == "vague" and audit["sourcing"]["link"]
    assert audit["sourcing"]["link_url"] == "https://coastalcourier.example/news/2024/11/fuel-costs"
    # A scraped link marker has no target: the article's markers serve href null.
    lachin = client.get("/v1/paragraphs?document=whats-next-for-the-lachin-corridor&limit=500")
    marked = [link for p in lachin.json["items"] for link in p["links"]]
    assert marked and all(link["href"] is None for link in marked)


def test_interview_page_keeps_questions_as_paragraphs_and_drops_share_boxes(capsys, corpus_dirs):
    sources, _ = corpus_dirs
    assert (
        add(capsys, str(PAGES / "mill-interview.html"), "--id", "mill", *dirs(corpus_dirs))[0] == 0
    )
    text = (sources / "mill.txt").read_text(encoding="utf-8")
    paragraphs = text.split("\n\n")
    assert "Is the mill closing?" in paragraphs
    assert "Share this article" not in text and "newsletter" not in text.lower()
    metadata = yaml.safe_load((sources / "mill.yaml").read_text(encoding="utf-8"))
    assert metadata["published"] == "2024-09-18"
    assert metadata["links"][0]["text"] == "the figures we filed with the county"


def test_options_override_what_the_page_says(capsys, corpus_dirs):
    sources, _ = corpus_dirs
    code, _, _ = add(
        capsys,
        str(PAGES / "ferry-report.html"),
        *("--id", "ferry", "--title", "Ferry fares", "--author", "M. Holt"),
        *("--publisher", "Courier", "--published", "2025-02"),
        *dirs(corpus_dirs),
    )
    assert code == 0
    metadata = yaml.safe_load((sources / "ferry.yaml").read_text(encoding="utf-8"))
    assert (metadata["title"], metadata["author"], metadata["publisher"]) == (
        "Ferry fares",
        "M. Holt",
        "Courier",
    )
    assert metadata["published"] == "2025-02"


def test_plain_text_is_kept_as_is_with_metadata_from_options(capsys, corpus_dirs, tmp_path):
    sources, _ = corpus_dirs
    original = (
        "Harbour Notes\n\nThe harbour master said on Tuesday that dredging would start in May.\n"
    )
    path = tmp_path / "notes.txt"
    path.write_text(original, encoding="utf-8")
    code, out, _ = add(
        capsys,
        str(path),
        "--title",
        "Harbour Notes",
        "--published",
        "2025-03-04",
        *dirs(corpus_dirs),
    )
    assert code == 0
    assert (sources / "harbour-notes.txt").read_text(encoding="utf-8") == original
    metadata = yaml.safe_load((sources / "harbour-notes.yaml").read_text(encoding="utf-8"))
    assert metadata == {"title": "Harbour Notes", "published": "2025-03-04"}
    assert "wrote" in out and out.rstrip().endswith("next: claims build")


def bad_inputs(tmp_path: Path) -> dict[str, tuple[list[str], str]]:
    """Each bad input: its arguments and the words its one-line error must say."""
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Caf\u00e9 opens on Main Street.".encode("latin-1"))
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\n", encoding="utf-8")
    untitled = tmp_path / "untitled.txt"
    untitled.write_text("A text with no title given.\n", encoding="utf-8")
    lachin = ROOT / "source_text" / "whats-next-for-the-lachin-corridor.txt"
    return {
        "missing file": ([str(tmp_path / "nowhere.html")], "no such file"),
        "binary content": ([str(binary)], "binary content"),
        "not UTF-8": ([str(latin), "--id", "latin"], "not UTF-8 text"),
        "empty text": ([str(empty), "--id", "empty"], "the text is empty"),
        "empty extraction": ([str(PAGES / "no-article.html")], "no article text found"),
        "no title and no id": ([str(untitled)], "give --id"),
        "bad id": ([str(untitled), "--id", "Not An Id"], "--id 'Not An Id'"),
        "bad date": ([str(untitled), "--id", "x", "--published", "2025-13"], "published: not"),
        "impossible day": ([str(untitled), "--id", "x", "--published", "2025-02-30"], "calendar"),
        "same id": (
            [str(untitled), "--id", "whats-next-for-the-lachin-corridor"],
            "document 'whats-next-for-the-lachin-corridor' already exists",
        ),
        "same text": ([str(lachin), "--id", "copy"], "already in the corpus as"),
    }


@pytest.mark.parametrize(
    "case",
    [
        "missing file",
        "binary content",
        "not UTF-8",
        "empty text",
        "empty extraction",
        "no title and no id",
        "bad id",
        "bad date",
        "impossible day",
        "same id",
        "same text",
    ],
)
def test_bad_input_fails_in_one_line_and_writes_nothing(capsys, corpus_dirs, tmp_path, case):
    args, words = bad_inputs(tmp_path)[case]
    before = snapshot(*corpus_dirs)
    code, out, err = add(capsys, *args, *dirs(corpus_dirs))
    assert code == 1 and out == ""
    assert len(err.splitlines()) == 1 and err.startswith("add failed: ") and words in err, err
    assert snapshot(*corpus_dirs) == before


class Pages(http.server.BaseHTTPRequestHandler):
    """A local web server with the pages the URL tests fetch."""

    routes: ClassVar[dict[str, tuple[str, bytes]]] = {
        "/ferry": ("text/html; charset=utf-8", (PAGES / "ferry-report.html").read_bytes()),
        "/notes.txt": ("text/plain; charset=utf-8", b"Harbour Notes\n\nDredging starts in May.\n"),
        "/photo.png": ("image/png", b"\x89PNG\r\n\x1a\n"),
        "/huge.txt": ("text/plain", b"a" * (5 * 1024 * 1024 + 10)),
        "/cut.txt": ("text/plain", b"Harbour Notes"),  # said longer than it is
    }

    def do_GET(self):
        """Serve a known page, or 404."""
        if self.path not in self.routes:
            self.send_error(404, "Not Found")
            return
        content_type, body = self.routes[self.path]
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body) * (2 if self.path == "/cut.txt" else 1)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        """Keep the test output quiet."""


@pytest.fixture(scope="module")
def site():
    """Serve the pages on a free loopback port for the module's tests."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_url_of_an_html_page_is_fetched_and_extracted(capsys, corpus_dirs, site):
    sources, _ = corpus_dirs
    code, out, err = add(capsys, f"{site}/ferry", "--allow-private", *dirs(corpus_dirs))
    assert (code, err) == (0, "") and out.rstrip().endswith("next: claims build")
    metadata = yaml.safe_load((sources / f"{FERRY}.yaml").read_text(encoding="utf-8"))
    # The page's canonical URL wins over the address it was fetched from.
    assert metadata["url"] == "https://coastalcourier.example/news/2025/02/ferry-fares"
    assert len(metadata["links"]) == 3


def test_url_of_a_plain_text_is_kept_as_is(capsys, corpus_dirs, site):
    sources, _ = corpus_dirs
    code, _, _ = add(
        capsys, f"{site}/notes.txt", "--id", "notes", "--allow-private", *dirs(corpus_dirs)
    )
    assert code == 0
    assert (sources / "notes.txt").read_bytes() == b"Harbour Notes\n\nDredging starts in May.\n"


@pytest.mark.parametrize(
    "path, words",
    [
        ("/missing", "the server answered 404"),
        ("/photo.png", "not HTML or plain text (Content-Type: image/png)"),
        ("/huge.txt", "larger than 5 MiB"),
        ("/cut.txt", "the answer broke off (13 of 26 bytes)"),
    ],
)
def test_bad_urls_fail_in_one_line_and_write_nothing(capsys, corpus_dirs, site, path, words):
    before = snapshot(*corpus_dirs)
    code, out, err = add(
        capsys, f"{site}{path}", "--id", "x", "--allow-private", *dirs(corpus_dirs)
    )
    assert code == 1 and out == "" and len(err.splitlines()) == 1 and words in err, err
    assert snapshot(*corpus_dirs) == before


def test_unreachable_url_fails_in_one_line(capsys, corpus_dirs):
    from tests.support.server import free_port

    before = snapshot(*corpus_dirs)
    url = f"http://127.0.0.1:{free_port()}/x"
    code, _, err = add(capsys, url, "--id", "x", "--allow-private", *dirs(corpus_dirs))
    assert code == 1 and "could not fetch it" in err and len(err.splitlines()) == 1
    assert snapshot(*corpus_dirs) == before


def test_added_document_builds_with_the_rest(capsys, tmp_path):
    sources, annotations = copy_corpus(tmp_path / "c")
    shutil.copy(PAGES / "mill-interview.html", tmp_path / "mill.html")
    assert main(["add", str(tmp_path / "mill.html"), "--source-dir", str(sources)]) == 0
    report = run_build(sources, annotations, tmp_path / "claims.db")
    assert report.documents == 2
    assert (annotations / "the-mill-will-stay-open-an-interview-with-tomas-brenn").is_dir()


def test_relative_links_resolve_against_the_url_given_and_mailto_is_dropped(
    capsys, corpus_dirs, tmp_path
):
    sources, _ = corpus_dirs
    page = tmp_path / "crane.html"
    page.write_text(
        "<html><head><title>Crane collapse closes the quay</title></head><body><article>"
        "<h1>Crane collapse closes the quay</h1>"
        "<p>A crane collapsed at the container quay on Monday, the port authority said, and "
        'the <a href="/reports/crane">inspection report</a> found corroded bolts in its base.</p>'
        "<p>Readers with photographs of the collapse can write to the newsroom at "
        '<a href="mailto:desk@example.org">our news desk</a> before Friday evening.</p>'
        "</article></body></html>",
        encoding="utf-8",
    )
    code, _, err = add(
        capsys, str(page), "--url", "https://harbour.example/news/crane", *dirs(corpus_dirs)
    )
    assert (code, err) == (0, "")
    metadata = yaml.safe_load(
        (sources / "crane-collapse-closes-the-quay.yaml").read_text(encoding="utf-8")
    )
    assert [(link["text"], link["href"]) for link in metadata["links"]] == [
        ("inspection report", "https://harbour.example/reports/crane")
    ]
