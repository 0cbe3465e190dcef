"""Rows counted across the corpus: entities, sources and the documents each source is in."""

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from service.pipeline.claims.sources import SourceRegistry
from service.pipeline.db.dump import dumper, plain, to_json
from service.pipeline.db.paragraph_rows import document_title
from service.pipeline.records import AssembledDocument
from service.representations import SourceDetailSchema, SourceSchema

source_schema, source_detail_schema = SourceSchema(), SourceDetailSchema()
# A source's detail names the documents it is most cited in; the rest are a filter away
# (`/v1/claims?source=`), so that the detail stays small however large the corpus.
SOURCE_DOCUMENTS_SHOWN = 50


@dataclass
class CorpusTally:
    """What is counted across documents: entity mentions and claims per source."""

    texts: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    labels: dict[str, str] = field(default_factory=dict)
    paragraphs: dict[str, set] = field(default_factory=lambda: defaultdict(set))
    mentions: Counter = field(default_factory=Counter)
    source_documents: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    titles: dict[str, str | None] = field(default_factory=dict)

    def add(self, document: AssembledDocument) -> None:
        """Count one document's mentions and claims."""
        build = document.build
        for paragraph_id, analysis in zip(build.ids, build.analyses, strict=True):
            for mention in analysis.mentions:
                self.texts[mention.entity_id][mention.text] += 1
                self.labels.setdefault(mention.entity_id, mention.label)
                self.paragraphs[mention.entity_id].add(paragraph_id)
                self.mentions[mention.entity_id] += 1
        for claim in document.claims:
            for source in claim.sources:
                self.source_documents[source][document.id] += 1
        self.titles[document.id] = document_title(build.doc, build.paragraphs)


def entity_rows(tally: CorpusTally, curated: dict[str, dict]) -> list[dict]:
    """Return every entity mentioned at least once, curated ones with their description."""
    return [
        entity_row(
            entity_id,
            tally.texts[entity_id].most_common(1)[0][0],
            tally.labels[entity_id],
            (count, len(tally.paragraphs[entity_id])),
            curated.get(entity_id),
        )
        for entity_id, count in tally.mentions.items()
    ]


def entity_row(entity_id: str, usual: str, label: str, counts, entry: dict | None) -> dict:
    """Return an entity's row: its curated entry's name and label, else the words and label
    of its mentions (the most usual words); counts are its mentions and paragraphs."""
    name = entry["name"] if entry else usual
    aliases = entry["aliases"] if entry else []
    return {
        "id": entity_id,
        "name": name,
        "label": entry["label"] if entry else label,
        "description": entry.get("description") if entry else None,
        "aliases": json.dumps(aliases, ensure_ascii=False),
        "curated": int(entry is not None),
        "mention_count": counts[0],
        "paragraph_count": counts[1],
        "search_text": " ".join([name, *aliases]).lower(),
    }


def entity_search_rows(rows: list[dict]) -> list[dict]:
    """Return the full-text rows of entities: found by name, aliases and description."""
    return [
        {
            "title": r["name"],
            "kind": "entity",
            "ref_id": r["id"],
            "document_id": None,
            "paragraph_id": None,
            "text": "; ".join([*json.loads(r["aliases"]), r["description"] or ""]).strip("; "),
        }
        for r in rows
    ]


def source_rows(sources: SourceRegistry, tally: CorpusTally) -> list[dict]:
    """Return every source, curated or detected, with how many claims it makes and where."""
    return [
        source_row(source, tally.source_documents.get(source.id, Counter()), tally.titles)
        for source in sources
    ]


def source_row(source, documents: Counter, titles: dict[str, str | None]) -> dict:
    """Return a source's row, given how many of its claims each document holds."""
    item = {**plain(source), "claim_count": sum(documents.values())}
    detail = {
        **item,
        "document_count": len(documents),
        "documents": [
            {"id": doc_id, "title": titles.get(doc_id), "claim_count": count}
            for doc_id, count in sorted(documents.items(), key=lambda d: (-d[1], d[0]))[
                :SOURCE_DOCUMENTS_SHOWN
            ]
        ],
        "claims_url": f"/v1/claims?source={source.id}",
    }
    return {
        "id": source.id,
        "name": source.name,
        "type": source.type,
        "curated": int(source.curated),
        "claim_count": item["claim_count"],
        "item_json": to_json(dumper(source_schema)(item)),
        "detail_json": to_json(dumper(source_detail_schema)(detail)),
    }
