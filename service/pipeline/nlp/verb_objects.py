"""What a verb of dispute or quotation takes as its object: the thing disputed ("rejected
the tribunal judgement"), the words taken on ("dismissed the claims"), the one quoted
("cited Tomas Berg as saying")."""

from service.pipeline.lexicon.attribution import WORDS_NOUNS
from service.pipeline.lexicon.disputes import DISPUTE_VERBS
from service.pipeline.nlp.doctext import subtree_span


def disputed_object(verb) -> tuple[int, int] | None:
    """Return the words a verb of dispute takes on ("rejected the tribunal judgement")."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return subtree_span(objects[0]) if objects else None


def words_taken_on(verb) -> tuple[int, int] | None:
    """Return the words said that a verb of dispute takes on ("dismissed the claims")."""
    if verb.lemma_.lower() not in DISPUTE_VERBS:
        return None
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return subtree_span(objects[0]) if objects and objects[0].lemma_ in WORDS_NOUNS else None


def judged_as(verb) -> bool:
    """Tell a dispute that judges what it takes on: "dismissed the criticism as bar talk",
    "rejected the claims as baseless"."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    # "as" hangs on the verb, or on its object as the small model often has it
    holders = [verb, *objects]
    as_what = [c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "as"]
    return bool(objects) and any(list(c.children) for c in as_what)


def misparsed_dispute(token) -> bool:
    """Tell "The Customs Authority disputes that figure" where the model read a noun."""
    return (
        token.dep_ == "ROOT"
        and token.pos_ == "NOUN"
        and token.lemma_.lower() in DISPUTE_VERBS
        and token.tag_ == "NNS"
        and token.i > token.left_edge.i
    )


def quotes_another(verb) -> bool:
    """Tell "cited Tomas Berg as saying", where the one quoted speaks, not the verb's
    subject."""
    return quoted(verb) is not None and any(
        c.dep_ == "prep" and c.lower_ == "as" and any(g.lemma_ == "say" for g in c.children)
        for c in verb.children
    )


def quoted(verb):
    """Return the one an active "quote" or "cite" names as its object, if any."""
    if verb.lemma_.lower() not in ("quote", "cite"):
        return None
    return next((c for c in verb.children if c.dep_ == "dobj"), None)
