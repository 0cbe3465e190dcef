"""A server killed with SIGKILL in the middle of writes loses no annotation it acknowledged."""

import http.client
import os
import signal
import threading
import uuid

import pytest

from service.serve.annotations.userstore import open_user_store
from tests.support.protocol_client import call, make_token, writer_headers
from tests.support.server import start_server

# Two real servers, the first killed in the middle of writes.
pytestmark = pytest.mark.slow

WRITERS = 4
ACKNOWLEDGED_BEFORE_KILL = 60


def write_until_refused(base: str, token: str, acknowledged: dict, lock: threading.Lock):
    """POST annotations until the server stops answering; record each 201 by its id."""
    while True:
        canonical = f"urn:uuid:{uuid.uuid4()}"
        body = {
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "type": "Annotation",
            "target": f"{base}/v1/paragraphs/p-b64206c87687",
            "canonical": canonical,
        }
        try:
            answer = call("POST", f"{base}/v1/annotations/", writer_headers(token), body)
        except (OSError, http.client.HTTPException):
            return  # the server is gone, maybe halfway through an answer it never finished
        if answer.status != 201:
            return
        with lock:
            acknowledged[answer.body["id"].rsplit("/", 1)[1]] = canonical


def test_sigkill_during_writes_loses_no_acknowledged_annotation(built_db, tmp_path):
    store = tmp_path / "store.db"
    token = make_token(store, "durability")
    process, base = start_server(built_db, store)
    acknowledged, lock = {}, threading.Lock()
    writers = [
        threading.Thread(target=write_until_refused, args=(base, token, acknowledged, lock))
        for _ in range(WRITERS)
    ]
    for writer in writers:
        writer.start()
    try:
        while len(acknowledged) < ACKNOWLEDGED_BEFORE_KILL and any(w.is_alive() for w in writers):
            threading.Event().wait(0.01)
    finally:
        os.killpg(process.pid, signal.SIGKILL)  # the master and both workers, mid-write
        process.wait(timeout=10)
        for writer in writers:
            writer.join(timeout=60)
    assert len(acknowledged) >= ACKNOWLEDGED_BEFORE_KILL

    users = open_user_store(str(store))
    kept = {id: users.get(id) for id in acknowledged}
    assert [id for id, found in kept.items() if found is None] == []
    assert all(kept[id].annotation["canonical"] == acknowledged[id] for id in acknowledged)
    canonicals = [users.get(id).annotation["canonical"] for id in users.ids()]
    assert len(canonicals) == len(set(canonicals))  # none stored twice

    process, base = start_server(built_db, store)
    try:
        for id, canonical in acknowledged.items():
            answer = call("GET", f"{base}/v1/annotations/{id}")
            assert answer.status == 200 and answer.body["canonical"] == canonical
    finally:
        process.terminate()
        process.wait(timeout=10)
