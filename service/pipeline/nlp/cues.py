"""Reporting cues in a parsed paragraph ("said", "according to", "a report by") and the
words of the source each names."""

from service.pipeline.lexicon.attribution import (
    ACT_VERBS,
    ANSWERING_VERBS,
    COMMITTING_VERBS,
    COUNTING_VERBS,
    DIRECTING_VERBS,
    EVIDENCE_NOUNS,
    NAMING_VERBS,
    NOT_SAYING_PREPOSITIONS,
    NOT_TELLING,
    POST_NOMINALS,
    QUOTING_PASSIVES,
    RELATIVE_PRONOUNS,
    REPORTING_NOUNS,
    REPORTING_VERBS,
    STANCE_ADJECTIVES,
    STANCE_NOUNS,
    STANCE_VERBS,
    UTTERANCE_NOUNS,
    UTTERANCE_VERBS,
    WEAK_VERBS,
    WORDS_NOUNS,
)
from service.pipeline.lexicon.disputes import DISPUTE_VERBS
from service.pipeline.lexicon.wordnet import communication_verbs
from service.pipeline.nlp.antecedents import antecedent
from service.pipeline.nlp.doctext import phrase_span, subtree_span, text_span
from service.pipeline.nlp.misparsed import appended_speaker, inverted_subject, unlinked_subject
from service.pipeline.nlp.noun_cues import according_to, noun_cue, self_described
from service.pipeline.nlp.reported import first_clause
from service.pipeline.nlp.sources import is_document
from service.pipeline.nlp.verb_objects import (
    disputed_object,
    judged_as,
    misparsed_dispute,
    quoted,
    quotes_another,
    words_taken_on,
)
from service.pipeline.records import Span

NOT_THE_QUOTED = ("relcl", "acl", "cc", "conj")  # words after the one quoted
WHERE_QUOTED = frozenset({"at", "in", "near", "outside", "inside"})  # "a gateman at the station"


def cues(doc) -> tuple[list, list[Span]]:
    """Find every reporting cue of a parsed paragraph as (start, end, source span, sentence),
    and the denials and rejections told as acts ("Atiku has rejected the verdict"), which
    report no one's words but still dispute."""
    found, acts = [], []
    for token in doc:
        lemma = token.lemma_.lower()
        found += according_to(token) + self_described(token)
        if lemma == "point":  # the small model often parses "hands point to" as a noun
            found += _points_out(token) or _phrasal_cue(token, "to")
        elif token.pos_ == "VERB" and lemma in NAMING_VERBS and _names_in_quotes(token):
            found += _verb_cue(token)  # 'Petro called it "an unfortunate tragedy"
        elif token.pos_ == "VERB" and (stance := _stance_cue(token)):
            found += stance
        elif token.pos_ == "VERB" and lemma in DISPUTE_VERBS and judged_as(token):
            found += _verb_cue(token)  # "dismissed the criticism as bar talk": a judgement
        elif token.pos_ == "VERB" and lemma == "call" and _calls_on(token):
            found += _phrasal_cue(token, "on")
        elif token.pos_ == "VERB" and (
            lemma in REPORTING_VERBS or _weak_cue(token) or _counts(token) or _tells_that(token)
        ):
            if _says_it_with(token) or quotes_another(token) or _no_answer(token):
                continue  # "released figures, saying ...": the participle reports
            if lemma == "add" and _adds_to(token):
                continue  # "the dispute has added to the challenges": no words added
            if not _reports_an_act(token):
                found += _verb_cue(token)
            elif lemma in DISPUTE_VERBS:
                thing = disputed_object(token)
                end = thing[1] if thing else token.idx + len(token)
                acts.append(text_span(doc, token.idx, end))
        elif token.pos_ == "VERB" and (words := words_taken_on(token)):
            # "dismissed the claims", not "dismissed the petitions": a court's act
            acts.append(text_span(doc, token.idx, words[1]))
        elif misparsed_dispute(token):
            source = (token.left_edge.idx, token.idx - 1)
            found += [(token.idx, token.idx + len(token), source, token.sent)]
        elif token.pos_ == "NOUN" and (lemma in REPORTING_NOUNS or lemma == "suspect"):
            found += noun_cue(token) or _noun_is_that(token)
        elif token.pos_ == "ADJ" and lemma in STANCE_ADJECTIVES:
            found += _stance_adjective(token)
    return found, acts


