"""The columns a CSV export starts from, and the rows a contest is written as.

Each collection's columns come from the schema its items are dumped through, in its
order, so that even an empty export has its header; columns only some items have (a
contest's third side, a user annotation's creator) are added after them.
"""

from marshmallow import Schema, fields

from service.representations import (
    CheckSchema,
    ClaimSchema,
    DateSchema,
    DocumentSchema,
    EntitySchema,
    ParagraphSchema,
    SearchHitSchema,
    SourceSchema,
    TimelineEntrySchema,
)

SIDE_COLUMNS = ("label", "claims", "sources", "documents")
SIDES_SHOWN = 2  # every contest has two sides at least: their columns are always there
# A W3C Web Annotation's columns as the build writes them; a user's may add more.
ANNOTATION_COLUMNS = [
    "@context",
    "id",
    "type",
    "motivation",
    "body",
    "target.source",
    "target.selector",
]


def schema_columns(schema: Schema, prefix: str = "") -> list[str]:
    """Name the columns a schema's items flatten to: a nested object's fields as dotted
    columns, a span (start, end, text) and a list as one column each.

    A dict of free keys (a document's kind counts) has no columns of its own here: its
    keys are added as the items show them.
    """
    columns: list[str] = []
    for name, field in schema.fields.items():
        column = prefix + (field.data_key or name)
        if isinstance(field, fields.Dict):
            continue
        if isinstance(field, fields.Nested) and not field.many and not _is_span(field.schema):
            columns += schema_columns(field.schema, f"{column}.")
        else:
            columns.append(column)
    return columns


def _is_span(schema: Schema) -> bool:
    """Tell a schema of words in a text, written as its words, from a nested object."""
    return {"start", "end", "text"} <= set(schema.fields)


def contest_row(contest: dict) -> dict:
    """Shape a contest for a CSV row: each side numbered, with its label, its claims' ids,
    its sources' ids and the documents its claims are in."""
    row = {name: contest.get(name) for name in ("id", "document_id", "question", "origin")}
    for number, side in enumerate(contest["sides"], start=1):
        claims = side["claims"]
        row[f"sides.{number}"] = {
            "label": side["label"],
            "claims": [claim["id"] for claim in claims],
            "sources": [source["id"] for source in side["sources"]],
            "documents": list(dict.fromkeys(claim["document_id"] for claim in claims)),
        }
    return row


def contest_columns() -> list[str]:
    """Name a contest's columns: its own fields, then those of its first two sides."""
    sides = [
        f"sides.{number}.{column}"
        for number in range(1, SIDES_SHOWN + 1)
        for column in SIDE_COLUMNS
    ]
    return ["id", "document_id", "question", "origin", *sides]


# The columns of each collection's header before any item is read.
COLUMNS = {
    "documents": schema_columns(DocumentSchema()),
    "paragraphs": schema_columns(ParagraphSchema()),
    "entities": schema_columns(EntitySchema()),
    "dates": schema_columns(DateSchema()),
    "timeline": schema_columns(TimelineEntrySchema()),
    "checks": schema_columns(CheckSchema()),
    "claims": schema_columns(ClaimSchema()),
    "sources": schema_columns(SourceSchema()),
    "contests": contest_columns(),
    "search": schema_columns(SearchHitSchema()),
    "annotations": ANNOTATION_COLUMNS,
}
# Items a collection reshapes before they are flattened into a row.
ROW_SHAPES = {"contests": contest_row}
