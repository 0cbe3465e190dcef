"""Read a built database around the app: its rows and its query plans."""

import json
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
    tables = _tables(connection)
    dumped = {
        table: connection.execute(f'SELECT * FROM "{table}" ORDER BY rowid').fetchall()
        for table in tables
    }
    dumped["meta"] = [row for row in dumped["meta"] if row[0] != "built_at"]
    connection.close()
    return dumped


def served_content(db: Path) -> dict[str, list[str]]:
    """What a database serves, table by table, however it was written: every row without
    its reading position (`seq`) or row number, its JSON read with lists in a set order,
    the rows sorted; the build's own record (meta) left out."""
    connection = sqlite3.connect(db)
    tables = [name for name in _tables(connection) if name not in ("meta", "search")]
    content = {}
    for table in [*tables, "search"]:
        cursor = connection.execute(
            f'SELECT * FROM "{table}"'
            if table != "search"
            else "SELECT title, text, kind, ref_id, document_id, paragraph_id FROM search"
        )
        names = [column[0] for column in cursor.description]
        rows = []
        for row in cursor:
            record = {
                name: _settled(value)
                for name, value in zip(names, row, strict=True)
                if name != "seq" and not (table == "mentions" and name == "id")
            }
            rows.append(json.dumps(record, sort_keys=True, ensure_ascii=False))
        content[table] = sorted(rows)
    connection.close()
    return content


def _settled(value):
    """Read a JSON column as data with every list in a set order; leave other values."""
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return _ordered(json.loads(value))
        except ValueError:
            return value
    return value


def _ordered(value):
    """Put every list of a JSON value in a set order, recursively."""
    if isinstance(value, dict):
        return {key: _ordered(item) for key, item in value.items()}
    if isinstance(value, list):
        return sorted(
            (_ordered(item) for item in value), key=lambda v: json.dumps(v, sort_keys=True)
        )
    return value


def _tables(connection: sqlite3.Connection) -> list[str]:
    """Name the database's own tables (not SQLite's, not the full-text index's shadows)."""
    return [
        name
        for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " AND name NOT LIKE 'search_%'"
        )
    ]
