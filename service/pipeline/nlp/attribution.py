"""Attribution: reporting cues ("said", "according to"), the sources they name, and hedges."""

import re

from service.pipeline.nlp.doctext import text_of
from service.pipeline.nlp.gazetteer import derived_id
from service.pipeline.nlp.sources import SourceMemory
from service.pipeline.records import Attribution, Mention, Span

REPORTING_VERBS = {
    "say", "report", "announce", "claim", "deny", "criticize", "criticise", "condemn", "state",
    "warn", "accuse", "cite", "suspect", "believe", "argue", "insist", "allege", "tell",
    "confirm", "declare", "assert", "release", "petition", "add", "write", "dispute", "reject",
    "reiterate", "stress", "explain", "note", "acknowledge", "promise", "admit", "concede",
    "maintain", "contend", "emphasise", "emphasize", "reveal", "disclose", "recall", "reply",
    "respond", "counter", "refute", "estimate", "predict", "tweet", "post", "describe",
    "complain", "urge", "pledge", "vow", "forecast", "testify", "calculate", "record",
}  # fmt: skip
# Verbs that report only with a clause of content: "found that ...", "expects ... to".
WEAK_VERBS = {"find", "think", "expect", "suggest", "indicate", "fear",
              "hope", "know", "conclude", "put"}  # fmt: skip
DISPUTE_VERBS = {"deny", "dispute", "reject", "refute", "contradict", "contest", "counter",
                 "dismiss", "challenge", "rebut"}  # fmt: skip
REPORTING_NOUNS = {"report", "statement", "accusation", "warning", "claim", "allegation",
                   "rumour", "rumor", "denial", "post", "posts"}  # fmt: skip
QUANTIFIERS = {"many", "multiple", "some", "several", "various", "numerous", "most"}
HEDGE_WORDS = {"allegedly", "reportedly", "supposedly", "apparently", "purportedly", "supposed",
               "alleged", "unofficial", "likely", "may", "might", "perhaps", "could", "possibly",
               "probably"}  # fmt: skip
HEDGE_PHRASES = ("self-described", "so-called", "more or less", "one could argue")
RELATIVE_PRONOUNS = {"that", "which", "who", "whom"}
PERSONAL = {"he", "she", "him", "her"}
PLURAL = {"they", "them"}
# "One could argue", "we believe": the author hedging, not someone else speaking.
GENERIC_SUBJECTS = {"one", "i", "we", "you"}
PLACE_PREPOSITIONS = {"in", "at", "near", "from", "to", "of", "across", "around", "outside",
                      "inside", "into", "through"}  # fmt: skip


def attributions(
    doc, mentions: list[Mention], known: list[Mention], memory: SourceMemory
) -> list[Attribution]:
    """Find reporting cues in a parsed paragraph with the sources they name; `known` are the
    mentions that may name a source later ("in Suceava" is no one's name)."""
    found = []
    for token in doc:
        lemma = token.lemma_.lower()
        found += _according_to(token) + _self_described(token)
        if lemma == "point":  # the small model often parses "hands point to" as a noun
            found += _phrasal_cue(token, "to")
        elif token.pos_ == "VERB" and (lemma in REPORTING_VERBS or _weak_cue(token)):
            found += _verb_cue(token)
        elif _misparsed_dispute(token):
            found += [(token.idx, token.idx + len(token), (token.left_edge.idx, token.idx - 1),
                       token.sent)]  # fmt: skip
        elif token.pos_ == "NOUN" and (lemma in REPORTING_NOUNS or lemma == "suspect"):
            found += _noun_cue(token)
    results, seen = [], set()
    for cue_start, cue_end, source, sentence in found:
        if source is None or (cue_start, cue_end) in seen:
            continue
        seen.add((cue_start, cue_end))
        words = text_of(doc)[source[0] : source[1]]
        if words.lower() in GENERIC_SUBJECTS:
            continue
        named = [m for m in mentions if source[0] <= m.start and m.end <= source[1]]
        named = _fuller_name(named, _proper_name(doc, source))
        memory.remember([m for m in known if m.end <= source[0]])
        resolved = memory.resolve(words, named)
        entities = [m.entity_id for m in named]
        if resolved and not named and memory.entity_of(resolved[0]):  # "she", "the ministry"
            entities = [memory.entity_of(resolved[0])]
        cue = doc.char_span(cue_start, cue_end, alignment_mode="expand")
        results.append(
            Attribution(
                cue=_span(doc, cue_start, cue_end),
                source=_span(doc, *source),
                source_entities=tuple(entities),
                source_labels=tuple(m.label for m in named) or ((resolved[1],) if resolved else ()),
                vague=resolved is None or (bool(named) and _is_vague(doc, source, named)),
                content=_content(doc, cue, sentence) if cue is not None else None,
                source_name=resolved[0] if resolved else None,
                source_label=resolved[1] if resolved else None,
                dispute=cue is not None and any(t.lemma_.lower() in DISPUTE_VERBS for t in cue),
            )
        )
    return results


