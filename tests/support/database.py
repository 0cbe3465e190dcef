"""Read a built database around the app: its rows and its query plans."""

import sqlite3
from contextlib import closing
from pathlib import Path


def plan(db: Path | str, sql: str) -> list[str]:
    """EXPLAIN QUERY PLAN of a statement, on a read-only connection."""
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as connection:
        return [row[3] for row in connection.execute(f"EXPLAIN QUERY PLAN {sql}")]


def table_rows(db: Path) -> dict[str, list[tuple]]:
    """Every row of every table, in rowid order; the build's timestamp left out."""
    connection = sqlite3.connect(db)
    tables = [
        name
        for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " AND name NOT LIKE 'search_%'"
        )
    ]
    dumped = {
        table: connection.execute(f'SELECT * FROM "{table}" ORDER BY rowid').fetchall()
        for table in tables
    }
    dumped["meta"] = [row for row in dumped["meta"] if row[0] != "built_at"]
    connection.close()
    return dumped
