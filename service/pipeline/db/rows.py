"""Turn records into table rows, with the JSON the API serves dumped once, here."""

import json
from collections import Counter, defaultdict
from dataclasses import asdict

from service.pipeline import webanno
from service.pipeline.claims.sources import SourceRegistry
from service.pipeline.fragments import text_fragment
from service.pipeline.records import AssembledDocument, Claim, DateRecord, Mention, Paragraph
from service.representations import (
    CheckSchema,
    ClaimDetailSchema,
    ClaimSchema,
    ContestSchema,
    DateSchema,
    ParagraphDetailSchema,
    ParagraphSchema,
    SourceSchema,
)
from service.vocab import PARAGRAPH_KINDS

item_schema, detail_schema = ParagraphSchema(), ParagraphDetailSchema()
date_schema, check_schema = DateSchema(), CheckSchema()
claim_schema, claim_detail_schema = ClaimSchema(), ClaimDetailSchema()
source_schema, contest_schema = SourceSchema(), ContestSchema()


def to_json(value) -> str:
    """Serialise compactly, keeping non-ASCII text as it is."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)


class DocumentRows:
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
            {"entity_id": m.entity_id, "paragraph_id": paragraph_id, "document_id": self.doc.id,
             "seq": self.seq_of(paragraph_id), "char_start": m.start, "char_end": m.end,
             "text": m.text, "label": m.label, "source": m.source}
            for paragraph_id, analysis in zip(self.build.ids, self.build.analyses, strict=True)
            for m in analysis.mentions
        ]  # fmt: skip

    def date_rows(self) -> list[dict]:
        """Return a row for every temporal expression."""
        rows = []
        for item in self.date_items:
            rows.append(
                {"id": item["id"], "document_id": self.doc.id, "paragraph_id": item["paragraph_id"],
                 "seq": self.seq_of(item["paragraph_id"]), "char_start": item["start"],
                 "char_end": item["end"], "text": item["text"], "type": item["type"],
                 "value": item["value"], "mod": item["mod"], "earliest": item["earliest"],
                 "latest": item["latest"], "anchor": item["anchor"], "sentence": item["sentence"],
                 "json": to_json(date_schema.dump({**item, "document_id": self.doc.id}))}
            )  # fmt: skip
        return rows

    def check_rows(self) -> list[dict]:
        """Return a row for every consistency check."""
        return [
            {"id": check.id, "document_id": self.doc.id, "seq": self.seq + check.ordinal,
             "kind": check.kind, "agrees": None if check.agrees is None else int(check.agrees),
             "json": to_json(check_schema.dump({**asdict(check), "document_id": self.doc.id}))}
            for check in self.document.checks
        ]  # fmt: skip

    def claim_rows(self) -> list[dict]:
        """Return a row for every claim, with its list item and its detail in context."""
        related = defaultdict(dict)  # both ways: what a claim points at, and what points at it
        for claim in self.document.claims:
            for relation in claim.relations:
                related[claim.id][relation.claim_id] = None
                related[relation.claim_id][claim.id] = None
        rows = []
        for claim in self.document.claims:
            item, paragraph = self.items[claim.id], self.texts[claim.paragraph_id]
            detail = {
                **item,
                "paragraph": {"id": claim.paragraph_id, "section": paragraph.section,
                              "text": paragraph.served_text},
                "entities": within(self.mentions[claim.paragraph_id], claim.start, claim.end),
                "dates": within(self.dates[claim.paragraph_id], claim.start, claim.end),
                "related": [self.related_item(i) for i in related[claim.id]],
            }  # fmt: skip
            rows.append(
                {"id": claim.id, "document_id": claim.document_id,
                 "paragraph_id": claim.paragraph_id, "seq": self.seq_of(claim.paragraph_id),
                 "char_start": claim.start, "status": claim.status, "kind": claim.kind,
                 "origin": claim.origin, "contested": int(claim.contested), "corroborated": 0,
                 "hedged": int(bool(claim.hedges)), "contest_id": claim.contest_id,
                 "item_json": to_json(claim_schema.dump(item)),
                 "detail_json": to_json(claim_detail_schema.dump(detail))}
            )  # fmt: skip
        return rows

    def related_item(self, claim_id: str) -> dict:
        """Return a related claim of this document as a claim's detail lists it."""
        return related_entry(self.items[claim_id], self.title)

    # The link tables repeat each claim's reading position (seq, char_start), so that a
    # filter by source or entity walks one index in reading order instead of sorting.
    def claim_source_rows(self) -> list[dict]:
        """Return who asserts each claim."""
        return [
            {"claim_id": c.id, "source_id": s, **self.position(c)}
            for c in self.document.claims
            for s in c.sources
        ]

    def claim_entity_rows(self) -> list[dict]:
        """Return which entities each claim mentions."""
        return [
            {"claim_id": c.id, "entity_id": entity_id, **self.position(c)}
            for c in self.document.claims
            for entity_id in self.claim_entities[c.id]
        ]

    def paragraph_entity_rows(self) -> list[dict]:
        """Return which entities each paragraph mentions, once each."""
        return [
            {"entity_id": entity_id, "paragraph_id": paragraph_id, "seq": self.seq_of(paragraph_id)}
            for paragraph_id, analysis in zip(self.build.ids, self.build.analyses, strict=True)
            for entity_id in dict.fromkeys(m.entity_id for m in analysis.mentions)
        ]

    def position(self, claim) -> dict:
        """Return a claim's reading position: its paragraph's corpus seq and its offset."""
        return {"seq": self.seq_of(claim.paragraph_id), "char_start": claim.start}

    def contest_rows(self) -> list[dict]:
        """Return every contest with its sides' claims and sources."""
        rows = []
        for contest in self.document.contests:
            sides = []
            for side in contest.sides:
                claims = [self.items[c] for c in side.claims]
                refs = {s["id"]: s for c in claims for s in c["sourcing"]["sources"]}
                sides.append(
                    {"label": side.label, "claims": claims, "sources": list(refs.values())}
                )
            body = {"id": contest.id, "document_id": self.doc.id, "question": contest.question,
                    "sides": sides, "origin": contest.origin}  # fmt: skip
            first = min(
                self.order[self.items[c]["paragraph_id"]] for s in contest.sides for c in s.claims
            )
            rows.append(
                {"id": contest.id, "document_id": self.doc.id, "seq": self.seq + first,
                 "json": to_json(contest_schema.dump(body))}
            )  # fmt: skip
        return rows

    def search_rows(self) -> list[dict]:
        """Return the full-text rows of the document's paragraphs and claims."""
        rows = [
            {"title": c.proposition, "text": c.quote, "kind": "claim", "ref_id": c.id,
             "document_id": c.document_id, "paragraph_id": c.paragraph_id}
            for c in self.document.claims
        ]  # fmt: skip
        return rows + [
            {"title": p.section or "", "text": p.served_text, "kind": "paragraph",
             "ref_id": self.build.ids[p.ordinal], "document_id": self.doc.id,
             "paragraph_id": self.build.ids[p.ordinal]}
            for p in self.build.paragraphs
        ]  # fmt: skip

    def annotation_rows(self) -> list[dict]:
        """Return the document's mentions, dates, claims and relations as Web Annotations."""
        found = []
        for paragraph_id, paragraph in self.texts.items():
            text = paragraph.served_text
            found += [(m["start"], webanno.mention(paragraph_id, text, m))
                      for m in self.mentions[paragraph_id]]  # fmt: skip
            found += [(d["start"], webanno.date(paragraph_id, text, d))
                      for d in self.dates[paragraph_id]]  # fmt: skip
        for item in self.items.values():
            text = self.texts[item["paragraph_id"]].served_text
            found.append((item["start"], webanno.claim(text, item)))
            found += [
                (item["start"], webanno.relation(text, item, r["type"], r["claim_id"]))
                for r in item["relations"]
            ]
        rows = {}
        for start, annotation in found:
            row = annotation_row(annotation, self.doc.id, start, self.seq_of)
            rows[row["id"]] = row
        return list(rows.values())

    def retired_rows(self) -> list[dict]:
        """Return the document's retired paragraph ids."""
        return [{"id": retired, "document_id": self.doc.id} for retired in self.build.retired_ids]


