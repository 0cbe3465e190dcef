"""An edit to the source that touches a curated quote: re-anchored by similarity, or stopped."""

import re
import subprocess
import sys

import pytest

from service import create_app
from service.pipeline.claims.quotes import update_quotes
from service.pipeline.inputs import BuildError
from service.pipeline.run import CheckFailed
from tests.support.corpus import DOC_ID, ROOT, run_build

REVISED = {"lachin-pivotal", "mediation-failure-accusations", "powerful-russia-hinders-west"}


def fix_typo(sources, old: str = "Caucuses", new: str = "Caucasus") -> None:
    """Edit the article's text the way a correction would."""
    path = sources / f"{DOC_ID}.txt"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_a_typo_fix_re_anchors_the_quotes_it_touches(corpus, tmp_path):
    sources, annotations = corpus
    fix_typo(sources)
    report = run_build(sources, annotations, tmp_path / "claims.db")
    assert {r.claim_id for r in report.revisions} == REVISED
    for revision in report.revisions:
        assert "Caucuses" in revision.written and "Caucasus" in revision.found
        assert revision.similarity >= 90
        assert str(revision.path).endswith("claims.yaml") and revision.line
        assert f"claim '{revision.claim_id}'" in revision.warning()
    client = create_app({"DB": str(tmp_path / "claims.db")}).test_client()
    claim = client.get("/v1/claims/lachin-pivotal").json
    assert claim["quote"].endswith("remains pivotal for the Caucasus")
    paragraph = client.get(f"/v1/paragraphs/{claim['paragraph_id']}").json
    assert paragraph["text"][claim["start"] : claim["end"]] == claim["quote"]


def test_check_fails_until_the_quotes_are_updated_and_comments_survive(corpus, tmp_path):
    sources, annotations = corpus
    claims_file = annotations / DOC_ID / "claims.yaml"
    original = claims_file.read_text(encoding="utf-8")
    fix_typo(sources)
    report = run_build(sources, annotations, tmp_path / "claims.db")
    with pytest.raises(CheckFailed, match="curated quotes no longer match") as raised:
        run_build(sources, annotations, tmp_path / "claims.db", check=True)
    assert all(claim_id in str(raised.value) for claim_id in REVISED)
    assert update_quotes(report.revisions) == [claims_file]
    updated = claims_file.read_text(encoding="utf-8")
    changed = [
        (old, new)
        for old, new in zip(original.splitlines(), updated.splitlines(), strict=True)
        if old != new
    ]
    assert len(changed) == 3  # one line a quote, nothing else
    assert all("Caucuses" in old and "Caucasus" in new for old, new in changed)
    comments = lambda text: [line for line in text.splitlines() if line.lstrip().startswith("#")]  # noqa: E731
    assert comments(updated) == comments(original)
    run_build(sources, annotations, tmp_path / "claims.db", check=True)
    again = run_build(sources, annotations, tmp_path / "claims.db")
    assert again.revisions == []


