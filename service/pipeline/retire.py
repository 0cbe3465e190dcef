"""Retire documents whose source text is gone, so that their IDs answer 410 from then on.

A document is retired when its annotations folder holds a paragraph lock but the
source folder no longer holds its text. The folder keeps a `retired.yaml` that says
when and why, and which claim IDs it had; the build writes it the first time it
finds the text gone, from the database it is about to replace.
"""

import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import yaml
from marshmallow import Schema, fields, validate

from service.pipeline import ids
from service.pipeline.inputs import BuildError, load_with, parse_yaml

TOMBSTONE = "retired.yaml"
DELETED = "its source text was deleted"


class TombstoneSchema(Schema):
    """What a retired document's `retired.yaml` says."""

    document = fields.String(required=True)
    title = fields.String(allow_none=True, load_default=None)
    retired_at = fields.String(required=True, validate=validate.Length(min=1))
    reason = fields.String(required=True, validate=validate.Length(min=1))
    claims = fields.List(fields.String(), load_default=list)


@dataclass(frozen=True)
class RetiredDocument:
    """A document that was removed, and every ID it ever gave out."""

    id: str
    title: str | None
    retired_at: str
    reason: str
    paragraphs: frozenset[str]
    claims: tuple[str, ...]


def retired_key(document: RetiredDocument) -> bytes:
    """Say what a retired document adds to the build id, the same way every run."""
    record = {
        "id": document.id,
        "title": document.title,
        "retired_at": document.retired_at,
        "reason": document.reason,
        "paragraphs": sorted(document.paragraphs),
        "claims": list(document.claims),
    }
    return (json.dumps(record, sort_keys=True) + "\n").encode()


def tombstone_path(annotations_dir: Path, document_id: str) -> Path:
    """Return where a retired document's record lives."""
    return annotations_dir / document_id / TOMBSTONE


def retired_documents(
    annotations_dir: Path, live: set[str], previous_db: Path, stage
) -> list[RetiredDocument]:
    """Find the documents that have a lock but no text; stage a record for new ones."""
    folders = sorted(annotations_dir.iterdir()) if annotations_dir.is_dir() else []
    return [
        retired_document(folder, previous_db, stage)
        for folder in folders
        if folder.name not in live and (folder / ids.LOCK_NAME).exists()
    ]


def retired_document(folder: Path, previous_db: Path, stage) -> RetiredDocument:
    """Read a retired document's record from its annotations folder, staging one made from
    previous_db the first time."""
    path = folder / TOMBSTONE
    if path.exists():
        node, data = parse_yaml(path)
        record = load_with(TombstoneSchema(), path, node, data)
    else:
        record = tombstone(folder.name, previous_db, DELETED)
        stage(path, dump_tombstone(record))
    lock = ids.read_lock(folder / ids.LOCK_NAME)
    return RetiredDocument(
        id=folder.name,
        title=record["title"],
        retired_at=record["retired_at"],
        reason=record["reason"],
        paragraphs=frozenset(ids.lock_ids(lock)),
        claims=tuple(record["claims"]),
    )


def tombstone(document_id: str, db_path: Path, reason: str) -> dict:
    """Say when and why a document was retired, with its title and claims from db_path."""
    title, claims = None, []
    if db_path.exists():
        try:
            with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as db:
                row = db.execute("SELECT title FROM documents WHERE id = ?", (document_id,))
                found = row.fetchone()
                title = found[0] if found else None
                rows = db.execute(
                    "SELECT id FROM claims WHERE document_id = ? ORDER BY id", (document_id,)
                )
                claims = [claim_id for (claim_id,) in rows]
        except sqlite3.Error as error:
            raise BuildError(db_path, None, f"cannot read the previous build: {error}") from None
    return {
        "document": document_id,
        "title": title,
        "retired_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "reason": reason,
        "claims": claims,
    }


def dump_tombstone(record: dict) -> str:
    """Write a retired document's record as YAML, with a comment saying what it is."""
    header = "# This document was removed: its paragraph and claim IDs answer 410 Gone.\n"
    return header + yaml.safe_dump(record, sort_keys=False, allow_unicode=True, width=100)


def gone_rows(retired) -> list[dict]:
    """Return a row for every ID of every retired document, saying when and why it went."""
    rows: list[dict] = []
    owners: dict[tuple[str, str], str] = {}
    for document in retired:
        said = {"document_id": document.id, "retired_at": document.retired_at}
        said["reason"], said["title"] = document.reason, document.title
        rows += [{"id": document.id, "kind": "document", **said}]
        rows += [{"id": p, "kind": "paragraph", **said} for p in sorted(document.paragraphs)]
        rows += [{"id": c, "kind": "claim", **said} for c in document.claims]
    for row in rows:
        owner = owners.setdefault((row["kind"], row["id"]), row["document_id"])
        if owner != row["document_id"]:
            raise BuildError(
                Path(row["document_id"]) / TOMBSTONE,
                None,
                f"{row['kind']} '{row['id']}' is also recorded as retired by '{owner}'",
            )
    return rows
