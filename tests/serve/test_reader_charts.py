"""The reader's pictures, server-side: the SVG the index and a document page draw, checked
against the API's own figures, bounded on a larger corpus, accessible and escaped."""

import re
from collections import Counter

import pytest

from service import create_app
from tests.serve.test_reader import event_handlers, inline_scripts, page_of
from tests.serve.test_reader_contrast import CSS, contrast, variable
from tests.support import hostile
from tests.support.corpus import DOC_ID
from tests.support.database import plan
from tests.support.pages import Element

PAGE = f"/documents/{DOC_ID}"
STATUSES = ("attributed", "vague", "linked", "unsourced")
# Tables that grow with the corpus, which no page may read whole.
LARGE = {"paragraphs", "mentions", "dates", "claims", "claim_sources", "claim_entities"}


def figure(page: Element, name: str) -> Element:
    """Return the one figure of a kind (timeline, outlets, voices) a page draws."""
    return page.one("figure", f"chart chart-{name}")


def svg_of(page: Element, name: str) -> Element:
    """Return a figure's picture, checking that it names itself to assistive technology."""
    svg = figure(page, name).one("svg")
    assert svg.attrs["role"] == "img"
    title_id, desc_id = svg.attrs["aria-labelledby"].split()
    assert svg.one("title", id=title_id).text.strip()
    assert svg.one("desc", id=desc_id).text.strip()
    return svg


def every(client, url: str) -> list[dict]:
    """Fetch every item of a collection, following its pages."""
    items: list[dict] = []
    while url:
        page = client.get(url).json
        items += page["items"]
        url = page["next"] and page["next"].removeprefix("http://localhost")
    return items


def caption(page: Element, name: str) -> str:
    """Return a figure's caption as one line."""
    return " ".join(figure(page, name).one("figcaption").text.split())


# The timeline: one bar a year for the events dated within one year.


def years_of(client) -> Counter:
    """Count the corpus's dated events that fall within one year, by year, from the API."""
    return Counter(
        event["earliest"][:4]
        for event in every(client, "/v1/timeline?limit=500")
        if event["earliest"][:4] == event["latest"][:4]
    )


def bars(svg: Element) -> dict[str, int]:
    """Read the bars' years and written counts."""
    found = {}
    for bar in svg.find_all("a", "bar"):
        assert bar.attrs["href"] == (
            f"/v1/timeline?from={bar.attrs['data-year']}-01-01&to={bar.attrs['data-year']}-12-31"
        )
        assert bar.one("rect") and bar.one("title").text.startswith(bar.attrs["data-year"] + ": ")
        found[bar.attrs["data-year"]] = int(bar.one("text", "count").text)
    return found


def test_index_draws_a_bar_for_each_year_with_dated_events(article_client):
    page = page_of(article_client, "/")
    svg = svg_of(page, "timeline")
    assert bars(svg) == {"1991": 1, "1994": 1, "2020": 6, "2021": 2, "2022": 5, "2023": 13}
    assert bars(svg) == {year: count for year, count in years_of(article_client).items()}
    labels = [text.text for text in svg.find_all("text", "year")]
    assert labels == [str(year) for year in range(1991, 2024, 2)]
    assert caption(page, "timeline").startswith("Events the texts date, counted in the year")
    assert "28 of 28 drawn" in caption(page, "timeline")
    rows = figure(page, "timeline").one("details", "chart-data").one("tbody").find_all("tr")
    assert [(row.one("th").text, row.one("td").text) for row in rows] == [
        ("1991", "1"), ("1994", "1"), ("2020", "6"), ("2021", "2"), ("2022", "5"), ("2023", "13")
    ]  # fmt: skip


