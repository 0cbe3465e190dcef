"""Pages of the rows of chosen documents, each document's rows read through its own index.

A document's paragraphs are numbered in one run (the build gives each document the
corpus positions after the previous one's), so its rows follow each other in reading
order: a page of several documents is each one's own index walk in turn, never a walk
of the whole corpus that skips the others.
"""

from service.serve.database.queries import Where, in_documents


def chosen_page(store, chosen: Where | None, by: str, table: str, *page_args):
    """Return `store.page(table, columns, where, order, after, limit)`, kept to the
    documents `chosen` (conditions on `documents`, or None for all) when given; `by` names a
    row's document.

    A listing driven from a link table (an entity's claims, a source's) walks that table's
    index and checks each row's document; any other walks each chosen document's rows.
    """
    if chosen is None:
        return store.page(table, *page_args)
    columns, where, order, after, limit = page_args
    if " JOIN " in table:
        return store.page(
            table, columns, in_documents(where.copy(), by, chosen), order, after, limit
        )
    return page_of_documents(store, table, columns, where, order, after, limit, chosen, by)


def page_of_documents(
    store,
    table: str,
    columns: str,
    where: Where,
    order: str,
    after,
    limit: int,
    chosen: Where,
    by: str,
):
    """Return one keyset page of the rows of the chosen documents (one more than asked),
    and their total; `by` names a row's document and `order` starts with its corpus
    position."""
    # Counted from the chosen documents, each one's rows through its own index.
    per_document = f"documents CROSS JOIN {table} ON {by} = documents.id"
    total = store.count(per_document, where.copy().add(chosen.sql, *chosen.params))
    rows: list = []
    for document_id, last in chosen_documents(store, chosen):
        if after is not None and (last is None or last < after[0]):
            continue  # wholly before the page
        one = where.copy().add(f"{by} = ?", document_id)
        rows += store.walk(table, columns, one, order, after, limit - len(rows))
        if len(rows) > limit:
            break
    return rows, total


def chosen_documents(store, chosen: Where) -> list[tuple[str, int | None]]:
    """Return the ids of the documents a choice keeps in reading order, each with its last
    paragraph's corpus position, once per build and thread."""
    sql = (
        "SELECT id, (SELECT max(seq) FROM paragraphs WHERE document_id = documents.id)"
        f" FROM documents WHERE {chosen.sql}"
        " ORDER BY (SELECT min(seq) FROM paragraphs WHERE document_id = documents.id), id"
    )
    found = lambda: [(row[0], row[1]) for row in store.query(sql, chosen.params)]  # noqa: E731
    return store.remember((sql, *chosen.params), found)
