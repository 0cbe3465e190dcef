"""`claims add` for collections: metadata beside a text, folders, standard input, the language
given and an inferred publication date."""

import io
import shutil

import pytest

from service import create_app
from service.cli import main
from tests.support.corpus import ROOT, run_build
from tests.support.texts import (
    FRENCH,
    HARBOUR,
    LIBRARY,
    MILL,
    files_under,
    metadata_of,
    write_text,
)

PAGES = ROOT / "tests" / "data" / "html"
HARBOUR_ID = "harbour-dredging-to-start-in-may"
FERRY = "island-ferry-fares-to-rise-by-a-fifth-operator-says"


@pytest.fixture
def dirs(tmp_path):
    """An empty corpus's folders: (source dir, annotations dir)."""
    return tmp_path / "corpus" / "source_text", tmp_path / "corpus" / "annotations"


def add(capsys, dirs, *args: str) -> tuple[int, str, str]:
    """Run `claims add` into the corpus's folders; return its exit code, stdout and stderr."""
    sources, annotations = dirs
    code = main(["add", *args, "--source-dir", str(sources), "--annotations-dir", str(annotations)])
    out, err = capsys.readouterr()
    return code, out, err


BESIDE = {"title": "Harbour dredging to start in May", "author": "Maren Holt"}


@pytest.mark.parametrize(
    "beside, options, expected",
    [
        (
            {**BESIDE, "published": "2025-03-04", "publisher": "The Coastal Courier"},
            [],
            {**BESIDE, "published": "2025-03-04", "publisher": "The Coastal Courier"},
        ),
        (
            {**BESIDE, "published": "2025-03-04"},
            ["--author", "M. Holt", "--published", "2025-03"],
            {**BESIDE, "author": "M. Holt", "published": "2025-03"},
        ),
        (
            {
                **BESIDE,
                "published": "2025-03",
                "published_inferred": True,
                "published_basis": "The text says Tuesday and May, no year.",
                "url": "https://coastalcourier.example/dredging",
            },
            ["--language", "en"],
            {
                **BESIDE,
                "published": "2025-03",
                "published_inferred": True,
                "published_basis": "The text says Tuesday and May, no year.",
                "url": "https://coastalcourier.example/dredging",
                "language": "en",
            },
        ),
        (
            BESIDE,
            ["--title", "Dredging in May", "--id", HARBOUR_ID],
            {**BESIDE, "title": "Dredging in May"},
        ),
    ],
    ids=["the file alone", "options override it", "every key kept", "title option"],
)
def test_yaml_beside_the_text_gives_its_metadata_and_options_override_it(
    capsys, dirs, tmp_path, beside, options, expected
):
    text = write_text(tmp_path / "in", "harbour.txt", HARBOUR, beside)
    code, _, err = add(capsys, dirs, str(text), *options)
    assert (code, err) == (0, ""), err
    assert metadata_of(dirs[0], HARBOUR_ID) == expected
    assert (dirs[0] / f"{HARBOUR_ID}.txt").read_text(encoding="utf-8") == HARBOUR


def test_yaml_beside_a_page_overrides_what_the_page_says(capsys, dirs, tmp_path):
    page = tmp_path / "in" / "ferry.html"
    page.parent.mkdir()
    shutil.copy(PAGES / "ferry-report.html", page)
    page.with_suffix(".yaml").write_text("author: M. Holt\npublished: 2025-02\n", encoding="utf-8")
    assert add(capsys, dirs, str(page), "--publisher", "Courier")[0] == 0
    metadata = metadata_of(dirs[0], FERRY)
    assert (metadata["author"], metadata["published"], metadata["publisher"]) == (
        "M. Holt",
        "2025-02",
        "Courier",
    )
    assert metadata["title"] == "Island ferry fares to rise by a fifth, operator says"
    assert len(metadata["links"]) == 3  # the page's own links


def bad_additions(tmp_path) -> dict[str, tuple[list[str], str]]:
    """Each bad addition: its arguments and the words its one-line error must say."""
    folder = tmp_path / "in"
    harbour = write_text(folder, "harbour.txt", HARBOUR, {"title": "Harbour"})
    french = write_text(folder, "port.txt", FRENCH)
    broken = write_text(folder, "broken.txt", MILL)
    broken.with_suffix(".yaml").write_text("title: Mill\npublished: 2025-13\n", encoding="utf-8")
    linked = write_text(folder, "linked.txt", LIBRARY)
    linked.with_suffix(".yaml").write_text(
        "title: Library\nlinks:\n  - {start: 4, end: 9, text: hours, href: 'https://x.example/'}\n",
        encoding="utf-8",
    )
    return {
        "bad yaml beside": ([str(broken)], f"{broken.with_suffix('.yaml')}:2: published: not"),
        "link off its words": ([str(linked)], "link 1 at 4-9 is not on its words"),
        "inferred, no date": ([str(harbour), "--published-inferred"], "needs a date"),
        "language not English": ([str(harbour), "--language", "fr"], "'fr' (French)"),
        "text not English": ([str(french), "--id", "port", "--language", "en"], "in French"),
    }


@pytest.mark.parametrize(
    "case",
    [
        "bad yaml beside",
        "link off its words",
        "inferred, no date",
        "language not English",
        "text not English",
    ],
)
def test_bad_addition_fails_in_one_line_and_writes_nothing(capsys, dirs, tmp_path, case):
    args, words = bad_additions(tmp_path)[case]
    code, out, err = add(capsys, dirs, *args)
    assert (code, out) == (1, "")
    assert len(err.splitlines()) == 1 and err.startswith("add failed: ") and words in err, err
    assert files_under(*dirs) == {}