def _stance_cue(verb) -> list:
    """Find "SOURCE expressed confidence that ...", "SOURCE renewed a warning that ...": the
    verb and its object are the cue."""
    lemma = verb.lemma_.lower()
    if lemma not in STANCE_VERBS | UTTERANCE_VERBS:
        return []
    if lemma in STANCE_VERBS:
        stances = [
            c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in STANCE_NOUNS
        ]
    else:  # "made a statement" alone is an act; "made a statement that ..." a report
        stances = [
            c
            for c in verb.children
            if c.dep_ == "dobj"
            and c.lemma_.lower() in UTTERANCE_NOUNS
            and any(_says_that(clause) for clause in c.children if clause.dep_ == "acl")
        ]
    if not stances:
        return []
    end = stances[0].idx + len(stances[0])
    return [(start, end, source, sentence) for start, _, source, sentence in _verb_cue(verb)]


def _tells_that(verb) -> bool:
    """Tell a verb of communication WordNet knows that reports a "that" clause ("cautioned
    that", "boasted that", "quipped that"), beyond the hand-listed reporting verbs."""
    lemma = verb.lemma_.lower()
    return lemma in communication_verbs() and lemma not in NOT_TELLING and _reports_that(verb)


def _says_it_with(verb) -> bool:
    """Tell "released figures on Monday, saying its divers found cracks": a verb whose
    words are told by a reporting participle after it. Only a verb that may tell an
    act: "said ..., adding that" are two reports, "denied it, saying" still disputes."""
    lemma = verb.lemma_.lower()
    if lemma not in ACT_VERBS or lemma in DISPUTE_VERBS:
        return False
    return any(
        c.dep_ == "advcl"
        and c.tag_ == "VBG"
        and c.lemma_.lower() in REPORTING_VERBS
        and _reports_any(c)
        for c in verb.children
    )


def _no_answer(verb) -> bool:
    """Tell "did not immediately respond", "did not declare a winner": a report not made,
    which reports nothing ("did not say that ..." still reports what was not said)."""
    if not any(c.dep_ == "neg" for c in verb.children):
        return False
    return verb.lemma_.lower() in ANSWERING_VERBS or not _reports_any(verb)


def _adds_to(verb) -> bool:
    """Tell "added to the pressure", which reports nothing, from "added that ..."."""
    return not _reports_any(verb) and any(
        c.dep_ == "prep" and c.lower_ == "to" for c in verb.children
    )


def _reports_any(verb) -> bool:
    """Tell a verb with a clause of content, "that" or none ("reporting they were")."""
    return any(c.dep_ == "ccomp" for c in verb.children)


def _reports_that(verb) -> bool:
    """Tell a verb whose clause of content opens with "that" ("announced that ...")."""
    return any(_says_that(c) for c in verb.children if c.dep_ == "ccomp")


def _says_that(clause) -> bool:
    """Tell a clause introduced by "that" ("a warning that it is obliged ...")."""
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)


def _calls_on(verb) -> bool:
    """Tell "called on the Dutch side to correct ...", a request, from "called on Monday"."""
    on = [c for c in verb.children if c.dep_ in ("prep", "prt") and c.lower_ == "on"]
    return bool(on) and any(c.dep_ == "xcomp" for c in verb.children)


def _weak_cue(verb) -> bool:
    """Tell a verb that reports only when a clause of content follows ("found that"), and
    "show" or "read" when a document shows it ("the findings show there were 4,645 deaths",
    "court filings show that", '"...," the letter reads'; "the video shows" is no one's
    report)."""
    lemma = verb.lemma_.lower()
    # the lemma first: most verbs are none of these, and their children need no look
    if lemma in DIRECTING_VERBS:
        return _directs_in_quotes(verb)
    if lemma not in WEAK_VERBS and lemma not in ("show", "read"):
        return False
    if not any(c.dep_ == "ccomp" for c in verb.children):
        return False
    if lemma in ("show", "read"):  # "the letter reads in part: ..."
        subject = _subject(verb)
        noun = subject.lemma_.lower() if subject is not None else ""
        # "data" is "datum" to the lemmatiser
        return bool(noun) and (
            is_document(noun) or noun in EVIDENCE_NOUNS or subject.lower_ in EVIDENCE_NOUNS
        )
    return True


def _directs_in_quotes(verb) -> bool:
    """Tell 'ordered "the pilots to resume their duties ..."': a direction whose words are
    quoted, from "ordered the ferry to stay in port", an act."""
    after = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    opens_quote = after is not None and after.is_quote
    return opens_quote and any(c.dep_ == "xcomp" for c in verb.children)


