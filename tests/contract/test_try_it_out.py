"""Swagger UI's "Try it out" in Chromium, against a server on a port of its own: every read
goes to the server that served the contract and answers 200 with the fields the contract's
examples fill in."""

import pytest

from tests.contract.test_contract_examples import NOTHING_TO_FIND, SPEC
from tests.support import chromium
from tests.support.server import start_server

# The API's reads (the pages and files for people are read by the fast contract tests).
READS = [
    (operation["tags"][0], operation["operationId"])
    for path, item in SPEC["paths"].items()
    if path.startswith(("/v1", "/healthz"))
    and (operation := item.get("get"))
    and operation["operationId"] not in NOTHING_TO_FIND
]

pytestmark = chromium.MARKS


@pytest.fixture(scope="module")
def docs(built_db, tmp_path_factory):
    """The docs page of a real server on a free port, open in Chromium; the server's URL."""
    store = tmp_path_factory.mktemp("try-it-out") / "store.db"
    process, base = start_server(built_db, store, workers=1)
    try:
        for browser in chromium.launched():
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.goto(f"{base}/docs")
            page.wait_for_selector(".opblock", timeout=30_000)
            yield page, base
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.mark.parametrize(("tag", "operation"), READS)
def test_try_it_out_executes_each_read_against_the_server_that_served_the_docs(
    docs, tag, operation
):
    page, base = docs
    block = page.locator(f"#operations-{tag}-{operation}")
    block.locator(".opblock-summary-control").click()
    block.locator("button.try-out__btn").click()
    block.locator("button.execute").click()
    status = block.locator(".live-responses-table tbody .response-col_status").first
    status.wait_for(timeout=30_000)
    sent_to, answered = block.locator(".request-url pre").inner_text(), status.inner_text()
    # Folded again, so that the page does not grow with every answer it shows.
    block.locator(".opblock-summary-control").click()
    assert sent_to.startswith(f"{base}/")
    assert answered.strip().startswith("200")