def test_a_wide_timeline_draws_its_busiest_forty_years_and_says_what_it_leaves_out(news_client):
    page = page_of(news_client, "/")
    svg = svg_of(page, "timeline")
    drawn, every_year = bars(svg), years_of(news_client)
    first, last = map(
        int, re.search(r"(\d{4}) to (\d{4})$", svg.one("title", id="timeline-title").text).groups()
    )
    assert last - first + 1 == 40 < int(max(every_year)) - int(min(every_year)) + 1

    def within(start: int) -> int:
        """Count the events of the forty years from a year."""
        return sum(n for year, n in every_year.items() if start <= int(year) < start + 40)

    busiest = max(range(int(min(every_year)), int(max(every_year)) - 38), key=within)
    assert within(first) == within(busiest) == sum(drawn.values())
    assert drawn == {y: n for y, n in every_year.items() if first <= int(y) <= last}
    earlier = sum(n for y, n in every_year.items() if int(y) < first)
    later = sum(n for y, n in every_year.items() if int(y) > last)
    assert earlier + later > 0
    beyond = [text.text for text in svg.find_all("text", "beyond")]
    assert beyond == [f"◀ {earlier} earlier"] * bool(earlier) + [f"{later} later ▶"] * bool(later)
    text = caption(page, "timeline")
    assert "At most 40 years are drawn, the run with most events:" in text
    assert f" before {first}" in text if earlier else f" after {last}" in text
    total = len(every(news_client, "/v1/timeline?limit=500"))
    spanning = total - sum(every_year.values())
    assert f"({sum(drawn.values())} of {total} drawn)" in text
    assert f"{spanning} events dated only to a span of years (a decade, a range) are not" in text


# The matrix: sources against outlets.


def outlet_figures(client, source: str, publishers: dict[str, str]) -> dict[str, list[int]]:
    """Count a source's claims and contested claims by outlet, from the API."""
    figures: dict[str, list[int]] = {}
    for claim in every(client, f"/v1/claims?source={source}&limit=500"):
        cell = figures.setdefault(publishers[claim["document_id"]], [0, 0])
        cell[0] += 1
        cell[1] += claim["contested"]
    return figures


def cells(row: Element) -> dict[str, str]:
    """Read a row's cells: outlet to the figures written in it."""
    return {
        cell.attrs["data-outlet"]: " ".join(cell.one("text").text.split())
        for cell in row.find_all("g", "cell")
    }


def written_as(claims: int, contested: int) -> str:
    """Write a cell's figures as the picture does: claims, then ⚑ and the contested ones."""
    return f"{claims} ⚑{contested}" if contested else str(claims)


THE_ARTICLES_OUTLET = (
    "American University School of International Service, Transatlantic Policy Center"
)


@pytest.mark.parametrize(
    ("corpus", "outlets"),
    [("article_client", [THE_ARTICLES_OUTLET]), ("news_client", None)],
)
def test_index_matrix_counts_each_sources_claims_and_contests_by_outlet(request, corpus, outlets):
    client = request.getfixturevalue(corpus)
    publishers = {d["id"]: d["publisher"] for d in every(client, "/v1/documents?limit=500")}
    page = page_of(client, "/")
    svg = svg_of(page, "outlets")
    drawn = svg.find_all("g", "source-row")
    quoted = {
        s["id"]: s["claim_count"]
        for s in every(client, "/v1/sources?limit=500")
        if s["type"] != "author" and s["claim_count"]
    }
    assert len(quoted) > len(drawn) == 12
    assert f"The 12 sources with most claims, of {len(quoted)}." in caption(page, "outlets")
    columns = [column.one("title").text for column in svg.find_all("g", "outlet")]
    if outlets:
        assert columns == outlets
    counts = [quoted[row.attrs["data-source"]] for row in drawn]
    shown = {row.attrs["data-source"] for row in drawn}
    left_out = [count for source, count in quoted.items() if source not in shown]
    assert counts == sorted(counts, reverse=True) and counts[-1] >= max(left_out)
    for row in drawn:
        source = row.attrs["data-source"]
        expected = outlet_figures(client, source, publishers)
        written = cells(row)
        others = [0, 0]
        for outlet, (claims, contested) in expected.items():
            if outlet in columns:
                assert written[outlet] == written_as(claims, contested)
            else:
                others = [others[0] + claims, others[1] + contested]
        if others[0]:
            assert written[columns[-2]] == written_as(*others)
        if len(columns) > 1:
            claims = sum(c for c, _ in expected.values())
            contested = sum(c for _, c in expected.values())
            assert written["all outlets"] == written_as(claims, contested)
        contested_cells = {c.attrs["data-outlet"] for c in row.find_all("g", "cell contested")}
        assert contested_cells == {o for o, text in written.items() if "⚑" in text}