def annotation_row(annotation: dict, document_id: str, start: int, seq_of) -> dict:
    """Make the row of a Web Annotation on words of a paragraph starting at `start`;
    seq_of gives a paragraph's corpus position."""
    paragraph_id = annotation["target"]["source"].rsplit("/", 1)[1]
    return {
        "id": annotation["id"].rsplit("/", 1)[1], "document_id": document_id,
        "paragraph_id": paragraph_id, "seq": seq_of(paragraph_id), "char_start": start,
        "motivation": annotation["motivation"], "json": to_json(annotation),
    }  # fmt: skip


def described(mention: Mention, names: dict[str, str]) -> dict:
    """Describe a mention for a paragraph's detail: with its entity's canonical name."""
    return {**asdict(mention), "name": names.get(mention.entity_id, mention.text)}


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
    }


def claim_item(claim: Claim, sources: SourceRegistry) -> dict:
    """Describe a claim as the API serves it in lists."""
    item = asdict(claim)
    item["sourcing"] = {
        "status": claim.status,
        "sources": [source_ref(sources[s]) for s in claim.sources],
        "cue": item["cue"],
        "hedges": item["hedges"],
        "link": claim.link,
        "link_url": claim.link_url,
    }
    item["hedged"], item["contested"] = bool(claim.hedges), claim.contested
    return item


def source_ref(source) -> dict:
    """Name a source briefly."""
    return {"id": source.id, "name": source.name, "type": source.type}


def claim_entities(build, claims) -> dict[str, list[str]]:
    """Return the canonical entities each claim's quote mentions, once each, in order."""
    mentions = {build.ids[n]: analysis.mentions for n, analysis in enumerate(build.analyses)}
    return {
        c.id: list(dict.fromkeys(
            m.entity_id for m in mentions[c.paragraph_id] if c.start <= m.start and m.end <= c.end
        ))
        for c in claims
    }  # fmt: skip


def within(items: list[dict], start: int, end: int) -> list[dict]:
    """Keep the spans that lie inside [start, end)."""
    return [i for i in items if start <= i["start"] and i["end"] <= end]


def related_entry(item: dict, title: str | None) -> dict:
    """Return a related claim as a claim's detail lists it: with its document's title and
    where to read it."""
    return {
        **item,
        "document_title": title,
        "paragraph_url": f"/v1/paragraphs/{item['paragraph_id']}",
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
    links = [asdict(link) for link in paragraph.links]
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
        "dateline": asdict(paragraph.dateline) if paragraph.dateline else None,
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
        "item_json": to_json(item_schema.dump(record)),
        "detail_json": to_json(detail_schema.dump(detail)),
    }
