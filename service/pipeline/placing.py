"""The steps of publishing in place: take a document's rows out of the served database, put
a document's rows in, pair its claims with the corpus's, and count again the entities and
sources the change touched. Every step writes through one open transaction."""

import json
from collections import Counter

from service.pipeline.claims.across import Pairing, best_relations, one_story
from service.pipeline.claims.judge import CrossRelation, explained, judge
from service.pipeline.claims.related import candidates, stored_signatures, stored_stories
from service.pipeline.db.corpus import entity_row, entity_search_rows, source_row
from service.pipeline.db.links import link_across
from service.pipeline.db.positions import position_between
from service.pipeline.db.rows import DocumentRows
from service.pipeline.db.signature_rows import signature_rows, story_row
from service.pipeline.db.unlink import cross_relations, name_contests, refresh_copies, unlink
from service.pipeline.write import count_document, insert_meta

# A document's rows, by table, deleted before the document's own row (their foreign keys
# name it); the link tables and the full-text index are deleted by what they point at.
DOCUMENT_TABLES = (
    "annotations",
    "contests",
    "signatures",
    "stories",
    "checks",
    "dates",
    "mentions",
    "claims",
    "retired_paragraphs",
    "paragraphs",
)


class NoRoom(Exception):
    """A document finds no room in the reading order between its neighbours."""


