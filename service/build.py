"""Build the read-only corpus database from source texts and annotations, atomically."""

import hashlib
import json
import os
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

import sqlite_utils

from service import ids
from service.corpus import BuildError, Document, load_corpus
from service.schemas import ParagraphDetailSchema, ParagraphSchema
from service.segment import segment

SCHEMA_VERSION = "2"
# Paragraphs are dumped through their API schemas here, once, so that the server
# answers with stored JSON instead of re-serialising the same rows on every request.
item_schema, detail_schema = ParagraphSchema(), ParagraphDetailSchema()
PROGRESS_EVERY = 100  # documents; smaller corpora build too fast to need it


class CheckFailed(Exception):
    """`build --check` found locks that a build would change."""


@dataclass
class BuildReport:
    """What one build did, for the summary line and for tests."""

    build_id: str = ""
    documents: int = 0
    paragraphs: int = 0
    kept: int = 0
    edited: int = 0
    revived: int = 0
    minted: int = 0
    retired: int = 0
    changed_locks: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        """Describe the build in one line."""
        return (
            f"built {self.build_id}: {self.documents} documents, {self.paragraphs} paragraphs; "
            f"IDs kept {self.kept} (edited {self.edited}), revived {self.revived}, "
            f"minted {self.minted}, retired {self.retired}; {self.seconds:.2f} s"
        )


def build(
    source_dir: Path,
    annotations_dir: Path,
    db_path: Path,
    *,
    model: str,
    check: bool = False,
    progress=None,
) -> BuildReport:
    """Read, anchor and write everything; with check, fail instead of changing a lock."""
    started = time.perf_counter()
    report = BuildReport()
    documents = load_corpus(source_dir)
    locks = {doc.id: _read_lock(annotations_dir, doc.id) for doc in documents}
    taken = set().union(*(ids.lock_ids(lock) for lock in locks.values()))
    rows, retired_rows, new_locks = [], [], {}
    for number, doc in enumerate(documents, 1):
        paragraphs = segment(doc.source, doc.metadata["kind_overrides"])
        texts = [p.served_text for p in paragraphs]
        anchoring = ids.reanchor(doc.id, texts, locks[doc.id], taken)
        _tally(report, anchoring, doc.id)
        new_locks[doc.id] = anchoring.lock
        rows.append((doc, paragraphs, anchoring.ids))
        retired_rows += [{"id": e["id"], "document_id": doc.id} for e in anchoring.lock["retired"]]
        if progress and len(documents) >= PROGRESS_EVERY and number % PROGRESS_EVERY == 0:
            progress(f"segmented {number}/{len(documents)} documents")
    if check:
        if report.changed_locks:
            raise CheckFailed("paragraph locks would change: " + ", ".join(report.changed_locks))
        report.seconds = time.perf_counter() - started
        return report
    report.build_id = build_id(documents, new_locks, model)
    _write_atomically(db_path, rows, retired_rows, report, documents, model)
    for doc_id in report.changed_locks:
        _write_lock(annotations_dir, doc_id, new_locks[doc_id])
    report.seconds = time.perf_counter() - started
    return report


def _read_lock(annotations_dir: Path, doc_id: str) -> dict | None:
    """Read a document's lock, failing the build on a corrupt one."""
    path = ids.lock_path(annotations_dir, doc_id)
    try:
        return ids.read_lock(path)
    except (ValueError, KeyError) as error:
        raise BuildError(
            path, getattr(error, "lineno", None), f"unreadable lock: {error}"
        ) from None


def _tally(report: BuildReport, anchoring: ids.Anchoring, doc_id: str) -> None:
    """Add one document's anchoring to the report."""
    report.documents += 1
    report.paragraphs += len(anchoring.ids)
    report.kept += anchoring.kept + anchoring.edited
    report.edited += anchoring.edited
    report.revived += anchoring.revived
    report.minted += anchoring.minted
    report.retired += len(anchoring.retired)
    if anchoring.changed:
        report.changed_locks.append(doc_id)


def model_version(model: str) -> str | None:
    """Return the installed version of the model package, without importing spaCy."""
    try:
        return metadata.version(model)
    except metadata.PackageNotFoundError:
        return None


def build_id(documents: list[Document], locks: dict[str, dict], model: str) -> str:
    """Hash every input that shapes the database into a short, stable build id."""
    digest = hashlib.sha256(f"{SCHEMA_VERSION}\n{model}\n{model_version(model)}\n".encode())
    for doc in documents:
        digest.update(f"{doc.id}\n{doc.sha256}\n{doc.metadata_sha256}\n".encode())
        digest.update(ids.dump_lock(locks[doc.id]).encode())
    return digest.hexdigest()[:16]


