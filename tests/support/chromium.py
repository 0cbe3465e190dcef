"""Debian's headless Chromium, driven by Playwright, for the tests that need a real browser."""

import os
import shutil

import pytest

CHROMIUM = (
    os.environ.get("CLAIMS_CHROMIUM")
    or shutil.which("chromium")
    or shutil.which("chromium-browser")
)
# As root on a closed network: no sandbox, and no background calls home.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Every browser test module's marks: it starts live servers, and skips without Chromium.
MARKS = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(
        CHROMIUM is None,
        reason="no Chromium: the browser tests need Debian's chromium (apt-get install chromium)",
    ),
]


def launched():
    """Yield one headless Chromium, closed when the caller is done with it."""
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="the playwright package is not installed"
    )
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()
