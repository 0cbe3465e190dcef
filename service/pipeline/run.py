"""Run the build: read, anchor, analyse and assemble each document, then write atomically."""

import json
import sqlite3
import sys
import time
from contextlib import closing
from pathlib import Path

from service.pipeline import ids
from service.pipeline.assemble import assemble, curated_claims
from service.pipeline.cache import AnalysisCache
from service.pipeline.claims.sources import load_sources
from service.pipeline.incremental import publish_in_place
from service.pipeline.inputs import corpus_paths, load_document
from service.pipeline.nlp.gazetteer import GAZETTEER_FILE, load_gazetteer
from service.pipeline.parallel import analyser
from service.pipeline.report import BuildReport
from service.pipeline.retire import retired_documents, retired_key
from service.pipeline.single import anchor
from service.pipeline.staging import Staged
from service.pipeline.steps import (
    analysed_documents,
    analysis_key,
    corpus_key,
    digest_inputs,
    input_digests,
    read_lock,
    start_digest,
    tally_anchoring,
    up_to_date,
)
from service.pipeline.write import Corpus, write_atomically


class CheckFailed(Exception):
    """`build --check` found locks that a build would change."""


def build(
    source_dir: Path,
    annotations_dir: Path,
    db_path: Path,
    *,
    model: str,
    check: bool = False,
    progress=None,
    cache_dir: Path | None = None,
    workers: int = 1,
    cluster: str | None = None,
    reuse_current: bool = False,
    in_place: bool = True,
) -> BuildReport:
    """Read, anchor, annotate and write everything; with check, only verify the locks.

    Documents stream through a few at a time: memory holds the model, the IDs ever
    given out and the documents being analysed, not the corpus. A document whose
    analyses are in the cache under cache_dir is not analysed again, and a build that
    finds every document there never loads the model. With workers > 1 the analysis
    runs on that many local processes, with cluster on a Dask scheduler's workers.
    With reuse_current, a database at db_path already built from exactly these inputs
    and this code is left as it is, and (unless in_place is False) a change to a few
    texts is published into it in place (see incremental.py).
    """
    if reuse_current and in_place and not check:
        placed = publish_in_place(
            source_dir, annotations_dir, db_path, model=model, cache_dir=cache_dir
        )
        if placed is not None:
            return placed
    started = time.perf_counter()
    report = BuildReport()
    paths = corpus_paths(source_dir)
    # Every ID ever given out, so that no new one collides; each lock is read again when
    # its document's turn comes, rather than holding all their texts at once.
    taken = set().union(*(ids.lock_ids(read_lock(annotations_dir, p.stem)) for p in paths))
    code = start_digest(model)  # the build code and model, hashed once for both keys
    digest = code.copy()
    staged = Staged(write=not check)
    try:
        retired = retired_documents(annotations_dir, {p.stem for p in paths}, db_path, staged.add)
        for document in retired:
            taken |= document.paragraphs
            digest.update(retired_key(document))
        digest = digest_inputs(digest, annotations_dir)  # then each document, as it streams
        if reuse_current and not check:
            current = _reuse_current(
                paths, annotations_dir, db_path, taken, digest, staged, started
            )
            if current is not None:
                return current
        anchored = _anchor(paths, annotations_dir, taken, report, digest, staged, check)
        sources = load_sources(annotations_dir)
        if check:
            _check_only(anchored, annotations_dir, sources, report, staged)
        else:
            _full_build(
                anchored,
                annotations_dir,
                db_path,
                sources,
                retired,
                report,
                digest,
                code,
                model=model,
                progress=progress,
                cache_dir=cache_dir,
                workers=workers,
                cluster=cluster,
                total=len(paths),
            )
            staged.commit()
    finally:
        staged.discard()
    report.retired_documents = [document.id for document in retired]
    report.seconds = time.perf_counter() - started
    return report


def _reuse_current(paths, annotations_dir, db_path, taken, digest, staged, started):
    """Return the report of a database at db_path already built from exactly these inputs
    and this code, or None when the build must run."""
    current = _current_build(db_path)
    if current is None or staged.paths or input_digests(paths) != current[1]:
        return None
    expected, anchoring = _expected_id(paths, annotations_dir, set(taken), digest)
    return up_to_date(anchoring, expected, started) if expected == current[0] else None


