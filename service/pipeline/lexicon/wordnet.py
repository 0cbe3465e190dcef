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
    return written


if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_WORDNET
    for file_name, count in derive(folder).items():
        print(f"{file_name}: {count} lemmas")
