"""Reading source texts and validating their metadata."""

import re

import pytest

from service.pipeline.inputs import BuildError, load_corpus
from tests.support.corpus import DOC_ID

GOOD_META = "title: A text\npublished: '2023-10'\nlanguage: en\n"


def test_the_article_loads_with_its_metadata(corpus):
    sources, _ = corpus
    [document] = load_corpus(sources)
    assert document.id == DOC_ID
    assert document.metadata["author"] == "Dominic Brunaccioni"
    assert document.metadata["published"] == "2023-10"
    assert document.metadata["published_inferred"] is True
    assert "October 9th" in document.metadata["published_basis"]
    assert document.metadata["url"] is None


def test_a_text_without_metadata_gets_defaults(tmp_path):
    (tmp_path / "plain.txt").write_text("Title\n\nBody.", encoding="utf-8")
    [document] = load_corpus(tmp_path)
    assert document.metadata["language"] == "en" and document.metadata_sha256 is None


@pytest.mark.parametrize("published", ["2023", "2023-10-09", 2023])
def test_published_accepts_year_month_or_day(tmp_path, published):
    (tmp_path / "doc.txt").write_text("Title", encoding="utf-8")
    (tmp_path / "doc.yaml").write_text(f"published: {published}\n", encoding="utf-8")
    assert load_corpus(tmp_path)[0].metadata["published"] == str(published)


@pytest.mark.parametrize(
    ("name", "metadata", "line", "reason"),
    [
        (
            "doc",
            GOOD_META + "published_inferred: maybe\n",
            4,
            "published_inferred: Not a valid boolean",
        ),
        ("doc", GOOD_META + "colour: blue\n", 4, "colour: Unknown field"),
        ("doc", "title: A\nurl: not a url\n", 2, "url: Not a valid URL"),
        ("doc", "title: A\n\npublished: October 2023\n", 3, "published: not YYYY, YYYY-MM"),
        ("doc", "title: A\npublished: '2024-02-30'\n", 2, "published: not a day of the calendar"),
        (
            "doc",
            "title: A\nkind_overrides:\n  Intro: footer\n",
            3,
            "kind_overrides: Intro: Must be one of",
        ),
        ("doc", "title: [unclosed\n", 2, "while parsing"),
        ("doc", "- a list\n", 1, "metadata must be a mapping"),
        ("Bad Name", "", None, "file name must be a lower-case id"),
    ],
)
def test_bad_metadata_names_file_line_and_reason(tmp_path, name, metadata, line, reason):
    (tmp_path / f"{name}.txt").write_text("Title\n\nBody.", encoding="utf-8")
    if metadata:
        (tmp_path / f"{name}.yaml").write_text(metadata, encoding="utf-8")
    with pytest.raises(BuildError, match=re.escape(reason)) as raised:
        load_corpus(tmp_path)
    assert raised.value.path.endswith(f"{name}.yaml" if metadata else f"{name}.txt")
    assert raised.value.line == line
    assert reason in raised.value.reason
    assert str(raised.value).startswith(raised.value.path)


def test_text_that_is_not_utf8_names_its_line(tmp_path):
    (tmp_path / "doc.txt").write_bytes(b"Title\n\nBody \xff here.")
    with pytest.raises(BuildError, match=r"doc.txt:3: not UTF-8"):
        load_corpus(tmp_path)


def test_missing_source_directory_is_a_build_error(tmp_path):
    with pytest.raises(BuildError, match="source directory not found"):
        load_corpus(tmp_path / "nowhere")
