"""Steps of a build that publishing in place takes too: hashing what shapes the database,
reading locks, tallying anchorings, and analysing documents a chunk at a time."""

import hashlib
import os
import time
from collections import deque
from itertools import islice
from pathlib import Path

from service.pipeline import ids
from service.pipeline.cache import AnalysisCache
from service.pipeline.claims.curated import CLAIMS_FILE
from service.pipeline.claims.sources import SOURCES_FILE
from service.pipeline.inputs import BuildError
from service.pipeline.nlp.gazetteer import GAZETTEER_FILE
from service.pipeline.records import DocumentBuild, paragraph_input
from service.pipeline.report import BuildReport
from service.pipeline.versions import SCHEMA_VERSION, SHAPING_LIBRARIES, model_version

PROGRESS_STEPS = 10  # a build reports each tenth of its documents, and its last


def digest_inputs(digest, annotations_dir: Path):
    """Add the annotations every document is built against to the build id's hash."""
    for path in (
        annotations_dir / GAZETTEER_FILE,
        annotations_dir / SOURCES_FILE,
        *_curated_claims_files(annotations_dir),
    ):
        digest.update(path.read_bytes() if path.exists() else b"-")
    return digest


def _curated_claims_files(annotations_dir: Path) -> list[Path]:
    """List the documents' curated claims files, in name order (one scan of the folder:
    a glob costs several times more in a corpus of thousands)."""
    if not annotations_dir.is_dir():
        return []
    with os.scandir(annotations_dir) as entries:
        folders = [entry.path for entry in entries if entry.is_dir()]
    files = [Path(folder) / CLAIMS_FILE for folder in folders]
    return sorted(path for path in files if path.is_file())


def corpus_key(code, annotations_dir: Path) -> str:
    """Hash what every document is built against: the build code and model (the
    start_digest given), the gazetteer, the sources and the curated claims. A database
    published in place is only changed by the same."""
    return digest_inputs(code.copy(), annotations_dir).hexdigest()[:16]


def analysed_documents(documents, where, analyses: AnalysisCache, progress, total: int):
    """Analyse documents a chunk at a time, reusing cached analyses; yield them in order.

    Chunks are queued ahead on the workers while this process assembles and writes
    the ones already back.
    """
    queued: deque = deque()
    done = 0
    while chunk := list(islice(documents, where.chunk_documents)):
        missing = [document for document in chunk if not analyses.fill(document)]
        inputs = [[paragraph_input(p, d.doc.id) for p in d.paragraphs] for d in missing]
        queued.append((chunk, missing, where.submit(inputs) if missing else None))
        while len(queued) > where.lookahead:
            for document in collect_chunk(queued.popleft(), analyses):
                done += 1
                yield announce(document, done, total, progress)
    while queued:
        for document in collect_chunk(queued.popleft(), analyses):
            done += 1
            yield announce(document, done, total, progress)


def collect_chunk(queued, analyses: AnalysisCache) -> list[DocumentBuild]:
    """Wait for a chunk's analyses, keep them in the cache, and hand back its documents."""
    chunk, missing, future = queued
    if future is not None:
        for document, results in zip(missing, future.result(), strict=True):
            document.analyses = results
            analyses.store(document)
    return chunk


def announce(document: DocumentBuild, done: int, total: int, progress) -> DocumentBuild:
    """Report progress (documents done, of how many) at each tenth of the corpus."""
    if progress and (done % max(1, total // PROGRESS_STEPS) == 0 or done == total):
        progress(done, total)
    return document


def read_lock(annotations_dir: Path, doc_id: str) -> dict | None:
    """Read a document's lock, failing the build on a corrupt one."""
    path = ids.lock_path(annotations_dir, doc_id)
    try:
        return ids.read_lock(path)
    except (ValueError, KeyError) as error:
        raise BuildError(
            path, getattr(error, "lineno", None), f"unreadable lock: {error}"
        ) from None


def tally_anchoring(report: BuildReport, anchoring: ids.Anchoring, doc_id: str) -> None:
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


def start_digest(model: str):
    """Begin the build id: a hash of the build code, the model and, as they stream, the inputs.

    The build code shapes the database as much as the inputs do, and so do the shared
    vocabulary and the response shapes dumped at build time; the serving code does not.
    """
    libraries = " ".join(f"{name}={model_version(name)}" for name in SHAPING_LIBRARIES)
    digest = hashlib.sha256(
        f"{SCHEMA_VERSION}\n{model}\n{model_version(model)}\n{libraries}\n".encode()
    )
    for source in build_code():
        digest.update(source.read_bytes())
    return digest


def analysis_key(code, gazetteer_path: Path) -> str:
    """Hash what shapes every analysis besides the text: the build code and model (the
    start_digest given), and the gazetteer."""
    digest = code.copy()
    digest.update(gazetteer_path.read_bytes() if gazetteer_path.exists() else b"-")
    return digest.hexdigest()[:16]


def build_code() -> list[Path]:
    """List the source files whose change changes what the build writes: its code, and
    the lexicon's data files (the WordNet word lists) that the code reads."""
    pipeline = Path(__file__).resolve().parent
    shared = [pipeline.parent / "vocab.py", pipeline.parent / "representations.py"]
    lexicon = sorted((pipeline / "lexicon").glob("*.txt"))
    return [*shared, *sorted(pipeline.rglob("*.py")), *lexicon]


def input_digests(paths) -> dict[str, str]:
    """Hash each text and its metadata file, by file name: what a build records it was
    made from (meta `inputs`), and what tells a text changed since."""
    found = {}
    for path in paths:
        for file in (path, path.with_suffix(".yaml")):
            if file.exists():
                found[file.name] = hashlib.sha256(file.read_bytes()).hexdigest()
    return found


def up_to_date(report: BuildReport, build_id: str, started: float) -> BuildReport:
    """Report a build that found its database already made from these inputs."""
    report.build_id, report.up_to_date = build_id, True
    report.reused = report.documents
    report.seconds = time.perf_counter() - started
    return report
