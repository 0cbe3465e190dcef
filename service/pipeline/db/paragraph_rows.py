"""Rows of a document, its paragraphs, and the mentions, dates and checks they hold."""

import json
from collections import Counter, defaultdict
from collections.abc import Callable

from service.pipeline.db.dump import dumper, plain, to_json
from service.pipeline.fragments import text_fragment
from service.pipeline.records import (
    AssembledDocument,
    DateRecord,
    Document,
    DocumentBuild,
    Mention,
    Paragraph,
)
from service.representations import (
    CheckSchema,
    DateSchema,
    ParagraphDetailSchema,
    ParagraphSchema,
)
from service.vocab import PARAGRAPH_KINDS

item_schema, detail_schema = ParagraphSchema(), ParagraphDetailSchema()
date_schema, check_schema = DateSchema(), CheckSchema()


class ParagraphRows:
    """The rows of a document's text; DocumentRows holds the state they read."""

    document: AssembledDocument
    build: DocumentBuild
    doc: Document
    seq: int
    mentions: dict[str, list[dict]]
    date_items: list[dict]
    dates: dict[str, list[dict]]
    items: dict[str, dict]
    seq_of: Callable[[str], int]

    def document_rows(self) -> list[dict]:
        """Return the document's own row."""
        return [document_row(self.doc, self.build.paragraphs)]

    def paragraphs(self) -> list[dict]:
        """Return every paragraph's row, with its list and detail JSON."""
        brief = defaultdict(list)
        for claim in self.document.claims:
            brief[claim.paragraph_id].append(self.items[claim.id])
        return [
            paragraph_row(
                p,
                self.build.ids,
                self.doc,
                self.seq + p.ordinal,
                self.mentions[self.build.ids[p.ordinal]],
                self.dates[self.build.ids[p.ordinal]],
                brief[self.build.ids[p.ordinal]],
            )
            for p in self.build.paragraphs
        ]

    def mention_rows(self) -> list[dict]:
        """Return a row for every entity mention."""
        return [
            {
                "entity_id": m.entity_id,
                "paragraph_id": paragraph_id,
                "document_id": self.doc.id,
                "seq": self.seq_of(paragraph_id),
                "char_start": m.start,
                "char_end": m.end,
                "text": m.text,
                "label": m.label,
                "source": m.source,
            }
            for paragraph_id, analysis in zip(self.build.ids, self.build.analyses, strict=True)
            for m in analysis.mentions
        ]

    def date_rows(self) -> list[dict]:
        """Return a row for every temporal expression."""
        rows = []
        for item in self.date_items:
            rows.append(
                {
                    "id": item["id"],
                    "document_id": self.doc.id,
                    "paragraph_id": item["paragraph_id"],
                    "seq": self.seq_of(item["paragraph_id"]),
                    "char_start": item["start"],
                    "char_end": item["end"],
                    "text": item["text"],
                    "type": item["type"],
                    "value": item["value"],
                    "mod": item["mod"],
                    "earliest": item["earliest"],
                    "latest": item["latest"],
                    "anchor": item["anchor"],
                    "sentence": item["sentence"],
                    "json": to_json(dumper(date_schema)({**item, "document_id": self.doc.id})),
                }
            )
        return rows

    def check_rows(self) -> list[dict]:
        """Return a row for every consistency check."""
        return [
            {
                "id": check.id,
                "document_id": self.doc.id,
                "seq": self.seq + check.ordinal,
                "kind": check.kind,
                "agrees": None if check.agrees is None else int(check.agrees),
                "json": to_json(dumper(check_schema)({**plain(check), "document_id": self.doc.id})),
            }
            for check in self.document.checks
        ]

    def paragraph_entity_rows(self) -> list[dict]:
        """Return which entities each paragraph mentions, once each."""
        return [
            {"entity_id": entity_id, "paragraph_id": paragraph_id, "seq": self.seq_of(paragraph_id)}
            for paragraph_id, analysis in zip(self.build.ids, self.build.analyses, strict=True)
            for entity_id in dict.fromkeys(m.entity_id for m in analysis.mentions)
        ]

    def retired_rows(self) -> list[dict]:
        """Return the document's retired paragraph ids."""
        return [{"id": retired, "document_id": self.doc.id} for retired in self.build.retired_ids]


