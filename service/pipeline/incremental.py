"""Publish a change to a few texts into the served database in place, at the cost of the
change: only the changed documents' rows and search entries, the relations and contests
that touch their claims, and the counts of the entities and sources they name.

Everything is written in one transaction, so a reader sees the corpus as it was or as it
is, never between; a publisher killed mid-way leaves the database as it was (SQLite rolls
the transaction back at the next opening). A change this path cannot make (new build code
or annotations, a change to many texts, no room left in the reading order) is left to a
full build: `publish_in_place` then returns None and writes nothing.
"""

import hashlib
import json
import sqlite3
import time
from contextlib import closing, contextmanager
from pathlib import Path

import sqlite_utils

from service.journal import settle
from service.pipeline import ids
from service.pipeline.assemble import assemble
from service.pipeline.cache import AnalysisCache
from service.pipeline.claims.sources import load_sources
from service.pipeline.db.writer import Writer
from service.pipeline.inputs import corpus_paths, load_document
from service.pipeline.nlp.gazetteer import GAZETTEER_FILE, load_gazetteer
from service.pipeline.parallel import analyser
from service.pipeline.placing import NoRoom, Placing
from service.pipeline.report import BuildReport
from service.pipeline.retire import gone_rows, retired_document
from service.pipeline.single import anchor
from service.pipeline.staging import Staged
from service.pipeline.steps import (
    analysed_documents,
    analysis_key,
    corpus_key,
    input_digests,
    read_lock,
    start_digest,
    tally_anchoring,
    up_to_date,
)

MAX_SHARE = 0.1  # a change to more than this share of the texts is built in full
# How long publishing waits for readers to let go of the database. While it waits, new
# readers wait too (SQLite's pending lock): past this, a full build swaps a new file in.
BUSY_SECONDS = 2


def publish_in_place(
    source_dir: Path,
    annotations_dir: Path,
    db_path: Path,
    *,
    model: str,
    cache_dir: Path | None = None,
    documents: set[str] | None = None,
    busy_seconds: float = BUSY_SECONDS,
) -> BuildReport | None:
    """Publish the texts that changed since the served database was built (only those of
    `documents`, when given) into it in place; return the report, or None when a full
    build must do it (also when readers hold the database past busy_seconds)."""
    started = time.perf_counter()
    settle(db_path)
    served = _served(db_path)
    if served is None or "corpus" not in served:
        return None
    code = start_digest(model)  # the build code and model, hashed once for both keys
    if served["corpus"] != corpus_key(code, annotations_dir):
        return None
    inputs = json.loads(served["inputs"])
    changed, removed, now = _changes(source_dir, inputs, documents)
    texts = sum(1 for name in now if name.endswith(".txt"))
    if not (changed or removed):
        # A database a build made says itself whether it is current (its id covers the
        # locks); one published in place is current when its texts are.
        current = BuildReport(documents=texts)
        return up_to_date(current, served["build_id"], started) if served.get("placed") else None
    if len(changed) + len(removed) > max(1, MAX_SHARE * texts):
        return None
    report = BuildReport(inputs=now, corpus=served["corpus"], in_place=True)
    report.changed = sorted([p.stem for p in changed] + removed)
    staged = Staged(write=True)
    try:
        # Retired as a build retires them: a document with a lock (a build's own record)
        retired = [
            retired_document(annotations_dir / d, db_path, staged.add)
            for d in sorted(removed)
            if ids.lock_path(annotations_dir, d).exists()
        ]
        sources = _registry(annotations_dir, db_path)
        gazetteer = load_gazetteer(annotations_dir / GAZETTEER_FILE)
        anchored = _anchored(changed, annotations_dir, db_path, report, staged)
        analysed = _analysed(anchored, annotations_dir, model, code, gazetteer, cache_dir, report)
        assembled = [assemble(d, annotations_dir, sources) for d in analysed]
        try:
            with _writing(db_path, busy_seconds) as db:
                if _build_id(db) != served["build_id"]:
                    return None  # changed since it was read (another writer): build afresh
                placing = Placing(db, Writer(db), sources, gazetteer.by_id())
                for document_id in report.changed:
                    placing.take_out(document_id)
                placing.writer.insert("gone", gone_rows(retired))
                for document in assembled:
                    placing.put_in(document, report)
                placing.relate(report)
                placing.recount()
                report.build_id = _next_id(served["build_id"], now)
                placing.meta(report, model)
        except (NoRoom, sqlite3.IntegrityError):
            return None  # a full build places every document afresh, or says what is wrong
        except sqlite3.OperationalError as error:
            if "locked" not in str(error):
                raise
            return None  # readers held it past busy_seconds: a build swaps a new file in
        staged.commit()
    finally:
        staged.discard()
    report.retired_documents = [document.id for document in retired]
    report.seconds = time.perf_counter() - started
    return report