def _check_only(anchored, annotations_dir, sources, report, staged: Staged) -> None:
    """Anchor every document and match its curated quotes, writing nothing; fail on
    whatever a build would change."""
    for document in anchored:
        curated_claims(document, annotations_dir, sources, report.revisions)
    _check(report, staged)


def _full_build(
    anchored,
    annotations_dir,
    db_path,
    sources,
    retired,
    report,
    digest,
    code,
    *,
    model,
    progress,
    cache_dir,
    workers,
    cluster,
    total,
) -> None:
    """Analyse each document (or reuse its cached analyses), assemble it and write the
    database; `total` documents are coming."""
    gazetteer_path = annotations_dir / GAZETTEER_FILE
    gazetteer = load_gazetteer(gazetteer_path)
    report.corpus = corpus_key(code, annotations_dir)
    analyses = AnalysisCache(cache_dir, analysis_key(code, gazetteer_path))
    where = analyser(model, gazetteer, workers, cluster)
    try:
        analysed = analysed_documents(anchored, where, analyses, progress, total)
        assembled = (assemble(d, annotations_dir, sources) for d in analysed)
        context = Corpus(gazetteer.by_id(), sources, retired)
        write_atomically(db_path, assembled, context, report, digest, model)
    finally:
        where.close()
    report.analysed, report.reused = analyses.analysed, analyses.reused
    analyses.prune()


def _expected_id(paths, annotations_dir: Path, taken: set[str], digest):
    """Return the id a build would get, by anchoring every text without writing anything
    (None when a lock would change, since only a build writes it), and that anchoring's
    report."""
    digest, anchoring = digest.copy(), BuildReport()
    for _ in _anchor(paths, annotations_dir, taken, anchoring, digest, Staged(False), True):
        pass
    return (None if anchoring.changed_locks else digest.hexdigest()[:16]), anchoring


def _current_build(db_path: Path) -> tuple[str, dict] | None:
    """Return the id of the build at db_path and the files it was made from, or None when
    there is none to read."""
    try:
        with closing(sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)) as db:
            meta = dict(
                db.execute("SELECT key, value FROM meta WHERE key IN ('build_id', 'inputs')")
            )
    except sqlite3.Error:
        return None
    if "build_id" not in meta:
        return None
    return meta["build_id"], json.loads(meta.get("inputs") or "{}")


def _check(report: BuildReport, staged: Staged) -> None:
    """Fail `build --check` on anything a build would write or re-anchor."""
    problems = []
    if report.changed_locks:
        problems.append("paragraph locks would change: " + ", ".join(report.changed_locks))
    if staged.paths:
        problems.append("files would be written: " + ", ".join(map(str, staged.paths)))
    if report.revisions:
        names = ", ".join(f"{r.claim_id} ({r.path}:{r.line})" for r in report.revisions)
        problems.append(f"curated quotes no longer match the text: {names}")
    if problems:
        raise CheckFailed("; ".join(problems))


def _anchor(paths, annotations_dir, taken, report, digest, staged: Staged, check):
    """Read, segment and re-anchor each document in turn, staging its new lock."""
    for path in paths:
        doc = load_document(path)
        build, anchoring = anchor(doc, read_lock(annotations_dir, doc.id), taken)
        tally_anchoring(report, anchoring, doc.id)
        digest.update(f"{doc.id}\n{doc.sha256}\n{doc.metadata_sha256}\n".encode())
        digest.update(ids.dump_lock(anchoring.lock).encode())
        report.inputs[doc.path.name] = doc.sha256
        if doc.metadata_sha256:
            report.inputs[doc.path.with_suffix(".yaml").name] = doc.metadata_sha256
        if anchoring.changed and not check:
            staged.add(ids.lock_path(annotations_dir, doc.id), ids.dump_lock(anchoring.lock))
        yield build


class ProgressDisplay:
    """Show a build's progress on stderr: a bar on a terminal, a line a step otherwise
    (a log or CI keeps lines, not a redrawn bar)."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stderr
        self.bar = None

    def __call__(self, done: int, total: int) -> None:
        """Show that `done` of `total` documents are annotated."""
        if not self.stream.isatty():
            print(f"annotated {done}/{total} documents", file=self.stream, flush=True)
            return
        if self.bar is None:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="doc", desc="annotated", file=self.stream)
        self.bar.update(done - self.bar.n)
        if done == total:
            self.bar.close()
