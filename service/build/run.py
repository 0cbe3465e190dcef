"""Run the build: read, anchor, analyse and assemble each document, then write atomically."""

import hashlib
import json
import os
import sys
import time
from collections import deque
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

import sqlite_utils

from service.build import ids
from service.build.assemble import assemble
from service.build.claims.curated import CLAIMS_FILE
from service.build.claims.sources import SOURCES_FILE, SourceRegistry, load_sources
from service.build.db.rows import (
    CorpusTally,
    DocumentRows,
    entity_rows,
    entity_search_rows,
    source_rows,
)
from service.build.db.schema import create_all
from service.build.db.writer import Writer
from service.build.inputs import BuildError, corpus_paths, load_document
from service.build.nlp.gazetteer import GAZETTEER_FILE, load_gazetteer
from service.build.nlp.pipeline import analyse, load_pipeline
from service.build.records import DocumentBuild, paragraph_input
from service.build.segment import segment_document

SCHEMA_VERSION = "4"
PROGRESS_EVERY = 100  # documents; smaller corpora build too fast to need it


class CheckFailed(Exception):
    """`build --check` found locks that a build would change."""


@dataclass
class BuildReport:
    """What one build did, for the summary line and for tests."""

    build_id: str = ""
    documents: int = 0
    paragraphs: int = 0
    words: int = 0
    kept: int = 0
    edited: int = 0
    revived: int = 0
    minted: int = 0
    retired: int = 0
    mentions: int = 0
    entities: int = 0
    claims: int = 0
    machine_claims: int = 0
    annotations: int = 0
    dates: int = 0
    checks: int = 0
    changed_locks: list[str] = field(default_factory=list)
    inputs: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0

    def summary(self) -> str:
        """Describe the build in one line."""
        return (
            f"built {self.build_id}: {self.documents} documents, {self.paragraphs} paragraphs; "
            f"IDs kept {self.kept} (edited {self.edited}), revived {self.revived}, "
            f"minted {self.minted}, retired {self.retired}; {self.mentions} mentions of "
            f"{self.entities} entities, {self.dates} dates, {self.checks} checks, "
            f"{self.claims} claims ({self.machine_claims} machine); "
            f"{self.seconds:.2f} s"
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
    """Read, anchor, annotate and write everything; with check, only verify the locks.

    Documents stream through one at a time: memory holds the model, the IDs ever
    given out and the document being written, not the corpus.
    """
    started = time.perf_counter()
    report = BuildReport()
    paths = corpus_paths(source_dir)
    # Every ID ever given out, so that no new one collides; each lock is read again when
    # its document's turn comes, rather than holding all their texts at once.
    taken = set().union(*(ids.lock_ids(_read_lock(annotations_dir, p.stem)) for p in paths))
    digest = start_digest(model)
    pending_locks: list[Path] = []
    anchored = _anchor(paths, annotations_dir, taken, report, digest, pending_locks, check)
    try:
        if check:
            for _ in anchored:
                pass
            if report.changed_locks:
                raise CheckFailed(
                    "paragraph locks would change: " + ", ".join(report.changed_locks)
                )
        else:
            gazetteer_path = annotations_dir / GAZETTEER_FILE
            gazetteer = load_gazetteer(gazetteer_path)
            pipeline = load_pipeline(model, gazetteer)
            sources = load_sources(annotations_dir)
            for path in (
                gazetteer_path,
                annotations_dir / SOURCES_FILE,
                *sorted(annotations_dir.glob(f"*/{CLAIMS_FILE}")),
            ):
                digest.update(path.read_bytes() if path.exists() else b"-")
            analysed = _analyse(anchored, pipeline, gazetteer, progress, len(paths))
            assembled = (assemble(d, annotations_dir, sources) for d in analysed)
            context = Corpus(gazetteer.by_id(), sources)
            _write_atomically(db_path, assembled, context, report, digest, model)
            for pending in pending_locks:
                os.replace(pending, pending.with_name(ids.LOCK_NAME))
    finally:
        for pending in pending_locks:
            pending.unlink(missing_ok=True)
    report.seconds = time.perf_counter() - started
    return report


def _anchor(paths, annotations_dir, taken, report, digest, pending_locks, check):
    """Read, segment and re-anchor each document in turn, staging its new lock."""
    for path in paths:
        doc = load_document(path)
        lock = _read_lock(annotations_dir, doc.id)
        paragraphs = segment_document(doc)
        anchoring = ids.reanchor(doc.id, [p.served_text for p in paragraphs], lock, taken)
        _tally(report, anchoring, doc.id)
        digest.update(f"{doc.id}\n{doc.sha256}\n{doc.metadata_sha256}\n".encode())
        digest.update(ids.dump_lock(anchoring.lock).encode())
        report.inputs[doc.path.name] = doc.sha256
        if doc.metadata_sha256:
            report.inputs[doc.path.with_suffix(".yaml").name] = doc.metadata_sha256
        if anchoring.changed and not check:
            pending_locks.append(_stage_lock(annotations_dir, doc.id, anchoring.lock))
        retired = [entry["id"] for entry in anchoring.lock["retired"]]
        yield DocumentBuild(doc, paragraphs, anchoring.ids, retired)


def _analyse(documents, pipeline, gazetteer, progress, total: int):
    """Run the model over every paragraph in one stream, yielding documents as they finish."""
    waiting: deque[DocumentBuild] = deque()

    def paragraphs():
        """Stream every paragraph of every document, remembering whose it is."""
        for document in documents:
            waiting.append(document)
            doc_id = document.doc.id
            yield from (paragraph_input(p, doc_id) for p in document.paragraphs)

    done = 0
    for analysis in analyse(pipeline, gazetteer, paragraphs()):
        while len(waiting[0].analyses) == len(waiting[0].paragraphs):
            done += 1
            yield _announce(waiting.popleft(), done, total, progress)
        waiting[0].analyses.append(analysis)
    while waiting:
        done += 1
        yield _announce(waiting.popleft(), done, total, progress)


def _announce(document: DocumentBuild, done: int, total: int, progress) -> DocumentBuild:
    """Report progress every so many documents on corpora big enough to wait for."""
    if progress and total >= PROGRESS_EVERY and done % PROGRESS_EVERY == 0:
        progress(f"annotated {done}/{total} documents")
    return document


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


def start_digest(model: str):
    """Begin the build id: a hash of the build code, the model and, as they stream, the inputs.

    The build code shapes the database as much as the inputs do, and so do the shared
    vocabulary and the response shapes dumped at build time; the serving code does not.
    """
    digest = hashlib.sha256(f"{SCHEMA_VERSION}\n{model}\n{model_version(model)}\n".encode())
    for source in build_code():
        digest.update(source.read_bytes())
    return digest


def build_code() -> list[Path]:
    """List the source files whose change changes what the build writes."""
    package = Path(__file__).resolve().parents[1]
    shared = [package / "vocab.py", package / "representations.py"]
    return [*shared, *sorted((package / "build").rglob("*.py"))]


@dataclass
class Corpus:
    """What every document is written against: curated entities and the sources."""

    entities: dict[str, dict]
    sources: SourceRegistry


def _write_atomically(db_path, assembled, corpus: Corpus, report, digest, model) -> None:
    """Write the database beside its final path, then rename it into place."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    temp = db_path.with_name(f".{db_path.name}.{os.getpid()}.tmp")
    try:
        db = sqlite_utils.Database(temp, recreate=True)
        db.conn.execute("PRAGMA journal_mode = OFF")
        db.conn.execute("PRAGMA synchronous = OFF")
        create_all(db)
        writer, tally, seq = Writer(db), CorpusTally(), 0
        names = {entity_id: entity["name"] for entity_id, entity in corpus.entities.items()}
        contest_ids: set[str] = set()
        with db.conn:
            for document in assembled:
                for contest in document.contests:
                    if contest.id in contest_ids:
                        raise BuildError(
                            document.id, None, f"contest id '{contest.id}' is used by two documents"
                        )
                    contest_ids.add(contest.id)
                rows = DocumentRows(document, seq, names, corpus.sources)
                counts = writer.write_document(rows)
                tally.add(document)
                _count(report, document, counts)
                seq += len(document.build.paragraphs)
                document.build.release()
            entities = entity_rows(tally, corpus.entities)
            writer.insert("entities", entities)
            writer.insert_search(entity_search_rows(entities))
            writer.insert("sources", source_rows(corpus.sources, tally))
            report.entities = len(entities)
            report.build_id = digest.hexdigest()[:16]
            _insert_meta(db, report, model)
        db.conn.execute("ANALYZE")
        db.close()
        os.replace(temp, db_path)
    finally:
        temp.unlink(missing_ok=True)


def _count(report: BuildReport, document, counts: dict[str, int]) -> None:
    """Add what one document wrote to the report."""
    report.words += sum(len(p.served_text.split()) for p in document.build.paragraphs)
    report.mentions += counts["mentions"]
    report.dates += counts["dates"]
    report.checks += counts["checks"]
    report.claims += counts["claims"]
    report.machine_claims += counts["claims"] - document.curated_claims
    report.annotations += counts["annotations"]


def _insert_meta(db, report: BuildReport, model: str) -> None:
    """Record what the build was made from."""
    values = {
        "build_id": report.build_id,
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "schema_version": SCHEMA_VERSION,
        "model": model,
        "model_version": model_version(model) or "",
        "inputs": json.dumps(report.inputs, sort_keys=True),
    }
    db["meta"].insert_all([{"key": k, "value": v} for k, v in values.items()])


def _stage_lock(annotations_dir: Path, doc_id: str, lock: dict) -> Path:
    """Write a document's new lock beside the old one, to move in once the build succeeds."""
    path = ids.lock_path(annotations_dir, doc_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    pending = path.with_name(f".{path.name}.pending")
    pending.write_text(ids.dump_lock(lock), encoding="utf-8")
    return pending


def print_progress(message: str) -> None:
    """Show build progress on stderr."""
    print(message, file=sys.stderr, flush=True)
