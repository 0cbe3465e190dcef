"""However many and however large the notes on a paragraph, the reader's pages and the
container's pages stay bounded: the rest is a link away."""

import json

import pytest

from service import create_app
from service.serve.annotations.pages import MAX_PAGE_CHARS
from service.serve.context import USERS
from service.serve.reader.notes import PER_PAGE, SHOWN, WORDS_SHOWN
from tests.support.corpus import DOC_ID
from tests.support.pages import parse
from tests.support.protocol_client import JSON_LD

ORIGIN = "http://localhost"
PARAGRAPH = "p-b64206c87687"
READER = f"/documents/{DOC_ID}"
NOTES = f"{READER}/notes/{PARAGRAPH}"
# A note's largest form: 16 bodies of 60,000 characters, about 960 KB of JSON.
LARGE = [{"type": "TextualBody", "value": f"{n}" + "x" * 59_999} for n in range(16)]


def note(body) -> dict:
    return {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "Annotation",
        "motivation": "commenting",
        "body": body,
        "target": f"{ORIGIN}/v1/paragraphs/{PARAGRAPH}",
    }


def small(n: int) -> dict:
    return note({"type": "TextualBody", "value": f"Small note {n}."})


def client_with(built_db, tmp_path, notes: list[dict]):
    """A client of an app with a store of its own, holding these notes on PARAGRAPH; and
    the path of each, in order."""
    app = create_app({"DB": str(built_db), "STORE": str(tmp_path / "store.db")})
    users, client, locations = app.extensions[USERS], app.test_client(), []
    for number, sent in enumerate(notes):
        if number % 8 == 0:  # a fresh token before any one nears its allowance
            headers = {"Authorization": f"Bearer {users.create_token(f't{number}')}"}
        answer = client.post(
            "/v1/annotations/",
            data=json.dumps(sent),
            headers={**headers, "Content-Type": JSON_LD},
        )
        assert answer.status_code == 201, answer.json
        locations.append(answer.headers["Location"].removeprefix(ORIGIN))
    return client, locations


@pytest.fixture(scope="module")
def crowded(built_db, tmp_path_factory):
    """25 small notes on PARAGRAPH, then 3 of the largest."""
    notes = [small(n) for n in range(25)] + [note(LARGE)] * 3
    return client_with(built_db, tmp_path_factory.mktemp("crowded"), notes)


@pytest.fixture(scope="module")
def bare(built_db, tmp_path_factory):
    """The same corpus with no notes at all."""
    return client_with(built_db, tmp_path_factory.mktemp("bare"), [])[0]


def shown_notes(page: str) -> list:
    return parse(page).one("section", id=PARAGRAPH).find_all("li", "note")


@pytest.mark.parametrize(
    ("notes", "shown", "linked"),
    [
        ([small(n) for n in range(SHOWN)], SHOWN, False),
        ([small(n) for n in range(SHOWN + 1)], SHOWN, True),
        ([small(n) for n in range(30)], SHOWN, True),
        ([note(LARGE)] * (SHOWN + 2), SHOWN, True),
    ],
    ids=["as-many-as-shown", "one-more", "thirty-small", "seven-largest"],
)
def test_a_paragraph_shows_its_first_notes_and_links_to_all_of_them(
    built_db, bare, tmp_path, notes, shown, linked
):
    client, locations = client_with(built_db, tmp_path, notes)
    page = client.get(READER).get_data(as_text=True)
    items = shown_notes(page)
    assert len(items) == shown
    assert [i.one("a").attrs["href"] for i in items] == locations[:shown]
    more = parse(page).one("section", id=PARAGRAPH).find_all("p", "more-notes")
    assert bool(more) is linked
    if linked:
        assert more[0].one("a").attrs["href"] == NOTES
        assert more[0].text.strip() == f"All {len(notes)} notes on this paragraph"
    # Whatever was written, the page grows by at most SHOWN notes of WORDS_SHOWN characters.
    grown = len(page.encode()) - len(bare.get(READER).get_data())
    assert grown <= SHOWN * (4 * WORDS_SHOWN + 1000)
    # And the paragraph's own page of notes lists them all.
    listed = parse(client.get(NOTES).get_data(as_text=True)).find_all("li", "note")
    assert [i.one("a").attrs["href"] for i in listed] == locations[:PER_PAGE]


