"""A research tool on another origin shows the reader in a frame in Chromium once
CLAIMS_FRAME_ANCESTORS names it, and the browser refuses the frame on any other site."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.support import chromium
from tests.support.corpus import DOC_ID
from tests.support.server import start_server

READER_TITLE = "What's Next for the Lachin Corridor? · Claims"

pytestmark = chromium.MARKS


class ToolPage(BaseHTTPRequestHandler):
    """The embedding tool: one page with an iframe on the reader."""

    frame_src = ""

    def do_GET(self):
        body = f'<!doctype html><title>tool</title><iframe src="{self.frame_src}"></iframe>'
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def tool_pages():
    """Two tools' pages, each on an origin of its own (a loopback port), framing the reader."""
    servers = [ThreadingHTTPServer(("127.0.0.1", 0), ToolPage) for _ in range(2)]
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    yield [f"http://127.0.0.1:{server.server_port}" for server in servers]
    for server in servers:
        server.shutdown()


@pytest.fixture(scope="module")
def framing_browser():
    """One headless Chromium for the module, closed after its last test."""
    yield from chromium.launched()


def framed_title(browser, tool: str, reader: str) -> str | None:
    """Open the tool's page framing the reader; return the frame's title, None if refused."""
    ToolPage.frame_src = f"{reader}/documents/{DOC_ID}"
    page = browser.new_page()
    try:
        page.goto(f"{tool}/")
        page.wait_for_load_state("load")
        frame = next(f for f in page.frames if f != page.main_frame)
        return frame.title() if frame.url == ToolPage.frame_src else None
    finally:
        page.close()


def test_the_reader_shows_in_a_frame_only_on_the_sites_named(
    framing_browser, tool_pages, built_db, tmp_path
):
    named, other = tool_pages
    env = {"CLAIMS_FRAME_ANCESTORS": f"https://elsewhere.example {named}"}
    process, base = start_server(built_db, tmp_path / "store.db", workers=1, env=env)
    try:
        assert framed_title(framing_browser, named, base) == READER_TITLE
        assert framed_title(framing_browser, other, base) is None
    finally:
        process.terminate()
        process.wait(timeout=10)
