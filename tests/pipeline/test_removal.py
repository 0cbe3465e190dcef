"""Removing a document retires it: every ID it gave out answers 410, saying when and why."""

import shutil

import pytest
import yaml

from service import create_app
from service.cli import main
from service.pipeline.run import CheckFailed
from tests.support.corpus import ROOT, SECOND, copy_corpus, run_build

SECOND_DIR = ROOT / "tests" / "data" / "second"


@pytest.fixture
def two(tmp_path):
    """The article and a second document, built once: (sources, annotations, db, client)."""
    sources, annotations = copy_corpus(tmp_path)
    for suffix in (".txt", ".yaml"):
        shutil.copy(SECOND_DIR / f"{SECOND}{suffix}", sources)
    db = tmp_path / "claims.db"
    run_build(sources, annotations, db)
    return sources, annotations, db, create_app({"DB": str(db)}).test_client()


def served_ids(client) -> tuple[list[str], list[str]]:
    """The second document's paragraph and claim IDs as served."""
    paragraphs = client.get(f"/v1/paragraphs?document={SECOND}&limit=500").json["items"]
    claims = client.get(f"/v1/claims?document={SECOND}&limit=500").json["items"]
    return [p["id"] for p in paragraphs], [c["id"] for c in claims]


def assert_gone(client, path: str, reason: str) -> dict:
    """Check that a path answers 410 with a problem saying when and why; return it."""
    response = client.get(path)
    assert response.status_code == 410, path
    assert response.mimetype == "application/problem+json"
    problem = response.json
    assert problem["type"] == "urn:claims:problem:retired"
    assert problem["reason"] == reason and problem["document_id"] == SECOND
    assert problem["retired_at"] in problem["detail"] and reason in problem["detail"]
    assert "Harbour Bridge Repairs Run Late" in problem["detail"]
    return problem


def test_claims_remove_retires_every_id_of_the_document(two, tmp_path, capsys):
    sources, annotations, db, before = two
    paragraph_ids, claim_ids = served_ids(before)
    assert paragraph_ids and claim_ids
    code = main(
        [
            "remove",
            SECOND,
            *("--reason", "the outlet withdrew the article"),
            *("--source-dir", str(sources), "--annotations-dir", str(annotations)),
            *("--db", str(db)),
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert f"deleted {sources / SECOND}.txt" in out and out.rstrip().endswith("next: claims build")
    assert not (sources / f"{SECOND}.txt").exists() and not (sources / f"{SECOND}.yaml").exists()
    record = yaml.safe_load((annotations / SECOND / "retired.yaml").read_text(encoding="utf-8"))
    assert record["claims"] == sorted(claim_ids)
    report = run_build(sources, annotations, tmp_path / "after.db")
    assert report.retired_documents == [SECOND] and report.documents == 1
    client = create_app({"DB": str(tmp_path / "after.db")}).test_client()
    reason = "the outlet withdrew the article"
    assert_gone(client, f"/v1/documents/{SECOND}", reason)
    assert_gone(client, f"/v1/documents/{SECOND}/text", reason)
    for paragraph_id in paragraph_ids:
        assert_gone(client, f"/v1/paragraphs/{paragraph_id}", reason)
    for claim_id in claim_ids:
        assert_gone(client, f"/v1/claims/{claim_id}", reason)
    assert client.get("/v1/documents").json["total"] == 1
    assert client.get("/v1/documents/never-was").status_code == 404


def test_deleting_the_files_by_hand_retires_the_document_at_the_next_build(two, tmp_path):
    sources, annotations, db, before = two
    _, claim_ids = served_ids(before)
    (sources / f"{SECOND}.txt").unlink()
    (sources / f"{SECOND}.yaml").unlink()
    with pytest.raises(CheckFailed, match=r"retired\.yaml"):
        run_build(sources, annotations, db, check=True)
    run_build(sources, annotations, db)  # replaces the build it reads the claim IDs from
    record = yaml.safe_load((annotations / SECOND / "retired.yaml").read_text(encoding="utf-8"))
    assert record["reason"] == "its source text was deleted"
    assert record["claims"] == sorted(claim_ids)
    client = create_app({"DB": str(db)}).test_client()
    assert_gone(client, f"/v1/claims/{claim_ids[0]}", "its source text was deleted")
    run_build(sources, annotations, db, check=True)  # the record is in place: nothing to write


def test_adding_a_removed_document_again_revives_its_ids(two, tmp_path, capsys):
    sources, annotations, db, before = two
    paragraph_ids, _ = served_ids(before)
    folders = ("--source-dir", str(sources), "--annotations-dir", str(annotations))
    assert main(["remove", SECOND, *folders, "--db", str(db)]) == 0
    run_build(sources, annotations, db)
    shutil.copy(SECOND_DIR / f"{SECOND}.txt", tmp_path / f"{SECOND}.txt")
    code = main(
        [
            *("add", str(tmp_path / f"{SECOND}.txt")),
            *("--id", SECOND, "--published", "2019-08-20", *folders),
        ]
    )
    assert code == 0 and "old IDs will serve again" in capsys.readouterr().out
    assert not (annotations / SECOND / "retired.yaml").exists()
    run_build(sources, annotations, db)
    client = create_app({"DB": str(db)}).test_client()
    assert served_ids(client)[0] == paragraph_ids
    assert client.get(f"/v1/documents/{SECOND}").status_code == 200


def test_removing_an_unknown_document_fails_and_writes_nothing(two, capsys):
    sources, annotations, db, _ = two
    before = sorted(p for p in annotations.rglob("*") if p.is_file())
    code = main(["remove", "no-such-doc", "--source-dir", str(sources), "--db", str(db)])
    assert code == 1
    assert capsys.readouterr().err == f"remove failed: no document 'no-such-doc' in {sources}\n"
    assert sorted(p for p in annotations.rglob("*") if p.is_file()) == before


def test_a_damaged_record_fails_the_build_with_file_and_line(two, tmp_path):
    from service.pipeline.inputs import BuildError

    sources, annotations, db, _ = two
    assert (
        main(
            [
                "remove",
                SECOND,
                "--source-dir",
                str(sources),
                "--annotations-dir",
                str(annotations),
                "--db",
                str(db),
            ]
        )
        == 0
    )
    record = annotations / SECOND / "retired.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("reason: ", "reason_: "))
    with pytest.raises(BuildError, match=r"retired\.yaml:\d+: .*reason") as raised:
        run_build(sources, annotations, tmp_path / "x.db")
    assert raised.value.path == str(record) and "reason" in raised.value.reason
    assert not (tmp_path / "x.db").exists()


@pytest.mark.slow
def test_the_build_id_of_a_corpus_with_a_retired_document_is_the_same_every_run(two, tmp_path):
    import subprocess
    import sys

    sources, annotations, db, _ = two
    folders = ["--source-dir", str(sources), "--annotations-dir", str(annotations)]
    assert main(["remove", SECOND, *folders, "--db", str(db)]) == 0
    ids = set()
    for seed in ("1", "2", "3"):
        command = [sys.executable, "-m", "service.cli", "build", "--workers", "1", *folders]
        done = subprocess.run(
            [*command, "--db", str(tmp_path / f"{seed}.db"), "--cache-dir", str(tmp_path / "c")],
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=True,
            env={**__import__("os").environ, "PYTHONHASHSEED": seed},
        )
        ids.add(done.stdout.split(":")[0])
    assert len(ids) == 1, ids
