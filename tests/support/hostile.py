"""A corpus whose text, metadata and annotations try to inject markup into the reader."""

from pathlib import Path

from service.pipeline.ids import lock_path, read_lock

DOC = "hostile"
TEXT = (
    "\n\n".join(
        [
            '<script>alert("title")</script> Hostile Page',
            'This paragraph says <script>alert("body")</script> and " onmouseover="alert(\'quote\')'
            " and '><img src=x onerror=alert('img')> in the middle of Lachin.",
            'According to <b>TASS</b>, the "report" said it; '
            "<iframe src=\"javascript:alert('frame')\"></iframe> ends here.",
        ]
    )
    + "\n"
)
METADATA = """title: '<script>alert("meta")</script> Hostile'
author: '"><svg onload=alert("author")>'
published: "2024-01"
published_inferred: true
published_basis: '</span><script>alert("basis")</script>'
"""


def claims_yaml(paragraph_id: str) -> str:
    """A claims file whose every field carries markup."""
    return f"""claims:
  - id: hostile-claim
    paragraph: {paragraph_id}
    quote: '<script>alert("body")</script>'
    proposition: '<img src=x onerror=alert("proposition")>'
    kind: statement
    sourcing: {{status: unsourced, sources: [dominic-brunaccioni]}}
    note: '"><script>alert("note")</script>'
"""


def write(sources: Path) -> None:
    """Add the hostile document to a source directory."""
    (sources / f"{DOC}.txt").write_text(TEXT, encoding="utf-8")
    (sources / f"{DOC}.yaml").write_text(METADATA, encoding="utf-8")


def build(sources: Path, annotations: Path, db: Path, run_build) -> None:
    """Build the corpus with the hostile document, then again with its hostile claims."""
    write(sources)
    run_build(sources, annotations, db)
    paragraph_id = read_lock(lock_path(annotations, DOC))["paragraphs"][1]["id"]
    (annotations / DOC / "claims.yaml").write_text(claims_yaml(paragraph_id), encoding="utf-8")
    run_build(sources, annotations, db)
