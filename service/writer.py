"""Write documents into the database as they come out of the pipeline."""

import hashlib
import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import sqlite_utils

from service import claims, fragments, nlp, tables, temporal, webanno
from service.corpus import BuildError

if TYPE_CHECKING:
    from service.build import BuildReport, DocumentBuild


@dataclass
class Annotations:
    """The curated layers every document is written against."""

    directory: Path
    gazetteer: nlp.Gazetteer
    sources: dict


class Writer:
    """Insert documents as they come out of the pipeline, counting entity mentions."""

    def __init__(self, db: sqlite_utils.Database, report: "BuildReport", context: Annotations):
        self.db, self.report, self.seq = db, report, 0
        self.context, self.sources = context, context.sources
        self.curated = {entity["id"]: entity for entity in context.gazetteer.entities}
        self.claims_per_source: Counter = Counter()
        self.contest_ids: set[str] = set()
        self.entity_texts: dict[str, Counter] = defaultdict(Counter)
        self.entity_labels: dict[str, str] = {}
        self.entity_paragraphs: dict[str, set] = defaultdict(set)
        self.mention_count: Counter = Counter()

    def write_document(self, document: "DocumentBuild") -> None:
        """Write one document with its paragraphs, mentions, dates and checks."""
        doc, paragraphs, paragraph_ids = document.doc, document.paragraphs, document.ids
        self.db["documents"].insert(tables.document_row(doc, paragraphs))
        texts = [p.served_text for p in paragraphs]
        spans = {i: a["dates"] for i, a in enumerate(document.analyses)}
        expressions = temporal.extract(texts, doc.metadata.get("published"), spans)
        date_ids = tables.date_ids(paragraph_ids, expressions)
        sentences = {i: a["sentences"] for i, a in enumerate(document.analyses)}
        dates_by_paragraph = self._write_dates(doc.id, document, expressions, date_ids, sentences)
        self._write_checks(doc.id, expressions, date_ids, sentences)
        described = {
            paragraph_ids[p.ordinal]: self._entities(a["entities"], paragraph_ids[p.ordinal])
            for p, a in zip(paragraphs, document.analyses, strict=True)
        }
        dated = {paragraph_ids[o]: d for o, d in dates_by_paragraph.items()}
        claims_by_paragraph, claim_items = self._write_claims(document, described, dated)
        rows, mention_rows = [], []
        for paragraph, analysis in zip(paragraphs, document.analyses, strict=True):
            paragraph_id = paragraph_ids[paragraph.ordinal]
            entities = described[paragraph_id]
            mention_rows += [
                {
                    "entity_id": m["entity_id"],
                    "paragraph_id": paragraph_id,
                    "document_id": doc.id,
                    "seq": self.seq + paragraph.ordinal,
                    "char_start": m["start"],
                    "char_end": m["end"],
                    "text": m["text"],
                    "label": m["label"],
                    "source": m["source"],
                }
                for m in analysis["entities"]
            ]
            dates = dates_by_paragraph.get(paragraph.ordinal, [])
            in_paragraph = claims_by_paragraph.get(paragraph_id, [])
            rows.append(
                tables.paragraph_row(
                    paragraph,
                    paragraph_ids,
                    doc,
                    self.seq + paragraph.ordinal,
                    entities,
                    dates,
                    in_paragraph,
                )
            )
            self.report.words += len(paragraph.served_text.split())
        self.db["paragraphs"].insert_all(rows)
        tables.insert_search(
            self.db,
            [
                {"title": p.section or "", "text": p.served_text, "kind": "paragraph",
                 "ref_id": paragraph_ids[p.ordinal], "document_id": doc.id,
                 "paragraph_id": paragraph_ids[p.ordinal]}
                for p in paragraphs
            ],
        )  # fmt: skip
        self.db["mentions"].insert_all(mention_rows)
        self._write_annotations(document, described, dated, claim_items)
        self.db["retired_paragraphs"].insert_all(
            {"id": retired, "document_id": doc.id} for retired in document.retired_ids
        )
        # Until here self.seq is the corpus position of this document's first paragraph.
        self.seq += len(paragraphs)

    def _write_claims(self, document: "DocumentBuild", entities: dict, dates: dict):
        """Write a document's curated and machine claims; return them by paragraph, and by id."""
        doc = document.doc
        texts = {
            document.ids[p.ordinal]: claims.ParagraphText(doc.id, p.served_text, p.links, p.section)
            for p in document.paragraphs
        }
        path = self.context.directory / doc.id / claims.CLAIMS_FILE
        curated, contests = [], []
        if path.exists():
            curated, contests = claims.load_claims(
                path, texts, set(document.retired_ids), self.sources
            )
        claims.symmetric(curated)
        machine = [
            claim
            for p, a in zip(document.paragraphs, document.analyses, strict=True)
            for claim in claims.machine_claims(
                document.ids[p.ordinal],
                texts[document.ids[p.ordinal]],
                a["attributions"],
                self.sources,
            )
        ]
        merged = claims.merge(curated, machine)
        url = doc.metadata.get("url")
        for claim in merged:
            paragraph_text = texts[claim["paragraph_id"]].text
            claim["fragment_url"] = fragments.text_fragment(
                url, doc.source, paragraph_text, claim["start"], claim["end"]
            )
        items = {c["id"]: tables.claim_item(c, self.sources) for c in merged}
        order = {pid: number for number, pid in enumerate(document.ids)}
        # Related both ways: a claim shows what it supports and what supports it.
        related = defaultdict(dict)
        for claim in merged:
            for relation in claim["relations"]:
                related[claim["id"]][relation["claim_id"]] = None
                related[relation["claim_id"]][claim["id"]] = None
        rows, brief = [], defaultdict(list)
        for claim in sorted(merged, key=lambda c: (order[c["paragraph_id"]], c["start"], c["id"])):
            rows.append(self._claim_row(claim, items, texts, entities, dates, order, related))
            brief[claim["paragraph_id"]].append(items[claim["id"]])
        self.db["claims"].insert_all(rows)
        tables.insert_search(
            self.db,
            [
                {"title": c["proposition"], "text": c["quote"], "kind": "claim", "ref_id": c["id"],
                 "document_id": c["document_id"], "paragraph_id": c["paragraph_id"]}
                for c in merged
            ],
        )  # fmt: skip
        self.db["claim_sources"].insert_all(
            {"claim_id": c["id"], "source_id": s} for c in merged for s in c["sources"]
        )
        self.db["claim_entities"].insert_all(
            {"claim_id": c["id"], "entity_id": e}
            for c in merged
            for e in {
                m["entity_id"]
                for m in tables.within(entities[c["paragraph_id"]], c["start"], c["end"])
            }
        )
        self.claims_per_source.update(s for c in merged for s in c["sources"])
        self._write_contests(doc.id, contests, items, order)
        self.report.claims += len(merged)
        self.report.machine_claims += len(merged) - len(curated)
        return brief, items

    def _write_annotations(
        self, document: "DocumentBuild", entities: dict, dates: dict, items: dict
    ) -> None:
        """Write the document's mentions, dates, claims and relations as Web Annotations."""
        order = {pid: number for number, pid in enumerate(document.ids)}
        texts = {document.ids[p.ordinal]: p.served_text for p in document.paragraphs}
        found = []
        for paragraph_id, text in texts.items():
            found += [
                (m["start"], webanno.mention(paragraph_id, text, m)) for m in entities[paragraph_id]
            ]
            found += [
                (d["start"], webanno.date(paragraph_id, text, d))
                for d in dates.get(paragraph_id, [])
            ]
        for item in items.values():
            text = texts[item["paragraph_id"]]
            found.append((item["start"], webanno.claim(text, item)))
            found += [
                (item["start"], webanno.relation(text, item, r["type"], r["claim_id"]))
                for r in item["relations"]
            ]
        rows = {}
        for start, annotation in found:
            paragraph_id = annotation["target"]["source"].rsplit("/", 1)[1]
            key = annotation["id"].rsplit("/", 1)[1]
            rows[key] = {
                "id": key, "document_id": document.doc.id, "paragraph_id": paragraph_id,
                "seq": self.seq + order[paragraph_id], "char_start": start,
                "motivation": annotation["motivation"], "json": tables.to_json(annotation),
            }  # fmt: skip
        self.db["annotations"].insert_all(rows.values())
        self.report.annotations += len(rows)

    def _claim_row(self, claim, items, texts, entities, dates, order, related) -> dict:
        """Render one claim's row: list item and detail with its context."""
        item = items[claim["id"]]
        paragraph_id = claim["paragraph_id"]
        detail = {
            **item,
            "paragraph": {
                "id": paragraph_id,
                "section": texts[paragraph_id].section,
                "text": texts[paragraph_id].text,
            },
            "entities": tables.within(entities[paragraph_id], claim["start"], claim["end"]),
            "dates": tables.within(dates.get(paragraph_id, []), claim["start"], claim["end"]),
            "related": [items[i] for i in related[claim["id"]]],
        }
        return {
            "id": claim["id"],
            "document_id": claim["document_id"],
            "paragraph_id": paragraph_id,
            "seq": self.seq + order[paragraph_id],
            "char_start": claim["start"],
            "status": claim["status"],
            "kind": claim["kind"],
            "origin": claim["origin"],
            "contested": int(item["contested"]),
            "hedged": int(item["hedged"]),
            "contest_id": claim["contest_id"],
            "item_json": tables.to_json(tables.claim_schema.dump(item)),
            "detail_json": tables.to_json(tables.claim_detail_schema.dump(detail)),
        }

    def _write_contests(self, doc_id: str, contests: list[dict], items: dict, order: dict) -> None:
        """Write each contest with its sides' claims and sources."""
        rows = []
        for contest in contests:
            if contest["id"] in self.contest_ids:
                raise BuildError(
                    doc_id, None, f"contest id '{contest['id']}' is used by two documents"
                )
            self.contest_ids.add(contest["id"])
            sides = []
            for side in contest["sides"]:
                side_claims = [items[c] for c in side["claims"]]
                refs = {s["id"]: s for c in side_claims for s in c["sourcing"]["sources"]}
                sides.append(
                    {"label": side["label"], "claims": side_claims, "sources": list(refs.values())}
                )
            body = {
                "id": contest["id"],
                "document_id": doc_id,
                "question": contest["question"],
                "sides": sides,
            }
            first = min(
                order[items[c]["paragraph_id"]] for side in contest["sides"] for c in side["claims"]
            )
            rows.append(
                {"id": contest["id"], "document_id": doc_id, "seq": self.seq + first,
                 "json": tables.to_json(tables.contest_schema.dump(body))}
            )  # fmt: skip
        self.db["contests"].insert_all(rows)

    def write_sources(self) -> None:
        """Write every source, curated or detected, with how many claims it makes."""
        rows = []
        for source in self.sources.values():
            item = {**source, "claim_count": self.claims_per_source[source["id"]]}
            rows.append(
                {"id": source["id"], "name": source["name"], "type": source["type"],
                 "curated": int(source["curated"]), "claim_count": item["claim_count"],
                 "item_json": tables.to_json(tables.source_schema.dump(item))}
            )  # fmt: skip
        self.db["sources"].insert_all(rows)

    def _entities(self, mentions: list[dict], paragraph_id: str) -> list[dict]:
        """Count mentions per entity and describe them for the paragraph detail."""
        described = []
        for mention in mentions:
            entity_id = mention["entity_id"]
            self.entity_texts[entity_id][mention["text"]] += 1
            self.entity_labels.setdefault(entity_id, mention["label"])
            self.entity_paragraphs[entity_id].add(paragraph_id)
            self.mention_count[entity_id] += 1
            curated = self.curated.get(entity_id)
            described.append({**mention, "name": curated["name"] if curated else mention["text"]})
        self.report.mentions += len(mentions)
        return described

    def _write_dates(self, doc_id, document, expressions, date_ids, sentences) -> dict:
        """Write temporal expressions; return them grouped by paragraph ordinal."""
        by_paragraph: dict[int, list[dict]] = defaultdict(list)
        rows = []
        for expression, date_id in zip(expressions, date_ids, strict=True):
            paragraph = document.paragraphs[expression.paragraph]
            anchor = expression.anchor
            anchor_id = date_ids[anchor] if isinstance(anchor, int) else anchor
            start, end = temporal.sentence_of(expression, sentences)
            sentence = paragraph.served_text[start:end].strip()
            paragraph_id = document.ids[expression.paragraph]
            record = tables.date_record(expression, date_id, paragraph_id, anchor_id, sentence)
            by_paragraph[expression.paragraph].append(record)
            rows.append(
                {
                    "id": date_id,
                    "document_id": doc_id,
                    "paragraph_id": paragraph_id,
                    "seq": self.seq + expression.paragraph,
                    "char_start": expression.start,
                    "char_end": expression.end,
                    "text": expression.text,
                    "type": expression.type,
                    "value": expression.value,
                    "mod": expression.mod,
                    "earliest": record["earliest"],
                    "latest": record["latest"],
                    "anchor": anchor_id,
                    "sentence": sentence,
                    "json": tables.to_json(
                        tables.date_schema.dump({**record, "document_id": doc_id})
                    ),
                }
            )
        self.db["dates"].insert_all(rows)
        self.report.dates += len(rows)
        return by_paragraph

    def _write_checks(self, doc_id, expressions, date_ids, sentences) -> None:
        """Write the duration and offset checks of one document."""
        rows = []
        for number, check in enumerate(temporal.consistency_checks(expressions, sentences)):
            check_id = f"c-{hashlib.sha256(f'{doc_id}:{number}'.encode()).hexdigest()[:12]}"
            body = {
                "id": check_id,
                "document_id": doc_id,
                **check,
                "expressions": [date_ids[i] for i in check["expressions"]],
            }
            agrees = None if check["agrees"] is None else int(check["agrees"])
            seq = self.seq + expressions[check["expressions"][1]].paragraph
            rows.append(
                {"id": check_id, "document_id": doc_id, "seq": seq, "kind": check["kind"],
                 "agrees": agrees, "json": tables.to_json(tables.check_schema.dump(body))}
            )  # fmt: skip
        self.db["checks"].insert_all(rows)
        self.report.checks += len(rows)

    def write_entities(self) -> None:
        """Write every entity mentioned at least once, curated ones with their description."""
        curated, rows = self.curated, []
        for entity_id, count in self.mention_count.items():
            entry = curated.get(entity_id)
            name = entry["name"] if entry else self.entity_texts[entity_id].most_common(1)[0][0]
            aliases = entry["aliases"] if entry else []
            rows.append(
                {
                    "id": entity_id,
                    "name": name,
                    "label": entry["label"] if entry else self.entity_labels[entity_id],
                    "description": entry.get("description") if entry else None,
                    "aliases": json.dumps(aliases, ensure_ascii=False),
                    "curated": int(entry is not None),
                    "mention_count": count,
                    "paragraph_count": len(self.entity_paragraphs[entity_id]),
                    "search_text": " ".join([name, *aliases]).lower(),
                }
            )
        self.db["entities"].insert_all(rows)
        tables.insert_search(
            self.db,
            [
                {"title": r["name"], "text": _entity_text(r), "kind": "entity", "ref_id": r["id"],
                 "document_id": None, "paragraph_id": None}
                for r in rows
            ],
        )  # fmt: skip
        self.report.entities = len(rows)


def _entity_text(row: dict) -> str:
    """Write what search finds an entity by besides its name: aliases and description."""
    return "; ".join([*json.loads(row["aliases"]), row["description"] or ""]).strip("; ")
