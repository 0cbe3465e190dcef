"""Rows of the Web Annotations the build makes of a document's mentions, dates and claims."""

from collections.abc import Callable

from service.pipeline import webanno
from service.pipeline.db.dump import to_json
from service.pipeline.records import Document, Paragraph


class AnnotationRows:
    """The rows of a document's Web Annotations; DocumentRows holds the state they read."""

    doc: Document
    texts: dict[str, Paragraph]
    mentions: dict[str, list[dict]]
    dates: dict[str, list[dict]]
    items: dict[str, dict]
    seq_of: Callable[[str], int]

    def annotation_rows(self) -> list[dict]:
        """Return the document's mentions, dates, claims and relations as Web Annotations."""
        found = []
        for paragraph_id, paragraph in self.texts.items():
            text = paragraph.served_text
            found += [
                (m["start"], webanno.mention(paragraph_id, text, m))
                for m in self.mentions[paragraph_id]
            ]
            found += [
                (d["start"], webanno.date(paragraph_id, text, d)) for d in self.dates[paragraph_id]
            ]
        for item in self.items.values():
            text = self.texts[item["paragraph_id"]].served_text
            found.append((item["start"], webanno.claim(text, item)))
            found += [
                (
                    item["start"],
                    webanno.relation(text, item, r["type"], r["claim_id"], r.get("reason")),
                )
                for r in item["relations"]
            ]
        rows = {}
        for start, annotation in found:
            row = annotation_row(annotation, self.doc.id, start, self.seq_of)
            rows[row["id"]] = row
        return list(rows.values())


def annotation_row(annotation: dict, document_id: str, start: int, seq_of) -> dict:
    """Make the row of a Web Annotation on words of a paragraph starting at `start`;
    seq_of gives a paragraph's corpus position."""
    paragraph_id = annotation["target"]["source"].rsplit("/", 1)[1]
    return {
        "id": annotation["id"].rsplit("/", 1)[1],
        "document_id": document_id,
        "paragraph_id": paragraph_id,
        "seq": seq_of(paragraph_id),
        "char_start": start,
        "motivation": annotation["motivation"],
        "json": to_json(annotation),
    }
