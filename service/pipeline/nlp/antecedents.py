"""The names a pronoun that reports stands for, in its paragraph: "it" for the body that is
its sentence's subject, "he" or "she" for the person named last but not the one told."""

from service.pipeline.lexicon.attribution import PERSONAL, PLACE_PREPOSITIONS, PLURAL
from service.pipeline.nlp.sources import is_body


def antecedent(pronoun):
    """Guess a pronoun's antecedent in the paragraph: the latest fitting earlier name; for
    "it", the body that is the subject before it ("Sindh police arrested ..., it said", "the
    commission fined the firm, because it said ...")."""
    if pronoun.lower_ == "it":
        return next(
            (
                t
                for t in reversed(pronoun.doc[pronoun.sent.start : pronoun.i])
                if t.dep_ == "nsubj" and (t.ent_type_ == "ORG" or _named_body(t) or _the_body(t))
            ),
            None,
        )
    # "He had informed Dr Lopez": not Maria Lopez, whom the verb tells
    told = {
        t.text
        for c in pronoun.head.children
        if c.dep_ in ("dobj", "dative")
        for t in c.subtree
        if t.pos_ == "PROPN"
    }
    addressed = {t.i for e in pronoun.doc.ents if any(t.text in told for t in e) for t in e}
    for token in reversed(pronoun.doc[: pronoun.i]):
        if token.i in addressed:
            continue
        if pronoun.lower_ in PERSONAL and token.ent_type_ == "PERSON" and not placelike(token):
            return token
        plural_or_body = token.tag_ in ("NNS", "NNPS") or token.ent_type_ in ("GPE", "ORG", "NORP")
        if pronoun.lower_ in PLURAL and token.dep_ == "nsubj" and plural_or_body:
            return token
    return None


def _named_body(token) -> bool:
    """Tell "Sindh police", a body noun a name modifies, from "some stations"."""
    return is_body(token.lemma_) and any(
        c.pos_ == "PROPN" and c.dep_ in ("compound", "amod", "poss") for c in token.children
    )


def _the_body(token) -> bool:
    """Tell "the commission", a body the text named before, from "the stations"."""
    return (
        is_body(token.lemma_)
        and token.tag_ == "NN"
        and any(c.lower_ == "the" for c in token.children)
    )


def placelike(token) -> bool:
    """Tell a name the model took for a person that stands where places do ("in Suceava")."""
    i = token.i
    while i > 0 and token.doc[i].ent_iob_ == "I":
        i -= 1
    if i > 1 and token.doc[i - 1].lower_ == "the":
        i -= 1  # "go to the Moon"
    return i > 0 and token.doc[i - 1].lower_ in PLACE_PREPOSITIONS