def _anchored(changed, annotations_dir, db_path, report, staged):
    """Read and anchor the changed texts, staging the locks that change."""
    taken = _ids_given(db_path)
    built = []
    for path in changed:
        doc = load_document(path)
        build, anchoring = anchor(doc, read_lock(annotations_dir, doc.id), taken)
        tally_anchoring(report, anchoring, doc.id)
        if anchoring.changed:
            staged.add(ids.lock_path(annotations_dir, doc.id), ids.dump_lock(anchoring.lock))
        built.append(build)
    return built


def _analysed(anchored, annotations_dir, model, code, gazetteer, cache_dir, report):
    """Analyse the anchored texts in this process, or reuse their cached analyses."""
    analyses = AnalysisCache(cache_dir, analysis_key(code, annotations_dir / GAZETTEER_FILE))
    where = analyser(model, gazetteer, 1, None)
    try:
        analysed = list(analysed_documents(iter(anchored), where, analyses, None, 0))
    finally:
        where.close()
    report.analysed, report.reused = analyses.analysed, analyses.reused
    return analysed


def _registry(annotations_dir: Path, db_path: Path):
    """Return the curated sources and those the served database's documents brought, so
    that a source named again keeps its id."""
    sources = load_sources(annotations_dir)
    with closing(sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)) as db:
        for (item,) in db.execute("SELECT item_json FROM sources WHERE curated = 0 ORDER BY id"):
            sources.keep(json.loads(item))
    return sources


def _changes(source_dir: Path, inputs: dict, documents: set[str] | None):
    """Return the texts new or changed since the build that `inputs` describes, the
    documents whose text is gone, and the inputs as they now are."""
    if documents is None:
        paths, now = corpus_paths(source_dir), {}
    else:  # only these texts are looked at; the others are as the build recorded them
        paths = [source_dir / f"{d}.txt" for d in sorted(documents)]
        paths = [path for path in paths if path.exists()]
        now = {name: digest for name, digest in inputs.items() if _stem(name) not in documents}
    now.update(input_digests(paths))
    stems = {_stem(name) for name in now}
    changed = [
        path
        for path in paths
        if any(now.get(n) != inputs.get(n) for n in (path.name, f"{path.stem}.yaml"))
    ]
    removed = sorted({_stem(name) for name in inputs} - stems)
    return changed, removed, now


def _stem(name: str) -> str:
    """Name the document an input file belongs to."""
    return name.rsplit(".", 1)[0]


def _served(db_path: Path) -> dict | None:
    """Read what the served database was built from, or None when there is none to read."""
    try:
        with closing(sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)) as db:
            return dict(db.execute("SELECT key, value FROM meta"))
    except sqlite3.Error:
        return None


def _build_id(db) -> str | None:
    """Read the database's build id inside the transaction."""
    row = db.execute("SELECT value FROM meta WHERE key = 'build_id'").fetchone()
    return row[0] if row else None


def _ids_given(db_path: Path) -> set[str]:
    """Return every paragraph ID the corpus ever gave out, so that no new one collides."""
    with closing(sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)) as db:
        rows = db.execute(
            "SELECT id FROM paragraphs UNION ALL SELECT id FROM retired_paragraphs"
            " UNION ALL SELECT id FROM gone WHERE kind = 'paragraph'"
        )
        return {row[0] for row in rows}


@contextmanager
def _writing(db_path: Path, busy_seconds: float):
    """Open the served database for one write transaction: committed whole at the end of
    the block, rolled back on any error."""
    conn = sqlite3.connect(db_path, timeout=busy_seconds, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield sqlite_utils.Database(conn)
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    finally:
        conn.close()


def _next_id(previous: str, inputs: dict) -> str:
    """Name the database after a change published in place: the build it came from and
    the inputs it now holds."""
    digest = hashlib.sha256(previous.encode())
    digest.update(json.dumps(inputs, sort_keys=True).encode())
    return digest.hexdigest()[:16]
