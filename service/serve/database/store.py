"""Read side: query the built database, read-only, reopening it when a build replaces it."""

import json
import sqlite3

from service.serve.database.by_document import chosen_page
from service.serve.database.connections import Connections
from service.serve.database.deadline import deadline, interrupted, too_slow
from service.serve.database.queries import (
    Where,
    annotation_filters,
    date_filters,
    document_choice,
    document_record,
    entity_record,
    timeline_record,
)
from service.serve.database.search import MARKS
from service.serve.errors import Unavailable

DOCUMENT_COLUMNS = (
    "id, title, url, author, publisher, published, published_inferred, published_basis,"
    " language, source_file, sha256, chars, paragraph_count, kind_counts"
)

MAX_REMEMBERED = 10_000  # counts and ranked search pages kept per thread
REMEMBERED_PAGE = 100  # the largest first page of search hits kept
DETAIL_SHOWN = 100  # mentions and claims an entity's detail lists; the rest are a filter away
ENTITY_COLUMNS = "id, name, label, description, aliases, curated, mention_count, paragraph_count"


class Store(Connections):
    """Query the corpus database read-only, a connection per thread (see Connections)."""

    def query(self, sql: str, params=()) -> list[sqlite3.Row]:
        """Run one read query, turning a broken database into a 503."""
        try:
            return self.connection().execute(sql, params).fetchall()
        except sqlite3.DatabaseError as error:
            if interrupted(error):  # stopped at its deadline: the connection is sound
                raise too_slow() from None
            self._local.signature = None
            raise Unavailable(
                "The database cannot be read: rebuild it with `claims build`."
            ) from None

    def meta(self) -> dict:
        """Return the build's metadata, read once per opened file."""
        self.connection()
        if self._local.meta is None:
            self._local.meta = {
                row["key"]: row["value"] for row in self.query("SELECT * FROM meta")
            }
        return self._local.meta

    def page(self, table: str, columns: str, where: "Where", order: str, after, limit: int):
        """Return one keyset page (one row more than asked, to tell if more follow) and the total.

        `order` lists ascending sort expressions; `after` holds their values for the
        last row of the previous page.
        """
        return self.walk(table, columns, where, order, after, limit), self.count(table, where)

    def walk(self, table: str, columns: str, where: "Where", order: str, after, limit: int):
        """Return the rows of one keyset page, one more than asked (see `page`)."""
        condition, params = where.sql, list(where.params)
        if after is not None:
            condition += f" AND ({order}) > ({', '.join('?' for _ in after)})"
            params += list(after)
        return self.query(
            f"SELECT {columns} FROM {table} WHERE {condition} ORDER BY {order} LIMIT ?",
            [*params, limit + 1],
        )

    def count(self, table: str, where: "Where") -> int:
        """Count the rows a filter selects, once per build and thread."""
        sql = f"SELECT count(*) FROM {table} WHERE {where.sql}"
        return self.remember((sql, *where.params), lambda: self.query(sql, where.params)[0][0])

    def remember(self, key: tuple, compute):
        """Compute a value once per version of the file and thread: a build that replaces
        it or a change published into it makes a new version (see Connections), so a
        count or a ranking never changes under a connection."""
        self.connection()
        memo = self._local.memo
        if key not in memo:
            if len(memo) >= MAX_REMEMBERED:
                memo.clear()  # queries are open-ended: bound the memory, keep it simple
            memo[key] = compute()
        return memo[key]

    def list_documents(self, after: str | None, limit: int):
        """Return a page of documents in id order, and how many there are."""
        keyset = None if after is None else [after]
        rows, total = self.page("documents", DOCUMENT_COLUMNS, Where(), "id", keyset, limit)
        return [document_record(row) for row in rows], total

    def get_document(self, document_id: str) -> dict | None:
        """Return one document's metadata, or None."""
        rows = self.query(f"SELECT {DOCUMENT_COLUMNS} FROM documents WHERE id = ?", (document_id,))
        return document_record(rows[0]) if rows else None

    def document_text(self, document_id: str) -> str | None:
        """Return a document's verbatim source text, or None."""
        rows = self.query("SELECT text FROM documents WHERE id = ?", (document_id,))
        return rows[0]["text"] if rows else None

    def list_paragraphs(self, filters: dict, after: int | None, limit: int):
        """Return a page of stored JSON rows matching the filters, and their total."""
        where, table, order = Where(), "paragraphs", "paragraphs.seq"
        if filters.get("entity") is not None:
            # Driven from the entity's paragraphs, already in reading order.
            table = "paragraph_entities AS link JOIN paragraphs ON paragraphs.seq = link.seq"
            where.add("link.entity_id = ?", filters["entity"])
            order = "link.seq"
        for column in ("kind", "section"):
            where.equal(f"paragraphs.{column}", filters.get(column))
        if filters.get("has_claims") is not None:
            where.add("paragraphs.has_claims = ?", int(filters["has_claims"]))
        keyset = None if after is None else [after]
        columns = "paragraphs.seq, paragraphs.item_json"
        # `document_id`, one id, is what the store took before `document` could repeat.
        ids = filters.get("document", filters.get("document_id"))
        chosen = document_choice({**filters, "document": ids})
        by = "paragraphs.document_id"
        rows, total = chosen_page(self, chosen, by, table, columns, where, order, keyset, limit)
        return [{"seq": row[0], "json": row[1]} for row in rows], total

    def paragraph_json(self, paragraph_id: str) -> str | None:
        """Return one paragraph's stored detail JSON, or None."""
        return self._one("SELECT detail_json FROM paragraphs WHERE id = ?", paragraph_id)

    def is_retired(self, paragraph_id: str) -> bool:
        """Tell whether a paragraph ID was given out once and retired since."""
        return bool(self.query("SELECT 1 FROM retired_paragraphs WHERE id = ?", (paragraph_id,)))

    def gone(self, kind: str, id: str) -> dict | None:
        """Return when and why a removed document's ID went, or None if it never did."""
        rows = self.query(
            "SELECT document_id, retired_at, reason, title FROM gone WHERE kind = ? AND id = ?",
            (kind, id),
        )
        return dict(rows[0]) if rows else None

    def list_entities(self, filters: dict, after: list | None, limit: int):
        """Return a page of entities, most mentioned first, and their total."""
        where = Where().equal("label", filters.get("label"))
        if filters.get("q"):
            where.add("instr(search_text, ?) > 0", filters["q"].lower())
        if filters.get("document"):
            where.add(
                "id IN (SELECT entity_id FROM mentions WHERE document_id = ?)", filters["document"]
            )
        columns = f"{ENTITY_COLUMNS}, -mention_count AS rank"
        rows, total = self.page("entities", columns, where, "-mention_count, id", after, limit)
        return [entity_record(row) for row in rows], total

    def get_entity(self, entity_id: str) -> dict | None:
        """Return one entity with its first mentions and claims in corpus order, and counts.

        A detail shows at most DETAIL_SHOWN of each, so that it stays small however often
        an entity is named; the rest are in `/v1/paragraphs?entity=` and
        `/v1/claims?entity=`, paginated.
        """
        rows = self.query(f"SELECT {ENTITY_COLUMNS} FROM entities WHERE id = ?", (entity_id,))
        if not rows:
            return None
        entity = entity_record(rows[0])
        claims = self.query(
            "SELECT claim_id FROM claim_entities WHERE entity_id = ?"
            " ORDER BY seq, char_start, claim_id LIMIT ?",
            (entity_id, DETAIL_SHOWN),
        )
        entity["claim_ids"] = [row[0] for row in claims]
        entity["claim_count"] = self.count(
            "claim_entities", Where().add("entity_id = ?", entity_id)
        )
        mentions = self.query(
            "SELECT paragraph_id, document_id, char_start AS start, char_end AS end, text"
            " FROM mentions WHERE entity_id = ? ORDER BY seq, char_start LIMIT ?",
            (entity_id, DETAIL_SHOWN),
        )
        entity["mentions"] = [dict(row) for row in mentions]
        entity["mentions_url"] = f"/v1/paragraphs?entity={entity_id}"
        entity["claims_url"] = f"/v1/claims?entity={entity_id}"
        return entity

    def list_dates(self, filters: dict, after: list | None, limit: int):
        """Return a page of temporal expressions in reading order, and their total."""
        order = "seq, char_start"
        where = date_filters({**filters, "document": None})
        chosen = document_choice(filters)
        rows, total = chosen_page(
            self, chosen, "document_id", "dates", f"{order}, json", where, order, after, limit
        )
        return [{"key": [row[0], row[1]], "json": row[2]} for row in rows], total

    def date_json(self, date_id: str) -> str | None:
        """Return one temporal expression's stored JSON, or None."""
        return self._one("SELECT json FROM dates WHERE id = ?", date_id)

    def timeline(self, filters: dict, after: list | None, limit: int):
        """Return a page of dated expressions in chronological order, and their total."""
        where = date_filters({**filters, "type": "DATE"}).add("earliest IS NOT NULL")
        order = "earliest, latest, seq, char_start"
        columns = f"id, document_id, paragraph_id, text, value, mod, sentence, {order}"
        rows, total = self.page("dates", columns, where, order, after, limit)
        return [timeline_record(row) for row in rows], total

    def list_claims(self, filters: dict, after: list | None, limit: int):
        """Return a page of claims in reading order matching the filters, and their total.

        A filter by entity or source is driven from its link table, whose index is in
        reading order; every other filter has an index ending in that order too.
        """
        where, table, order = Where(), "claims", "claims.seq, claims.char_start, claims.id"
        if filters.get("entity"):
            table = "claim_entities AS link JOIN claims ON claims.id = link.claim_id"
            where.add("link.entity_id = ?", filters["entity"])
        elif filters.get("source"):
            table = "claim_sources AS link JOIN claims ON claims.id = link.claim_id"
            where.add("link.source_id = ?", filters["source"])
        if table != "claims":
            order = "link.seq, link.char_start, link.claim_id"
        if filters.get("entity") and filters.get("source"):
            where.add(
                "claims.id IN (SELECT claim_id FROM claim_sources WHERE source_id = ?)",
                filters["source"],
            )
        for column, key in (("paragraph_id", "paragraph"), ("kind", "kind"), ("origin", "origin")):
            where.equal(f"claims.{column}", filters.get(key))
        for column in ("contested", "corroborated", "hedged"):
            if filters.get(column) is not None:
                where.add(f"claims.{column} = ?", int(filters[column]))
        where.any_of("claims.status", filters.get("status"))
        columns = "claims.seq, claims.char_start, claims.id, claims.item_json"
        chosen, by = document_choice(filters), "claims.document_id"
        rows, total = chosen_page(self, chosen, by, table, columns, where, order, after, limit)
        return [{"key": [row[0], row[1], row[2]], "json": row[3]} for row in rows], total

    def claim_json(self, claim_id: str) -> str | None:
        """Return one claim's stored detail JSON, or None."""
        return self._one("SELECT detail_json FROM claims WHERE id = ?", claim_id)

    def list_sources(self, filters: dict, after: list | None, limit: int):
        """Return a page of sources, most claims first, and their total."""
        where = Where().equal("type", filters.get("type"))
        order = "-claim_count, id"
        rows, total = self.page("sources", f"{order}, item_json", where, order, after, limit)
        return [{"key": [row[0], row[1]], "json": row[2]} for row in rows], total

    def source_json(self, source_id: str) -> str | None:
        """Return a source's stored detail JSON, or None."""
        return self._one("SELECT detail_json FROM sources WHERE id = ?", source_id)

    def list_contests(self, filters: dict, after: list | None, limit: int):
        """Return a page of contests in reading order, and their total."""
        chosen, order = document_choice(filters), "seq, id"
        rows, total = chosen_page(
            self, chosen, "document_id", "contests", f"{order}, json", Where(), order, after, limit
        )
        return [{"key": [row[0], row[1]], "json": row[2]} for row in rows], total

    def contest_json(self, contest_id: str) -> str | None:
        """Return one contest's stored JSON, or None."""
        return self._one("SELECT json FROM contests WHERE id = ?", contest_id)

    def search(self, fts: str, filters: dict, after: list | None, limit: int, deadline_ms: int):
        """Return a page of full-text hits, best first (FTS5's bm25 rank), and their total;
        raise TooSlow once the query has run `deadline_ms`.

        The page is chosen on small columns; only its rows are then read in full, with FTS5
        marking where each matched (`highlight`)."""
        with deadline(self.connection(), deadline_ms):
            return self._search(fts, filters, after, limit)

    def _search(self, fts: str, filters: dict, after: list | None, limit: int):
        """Search without a time limit (see `search`)."""
        where = Where().add("search MATCH ?", fts).equal("kind", filters.get("type"))
        where.equal("document_id", filters.get("document"))

        # Ranking ranks every match, which grows with the corpus; the database does not
        # change until the next build or publish, so a page once ranked is kept (bounded,
        # per thread).
        def rank():
            """Rank one page of hits on small columns."""
            columns = "rowid, rank, kind, ref_id, document_id, paragraph_id"
            rows, total = self.page("search", columns, where, "rank, rowid", after, limit)
            return [dict(row) for row in rows], total

        # Only first pages are kept: the key holds nothing a client can vary without end.
        if after is None and limit <= REMEMBERED_PAGE:
            ranked, total = self.remember(("search", where.sql, *where.params, limit), rank)
        else:
            ranked, total = rank()
        hits = [dict(hit) for hit in ranked]
        if hits:
            marks = ", ".join("?" for _ in hits)
            # `+rowid` keeps the list away from FTS5, which would run the whole MATCH once
            # per listed rowid: one scan of the matches, highlighting only the page's rows.
            marked = {
                row[0]: (row[1], row[2])
                for row in self.query(
                    "SELECT rowid, highlight(search, 0, ?, ?), highlight(search, 1, ?, ?)"
                    f" FROM search WHERE search MATCH ? AND +rowid IN ({marks})",
                    [*MARKS, *MARKS, fts, *(hit["rowid"] for hit in hits)],
                )
            }
            for hit in hits:
                # A build may replace the file between the two reads: then nothing is marked.
                hit["title_marked"], hit["text_marked"] = marked.get(hit["rowid"], ("", ""))
        return hits, total

    def list_annotations(self, filters: dict, after: list | None, limit: int):
        """Return a page of Web Annotations in reading order, and their total."""
        where = annotation_filters(filters)
        order = "seq, char_start, id"
        rows, total = self.page("annotations", f"{order}, json", where, order, after, limit)
        return [{"key": [row[0], row[1], row[2]], "json": row[3]} for row in rows], total

    def count_annotations(self, filters: dict) -> int:
        """Count the Web Annotations matching the filters."""
        return self.count("annotations", annotation_filters(filters))

    def annotations_at(self, filters: dict, offset: int, limit: int) -> list[str]:
        """Return stored Web Annotations in reading order from an offset (the protocol's pages)."""
        where = annotation_filters(filters)
        rows = self.query(
            f"SELECT json FROM annotations WHERE {where.sql}"
            " ORDER BY seq, char_start, id LIMIT ? OFFSET ?",
            [*where.params, limit, offset],
        )
        return [row[0] for row in rows]

    def annotation_json(self, annotation_id: str) -> str | None:
        """Return one Web Annotation's stored JSON, or None."""
        return self._one("SELECT json FROM annotations WHERE id = ?", annotation_id)

    def list_checks(self, filters: dict, after: list | None, limit: int):
        """Return a page of consistency checks, and their total."""
        where = Where().equal("document_id", filters.get("document"))
        if filters.get("agrees") is not None:
            where.add("agrees = ?", int(filters["agrees"]))
        rows, total = self.page("checks", "seq, id, json", where, "seq, id", after, limit)
        return [{"key": [row[0], row[1]], "json": row[2]} for row in rows], total

    def document_paragraphs(self, document_id: str) -> list[dict]:
        """Return every paragraph of a document with its entities, dates and claims."""
        rows = self.query(
            "SELECT detail_json FROM paragraphs WHERE document_id = ? ORDER BY seq", (document_id,)
        )
        return [json.loads(row[0]) for row in rows]

    def document_claims(self, document_id: str) -> dict[str, dict]:
        """Return every claim of a document by id."""
        rows = self.query(
            "SELECT item_json FROM claims WHERE document_id = ? ORDER BY seq, char_start, id",
            (document_id,),
        )
        claims = [json.loads(row[0]) for row in rows]
        return {claim["id"]: claim for claim in claims}

    def _one(self, sql: str, key: str) -> str | None:
        """Return the first column of the one row a key selects, or None."""
        rows = self.query(sql, (key,))
        return rows[0][0] if rows else None