class Placing:
    """One change published in place: what it took out and put in, and what that touched."""

    def __init__(self, db, writer, sources, curated: dict[str, dict]):
        self.db, self.writer, self.sources, self.curated = db, writer, sources, curated
        self.names = {entity_id: entry["name"] for entity_id, entry in curated.items()}
        self.pairing = Pairing()
        self.placed: dict[str, tuple[int, int]] = {}  # first and last positions, by document
        self.entities: set[str] = set()
        self.source_ids: set[str] = set()
        self.changed: set[str] = set()  # claims of other documents whose JSON changed
        self._others: dict = {}  # the corpus claims' signatures the new claims were judged with

    def take_out(self, document_id: str) -> None:
        """Delete a document's rows, and its claims' relations from the claims of others."""
        if not self.db.execute("SELECT 1 FROM documents WHERE id = ?", [document_id]).fetchone():
            # New: nothing to take out, but a record of it retired before, if any.
            self.db.execute("DELETE FROM gone WHERE document_id = ?", [document_id])
            return
        claims = {row[0] for row in self._rows("SELECT id FROM claims", document_id)}
        relations = cross_relations(self.db, claims).values()
        mentioned = self._rows("SELECT DISTINCT entity_id FROM mentions", document_id)
        self.entities |= {row[0] for row in mentioned}
        self.source_ids |= {
            row[0]
            for row in self.db.execute(
                "SELECT DISTINCT source_id FROM claim_sources WHERE claim_id IN"
                " (SELECT id FROM claims WHERE document_id = ?)",
                [document_id],
            )
        }
        for table, key, owner in (
            ("claim_sources", "claim_id", "claims"),
            ("claim_entities", "claim_id", "claims"),
            ("paragraph_entities", "paragraph_id", "paragraphs"),
        ):
            self.db.execute(
                f"DELETE FROM {table} WHERE {key} IN"
                f" (SELECT id FROM {owner} WHERE document_id = ?)",
                [document_id],
            )
        self.db.execute(
            "DELETE FROM search WHERE rowid IN (SELECT rowid FROM search WHERE document_id = ?)",
            [document_id],
        )
        for table in (*DOCUMENT_TABLES, "gone"):
            self.db.execute(f"DELETE FROM {table} WHERE document_id = ?", [document_id])
        self.db.execute("DELETE FROM documents WHERE id = ?", [document_id])
        self.changed |= unlink(self.db, relations)

    def put_in(self, document, report) -> None:
        """Write an assembled document's rows at its place in the reading order."""
        paragraphs = len(document.build.paragraphs)
        first = position_between(self.db, document.id, paragraphs)
        if first is None:
            raise NoRoom(document.id)
        rows = DocumentRows(document, first, self.names, self.sources)
        counts = self.writer.write_document(rows)
        signatures = self.pairing.add_document(document, rows.claim_entities, self.sources)
        self.writer.insert("signatures", signature_rows(signatures))
        self.writer.insert("stories", [story_row(document.id, self.pairing.stories[document.id])])
        self.placed[document.id] = (first, first + paragraphs - 1)
        self.entities |= {m.entity_id for a in document.build.analyses for m in a.mentions}
        self.source_ids |= {s for claim in document.claims for s in claim.sources}
        count_document(report, document, counts)
        document.build.release()

    def relate(self, report) -> None:
        """Pair the new claims with the corpus's; keep each claim's best relations, the
        corpus claims' older ones among them; write the new ones into both claims, and
        every claim the change touched again wherever it is copied."""
        new = self._pairs()
        mine = {s.claim_id for s in self.pairing.signatures}
        ends = {c for r in new for c in (r.claim_id, r.other_id)} - mine
        older = cross_relations(self.db, ends).values()
        kept = {_key(r) for r in best_relations([*new, *older])}
        self.changed |= unlink(self.db, [r for r in older if _key(r) not in kept])
        signatures = {s.claim_id: s for s in self.pairing.signatures} | self._others
        added = [
            explained(r, signatures[r.claim_id], signatures[r.other_id])
            for r in sorted(new, key=lambda r: (r.claim_id, r.other_id))  # as a build does
            if _key(r) in kept
        ]
        titles = self._titles({c for r in added for c in (r.claim_id, r.other_id)})
        report.annotations += link_across(self.db, self.writer, added, titles)
        report.cross_relations = added
        self.changed |= {c for r in added for c in (r.claim_id, r.other_id)} - mine
        name_contests(self.db, self.changed)
        refresh_copies(self.db, self.changed)

    def recount(self) -> None:
        """Count again the mentions of the entities and the claims of the sources the change
        touched, and write their rows (deleting those left with none)."""
        for entity_id in sorted(self.entities):
            self._recount_entity(entity_id)
        for source_id in sorted(self.source_ids):
            self._recount_source(source_id)

    def meta(self, report, model: str) -> None:
        """Record what the database is now made from."""
        self.db.execute("DELETE FROM meta")
        insert_meta(self.writer, report, model)

    def _pairs(self) -> list[CrossRelation]:
        """Judge each new claim against the corpus claims most like it, each pair once, in
        reading order as a build pairs them (the earlier document's claim first)."""
        conn, found = self.db.conn, {}
        stories: dict[str, tuple] = {}
        counted: dict[str, int] = {}
        for mine in self.pairing.signatures:
            near = candidates(conn, mine, counted, self.placed[mine.document_id])
            others = stored_signatures(conn, near)
            wanted = {o.document_id for o in others} | {mine.document_id}
            stories.update(stored_stories(conn, wanted - stories.keys()))
            for other in others:
                key = frozenset((mine.claim_id, other.claim_id))
                if other.document_id == mine.document_id or key in found:
                    continue
                self._others[other.claim_id] = other
                a, b = sorted((mine, other), key=lambda s: self._first(s.document_id))
                story = one_story(stories.get(a.document_id), stories.get(b.document_id))
                relation = judge(a, b, story)
                if relation is not None:
                    found[key] = relation
        return list(found.values())

    def _titles(self, claim_ids: set[str]) -> dict[str, str | None]:
        """Read the titles of the documents of some claims."""
        rows = self.db.execute(
            "SELECT id, title FROM documents WHERE id IN (SELECT document_id FROM claims"
            " WHERE id IN (SELECT value FROM json_each(?)))",
            [_json_list(claim_ids)],
        )
        return dict(rows)

    def _first(self, document_id: str) -> int:
        """Return a document's first position in the reading order."""
        if document_id in self.placed:
            return self.placed[document_id][0]
        row = self.db.execute(
            "SELECT min(seq) FROM paragraphs WHERE document_id = ?", [document_id]
        ).fetchone()
        return row[0] or 0

    def _recount_entity(self, entity_id: str) -> None:
        """Write an entity's row again from its mentions, or delete it when none is left."""
        db = self.db
        texts = db.execute(
            "SELECT text, count(*), min(seq) FROM mentions WHERE entity_id = ? GROUP BY text",
            [entity_id],
        ).fetchall()
        old = db.execute("SELECT name FROM entities WHERE id = ?", [entity_id]).fetchone()
        if not texts:
            db.execute("DELETE FROM entities WHERE id = ?", [entity_id])
            self._unsearch(entity_id)
            return
        count = sum(mentions for _, mentions, _ in texts)
        paragraphs = db.execute(
            "SELECT count(*) FROM paragraph_entities WHERE entity_id = ?", [entity_id]
        ).fetchone()[0]
        usual = min(texts, key=lambda t: (-t[1], t[2], t[0]))[0]
        label = db.execute(
            "SELECT label FROM mentions WHERE entity_id = ? ORDER BY seq, char_start LIMIT 1",
            [entity_id],
        ).fetchone()[0]
        row = entity_row(entity_id, usual, label, (count, paragraphs), self.curated.get(entity_id))
        db.execute("DELETE FROM entities WHERE id = ?", [entity_id])
        self.writer.insert("entities", [row])
        if old is None or old[0] != row["name"]:
            if old is not None:  # a scan of the index: only for a name that changed
                self._unsearch(entity_id)
            self.writer.insert_search(entity_search_rows([row]))

    def _unsearch(self, entity_id: str) -> None:
        """Delete an entity's full-text row."""
        self.db.execute(
            "DELETE FROM search WHERE rowid IN"
            " (SELECT rowid FROM search WHERE kind = 'entity' AND ref_id = ?)",
            [entity_id],
        )

    def _recount_source(self, source_id: str) -> None:
        """Write a source's row again from its claims, or delete a detected source left
        with none."""
        db = self.db
        documents = Counter(
            dict(
                db.execute(
                    "SELECT claims.document_id, count(*) FROM claim_sources"
                    " JOIN claims ON claims.id = claim_sources.claim_id"
                    " WHERE claim_sources.source_id = ? GROUP BY claims.document_id",
                    [source_id],
                )
            )
        )
        source = self.sources.get(source_id)
        db.execute("DELETE FROM sources WHERE id = ?", [source_id])
        if source is None or not (documents or source.curated):
            return
        titles = dict(
            db.execute(
                "SELECT id, title FROM documents WHERE id IN (SELECT value FROM json_each(?))",
                [_json_list(set(documents))],
            )
        )
        self.writer.insert("sources", [source_row(source, documents, titles)])

    def _rows(self, select: str, document_id: str):
        """Run a select of one document's rows."""
        return self.db.execute(f"{select} WHERE document_id = ?", [document_id]).fetchall()


def _key(relation: CrossRelation) -> tuple[frozenset[str], str]:
    """Name a relation by its two claims, whichever comes first, and its type."""
    return frozenset((relation.claim_id, relation.other_id)), relation.type


def _json_list(values: set[str]) -> str:
    """Write ids as a JSON list, for json_each."""
    return json.dumps(sorted(values))
