"""Query pieces the store builds its SQL from, and the records it turns rows into."""

import json
import sqlite3


class Where:
    """Conditions of a WHERE clause with their parameters, always bound, never formatted."""

    def __init__(self):
        self.conditions: list[str] = []
        self.params: list = []

    def add(self, condition: str, *params) -> "Where":
        """Require a condition."""
        self.conditions.append(condition)
        self.params += params
        return self

    def equal(self, column: str, value) -> "Where":
        """Require a column to equal a value, when one is given."""
        return self.add(f"{column} = ?", value) if value not in (None, "") else self

    def any_of(self, column: str, values) -> "Where":
        """Require a column to hold one of some values, when any are given."""
        if not values:
            return self
        return self.add(f"{column} IN ({', '.join('?' for _ in values)})", *values)

    def copy(self) -> "Where":
        """Return these conditions as a new clause, to add more to without changing this one."""
        copied = Where()
        copied.conditions, copied.params = list(self.conditions), list(self.params)
        return copied

    @property
    def sql(self) -> str:
        """Return the conditions joined, or a condition that always holds."""
        return " AND ".join(self.conditions) or "1 = 1"


def document_record(row: sqlite3.Row) -> dict:
    """Turn a document row into a plain record."""
    record = dict(row)
    record["published_inferred"] = bool(record["published_inferred"])
    record["kind_counts"] = json.loads(record["kind_counts"])
    return record


def document_choice(filters: dict) -> Where | None:
    """Build the conditions on `documents` that `document`, `publisher`, `published_from`
    and `published_to` set, or None when none is given.

    A publication date is a year, a month or a day, and counts by its bounds: its last day
    is on or after a day when its first characters are, so "2023-10" >= "2023-10" (the
    first seven of "2023-10-15") holds, and ISO dates compare as text.
    """
    ids = filters.get("document")
    where = Where().any_of("documents.id", [ids] if isinstance(ids, str) else ids)
    where.any_of("documents.publisher", filters.get("publisher"))
    for key, compare in (("published_from", ">="), ("published_to", "<=")):
        if filters.get(key):
            where.add(
                f"documents.published {compare} substr(?, 1, length(documents.published))",
                filters[key].isoformat(),
            )
    return where if where.conditions else None


def in_documents(where: Where, column: str, chosen: Where) -> Where:
    """Require a row's document, named by `column`, to be one of the chosen."""
    return where.add(f"{column} IN (SELECT id FROM documents WHERE {chosen.sql})", *chosen.params)


def annotation_filters(filters: dict) -> Where:
    """Build the conditions shared by the annotation listings."""
    where = Where().equal("document_id", filters.get("document"))
    return where.equal("paragraph_id", filters.get("paragraph")).equal(
        "motivation", filters.get("motivation")
    )


def date_filters(filters: dict) -> Where:
    """Build the conditions shared by the dates and the timeline."""
    where = Where().equal("document_id", filters.get("document")).equal("type", filters.get("type"))
    if filters.get("from"):
        where.add("latest >= ?", filters["from"].isoformat())
    if filters.get("to"):
        where.add("earliest <= ?", filters["to"].isoformat())
    return where


def entity_record(row: sqlite3.Row) -> dict:
    """Turn an entity row into a plain record."""
    record = dict(row)
    record.pop("rank", None)
    record["aliases"] = json.loads(record["aliases"])
    record["curated"] = bool(record["curated"])
    return record


def timeline_record(row: sqlite3.Row) -> dict:
    """Turn a dated expression into a timeline entry."""
    record = dict(row)
    record["key"] = [
        record["earliest"],
        record["latest"],
        record.pop("seq"),
        record.pop("char_start"),
    ]
    record["date_id"] = record.pop("id")
    record["event"] = record.pop("sentence")
    return record
