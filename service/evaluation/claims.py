"""Score machine claims against gold: claims found, cues, sources, status, kind, contests.

The development and check sets give gold per text (`<id>.gold.yaml`); for the article
the curated claims are the gold, and the machine pipeline runs as if they were absent.
A predicted claim matches a gold one when it covers at least half of the gold quote.
"""

import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from rapidfuzz import fuzz

from service.evaluation.dates import locate
from service.evaluation.scores import Rates
from service.pipeline import ids
from service.pipeline.assemble import assemble
from service.pipeline.claims.curated import CLAIMS_FILE, ParagraphText, load_claims
from service.pipeline.claims.sources import SourceRegistry, load_sources
from service.pipeline.inputs import load_document
from service.pipeline.nlp.pipeline import analyse
from service.pipeline.records import DocumentBuild, paragraph_input
from service.pipeline.segment import segment_document

COVER = 0.5


@dataclass
class Placed:
    """A claim, gold or predicted, placed in the served document text."""

    id: str
    start: int
    end: int
    kind: str
    status: str
    cue: tuple[int, int] | None
    sources: set[str]  # normalised names (news sets) or source ids (the article)
    contradicts: set[str] = field(default_factory=set)


def place(claim, paragraph_start: int, sources: set[str], cue_start: int | None = None) -> Placed:
    """Place a claim record of a paragraph in the document, with the sources it counts;
    `cue_start` is where the paragraph holding its cue starts, when that is another."""
    cue_at = paragraph_start if cue_start is None else cue_start
    return Placed(
        claim.id,
        *_placed(claim, paragraph_start),
        claim.kind,
        claim.status,
        _placed(claim.cue, cue_at) if claim.cue else None,
        sources,
        {r.claim_id for r in claim.relations if r.type == "contradicts"},
    )


@dataclass
class TextResult:
    """Gold and predictions of one text."""

    id: str
    gold: list[Placed]
    pairs: set[frozenset]
    predicted: list[Placed]
    body_paragraphs: int
    claimed_paragraphs: int


@dataclass
class ClaimScores:
    """Every figure the claims evaluation reports for a set of texts."""

    claims: Rates
    cues: Rates
    sources_right: int = 0
    sources_gold: int = 0
    status_right: int = 0
    kind_right: int = 0
    matched: int = 0
    contests: Rates = field(default_factory=lambda: Rates(0, 0, 0, 0))
    coverage: list = field(default_factory=list)  # (text id, share of body paragraphs)
    errors: list = field(default_factory=list)


def _placed(span, paragraph_start: int) -> tuple[int, int]:
    """Move a paragraph span (a claim, a cue) to document offsets."""
    return paragraph_start + span.start, paragraph_start + span.end


def normal(name: str) -> str:
    """Lower-case a source name without articles or possessives."""
    words = re.sub(r"[’']s\b", "", name.lower()).replace(",", " ").split()
    return " ".join(w for w in words if w not in ("the", "a", "an"))


def same_source(predicted: set[str], gold: set[str]) -> bool:
    """Tell whether a predicted source names the gold one."""
    return any(
        p == g or fuzz.token_set_ratio(p, g) >= 90 for p in predicted for g in gold if p and g
    )


def _cover(gold: Placed, predicted: Placed) -> float:
    """Return the share of a gold quote a predicted claim covers."""
    overlap = min(gold.end, predicted.end) - max(gold.start, predicted.start)
    return max(0, overlap) / max(1, gold.end - gold.start)


def _near(served: str, words: str | None, start: int, end: int) -> tuple[int, int] | None:
    """Locate a cue: inside the quote's sentence, nearest to the quote."""
    if not words:
        return None
    places = [m.start() for m in re.finditer(re.escape(words), served)]
    if not places:
        return None
    best = min(places, key=lambda p: 0 if start <= p < end else min(abs(p - start), abs(p - end)))
    return best, best + len(words)


