"""Who a document has named so far, to resolve "she", "it", "the minister", "the ministry".

One memory serves one document: the pipeline starts a new one with each document, so
a pronoun or a description never reaches a name from another text.
"""

import re

from service.pipeline.records import Mention

PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}
BODY_PRONOUNS = {"it", "its"}
# Descriptions of a person ("the senior diplomat") and of a body ("the ministry").
PERSON_ROLES = {
    "minister", "official", "spokesman", "spokeswoman", "spokesperson", "director", "president",
    "diplomat", "secretary", "chief", "head", "governor", "mayor", "ambassador", "envoy",
    "lawyer", "judge", "general", "commander", "chairman", "chairwoman", "chair", "leader",
    "executive", "founder", "professor", "researcher", "scientist", "economist", "premier",
    "senator", "prosecutor", "manager", "owner", "driver", "captain", "inspector", "engineer",
    "woman", "man", "deputy", "adviser", "advisor", "analyst", "author", "activist",
}  # fmt: skip
BODY_NOUNS = {
    "ministry", "agency", "company", "council", "government", "union", "authority", "group",
    "organisation", "organization", "department", "board", "firm", "regulator", "commission",
    "court", "office", "bank", "party", "operator", "association", "federation", "institute",
    "observatory", "service", "police", "army", "military", "embassy", "committee",
    "parliament", "administration", "utility", "corporation", "network", "broadcaster",
    "newspaper", "paper", "channel", "station", "outlet", "supplier", "owner", "insurer",
    "airline", "port", "terminal", "centre", "center", "foundation", "charity", "university",
}  # fmt: skip
BODY_LABELS = {"ORG", "GPE", "NORP", "FAC"}
HONORIFICS = {"dr", "mr", "mrs", "ms", "miss", "prof", "professor", "sir", "dame", "rev"}


class SourceMemory:
    """People and bodies a document has named, most recent last."""

    def __init__(self):
        self.people: list[str] = []
        self.bodies: list[tuple[str, str]] = []  # (name, label)
        self.entities: dict[str, str] = {}  # name -> entity id, to find curated sources

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
        words = [w for w in text.split() if w.lower().rstrip(".") not in HONORIFICS]
        text = " ".join(words) or text
        for name in reversed(self.people):
            parts = name.split()
            if len(parts) > len(words) and (parts[-len(words) :] == words or parts[0] == text):
                return name
        return text

    def full_body(self, text: str) -> str:
        """Give "the Observatory" the full name the document introduced it with."""
        lowered = text.lower()
        for name, _ in reversed(self.bodies):
            if len(name) > len(text) and lowered in name.lower():
                return name
        return text

    def entity_of(self, name: str) -> str | None:
        """Return the entity a remembered name was first mentioned as."""
        return self.entities.get(name)

    def resolve(self, words: str, named: list[Mention]) -> tuple[str, str] | None:
        """Name the source a subject stands for: (name, "PERSON" or "ORG"), or None if unnamed."""
        # "The Observatory" read as a person is a body; "Botswana's Ministry of ..." is the
        # ministry: the last name of a source's words is its head.
        people = [m for m in named if _is_person(m)]
        if people:
            return self.full_person(people[0].text), "PERSON"
        bodies = [m for m in named if m not in people]
        if bodies:
            return self.full_body(bodies[-1].text), "ORG"
        lowered = words.lower().split()
        if not lowered:
            return None
        if len(lowered) == 1 and lowered[0] in PERSON_PRONOUNS:
            return (self.people[-1], "PERSON") if self.people else None
        organisations = [name for name, label in self.bodies if label == "ORG"]
        if len(lowered) == 1 and lowered[0] in BODY_PRONOUNS:
            return (organisations[-1], "ORG") if organisations else None
        if lowered[0] == "its" and organisations:  # "its own figures"
            return organisations[-1], "ORG"
        if lowered[0] not in ("the", "this", "that"):
            # "council data": a body the document named; "officials", "her lawyer": unnamed
            nouns = [w for w in lowered if w in BODY_NOUNS]
            fitting = [name for name, _ in self.bodies if nouns and nouns[0] in name.lower()]
            return (fitting[-1], "ORG") if fitting else None
        if _bare(lowered[-1]) in PERSON_ROLES and self.people:
            return self.people[-1], "PERSON"
        nouns = [_bare(w) for w in lowered[1:] if _bare(w) in BODY_NOUNS]
        if nouns:  # "the ministry", "the council's figures": a body of that name, if named
            fitting = [name for name, _ in self.bodies if nouns[0] in name.lower()]
            return (fitting[-1], "ORG") if fitting else None
        return None


def _is_person(mention: Mention) -> bool:
    """Tell a person from "the Observatory", which the model may read as one."""
    return mention.label == "PERSON" and mention.text.lower() not in BODY_NOUNS


def _bare(word: str) -> str:
    """Strip punctuation and a possessive, not a plural: "ministry's" -> "ministry"."""
    return re.sub(r"['’]s$", "", word.strip(",."))
