"""Rows of a document's claims, who asserts them, what they mention, and its contests."""

from collections import defaultdict
from collections.abc import Callable

from service.pipeline.claims.sources import SourceRegistry
from service.pipeline.db.dump import dumper, plain, to_json
from service.pipeline.records import AssembledDocument, Claim, Document, Paragraph
from service.representations import ClaimDetailSchema, ClaimSchema, ContestSchema

claim_schema, claim_detail_schema = ClaimSchema(), ClaimDetailSchema()
contest_schema = ContestSchema()


class ClaimRows:
    """The rows of a document's claims and contests; DocumentRows holds the state they read."""

    document: AssembledDocument
    doc: Document
    seq: int
    title: str | None
    order: dict[str, int]
    texts: dict[str, Paragraph]
    mentions: dict[str, list[dict]]
    dates: dict[str, list[dict]]
    items: dict[str, dict]
    claim_entities: dict[str, list[str]]
    seq_of: Callable[[str], int]

    def claim_rows(self) -> list[dict]:
        """Return a row for every claim, with its list item and its detail in context."""
        # Both ways: what a claim points at, and what points at it.
        related: defaultdict[str, dict[str, None]] = defaultdict(dict)
        for claim in self.document.claims:
            for relation in claim.relations:
                related[claim.id][relation.claim_id] = None
                related[relation.claim_id][claim.id] = None
        rows = []
        for claim in self.document.claims:
            item, paragraph = self.items[claim.id], self.texts[claim.paragraph_id]
            detail = {
                **item,
                "paragraph": {
                    "id": claim.paragraph_id,
                    "section": paragraph.section,
                    "text": paragraph.served_text,
                },
                "entities": within(self.mentions[claim.paragraph_id], claim.start, claim.end),
                "dates": within(self.dates[claim.paragraph_id], claim.start, claim.end),
                "related": [self.related_item(i) for i in related[claim.id]],
            }
            rows.append(
                {
                    "id": claim.id,
                    "document_id": claim.document_id,
                    "paragraph_id": claim.paragraph_id,
                    "seq": self.seq_of(claim.paragraph_id),
                    "char_start": claim.start,
                    "status": claim.status,
                    "kind": claim.kind,
                    "origin": claim.origin,
                    "contested": int(claim.contested),
                    "corroborated": 0,
                    "hedged": int(bool(claim.hedges)),
                    "contest_id": claim.contest_id,
                    "item_json": to_json(dumper(claim_schema)(item)),
                    "detail_json": to_json(dumper(claim_detail_schema)(detail)),
                }
            )
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
            body = {
                "id": contest.id,
                "document_id": self.doc.id,
                "question": contest.question,
                "sides": sides,
                "origin": contest.origin,
            }
            first = min(
                self.order[self.items[c]["paragraph_id"]] for s in contest.sides for c in s.claims
            )
            rows.append(
                {
                    "id": contest.id,
                    "document_id": self.doc.id,
                    "seq": self.seq + first,
                    "json": to_json(dumper(contest_schema)(body)),
                }
            )
        return rows


def claim_item(claim: Claim, sources: SourceRegistry) -> dict:
    """Describe a claim as the API serves it in lists."""
    item = plain(claim)
    item["sourcing"] = {
        "status": claim.status,
        "sources": [source_ref(sources[s]) for s in claim.sources],
        # the paragraph whose text the cue's offsets index: the claim's own, or the one
        # that named a quotation's speaker
        "cue": item["cue"]
        and {**item["cue"], "paragraph_id": claim.cue_paragraph or claim.paragraph_id},
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
        c.id: list(
            dict.fromkeys(
                m.entity_id
                for m in mentions[c.paragraph_id]
                if c.start <= m.start and m.end <= c.end
            )
        )
        for c in claims
    }


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
