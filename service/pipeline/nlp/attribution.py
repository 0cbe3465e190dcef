"""Attributions: the source each reporting cue names, resolved to a person or a body."""

from dataclasses import replace

from service.pipeline.lexicon.attribution import EVIDENCE_NOUNS, GENERIC_SUBJECTS, QUANTIFIERS
from service.pipeline.lexicon.disputes import DISPUTE_VERBS
from service.pipeline.lexicon.sources import (
    BODY_NOUNS,
    GENERAL_BODIES,
    HONORIFICS,
    INSTITUTIONS,
    OUTLET_NOUNS,
    PERSON_ROLES,
    SOLE_INSTITUTIONS,
    TITLES,
    VOICE_NOUNS,
)
from service.pipeline.lexicon.wordnet import kinds_of_person
from service.pipeline.nlp.antecedents import placelike
from service.pipeline.nlp.described import producer_of, voice_of
from service.pipeline.nlp.doctext import text_of, text_span
from service.pipeline.nlp.gazetteer import derived_id
from service.pipeline.nlp.reported import content
from service.pipeline.nlp.sources import SourceMemory, is_body, is_document, is_role, titled
from service.pipeline.nlp.verb_objects import disputed_object
from service.pipeline.records import Attribution, Mention

PLACE_LABELS = {"GPE", "LOC", "NORP", "FAC"}
TIME_LABELS = {"DATE", "TIME"}
GOES_ON = {"he", "she"}  # pronouns that "added" or "continued" after a speaker
# Heads of sources described, never named, by whom they stand near: "a source close to X".
UNNAMED_HEADS = {"source", "person", "people", "insider", "aide", "confidant", "associate"}
MAX_INSTITUTION_WORDS = 8


def attributions(
    doc, found: list, mentions: list[Mention], known: list[Mention], memory: SourceMemory
) -> list[Attribution]:
    """Resolve the sources of a parsed paragraph's reporting cues (`found`, as `cues` gives
    them); `known` are the mentions that may name a source later ("in Suceava" is no one's
    name)."""
    memory.learn(doc, known)
    results, seen = [], set()
    spoke: set[int] = set()  # sentences whose earlier cue named a source
    for cue_start, cue_end, source, sentence in found:
        if source is None or (cue_start, cue_end) in seen:
            continue
        seen.add((cue_start, cue_end))
        words = text_of(doc)[source[0] : source[1]]
        if words.lower() in GENERIC_SUBJECTS:
            continue
        named = [m for m in mentions if source[0] <= m.start and m.end <= source[1]]
        # the source's words and the cue as the parse has them, read by every step below
        span = doc.char_span(*source, alignment_mode="expand")
        cue = doc.char_span(cue_start, cue_end, alignment_mode="expand")
        named = _headed(doc, span, _fuller_name(named, _proper_name(doc, span)))
        institution = _institution(span)
        if institution and all(m.start > span.root.idx for m in named):
            named = []  # "the department of environment": its words, not "environment"
        memory.remember([m for m in known if m.end <= source[0]])
        voice = None
        if not any(m.label == "PERSON" for m in named):
            voice = voice_of(span, mentions, memory)
        resolved: tuple[str, str] | None
        if voice is not None:
            named, resolved = voice[1], (voice[0], "ORG")
        elif institution and _names_itself(span):
            resolved = memory.institution(institution)
        elif words.lower() in GOES_ON and _goes_on(cue) and memory.speaker_last:
            resolved = memory.speaker_last  # "He added": the one who spoke last, not who heard
        else:
            resolved = memory.resolve(words, named, span.root.lower_ if span is not None else None)
        if resolved is None and _speaks_again(span, words):
            resolved = memory.last_body  # "they", "the 15-nation bloc": the body just heard
            if resolved is None and words.lower() != "they" and _described(span):
                resolved = memory.last_organisation(span.root.lemma_.lower())
        if resolved is None and not named and institution:
            resolved = memory.institution(institution)
        vague = resolved is None or (voice is None and bool(named) and _is_vague(span, named))
        # "the court ruled ..., BBC reports. It said ...": the outlet relays, the court speaks
        relays = sentence.start in spoke and cue_start > source[0]
        speaking_body = resolved if resolved and resolved[1] == "ORG" and not vague else None
        if speaking_body is not None and not speaking_body[0].islower():
            memory.institution(speaking_body[0])  # "Sindh police", which no model tagged
            outlet = OUTLET_NOUNS.get(span.root.lemma_.lower()) if span is not None else None
            if outlet is not None:
                memory.called[outlet] = speaking_body[0]  # "Mizan Online website": "the site"
        if not relays:
            memory.last_body = speaking_body
        if resolved and resolved[1] == "PERSON" and not vague and span is not None:
            memory.speaker(resolved[0], span[0].lower_)  # "Skipper Harun Shakava": "the skipper"
        if resolved is not None:
            spoke.add(sentence.start)
        entities = [m.entity_id for m in named]
        if resolved is not None:
            memory.issued(sentence, resolved)
        # "she", "the ministry"
        if resolved and not named and (entity := memory.entity_of(resolved[0])):
            entities = [entity]
        verbs = [t for t in cue if t.lemma_.lower() in DISPUTE_VERBS] if cue is not None else []
        dispute = verbs[0] if verbs else None
        results.append(
            Attribution(
                cue=text_span(doc, cue_start, cue_end),
                source=text_span(doc, *source),
                source_entities=tuple(entities),
                source_labels=tuple(m.label for m in named) or ((resolved[1],) if resolved else ()),
                vague=vague,
                content=content(doc, cue, sentence) if cue is not None else None,
                source_name=resolved[0] if resolved else None,
                source_label=resolved[1] if resolved else None,
                dispute=dispute is not None,
                disputed=text_span(doc, *thing)
                if dispute and (thing := disputed_object(dispute))
                else None,
                main=cue is not None and any(t.dep_ == "ROOT" for t in cue),
            )
        )
    return results


