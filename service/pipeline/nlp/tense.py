"""The tense of each verb's clause, from spaCy's morphology and auxiliaries.

Relative dates take their direction from it: "said on Tuesday" is a past Tuesday,
"will meet on Tuesday" a coming one, "would resume in April" the nearer April.
"""

from service.pipeline.lexicon.tense import (
    FUTURE_AUXILIARIES,
    FUTURE_HEADS,
    LATER_PARTICIPLES,
    MODAL_AUXILIARIES,
)


def clauses(doc) -> list[tuple[int, int, str]]:
    """Return (start, end, tense) for the clause of every verb that has a tense."""
    found = []
    for token in doc:
        if token.pos_ not in ("VERB", "AUX") or token.dep_ in ("aux", "auxpass"):
            continue
        tense = verb_tense(token)
        if tense:
            end = token.right_edge.idx + len(token.right_edge)
            found.append((token.left_edge.idx, end, tense))
    return found


def verb_tense(verb) -> str | None:
    """Tell a verb's tense: "future", "conditional", "past", "present", or None if unmarked."""
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxiliaries}
    if words & FUTURE_AUXILIARIES:
        return "future"
    if words & MODAL_AUXILIARIES and "have" not in words:
        # "would resume", "should provide by the end of April": the nearer such date;
        # "should have finished by March" is past, as its participle says below
        return "conditional"
    if verb.dep_ == "xcomp" and verb.head.lemma_ in FUTURE_HEADS:
        return "future"
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and not auxiliaries:
        # "a test carried out in May" is past; "the summit scheduled for May" to come
        return "future" if verb.lemma_ in LATER_PARTICIPLES else "past"
    # A participle or infinitive on its own ("maize leaving the country") has no tense of
    # its own: the clause around it decides.
    finite = "Fin" in verb.morph.get("VerbForm")
    tenses = set(verb.morph.get("Tense")) if finite else set()
    for auxiliary in auxiliaries:
        tenses |= set(auxiliary.morph.get("Tense"))
    if "Past" in tenses or (verb.tag_ == "VBN" and auxiliaries):
        return "past"
    return "present" if "Pres" in tenses else None
