"""The job queue in the writable store, on SQLite and on a real PostgreSQL: order, ownership,
what a failed job gives back, leases, and publishers that never take the same job."""

import threading

import pytest

from service.serve.annotations.userstore import open_user_store
from service.serve.annotations.userstore.jobs import Submission, Taken
from service.serve.annotations.userstore.leases import Leases


def submission(doc: str, text: str) -> Submission:
    """A text checked for publishing, as the intake makes it."""
    return Submission(doc, {"text": text}, f"sha-of-{text}")


@pytest.fixture
def queue(location) -> Leases:
    """A queue over a fresh store."""
    return Leases(open_user_store(location))


def test_jobs_of_a_document_run_in_the_order_sent_and_others_pass_a_waiting_one(queue):
    a1 = queue.create(submission("a", "one"), "alice")
    a2 = queue.revise(submission("a", "two"), "alice")
    b1 = queue.create(submission("b", "three"), "bob")
    assert queue.take("p1").id == a1.id
    # a2 waits for a1; b1 may run meanwhile, on another publisher.
    assert queue.take("p2").id == b1.id
    assert queue.take("p3") is None
    queue.published(queue.get(a1.id), "build-1")
    taken = queue.take("p3")
    assert (taken.id, taken.action, taken.state, taken.attempts) == (a2.id, "revise", "running", 1)


def test_an_id_or_a_text_is_taken_once(queue):
    queue.create(submission("a", "one"), "alice")
    with pytest.raises(Taken, match="'a' is already submitted"):
        queue.create(submission("a", "two"), "bob")
    with pytest.raises(Taken, match="already submitted as 'a'"):
        queue.create(submission("b", "one"), "bob")
    queue.create(submission("b", "two"), "bob")
    with pytest.raises(Taken, match="already submitted as 'a'"):
        queue.revise(submission("b", "one"), "bob")
    assert queue.owner("a").name == "alice" and queue.owner("c") is None


def test_a_failed_creation_gives_back_its_id_and_text(queue):
    job = queue.create(submission("a", "one"), "alice")
    queue.failed(queue.take("p"), {"type": "t", "title": "Not published", "detail": "No."})
    failed = queue.get(job.id)
    assert (failed.state, failed.step, failed.error["detail"]) == ("failed", "done", "No.")
    assert failed.finished_at is not None and queue.owner("a") is None
    queue.create(submission("a", "one"), "bob")


def test_a_failed_revision_gives_back_the_text_before_it(queue):
    created = queue.create(submission("a", "one"), "alice")
    queue.published(queue.take("p"), "build-1")
    queue.revise(submission("a", "two"), "alice")
    assert queue.submitted_with("sha-of-two") == "a"
    queue.failed(queue.take("p"), {"type": "t", "title": "Not published", "detail": "No."})
    assert queue.submitted_with("sha-of-one") == "a"
    assert queue.submitted_with("sha-of-two") is None
    assert queue.get(created.id).build_id == "build-1"


def test_a_published_removal_retires_the_document_and_frees_its_text(queue):
    queue.create(submission("a", "one"), "alice")
    queue.published(queue.take("p"), "build-1")
    queue.retire("a", "alice", "withdrawn")
    retired = queue.take("p")
    assert retired.payload == {"reason": "withdrawn"}
    queue.published(retired, "build-2")
    assert queue.owner("a").retired_at is not None
    assert queue.submitted_with("sha-of-one") is None
    with pytest.raises(Taken, match="was submitted and removed"):
        queue.create(submission("a", "again"), "alice")


def test_a_lease_is_renewed_only_by_its_worker_and_taken_over_only_unchanged(queue):
    queue.create(submission("a", "one"), "alice")
    job = queue.take("host:1")
    assert queue.heartbeat(job, "host:1", "building")
    assert not queue.heartbeat(job, "host:2")
    assert queue.get(job.id).step == "building"
    stale = job  # as read before the beat above: another publisher may not act on it
    assert not queue.requeue(stale)
    current = queue.get(job.id)
    assert queue.adopt(current, "host:2")
    assert queue.get(job.id).worker == "host:2"
    assert not queue.requeue(current)  # adopted since it was read
    assert queue.requeue(queue.get(job.id))
    again = queue.take("host:3")
    assert (again.id, again.attempts, again.started_at) == (job.id, 2, job.started_at)


def test_the_files_before_a_job_are_kept_from_its_first_attempt(queue):
    queue.create(submission("a", "one"), "alice")
    job = queue.take("p")
    assert queue.keep_previous(job, {"text": None}) == {"text": None}
    assert queue.keep_previous(job, {"text": "written by the first attempt"}) == {"text": None}


def test_publishers_taking_at_once_never_take_the_same_job(location):
    count, publishers = 40, 4
    queue = Leases(open_user_store(location))
    for number in range(count):
        queue.create(submission(f"d{number}", f"text {number}"), "alice")
    taken: list[list[str]] = [[] for _ in range(publishers)]
    start = threading.Barrier(publishers)

    def work(index: int) -> None:
        own = Leases(open_user_store(location))  # a publisher of its own, with its connections
        start.wait()
        while (job := own.take(f"host:{index}")) is not None:
            taken[index].append(job.id)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(publishers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    every = [job for jobs in taken for job in jobs]
    assert len(every) == len(set(every)) == count
    assert [job.state for job in queue.running()] == ["running"] * count
