"""`claims remove`: take a document out of the corpus, keeping a record that it went."""

from dataclasses import dataclass
from pathlib import Path

from service.corpus.errors import CorpusError
from service.pipeline import ids
from service.pipeline.retire import dump_tombstone, tombstone, tombstone_path
from service.vocab import DOCUMENT_ID

REMOVED = "removed from the corpus"


@dataclass(frozen=True)
class Removed:
    """What `claims remove` did, for the lines it prints."""

    id: str
    deleted: list[Path]
    record: Path | None  # None when the document was never built: nothing to answer 410
    claims: int


def remove_document(
    doc_id: str, source_dir: Path, annotations_dir: Path, db_path: Path, reason: str | None
) -> Removed:
    """Delete a document's text and metadata and write its `retired.yaml`.

    The record keeps its title and claim IDs from the current build, so that after the
    next build every ID the document gave out answers 410 Gone, saying when and why.
    """
    if not DOCUMENT_ID.match(doc_id):
        raise CorpusError(f"{doc_id!r}: not a document id")
    text_path = source_dir / f"{doc_id}.txt"
    if not text_path.exists():
        raise CorpusError(f"no document '{doc_id}' in {source_dir}")
    path = tombstone_path(annotations_dir, doc_id)
    record = None  # never built: nothing was served under its IDs, so nothing answers 410
    if ids.lock_path(annotations_dir, doc_id).exists():
        record = tombstone(doc_id, db_path, reason or REMOVED)
        path.write_text(dump_tombstone(record), encoding="utf-8")
    deleted = [p for p in (text_path, text_path.with_suffix(".yaml")) if p.exists()]
    for file in deleted:
        file.unlink()
    return Removed(
        doc_id, deleted, path if record else None, len(record["claims"]) if record else 0
    )
