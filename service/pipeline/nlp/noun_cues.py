"""Cues that are not verbs: "according to SOURCE", "per SOURCE", "self-described X",
"TASS report", "multiple accusations", "a report by the agency"."""

from service.pipeline.lexicon.attribution import QUANTIFIERS
from service.pipeline.nlp.doctext import phrase_span, subtree_span
from service.pipeline.nlp.sources import is_body, is_document, is_role


def according_to(token) -> list:
    """Find "according to SOURCE", and "per SOURCE" where the source is someone or a text."""
    if token.lower_ == "per":
        return _per(token)
    if token.lower_ != "according" or token.i + 1 >= len(token.doc) or token.nbor().lower_ != "to":
        return []
    to = token.nbor()
    objects = [child for child in to.children if child.dep_ == "pobj"]
    if not objects:
        return []
    return [(token.idx, to.idx + len(to), subtree_span(objects[0]), token.sent)]


def _per(token) -> list:
    """Find "per the ministry", "as per reports"; "$5 per hour" and "per cent" name no one."""
    objects = [child for child in token.children if child.dep_ == "pobj"]
    if not objects:
        return []
    head = objects[0]
    noun = head.lemma_
    if not (head.pos_ == "PROPN" or is_role(noun) or is_body(noun) or is_document(noun)):
        return []
    if head.like_num or any(c.dep_ == "nummod" or c.like_num for c in head.children):
        return []  # "14.3 deaths per 1,000 Puerto Ricans": a rate, not a source
    start = token.nbor(-1).idx if token.i > 0 and token.nbor(-1).lower_ == "as" else token.idx
    return [(start, token.idx + len(token), subtree_span(head), token.sent)]


def self_described(token) -> list:
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


def noun_cue(noun) -> list:
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
    return _noun_by(noun)


def _noun_by(noun) -> list:
    """Find "the rumours spread by the department", "a report by the agency"."""
    for child in noun.children:
        if child.dep_ == "acl":  # "spread by X": the cue runs to "by"
            carrier = next((c for c in child.children if c.dep_ == "agent"), None)
        elif child.dep_ == "prep" and child.lower_ in ("by", "from"):
            carrier = child
        else:
            continue
        if carrier is None:  # a participle with no agent names no one
            continue
        objects = [c for c in carrier.children if c.dep_ == "pobj"] if carrier else []
        if objects:
            cue_end = carrier.idx + len(carrier) if child.dep_ == "acl" else noun.idx + len(noun)
            return [(noun.idx, cue_end, phrase_span(objects[0]), noun.sent)]
    return []
