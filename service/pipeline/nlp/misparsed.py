"""Speakers the small model misparses: named after the verb ("..., claimed FIFA"), set in
apposition to the clause before ("..., the auditors alleged"), or hung on the verb as its
modifiers ("The Customs Authority disputes")."""

from service.pipeline.lexicon.attribution import INVERSION_MARKS
from service.pipeline.nlp.sources import is_body, is_role


def inverted_subject(verb):
    """Return the speaker after the verb of "..., claimed FIFA", "..., said the official
    website of FIFA", which the small model hangs on the verb as a modifier or an object:
    the words reported stand before the verb, a comma or a closing quote between."""
    if verb.i == 0 or verb.nbor(-1).text not in INVERSION_MARKS:
        return None
    after = [
        c
        for c in verb.rights
        if c.dep_ in ("npadvmod", "dobj", "attr", "nsubj") and c.pos_ in ("PROPN", "NOUN")
    ]
    reported_before = any(c.dep_ in ("ccomp", "parataxis") and c.i < verb.i for c in verb.children)
    if not after:
        return _name_after(verb) if reported_before else None
    if reported_before:
        return after[0]
    # read as a second verb of the clause before ("stopped ..., claimed the Authority"): a
    # name or a body ending the sentence is who speaks, not a thing claimed
    speaker = after[0]
    ends = all(t.is_punct for t in verb.doc[speaker.right_edge.i + 1 : verb.sent.end])
    named = speaker.pos_ == "PROPN" or is_body(speaker.lemma_) or is_role(speaker.lemma_)
    return speaker if verb.dep_ == "conj" and verb.head.i < verb.i and ends and named else None


def _name_after(verb):
    """Return the person or body named first after the verb of '"...," said review senior
    author Anna Berg', where the model read a title's word as a verb."""
    for entity in verb.doc[verb.i + 1 : verb.sent.end].ents:
        if entity.label_ in ("PERSON", "ORG") and verb in entity.root.ancestors:
            return entity.root
    return None


def appended_speaker(verb):
    """Return the speaker of "..., the auditors alleged in their report.", which the small
    model reads as a noun in apposition to the clause's verb, and the verb as a clause of
    that noun ("the auditors (who were) alleged")."""
    speaker = verb.head
    if verb.dep_ != "acl" or speaker.dep_ not in ("appos", "npadvmod"):
        return None
    if speaker.head.pos_ not in ("VERB", "AUX") or speaker.head.i > speaker.i:
        return None
    if any(c.dep_ in ("dobj", "agent", "ccomp") for c in verb.children):
        return None  # "the figures reported by the agency" is a passive
    named = speaker.pos_ == "PROPN" or is_body(speaker.lemma_) or is_role(speaker.lemma_)
    comma = speaker.left_edge.i > 0 and speaker.doc[speaker.left_edge.i - 1].text == ","
    return speaker if named and comma else None


def unlinked_subject(verb) -> list:
    """Find "The Customs Authority disputes", where the model hung the subject's words on
    the verb as modifiers rather than as its subject."""
    left = [c for c in verb.lefts if c.dep_ in ("compound", "det", "amod", "nmod", "npadvmod")]
    if not left or not any(c.pos_ in ("PROPN", "NOUN") for c in left):
        return []
    source = (left[0].left_edge.idx, left[-1].right_edge.idx + len(left[-1].right_edge))
    return [(verb.idx, verb.idx + len(verb), source, verb.sent)]
