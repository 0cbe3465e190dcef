"""The publisher's loop: take the next job, write its files, publish the change into the
database, and take up the jobs of publishers that died."""

import os
import signal
import socket
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from service.config import load_settings
from service.corpus.errors import CorpusError
from service.pipeline.inputs import BuildError
from service.pipeline.report import BuildReport
from service.publisher import changes
from service.publisher.lock import corpus_lock
from service.serve.annotations.userstore import open_user_store
from service.serve.annotations.userstore.jobs import MAX_ATTEMPTS, Job, parse_time
from service.serve.annotations.userstore.leases import Leases

NOT_PUBLISHED = "urn:claims:problem:not-published"
STOPPED = "urn:claims:problem:publisher-stopped"


def say(message: str) -> None:
    """Report what the publisher did on stderr, a line at a time."""
    print(f"publish: {message}", file=sys.stderr, flush=True)


class Publisher:
    """Publish the queued jobs of one corpus, in order, from one process; the corpus is the
    settings' (defaults, CLAIMS_* variables, then `config`)."""

    def __init__(self, config: dict, parent: int | None = None, log: Callable = say):
        settings = load_settings(config)
        self.queue = Leases(open_user_store(str(settings["STORE"])))
        self.source_dir = Path(settings["SOURCE_DIR"])
        self.annotations_dir = Path(settings["ANNOTATIONS_DIR"])
        self.db = Path(settings["DB"])
        self.cache_dir = Path(settings["CACHE"]) if settings.get("CACHE") else None
        self.model = str(settings["SPACY_MODEL"])
        self.poll = _seconds(settings, "PUBLISH_POLL")
        self.lease = _seconds(settings, "PUBLISH_LEASE")
        self.name = f"{socket.gethostname()}:{os.getpid()}"
        self.parent, self.log = parent, log
        self.stopping = threading.Event()

    def run(self, once: bool = False) -> int:
        """Publish jobs until stopped (with once, until none is left that may run now);
        return how many were handled."""
        handled = 0
        self.recover()
        while not self.stopping.is_set():
            if self.parent is not None and os.getppid() != self.parent:
                self.log("the server that started this publisher is gone; stopping")
                break
            try:
                job = self.queue.take(self.name)
                if job is not None:
                    self.publish(job)
                    handled += 1
                    continue
                if once:
                    break
                self.stopping.wait(self.poll)
                self.recover()
            except Exception:
                if once:
                    raise
                # The store may be away for a moment (PostgreSQL restarting): a job left
                # marked as this publisher's is taken up again at the next look.
                self.log(f"the queue could not be read:\n{traceback.format_exc()}")
                self.stopping.wait(self.poll)
        return handled

    def publish(self, job: Job) -> None:
        """Write a job's change into the corpus, build, and record how it ended; a job that
        cannot be published leaves the files and the served database as they were."""
        started = time.perf_counter()
        with self._beating(job) as step, corpus_lock(self.db):
            step("writing")
            files = changes.files_of(job.document_id, self.source_dir, self.annotations_dir)
            # Kept before anything is touched, so that a crash from here on can be undone.
            previous = self.queue.keep_previous(job, changes.snapshot(files))
            try:
                changes.restore(files, previous)  # a retry starts from the files as they were
                changes.apply(job, self.source_dir, self.annotations_dir, self.db)
                step("building")
                report = self.build(job.document_id)
            except (CorpusError, BuildError) as error:
                changes.restore(files, previous)
                self.queue.failed(job, _problem(NOT_PUBLISHED, "Not published", _said(error)))
                self.log(f"{job.id} ({job.action} {job.document_id}) failed: {error}")
                return
            except Exception:
                changes.restore(files, previous)
                self.queue.failed(
                    job,
                    _problem(NOT_PUBLISHED, "Not published", "The publisher failed; see its log."),
                )
                self.log(f"{job.id} failed unexpectedly:\n{traceback.format_exc()}")
                return
            self.queue.published(job, report.build_id)
        seconds = time.perf_counter() - started
        self.log(f"{job.id} ({job.action} {job.document_id}) published in {seconds:.2f} s")
        self.log(report.summary())

    def build(self, document_id: str | None = None) -> BuildReport:
        """Publish one document's change into the served database in place, or build the
        database from the files and swap it in, as `claims build` does: in this process,
        which keeps the model loaded from one job to the next."""
        from service.pipeline.incremental import publish_in_place
        from service.pipeline.run import build

        if document_id is not None:
            placed = publish_in_place(
                self.source_dir,
                self.annotations_dir,
                self.db,
                model=self.model,
                cache_dir=self.cache_dir,
                documents={document_id},
            )
            if placed is not None:
                return placed
        return build(
            self.source_dir,
            self.annotations_dir,
            self.db,
            model=self.model,
            cache_dir=self.cache_dir,
            workers=1,
            reuse_current=True,
            in_place=False,  # tried above, for the one document a job changes
        )

    def recover(self) -> None:
        """Take up each running job whose publisher is gone (called between jobs only): back
        in the queue once, then failed, its files put back and the database built again."""
        from service.journal import settle

        settle(self.db)
        for job in self.queue.running():
            # Between jobs, a job still marked as this publisher's was left by an error.
            if job.worker != self.name and not self._orphaned(job):
                continue
            self._clear_after(job)
            if job.attempts < MAX_ATTEMPTS:
                if self.queue.requeue(job):
                    self.log(f"{job.id}: its publisher {job.worker} stopped; queued again")
            elif self.queue.adopt(job, self.name):
                self._abandon(job)

    def _abandon(self, job: Job) -> None:
        """Fail a job whose publishers died twice, leaving the corpus as it was before it."""
        with corpus_lock(self.db):
            if job.previous is not None:
                files = changes.files_of(job.document_id, self.source_dir, self.annotations_dir)
                changes.restore(files, job.previous)
            try:
                self.build()  # if a publisher died after its swap, serve the files' state again
            except BuildError as error:
                self.log(f"{job.id}: the corpus could not be built again: {error}")
        detail = (
            f"The publisher stopped while publishing this job {job.attempts} times (last "
            f"{job.worker}); the corpus is as it was before the job."
        )
        self.queue.failed(job, _problem(STOPPED, "Publisher stopped", detail))
        self.log(f"{job.id}: {detail}")

    def _clear_after(self, job: Job) -> None:
        """Delete the half-written database a publisher of this host left when it died."""
        from service.pipeline.write import temp_path

        host, _, pid = (job.worker or "").rpartition(":")
        if host == socket.gethostname() and pid.isdigit() and not _alive(int(pid)):
            temp_path(self.db, int(pid)).unlink(missing_ok=True)

    def _orphaned(self, job: Job) -> bool:
        """Tell whether a running job's publisher is gone: a process of this host that has
        ended, or any publisher whose heartbeat is older than the lease."""
        host, _, pid = (job.worker or "").rpartition(":")
        if host == socket.gethostname() and pid.isdigit() and not _alive(int(pid)):
            return True
        if job.heartbeat_at is None:
            return True
        age = datetime.now(UTC) - parse_time(job.heartbeat_at)
        return age.total_seconds() > self.lease

    @contextmanager
    def _beating(self, job: Job) -> Iterator[Callable[[str], object]]:
        """Renew the job's lease from a thread of its own while the block runs; give the block
        a function that records the step it is on."""
        done = threading.Event()

        def beat() -> None:
            """Renew the lease every third of it; a missed beat is tried again next time."""
            while not done.wait(self.lease / 3):
                try:
                    self.queue.heartbeat(job, self.name)
                except Exception as error:  # the store may be busy; the lease allows for it
                    self.log(f"{job.id}: heartbeat missed: {error}")

        thread = threading.Thread(target=beat, name=f"heartbeat {job.id}", daemon=True)
        thread.start()
        try:
            yield lambda step: self.queue.heartbeat(job, self.name, step)
        finally:
            done.set()
            thread.join()

    def stop_on_signals(self) -> None:
        """Finish the job in hand, then stop, on SIGTERM or SIGINT (Ctrl-C)."""
        for number in (signal.SIGTERM, signal.SIGINT):
            signal.signal(number, lambda *_: self.stopping.set())


def _alive(pid: int) -> bool:
    """Tell whether a process of this host is running."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive
    return True


def _seconds(settings: dict, key: str) -> float:
    """Read a setting as a positive number of seconds."""
    value = str(settings[key]).strip()
    try:
        seconds = float(value)
    except ValueError:
        seconds = 0
    if not seconds > 0:
        raise ValueError(f"CLAIMS_{key} must be a number of seconds above 0, not {value!r}")
    return seconds


def _problem(type_: str, title: str, detail: str) -> dict:
    """A problem document for a failed job."""
    return {"type": type_, "title": title, "detail": detail}


def _said(error: Exception) -> str:
    """Write an error as the sentence a job shows."""
    text = str(error)
    if isinstance(error, BuildError):
        text = f"the build failed: {text}"
    return text[:1].upper() + text[1:].rstrip(".") + "."
