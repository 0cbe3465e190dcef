"""The reader in a real browser: Debian's headless Chromium, driven by Playwright."""

import json
import urllib.request

import pytest

from tests.support import chromium, hostile
from tests.support.corpus import DOC_ID, ROOT, copy_corpus, run_build
from tests.support.pixels import dominant_colour
from tests.support.server import start_server

OUT = ROOT / "tests" / "out"
PAGE = f"/documents/{DOC_ID}"

WIDTH, HEIGHT = 1100, 900

pytestmark = chromium.MARKS


class Watched:
    """A page that records console errors, uncaught exceptions and dialogs."""

    def __init__(self, page):
        self.page = page
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()


@pytest.fixture
def watched_page(browser):
    """A fresh watched page in a context of its own; closed after the test, pass or fail."""
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT})
    try:
        yield Watched(context.new_page())
    finally:
        context.close()


def test_page_loads_clean_with_every_paragraph_anchor(watched_page, live_server):
    page = watched_page.page
    page.goto(live_server + PAGE)
    page.wait_for_load_state("networkidle")
    with urllib.request.urlopen(
        f"{live_server}/v1/paragraphs?document={DOC_ID}&limit=500"
    ) as response:
        paragraphs = json.load(response)["items"]
    for paragraph in paragraphs:
        assert page.locator(f"#{paragraph['id']}").count() == 1, paragraph["id"]
    with urllib.request.urlopen(f"{live_server}/v1/claims?document={DOC_ID}&limit=1") as response:
        claims = json.load(response)["total"]
    assert claims >= 95  # the 95 curated claims and machine ones where none is curated
    assert page.locator("a.claim[data-claim]").count() == claims
    assert page.locator("button.copy:visible").count() > 30  # the script ran
    OUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUT / "reader.png"), full_page=False)
    # What the screenshot shows: the document's title in full, and the legend in its colours.
    with urllib.request.urlopen(f"{live_server}/v1/documents/{DOC_ID}") as response:
        title = json.load(response)["title"]
    heading = page.locator("h1")
    assert heading.is_visible() and heading.text_content() == title
    box = heading.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= HEIGHT
    place, contested = page.locator(".legend mark.ent-gpe"), page.locator(".legend .contested")
    assert place.text_content() == "place" and contested.text_content() == "contested"
    assert dominant_colour(place.screenshot()) == "#e2ecfd"
    assert dominant_colour(contested.screenshot()) == "#fdecee"
    page.locator("#p-b64206c87687").scroll_into_view_if_needed()
    page.screenshot(path=str(OUT / "reader-outposts.png"))
    assert watched_page.errors == []


def test_clicking_a_contested_claim_reveals_its_counterpart(watched_page, live_server):
    page = watched_page.page
    page.goto(live_server + PAGE)
    page.click('a.claim[data-claim="outposts-built"]')
    counterpart = page.locator('a.claim[data-claim="outposts-dismantled"]')
    assert "counterpart" in counterpart.get_attribute("class")
    assert counterpart.is_visible()
    assert page.locator("#claim-outposts-dismantled").get_attribute("open") is not None
    assert page.locator("#claim-outposts-built").get_attribute("open") is not None
    assert (
        page.locator("#claim-status").text_content()
        == "Contradicted by outposts-dismantled, outpost-video"
    )
    page.screenshot(path=str(OUT / "reader-contested.png"))
    assert watched_page.errors == []


def test_contested_filter_hides_everything_else(watched_page, live_server):
    page = watched_page.page
    page.goto(live_server + PAGE)
    with page.expect_navigation():
        page.check('input[name="contested"]')
    assert "contested=true" in page.url
    sections = page.locator("section.para:visible")
    assert sections.count() == 5
    for index in range(sections.count()):
        assert sections.nth(index).locator("a.claim.contested").count() >= 1
    shown = page.locator("a.claim:not(.muted):visible")
    assert (
        shown.count() == shown.locator("xpath=self::*[contains(@class, 'contested')]").count() == 9
    )
    assert watched_page.errors == []


def test_timeline_links_scroll_to_their_paragraphs(watched_page, live_server):
    page = watched_page.page
    page.goto(live_server + PAGE)
    link = page.locator(".timeline a").first
    target = link.get_attribute("href")
    link.click()
    assert page.url.endswith(target)
    assert page.locator(target).is_visible()


def test_keyboard_reaches_the_skip_link_then_the_controls(watched_page, live_server):
    page = watched_page.page
    page.goto(live_server + PAGE)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") == "A"


def test_narrow_screen_does_not_scroll_sideways(watched_page, live_server):
    page = watched_page.page
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(live_server + PAGE)
    assert page.evaluate("document.documentElement.scrollWidth") <= 361
    page.screenshot(path=str(OUT / "reader-narrow.png"))


def test_hostile_text_runs_nothing(watched_page, tmp_path):
    sources, annotations = copy_corpus(tmp_path)
    hostile.build(sources, annotations, tmp_path / "claims.db", run_build)
    process, base = start_server(tmp_path / "claims.db")
    try:
        watched_page.page.goto(f"{base}/documents/{hostile.DOC}")
        watched_page.page.wait_for_load_state("networkidle")
        watched_page.page.goto(f"{base}/")
        watched_page.page.wait_for_load_state("networkidle")
        assert watched_page.dialogs == [] and watched_page.errors == []
        assert watched_page.page.locator('text=<script>alert("meta")</script> Hostile').count() == 1
    finally:
        process.terminate()
        process.wait(timeout=10)
