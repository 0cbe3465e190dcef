"""Claims of the corpus that a text's claims support or contradict, for a text analysed
without being stored: its signatures paired with those the build stored, as the build
pairs the claims of two documents.

Candidates are found as the build finds them, by what the claims share, but through
the database's indexes: the corpus claims whose words match most of the text claim's
(full-text rank), and those that name one of its entities.
"""

import json
import sqlite3
from datetime import date
from pathlib import Path

from service.pipeline.claims.across import (
    CANDIDATES,
    MAX_BLOCK,
    Pairing,
    best_relations,
    one_story,
)
from service.pipeline.claims.judge import explained, judge
from service.pipeline.claims.signature import Signature, signature_from_json

MAX_QUERY_WORDS = 30  # a claim's words a full-text query asks for, the rarest
# Rows (a claim's and its paragraph's) a word may be in and still be asked for: about as
# many claims as a key may be shared by in a build's pairing.
MAX_WORD_ROWS = 2 * MAX_BLOCK


class NoSignatures(Exception):
    """A database built before claims' signatures were stored: it cannot pair a text."""


def related_in_corpus(db_path: Path, pairing: Pairing, document_id: str) -> list[dict]:
    """Pair the signatures of one text (gathered in `pairing`) with the stored corpus's;
    return the best of each claim's relations, as its `relations` list them: the text's
    claim (`from`), the type, the corpus claim, its document and title, the score."""
    if not db_path.exists():
        return []
    story = pairing.stories.get(document_id)
    with sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True) as conn:
        stored = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'signatures'"
        if conn.execute(stored).fetchone() is None:
            raise NoSignatures(f"{db_path.name} was built before claims' signatures were kept")
        found, documents = [], {}
        stories: dict[str, tuple] = {}
        counted: dict[str, int] = {}
        for mine in pairing.signatures:
            others = stored_signatures(conn, candidates(conn, mine, counted))
            # each document's story read once, whichever claims bring it up
            stories.update(stored_stories(conn, {o.document_id for o in others} - stories.keys()))
            for other in others:
                if other.document_id == document_id:
                    continue  # the text is that document again: not another account
                same_story = one_story(story, stories.get(other.document_id))
                relation = judge(mine, other, same_story)
                if relation is not None:
                    found.append((relation, mine, other))
                    documents[other.claim_id] = other.document_id
        signatures = {(r.claim_id, r.other_id): (a, b) for r, a, b in found}
        best = [
            explained(r, *signatures[r.claim_id, r.other_id])
            for r in best_relations(r for r, _, _ in found)
        ]
        titles = _titles(conn, {documents[r.other_id] for r in best})
    return [
        {
            "from": relation.claim_id,
            "type": relation.type,
            "claim_id": relation.other_id,
            "document_id": documents[relation.other_id],
            "document_title": titles.get(documents[relation.other_id]),
            "origin": "machine",
            "score": round(relation.score, 2),
            "reason": relation.reason,
        }
        for relation in best
    ]


def _titles(conn: sqlite3.Connection, document_ids: set[str]) -> dict[str, str | None]:
    """Read the titles of some documents."""
    marks = ", ".join("?" for _ in document_ids)
    query = f"SELECT id, title FROM documents WHERE id IN ({marks})"
    return dict(conn.execute(query, sorted(document_ids))) if document_ids else {}


def candidates(
    conn: sqlite3.Connection,
    mine: Signature,
    counted: dict[str, int],
    skip: tuple[int, int] = (0, -1),
) -> list[str]:
    """Return the corpus claims of other documents most like one of the text's: by its
    rarer words (ranked), then by entities; `counted` keeps how many rows hold each word,
    and skip gives the first and last positions of the text's own claims, when it is
    stored (the link table of entities knows positions, not documents)."""
    words = rare_words(conn, mine.words, counted)
    ids: dict[str, None] = {}
    if words:
        query = " OR ".join(f'"{word}"' for word in words)
        rows = conn.execute(
            "SELECT ref_id FROM search WHERE search MATCH ? AND kind = 'claim'"
            " AND document_id != ? ORDER BY rank LIMIT ?",
            (query, mine.document_id, CANDIDATES),
        )
        ids.update((row[0], None) for row in rows)
    for entity in sorted(mine.entities):
        rows = conn.execute(
            "SELECT claim_id FROM claim_entities WHERE entity_id = ?"
            " AND seq NOT BETWEEN ? AND ? ORDER BY seq LIMIT ?",
            (entity, *skip, CANDIDATES),
        )
        ids.update((row[0], None) for row in rows)
    return list(ids)


def rare_words(conn: sqlite3.Connection, words, counted: dict[str, int]) -> list[str]:
    """Return a claim's words that tell claims apart, rarest first, as pairing in a build
    takes its keys: a word in more than MAX_WORD_ROWS rows is left out, and ranking the
    many rows it matches would cost what the corpus costs."""
    for word in sorted(set(words) - counted.keys()):
        row = conn.execute("SELECT count(*) FROM search WHERE search MATCH ?", [f'"{word}"'])
        counted[word] = row.fetchone()[0]
    rare = sorted((counted[w], w) for w in words if 0 < counted[w] <= MAX_WORD_ROWS)
    return [word for _, word in rare[:MAX_QUERY_WORDS]]


def stored_signatures(conn: sqlite3.Connection, claim_ids: list[str]) -> list[Signature]:
    """Read the stored signatures of some claims, in the order asked."""
    if not claim_ids:
        return []
    marks = ", ".join("?" for _ in claim_ids)
    rows = dict(
        conn.execute(
            f"SELECT claim_id, json FROM signatures WHERE claim_id IN ({marks})", claim_ids
        )
    )
    return [signature_from_json(rows[c]) for c in claim_ids if c in rows]


def stored_stories(conn: sqlite3.Connection, document_ids: set[str]) -> dict:
    """Read what tells each document's story: its entities and publication period."""
    if not document_ids:
        return {}
    marks = ", ".join("?" for _ in document_ids)
    rows = conn.execute(
        f"SELECT document_id, entities, earliest, latest FROM stories"
        f" WHERE document_id IN ({marks})",
        sorted(document_ids),
    )
    return {
        document_id: (
            frozenset(json.loads(entities)),
            (date.fromisoformat(earliest), date.fromisoformat(latest)) if earliest else None,
        )
        for document_id, entities, earliest, latest in rows
    }
