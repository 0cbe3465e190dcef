"""The publisher's side of the job queue: take the next job, keep its lease, end it.

A running job carries its publisher's name (host and process) and a heartbeat time that the
publisher renews while it works; a job whose publisher is gone is put back in the queue
once, then failed (`MAX_ATTEMPTS`), by whichever publisher finds it.
"""

import json

from service.serve.annotations.userstore.jobs import COLUMNS, Job, JobQueue, dump, job_from, now


class Leases(JobQueue):
    """Take jobs in order, renew their leases and record how they ended."""

    def take(self, worker: str) -> Job | None:
        """Mark the oldest job that may run now as running by `worker` and return it.

        A job waits while an earlier job of its document is unfinished, so that a document's
        changes are applied in the order they were sent, whichever publisher takes them.
        """
        with self.store.transaction() as cur:
            cur.execute(
                "SELECT id FROM jobs j WHERE state = 'queued' AND NOT EXISTS ("
                " SELECT 1 FROM jobs e WHERE e.document_id = j.document_id AND e.seq < j.seq"
                " AND e.state IN ('queued', 'running'))"
                f" ORDER BY seq LIMIT 1{self.skip_locked}"
            )
            row = cur.fetchone()
            if row is None:
                return None
            stamp = now()
            cur.execute(
                self.store.sql(
                    "UPDATE jobs SET state = 'running', step = 'waiting', attempts = attempts + 1,"
                    " worker = ?, heartbeat_at = ?, beats = beats + 1,"
                    " started_at = coalesce(started_at, ?)"
                    f" WHERE id = ? RETURNING {COLUMNS}"
                ),
                (worker, stamp, stamp, row[0]),
            )
            return job_from(cur.fetchone())

    def heartbeat(self, job: Job, worker: str, step: str | None = None) -> bool:
        """Renew a running job's lease (and say what it is doing); False if it is no
        longer this worker's."""
        with self.store.transaction() as cur:
            cur.execute(
                self.store.sql(
                    "UPDATE jobs SET heartbeat_at = ?, beats = beats + 1, step = coalesce(?, step)"
                    " WHERE id = ? AND worker = ? AND state = 'running'"
                ),
                (now(), step, job.id, worker),
            )
            return cur.rowcount == 1

    def keep_previous(self, job: Job, previous: dict) -> dict:
        """Record the files as they were before the job first touched them; return the
        record kept (an earlier attempt's, if there was one)."""
        with self.store.transaction() as cur:
            cur.execute(
                self.store.sql("UPDATE jobs SET previous = ? WHERE id = ? AND previous IS NULL"),
                (dump(previous), job.id),
            )
            cur.execute(self.store.sql("SELECT previous FROM jobs WHERE id = ?"), (job.id,))
            return json.loads(cur.fetchone()[0])

    def published(self, job: Job, build_id: str | None) -> None:
        """End a job as published by the build `build_id`."""
        with self.store.transaction() as cur:
            cur.execute(
                self.store.sql(
                    "UPDATE jobs SET state = 'published', step = 'done', finished_at = ?,"
                    " build_id = ?, worker = NULL WHERE id = ?"
                ),
                (now(), build_id, job.id),
            )
            if job.action == "retire":
                cur.execute(
                    self.store.sql(
                        "UPDATE submitted_documents SET retired_at = ?, sha256 = NULL"
                        " WHERE document_id = ?"
                    ),
                    (now(), job.document_id),
                )

    def failed(self, job: Job, problem: dict) -> None:
        """End a job as failed with a problem document, giving back what it had taken: a new
        document's id and text, or a revision's text."""
        with self.store.transaction() as cur:
            cur.execute(
                self.store.sql(
                    "UPDATE jobs SET state = 'failed', step = 'done', finished_at = ?, error = ?,"
                    " worker = NULL WHERE id = ?"
                ),
                (now(), dump(problem), job.id),
            )
            if job.action == "create":
                cur.execute(
                    self.store.sql("DELETE FROM submitted_documents WHERE document_id = ?"),
                    (job.document_id,),
                )
            elif job.action == "revise":
                cur.execute(
                    self.store.sql(
                        "UPDATE submitted_documents SET sha256 = ? WHERE document_id = ?"
                        " AND sha256 = ?"
                    ),
                    (job.payload["previous_sha256"], job.document_id, job.payload["sha256"]),
                )

    def running(self) -> list[Job]:
        """Return the jobs marked running, oldest first."""
        return [
            job_from(row)
            for row in self.store.read(
                f"SELECT {COLUMNS} FROM jobs WHERE state = 'running' ORDER BY seq"
            )
        ]

    def requeue(self, job: Job) -> bool:
        """Put a running job whose publisher stopped back in the queue, unless it changed
        since it was read (another publisher took it over, or it beat); tell whether it was."""
        return self._unchanged_then(
            job, "state = 'queued', step = 'queued', worker = NULL, heartbeat_at = NULL", ()
        )

    def adopt(self, job: Job, worker: str) -> bool:
        """Make a running job whose publisher stopped `worker`'s, unless it changed since it
        was read; tell whether it was."""
        return self._unchanged_then(
            job, "worker = ?, heartbeat_at = ?, beats = beats + 1", (worker, now())
        )

    def _unchanged_then(self, job: Job, assignments: str, params: tuple) -> bool:
        """Update a running job only if its worker and beats are still those read."""
        with self.store.transaction() as cur:
            cur.execute(
                self.store.sql(
                    f"UPDATE jobs SET {assignments}"
                    " WHERE id = ? AND state = 'running' AND worker = ? AND beats = ?"
                ),
                (*params, job.id, job.worker, job.beats),
            )
            return cur.rowcount == 1
