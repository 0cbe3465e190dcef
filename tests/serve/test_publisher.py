"""The publisher, run in this process as `claims publish --once` runs it: a document sent over
HTTP is written as `claims add` writes it, built, swapped in and served by the running app;
revisions re-anchor paragraph IDs, removals answer 410, and a refused job changes nothing."""

import hashlib
import shutil
import threading
from pathlib import Path

import pytest

from service.cli import main
from service.publisher.worker import Publisher
from tests.support.corpus import run_build
from tests.support.database import served_content
from tests.support.documents import app_and_tokens, bearer, news_text, private_corpus

# Each test builds a corpus and publishes into it, with the real model.
pytestmark = pytest.mark.slow

TEXT, METADATA = news_text("pair-velmouth-port-ana")
OTHER, OTHER_METADATA = news_text("pair-velmouth-port-freightweekly")
DOC = "velmouth-dockers-begin-72-hour-strike-as-pay-talks-collapse"


@pytest.fixture(scope="module")
def analysis_cache(tmp_path_factory) -> Path:
    """Analyses kept between this module's builds, as `var/cache` keeps them."""
    return tmp_path_factory.mktemp("publisher-cache")


@pytest.fixture
def publishing_corpus(tmp_path, analysis_cache) -> dict:
    """Settings of an app and a publisher over a private copy of the corpus."""
    return private_corpus(tmp_path, analysis_cache)


@pytest.fixture
def world(publishing_corpus):
    """A client of the app over the corpus, a token for alice and one for bob."""
    app, (alice, bob) = app_and_tokens(publishing_corpus, "alice", "bob")
    return app.test_client(), alice, bob


def publish(settings: dict) -> list[str]:
    """Run the queued jobs as `claims publish --once` does; return what the publisher said."""
    said: list[str] = []
    Publisher(settings, log=said.append).run(once=True)
    return said


def submit(client, token: str, body: dict) -> dict:
    """Send a new document; return its job."""
    response = client.post("/v1/documents", json=body, headers=bearer(token))
    assert response.status_code == 202, response.json
    return response.json