def machine_document(path: Path, pipeline, gazetteer, sources: SourceRegistry, annotations: Path):
    """Segment, analyse and assemble one text as if nothing were curated."""
    doc = load_document(path)
    paragraphs = segment_document(doc)
    lock = ids.read_lock(ids.lock_path(annotations, doc.id))
    texts = [p.served_text for p in paragraphs]
    paragraph_ids = ids.reanchor(doc.id, texts, lock, ids.lock_ids(lock)).ids
    stream = (paragraph_input(p, doc.id) for p in paragraphs)
    build = DocumentBuild(
        doc, paragraphs, paragraph_ids, [], list(analyse(pipeline, gazetteer, stream))
    )
    with tempfile.TemporaryDirectory() as empty:  # no claims.yaml: machine claims only
        return build, assemble(build, Path(empty), sources)


def run_text(document_path: Path, pipeline, gazetteer, sources: SourceRegistry, annotations: Path):
    """Assemble one text without curated claims; place its claims."""
    build, assembled = machine_document(document_path, pipeline, gazetteer, sources, annotations)
    doc, paragraphs, paragraph_ids = build.doc, build.paragraphs, build.ids
    starts = {paragraph_ids[p.ordinal]: p.start for p in paragraphs}
    predicted = [
        place(
            c,
            starts[c.paragraph_id],
            {normal(sources[x].name) for x in c.sources} | set(c.sources),
            starts.get(c.cue_paragraph or c.paragraph_id),
        )
        for c in assembled.claims
    ]
    body = [paragraph_ids[p.ordinal] for p in paragraphs if p.kind == "body"]
    claimed = {c.paragraph_id for c in assembled.claims}
    return doc, paragraphs, paragraph_ids, predicted, len(body), len(set(body) & claimed)


def news_result(gold_path: Path, pipeline, gazetteer, texts: Path | None = None) -> TextResult:
    """Score one news text against its gold file (the text beside it, or in `texts`)."""
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    text_path = (texts or gold_path.parent) / (gold["document"] + ".txt")
    with tempfile.TemporaryDirectory() as annotations:
        doc, _, _, predicted, body, claimed = run_text(
            text_path, pipeline, gazetteer, SourceRegistry([]), Path(annotations)
        )
    pairs = {frozenset(c["claims"][:2]) for c in gold.get("contests") or []}
    return TextResult(doc.id, gold_claims(gold, doc.source), pairs, predicted, body, claimed)


def kinds_right(gold_paths: list[Path], texts: Path | None = None) -> tuple[int, int]:
    """Count the paragraphs whose kind the segmenter gives as the gold does."""
    right = total = 0
    for gold_path in gold_paths:
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
        doc = load_document((texts or gold_path.parent) / (gold["document"] + ".txt"))
        kinds = [p.kind for p in segment_document(doc)]
        right += sum(a == b for a, b in zip(kinds, gold["paragraph_kinds"], strict=False))
        total += len(gold["paragraph_kinds"])
    return right, total


def gold_claims(gold: dict, source: str) -> list[Placed]:
    """Place a gold file's claims in its text (no-break spaces read as spaces)."""
    served = source.replace("\u00a0", " ")
    claims = []
    for item in gold.get("claims") or []:
        start, end = gold_span(served, item)
        claims.append(
            Placed(
                item["id"],
                start,
                end,
                item["kind"],
                item["status"],
                _near(served, item.get("cue"), start, end),
                {normal(item["source"])} if item.get("source") else set(),
            )
        )
    return claims


def gold_span(served: str, item: dict) -> tuple[int, int]:
    """Locate a gold claim: by its whole quote, or by its first and last words.

    Gold for other people's texts gives only `starts` and `ends` (a few words each), so
    that it quotes no whole sentence; `occurrence` picks the n-th place `starts` stands.
    """
    if "quote" in item:
        start = served.find(item["quote"])
        return start, start + len(item["quote"])
    start = locate(served, item["starts"], item.get("occurrence", 1))
    end = locate(served[start:], item["ends"]) + start
    return start, end + len(item["ends"])


def covering(gold: list[Placed], predicted: list[Placed]) -> dict[str, Placed]:
    """Map each gold claim to the predicted claim covering most of it, if enough."""
    best = {}
    for claim in gold:
        cover = max(predicted, key=lambda p: _cover(claim, p), default=None)
        if cover is not None and _cover(claim, cover) >= COVER:
            best[claim.id] = cover
    return best