def test_many_outlets_share_one_column_beyond_the_six_most_quoted(news_client):
    page = page_of(news_client, "/")
    svg = svg_of(page, "outlets")
    sources = [row.attrs["data-source"] for row in svg.find_all("g", "source-row")]
    publishers = {d["id"]: d["publisher"] for d in every(news_client, "/v1/documents?limit=500")}
    claims = Counter(
        publishers[claim["document_id"]]
        for source in sources
        for claim in every(news_client, f"/v1/claims?source={source}&limit=500")
    )
    ranked = sorted(claims, key=lambda outlet: (-claims[outlet], outlet.casefold()))
    assert len(ranked) > 6
    others = f"{len(ranked) - 6} other outlets"
    columns = [column.one("title").text for column in svg.find_all("g", "outlet")]
    assert columns == [*ranked[:6], others, "all outlets"]
    assert f"the other {len(ranked) - 6} share one" in caption(page, "outlets")
    assert "Authors, who make their own texts' unsourced claims, are left out." in caption(
        page, "outlets"
    )
    rows = figure(page, "outlets").one("details", "chart-data").one("tbody").find_all("tr")
    assert len(rows) == 12
    assert [c.text for c in figure(page, "outlets").one("thead").find_all("th")][1:] == columns


# The document page: who says what.


def voices_of(client) -> list[tuple[str, list[dict]]]:
    """Group a document's claims by source, most claims first, then in the order they speak."""
    said: dict[str, list[dict]] = {}
    for claim in every(client, f"/v1/claims?document={DOC_ID}&limit=500"):
        for source in claim["sourcing"]["sources"]:
            said.setdefault(source["id"], []).append(claim)
    return sorted(said.items(), key=lambda item: -len(item[1]))


def test_document_page_draws_who_says_what_with_each_claims_status_and_contest(article_client):
    page = page_of(article_client, PAGE)
    svg = svg_of(page, "voices")
    voices = voices_of(article_client)
    rows = svg.find_all("g", "voice")
    assert [row.attrs["data-source"] for row in rows] == [source for source, _ in voices[:12]]
    for row, (_, claims) in zip(rows, voices, strict=False):
        marks = row.find_all("a", "voice-mark")
        assert [m.attrs["data-chart-claim"] for m in marks] == [c["id"] for c in claims[:56]]
        for mark, claim in zip(marks, claims, strict=False):
            assert f"status-{claim['sourcing']['status']}" in mark.classes
            assert ("contested" in mark.classes) == claim["contested"]
            assert mark.attrs["href"] == f"#claim-{claim['id']}"
            page.one("details", id=f"claim-{claim['id']}")  # the mark's target is on the page
            assert mark.one("title").text.endswith(claim["proposition"])
            assert len(mark.find_all("circle", "ring")) == claim["contested"]
        contested = sum(c["contested"] for c in claims)
        assert " ".join(row.one("text", "counts").text.split()) == written_as(
            len(claims), contested
        )
    author = rows[0]
    assert author.attrs["data-source"] == "dominic-brunaccioni"
    assert author.one("text", "more").text == f"+{len(voices[0][1]) - 56} more"
    text = caption(page, "voices")
    assert f"The 12 sources with most claims are drawn, of {len(voices)}" in text
    assert "A row shows its source's first 56 claims." in text


def test_claims_that_contradict_each_other_are_joined(article_client):
    page = page_of(article_client, PAGE)
    svg = svg_of(page, "voices")
    drawn = {m.attrs["data-chart-claim"] for m in svg.find_all("a", "voice-mark")}
    pairs = {
        frozenset((claim["id"], relation["claim_id"]))
        for claim in every(article_client, f"/v1/claims?document={DOC_ID}&contested=true")
        for relation in claim["relations"]
        if relation["type"] == "contradicts" and "document_id" not in relation
    }
    pairs = {pair for pair in pairs if pair <= drawn}
    lines = svg.find_all("path", "contest-link")[1:]  # the first is the key's sample
    joined = {frozenset(line.one("title").text.split(" contradicts ")) for line in lines}
    assert joined == pairs and len(lines) == len(pairs)
    assert frozenset(("outposts-built", "outposts-dismantled")) in joined


