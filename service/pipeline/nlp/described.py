"""Bodies a source's words speak for or describe without naming them: the owner of an
unnamed spokesperson ("a science ministry spokesperson"), the producer of data ("data
produced by INPE")."""

from service.pipeline.lexicon.attribution import EVIDENCE_NOUNS
from service.pipeline.lexicon.sources import GENERAL_BODIES, INSTITUTIONS, VOICE_NOUNS
from service.pipeline.nlp.sources import SourceMemory, is_body, is_document
from service.pipeline.records import Mention


def voice_of(
    span, mentions: list[Mention], memory: SourceMemory
) -> tuple[str, list[Mention]] | None:
    """Name the body an unnamed spokesperson speaks for: "a spokesperson of the Chinese
    Embassy", "a Brannock spokesperson", "its spokesman", "a board spokeswoman"; "the
    spokesperson" is the body the last one spoke for, unless a person holds that title."""
    if span is None or span.root.lemma_.lower() not in VOICE_NOUNS:
        return None
    root = span.root
    owners = [t for t in root.children if t.dep_ in ("compound", "poss", "nmod")]
    owners += [
        pobj
        for prep in root.children
        if prep.dep_ == "prep" and prep.lower_ in ("of", "for", "at")
        for pobj in prep.children
        if pobj.dep_ == "pobj"
    ]
    for owner in owners:
        named = [m for m in mentions if m.start <= owner.idx < m.end and m.label != "PERSON"]
        if named:
            memory.voice = memory.full_body(named[0].text)
            return memory.voice, named[:1]
        body = None
        if owner.lower_ == "its" or is_body(owner.lemma_):
            # "its spokesman", "a board spokeswoman": a body the text named before
            body = memory.body_called(owner.lower_ if owner.lower_ == "its" else owner.lemma_)
        body = body or owner_described(owner, memory)
        if body is not None:
            memory.voice = body[0]
            return memory.voice, []
    definite = span[0].lower_ == "the" and len(span) == 2
    if definite and memory.voice and not memory.titled(root.lemma_.lower()):
        return memory.voice, []
    return None


def owner_described(owner, memory: SourceMemory) -> tuple[str, str] | None:
    """Name the body a spokesperson's owner describes without naming it: "a science
    ministry spokesperson" is the science ministry, "a spokesperson for the US software
    giant" the organisation the text named last."""
    if owner.pos_ != "NOUN" or not owner.is_lower:
        return None
    modifiers = [c for c in owner.lefts if c.dep_ in ("compound", "amod") and c.is_lower]
    if owner.lemma_.lower() in INSTITUTIONS and modifiers:
        return memory.institution(" ".join(t.lower_ for t in [*modifiers, owner]))
    if owner.lemma_.lower() in GENERAL_BODIES and any(c.lower_ == "the" for c in owner.children):
        return memory.last_organisation(owner.lemma_.lower())
    return None


def producer_of(root):
    """Return the name of who produced the data or document a source's words name:
    "data produced by INPE", "figures from Statistics Norway"."""
    if not {root.lemma_.lower(), root.lower_} & EVIDENCE_NOUNS and not is_document(root.lemma_):
        return None
    agents = [a for c in root.children if c.dep_ == "acl" for a in c.children]
    agents += [c for c in root.children if c.dep_ == "prep"]
    names = [
        pobj
        for prep in agents
        if prep.dep_ in ("agent", "prep") and prep.lower_ in ("by", "from")
        for pobj in prep.children
        if pobj.dep_ == "pobj" and pobj.pos_ == "PROPN"
    ]
    return names[0] if names else None
