"""Who a document has named so far, to resolve "she", "it", "the minister", "the ministry".

One memory serves one document: the pipeline starts a new one with each document, so
a pronoun or a description never reaches a name from another text.
"""

import re

from service.pipeline.lexicon.sources import (
    BODY_NOUNS,
    BODY_PRONOUNS,
    DOCUMENT_NOUNS,
    HONORIFICS,
    PERSON_PRONOUNS,
    PERSON_ROLES,
    TITLES,
)
from service.pipeline.lexicon.wordnet import group_nouns, kinds_of_person, person_nouns
from service.pipeline.records import Mention

BODY_LABELS = {"ORG", "GPE", "NORP", "FAC"}
SHORT_FORM = re.compile(r"\s\(([A-Z][A-Za-z&]{1,11})\)")  # "... States (ECOWAS)"
# "Allied Workers Union (Satawu": a name the model tagged with its bracketed short form
TRAILING_SHORT_FORM = re.compile(r"\s*\(([A-Z][A-Za-z&]{1,11})\)?$")
MAX_NAME_WORDS = 10
MAX_INITIALS = 5  # "U.N.", "EU", "NATO": a name's initials as one word
NAME_JOINERS = {"of", "and", "for", "the", "on", "de", "la", "du", "des", "&"}


AGED = re.compile(r"\d+-year-old")
# Nouns that bring a new person in after an age ("the 12-year-old victim told police").
NEW_PERSON_NOUNS = {"victim", "boy", "girl", "child", "son", "daughter", "baby", "suspect"}