def test_the_key_shows_every_status_as_a_shape_of_its_own(article_client):
    svg = svg_of(page_of(article_client, PAGE), "voices")
    key = svg.one("g", "key")
    samples = {
        status: [e.tag for e in key.one("g", f"voice-mark status-{status}").iter()]
        for status in STATUSES
    }
    assert samples == {
        "attributed": ["circle"],
        "vague": ["circle"],
        "linked": ["polygon"],
        "unsourced": ["rect"],
    }
    labels = [t.text for t in key.find_all("text")]
    assert labels == [*STATUSES, "contested", "contradicts"]


def test_filters_fade_the_marks_of_the_claims_they_hide(article_client):
    svg = svg_of(page_of(article_client, f"{PAGE}?contested=true"), "voices")
    for mark in svg.find_all("a", "voice-mark"):
        assert ("is-muted" in mark.classes) == ("contested" not in mark.classes)
    plain = svg_of(page_of(article_client, PAGE), "voices")
    assert plain.find_all("a", "voice-mark is-muted") == []


# Accessible, safe, bounded.


@pytest.mark.parametrize(("url", "names"), [("/", ["timeline", "outlets"]), (PAGE, ["voices"])])
def test_pictures_carry_their_figures_in_a_table_and_need_no_script(article_client, url, names):
    response = article_client.get(url)
    page = page_of(article_client, url)
    assert [
        f.attrs["class"].split()[-1].removeprefix("chart-") for f in page.find_all("figure")
    ] == names
    for name in names:
        table = figure(page, name).one("details", "chart-data").one("table")
        assert table.one("thead").find_all("th", scope="col")
        assert table.one("tbody").find_all("th", scope="row")
        for link in svg_of(page, name).find_all("a"):
            assert link.attrs["tabindex"] == "-1"  # the table's links are the keyboard's
    assert inline_scripts(page) == [] and event_handlers(page) == []
    assert [e.tag for e in page.find_all(style=True)] == []
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]


def test_written_figures_and_marks_stand_out_from_what_they_are_drawn_on():
    shades = re.findall(r"\.chart \.cell(?:\.shade-\d)? rect \{ fill: (#[0-9a-f]{6});", CSS)
    assert len(shades) == 5
    for shade in shades:
        assert contrast(variable("ink"), shade) >= 4.5, shade
        assert contrast(variable("contested"), shade) >= 4.5, shade
    bar = re.search(r"\.chart \.bar rect \{ fill: (#[0-9a-f]{6}); \}", CSS)[1]
    for colour in (bar, *(variable(status) for status in (*STATUSES, "contested"))):
        assert contrast(colour, variable("paper")) >= 3, colour  # graphics: WCAG 1.4.11


def test_hostile_names_in_the_pictures_are_text(hostile_client):
    page = page_of(hostile_client[0], f"/documents/{hostile.DOC}")
    svgs = [e for e in page.iter() if e.tag == "svg"]
    assert svgs == [figure(page, "voices").one("svg")]
    assert [e.tag for e in page.iter() if e.tag in ("img", "iframe")] == []
    titles = [t.text for t in svgs[0].find_all("title")]
    assert any('<img src=x onerror=alert("proposition")>' in title for title in titles)
    assert event_handlers(page) == [] and inline_scripts(page) == []


def traced(client, url: str) -> list[str]:
    """Fetch a page and return the SELECT statements it ran."""
    store = client.application.extensions["claims_store"]
    client.get("/healthz")  # opens this thread's connection
    seen: list[str] = []
    store.connection().set_trace_callback(seen.append)
    try:
        assert client.get(url).status_code == 200
    finally:
        store.connection().set_trace_callback(None)
    return [sql for sql in seen if sql.lstrip().upper().startswith("SELECT")]


def test_index_pictures_read_large_tables_through_indexes_once_per_build(news_client):
    db = news_client.application.extensions["claims_store"].path
    client = create_app({"DB": str(db)}).test_client()  # nothing counted yet
    first = traced(client, "/")
    for sql in first:
        for step in plan(str(db), sql):
            scanned = re.fullmatch(r"SCAN (\w+)", step)
            assert not (scanned and scanned[1] in LARGE), (sql, step)
    counted = [sql for sql in first if "GROUP BY" in sql]
    assert len(counted) == 2  # events by year; claims by source and outlet
    assert not [sql for sql in traced(client, "/") if "GROUP BY" in sql]