def _goes_on(cue) -> bool:
    """Tell a cue that carries on from the last speaker: "added", "continued", "went on"."""
    return cue is not None and cue.root.lemma_.lower() in ("add", "continue", "go")


def _speaks_again(span, words: str) -> bool:
    """Tell "they" or a definite body description no name fits ("the 15-nation bloc
    added"), which stand for the named body that spoke just before."""
    if words.lower() == "they":
        return True
    return span is not None and span[0].lower_ == "the" and span.root.lemma_ in GENERAL_BODIES


def _institution(span) -> str | None:
    """Name an institution described, not named ("the provincial government", "the
    department of environment, forestry and fisheries"): its words without "the"."""
    if span is None or span[0].lower_ != "the" or span.root.tag_ != "NN":
        return None
    head = span.root.lemma_.lower()
    if head not in INSTITUTIONS or not span.root.is_lower:
        return None
    which = [c for c in span.root.children if c.dep_ in ("amod", "compound", "prep")]
    if head not in SOLE_INSTITUTIONS and not which:
        return None  # "the ministry" says not which
    if len(span) > MAX_INSTITUTION_WORDS or any(t.dep_ in ("relcl", "acl", "appos") for t in span):
        return None  # "the department, which ...": a description, not the name it stands for
    return span[1:].text


def _names_itself(span) -> bool:
    """Tell "the department of environment, forestry and fisheries", whose words say which
    department, from "the department", which may be one the text named before."""
    return any(c.dep_ == "prep" for c in span.root.children)


def _described(span) -> bool:
    """Tell a source described without a name ("the Veldhoven-based company") from one
    whose name the parse failed to read ("the rail operator Northline")."""
    return span is not None and not any(t.pos_ == "PROPN" and t.i >= span.root.i for t in span)


