"""Score temporal tagging on gold files: spans (P/R/F1) and values, ours against libraries.

Gold for the article gives paragraph offsets; gold for the development set gives each
expression's words and which occurrence in the document they are. Both are turned into
document offsets into the served text (no-break spaces read as spaces) and compared
with a leading "the" left out, so "the next day" and "next day" are one span.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import yaml

from service.evaluation.article import prepare
from service.evaluation.scores import Rates, score
from service.pipeline.inputs import load_document
from service.pipeline.records import paragraph_input
from service.pipeline.segment import segment_document
from service.pipeline.temporal.extract import extract

Key = tuple[str, int, int]  # document id, start, end in the served document text


@dataclass
class Text:
    """One scored document: its served text, paragraphs, publication date and gold."""

    id: str
    served: str
    paragraphs: list
    published: str | None
    gold: dict[Key, tuple[str, str | None]]
    unscored: frozenset[str] = frozenset()  # types its gold leaves out by its own guide


@dataclass
class DateScores:
    """Span and value scores of one system over a set of texts."""

    spans: Rates
    values_right: int = 0
    wrong: list = field(default_factory=list)

    @property
    def value_accuracy(self) -> float:
        """Right type and value, over the spans both found."""
        matched = self.spans.right
        return self.values_right / matched if matched else 0.0


def trimmed(served: str, start: int, end: int) -> tuple[int, int]:
    """Leave out a leading "the " from a span."""
    if served[start : start + 4].lower() == "the ":
        start += 4
    return start, end


def locate(served: str, words: str, occurrence: int = 1) -> int:
    """Return where the n-th occurrence of words stands in the text."""
    at = -1
    for _ in range(occurrence):
        at = served.find(words, at + 1)
        if at == -1:
            raise ValueError(f"{words!r} (occurrence {occurrence}) is not in the text")
    return at


def news_text(
    gold_path: Path, texts: Path | None = None, unscored: frozenset[str] = frozenset()
) -> Text:
    """Read a news text (beside its gold, or in `texts`) and its gold, located by words."""
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    doc = load_document((texts or gold_path.parent) / (gold["document"] + ".txt"))
    served = doc.source.replace("\u00a0", " ")
    found = {}
    for item in gold.get("dates") or []:
        start = locate(served, item["text"], item.get("occurrence", 1))
        span = trimmed(served, start, start + len(item["text"]))
        found[(doc.id, *span)] = (item["type"], _text(item["value"]))
    paragraphs = segment_document(doc)
    return Text(doc.id, served, paragraphs, doc.metadata.get("published"), found, unscored)


def article_text(gold_path: Path, source_dir: Path, annotations_dir: Path, model: str) -> Text:
    """Read the article's gold, which gives paragraph ids and offsets."""

    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    prepared = prepare(gold["document"], source_dir, annotations_dir, model)
    starts = {prepared.paragraph_ids[p.ordinal]: p.start for p in prepared.paragraphs}
    served = prepared.doc.source.replace("\u00a0", " ")
    found = {}
    for item in gold["dates"]:
        base = starts[item["paragraph"]]
        span = trimmed(served, base + item["start"], base + item["end"])
        found[(prepared.doc.id, *span)] = (item["type"], _text(item["value"]))
    published = prepared.doc.metadata.get("published")
    return Text(prepared.doc.id, served, prepared.paragraphs, published, found)


def _text(value) -> str | None:
    """Read a gold value that YAML may have parsed as a number or a date."""
    return None if value is None else str(value)


def evaluate_system(texts: list[Text], system: Callable[[Text], dict]) -> DateScores:
    """Run one system over every text and score its spans and values."""
    predicted, gold = {}, {}
    for text in texts:
        predicted.update(
            {key: found for key, found in system(text).items() if found[0] not in text.unscored}
        )
        gold.update(text.gold)
    result = DateScores(score(set(predicted), set(gold)))
    for key in set(predicted) & set(gold):
        if _same(predicted[key], gold[key]):
            result.values_right += 1
        else:
            result.wrong.append((key, predicted[key], gold[key]))
    result.wrong += [(key, None, gold[key]) for key in sorted(set(gold) - set(predicted))]
    result.wrong += [(key, predicted[key], None) for key in sorted(set(predicted) - set(gold))]
    return result


def _same(predicted: tuple, gold: tuple) -> bool:
    """Compare type and value; a library's day-precise datetime counts for its date."""
    return predicted[0] == gold[0] and predicted[1] == gold[1]


