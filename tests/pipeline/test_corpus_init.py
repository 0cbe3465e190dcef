"""`claims init` and a corpus of one's own: its layout, and the commands that find it."""

import pytest

from service import create_app
from service.cli import main
from service.config import load_settings
from service.pipeline.claims.sources import load_sources
from service.pipeline.nlp.gazetteer import load_gazetteer
from tests.support.texts import HARBOUR, MILL, files_under, write_text

HARBOUR_ID = "harbour-dredging-to-start-in-may"


def claims(capsys, *args: str) -> tuple[int, str, str]:
    """Run the claims command in this process; return its exit code, stdout and stderr."""
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def own(capsys, tmp_path):
    """A corpus made by `claims init`."""
    root = tmp_path / "own"
    assert claims(capsys, "init", str(root))[0] == 0
    return root


def test_init_makes_an_empty_corpus_whose_curated_files_load(capsys, tmp_path):
    root = tmp_path / "own"
    code, out, err = claims(capsys, "init", str(root))
    assert (code, err) == (0, "")
    made = {str(path.relative_to(root)) for path in root.rglob("*")}
    assert made == {
        "claims.toml",
        "README.md",
        ".gitignore",
        "source_text",
        "annotations",
        "annotations/entities.yaml",
        "annotations/sources.yaml",
    }
    assert out.splitlines()[-1].startswith(f"next: cd {root} && claims add")
    gazetteer = load_gazetteer(root / "annotations" / "entities.yaml")
    assert (gazetteer.entities, gazetteer.not_entities) == ([], set())
    assert list(load_sources(root / "annotations")) == []
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert "claims add" in readme and "claims build" in readme


def test_init_dot_in_an_empty_folder_makes_the_corpus_there(capsys, monkeypatch, tmp_path):
    (tmp_path / "own").mkdir()
    monkeypatch.chdir(tmp_path / "own")
    code, out, _ = claims(capsys, "init", ".")
    assert code == 0 and "wrote claims.toml" in out.splitlines()
    assert (tmp_path / "own" / "claims.toml").is_file()
    assert load_settings()["SOURCE_DIR"] == "source_text"  # found where it runs


@pytest.mark.parametrize(
    "prepare, words",
    [
        (lambda root: main(["init", str(root)]), "is already a corpus (claims.toml)"),
        (lambda root: write_text(root, "notes.txt", MILL), "is not empty"),
        (lambda root: root.write_text("a file\n", encoding="utf-8"), "is a file, not a folder"),
    ],
    ids=["existing corpus", "non-empty folder", "a file"],
)
def test_init_refuses_what_is_not_new_or_empty_and_changes_nothing(
    capsys, tmp_path, prepare, words
):
    root = tmp_path / "own"
    prepare(root)
    capsys.readouterr()
    before = files_under(tmp_path)
    code, out, err = claims(capsys, "init", str(root))
    assert (code, out) == (1, "")
    assert err.startswith(f"init failed: {root} {words}") and len(err.splitlines()) == 1
    assert files_under(tmp_path) == before


def test_add_and_build_inside_a_corpus_give_only_its_own_document(
    capsys, monkeypatch, tmp_path, own
):
    text = write_text(
        tmp_path / "in", "harbour.txt", HARBOUR, {"title": "Harbour dredging to start in May"}
    )
    monkeypatch.chdir(own / "annotations")  # anywhere inside it
    assert claims(capsys, "add", str(text))[0] == 0
    code, out, err = claims(capsys, "build")
    assert (code, err) == (0, "annotated 1/1 documents\n"), err  # its progress, nothing else
    assert "1 documents" in out
    assert (own / "source_text" / f"{HARBOUR_ID}.txt").is_file()
    assert (own / "annotations" / HARBOUR_ID / "paragraphs.lock").is_file()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CLAIMS_CORPUS", str(own))  # as `claims serve` would find it
    client = create_app().test_client()
    documents = client.get("/v1/documents").json["items"]
    assert [document["id"] for document in documents] == [HARBOUR_ID]
    entities = client.get("/v1/entities?limit=500").json["items"]
    assert entities and not any(entity["curated"] for entity in entities)  # no article gazetteer
    assert client.get("/v1/search?q=lachin").json["total"] == 0


@pytest.mark.parametrize("way", ["--corpus", "CLAIMS_CORPUS", "inside it", "below it"])
def test_commands_find_the_corpus_by_option_environment_or_working_folder(
    capsys, monkeypatch, tmp_path, own, way
):
    text = write_text(tmp_path / "in", "mill.txt", MILL)
    monkeypatch.chdir(tmp_path)
    args = ["add", str(text), "--id", "mill"]
    if way == "--corpus":
        args += ["--corpus", str(own)]
    elif way == "CLAIMS_CORPUS":
        monkeypatch.setenv("CLAIMS_CORPUS", str(own))
    else:
        monkeypatch.chdir(own if way == "inside it" else own / "source_text")
    assert claims(capsys, *args)[0] == 0
    assert (own / "source_text" / "mill.txt").read_text(encoding="utf-8") == MILL
    remove = ["remove", "mill", *(["--corpus", str(own)] if way == "--corpus" else [])]
    code, out, _ = claims(capsys, *remove)
    assert code == 0 and out.startswith("deleted ")
    assert not (own / "source_text" / "mill.txt").exists()


@pytest.mark.parametrize(
    "command", [["build"], ["add", "-"], ["remove", "mill"], ["serve"], ["token", "list"]]
)
def test_naming_a_folder_that_is_not_a_corpus_fails_in_one_line(capsys, tmp_path, command):
    code, out, err = claims(capsys, *command, "--corpus", str(tmp_path))
    assert (code, out) == (1, "")
    assert err == (
        f"{command[0]} failed: {tmp_path} is not a corpus (no claims.toml); "
        "make one with `claims init`\n"
    )


def test_settings_inside_a_corpus_come_from_its_root_and_variables_still_win(monkeypatch, own):
    monkeypatch.setenv("CLAIMS_DB", "elsewhere.db")
    settings = load_settings({"CORPUS": str(own), "CACHE": "cache"})
    assert {key: settings[key] for key in ("SOURCE_DIR", "ANNOTATIONS_DIR", "DB", "CACHE")} == {
        "SOURCE_DIR": str(own / "source_text"),
        "ANNOTATIONS_DIR": str(own / "annotations"),
        "DB": "elsewhere.db",
        "CACHE": "cache",
    }


def test_outside_any_corpus_the_paths_are_under_the_working_folder(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CLAIMS_CORPUS", raising=False)
    settings = load_settings()
    assert (settings["CORPUS"], settings["SOURCE_DIR"], settings["DB"]) == (
        None,
        "source_text",
        "var/claims.db",
    )