class SourceMemory:
    """People and bodies a document has named, most recent last."""

    def __init__(self):
        self.people: list[str] = []
        self.bodies: list[tuple[str, str]] = []  # (name, label)
        self.entities: dict[str, str] = {}  # name -> entity id, to find curated sources
        self.titles: dict[str, set[str]] = {}  # person -> role words ("minister", "governor")
        self.short: dict[str, str] = {}  # "ECOWAS" -> "Economic Community of West African States"
        self.voice: str | None = None  # the body an unnamed spokesperson last spoke for
        self.opposition: tuple[str, str] | None = None  # who the text called the opposition
        self.last_body: tuple[str, str] | None = None  # the named body that spoke last
        self.issuers: dict[str, tuple[str, str]] = {}  # "statement" -> who issued the last one
        self.speaker_last: tuple[str, str] | None = None  # the person who spoke last
        self.called: dict[str, str] = {}  # "club" -> "Lindale United", of "his club Lindale United"

    def learn(self, doc, mentions: list[Mention]) -> None:
        """Learn the roles the paragraph gives people and the short forms it gives bodies.

        "Kerala Health Minister Veena George", "Kamau Thugge, governor of the CBK" and
        "the trade minister, Liesje Schreinemacher" give roles; "the Economic Community
        of West African States (ECOWAS)" a short form.
        """
        text = doc.text
        for match in SHORT_FORM.finditer(text):
            name = _expanded(text[: match.start()], match.group(1))
            if name:
                self.short[match.group(1)] = name
                self._keep(self.bodies, (name, "ORG"))
        for mention in mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            if _called_opposition(doc, span):
                self.opposition = (
                    (self.full_person(mention.text), "PERSON")
                    if _is_person(mention)
                    else (self.full_body(mention.text), "ORG")
                )
            root = span.root
            words = [t for t in root.children if t.dep_ == "compound" and t.i < span.start]
            # the nouns in apposition and their compounds ("national officer"), not the
            # clauses under them: "Reuters, the agency whose reporter was held" is no reporter
            beside = [c for c in root.children if c.dep_ == "appos"]
            beside += [root.head] if root.dep_ == "appos" else []
            words += beside + [t for b in beside for t in b.children if t.dep_ == "compound"]
            roles = {t.lemma_.lower() for t in words if t.pos_ in ("NOUN", "PROPN")}
            if not _is_person(mention):
                if mention.label == "ORG" and (noun := _described_as(root)):
                    self.called[noun] = self.full_body(mention.text)
                if not any(is_role(r) and not is_body(r) for r in roles):
                    continue
                # "The pilot, Sefa Drayton", the name read as a body: a person
                self._keep(self.people, self.full_person(mention.text))
            if roles:
                name = self.full_person(mention.text)
                self.titles.setdefault(name, set()).update(r for r in roles if is_role(r))

    def remember(self, mentions: list[Mention]) -> None:
        """Keep every person and body a paragraph names, by their fullest name so far."""
        for mention in mentions:
            if _is_person(mention):
                name = self.full_person(mention.text)
                self._keep(self.people, name)
            elif mention.label in BODY_LABELS:
                name = self.full_body(mention.text)
                self._keep(self.bodies, (name, mention.label))
            else:
                continue
            self.entities.setdefault(name, mention.entity_id)

    @staticmethod
    def _keep(names: list, name) -> None:
        """Move a name to the most recent place."""
        if name in names:
            names.remove(name)
        names.append(name)

    def full_person(self, text: str) -> str:
        """Give a surname or a first name the full name the document introduced it with."""
        text = text.split(",")[0]  # "Gathoni Wachuge, governor of the CBK": the name
        words = [w for w in text.split() if w.lower().rstrip(".") not in HONORIFICS]
        text = " ".join(words) or text
        # "Justice Tsammani" is Haruna Tsammani; "President Biden" alone keeps his title
        core = [w for w in words if w.lower().rstrip(".") not in TITLES] or words
        while titled(core):
            core = core[1:]  # "Skipper Harun Shakava": a role written into the name
        for name in reversed(self.people):
            parts = name.split()
            if len(parts) > len(core) and (parts[-len(core) :] == core or parts[0] == text):
                return name
        return " ".join(core) if len(core) > 1 else text

    def full_body(self, text: str) -> str:
        """Give "the Observatory" the full name the document introduced it with, and a
        short form ("ECOWAS") the name it stood for."""
        text = text.strip()
        if (bracketed := TRAILING_SHORT_FORM.search(text)) and bracketed.start() > 0:
            if bracketed.group(1) in self.short:
                return self.short[bracketed.group(1)]
            text = text[: bracketed.start()]
        if text in self.short:
            return self.short[text]
        if expanded := self._initialism(text):
            return expanded
        lowered = text.lower()
        for name, _ in reversed(self.bodies):
            if len(name) > len(text) and lowered in name.lower():
                return name
        return text

    def _initialism(self, text: str) -> str | None:
        """Give "U.N. agencies" the name its first word is the initials of, when the
        document named it ("United Nations", in "United Nations agencies")."""
        first, _, rest = text.partition(" ")
        letters = first.replace(".", "")
        if not (2 <= len(letters) <= MAX_INITIALS and letters.isalpha() and letters.isupper()):
            return None
        for name, _ in reversed(self.bodies):
            expansion = _spelled_out(name, letters)
            if expansion:
                return f"{expansion} {rest}".strip()
        return None

    def entity_of(self, name: str) -> str | None:
        """Return the entity a remembered name was first mentioned as."""
        return self.entities.get(name)

    def resolve(
        self, words: str, named: list[Mention], head: str | None = None
    ) -> tuple[str, str] | None:
        """Name the source a subject stands for: (name, "PERSON" or "ORG"), or None if
        unnamed; `head` is the subject's head noun where the parse gives it."""
        # "The Observatory" read as a person is a body; "Botswana's Ministry of ..." is the
        # ministry: the last name of a source's words is its head.
        people = [m for m in named if _is_person(m)]
        if people:
            return self.full_person(people[0].text), "PERSON"
        bodies = [m for m in named if m not in people]
        if bodies:
            person = self.full_person(bodies[-1].text)
            if person in self.people and person != bodies[-1].text:
                return person, "PERSON"  # "Lindqvist" after Tomas Lindqvist, read as a body
            return self.full_body(bodies[-1].text), "ORG"
        if words.strip() in self.short:  # "ECOWAS", defined earlier in brackets
            return self.short[words.strip()], "ORG"
        bearers = [p for p in self.people if len(p.split()) > 1 and p.split()[-1] == words.strip()]
        if bearers:  # "Mijares said", a surname the model left untagged, after the full name
            return bearers[-1], "PERSON"
        lowered = words.lower().split()
        if not lowered:
            return None
        aged = any(AGED.fullmatch(w) for w in lowered[1:3])
        if lowered[0] == "the" and aged and not NEW_PERSON_NOUNS & set(lowered):
            # "the 32-year-old film-maker", "the 32-year-old": the person just named
            return (self.people[-1], "PERSON") if self.people else None
        if _bare(lowered[-1]) == "opposition":  # "Kenya's opposition": whom the text called so
            return self.opposition
        if len(lowered) == 1 and lowered[0] in PERSON_PRONOUNS:
            return (self.people[-1], "PERSON") if self.people else None
        organisations = [name for name, label in self.bodies if label == "ORG"]
        if len(lowered) == 1 and lowered[0] in BODY_PRONOUNS:
            if self.last_body is not None:  # "It said ...": the body that spoke just before
                return self.last_body
            return (organisations[-1], "ORG") if organisations else None
        if lowered[0] == "its" and organisations:  # "its own figures"
            return organisations[-1], "ORG"
        head = head or lowered[-1]  # "the findings, published in a journal": "findings"
        if is_document(head) and lowered[0] in ("the", "a", "an", "this", "its"):
            # "the statement": whoever issued the statement the text spoke of; "a
            # statement said", "the note reads": the body that issued it, when named
            issuer = self.issuers.get(_bare(head).removesuffix("s")) if lowered[0] != "a" else None
            return issuer or ((organisations[-1], "ORG") if organisations else None)
        if lowered[0] not in ("the", "this", "that"):
            # "council data": a body the document named; "officials", "her lawyer": unnamed
            nouns = [w for w in lowered if w in BODY_NOUNS]
            return self.body_called(nouns[0]) if nouns else None
        role = _bare(lowered[-1])
        if is_role(role) and (holder := self.titled(role)):
            return holder, "PERSON"  # "the minister", "the pilot": only one the text called so
        if role in PERSON_ROLES and self.people:
            return None  # a role no one was given is no one's, however recently named
        nouns = [_bare(w) for w in lowered[1:] if is_body(_bare(w))]
        if nouns:  # "the ministry", "the council's figures": a body of that name, if named
            return self.body_called(nouns[0])
        if role in self.called:  # "the site", after "Mizan Online website reported"
            return self.called[role], "ORG"
        return None

    def body_called(self, noun: str) -> tuple[str, str] | None:
        """Return the body last named with a noun in its name ("board": the Marrow Valley
        Health Board); "its", the organisation last named."""
        if noun in BODY_PRONOUNS:
            fitting = [name for name, label in self.bodies if label == "ORG"]
        else:  # "the airline" is no "Kenya Airline Pilots Association": its head says
            fitting = [
                name
                for name, _ in self.bodies
                if noun in name.lower() and not _other_kind(name, noun)
            ]
        if not fitting and noun in self.called:  # "the club", after "his club Lindale United"
            return self.called[noun], "ORG"
        return (fitting[-1], "ORG") if fitting else None

    def last_organisation(self, noun: str) -> tuple[str, str] | None:
        """Return the organisation last named that a description fitting many kinds of body
        may stand for ("the Veldhoven-based company" after ASML), skipping one whose name
        says it is another kind ("the Ministry of Commerce" is no company)."""
        named_people = {w for person in self.people for w in person.split()}
        for name, label in reversed(self.bodies):
            if label != "ORG" or set(name.split()) <= named_people:
                continue  # "Aaland", the surname of Margit Aaland, read as a body
            words = {w.lower() for w in name.split()}
            if _other_kind(name, noun):
                continue  # "the airline" is no "Kenya Airline Pilots Association"
            if noun in words or not words & BODY_NOUNS:
                return name, "ORG"
        return None

    def institution(self, description: str) -> tuple[str, str]:
        """Keep a body the text named in words no model tagged, so that "the department"
        or "police" later is the one it named ("the department of environment", "Sindh
        police")."""
        self._keep(self.bodies, (description, "ORG"))
        return description, "ORG"

    def issued(self, sentence, source: tuple[str, str]) -> None:
        """Remember who issued the documents a sentence introduces: "X said in a
        statement", "according to a statement from X"."""
        for token in sentence:
            if token.pos_ != "NOUN" or not is_document(token.lemma_):
                continue
            if any(c.lower_ in ("a", "an") for c in token.children):
                self.issuers[token.lemma_.lower()] = source

    def speaker(self, name: str, first_word: str) -> None:
        """Keep a person who spoke, as the last speaker and among the people named (also
        one no model tagged), with a role written before their name ("Skipper Harun
        Shakava" is "the skipper" later)."""
        self._keep(self.people, name)
        self.speaker_last = (name, "PERSON")
        if is_role(first_word) and first_word not in name.lower().split():
            self.titles.setdefault(name, set()).add(first_word)

    def titled(self, role: str) -> str | None:
        """Return the person last named with a role or a kind of it."""
        for name in reversed(self.people):
            titles = self.titles.get(name, set())
            # "the official" may be the minister: a minister is a kind of official
            if any(role == t or role in kinds_of_person().get(t, ()) for t in titles):
                return name
        return None