def digest(path: str) -> str:
    """Hash a file's bytes."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def test_a_published_document_is_served_by_every_read_route_of_the_running_app(
    world, publishing_corpus
):
    client, alice, _ = world
    job = submit(client, alice, {"text": TEXT, **METADATA})
    assert client.get(f"/v1/documents/{DOC}").status_code == 404
    said = publish(publishing_corpus)
    done = client.get(f"/v1/jobs/{job['id']}").json
    assert (done["state"], done["step"], done["attempts"], done["error"]) == (
        "published",
        "done",
        1,
        None,
    ), said
    assert done["created_at"] <= done["started_at"] <= done["finished_at"]
    assert done["build_id"] == client.get("/v1").json["build"]["id"]
    document = client.get(f"/v1/documents/{DOC}").json
    assert (document["title"], document["author"]) == (METADATA["title"], METADATA["author"])
    assert client.get(f"/v1/documents/{DOC}/text").get_data(as_text=True) == TEXT
    paragraphs = client.get(f"/v1/paragraphs?document={DOC}&limit=500").json["items"]
    assert [p["text"] for p in paragraphs] == TEXT.strip().split("\n\n")
    claims = client.get(f"/v1/claims?document={DOC}&limit=500").json["items"]
    assert any(c["sourcing"]["status"] == "attributed" for c in claims)
    detail = client.get(f"/v1/paragraphs/{paragraphs[2]['id']}")
    assert detail.status_code == 200 and detail.json["document_id"] == DOC


def test_the_files_are_what_claims_add_writes_and_a_build_of_them_is_the_served_database(
    world, publishing_corpus, tmp_path
):
    client, alice, _ = world
    submit(client, alice, {"text": TEXT, **METADATA})
    publish(publishing_corpus)
    elsewhere = tmp_path / "by-hand"
    shutil.copytree(
        Path(publishing_corpus["SOURCE_DIR"]).parent / "annotations", elsewhere / "annotations"
    )
    shutil.copytree(Path(publishing_corpus["SOURCE_DIR"]), elsewhere / "source_text")
    sent = tmp_path / "sent.txt"
    sent.write_text(TEXT, encoding="utf-8")
    by_hand = elsewhere / "added"
    options = [f"--{key}={value}" for key, value in METADATA.items()]
    assert main(["add", str(sent), "--id", DOC, *options, "--source-dir", str(by_hand)]) == 0
    for suffix in (".txt", ".yaml"):
        published = Path(publishing_corpus["SOURCE_DIR"]) / f"{DOC}{suffix}"
        assert published.read_bytes() == (by_hand / f"{DOC}{suffix}").read_bytes()
    rebuilt = elsewhere / "claims.db"
    run_build(elsewhere / "source_text", elsewhere / "annotations", rebuilt)
    # Published in place: what it serves is the build's, row for row, but the positions.
    assert served_content(rebuilt) == served_content(Path(publishing_corpus["DB"]))


def test_a_document_of_the_same_story_is_linked_to_the_one_published_before(
    world, publishing_corpus
):
    client, alice, _ = world
    submit(client, alice, {"text": TEXT, **METADATA})
    publish(publishing_corpus)
    other = submit(client, alice, {"text": OTHER, **OTHER_METADATA})["document_id"]
    publish(publishing_corpus)
    claims = client.get(f"/v1/claims?document={other}&limit=500").json["items"]
    across = {r["document_id"] for c in claims for r in c["relations"] if "document_id" in r}
    assert across == {DOC}


def test_a_revision_keeps_unchanged_paragraph_ids_mints_new_ones_and_retires_removed_ones(
    world, publishing_corpus
):
    client, alice, _ = world
    submit(client, alice, {"text": TEXT, **METADATA})
    publish(publishing_corpus)
    before = client.get(f"/v1/paragraphs?document={DOC}&limit=500").json["items"]
    removed, kept = before[3], before[4]
    added = "A spokesperson for the port authority said talks would resume on Thursday."
    revised = TEXT.replace(removed["text"] + "\n\n", "").rstrip("\n") + f"\n\n{added}\n"
    response = client.put(
        f"/v1/documents/{DOC}", json={"text": revised, **METADATA}, headers=bearer(alice)
    )
    assert response.status_code == 202, response.json
    publish(publishing_corpus)
    assert client.get(f"/v1/jobs/{response.json['id']}").json["state"] == "published"
    after = client.get(f"/v1/paragraphs?document={DOC}&limit=500").json["items"]
    ids_before = {p["id"] for p in before}
    assert kept["id"] in {p["id"] for p in after}
    assert {p["id"] for p in after if p["text"] != added} <= ids_before
    [new] = [p for p in after if p["text"] == added]
    assert new["id"] not in ids_before
    gone = client.get(f"/v1/paragraphs/{removed['id']}")
    assert gone.status_code == 410
    assert client.get(f"/v1/documents/{DOC}/text").get_data(as_text=True) == revised


def test_a_removed_document_and_its_paragraphs_answer_410(world, publishing_corpus):
    client, alice, _ = world
    submit(client, alice, {"text": TEXT, **METADATA})
    publish(publishing_corpus)
    paragraph = client.get(f"/v1/paragraphs?document={DOC}&limit=1").json["items"][0]
    response = client.delete(
        f"/v1/documents/{DOC}?reason=withdrawn by the agency", headers=bearer(alice)
    )
    assert response.status_code == 202
    publish(publishing_corpus)
    assert client.get(response.headers["Location"]).json["state"] == "published"
    for path in (f"/v1/documents/{DOC}", f"/v1/paragraphs/{paragraph['id']}"):
        gone = client.get(path)
        assert gone.status_code == 410, path
        assert gone.json["reason"] == "withdrawn by the agency"
    assert not (Path(publishing_corpus["SOURCE_DIR"]) / f"{DOC}.txt").exists()
    again = client.put(f"/v1/documents/{DOC}", json={"text": TEXT}, headers=bearer(alice))
    assert again.status_code == 410


def test_a_job_the_corpus_refuses_fails_and_leaves_files_and_database_as_they_were(
    world, publishing_corpus, tmp_path
):
    client, alice, _ = world
    job = submit(client, alice, {"text": TEXT, **METADATA})
    # Meanwhile someone adds the same text by hand, under another id, not yet built.
    sent = tmp_path / "same.txt"
    sent.write_text(TEXT, encoding="utf-8")
    assert (
        main(["add", str(sent), "--id", "by-hand", "--source-dir", publishing_corpus["SOURCE_DIR"]])
        == 0
    )
    files = sorted(p.name for p in Path(publishing_corpus["SOURCE_DIR"]).iterdir())
    served = digest(publishing_corpus["DB"])
    publish(publishing_corpus)
    failed = client.get(f"/v1/jobs/{job['id']}").json
    assert (failed["state"], failed["build_id"]) == ("failed", None)
    assert failed["error"]["type"] == "urn:claims:problem:not-published"
    assert "already in the corpus as 'by-hand'" in failed["error"]["detail"]
    assert sorted(p.name for p in Path(publishing_corpus["SOURCE_DIR"]).iterdir()) == files
    assert digest(publishing_corpus["DB"]) == served
    assert client.get(f"/v1/documents/{DOC}").status_code == 404


def test_two_submitters_at_once_both_end_published(world, publishing_corpus):
    client, alice, bob = world
    jobs: dict[str, dict] = {}

    def send(name: str, token: str, body: dict) -> None:
        jobs[name] = submit(client.application.test_client(), token, body)

    bodies = {"alice": {"text": TEXT, **METADATA}, "bob": {"text": OTHER, **OTHER_METADATA}}
    tokens = {"alice": alice, "bob": bob}
    threads = [threading.Thread(target=send, args=(n, tokens[n], bodies[n])) for n in bodies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    publish(publishing_corpus)
    for job in jobs.values():
        assert client.get(f"/v1/jobs/{job['id']}").json["state"] == "published"
        assert client.get(job["document_url"]).status_code == 200


def test_a_corpus_never_built_takes_its_first_document_over_http(tmp_path):
    for folder in ("source_text", "annotations"):
        (tmp_path / folder).mkdir()
    settings = {
        "DB": str(tmp_path / "var" / "claims.db"),
        "STORE": str(tmp_path / "var" / "store.db"),
        "SOURCE_DIR": str(tmp_path / "source_text"),
        "ANNOTATIONS_DIR": str(tmp_path / "annotations"),
        "CACHE": str(tmp_path / "var" / "cache"),
    }
    app, (alice,) = app_and_tokens(settings, "alice")
    client = app.test_client()
    assert client.get("/healthz").status_code == 503
    job = submit(client, alice, {"text": TEXT, **METADATA})
    publish(settings)
    assert client.get(f"/v1/jobs/{job['id']}").json["state"] == "published"
    assert client.get("/healthz").status_code == 200
    assert client.get(job["document_url"]).json["title"] == METADATA["title"]