@pytest.mark.slow
def test_the_cli_warns_then_writes_with_update_quotes(corpus, tmp_path):
    sources, annotations = corpus
    fix_typo(sources)
    command = [
        *(sys.executable, "-m", "service.cli", "build"),
        *("--source-dir", str(sources), "--annotations-dir", str(annotations)),
        *("--db", str(tmp_path / "claims.db"), "--no-cache"),
    ]
    warned = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=True)
    warnings = [line for line in warned.stderr.splitlines() if line.startswith("warning: ")]
    assert len(warnings) == 3
    assert all(
        re.search(r"claims\.yaml:\d+: claim '[a-z-]+': quote re-anchored", w) for w in warnings
    )
    check = subprocess.run(
        [*command[:4], "--check", *command[4:8]], capture_output=True, text=True, cwd=ROOT
    )
    assert check.returncode == 1 and "--update-quotes" in check.stderr
    written = subprocess.run(
        [*command, "--update-quotes"], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert f"updated quotes in {annotations / DOC_ID / 'claims.yaml'}" in written.stdout
    check = subprocess.run(
        [*command[:4], "--check", *command[4:8]], capture_output=True, text=True, cwd=ROOT
    )
    assert check.returncode == 0, check.stderr


@pytest.mark.parametrize(
    "old, new, reason",
    [
        # A rewrite, not a correction: nothing in the paragraph is 90% like the quote.
        (
            "remains pivotal for the Caucuses",
            "has lost its weight in the region",
            r"quote not found in paragraph p-[0-9a-f]{12} \(the closest passage is \d+% alike",
        ),
    ],
)
def test_a_quote_that_cannot_be_re_anchored_fails_with_file_and_line(
    corpus, tmp_path, old, new, reason
):
    sources, annotations = corpus
    fix_typo(sources, old, new)
    with pytest.raises(BuildError, match=reason) as raised:
        run_build(sources, annotations, tmp_path / "claims.db")
    error = raised.value
    assert error.path.endswith("claims.yaml")
    assert "claim 'lachin-pivotal'" in error.reason and re.search(reason, error.reason)
    lines = (annotations / DOC_ID / "claims.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[error.line - 1].lstrip().startswith("quote: Funneling military vehicles")
    assert not (tmp_path / "claims.db").exists()


def test_a_quote_alike_to_two_passages_is_not_guessed(tmp_path):
    from service.pipeline.claims.curated import ParagraphText, load_claims
    from service.pipeline.claims.sources import SourceRegistry
    from service.pipeline.records import Source

    text = "The road was closed on Monday. The road was closed on Sunday."
    path = tmp_path / "claims.yaml"
    path.write_text(
        "claims:\n"
        "  - id: road-closed\n"
        "    paragraph: p-000000000001\n"
        "    quote: The road was closed on Mondy\n"
        "    proposition: The road was closed.\n"
        "    kind: event\n"
        "    sourcing: {status: unsourced, sources: [writer]}\n",
        encoding="utf-8",
    )
    sources = SourceRegistry([Source("writer", "A Writer", "author")])
    paragraphs = {"p-000000000001": ParagraphText("doc", text, [])}
    with pytest.raises(BuildError, match="several passages are alike") as raised:
        load_claims(path, paragraphs, set(), sources)
    assert raised.value.line == 4 and "several passages are alike" in raised.value.reason


def test_update_quotes_rewrites_the_prefix_it_anchored_by(corpus, tmp_path):
    sources, annotations = corpus
    claims_file = annotations / DOC_ID / "claims.yaml"
    claims_file.write_text(
        claims_file.read_text(encoding="utf-8").replace(
            "    quote: one was that Russia was there to stay\n",
            "    quote: one was that Russia was there to stay\n    prefix: 'conflict, and '\n",
        ),
        encoding="utf-8",
    )
    run_build(sources, annotations, tmp_path / "before.db")  # the prefix fits the text
    fix_typo(sources, "conflict, and one was that Russia was", "conflict; one was that Russia is")
    report = run_build(sources, annotations, tmp_path / "claims.db")
    assert [r.claim_id for r in report.revisions] == ["russia-there-to-stay"]
    update_quotes(report.revisions)
    written = claims_file.read_text(encoding="utf-8")
    assert 'quote: "one was that Russia is there to stay"' in written
    assert 'prefix: "zen conflict; "' in written  # as long as the prefix it replaces
    run_build(sources, annotations, tmp_path / "after.db", check=True)
    assert run_build(sources, annotations, tmp_path / "after.db").revisions == []


@pytest.mark.parametrize(
    "value", ["x\x85y", "a\u2028b\u2029c", "del\x7f", "“curly” — and ‘single’", 'back\\ "q"\ttab']
)
def test_quotes_are_written_as_yaml_that_reads_back_the_same(value):
    import yaml

    from service.pipeline.claims.quotes import yaml_string

    assert yaml.safe_load(f"quote: {yaml_string(value)}")["quote"] == value