def _other_kind(name: str, noun: str) -> bool:
    """Tell a body whose name ends in a noun of another kind than the description's:
    "the airline" and "Kenya Airline Pilots Association"."""
    head = name.split()[-1].lower() if name.split() else ""
    return head in BODY_NOUNS and head != noun


def _described_as(root) -> str | None:
    """Return the common noun a body's name stands in apposition with: "club" of "his club
    Lindale United", "company" of "Halvard, the mining company"."""
    if root.dep_ == "appos" and root.head.pos_ == "NOUN" and is_body(root.head.lemma_):
        return root.head.lemma_.lower()
    nouns = [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    return nouns[0].lemma_.lower() if nouns and is_body(nouns[0].lemma_) else None


def _called_opposition(doc, span) -> bool:
    """Tell a name the text calls the opposition: "opposition leader Raila Odinga", "the
    opposition Orange Democratic Movement", "Raila Odinga, the opposition leader"."""
    before = doc[max(0, span.start - 2) : span.start]
    root = span.root
    described = [t for c in root.children if c.dep_ == "appos" for t in c.subtree]
    if root.dep_ == "appos":
        described += list(root.head.subtree)
    return any(t.lower_ == "opposition" for t in [*before, *described])


def _spelled_out(name: str, letters: str) -> str | None:
    """Return the words of a name that initials stand for, from its start ("United
    Nations" of "United Nations agencies" for "UN"), or None."""
    words = name.split()
    taken, initials = [], ""
    for word in words:
        taken.append(word)
        if word.lower() in NAME_JOINERS:
            continue
        initials += word[0]
        if initials == letters:
            return " ".join(taken)
        if not letters.startswith(initials):
            return None
    return None


def _expanded(before: str, short: str) -> str | None:
    """Return the name a short form in brackets stands for: the capitalised words before
    it, from the one whose initial is the short form's ("the Economic Community of West
    African States (ECOWAS)")."""
    words = before.split()[-MAX_NAME_WORDS:]
    capitalised = [w[:1].isupper() or w.lower() in NAME_JOINERS for w in words]
    start = len(words)
    while start > 0 and capitalised[start - 1]:
        start -= 1
    name = words[start:]
    while name and (name[0].lower() in NAME_JOINERS or name[0][0] != short[0]):
        name = name[1:]
    return " ".join(name).rstrip(",") if len(name) > 1 else None


def titled(words: list[str]) -> bool:
    """Tell a name with a role written before it, the role its first word: "Skipper Harun
    Shakava" (not "Board Chair Maria Lopez", whose first word names a body)."""
    return len(words) >= 3 and is_role(words[0]) and not is_body(words[0])


def is_role(noun: str) -> bool:
    """Tell a noun that names what a person is or does ("officer", "spokeswoman")."""
    word = noun.lower()
    return word in PERSON_ROLES or word in person_nouns()


def is_body(noun: str) -> bool:
    """Tell a noun that names an institution or a group ("military", "police", "bloc")."""
    word = noun.lower()
    return word in BODY_NOUNS or word in group_nouns()


def is_document(noun: str) -> bool:
    """Tell a noun that names a document ("statement", "filings", "minutes")."""
    word = _bare(noun.lower())
    return word in DOCUMENT_NOUNS or word.removesuffix("s") in DOCUMENT_NOUNS


def _is_person(mention: Mention) -> bool:
    """Tell a person from "the Observatory", which the model may read as one."""
    return mention.label == "PERSON" and mention.text.lower() not in BODY_NOUNS


def _bare(word: str) -> str:
    """Strip punctuation and a possessive, not a plural: "ministry's" -> "ministry"."""
    return re.sub(r"['’]s$", "", word.strip(",."))