def _counts(verb) -> bool:
    """Tell "Amnesty has registered 14 deaths", "police counted three": a figure reported."""
    if verb.lemma_.lower() not in COUNTING_VERBS:
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return any(o.like_num or any(c.dep_ == "nummod" for c in o.children) for o in objects)


def _reports_an_act(verb) -> bool:
    """Tell "Tata rejected the proposals", "the agency announced recalls": an act with a
    thing for its object, not someone's words ("denied the report", "denied that ...")."""
    lemma = verb.lemma_.lower()
    committed = any(c.dep_ == "xcomp" for c in verb.children)  # "vowed to challenge ..."
    if lemma in COMMITTING_VERBS and committed and not _tells_a_clause(verb):
        return True  # a commitment told, not words
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if objects and all(_others_words(o) for o in objects) and lemma not in DISPUTE_VERBS:
        return True  # "recorded the minister's statement": taken down or given out, a thing
    if lemma not in ACT_VERBS:
        return False
    if _tells_a_clause(verb) or any(c.dep_ == "parataxis" for c in verb.children):
        return False
    if verb.i + 1 < len(verb.doc) and verb.nbor().lower_ in ("that", ":"):
        return False  # "confirmed that two vessels surveyed ...", parsed with an object
    return bool(objects) and all(o.lemma_.lower() not in WORDS_NOUNS for o in objects)


def _others_words(noun) -> bool:
    """Tell words of someone named as their owner: "the minister's statement"."""
    owned = any(c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN") for c in noun.children)
    return noun.lemma_.lower() in WORDS_NOUNS and owned


def _tells_a_clause(verb) -> bool:
    """Tell a verb that tells a clause: its own ("announced that ..."), or through "saying"
    or "by noting" under it; "pledging a package to help workers retrain" tells none."""
    if any(c.dep_ == "ccomp" for c in verb.children):
        return True
    return any(
        c.dep_ in ("advcl", "xcomp", "prep", "pcomp")
        and c.i > verb.i
        and (c.lemma_.lower() in REPORTING_VERBS or c.lower_ == "by")
        and first_clause(c) is not None
        for c in verb.children
    )


def _verb_cue(verb) -> list:
    """Find SOURCE VERB (active), or VERB by SOURCE (passive); "go on record to say"."""
    cue_start, cue_end = verb.idx, verb.idx + len(verb)
    agents = [c for c in verb.children if c.dep_ == "agent"]
    if agents:
        objects = [c for c in agents[0].children if c.dep_ == "pobj"]
        return [(cue_start, cue_end, subtree_span(objects[0]), verb.sent)] if objects else []
    if verb.dep_ == "pcomp" and verb.head.lower_ == "as" and (speaker := quoted(verb.head.head)):
        # "Reuters quoted a police official as saying": the official speaks; "a gateman and a
        # pointsman at the station" is the gateman's, not the station's
        return [
            (
                cue_start,
                cue_end,
                phrase_span(speaker, NOT_THE_QUOTED, WHERE_QUOTED),
                verb.sent,
            )
        ]
    subject = _subject(verb) or inverted_subject(verb)
    if subject is None and (speaker := appended_speaker(verb)) is not None:
        return [(cue_start, cue_end, _subtree_head(speaker), verb.sent)]
    if subject is None:
        return unlinked_subject(verb)
    if subject.dep_ == "nsubjpass" and (
        subject.head == verb or subject.head.lemma_.lower() not in QUOTING_PASSIVES
    ):
        # "biomass was estimated at": a passive with no agent names no source; "she was
        # quoted as saying", "he is reported to have said": the passive's subject speaks
        return []
    head = verb.head
    if verb.dep_ in ("xcomp", "advcl") and head.lemma_ == "go":
        cue_start = head.idx  # "gone on record to say"
    return [(cue_start, cue_end, _resolve(subject), verb.sent)]


def _points_out(verb) -> list:
    """Find "SOURCE points out that ...": the verb and its particle are the cue."""
    out = [c for c in verb.children if c.dep_ == "prt" and c.lower_ == "out"]
    subject = _subject(verb)
    if not out or subject is None or not _reports_that(verb):
        return []
    return [(verb.idx, out[0].idx + len(out[0]), _resolve(subject), verb.sent)]


def _names_in_quotes(verb) -> bool:
    """Tell 'called it "an unfortunate tragedy"', a judgement in the speaker's words, from
    "called it a day" or "called the meeting"."""
    said = [c for c in verb.children if c.dep_ in ("oprd", "xcomp", "attr")]
    return bool(said) and any(t.is_quote for t in said[0].subtree)


def _phrasal_cue(verb, particle: str) -> list:
    """Find SOURCE VERB PARTICLE, as in "many hands point to"."""
    preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == particle]
    subject = _subject(verb)
    if not preps or subject is None:
        return []
    return [(verb.idx, preps[0].idx + len(preps[0]), _resolve(subject), verb.sent)]


