"""Score the NLP layer on the article's hand-read gold file: mentions, links, date values, cues."""

from dataclasses import dataclass
from pathlib import Path

import spacy
import yaml

from service.evaluation.scores import Rates, score
from service.pipeline import ids
from service.pipeline.claims.curated import CLAIMS_FILE, ParagraphText, load_claims
from service.pipeline.claims.sources import load_sources
from service.pipeline.inputs import load_document
from service.pipeline.nlp.gazetteer import GAZETTEER_FILE, Gazetteer, load_gazetteer
from service.pipeline.nlp.pipeline import TEMPORAL_LABELS, analyse, load_pipeline
from service.pipeline.records import Document, Paragraph, paragraph_input
from service.pipeline.segment import segment_document
from service.pipeline.temporal.extract import extract
from service.vocab import ENTITY_LABELS


@dataclass
class Evaluation:
    """Every number the evaluation reports."""

    mentions: Rates
    bare_mentions: Rates
    links_correct: int
    links_matched: int
    date_spans: Rates
    bare_date_spans: Rates
    date_values_correct: int
    date_values_gold: int
    missed_mentions: list
    wrong_mentions: list
    wrong_dates: list


@dataclass
class Prepared:
    """A curated document segmented, with its locked paragraph IDs, and the pipeline."""

    doc: Document
    paragraphs: list[Paragraph]
    paragraph_ids: list[str]
    gazetteer: Gazetteer
    pipeline: object


def prepare(document_id: str, source_dir: Path, annotations_dir: Path, model: str) -> Prepared:
    """Read and segment a document as the build does, and load the pipeline once."""
    doc = load_document(source_dir / f"{document_id}.txt")
    paragraphs = segment_document(doc)
    lock = ids.read_lock(ids.lock_path(annotations_dir, doc.id))
    texts = [p.served_text for p in paragraphs]
    paragraph_ids = ids.reanchor(doc.id, texts, lock, ids.lock_ids(lock)).ids
    gazetteer = load_gazetteer(annotations_dir / GAZETTEER_FILE)
    return Prepared(doc, paragraphs, paragraph_ids, gazetteer, load_pipeline(model, gazetteer))


def evaluate(gold_path: Path, source_dir: Path, annotations_dir: Path, model: str) -> Evaluation:
    """Run our pipeline and the bare model over the gold document and score both."""
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    prepared = prepare(gold["document"], source_dir, annotations_dir, model)
    doc, paragraphs, paragraph_ids = prepared.doc, prepared.paragraphs, prepared.paragraph_ids
    gazetteer, pipeline = prepared.gazetteer, prepared.pipeline
    texts = [p.served_text for p in paragraphs]
    stream = (paragraph_input(p, doc.id) for p in paragraphs)
    analyses = list(analyse(pipeline, gazetteer, stream))
    ours = {
        (paragraph_ids[i], m.start, m.end, m.label): m.entity_id
        for i, analysis in enumerate(analyses)
        for m in analysis.mentions
    }
    bare, bare_dates = set(), set()
    for i, parsed in enumerate(spacy.load(model).pipe(texts)):
        for e in parsed.ents:
            if e.label_ in ENTITY_LABELS:
                bare.add((paragraph_ids[i], e.start_char, e.end_char, e.label_))
            elif e.label_ in TEMPORAL_LABELS:
                bare_dates.add((paragraph_ids[i], e.start_char, e.end_char))
    gold_mentions = {
        (m["paragraph"], m["start"], m["end"], m["label"]): m["id"] for m in gold["entities"]
    }
    matched = set(ours) & set(gold_mentions)

    spans = {i: a.date_spans for i, a in enumerate(analyses)}
    clauses = {i: a.clauses for i, a in enumerate(analyses)}
    expressions = extract(texts, doc.metadata.get("published"), spans, clauses)
    predicted_dates = {
        (paragraph_ids[e.paragraph], e.start, e.end): (e.type, e.value) for e in expressions
    }
    gold_dates = {
        (d["paragraph"], d["start"], d["end"]): (d["type"], d["value"]) for d in gold["dates"]
    }
    wrong_dates = [
        (k, predicted_dates.get(k), v) for k, v in gold_dates.items() if predicted_dates.get(k) != v
    ]
    return Evaluation(
        mentions=score(set(ours), set(gold_mentions)),
        bare_mentions=score(bare, set(gold_mentions)),
        links_correct=sum(ours[k] == gold_mentions[k] for k in matched),
        links_matched=len(matched),
        date_spans=score(set(predicted_dates), set(gold_dates)),
        bare_date_spans=score(bare_dates, set(gold_dates)),
        date_values_correct=len(gold_dates) - len(wrong_dates),
        date_values_gold=len(gold_dates),
        missed_mentions=sorted(set(gold_mentions) - set(ours)),
        wrong_mentions=sorted(set(ours) - set(gold_mentions)),
        wrong_dates=wrong_dates,
    )


@dataclass
class AttributionEvaluation:
    """How the attribution detector's cues and sources compare with the curated claims."""

    cues: Rates
    sources: Rates
    detections: list
    missed: list


def evaluate_attributions(document_id: str, source_dir: Path, annotations_dir: Path, model: str):
    """Run the detector over a curated document; score its cues and sources.

    A detection finds a curated attributed or vague claim when its cue overlaps the
    claim's cue or lies inside the claim's quote; its source is right when the source
    it names is one of the claim's.
    """
    prepared = prepare(document_id, source_dir, annotations_dir, model)
    doc, paragraphs, paragraph_ids = prepared.doc, prepared.paragraphs, prepared.paragraph_ids
    gazetteer, pipeline = prepared.gazetteer, prepared.pipeline
    sources = load_sources(annotations_dir)
    texts = {
        paragraph_ids[p.ordinal]: ParagraphText(doc.id, p.served_text, p.links) for p in paragraphs
    }
    curated, _ = load_claims(annotations_dir / doc.id / CLAIMS_FILE, texts, set(), sources)
    gold = [c for c in curated if c.status in ("attributed", "vague")]
    stream = (paragraph_input(p, doc.id) for p in paragraphs)
    detections = []
    for paragraph, analysis in zip(paragraphs, analyse(pipeline, gazetteer, stream), strict=True):
        for found in analysis.attributions:
            local = frozenset(s for claim in curated for s in claim.sources)
            resolved = sources.resolve(found, doc.id, local)
            detections.append((paragraph_ids[paragraph.ordinal], found, resolved))

    def finds(detection, claim) -> bool:
        """Tell whether a detection found a curated claim: on its cue, or inside its quote."""
        paragraph_id, found, _ = detection
        cue = found.cue
        if paragraph_id != claim.paragraph_id:
            return False
        on_cue = claim.cue and cue.start < claim.cue.end and claim.cue.start < cue.end
        return bool(on_cue) or (claim.start <= cue.start and cue.end <= claim.end)

    cue_hits = [d for d in detections if any(finds(d, c) for c in gold)]
    found_claims = [c for c in gold if any(finds(d, c) for d in detections)]
    source_hits = [
        d for d in detections if any(finds(d, c) and set(d[2]) & set(c.sources) for c in gold)
    ]
    sourced_claims = [
        c for c in gold if any(finds(d, c) and set(d[2]) & set(c.sources) for d in detections)
    ]
    return AttributionEvaluation(
        cues=Rates(len(cue_hits), len(detections), len(found_claims), len(gold)),
        sources=Rates(len(source_hits), len(detections), len(sourced_claims), len(gold)),
        detections=[(d[0], d[1].cue.text, d[1].source.text, d[2]) for d in detections],
        missed=[c.id for c in gold if c not in found_claims],
    )
