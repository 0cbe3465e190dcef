"""Lexical knowledge derived from WordNet 3.0, shipped as small text files beside this one.

`python -m service.pipeline.lexicon.wordnet [WORDNET_DIR]` (`make lexicon`) derives them
again from WordNet's own data files (Debian's `wordnet-base` puts them in
/usr/share/wordnet). WordNet's documented file format (wndb(5WN)) is read directly:
NLTK's reader needs a `lexnames` file that Debian's package does not ship. The files
carry WordNet's licence (`WORDNET-LICENSE`), as it asks.
"""

import sys
from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
COMMUNICATION_FILE = HERE / "wordnet-communication-verbs.txt"
PERSON_FILE = HERE / "wordnet-person-nouns.txt"
GROUP_FILE = HERE / "wordnet-group-nouns.txt"
KINDS_OF_PERSON_FILE = HERE / "wordnet-person-hypernyms.txt"
HYPERNYM_DEPTH = 6  # "minister" is an "official", a "leader", an "executive"...
DEFAULT_WORDNET = Path("/usr/share/wordnet")
VERB_COMMUNICATION = 32  # lexnames(5WN): the lexicographer file verb.communication
NOUN_PERSON = 18  # lexnames(5WN): noun.person
NOUN_GROUP = 14  # lexnames(5WN): noun.group
HEADER = (
    "# Single-word {what} of WordNet 3.0's {name} class, one lemma a line.\n"
    "# Derived by service/pipeline/lexicon/wordnet.py; WordNet 3.0 Copyright 2006 by\n"
    "# Princeton University. All rights reserved. Licence: WORDNET-LICENSE beside this.\n"
)


def lemmas_of_class(data_file: Path, lexicographer_file: int) -> set[str]:
    """Return the single-word lower-case lemmas of every synset in one lexicographer file
    (names such as "Einstein" in noun.person are left out)."""
    lemmas = set()
    for line in data_file.read_text(encoding="utf-8").splitlines():
        if line.startswith("  "):  # the licence at the head of the file
            continue
        fields = line.split()
        if int(fields[1]) != lexicographer_file:
            continue
        count = int(fields[3], 16)
        words = fields[4 : 4 + 2 * count : 2]
        lemmas |= {w for w in words if w.isalpha() and w.islower()}
    return lemmas


def person_hypernyms(data_noun: Path) -> dict[str, set[str]]:
    """Map each noun of a kind of person to the kinds of person it is ("minister" ->
    "official", "leader", ...), through hypernyms within noun.person."""
    synsets: dict[str, tuple[int, list[str], list[str]]] = {}
    for line in data_noun.read_text(encoding="utf-8").splitlines():
        if line.startswith("  "):
            continue
        fields = line.split()
        count = int(fields[3], 16)
        words = fields[4 : 4 + 2 * count : 2]
        at = 4 + 2 * count
        pointers = [
            fields[at + 2 + 4 * k]
            for k in range(int(fields[at]))
            if fields[at + 1 + 4 * k] in ("@", "@i") and fields[at + 3 + 4 * k] == "n"
        ]
        synsets[fields[0]] = (int(fields[1]), words, pointers)
    kinds: dict[str, set[str]] = {}
    for key, (number, words, _) in synsets.items():
        if number != NOUN_PERSON:
            continue
        above = _above(synsets, key, HYPERNYM_DEPTH)
        for word in words:
            if word.isalpha() and word.islower():
                kinds.setdefault(word, set()).update(above)
    return kinds


def _above(synsets: dict, start: str, depth: int) -> set[str]:
    """Return the lemmas of the noun.person synsets above a synset, up to a depth."""
    found: set[str] = set()
    frontier, seen = [start], {start}
    for _ in range(depth):
        frontier = [t for key in frontier for t in synsets[key][2] if t not in seen]
        seen.update(frontier)
        for key in frontier:
            number, lemmas, _ = synsets[key]
            if number == NOUN_PERSON:
                found |= {w for w in lemmas if w.isalpha() and w.islower()}
    return found


def _read(path: Path) -> frozenset[str]:
    """Read a shipped lexicon file: one lemma a line, # comments."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


@cache
def communication_verbs() -> frozenset[str]:
    """Return the verbs of communication ("say", "deny", "recommend")."""
    return _read(COMMUNICATION_FILE)


@cache
def person_nouns() -> frozenset[str]:
    """Return the nouns that name a kind of person ("officer", "spokeswoman", "governor")."""
    return _read(PERSON_FILE)


@cache
def group_nouns() -> frozenset[str]:
    """Return the nouns that name a group or body ("bloc", "agency", "tribunal")."""
    return _read(GROUP_FILE)


@cache
def kinds_of_person() -> dict[str, frozenset[str]]:
    """Return, for a noun of a kind of person, the kinds of person it is."""
    kinds = {}
    for line in KINDS_OF_PERSON_FILE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, *above = line.split()
            kinds[word] = frozenset(above)
    return kinds


def derive(wordnet_dir: Path = DEFAULT_WORDNET) -> dict[str, int]:
    """Write the lexicon files from a WordNet folder; return the lemmas each holds."""
    written = {}
    for path, data, number, what, name in (
        (COMMUNICATION_FILE, "data.verb", VERB_COMMUNICATION, "verbs", "verb.communication"),
        (PERSON_FILE, "data.noun", NOUN_PERSON, "nouns", "noun.person"),
        (GROUP_FILE, "data.noun", NOUN_GROUP, "nouns", "noun.group"),
    ):
        lemmas = sorted(lemmas_of_class(wordnet_dir / data, number))
        header = HEADER.format(what=what, name=name)
        path.write_text(header + "\n".join(lemmas) + "\n", encoding="utf-8")
        written[path.name] = len(lemmas)
    kinds = person_hypernyms(wordnet_dir / "data.noun")
    header = HEADER.format(what="nouns", name="noun.person").replace(
        "one lemma a line", "each with the kinds of person above it"
    )
    lines = [f"{word} {' '.join(sorted(kinds[word]))}" for word in sorted(kinds) if kinds[word]]
    KINDS_OF_PERSON_FILE.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    written[KINDS_OF_PERSON_FILE.name] = len(lines)
    return written


if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_WORDNET
    for file_name, count in derive(folder).items():
        print(f"{file_name}: {count} lemmas")
