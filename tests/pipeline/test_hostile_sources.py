"""`claims add` against hostile sources: redirects to local addresses or other schemes,
servers that trickle, and texts with a BOM, odd line ends or control characters."""

import http.server
import threading
import time

import pytest

from service.cli import main
from service.corpus.errors import CorpusError
from service.corpus.fetch import fetch
from tests.support.corpus import copy_corpus

TEXT = (
    "The harbour board met on Tuesday to approve the new ferry timetable for summer.",
    "Its chair said the first boats would sail in May, a month earlier than last year.",
)


class Hostile(http.server.BaseHTTPRequestHandler):
    """Redirects to loopback and to ftp, a page, and a body trickled a word at a time."""

    def do_GET(self):
        """Answer by path."""
        port = self.server.server_address[1]
        if self.path == "/to-localhost":
            self._redirect(f"http://localhost:{port}/internal")
        elif self.path == "/to-ftp":
            self._redirect("ftp://127.0.0.1/internal.txt")
        elif self.path == "/internal":
            self._answer("\n\n".join(TEXT).encode())
        elif self.path == "/trickle":
            self._trickle()
        else:
            self.send_error(404)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.end_headers()

    def _answer(self, body: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _trickle(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.end_headers()
        try:
            for _ in range(20):  # each word well inside any per-read timeout
                self.wfile.write(b"word ")
                self.wfile.flush()
                time.sleep(0.3)
        except OSError:
            pass  # the client gave up, as it should

    def log_message(self, *args):
        """Keep the test output quiet."""


@pytest.fixture(scope="module")
def hostile_site():
    """Serve the hostile pages on a free loopback port."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hostile)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture
def add_dirs(tmp_path) -> list[str]:
    """The folder options of `claims add` for a private copy of the corpus."""
    sources, annotations = copy_corpus(tmp_path)
    return ["--source-dir", str(sources), "--annotations-dir", str(annotations)]


def add(capsys, *args: str) -> tuple[int, str, str]:
    """Run `claims add` in this process; return its exit code, stdout and stderr."""
    code = main(["add", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_redirect_to_localhost_is_refused_after_a_trusted_first_hop(hostile_site):
    with pytest.raises(CorpusError, match=r"localhost is a private or local address"):
        fetch(f"{hostile_site}/to-localhost", trusted_hosts={"127.0.0.1"})


def test_loopback_url_is_refused_without_allow_private(capsys, add_dirs, hostile_site, tmp_path):
    code, out, err = add(capsys, f"{hostile_site}/to-localhost", "--id", "internal", *add_dirs)
    assert code == 1 and out == "" and "give --allow-private" in err
    assert len(err.splitlines()) == 1
    assert not (tmp_path / "source_text" / "internal.txt").exists()


def test_redirect_to_localhost_is_followed_with_allow_private(
    capsys, add_dirs, hostile_site, tmp_path
):
    code, _, err = add(
        capsys, f"{hostile_site}/to-localhost", "--id", "internal", "--allow-private", *add_dirs
    )
    assert (code, err) == (0, "")
    assert (tmp_path / "source_text" / "internal.txt").read_text() == "\n\n".join(TEXT)


def test_redirect_to_ftp_is_refused_even_with_allow_private(capsys, add_dirs, hostile_site):
    code, _, err = add(
        capsys, f"{hostile_site}/to-ftp", "--id", "ftp", "--allow-private", *add_dirs
    )
    assert code == 1 and "only http and https URLs are fetched, not ftp" in err


def test_a_trickling_server_meets_the_overall_deadline(hostile_site):
    started = time.monotonic()
    with pytest.raises(CorpusError, match=r"no complete answer within 1 s"):
        fetch(f"{hostile_site}/trickle", allow_private=True, deadline=1)
    assert time.monotonic() - started < 3


BODY = "\n\n".join(TEXT) + "\n"


@pytest.mark.parametrize(
    "raw, text, removed",
    [
        ("\ufeff" + BODY, BODY, "U+FEFF BOM x1"),
        (BODY.replace("\n", "\r\n"), BODY, None),
        (BODY.replace("\n", "\r"), BODY, None),
        ("\ufeff" + BODY.replace("\n", "\r\n"), BODY, "U+FEFF BOM x1"),
        (
            BODY.replace("harbour", "\x1b[31mharbour\x07"),
            BODY.replace("harbour", "[31mharbour"),
            "U+0007 BEL x1, U+001B ESC x1",
        ),
        (BODY.replace("ferry", "\u202eferry\u202c"), BODY, "U+202C x1, U+202E x1"),
        (BODY.replace("May,", "May,\tthen"), BODY.replace("May,", "May,\tthen"), None),
    ],
    ids=["bom", "crlf", "cr", "bom-crlf", "esc-bel", "bidi-override", "tab-kept"],
)
def test_text_is_normalised_and_what_was_removed_is_said(
    capsys, add_dirs, tmp_path, raw, text, removed
):
    path = tmp_path / "note.txt"
    path.write_bytes(raw.encode("utf-8"))
    code, out, err = add(capsys, str(path), "--id", "note", *add_dirs)
    assert (code, err) == (0, "")
    assert (tmp_path / "source_text" / "note.txt").read_bytes().decode("utf-8") == text
    assert "(2 paragraphs," in out.splitlines()[0]
    said = [line for line in out.splitlines() if line.startswith("removed from the text: ")]
    assert said == ([f"removed from the text: {removed}"] if removed else [])