def _headed(doc, span, named: list[Mention]) -> list[Mention]:
    """Keep the names a source's words are headed by.

    "Alun Davies, national officer at the Community union" is Davies, whom the role in
    apposition shows to be a person whatever the model's label; "the Veldhoven-based
    company" and "Kenya's opposition" are descriptions, not the places that modify them.
    """
    if span is None:
        return named
    root = span.root
    heads = [m for m in named if m.start <= root.idx < m.end]
    if not heads and (titled := [m for m in named if _after_a_title(doc, m)]):
        # "Forest and Bird top of the south field officer Debs Martin": whatever the parse
        # made the head, the person a role names is who speaks
        return titled[-1:]
    if not heads and root.lemma_.lower() in UNNAMED_HEADS:
        return []  # "a source close to Berg", "people familiar with Lopez's plans": unnamed
    if not heads and (producer := producer_of(root)) is not None:
        # "preliminary data produced by INPE": the data are the producer's word
        made = [m for m in named if m.start <= producer.idx < m.end]
        return made if made else [_untagged_name(doc, producer)]
    beside = [c for c in root.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
    if not heads and beside and root.pos_ == "NOUN" and not is_role(root.lemma_):
        # "the Oslo-based group Iran Human Rights": the name beside the description, as
        # tagged if the tag holds it whole ("Iran" read as a place and "Labour Monitor" as
        # a body: the name is "Iran Labour Monitor")
        whole = _untagged_name(doc, beside[0])
        inside = [m for m in named if m.start <= whole.start and m.end >= whole.end]
        return [m for m in inside if m.label in ("ORG", "PERSON")][:1] or [whole]
    if not heads:
        if root.pos_ == "PROPN" and named and not is_role(root.lemma_):
            # "Kamau Thugge, governor of the CBK, who chaired ... in Nairobi": a name the
            # model missed heads the words, not the bodies and places after it
            return [_untagged_name(doc, root)]
        if root.pos_ != "NOUN":
            return named
        if root.lower_ == "opposition":  # "Kenya's opposition" is not Kenya: see memory
            return []
        body = _national_body(doc, root, span)
        if body is not None:
            return [body]
        # "the Veldhoven-based company": a name that modifies a modifier describes it
        return [m for m in named if m.label not in PLACE_LABELS and _modifies(doc, m, root)]
    if not named:
        return named
    head = heads[0]
    if head.label != "PERSON" and any(
        # "Halvard, the mining company" is a body: "company" names people and bodies both
        child.dep_ == "appos" and is_role(child.lemma_) and not is_body(child.lemma_)
        for child in root.children
    ):
        head = replace(head, label="PERSON")
    if is_role(root.lemma_):
        # "Atiku's Lead Counsel, Chris Uche, said": a role, tagged as a name, is the
        # person named beside it
        beside = [child.idx for child in root.children if child.dep_ == "appos"]
        people = [
            m for m in named if m.label == "PERSON" and any(m.start <= at < m.end for at in beside)
        ]
        if people:
            return people[:1]
    return [head]


def _after_a_title(doc, mention: Mention) -> bool:
    """Tell a person's name that a role noun stands before ("field officer Debs Martin",
    "spokeswoman Ana Ruiz")."""
    if mention.label != "PERSON":
        return False
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or span.start == 0:
        return False
    before = doc[span.start - 1]
    return before.pos_ == "NOUN" and is_role(before.lemma_) and before.is_lower


def _untagged_name(doc, root) -> Mention:
    """Make a mention of a name the model did not tag, from its head and the names before
    it: a person when a role stands in apposition, else a body."""
    words = [t for t in root.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"] + [root]
    role = any(c.dep_ == "appos" and is_role(c.lemma_) for c in root.children)
    if titled([t.text for t in words]):
        role, words = True, words[1:]  # "Skipper Harun Shakava, who ...": a titled person
    mention = _body_mention(doc, words[0].idx, root.idx + len(root))
    if not role:
        return mention
    return replace(mention, label="PERSON", entity_id=derived_id(mention.text, "PERSON"))


def _modifies(doc, mention: Mention, root) -> bool:
    """Tell a name that describes a head ("Kenya's opposition", "groups like Amnesty
    International") from one inside its modifier ("the Veldhoven-based company")."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or span.root.head == root:
        return True
    # "the findings, published in the New England Journal of Medicine": a name in a clause
    # that describes the head is not the head
    between = [t for t in span.root.ancestors if t.i != root.i and root in t.ancestors]
    return span.root.head.dep_ != "amod" and not any(t.dep_ in ("acl", "relcl") for t in between)


def _national_body(doc, root, span) -> Mention | None:
    """Name "the Philippine military", "Sindh police", "the Chinese coast guard": an
    institution headed by a body noun, with a capitalised place or nationality before it."""
    if not is_body(root.lemma_) or root.i != span.end - 1:
        return None
    modifiers = [t for t in root.lefts if t.dep_ in ("amod", "compound", "nmod")]
    capitalised = [t for t in modifiers if t.text[:1].isupper() and t.pos_ in ("PROPN", "ADJ")]
    if not capitalised:
        return None
    if root.tag_ == "NNS" and all(t.pos_ == "ADJ" for t in capitalised):
        return None  # "Lindish media outlets", "Lindish officials": many, none named
    # "United Nations agencies": the whole name that modifies the body noun
    return _body_mention(doc, capitalised[0].left_edge.idx, root.idx + len(root))


def _fuller_name(named: list[Mention], proper: list[Mention]) -> list[Mention]:
    """Prefer "the Harbour Gazette" to the one word of it ("Gazette") the model tagged."""
    if not proper:
        return named
    partial = all(m.source == "model" and " " not in m.text for m in named)
    # "Justice Tsammani", "Dr. Aune": a person the model tagged, behind a title
    extra = {w.lower().rstrip(".") for w in proper[0].text.split()} - {
        w.lower() for m in named for w in m.text.split()
    }
    if any(m.label == "PERSON" for m in named) and extra <= TITLES | HONORIFICS:
        return named
    inside = all(proper[0].start <= m.start <= m.end <= proper[0].end for m in named)
    longer = not named or len(proper[0].text) > max(len(m.text) for m in named)
    return proper if partial and inside and longer else named


def _proper_name(doc, span) -> list[Mention]:
    """Read "the Harbour Gazette", which the model did not tag, as a named body."""
    names = [t for t in span if t.pos_ == "PROPN"] if span is not None else []
    # "Records from July 1 to July 25": months and days are no one's name
    names = [t for t in names if t.ent_type_ not in TIME_LABELS]
    plural = names[0].lower_ if len(names) == 1 and names[0].lower_.endswith("s") else ""
    if is_document(plural) or plural.removesuffix("s") in EVIDENCE_NOUNS:
        return []  # "Records show", capitalised: documents, not a name ("The Record" is one)
    if not names:
        return []
    first = names[0]
    # the words of the name before its first proper noun: "the Italian coast guard", with
    # only "guard" read as a name
    while first.i > span.start and _names_with(doc[first.i - 1]):
        first = doc[first.i - 1]
    if all(t.is_lower for t in doc[first.i : names[-1].i + 1]):
        return []  # a name is written capitalised: "harbour" read as a proper noun is not one
    if titled([t.text for t in names]):
        # "Skipper Harun Shakava": a person with a role written before the name
        mention = _body_mention(doc, names[1].idx, names[-1].idx + len(names[-1]))
        return [replace(mention, label="PERSON", entity_id=derived_id(mention.text, "PERSON"))]
    return [_body_mention(doc, first.idx, names[-1].idx + len(names[-1]))]


def _names_with(token) -> bool:
    """Tell a word that is part of the name after it: a noun compound ("coast" guard) or a
    capitalised modifier ("Italian")."""
    return token.dep_ in ("compound", "amod") and (token.pos_ == "NOUN" or token.is_title)


def _body_mention(doc, start: int, end: int) -> Mention:
    """Make a mention of a body the model did not tag, from its words in the paragraph."""
    text = text_of(doc)[start:end]
    return Mention(start, end, text, "ORG", derived_id(text, "ORG"), "model")


def placelike_mention(doc, mention: Mention) -> bool:
    """Tell a "person" mention that stands where places do."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return mention.label == "PERSON" and span is not None and placelike(span[0])


def names_a_thing(doc, mention: Mention) -> bool:
    """Tell a body's name that only describes a thing ("the advanced DUV machines", "ASML
    chip machines", "the Electron orbital launch vehicle") from one that names a body that
    may speak, or a person's role or spokesperson ("the Labour Party candidate", "a
    Brannock spokesperson")."""
    head = _noun_beside(doc, mention, ("compound", "nmod"))
    if head is None:
        return False
    described = head.lemma_.lower()
    # the hand lists, and for a plural ("Kenya Airways pilots") the nouns WordNet puts
    # under kinds of person: not its every noun.person ("machine" is one)
    person = described in PERSON_ROLES or described in VOICE_NOUNS
    person = person or (head.tag_ == "NNS" and described in kinds_of_person())
    return not person and described not in BODY_NOUNS


def thing_named(doc, mention: Mention) -> bool:
    """Tell a name given to a thing in apposition ("its rocket, Electron", "the ferry, Sula
    Bright"): the document's later mentions of it name the thing, not a body."""
    head = _noun_beside(doc, mention, ("appos",))
    return head is not None and not is_body(head.lemma_) and not is_role(head.lemma_)


def _noun_beside(doc, mention: Mention, relations: tuple[str, ...]):
    """Return the common noun a body's name hangs on in one of these relations, if any."""
    if mention.label == "PERSON":
        return None
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or span.root.dep_ not in relations:
        return None
    return span.root.head if span.root.head.pos_ == "NOUN" else None


def _is_vague(span, named: list[Mention]) -> bool:
    """Tell an unnamed or collective source from a named one."""
    words = {t.lower_ for t in span} if span is not None else set()
    if words & QUANTIFIERS:
        return True
    return not any(m.label in ("PERSON", "ORG", "GPE") for m in named)