def test_a_language_given_is_recorded_as_given(capsys, dirs, tmp_path):
    text = write_text(tmp_path / "in", "harbour.txt", HARBOUR)
    assert add(capsys, dirs, str(text), "--title", "Harbour", "--language", "en-GB")[0] == 0
    assert metadata_of(dirs[0], "harbour")["language"] == "en-GB"


def test_folder_adds_every_good_document_in_name_order_and_reports_the_bad(capsys, dirs, tmp_path):
    folder = tmp_path / "in"
    write_text(folder, "b-harbour.txt", HARBOUR, {"title": "Harbour dredging to start in May"})
    write_text(folder, "a-mill.txt", MILL)  # no title anywhere: named after its file
    (folder / "c-photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (folder / "notes.md").write_text("Not a document of the corpus.\n", encoding="utf-8")
    code, out, err = add(capsys, dirs, str(folder), "--publisher", "The Coastal Courier")
    assert code == 1
    assert out.splitlines() == [
        f"added a-mill: {dirs[0] / 'a-mill.txt'} (2 paragraphs, 39 words, 0 links)",
        f"added {HARBOUR_ID}: {dirs[0] / HARBOUR_ID}.txt (2 paragraphs, 40 words, 0 links)",
        "next: claims build",
    ]
    assert err.splitlines() == [
        f"add failed: {folder / 'c-photo.txt'}: binary content, not text",
        "add failed for 1 of 3 files",
    ]
    written = sorted(path.name for path in dirs[0].iterdir())
    assert written == ["a-mill.txt", "a-mill.yaml", f"{HARBOUR_ID}.txt", f"{HARBOUR_ID}.yaml"]
    assert metadata_of(dirs[0], "a-mill") == {"publisher": "The Coastal Courier"}


def test_folder_added_twice_fails_on_each_document_and_changes_nothing(capsys, dirs, tmp_path):
    folder = tmp_path / "in"
    write_text(folder, "mill.txt", MILL)
    write_text(folder, "library.txt", LIBRARY)
    assert add(capsys, dirs, str(folder))[0] == 0
    before = files_under(*dirs)
    code, out, err = add(capsys, dirs, str(folder))
    assert (code, out) == (1, "")
    assert [line.split(": ", 2)[2] for line in err.splitlines()[:2]] == [
        "document 'library' already exists; give another --id",
        "document 'mill' already exists; give another --id",
    ]
    assert files_under(*dirs) == before


@pytest.mark.parametrize(
    "args, words",
    [
        (["--id", "one"], "--id names one document, not a folder"),
        (["--title", "One"], "--title names one document, not a folder"),
        (["--url", "https://x.example/"], "--url names one document, not a folder"),
    ],
)
def test_folder_refuses_options_that_name_one_document(capsys, dirs, tmp_path, args, words):
    folder = tmp_path / "in"
    write_text(folder, "mill.txt", MILL)
    code, out, err = add(capsys, dirs, str(folder), *args)
    assert (code, out) == (1, "") and words in err and len(err.splitlines()) == 1
    assert files_under(*dirs) == {}


def test_folder_without_texts_or_pages_fails(capsys, dirs, tmp_path):
    folder = tmp_path / "in"
    write_text(folder, "notes.md", "Not a document.\n")
    code, _, err = add(capsys, dirs, str(folder))
    assert code == 1 and "no texts (.txt) or pages (.html, .htm) in it" in err


@pytest.mark.parametrize(
    "given, options, doc_id, opening",
    [
        (HARBOUR, ["--title", "Harbour", "--author", "Maren Holt"], "harbour", HARBOUR),
        (
            (PAGES / "ferry-report.html").read_text(encoding="utf-8"),
            ["--author", "M. Holt"],
            FERRY,
            "Island ferry fares to rise by a fifth, operator says\n\nFares on",
        ),
    ],
    ids=["text", "page"],
)
def test_dash_reads_standard_input(capsys, monkeypatch, dirs, given, options, doc_id, opening):
    monkeypatch.setattr("sys.stdin", io.StringIO(given))
    code, _, err = add(capsys, dirs, "-", *options)
    assert (code, err) == (0, ""), err
    assert (dirs[0] / f"{doc_id}.txt").read_text(encoding="utf-8").startswith(opening)
    assert metadata_of(dirs[0], doc_id)["author"] == options[-1]


def test_empty_standard_input_fails_naming_it(capsys, monkeypatch, dirs):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code, _, err = add(capsys, dirs, "-", "--id", "empty")
    assert code == 1 and err == "add failed: standard input: the text is empty\n"
    assert files_under(*dirs) == {}


def test_inferred_publication_date_lands_in_the_built_document(capsys, dirs, tmp_path):
    text = write_text(tmp_path / "in", "harbour.txt", HARBOUR, BESIDE)
    code, _, err = add(capsys, dirs, str(text), "--published", "2025-03", "--published-inferred")
    assert (code, err) == (0, ""), err
    assert metadata_of(dirs[0], HARBOUR_ID)["published_inferred"] is True
    run_build(*dirs, tmp_path / "claims.db")
    client = create_app({"DB": str(tmp_path / "claims.db")}).test_client()
    document = client.get(f"/v1/documents/{HARBOUR_ID}").json
    assert (document["published"], document["published_inferred"]) == ("2025-03", True)
    assert document["author"] == "Maren Holt"