def _stance_adjective(adjective) -> list:
    """Find "many residents are concerned that ...", "the board is confident that ...":
    the verb and the adjective are the cue, the verb's subject holds the view."""
    verb = adjective.head
    clause = any(c.dep_ == "ccomp" and c.i > adjective.i for c in adjective.children)
    if adjective.dep_ != "acomp" or verb.lemma_ not in ("be", "remain") or not clause:
        return []
    subject = _subject(verb)
    if subject is None:
        return []
    return [(verb.idx, adjective.idx + len(adjective), _resolve(subject), verb.sent)]


def _noun_is_that(noun) -> list:
    """Find "Reports are that ...", "the claim is that ...": the noun and its verb are
    the cue, the noun the only source named."""
    verb = noun.head
    if noun.dep_ != "nsubj" or verb.lemma_ != "be" or not _reports_that(verb):
        return []
    return [(noun.idx, verb.idx + len(verb), (noun.idx, noun.idx + len(noun)), noun.sent)]


def _subject(verb):
    """Return a verb's subject, climbing through "went on to say" and "was quoted as
    saying"."""
    quoted_as = verb.dep_ == "pcomp" and verb.head.lower_ == "as" and verb.lemma_ == "say"
    # "declined to name a victor, despite saying that ...": a gerund after a preposition
    # reports for its clause's subject ("without saying" says nothing)
    gerund = (
        verb.dep_ == "pcomp"
        and verb.tag_ == "VBG"
        and verb.head.dep_ == "prep"
        and verb.head.lower_ not in NOT_SAYING_PREPOSITIONS
        and _reports_that(verb)
    )
    for candidate in (verb, verb.head.head if quoted_as or gerund else verb.head):
        subjects = [c for c in candidate.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            # Two subjects are a misparse ("KARACHI: Sindh police ... said"): a dateline or
            # a heading word stands first, the subject nearest the verb is the speaker's.
            before = [c for c in subjects if c.i < candidate.i]
            # "Chris Uche, SAN has confirmed": letters after a name are not a second subject
            before = [c for c in before if c.lower_ not in POST_NOMINALS] or before
            return before[-1] if before else subjects[0]
        # A report joined to another verb shares its subject ("toasted ... and expressed
        # confidence that", "met unions and said that"), an act does not ("dismissed the
        # petitions and declared Tinubu the winner"); only "say" borrows one through "went
        # on to say": "to deny access" does not.
        joined = candidate.dep_ == "conj" and _reports_content(verb)
        # "took the survivors aboard, reporting they were from Syria": a participle's
        # report is its clause's subject's
        joined |= candidate.dep_ == "advcl" and verb.tag_ == "VBG" and _reports_any(verb)
        if (
            not joined
            and not quoted_as
            and not gerund
            and (verb.lemma_ != "say" or candidate.dep_ not in ("xcomp", "conj", "advcl"))
        ):
            break
    return None


def _reports_content(verb) -> bool:
    """Tell a verb that reports a stance or a "that" clause from one that does a thing."""
    return verb.lemma_.lower() in STANCE_VERBS or _reports_that(verb)


def _resolve(subject) -> tuple[int, int]:
    """Return the span a subject stands for: a relative pronoun's noun, a pronoun's antecedent."""
    if subject.lower_ in RELATIVE_PRONOUNS and subject.head.dep_ == "relcl":
        described = subject.head.head
        if described.dep_ == "appos" and described.head.pos_ == "PROPN":
            described = described.head  # "Maria Lopez, a retired nurse ... who said": Lopez
        return _subtree_head(described)
    if subject.pos_ == "PRON":
        named = antecedent(subject)
        if named is not None:
            return _subtree_head(named)
    return subtree_span(subject)


def _subtree_head(token) -> tuple[int, int]:
    """Return a noun phrase up to its head, leaving out clauses after it."""
    return token.left_edge.idx, token.idx + len(token)
