"""Idempotency keys in the writable store, on SQLite and on a real PostgreSQL: claimed once,
answered in the write's own transaction, or given back."""

import pytest

from service.serve.annotations.userstore import open_user_store
from service.serve.annotations.userstore.base import StoredAnnotation
from service.serve.annotations.userstore.idempotency import (
    Answer,
    Claim,
    IdempotencyKeys,
    KeyInUse,
    KeyReused,
)

ANSWER = Answer(201, [("Location", "/v1/annotations/u-1")], '{"id": "/v1/annotations/u-1"}')


def annotation(id: str) -> StoredAnnotation:
    return StoredAnnotation(id, "alice", {"id": f"/v1/annotations/{id}"}, f"e-{id}")


def test_a_key_is_claimed_once_then_replayed(location):
    users = open_user_store(location)
    keys = IdempotencyKeys(users)
    held = keys.claim("alice", "k", "sha-1")
    assert isinstance(held, Claim)
    with pytest.raises(KeyInUse):
        keys.claim("alice", "k", "sha-1")
    with pytest.raises(KeyReused):
        keys.claim("alice", "k", "sha-2")
    assert isinstance(keys.claim("bob", "k", "sha-2"), Claim)  # keys are the token's own
    with users.transaction() as cur:
        users.add(annotation("u-1"))
        keys.record(cur, held, ANSWER)
    assert keys.claim("alice", "k", "sha-1") == ANSWER


@pytest.mark.parametrize("fails_at", ["after-the-write", "after-the-answer"])
def test_a_write_and_its_answer_are_kept_together_or_not_at_all(location, fails_at):
    users = open_user_store(location)
    keys = IdempotencyKeys(users)
    held = keys.claim("alice", "k", "sha-1")
    assert isinstance(held, Claim)
    with pytest.raises(RuntimeError), users.transaction() as cur:
        users.add(annotation("u-1"))
        if fails_at == "after-the-answer":
            keys.record(cur, held, ANSWER)
        raise RuntimeError("the worker died")
    assert users.get("u-1") is None and users.revision() == 0
    keys.release(held)
    assert isinstance(keys.claim("alice", "k", "sha-1"), Claim)


@pytest.mark.parametrize("taken", ["released", "claimed-again"])
def test_an_answer_to_a_claim_no_longer_held_is_refused_with_its_write(location, taken):
    users = open_user_store(location)
    keys = IdempotencyKeys(users)
    held = keys.claim("alice", "k", "sha-1")
    assert isinstance(held, Claim)
    keys.release(held)
    if taken == "claimed-again":
        assert isinstance(keys.claim("alice", "k", "sha-1"), Claim)
    with pytest.raises(KeyInUse), users.transaction() as cur:
        users.add(annotation("u-1"))
        keys.record(cur, held, ANSWER)
    assert users.get("u-1") is None