def pipeline_system(nlp, gazetteer) -> Callable[[Text], dict]:
    """Our tagger: the model's date spans plus our rules."""
    from service.pipeline.nlp.pipeline import analyse

    def run(text: Text) -> dict:
        """Return the expressions this system finds in a text, by span."""
        stream = [paragraph_input(p, text.id) for p in text.paragraphs]
        analyses = list(analyse(nlp, gazetteer, stream))
        spans = {i: a.date_spans for i, a in enumerate(analyses)}
        clauses = {i: a.clauses for i, a in enumerate(analyses)}
        texts = [p.served_text for p in text.paragraphs]
        expressions = extract(texts, text.published, spans, clauses)
        found = {}
        for e in expressions:
            base = text.paragraphs[e.paragraph].start
            span = trimmed(text.served, base + e.start, base + e.end)
            found[(text.id, *span)] = (e.type, e.value)
        return found

    return run


def model_spans(nlp, text: Text):
    """Yield the bare model's DATE and TIME spans with document offsets."""
    for paragraph, parsed in zip(
        text.paragraphs, nlp.pipe(p.served_text for p in text.paragraphs), strict=True
    ):
        for ent in parsed.ents:
            if ent.label_ in ("DATE", "TIME"):
                yield paragraph.start + ent.start_char, paragraph.start + ent.end_char, ent.text


def bare_model_system(nlp) -> Callable[[Text], dict]:
    """The model alone: spans, no values."""

    def run(text: Text) -> dict:
        """Return the expressions this system finds in a text, by span."""
        return {
            (text.id, *trimmed(text.served, s, e)): ("DATE", None)
            for s, e, _ in model_spans(nlp, text)
        }

    return run


def _base(text: Text) -> datetime | None:
    """The publication date as a datetime, for libraries that resolve against one."""
    if not text.published:
        return None
    parts = [int(p) for p in text.published.split("-")] + [1, 1]
    return datetime(parts[0], parts[1], parts[2])


def dateparser_system() -> Callable[[Text], dict]:
    """dateparser's search_dates: its own spans, values as days."""
    from dateparser.search import search_dates

    def run(text: Text) -> dict:
        """Return the expressions this system finds in a text, by span."""
        found = {}
        for paragraph in text.paragraphs:
            settings = {"RELATIVE_BASE": _base(text)} if _base(text) else {}
            hits = search_dates(paragraph.served_text, languages=["en"], settings=settings)
            at = 0
            for words, when in hits or []:
                start = paragraph.served_text.find(words, at)
                if start == -1:
                    continue
                at = start + len(words)
                span = trimmed(text.served, paragraph.start + start, paragraph.start + at)
                found[(text.id, *span)] = ("DATE", when.date().isoformat())
        return found

    return run


def ctparse_system(nlp) -> Callable[[Text], dict]:
    """ctparse resolving the model's date spans."""
    import ctparse

    def run(text: Text) -> dict:
        """Return the expressions this system finds in a text, by span."""
        found = {}
        for start, end, words in model_spans(nlp, text):
            parsed = ctparse.ctparse(words, ts=_base(text) or datetime.now(), timeout=1)
            value = None
            resolution = getattr(parsed, "resolution", None)
            if resolution is not None and getattr(resolution, "year", None):
                parts = [
                    resolution.year,
                    getattr(resolution, "month", None),
                    getattr(resolution, "day", None),
                ]
                value = "-".join(f"{p:02}" for p in parts if p)
            found[(text.id, *trimmed(text.served, start, end))] = ("DATE", value)
        return found

    return run


def timexy_system(model: str) -> Callable[[Text], dict]:
    """timexy: a spaCy component adding TIMEX3 entities with values before the model's ner."""
    import spacy
    import timexy  # noqa: F401  (registers the component)

    nlp = spacy.load(model)
    nlp.add_pipe("timexy", config={"kb_id_type": "timex3", "label": "timexy"}, before="ner")

    def run(text: Text) -> dict:
        """Return the expressions this system finds in a text, by span."""
        found = {}
        for paragraph, parsed in zip(
            text.paragraphs, nlp.pipe(p.served_text for p in text.paragraphs), strict=True
        ):
            for ent in parsed.ents:
                if ent.label_ != "timexy":
                    continue
                kind = ent.kb_id_.split('type="')[1].split('"')[0]
                value = ent.kb_id_.split('value="')[1].split('"')[0].split("T")[0]
                span = paragraph.start + ent.start_char, paragraph.start + ent.end_char
                found[(text.id, *trimmed(text.served, *span))] = (kind, value)
        return found

    return run
