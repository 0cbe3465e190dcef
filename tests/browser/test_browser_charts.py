"""The reader's pictures in a real browser: drawn, styled, labelled, linked, and readable on a
narrow screen and with scripts off; each is written to tests/out/ to be looked at."""

import pytest

from tests.browser.test_browser import HEIGHT, OUT, WIDTH, Watched
from tests.support import chromium
from tests.support.corpus import DOC_ID, news_app
from tests.support.pixels import dominant_colour, pixels
from tests.support.server import start_server

PAGE = f"/documents/{DOC_ID}"
CONTESTED = "rgb(176, 0, 32)"  # --contested, #b00020

pytestmark = chromium.MARKS


@pytest.fixture
def open_page(browser):
    """Open pages in fresh contexts (scripts on unless told), all closed after the test."""
    contexts = []

    def open_at(url: str, width: int = WIDTH, scripts: bool = True) -> Watched:
        context = browser.new_context(
            viewport={"width": width, "height": HEIGHT}, java_script_enabled=scripts
        )
        contexts.append(context)
        watched = Watched(context.new_page())
        watched.page.goto(url)
        watched.page.wait_for_load_state("networkidle")
        return watched

    yield open_at
    for context in contexts:
        context.close()


@pytest.fixture(scope="module")
def news_server(tmp_path_factory):
    """A real server over the development set of news: many sources, outlets and years."""
    root = tmp_path_factory.mktemp("news-charts")
    news_app(root)
    process, base = start_server(root / "claims.db")
    yield base
    process.terminate()
    process.wait(timeout=10)


def shot(figure, name: str) -> bytes:
    """Screenshot a figure into tests/out/ and return the PNG."""
    OUT.mkdir(exist_ok=True)
    figure.scroll_into_view_if_needed()
    return figure.screenshot(path=str(OUT / name))


def texts(locator) -> list[str]:
    """The text of every element a locator finds."""
    return [" ".join(text.split()) for text in locator.all_text_contents()]


def test_index_draws_the_timeline_with_its_counts_and_years(open_page, live_server):
    watched = open_page(live_server + "/")
    timeline = watched.page.locator("figure.chart-timeline")
    svg = timeline.locator("svg")
    assert svg.is_visible() and svg.get_attribute("role") == "img"
    box = svg.bounding_box()
    assert box["width"] == 720 and box["height"] == 188  # drawn at its own size, not squeezed
    assert texts(svg.locator("a.bar text.count")) == ["1", "1", "6", "2", "5", "13"]
    assert {"1991", "2021", "2023"} <= set(texts(svg.locator("text.year")))
    bar = svg.locator('a.bar[data-year="2023"] rect')
    assert dominant_colour(bar.screenshot()) == "#3d6fb4"  # the stylesheet reaches the SVG
    tall, short = bar.bounding_box(), svg.locator('a.bar[data-year="2021"] rect').bounding_box()
    assert tall["height"] == pytest.approx(120, abs=1)
    assert short["height"] == pytest.approx(120 * 2 / 13, abs=1)
    shot(timeline, "index-timeline.png")
    assert watched.errors == []
    # (Checked before leaving: the JSON it opens has no icon, and Chromium may ask for one.)
    with watched.page.expect_navigation():
        bar.click()
    assert watched.page.url.endswith("/v1/timeline?from=2023-01-01&to=2023-12-31")


def test_index_draws_sources_against_outlets_with_contests_flagged(open_page, news_server):
    watched = open_page(news_server + "/")
    matrix = watched.page.locator("figure.chart-outlets")
    svg = matrix.locator("svg")
    assert svg.locator("g.source-row").count() == 12
    outlets = texts(svg.locator("g.outlet text"))
    assert (
        len(outlets) == 8
        and outlets[-2].endswith("other outlets")
        and outlets[-1] == ("all outlets")
    )
    flag = svg.locator("g.cell.contested tspan.flag").first
    assert flag.text_content().startswith("⚑")
    assert flag.evaluate("e => getComputedStyle(e).fill") == CONTESTED
    border = svg.locator("g.cell.contested rect").first
    assert border.evaluate("e => getComputedStyle(e).stroke") == CONTESTED
    # Every name is inside the picture: nothing written past its edges.
    frame = svg.bounding_box()
    for label in svg.locator("text").all():
        inside = label.bounding_box()
        assert frame["x"] - 1 <= inside["x"], label.text_content()
        assert inside["x"] + inside["width"] <= frame["x"] + frame["width"] + 1
        assert frame["y"] - 1 <= inside["y"], label.text_content()
    shot(matrix, "index-outlets.png")
    assert watched.errors == []


def test_document_page_draws_who_says_what_and_its_marks_lead_to_their_claims(
    open_page, live_server
):
    watched = open_page(live_server + PAGE)
    figure = watched.page.locator("figure.chart-voices")
    svg = figure.locator("svg")
    assert svg.locator("g.voice").count() == 12
    assert texts(svg.locator("g.key text")) == [
        "attributed",
        "vague",
        "linked",
        "unsourced",
        "contested",
        "contradicts",
    ]
    assert texts(svg.locator('g.voice[data-source="tass"] text.source-name')) == ["TASS"]
    mark = svg.locator('a.voice-mark[data-chart-claim="outposts-dismantled"]')
    assert mark.locator("circle.ring").evaluate("e => getComputedStyle(e).stroke") == CONTESTED
    assert svg.locator("path.contest-link").count() >= 4
    png = shot(figure, "reader-who-says-what.png")
    assert (176, 0, 32) in set(pixels(png))  # the contest lines and rings are drawn
    mark.click()
    assert watched.page.url.endswith("#claim-outposts-dismantled")
    detail = watched.page.locator("#claim-outposts-dismantled")
    assert detail.is_visible() and detail.evaluate("e => e.getBoundingClientRect().top") < HEIGHT
    assert watched.errors == []


def test_pictures_read_the_same_with_scripts_off(open_page, live_server):
    for url, figures in (("/", 2), (PAGE, 1)):
        on, off = open_page(live_server + url), open_page(live_server + url, scripts=False)
        drawn = [page.page.locator("figure.chart svg") for page in (on, off)]
        assert drawn[0].count() == drawn[1].count() == figures
        assert texts(drawn[0]) == texts(drawn[1])
        for svg in drawn[1].all():
            assert svg.is_visible()


def test_narrow_screen_scrolls_the_picture_not_the_page(open_page, live_server):
    watched = open_page(live_server + PAGE, width=360)
    page = watched.page
    assert page.evaluate("document.documentElement.scrollWidth") <= 361
    frame = page.locator("figure.chart-voices > .chart-frame")
    assert frame.evaluate("e => e.scrollWidth > e.clientWidth")  # the figure scrolls instead
    label = page.locator("figure.chart-voices text.source-name").first
    assert label.evaluate("e => getComputedStyle(e).fontSize") == "12px"
    assert label.bounding_box()["height"] >= 12  # drawn at full size, not shrunk to fit
    shot(page.locator("figure.chart-voices"), "reader-who-says-what-narrow.png")