def test_a_note_shows_its_first_words_and_says_the_rest_is_in_its_json(crowded):
    client, _ = crowded
    page = client.get(f"{NOTES}?page=2").get_data(as_text=True)
    large = [i for i in parse(page).find_all("li", "note") if "cut" in i.text]
    assert len(large) == 3
    for item in large:
        assert len(item.text) < WORDS_SHOWN + 200
        assert item.find_all("span", "note-cut")


@pytest.mark.parametrize(
    ("query", "first", "count", "prev", "next"),
    [
        ("", 1, PER_PAGE, None, 2),
        ("?page=1", 1, PER_PAGE, None, 2),
        ("?page=2", PER_PAGE + 1, 28 - PER_PAGE, 1, None),
    ],
)
def test_a_paragraphs_notes_come_in_pages(crowded, query, first, count, prev, next):
    client, locations = crowded
    answer = client.get(NOTES + query)
    assert answer.status_code == 200 and answer.mimetype == "text/html"
    assert answer.headers["Cache-Control"] == "no-cache"
    page = parse(answer.get_data(as_text=True))
    [listed] = page.find_all("ol")
    assert listed.attrs["start"] == str(first)
    hrefs = [i.one("a").attrs["href"] for i in listed.find_all("li", "note")]
    assert hrefs == locations[first - 1 : first - 1 + count]
    pager = {a.attrs["rel"]: a.attrs["href"] for a in page.one("nav", "pager").find_all("a")}
    expected = {rel: f"{NOTES}?page={n}" for rel, n in (("prev", prev), ("next", next)) if n}
    assert pager == expected


@pytest.mark.parametrize(
    ("url", "status", "says"),
    [
        (f"{NOTES}?page=3", 404, "pages 1 to 2"),
        (f"{NOTES}?page=0", 400, "page"),
        (f"{NOTES}?page=٢", 400, "page"),
        (f"{NOTES}?page=1&limit=5", 400, "limit"),
        (f"{READER}/notes/p-000000000000", 404, "p-000000000000"),
        (f"{READER}/notes/not-a-paragraph", 400, "paragraph"),
        (f"/documents/no-such-document/notes/{PARAGRAPH}", 404, PARAGRAPH),
    ],
    ids=[
        "past-the-last",
        "page-0",
        "arabic-digit",
        "unknown-parameter",
        "no-paragraph",
        "bad-id",
        "other-document",
    ],
)
def test_a_page_of_notes_that_is_not_there_is_a_problem(crowded, url, status, says):
    client, _ = crowded
    answer = client.get(url)
    assert answer.status_code == status and answer.mimetype == "application/problem+json"
    assert says in json.dumps(answer.json)


@pytest.mark.parametrize(
    "query",
    [
        f"?paragraph={PARAGRAPH}",
        f"?paragraph={PARAGRAPH}&page=0",
        f"?paragraph={PARAGRAPH}&page=0&limit=500",
        "?limit=500&page=0&motivation=commenting",
    ],
    ids=["description", "page", "page-of-500", "all-comments"],
)
def test_a_container_page_gives_in_full_what_fits_its_budget_and_the_rest_by_iri(crowded, query):
    client, locations = crowded
    answer = client.get(f"/v1/annotations/{query}")
    assert answer.status_code == 200
    assert len(answer.get_data(as_text=True)) <= MAX_PAGE_CHARS + 100_000
    body = answer.json
    items = body.get("first", body)["items"]
    by_iri = [item for item in items if isinstance(item, str)]
    in_full = {item["id"] for item in items if isinstance(item, dict)}
    iris = [ORIGIN + path for path in locations]
    assert by_iri == iris[-1:]  # the two largest before it took the budget
    assert set(iris[:-1]) <= in_full
    assert client.get(by_iri[0]).json["body"] == LARGE
