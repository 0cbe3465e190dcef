"""Assemble one document's records: dates with ids, checks, curated and machine claims."""

from collections import Counter
from pathlib import Path

from service.pipeline.claims.curated import CLAIMS_FILE, ParagraphText, QuoteRevision, load_claims
from service.pipeline.claims.disputes import machine_contests
from service.pipeline.claims.machine import machine_claims, merge, symmetric
from service.pipeline.claims.quotations import by_paragraph, quotations
from service.pipeline.claims.sources import DocumentSources, SourceRegistry
from service.pipeline.fragments import text_fragment
from service.pipeline.records import AssembledDocument, Check, DateRecord, DocumentBuild
from service.pipeline.temporal.checks import consistency_checks, sentence_of
from service.pipeline.temporal.extract import extract
from service.vocab import hex_id


def assemble(
    build: DocumentBuild, annotations_dir: Path | None, sources: SourceRegistry
) -> AssembledDocument:
    """Resolve a document's dates and checks and anchor its claims, curated first (none
    without an annotations_dir: a text analysed outside the corpus)."""
    doc, ids = build.doc, build.ids
    texts = [p.served_text for p in build.paragraphs]
    sentences = {i: a.sentences for i, a in enumerate(build.analyses)}
    spans = {i: a.date_spans for i, a in enumerate(build.analyses)}
    clauses = {i: a.clauses for i, a in enumerate(build.analyses)}
    expressions = extract(texts, doc.metadata.get("published"), spans, clauses)
    date_ids = _date_ids(ids, expressions)
    dates = []
    for expression, date_id in zip(expressions, date_ids, strict=True):
        anchor = expression.anchor
        start, end = sentence_of(expression, sentences)
        dates.append(
            DateRecord(
                id=date_id,
                paragraph_id=ids[expression.paragraph],
                expression=expression,
                anchor_id=date_ids[anchor] if isinstance(anchor, int) else anchor,
                sentence=texts[expression.paragraph][start:end].strip(),
            )
        )
    checks = [
        Check(
            id=hex_id("c", f"{doc.id}:{number}"),
            ordinal=expressions[check["expressions"][1]].paragraph,
            kind=check["kind"],
            expressions=tuple(date_ids[i] for i in check["expressions"]),
            stated=check["stated"],
            computed=check["computed"],
            agrees=check["agrees"],
            detail=check["detail"],
        )
        for number, check in enumerate(consistency_checks(expressions, sentences))
    ]
    revisions: list[QuoteRevision] = []
    claims, contests, curated = _claims(build, annotations_dir, sources, revisions)
    return AssembledDocument(build, dates, checks, claims, contests, curated, revisions)


def _date_ids(paragraph_ids: list[str], expressions) -> list[str]:
    """Give each temporal expression an id from its paragraph, text and occurrence."""
    seen: Counter = Counter()
    result = []
    for expression in expressions:
        key = (paragraph_ids[expression.paragraph], expression.text)
        result.append(hex_id("t", f"{key[0]}\x00{key[1]}\x00{seen[key]}"))
        seen[key] += 1
    return result


def curated_claims(
    build: DocumentBuild,
    annotations_dir: Path | None,
    sources: SourceRegistry,
    revisions: list[QuoteRevision],
):
    """Anchor a document's curated claims, if it has any: (paragraph texts, claims, contests)."""
    doc = build.doc
    texts = {
        build.ids[p.ordinal]: ParagraphText(doc.id, p.served_text, p.links, p.section, p.dateline)
        for p in build.paragraphs
    }
    path = annotations_dir / doc.id / CLAIMS_FILE if annotations_dir else None
    if path is None or not path.exists():
        return texts, [], []
    return texts, *load_claims(path, texts, set(build.retired_ids), sources, revisions)


def _claims(build: DocumentBuild, annotations_dir: Path | None, sources: SourceRegistry, revisions):
    """Anchor the curated claims, add machine ones where none overlaps, in reading order."""
    doc = build.doc
    texts, curated, contests = curated_claims(build, annotations_dir, sources, revisions)
    symmetric(curated)
    local = frozenset(s for claim in curated for s in claim.sources)
    metadata = doc.metadata
    seen_by = DocumentSources(
        sources, doc.id, metadata.get("author"), local, metadata.get("publisher")
    )
    found = quotations(
        [p.served_text for p in build.paragraphs], [a.attributions for a in build.analyses]
    )
    machine = [
        claim
        for paragraph, analysis, quotes in zip(
            build.paragraphs,
            build.analyses,
            by_paragraph(found, len(build.paragraphs)),
            strict=True,
        )
        for claim in machine_claims(
            build.ids[paragraph.ordinal],
            texts[build.ids[paragraph.ordinal]],
            paragraph.kind,
            analysis,
            seen_by,
            quotes,
            build.ids,
        )
    ]
    order = {paragraph_id: number for number, paragraph_id in enumerate(build.ids)}
    claims = sorted(merge(curated, machine), key=lambda c: (order[c.paragraph_id], c.start, c.id))
    contests = [*contests, *machine_contests(claims, sources)]
    url = doc.metadata.get("url")
    for claim in claims:
        paragraph_text = texts[claim.paragraph_id].text
        claim.fragment_url = text_fragment(url, doc.source, paragraph_text, claim.start, claim.end)
    return claims, contests, len(curated)
