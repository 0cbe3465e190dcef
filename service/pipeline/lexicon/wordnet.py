"""Lexical knowledge derived from WordNet 3.0, shipped as small text files beside this one.

The word classes (kinds of person, groups, verbs of communication) and, for every part of
speech, the relations between single words that let claims in other words be paired
offline: synonyms, derivationally related forms, antonyms and nouns' hypernyms.

`python -m service.pipeline.lexicon.wordnet [WORDNET_DIR]` (`make lexicon`) derives them
again from WordNet's own data files (Debian's `wordnet-base` puts them in
/usr/share/wordnet). WordNet's documented file format (wndb(5WN)) is read directly:
NLTK's reader needs a `lexnames` file that Debian's package does not ship. The files
carry WordNet's licence (`WORDNET-LICENSE`), as it asks.
"""

import sys
from functools import cache
from pathlib import Path
from typing import NamedTuple

HERE = Path(__file__).resolve().parent
PERSON_FILE = HERE / "wordnet-person-nouns.txt"
GROUP_FILE = HERE / "wordnet-group-nouns.txt"
KINDS_OF_PERSON_FILE = HERE / "wordnet-person-hypernyms.txt"
COMMUNICATION_FILE = HERE / "wordnet-communication-verbs.txt"
SYNONYMS_FILE = HERE / "wordnet-synonyms.txt"
DERIVATIONS_FILE = HERE / "wordnet-derivations.txt"
ANTONYMS_FILE = HERE / "wordnet-antonyms.txt"
NOUN_HYPERNYMS_FILE = HERE / "wordnet-noun-hypernyms.txt"
HYPERNYM_DEPTH = 6  # "minister" is an "official", a "leader", an "executive"...
DEFAULT_WORDNET = Path("/usr/share/wordnet")
NOUN_PERSON = 18  # lexnames(5WN): noun.person
NOUN_GROUP = 14  # lexnames(5WN): noun.group
VERB_COMMUNICATION = 32  # lexnames(5WN): verb.communication
# A larger synset ("break", "check", "hold") gathers senses too loose to be synonyms.
MAX_SYNSET = 8
MIN_SYNONYM = 3  # a shorter word is mostly an abbreviation or a particle: "in" (inch)
NOUN_HYPERNYM_DEPTH = 2  # "highway" -> "road" -> "way"; further up: "artifact", "entity"
PARTS = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}  # a pointer's part: its file
HEADER = (
    "# {what}.\n"
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


class Synset(NamedTuple):
    """A synset of any part of speech, with every pointer from it."""

    kind: str  # n, v, a, s (an adjective satellite) or r
    lemmas: list[str]
    pointers: list[tuple[str, str, int, int]]  # symbol, target, lemma numbers (0: all)


Lexicon = dict[str, Synset]  # "n 03519981" (part and offset): the synset


def read_lexicon(wordnet_dir: Path) -> Lexicon:
    """Read the synsets of all four data files, with their lemmas and pointers."""
    lexicon: Lexicon = {}
    for part, name in PARTS.items():
        for line in (wordnet_dir / f"data.{name}").read_text(encoding="utf-8").splitlines():
            if line.startswith("  "):  # the licence at the head of the file
                continue
            fields = line.split()
            at = 4 + 2 * int(fields[3], 16)
            pointers = [
                (symbol, f"{target_part} {offset}", int(ends[:2], 16), int(ends[2:], 16))
                for k in range(int(fields[at]))
                for symbol, offset, target_part, ends in [fields[at + 1 + 4 * k : at + 5 + 4 * k]]
            ]
            # An adjective may carry where it stands: "galore(ip)", "elect(p)".
            lemmas = [word.split("(")[0] for word in fields[4:at:2]]
            lexicon[f"{part} {fields[0]}"] = Synset(fields[2], lemmas, pointers)
    return lexicon


def _ends(
    lexicon: Lexicon, synset: Synset, pointer: tuple[str, str, int, int]
) -> tuple[list[str], list[str]]:
    """Return the lemmas a pointer goes from and to."""
    # A lexical pointer numbers one lemma at each end; a semantic one (0000) joins synsets.
    _, target, source, lemma = pointer
    to = lexicon[target].lemmas
    return (
        [synset.lemmas[source - 1]] if source else synset.lemmas,
        [to[lemma - 1]] if lemma else to,
    )


def _link(related: dict[str, set[str]], words: list[str], others: list[str]) -> None:
    """Relate each plain word to each other plain word, both ways."""
    for word in _plain(words):
        for other in _plain(others) - {word}:
            related.setdefault(word, set()).add(other)
            related.setdefault(other, set()).add(word)


def find_synonyms(lexicon: Lexicon) -> dict[str, set[str]]:
    """Map each word to the others sharing a small synset with it ("halt" -> "stop")."""
    found: dict[str, set[str]] = {}
    for synset in lexicon.values():
        if len(synset.lemmas) <= MAX_SYNSET:
            words = [word for word in synset.lemmas if len(word) >= MIN_SYNONYM]
            _link(found, words, words)
    return found


def find_derivations(lexicon: Lexicon) -> dict[str, set[str]]:
    """Map each word to its derivationally related forms ("hinder" -> "hindrance")."""
    found: dict[str, set[str]] = {}
    for synset in lexicon.values():
        for pointer in synset.pointers:
            if pointer[0] == "+":
                _link(found, *_ends(lexicon, synset, pointer))
    return found


def find_antonyms(lexicon: Lexicon) -> dict[str, set[str]]:
    """Map each word to its antonyms ("rise" -> "fall", "open" -> "closed", "shut")."""
    found: dict[str, set[str]] = {}
    for synset in lexicon.values():
        for pointer in synset.pointers:
            if pointer[0] == "!":
                # WordNet opposes one lemma of a sense ("permit" -> "forbid"); its synonyms
                # in that sense ("allow") are opposed too, unless the synset is a loose one.
                words, others = _ends(lexicon, synset, pointer)
                _link(found, synset.lemmas if len(synset.lemmas) <= MAX_SYNSET else words, others)
        if synset.kind != "s":
            continue
        # A satellite adjective ("unimpeded") has no antonym of its own: it takes those of
        # the head it is similar to ("unobstructed" -> "obstructed").
        for head in (lexicon[target] for symbol, target, *_ in synset.pointers if symbol == "&"):
            for pointer in head.pointers:
                if pointer[0] == "!":
                    _link(found, synset.lemmas, _ends(lexicon, head, pointer)[1])
    return found


def find_noun_hypernyms(lexicon: Lexicon) -> dict[str, set[str]]:
    """Map each noun to the nouns above it, up to a depth ("highway" -> "road", "route")."""
    found: dict[str, set[str]] = {}
    for key, synset in lexicon.items():
        words = _plain(synset.lemmas)
        if not key.startswith("n ") or not words:
            continue
        above: set[str] = set()
        frontier = [key]
        for _ in range(NOUN_HYPERNYM_DEPTH):
            frontier = [t for k in frontier for s, t, *_ in lexicon[k].pointers if s in ("@", "@i")]
            for target in frontier:
                above |= _plain(lexicon[target].lemmas)
        for word in words:
            found.setdefault(word, set()).update(above - {word})
    return found


def _read(path: Path) -> list[str]:
    """Read a shipped lexicon file's lines, without its # comments."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line and not line.startswith("#")]


def _read_table(path: Path) -> dict[str, frozenset[str]]:
    """Read a shipped file of lines `word related related ...`."""
    return {word: frozenset(related) for word, *related in map(str.split, _read(path))}


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
    return _read_table(KINDS_OF_PERSON_FILE)


@cache
def synonyms() -> dict[str, frozenset[str]]:
    """Return, for a word, the words sharing a small synset with it ("halt": "stop")."""
    return _read_table(SYNONYMS_FILE)


@cache
def derivations() -> dict[str, frozenset[str]]:
    """Return, for a word, its derivationally related forms ("close": "closure")."""
    return _read_table(DERIVATIONS_FILE)


@cache
def antonyms() -> dict[str, frozenset[str]]:
    """Return, for a word, its antonyms ("rise": "fall", "open": "closed", "shut")."""
    return _read_table(ANTONYMS_FILE)


@cache
def noun_hypernyms() -> dict[str, frozenset[str]]:
    """Return, for a noun, the nouns up to two hypernyms above it ("highway": "road")."""
    return _read_table(NOUN_HYPERNYMS_FILE)


def _table_lines(table: dict[str, set[str]]) -> list[str]:
    """Write a relation a line a word: the word, then its related words."""
    return [f"{word} {' '.join(sorted(table[word]))}" for word in sorted(table) if table[word]]


def derive(wordnet_dir: Path = DEFAULT_WORDNET, out_dir: Path = HERE) -> dict[str, int]:
    """Write the lexicon files from a WordNet folder into a folder; return their lines."""
    nouns = read_synsets(wordnet_dir / "data.noun")
    verbs = read_synsets(wordnet_dir / "data.verb")
    lexicon = read_lexicon(wordnet_dir)
    every = "Single-word lemmas of WordNet 3.0's nouns, verbs, adjectives and adverbs"
    files = {
        PERSON_FILE: (
            _of_class("noun", "noun.person", "one lemma a line"),
            sorted(lemmas_of_class(nouns, NOUN_PERSON)),
        ),
        GROUP_FILE: (
            _of_class("noun", "noun.group", "one lemma a line"),
            sorted(lemmas_of_class(nouns, NOUN_GROUP)),
        ),
        KINDS_OF_PERSON_FILE: (
            _of_class("noun", "noun.person", "each with the kinds of person above it"),
            _table_lines(person_hypernyms(nouns)),
        ),
        COMMUNICATION_FILE: (
            _of_class("verb", "verb.communication", "one lemma a line"),
            sorted(lemmas_of_class(verbs, VERB_COMMUNICATION)),
        ),
        SYNONYMS_FILE: (
            f"{every}, each with the others of {MIN_SYNONYM} letters or more that share a"
            f" synset of at most {MAX_SYNSET} lemmas with it",
            _table_lines(find_synonyms(lexicon)),
        ),
        DERIVATIONS_FILE: (
            f"{every}, each with its derivationally related forms (pointer +)",
            _table_lines(find_derivations(lexicon)),
        ),
        ANTONYMS_FILE: (
            f"{every}, each with its antonyms (pointer !), those of its synonyms in that"
            f" sense (synsets of at most {MAX_SYNSET} lemmas) and, for an adjective"
            " satellite, those of its head (pointer &)",
            _table_lines(find_antonyms(lexicon)),
        ),
        NOUN_HYPERNYMS_FILE: (
            "Single-word nouns of WordNet 3.0, each with the single-word nouns up to"
            f" {NOUN_HYPERNYM_DEPTH} hypernyms above it (pointers @ and @i)",
            _table_lines(find_noun_hypernyms(lexicon)),
        ),
    }
    for path, (what, lines) in files.items():
        text = HEADER.format(what=what) + "\n".join(lines) + "\n"
        (out_dir / path.name).write_text(text, encoding="utf-8")
    return {path.name: len(lines) for path, (_, lines) in files.items()}


def _of_class(part: str, name: str, layout: str) -> str:
    """Say what a file of one lexicographer class holds."""
    return f"Single-word {part}s of WordNet 3.0's {name} class, {layout}"


if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_WORDNET
    for file_name, count in derive(folder).items():
        print(f"{file_name}: {count} lines")
