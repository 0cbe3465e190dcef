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
PERSON_FILE = HERE / "wordnet-person-nouns.txt"
GROUP_FILE = HERE / "wordnet-group-nouns.txt"
KINDS_OF_PERSON_FILE = HERE / "wordnet-person-hypernyms.txt"
COMMUNICATION_FILE = HERE / "wordnet-communication-verbs.txt"
HYPERNYM_DEPTH = 6  # "minister" is an "official", a "leader", an "executive"...
DEFAULT_WORDNET = Path("/usr/share/wordnet")
NOUN_PERSON = 18  # lexnames(5WN): noun.person
NOUN_GROUP = 14  # lexnames(5WN): noun.group
VERB_COMMUNICATION = 32  # lexnames(5WN): verb.communication
HEADER = (
    "# Single-word {part}s of WordNet 3.0's {name} class, {layout}.\n"
    "# Derived by service/pipeline/lexicon/wordnet.py; WordNet 3.0 Copyright 2006 by\n"
    "# Princeton University. All rights reserved. Licence: WORDNET-LICENSE beside this.\n"
)

Synsets = dict[str, tuple[int, list[str], list[str]]]  # offset: (file, lemmas, hypernyms)


def read_synsets(data_file: Path) -> Synsets:
    """Read a WordNet data file: each synset's lexicographer file, lemmas and hypernyms."""
    synsets: Synsets = {}
    for line in data_file.read_text(encoding="utf-8").splitlines():
        if line.startswith("  "):  # the licence at the head of the file
            continue
        fields = line.split()
        count = int(fields[3], 16)
        at = 4 + 2 * count
        hypernyms = [
            fields[at + 2 + 4 * k]
            for k in range(int(fields[at]))
            if fields[at + 1 + 4 * k] in ("@", "@i") and fields[at + 3 + 4 * k] == "n"
        ]
        synsets[fields[0]] = (int(fields[1]), fields[4:at:2], hypernyms)
    return synsets


def _plain(words: list[str]) -> set[str]:
    """Keep single lower-case words: no phrases, no names ("Einstein")."""
    return {w for w in words if w.isalpha() and w.islower()}


def lemmas_of_class(synsets: Synsets, lexicographer_file: int) -> set[str]:
    """Return the plain lemmas of every synset in one lexicographer file."""
    found: set[str] = set()
    for number, words, _ in synsets.values():
        if number == lexicographer_file:
            found |= _plain(words)
    return found


def person_hypernyms(synsets: Synsets) -> dict[str, set[str]]:
    """Map each noun of a kind of person to the kinds of person it is ("minister" ->
    "official", "leader", ...), through hypernyms within noun.person."""
    kinds: dict[str, set[str]] = {}
    for key, (number, words, _) in synsets.items():
        if number == NOUN_PERSON:
            above = _above(synsets, key, HYPERNYM_DEPTH)
            for word in _plain(words):
                kinds.setdefault(word, set()).update(above)
    return kinds


def _above(synsets: Synsets, start: str, depth: int) -> set[str]:
    """Return the plain lemmas of the noun.person synsets above a synset, up to a depth."""
    found: set[str] = set()
    frontier, seen = [start], {start}
    for _ in range(depth):
        frontier = [t for key in frontier for t in synsets[key][2] if t not in seen]
        seen.update(frontier)
        for key in frontier:
            number, lemmas, _ = synsets[key]
            if number == NOUN_PERSON:
                found |= _plain(lemmas)
    return found


def _read(path: Path) -> list[str]:
    """Read a shipped lexicon file's lines, without its # comments."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line and not line.startswith("#")]


@cache
def person_nouns() -> frozenset[str]:
    """Return the nouns that name a kind of person ("officer", "spokeswoman", "governor")."""
    return frozenset(_read(PERSON_FILE))


@cache
def group_nouns() -> frozenset[str]:
    """Return the nouns that name a group or body ("bloc", "agency", "tribunal")."""
    return frozenset(_read(GROUP_FILE))


@cache
def communication_verbs() -> frozenset[str]:
    """Return the verbs of communication ("concede", "caution", "boast", "testify")."""
    return frozenset(_read(COMMUNICATION_FILE))


@cache
def kinds_of_person() -> dict[str, frozenset[str]]:
    """Return, for a noun of a kind of person, the kinds of person it is."""
    return {word: frozenset(above) for word, *above in map(str.split, _read(KINDS_OF_PERSON_FILE))}


def derive(wordnet_dir: Path = DEFAULT_WORDNET) -> dict[str, int]:
    """Write the lexicon files from a WordNet folder; return the lines each holds."""
    nouns = read_synsets(wordnet_dir / "data.noun")
    verbs = read_synsets(wordnet_dir / "data.verb")
    kinds = person_hypernyms(nouns)
    files = {
        PERSON_FILE: (
            "noun.person",
            "one lemma a line",
            sorted(lemmas_of_class(nouns, NOUN_PERSON)),
        ),
        GROUP_FILE: ("noun.group", "one lemma a line", sorted(lemmas_of_class(nouns, NOUN_GROUP))),
        KINDS_OF_PERSON_FILE: (
            "noun.person",
            "each with the kinds of person above it",
            [f"{w} {' '.join(sorted(kinds[w]))}" for w in sorted(kinds) if kinds[w]],
        ),
        COMMUNICATION_FILE: (
            "verb.communication",
            "one lemma a line",
            sorted(lemmas_of_class(verbs, VERB_COMMUNICATION)),
        ),
    }
    for path, (name, layout, lines) in files.items():
        part = "verb" if name.startswith("verb.") else "noun"
        header = HEADER.format(part=part, name=name, layout=layout)
        path.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    return {path.name: len(lines) for path, (_, _, lines) in files.items()}


if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_WORDNET
    for file_name, count in derive(folder).items():
        print(f"{file_name}: {count} lines")
