"""The WordNet files shipped beside the lexicon module: what they hold, and that they are
WordNet's own, derived again byte for byte."""

from pathlib import Path

import pytest

from service.pipeline.lexicon import wordnet
from service.pipeline.lexicon.wordnet import (
    antonyms,
    derivations,
    kinds_of_person,
    noun_hypernyms,
    synonyms,
)

RELATION_FILES = {
    synonyms: wordnet.SYNONYMS_FILE,
    derivations: wordnet.DERIVATIONS_FILE,
    antonyms: wordnet.ANTONYMS_FILE,
    noun_hypernyms: wordnet.NOUN_HYPERNYMS_FILE,
}
SHIPPED = [
    wordnet.PERSON_FILE,
    wordnet.GROUP_FILE,
    wordnet.KINDS_OF_PERSON_FILE,
    wordnet.COMMUNICATION_FILE,
    *RELATION_FILES.values(),
]
LOADERS = [
    wordnet.person_nouns,
    wordnet.group_nouns,
    wordnet.communication_verbs,
    kinds_of_person,
    *RELATION_FILES,
]


def _body(path: Path) -> list[str]:
    """The lines of a shipped file after its header."""
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line[:1] != "#"]


@pytest.mark.parametrize(
    "relation, word, related",
    [
        (synonyms, "halt", "stop"),
        (synonyms, "blockade", "block"),
        (synonyms, "unhindered", "unhampered"),
        (derivations, "hinder", "hindrance"),
        (derivations, "close", "closure"),
        (derivations, "block", "blockage"),
        (antonyms, "open", "closed"),
        (antonyms, "open", "shut"),
        (antonyms, "rise", "fall"),
        (antonyms, "increase", "decrease"),
        (antonyms, "win", "lose"),
        (antonyms, "permit", "forbid"),
        (antonyms, "allow", "disallow"),
        # "allow" shares the sense of "permit" that WordNet opposes to "forbid".
        (antonyms, "allow", "forbid"),
        # Satellites take their head's antonym: "unobstructed" <-> "obstructed".
        (antonyms, "unimpeded", "obstructed"),
        (antonyms, "ajar", "shut"),
        # "unhindered" is similar to "unrestrained", whose antonym is "restrained".
        (antonyms, "unhindered", "restrained"),
        (noun_hypernyms, "highway", "road"),
        (noun_hypernyms, "highway", "route"),
        (noun_hypernyms, "blockade", "obstruction"),
        (kinds_of_person, "minister", "official"),
    ],
)
def test_the_shipped_files_hold_wordnets_pairs(relation, word, related):
    assert related in relation()[word]


@pytest.mark.parametrize(
    "relation, word, unrelated",
    [
        # WordNet relates "blockade" to no other word by derivation, nor "hinder" to
        # "unhindered" by anything.
        (derivations, "blockade", "block"),
        (derivations, "hinder", "unhindered"),
        (antonyms, "hinder", "unhindered"),
        # They share only a synset of 9 lemmas.
        (synonyms, "renovate", "vivify"),
        # Too short: "in" shares a synset with "inch".
        (synonyms, "inch", "in"),
        # Two levels up from "highway" stops at "way".
        (noun_hypernyms, "highway", "artifact"),
    ],
)
def test_nothing_is_added_that_wordnet_does_not_give(relation, word, unrelated):
    assert unrelated not in relation().get(word, frozenset())


@pytest.mark.parametrize("relation", [synonyms, derivations, antonyms], ids=lambda f: f.__name__)
def test_relations_between_words_hold_both_ways(relation):
    table = relation()
    one_way = {(w, r) for w, related in table.items() for r in related if w not in table.get(r, ())}
    assert one_way == set()


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_word_is_one_lower_case_word_once(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# Single-word ")
    assert lines[1].startswith("# Derived by service/pipeline/lexicon/wordnet.py")
    assert lines[2].endswith("Licence: WORDNET-LICENSE beside this.")
    rows = [line.split() for line in _body(path)]
    assert rows and [row[0] for row in rows] == sorted({row[0] for row in rows})
    assert all(word.isalpha() and word.islower() for row in rows for word in row)
    assert all(len(set(row[1:])) == len(row) - 1 for row in rows)


def test_synonyms_are_three_letters_or_more():
    assert all(
        len(word) >= 3 for row in map(str.split, _body(wordnet.SYNONYMS_FILE)) for word in row
    )


@pytest.mark.parametrize(
    "relation, path", RELATION_FILES.items(), ids=[path.name for path in RELATION_FILES.values()]
)
def test_each_line_relates_its_word_to_the_rest(relation, path):
    rows = [line.split() for line in _body(path)]
    assert all(len(row) >= 2 and row[0] not in row[1:] for row in rows)
    assert relation() == {word: frozenset(related) for word, *related in rows}


def test_the_loaders_read_only_the_files_shipped_beside_the_module(monkeypatch, tmp_path):
    monkeypatch.setattr(wordnet, "DEFAULT_WORDNET", tmp_path / "no-wordnet-here")
    read: list[Path] = []
    real_read_text = Path.read_text

    def recording(self, *args, **kwargs):
        read.append(self)
        return real_read_text(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", recording)
    for loader in LOADERS:
        loader.cache_clear()
        assert loader()
    assert set(read) == set(SHIPPED)


def test_the_relation_files_stay_small():
    assert sum(path.stat().st_size for path in RELATION_FILES.values()) < 6_000_000


@pytest.mark.slow
@pytest.mark.skipif(
    not (wordnet.DEFAULT_WORDNET / "data.noun").exists(),
    reason="WordNet's data files are not installed (Debian's wordnet-base)",
)
def test_deriving_again_from_wordnet_gives_the_shipped_files(tmp_path):
    counts = wordnet.derive(wordnet.DEFAULT_WORDNET, tmp_path)
    assert sorted(counts) == sorted(path.name for path in SHIPPED)
    for path in SHIPPED:
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name
        assert counts[path.name] == len(_body(path))
