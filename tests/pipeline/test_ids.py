"""Stable paragraph IDs: minting, the lock, and re-anchoring after edits."""

import json

import pytest

from service.pipeline.ids import dump_lock, lock_ids, mint, reanchor

DOC = "doc"
BASE = [
    "Azerbaijan began to install checkpoints near the Lachin Corridor in 2021.",
    "The blockade continued for 137 days, ending on April 28th, 2023.",
    "TASS officials report the opposite, that the mission dismantled several outposts.",
    "Galuzin criticized an earlier TASS report about removing the peacekeeping troops.",
]


@pytest.fixture
def first():
    """The anchoring of the base text with no lock yet."""
    return reanchor(DOC, BASE, None, set())


def again(first, texts):
    """Re-anchor edited texts against the lock the first build wrote."""
    return reanchor(DOC, texts, first.lock, lock_ids(first.lock))


def test_first_build_mints_one_id_per_paragraph(first):
    assert first.minted == 4 and first.changed
    assert len(set(first.ids)) == 4
    assert all(i.startswith("p-") and len(i) == 14 for i in first.ids)


def test_unchanged_text_keeps_every_id_and_the_lock(first):
    result = again(first, BASE)
    assert result.ids == first.ids
    assert not result.changed and result.kept == 4


def test_typo_fix_keeps_the_id(first):
    edited = [*BASE]
    edited[1] = edited[1].replace("continued", "contineud")
    result = again(first, edited)
    assert result.ids == first.ids
    assert result.edited == 1 and result.minted == 0 and result.changed


def test_insertion_at_the_top_mints_one_and_keeps_the_rest(first):
    result = again(first, ["A brand new opening paragraph about something else.", *BASE])
    assert result.ids[1:] == first.ids
    assert result.minted == 1 and result.ids[0] not in first.ids


def test_deletion_retires_the_id(first):
    result = again(first, [BASE[0], BASE[1], BASE[3]])
    assert result.ids == [first.ids[0], first.ids[1], first.ids[3]]
    assert result.retired == [first.ids[2]]
    assert [entry["id"] for entry in result.lock["retired"]] == [first.ids[2]]


def test_reordering_keeps_ids_with_their_text(first):
    result = again(first, list(reversed(BASE)))
    assert result.ids == list(reversed(first.ids))
    assert result.minted == 0 and not result.retired


def test_identical_paragraphs_get_distinct_ids_kept_in_order():
    texts = ["Same words.", "Other words here.", "Same words."]
    first = reanchor(DOC, texts, None, set())
    assert first.ids[0] != first.ids[2]
    result = reanchor(DOC, ["Intro.", *texts], first.lock, lock_ids(first.lock))
    assert result.ids[1:] == first.ids


def test_an_edit_so_large_it_is_a_new_paragraph_gets_a_new_id(first):
    edited = [*BASE]
    edited[2] = "Video of an abandoned Russian outpost in Suşa shows many of them vacant."
    result = again(first, edited)
    assert result.ids[2] not in first.ids
    assert result.retired == [first.ids[2]] and result.minted == 1


def test_edited_paragraph_matches_within_its_neighbours(first):
    edited = [BASE[0], BASE[1] + " It was condemned.", BASE[2], BASE[3]]
    result = again(first, edited)
    assert result.ids == first.ids and result.edited == 1


def test_restored_paragraph_revives_its_retired_id(first):
    removed = again(first, BASE[:3])
    restored = reanchor(DOC, BASE, removed.lock, lock_ids(removed.lock))
    assert restored.ids == first.ids
    assert restored.revived == 1 and restored.lock["retired"] == []


def test_mint_salts_past_an_id_already_taken():
    taken: set[str] = set()
    one = mint(DOC, "text", taken)
    two = mint(DOC, "text", taken)
    assert one != two and {one, two} == taken


def test_ids_differ_between_documents_for_the_same_text():
    assert mint("a", "text", set()) != mint("b", "text", set())


def test_lock_dump_is_valid_json_one_paragraph_a_line(first):
    dumped = dump_lock(first.lock)
    assert json.loads(dumped) == first.lock
    assert dumped.count("\n") == 4 + 6
