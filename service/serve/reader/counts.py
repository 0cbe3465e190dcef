"""Count what the index page's pictures draw: dated events by year, claims by source and outlet."""

from service.serve.database.store import Store

# Each count reads a whole index once, so it is kept (`Store.remember`) until the next build
# replaces the database: nothing changes it before then.

# Authors assert their own texts' unsourced claims: each would only fill its outlet's column.
QUOTED = "type != 'author' AND claim_count > 0"


def event_years(store: Store) -> list[tuple[str, str, int]]:
    """Return (year of the earliest day, year of the latest day, events) for the dated events."""
    sql = (
        "SELECT substr(earliest, 1, 4) AS first_year, substr(latest, 1, 4) AS last_year,"
        " count(*) FROM dates WHERE type = 'DATE' AND earliest IS NOT NULL"
        " GROUP BY first_year, last_year"
    )
    return store.remember((sql,), lambda: [tuple(row) for row in store.query(sql)])


def quoted_sources(store: Store, limit: int) -> tuple[list[dict], int]:
    """Return the sources other than authors with most claims, and how many have any."""
    # Walked down the (claim_count, id) index: no sort, however many sources there are.
    sql = (
        f"SELECT id, name, type, claim_count FROM sources WHERE {QUOTED}"
        " ORDER BY claim_count DESC, id DESC LIMIT ?"
    )
    total = f"SELECT count(*) FROM sources WHERE {QUOTED}"
    rows = store.remember((sql, limit), lambda: [dict(row) for row in store.query(sql, [limit])])
    return rows, store.remember((total,), lambda: store.query(total)[0][0])


def claims_by_outlet(store: Store, source_ids: list[str]) -> list[dict]:
    """Return, for each of these sources and each publisher, its claims and contested claims."""
    if not source_ids:
        return []
    marks = ", ".join("?" for _ in source_ids)
    sql = (
        "SELECT link.source_id, documents.publisher, count(*) AS claims,"
        " sum(claims.contested) AS contested"
        " FROM claim_sources AS link JOIN claims ON claims.id = link.claim_id"
        " JOIN documents ON documents.id = claims.document_id"
        f" WHERE link.source_id IN ({marks}) GROUP BY link.source_id, documents.publisher"
    )
    return store.remember(
        (sql, *source_ids), lambda: [dict(row) for row in store.query(sql, source_ids)]
    )
