"""Where documents are analysed: in this process, in a pool of local processes, or on a
Dask cluster. Only the analysis moves; the database is still written by one process."""

import gc
import hashlib
import json
import os
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice

from service.pipeline.nlp.gazetteer import Gazetteer
from service.pipeline.nlp.pipeline import analyse, load_pipeline
from service.pipeline.records import Analysis, ParagraphInput

# Documents (by their paragraphs) to analyse together, and the analyses they get back.
Inputs = list[list[ParagraphInput]]
Results = list[list[Analysis]]

_pipelines: dict[tuple[str, str], object] = {}  # one loaded model per worker process
CONNECT_TIMEOUT = "20s"  # how long a build waits for a Dask scheduler to answer


def analyse_documents(model: str, gazetteer: Gazetteer, documents: Inputs) -> Results:
    """Analyse documents in one stream, so that spaCy batches across them; split the results."""
    key = (model, _fingerprint(gazetteer))
    if key not in _pipelines:
        gc.unfreeze()  # so that a model replaced here can be collected
        _pipelines.clear()  # a worker serves one build at a time: keep one model
        _pipelines[key] = load_pipeline(model, gazetteer)
        # The model lives until it is replaced: frozen, its objects are left out of every
        # collection the analysis triggers, which would otherwise walk them all.
        gc.freeze()
    flat = (paragraph for document in documents for paragraph in document)
    results = analyse(_pipelines[key], gazetteer, flat)
    return [list(islice(results, len(document))) for document in documents]


def _fingerprint(gazetteer: Gazetteer) -> str:
    """Tell gazetteers apart by content, so a worker reloads only for a different one."""
    text = json.dumps([gazetteer.entities, sorted(gazetteer.not_entities)], sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


class InProcess:
    """Analyse in this process, loading the model at the first document that needs it."""

    chunk_documents, lookahead = 32, 0

    def __init__(self, model: str, gazetteer: Gazetteer):
        self.model, self.gazetteer = model, gazetteer

    def submit(self, documents: Inputs) -> Future:
        """Analyse now; hand back a finished future."""
        future: Future = Future()
        future.set_result(analyse_documents(self.model, self.gazetteer, documents))
        return future

    def close(self) -> None:
        """Nothing to release."""


class ProcessPool:
    """Analyse on local worker processes, each loading the model once."""

    chunk_documents = 8  # small chunks keep every worker busy to the end

    def __init__(self, model: str, gazetteer: Gazetteer, workers: int):
        self.model, self.gazetteer = model, gazetteer
        self.lookahead = 2 * workers
        self.workers = workers
        self.pool: ProcessPoolExecutor | None = None

    def submit(self, documents: Inputs) -> Future:
        """Queue a chunk on the pool, starting it at the first chunk that needs analysing."""
        if self.pool is None:
            self.pool = ProcessPoolExecutor(self.workers)
        return self.pool.submit(analyse_documents, self.model, self.gazetteer, documents)

    def close(self) -> None:
        """Stop the workers."""
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)


class Cluster:
    """Analyse on the workers of a Dask distributed cluster."""

    chunk_documents = 8

    def __init__(
        self, model: str, gazetteer: Gazetteer, address: str, connect_timeout: str = CONNECT_TIMEOUT
    ):
        from distributed import Client  # only a cluster build needs Dask

        self.model = model
        self.client = Client(address, timeout=connect_timeout)
        workers = max(1, len(self.client.scheduler_info()["workers"]))
        self.lookahead = 2 * workers
        # Sent once and shared by every task, not pickled into each of them.
        self.gazetteer = self.client.scatter(gazetteer, broadcast=True)

    def submit(self, documents: Inputs):
        """Queue a chunk on the cluster; its future answers `result()` like a local one."""
        return self.client.submit(
            analyse_documents, self.model, self.gazetteer, documents, pure=False
        )

    def close(self) -> None:
        """Disconnect from the scheduler; the cluster keeps running."""
        self.client.close()


def analyser(
    model: str,
    gazetteer: Gazetteer,
    workers: int | None,
    cluster: str | None,
    connect_timeout: str = CONNECT_TIMEOUT,
):
    """Choose where to analyse: a cluster if named, else a pool of workers, else here."""
    if cluster:
        return Cluster(model, gazetteer, cluster, connect_timeout)
    workers = workers or os.cpu_count() or 1
    return ProcessPool(model, gazetteer, workers) if workers > 1 else InProcess(model, gazetteer)