def _fuller_name(named: list[Mention], proper: list[Mention]) -> list[Mention]:
    """Prefer "the Harbour Gazette" to the one word of it ("Gazette") the model tagged."""
    if not proper:
        return named
    partial = all(m.source == "model" and " " not in m.text for m in named)
    inside = all(proper[0].start <= m.start <= m.end <= proper[0].end for m in named)
    longer = not named or len(proper[0].text) > max(len(m.text) for m in named)
    return proper if partial and inside and longer else named


def _proper_name(doc, source: tuple[int, int]) -> list[Mention]:
    """Read "the Harbour Gazette", which the model did not tag, as a named body."""
    span = doc.char_span(*source, alignment_mode="expand")
    names = [t for t in span if t.pos_ == "PROPN"] if span is not None else []
    if not names or (names[0].i == span.start == span.sent.start and len(names) == 1):
        return []
    start, end = names[0].idx, names[-1].idx + len(names[-1])
    text = text_of(doc)[start:end]
    return [Mention(start, end, text, "ORG", derived_id(text, "ORG"), "model")]


def _misparsed_dispute(token) -> bool:
    """Tell "The Customs Authority disputes that figure" where the model read a noun."""
    return (
        token.dep_ == "ROOT"
        and token.pos_ == "NOUN"
        and token.lemma_.lower() in DISPUTE_VERBS
        and token.tag_ == "NNS"
        and token.i > token.left_edge.i
    )


def _weak_cue(verb) -> bool:
    """Tell a verb that reports only when a clause of content follows ("found that")."""
    return verb.lemma_.lower() in WEAK_VERBS and any(c.dep_ == "ccomp" for c in verb.children)


def _content(doc, cue, sentence) -> Span | None:
    """Return what a cue reports: its clause of content, or its sentence without the cue."""
    root = cue.root
    clause = _first_clause(root)
    if clause is not None:
        return _trimmed(doc, clause.left_edge.i, clause.right_edge.i)
    if root.lower_ == "according":  # the sentence around "according to X"
        phrase = (root.left_edge.i, root.right_edge.i)
        before = (
            _trimmed(doc, sentence.start, phrase[0] - 1) if phrase[0] > sentence.start else None
        )
        after = (
            _trimmed(doc, phrase[1] + 1, sentence.end - 1) if phrase[1] + 1 < sentence.end else None
        )
        return max([x for x in (before, after) if x], key=lambda x: x.end - x.start, default=None)
    return None


def _first_clause(root):
    """Find the clause a cue reports: its own, or that of "saying", "by noting" under it."""
    queue = list(root.children)
    while queue:
        token = queue.pop(0)
        if token.dep_ == "ccomp":
            return token
        if token.dep_ in ("advcl", "xcomp", "prep", "pcomp") and token.i > root.i:
            queue += list(token.children)
    return None


EDGE_PUNCTUATION = {".", ",", ";", ":", "—", "–", "-", "(", ")"}
QUOTE_MARKS = {'"', "“", "”", "'", "‘", "’"}