def described(mention: Mention, names: dict[str, str]) -> dict:
    """Describe a mention for a paragraph's detail: with its entity's canonical name."""
    return {**plain(mention), "name": names.get(mention.entity_id, mention.text)}


def date_item(record: DateRecord) -> dict:
    """Describe one temporal expression as the API serves it."""
    e = record.expression
    return {
        "id": record.id,
        "paragraph_id": record.paragraph_id,
        "start": e.start,
        "end": e.end,
        "text": e.text,
        "type": e.type,
        "value": e.value,
        "mod": e.mod,
        "earliest": e.earliest.isoformat() if e.earliest else None,
        "latest": e.latest.isoformat() if e.latest else None,
        "anchor": record.anchor_id,
        "sentence": record.sentence,
        "unresolved": e.extra.get("unresolved"),
        # "two days earlier" is a date and the length counted back to it
        "duration": e.extra.get("offset"),
    }


def document_title(doc, paragraphs: list[Paragraph]) -> str | None:
    """Return a document's title: its metadata's, else its title paragraph's."""
    return doc.metadata.get("title") or next(
        (p.served_text for p in paragraphs if p.kind == "title"), None
    )


def document_row(doc, paragraphs: list[Paragraph]) -> dict:
    """Return a document's row."""
    meta = doc.metadata
    title = document_title(doc, paragraphs)
    kinds = Counter(p.kind for p in paragraphs)
    return {
        "id": doc.id,
        "title": title,
        "url": meta.get("url"),
        "author": meta.get("author"),
        "publisher": meta.get("publisher"),
        "published": meta.get("published"),
        "published_inferred": int(meta["published_inferred"]),
        "published_basis": meta.get("published_basis"),
        "language": meta["language"],
        "source_file": doc.path.name,
        "sha256": doc.sha256,
        "chars": len(doc.source),
        "paragraph_count": len(paragraphs),
        # Every kind, zero or not, so that every document has the same keys (and a CSV
        # export the same columns, whichever document comes first).
        "kind_counts": json.dumps({kind: kinds[kind] for kind in sorted(PARAGRAPH_KINDS)}),
        "text": doc.source,
    }


def paragraph_row(paragraph: Paragraph, ids, doc, seq, entities, dates, claims) -> dict:
    """Return a paragraph's row, with its list and detail JSON rendered."""
    text = paragraph.served_text
    links = [plain(link) for link in paragraph.links]
    record = {
        "id": ids[paragraph.ordinal],
        "document_id": doc.id,
        "ordinal": paragraph.ordinal,
        "kind": paragraph.kind,
        "section": paragraph.section,
        "start": paragraph.start,
        "end": paragraph.end,
        "text": text,
        "links": links,
        "dateline": plain(paragraph.dateline) if paragraph.dateline else None,
        "fragment_url": text_fragment(doc.metadata.get("url"), doc.source, text, 0, len(text)),
    }
    ordinal = paragraph.ordinal
    detail = {
        **record,
        "previous_id": ids[ordinal - 1] if ordinal > 0 else None,
        "next_id": ids[ordinal + 1] if ordinal + 1 < len(ids) else None,
        "entities": entities,
        "dates": dates,
        "claims": claims,
    }
    return {
        "id": record["id"],
        "document_id": doc.id,
        "seq": seq,
        "ordinal": ordinal,
        "kind": paragraph.kind,
        "section": paragraph.section,
        "char_start": paragraph.start,
        "char_end": paragraph.end,
        "text": text,
        "links": to_json(links),
        "has_claims": int(bool(claims)),
        "item_json": to_json(dumper(item_schema)(record)),
        "detail_json": to_json(dumper(detail_schema)(detail)),
    }
