"""User annotations outlive rebuilds: they resolve to their paragraph and show in the reader."""

import json

from service import create_app
from tests.support.corpus import DOC_ID, run_build
from tests.support.pages import parse
from tests.support.protocol_client import JSON_LD

PARAGRAPH = "p-b64206c87687"


def app_over(db, store):
    """A client of the app over a database and a store, and the store."""
    app = create_app({"DB": str(db), "STORE": str(store)})
    return app.test_client(), app.extensions["claims_user_store"]


def test_annotations_survive_a_rebuild_that_edits_their_paragraph(corpus, tmp_path):
    sources, annotations = corpus
    db, store = tmp_path / "claims.db", tmp_path / "store.db"
    run_build(sources, annotations, db)
    client, users = app_over(db, store)
    token = users.create_token("alice")
    text = client.get(f"/v1/paragraphs/{PARAGRAPH}").json["text"]
    body = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "Annotation",
        "motivation": "questioning",
        "body": {"type": "TextualBody", "value": "<script>alert('x')</script> Doubtful?"},
        "target": {
            "source": f"http://localhost/v1/paragraphs/{PARAGRAPH}",
            "selector": {"type": "TextQuoteSelector", "exact": text[:40]},
        },
    }
    headers = {"Authorization": f"Bearer {token}", "Content-Type": JSON_LD}
    made = client.post("/v1/annotations/", data=json.dumps(body), headers=headers).json

    source, ending = sources / f"{DOC_ID}.txt", "shows many of them vacant."
    original = source.read_text(encoding="utf-8")
    assert original.count(ending) == 1 and text.endswith(ending)
    source.write_text(original.replace(ending, ending + " Observers agree."), encoding="utf-8")
    run_build(sources, annotations, db)
    client, _ = app_over(db, store)
    assert client.get(f"/v1/paragraphs/{PARAGRAPH}").json["text"].endswith("Observers agree.")
    assert client.get(made["id"]).json == made
    listed = client.get(f"/v1/annotations/?paragraph={PARAGRAPH}&motivation=questioning").json
    assert [item["id"] for item in listed["first"]["items"]] == [made["id"]]
    on_document = client.get(f"/v1/annotations/?document={DOC_ID}&motivation=questioning").json
    assert on_document["total"] == 1

    page = parse(client.get(f"/documents/{DOC_ID}").get_data(as_text=True))
    [note] = page.one("section", id=PARAGRAPH).find_all("li", "note")
    assert note.one("span", "badge").text == "questioning"
    assert note.one("span", "note-by").text.startswith("alice")
    # The body's markup is shown as text, and runs nowhere on the page.
    assert "<script>alert('x')</script> Doubtful?" in note.text
    assert [script.attrs.get("src") for script in page.find_all("script")] == ["/assets/reader.js"]


def test_the_reader_page_changes_its_etag_when_someone_writes(article_client, app):
    first = article_client.get(f"/documents/{DOC_ID}")
    token = app.extensions["claims_user_store"].create_token("reader-etag")
    body = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "Annotation",
        "target": f"http://localhost/v1/paragraphs/{PARAGRAPH}",
    }
    headers = {"Authorization": f"Bearer {token}", "Content-Type": JSON_LD}
    made = article_client.post("/v1/annotations/", data=json.dumps(body), headers=headers)
    assert made.status_code == 201
    again = article_client.get(
        f"/documents/{DOC_ID}", headers={"If-None-Match": first.headers["ETag"]}
    )
    assert again.status_code == 200 and again.headers["ETag"] != first.headers["ETag"]
    assert article_client.delete(made.json["id"], headers=headers).status_code == 204