def _trimmed(doc, first: int, last: int) -> Span | None:
    """Return the tokens first..last as a span without "that", edge commas and stops, and
    quotation marks that open or close nothing inside it ("3%" keeps its sign)."""
    while first <= last and (
        doc[first].text in EDGE_PUNCTUATION | QUOTE_MARKS or doc[first].lower_ == "that"
    ):
        first += 1
    while last >= first and doc[last].text in EDGE_PUNCTUATION:
        last -= 1
    if first > last:
        return None
    inner = [t.text for t in doc[first:last]]
    if doc[last].text in QUOTE_MARKS and not QUOTE_MARKS & set(inner):
        last -= 1  # a closing quote whose opening one the clause left out
    if first > last:
        return None
    return _span(doc, doc[first].idx, doc[last].idx + len(doc[last]))


def _span(doc, start: int, end: int) -> Span:
    """Describe a character span of the paragraph."""
    return Span(start, end, text_of(doc)[start:end])


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
        return _unlinked_subject(verb)
    if subject.dep_ == "nsubjpass":
        return []  # "biomass was estimated at": a passive with no agent names no source
    head = verb.head
    if verb.dep_ in ("xcomp", "advcl") and head.lemma_ == "go":
        cue_start = head.idx  # "gone on record to say"
    return [(cue_start, cue_end, _resolve(subject), verb.sent)]


def _unlinked_subject(verb) -> list:
    """Find "The Customs Authority disputes", where the model hung the subject's words on
    the verb as modifiers rather than as its subject."""
    left = [c for c in verb.lefts if c.dep_ in ("compound", "det", "amod", "nmod", "npadvmod")]
    if not left or not any(c.pos_ in ("PROPN", "NOUN") for c in left):
        return []
    source = (left[0].left_edge.idx, left[-1].right_edge.idx + len(left[-1].right_edge))
    return [(verb.idx, verb.idx + len(verb), source, verb.sent)]


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
        objects = [c for c in carrier.children if c.dep_ == "pobj"] if carrier else []
        if objects:
            cue_end = carrier.idx + len(carrier) if child.dep_ == "acl" else noun.idx + len(noun)
            return [(noun.idx, cue_end, _subtree(objects[0]), noun.sent)]
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
        if pronoun.lower_ in PERSONAL and token.ent_type_ == "PERSON" and not placelike(token):
            return token
        plural_or_body = token.tag_ in ("NNS", "NNPS") or token.ent_type_ in ("GPE", "ORG", "NORP")
        if pronoun.lower_ in PLURAL and token.dep_ == "nsubj" and plural_or_body:
            return token
    return None


def placelike(token) -> bool:
    """Tell a name the model took for a person that stands where places do ("in Suceava")."""
    i = token.i
    while i > 0 and token.doc[i].ent_iob_ == "I":
        i -= 1
    return i > 0 and token.doc[i - 1].lower_ in PLACE_PREPOSITIONS


def placelike_mention(doc, mention: Mention) -> bool:
    """Tell a "person" mention that stands where places do."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return mention.label == "PERSON" and span is not None and placelike(span[0])


def _subtree(token) -> tuple[int, int]:
    """Return the character span of a token's subtree."""
    return token.left_edge.idx, token.right_edge.idx + len(token.right_edge)


def _subtree_head(token) -> tuple[int, int]:
    """Return a noun phrase up to its head, leaving out clauses after it."""
    return token.left_edge.idx, token.idx + len(token)


def _is_vague(doc, source: tuple[int, int], named: list[Mention]) -> bool:
    """Tell an unnamed or collective source from a named one."""
    span = doc.char_span(*source, alignment_mode="expand")
    words = {t.lower_ for t in span} if span is not None else set()
    if words & QUANTIFIERS:
        return True
    return not any(m.label in ("PERSON", "ORG", "GPE") for m in named)


def hedges(doc) -> list[Span]:
    """Find every hedge word and phrase of a paragraph."""
    found = [
        _span(doc, t.idx, t.idx + len(t))
        for t in doc
        if t.lower_ in HEDGE_WORDS and t.tag_ in ("RB", "JJ", "MD")
    ]
    for phrase in HEDGE_PHRASES:
        matches = re.finditer(re.escape(phrase), text_of(doc), re.IGNORECASE)
        found += [_span(doc, m.start(), m.end()) for m in matches]
    return sorted(found, key=lambda h: h.start)