def _write_atomically(db_path, rows, retired_rows, report, documents, model) -> None:
    """Write the database beside its final path, then rename it into place."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    temp = db_path.with_name(f".{db_path.name}.{os.getpid()}.tmp")
    try:
        db = sqlite_utils.Database(temp, recreate=True)
        create_tables(db)
        _insert(db, rows, retired_rows)
        _insert_meta(db, report, documents, model)
        db.conn.execute("ANALYZE")
        db.conn.commit()
        db.close()
        os.replace(temp, db_path)
    finally:
        temp.unlink(missing_ok=True)


def create_tables(db: sqlite_utils.Database) -> None:
    """Create every table and index explicitly."""
    db["meta"].create({"key": str, "value": str}, pk="key")
    db["documents"].create(
        {
            "id": str,
            "title": str,
            "url": str,
            "author": str,
            "publisher": str,
            "published": str,
            "published_inferred": int,
            "published_basis": str,
            "language": str,
            "source_file": str,
            "sha256": str,
            "chars": int,
            "paragraph_count": int,
            "kind_counts": str,
            "text": str,
        },
        pk="id",
        not_null={"id", "source_file", "sha256", "chars", "text"},
    )
    db["paragraphs"].create(
        {
            "id": str,
            "document_id": str,
            "seq": int,
            "ordinal": int,
            "kind": str,
            "section": str,
            "char_start": int,
            "char_end": int,
            "text": str,
            "links": str,
            "item_json": str,
            "detail_json": str,
        },
        pk="id",
        foreign_keys=[("document_id", "documents", "id")],
        not_null={"id", "document_id", "seq", "ordinal", "kind", "text"},
    )
    db["paragraphs"].create_index(["seq"], unique=True)
    db["paragraphs"].create_index(["document_id", "seq"])
    db["paragraphs"].create_index(["document_id", "ordinal"], unique=True)
    db["paragraphs"].create_index(["kind", "seq"])
    db["paragraphs"].create_index(["section", "seq"])
    db["retired_paragraphs"].create(
        {"id": str, "document_id": str},
        pk="id",
        foreign_keys=[("document_id", "documents", "id")],
    )


def _insert(db, rows, retired_rows) -> None:
    """Insert documents and paragraphs in corpus order."""
    seq = 0
    for doc, paragraphs, paragraph_ids in rows:
        kinds = Counter(p.kind for p in paragraphs)
        meta = doc.metadata
        title = meta.get("title") or next(
            (p.served_text for p in paragraphs if p.kind == "title"), None
        )
        db["documents"].insert(
            {
                "id": doc.id,
                "title": title,
                "url": meta.get("url"),
                "author": meta.get("author"),
                "publisher": meta.get("publisher"),
                "published": meta.get("published"),
                "published_inferred": int(meta["published_inferred"]),
                "published_basis": meta.get("published_basis"),
                "language": meta["language"],
                "source_file": doc.path.name,
                "sha256": doc.sha256,
                "chars": len(doc.source),
                "paragraph_count": len(paragraphs),
                "kind_counts": json.dumps(dict(sorted(kinds.items()))),
                "text": doc.source,
            }
        )
        records = []
        for paragraph, paragraph_id in zip(paragraphs, paragraph_ids, strict=True):
            record = {
                "id": paragraph_id,
                "document_id": doc.id,
                "ordinal": paragraph.ordinal,
                "kind": paragraph.kind,
                "section": paragraph.section,
                "start": paragraph.start,
                "end": paragraph.end,
                "text": paragraph.served_text,
                "links": paragraph.links,
            }
            ordinal = paragraph.ordinal
            neighbours = {
                "previous_id": paragraph_ids[ordinal - 1] if ordinal > 0 else None,
                "next_id": paragraph_ids[ordinal + 1] if ordinal + 1 < len(paragraph_ids) else None,
            }
            records.append(
                {
                    **{k: v for k, v in record.items() if k not in ("start", "end", "links")},
                    "seq": seq,
                    "char_start": paragraph.start,
                    "char_end": paragraph.end,
                    "links": to_json(paragraph.links),
                    "item_json": to_json(item_schema.dump(record)),
                    "detail_json": to_json(detail_schema.dump({**record, **neighbours})),
                }
            )
            seq += 1
        db["paragraphs"].insert_all(records)
    db["retired_paragraphs"].insert_all(retired_rows)


def _insert_meta(db, report: BuildReport, documents: list[Document], model: str) -> None:
    """Record what the build was made from."""
    inputs = {doc.path.name: doc.sha256 for doc in documents}
    inputs.update(
        {
            doc.path.with_suffix(".yaml").name: doc.metadata_sha256
            for doc in documents
            if doc.metadata_sha256
        }
    )
    values = {
        "build_id": report.build_id,
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "schema_version": SCHEMA_VERSION,
        "model": model,
        "model_version": model_version(model) or "",
        "inputs": json.dumps(inputs, sort_keys=True),
    }
    db["meta"].insert_all([{"key": k, "value": v} for k, v in values.items()])


def to_json(value) -> str:
    """Serialise compactly, keeping non-ASCII text as it is."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _write_lock(annotations_dir: Path, doc_id: str, lock: dict) -> None:
    """Replace a document's lock file atomically."""
    path = ids.lock_path(annotations_dir, doc_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.tmp")
    temp.write_text(ids.dump_lock(lock), encoding="utf-8")
    os.replace(temp, path)


def print_progress(message: str) -> None:
    """Show build progress on stderr."""
    print(message, file=sys.stderr, flush=True)