def article_result(document: str, source_dir: Path, annotations: Path, pipeline, gazetteer):
    """Score the article's machine claims against its curated claims."""
    sources = load_sources(annotations)
    doc, paragraphs, paragraph_ids, predicted, body, claimed = run_text(
        source_dir / f"{document}.txt", pipeline, gazetteer, sources, annotations
    )
    starts = {paragraph_ids[p.ordinal]: p.start for p in paragraphs}
    texts = {
        paragraph_ids[p.ordinal]: ParagraphText(doc.id, p.served_text, p.links) for p in paragraphs
    }
    curated, _ = load_claims(
        annotations / doc.id / CLAIMS_FILE, texts, set(), load_sources(annotations)
    )
    gold = [place(c, starts[c.paragraph_id], set(c.sources) if c.cue else set()) for c in curated]
    pairs = {
        frozenset((c.id, r.claim_id))
        for c in curated
        for r in c.relations
        if r.type == "contradicts"
    }
    return TextResult(doc.id, gold, pairs, predicted, body, claimed)


def score_texts(results: list[TextResult]) -> ClaimScores:
    """Add up the scores of several texts."""
    found_gold = right_predicted = total_predicted = total_gold = 0
    cue_hits_gold = cue_gold = cue_right = cue_predicted = 0
    scores = ClaimScores(Rates(0, 0, 0, 0), Rates(0, 0, 0, 0))
    pair_right = pair_predicted = pair_found = pair_gold = 0
    for result in results:
        best = covering(result.gold, result.predicted)
        matched_ids = {p.id for p in best.values()}
        total_gold += len(result.gold)
        found_gold += len(best)
        total_predicted += len(result.predicted)
        right_predicted += sum(
            p.id in matched_ids
            or any(
                _cover(g, p) > 0
                and (min(g.end, p.end) - max(g.start, p.start)) * 2 >= p.end - p.start
                for g in result.gold
            )
            for p in result.predicted
        )
        for gold in result.gold:
            mine = best.get(gold.id)
            if gold.cue:
                cue_gold += 1
                if mine and mine.cue and mine.cue[0] < gold.cue[1] and gold.cue[0] < mine.cue[1]:
                    cue_hits_gold += 1
            if mine is None:
                scores.errors.append((result.id, gold.id, "missed", None))
                continue
            scores.matched += 1
            scores.status_right += mine.status == gold.status
            scores.kind_right += mine.kind == gold.kind
            if mine.status != gold.status:
                scores.errors.append((result.id, gold.id, "status", (mine.status, gold.status)))
            if gold.status == "attributed" and gold.sources:
                scores.sources_gold += 1
                if same_source(mine.sources, gold.sources):
                    scores.sources_right += 1
                else:
                    scores.errors.append(
                        (result.id, gold.id, "source", (mine.sources, gold.sources))
                    )
        gold_cues = [g.cue for g in result.gold if g.cue]
        for p in result.predicted:
            if p.cue:
                cue_predicted += 1
                cue_right += any(p.cue[0] < c[1] and c[0] < p.cue[1] for c in gold_cues)
        to_gold: dict[str, set[str]] = {}
        for gold_id, p in best.items():
            to_gold.setdefault(p.id, set()).add(gold_id)
        predicted_pairs = {
            frozenset((p.id, other)) for p in result.predicted for other in p.contradicts
        }
        pair_predicted += len(predicted_pairs)
        pair_gold += len(result.pairs)
        for pair in predicted_pairs:
            a, b = tuple(pair)
            if any(
                frozenset((x, y)) in result.pairs
                for x in to_gold.get(a, ())
                for y in to_gold.get(b, ())
            ):
                pair_right += 1
        for pair in result.pairs:
            a, b = tuple(pair)
            if (
                best.get(a)
                and best.get(b)
                and frozenset((best[a].id, best[b].id)) in predicted_pairs
            ):
                pair_found += 1
        scores.coverage.append(
            (result.id, result.claimed_paragraphs / max(1, result.body_paragraphs))
        )
    scores.claims = Rates(right_predicted, total_predicted, found_gold, total_gold)
    scores.cues = Rates(cue_right, cue_predicted, cue_hits_gold, cue_gold)
    scores.contests = Rates(pair_right, pair_predicted, pair_found, pair_gold)
    return scores
