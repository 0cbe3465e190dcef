"""The reader pages, server-side: structure, filters, headers and escaping."""

import pytest

from tests.support import hostile
from tests.support.corpus import DOC_ID
from tests.support.pages import Element, parse

PAGE = f"/documents/{DOC_ID}"


def page_of(client, url: str) -> Element:
    """Get a page and parse it."""
    return parse(client.get(url).get_data(as_text=True))


def visible_sections(page: Element) -> list[str]:
    """Return the ids of paragraph sections not hidden."""
    return [
        section.attrs["id"]
        for section in page.find_all("section", "para")
        if "hidden" not in section.attrs
    ]


def inline_scripts(page: Element) -> list[Element]:
    """Return the scripts a page runs from its own text rather than from a file."""
    return [script for script in page.find_all("script") if "src" not in script.attrs]


def event_handlers(page: Element) -> list[tuple[str, str]]:
    """Return every (tag, attribute) that would run script on an event."""
    return [(e.tag, name) for e in page.iter() for name in e.attrs if name.startswith("on")]


def test_index_lists_the_documents_and_names_its_json_twin(article_client):
    response = article_client.get("/")
    assert response.status_code == 200 and response.mimetype == "text/html"
    page = parse(response.get_data(as_text=True))
    title = article_client.get(f"/v1/documents/{DOC_ID}").json["title"]
    [link] = page.one("ul", "documents").find_all("a")
    assert (link.attrs["href"], link.text) == (f"/documents/{DOC_ID}", title)
    assert response.headers["Link"] == '</v1/documents>; rel="alternate"; type="application/json"'


def test_document_page_anchors_every_paragraph(article_client):
    page = page_of(article_client, PAGE)
    url = f"/v1/paragraphs?document={DOC_ID}&limit=500"
    for paragraph in article_client.get(url).json["items"]:
        assert len(page.find_all(id=paragraph["id"])) == 1, paragraph["id"]
    meta = page.one("header", "masthead").one("p", "meta")
    assert "By Dominic Brunaccioni" in meta.text
    assert meta.one("span", "published").text == "2023-10 (inferred)"


def test_every_claim_is_marked_with_its_status_and_details(article_client):
    page = page_of(article_client, PAGE)
    claims = article_client.get(f"/v1/claims?document={DOC_ID}&limit=500").json["items"]
    for claim in claims:
        status = claim["sourcing"]["status"]
        marked = page.one("a", "claim", href=f"#claim-{claim['id']}")
        assert f"s-{status}" in marked.classes, claim["id"]
        assert marked.attrs["data-claim"] == claim["id"]
        page.one("details", id=f"claim-{claim['id']}")
    contested = page.one("a", "claim", href="#claim-outposts-built")
    assert contested.classes == {"claim", "s-vague", "contested"}
    assert contested.attrs["data-contradicts"] == "outposts-dismantled outpost-video"


def test_entities_dates_and_links_are_marked(article_client):
    page = page_of(article_client, PAGE)
    tass = page.find_all("mark", "ent ent-org", data_entity="tass", title="TASS (ORG)")
    assert tass and all(mark.text == "TASS" and len(mark.classes) == 2 for mark in tass)
    offset = page.find_all("time", data_value="2023-09-19", title="DATE 2023-09-19")
    assert "10 days later" in [t.text for t in offset if t.attrs.get("datetime") == "2023-09-19"]
    [fall] = [t for t in page.find_all("time", data_value="2022-FA") if t.text == "Fall of 2022"]
    assert fall.attrs["title"] == "DATE 2022-FA" and "datetime" not in fall.attrs
    assert len(page.find_all("span", class_="linked")) >= 38
    timeline = page.one("nav", "timeline").find_all("a")
    assert all(link.attrs["href"].startswith("#p-") for link in timeline)
    assert len(timeline) == article_client.get(f"/v1/timeline?document={DOC_ID}").json["total"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "contested=true",
            {
                "p-066d31645453",
                "p-b64206c87687",
                "p-9ea9f62c45d7",
                "p-0e1afeb1903b",
                "p-468323ddb358",
            },
        ),
        ("entity=mikhail-galuzin", {"p-9ea9f62c45d7", "p-1ca1a1ff79dc"}),
        ("status=vague&entity=armenians", {"p-468323ddb358"}),
    ],
)
def test_filters_hide_everything_else(article_client, query, expected):
    page = page_of(article_client, f"{PAGE}?{query}")
    assert set(visible_sections(page)) == expected


def test_contested_filter_mutes_uncontested_claims(article_client):
    page = page_of(article_client, f"{PAGE}?contested=true")
    muted = page.one("a", "claim", href="#claim-russian-troops-remained")
    assert muted.classes == {"claim", "s-unsourced", "muted"}
    contested = page.one("a", "claim", href="#claim-outposts-dismantled")
    assert contested.classes == {"claim", "s-attributed", "contested"}


def test_pages_send_a_strict_content_security_policy(article_client):
    response = article_client.get(PAGE)
    policy = response.headers["Content-Security-Policy"]
    assert (
        "unsafe-inline" not in policy
        and "script-src 'self'" in policy
        and "object-src 'none'" in policy
    )
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert (
        response.headers["Link"]
        == f'</v1/documents/{DOC_ID}>; rel="alternate"; type="application/json"'
    )
    # What the policy forbids, the page does not need: inline scripts, styles and handlers.
    page = parse(response.get_data(as_text=True))
    assert [script.attrs["src"] for script in page.find_all("script")] == ["/assets/reader.js"]
    assert inline_scripts(page) == [] and page.find_all("style") == []
    assert [e.tag for e in page.find_all(style=True)] == []
    assert event_handlers(page) == []


def test_every_piece_of_text_is_escaped(hostile_client):
    client, _ = hostile_client
    page = page_of(client, f"/documents/{hostile.DOC}")
    # Escaped markup is text: no element of it, no handler, and its characters read as written.
    assert inline_scripts(page) == []
    drawn = [e for e in page.iter() if e.tag in ("img", "iframe", "svg")]
    assert drawn == [page.one("figure", "chart-voices").one("svg")]  # the reader's own picture
    assert event_handlers(page) == []
    texts = [section.text for section in page.find_all("section", "para")]
    assert any('<script>alert("body")</script>' in text for text in texts)
    assert any("\" onmouseover=\"alert('quote')" in text for text in texts)
    index = page_of(client, "/")
    assert inline_scripts(index) == [] and event_handlers(index) == []
    titles = [heading.text for heading in index.one("ul", "documents").find_all("h2")]
    assert '<script>alert("meta")</script> Hostile' in titles
