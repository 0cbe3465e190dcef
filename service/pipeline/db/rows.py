"""Turn one assembled document into table rows, with the JSON the API serves dumped once."""

from collections import defaultdict

from service.pipeline.db.annotation_rows import AnnotationRows
from service.pipeline.db.claim_rows import ClaimRows, claim_entities, claim_item
from service.pipeline.db.paragraph_rows import (
    ParagraphRows,
    date_item,
    described,
    document_title,
)
from service.pipeline.records import AssembledDocument


class DocumentRows(ParagraphRows, ClaimRows, AnnotationRows):
    """The rows of one document, its paragraphs starting at corpus position `seq`."""

    def __init__(self, document: AssembledDocument, seq: int, names: dict, sources):
        self.document, self.build, self.seq = document, document.build, seq
        self.doc = self.build.doc
        self.title = document_title(self.doc, self.build.paragraphs)
        self.order = {paragraph_id: n for n, paragraph_id in enumerate(self.build.ids)}
        self.texts = {self.build.ids[p.ordinal]: p for p in self.build.paragraphs}
        self.mentions = {
            self.build.ids[n]: [described(m, names) for m in a.mentions]
            for n, a in enumerate(self.build.analyses)
        }
        self.date_items = [date_item(record) for record in document.dates]
        self.dates = defaultdict(list)
        for item in self.date_items:
            self.dates[item["paragraph_id"]].append(item)
        self.items = {c.id: claim_item(c, sources) for c in document.claims}
        self.claim_entities = claim_entities(self.build, document.claims)

    def seq_of(self, paragraph_id: str) -> int:
        """Return a paragraph's corpus position."""
        return self.seq + self.order[paragraph_id]

    def search_rows(self) -> list[dict]:
        """Return the full-text rows of the document's paragraphs and claims."""
        rows = [
            {
                "title": c.proposition,
                "text": c.quote,
                "kind": "claim",
                "ref_id": c.id,
                "document_id": c.document_id,
                "paragraph_id": c.paragraph_id,
            }
            for c in self.document.claims
        ]
        return rows + [
            {
                "title": p.section or "",
                "text": p.served_text,
                "kind": "paragraph",
                "ref_id": self.build.ids[p.ordinal],
                "document_id": self.doc.id,
                "paragraph_id": self.build.ids[p.ordinal],
            }
            for p in self.build.paragraphs
        ]
