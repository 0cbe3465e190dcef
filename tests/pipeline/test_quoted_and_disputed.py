"""Words quoted through another ("cited X as saying"), roles and descriptions the text gave
a person or a body, and denials of "the claims" made anywhere before. Every sentence here
was written for these tests; none is taken from a published text."""

import pytest

from service.pipeline.records import Relation
from tests.support.stories import claim_with, claims_of, source_names, sourcing


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        # The one quoted speaks, not the outlet or the document quoting them.
        (
            "The Lindale Courier cited Maria Lopez, a local farmer, as saying the bridge had "
            "collapsed.",
            "bridge had",
            "Maria Lopez",
        ),
        (
            "Reuters quoted Tomas Berg as saying five people had died.",
            "five people",
            "Tomas Berg",
        ),
        # A role the text gave a person earlier is that person, also one whose name the
        # model reads as a body's.
        (
            "The ferry's pilot, Maria Lopez, was injured in the crash.\n\n"
            "The inquiry report quoted the pilot as saying the steering had failed.",
            "steering had",
            "Maria Lopez",
        ),
        (
            "The ferry's pilot, Sefa Drayton, was injured in the crash.\n\n"
            "The inquiry report quoted the pilot as saying the steering had failed.",
            "steering had",
            "Sefa Drayton",
        ),
        # The one whose statement it is, not the clause that tells what they said.
        (
            "The report held a statement from Drayton who said that the ferry left at noon.",
            "ferry left",
            "Drayton",
        ),
    ],
)
def test_the_one_quoted_as_saying_is_the_speaker(nlp, text, words, speaker):
    assert sourcing(nlp, text, words) == ("attributed", [speaker])


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        # A description the text gave a body in apposition is that body, and so is its
        # spokesman.
        (
            "Tomas Berg has been handed a ban, his club Olympique Lindale said on Thursday. A club "
            "spokesman told reporters that it had been informed of the decision.",
            "informed of",
            "Olympique Lindale",
        ),
        (
            "Halvard, the mining company, said 250 people were missing. The company also said "
            "that the dam had been inspected in March.",
            "the dam had",
            "Halvard",
        ),
    ],
)
def test_a_description_given_in_apposition_is_the_body_named(nlp, text, words, speaker):
    assert sourcing(nlp, text, words) == ("attributed", [speaker])


@pytest.mark.parametrize(
    "text",
    [
        # Someone quoted whom the text does not name is unnamed.
        "The inquiry report quoted a gateman as saying that he saw sparks.",
        # The place the one quoted stands in is not the speaker.
        "The report quoted a gateman and a pointsman at the Lindale station as saying that "
        "they saw sparks.",
        # A role no one was given in the text stays unnamed: never the last person named.
        "Maria Lopez runs the ferry company.\n\nThe farmer said that he saw sparks.",
    ],
)
def test_someone_quoted_or_described_but_not_named_is_vague(nlp, text):
    claims, _ = claims_of(nlp, text)
    assert claim_with(claims, "saw sparks").status == "vague"


def test_a_denial_of_the_claims_takes_on_the_allegation_however_far_back(nlp):
    text = (
        "Halvard Foods paid bribes worth 2 million euros to port officials, the auditors "
        "alleged in their report.\n\n"
        "The firm's chairman, Paul Ode, said on Monday that sales were growing. Exports to "
        "Norway rose by a fifth. The firm opened a plant in Bergen in March. Its shares "
        "climbed to a record.\n\n"
        "Ode dismissed the claims, saying every payment had been declared."
    )
    claims, _ = claims_of(nlp, text)
    denial, allegation = claim_with(claims, "every payment"), claim_with(claims, "bribes")
    assert denial.disputing
    assert Relation("contradicts", allegation.id) in denial.relations


def test_a_court_dismissing_petitions_disputes_no_ones_words(nlp):
    text = (
        "The tribunal ruled that the petitions lacked merit, Judge Amara Okonjo said.\n\n"
        "The court dismissed the petitions and declared Peter Odili the winner."
    )
    claims, _ = claims_of(nlp, text)
    dismissal = claim_with(claims, "dismissed the petitions")
    assert not dismissal.disputing
    assert not dismissal.relations


@pytest.mark.parametrize(
    ("text", "words", "status", "speaker"),
    [
        # Those described by whom they stand near are unnamed.
        (
            "Tomas Berg was banned for four years. A source close to Berg confirmed to "
            "reporters that he would appeal the ruling.",
            "would appeal",
            "vague",
            None,
        ),
        (
            "People familiar with Maria Lopez's plans said she would resign in May.",
            "would resign",
            "vague",
            None,
        ),
        # A role goes to no one the text did not give it, however recently named.
        (
            "Maria Lopez led the dig.\n\nThe minister said that the site was safe.",
            "site was safe",
            "vague",
            None,
        ),
        # A report not made reports nothing.
        (
            "Although the electoral institute did not formally declare a winner, the lead is "
            "insurmountable.",
            "lead is",
            "unsourced",
            None,
        ),
        # A surname the model left untagged is the full name given before.
        (
            "The dig was led by archaeologist Anna Drayberg of the Lindale Museum.\n\n"
            "Drayberg said the find underscores the site's importance.",
            "underscores",
            "attributed",
            "Anna Drayberg",
        ),
        # Bodies of a nation, many and none named, are unnamed.
        (
            "Lindish media outlets reported that the goalkeeper was freed.",
            "goalkeeper",
            "vague",
            None,
        ),
        # An answer not given reports nothing.
        (
            "The Lindale port agency did not immediately respond when contacted by reporters.",
            "did not immediately respond",
            "unsourced",
            None,
        ),
        # "it" in a clause of the sentence is the body its subject named.
        (
            "The Lindale Commission fined Halvard Foods in 2004.\n\nThe commission hit Halvard "
            "Foods with another penalty because it said the firm had overcharged rivals.",
            "overcharged",
            "attributed",
            "Lindale Commission",
        ),
    ],
)
def test_who_speaks_in_shapes_that_look_like_reports(nlp, text, words, status, speaker):
    assert sourcing(nlp, text, words) == (status, [speaker] if speaker else None)


def test_two_sources_counting_the_dead_differently_contest_each_other(nlp):
    text = (
        "At least 416 were killed in the protests, the Lindale Rights Group said.\n\n"
        "The interior ministry has confirmed the arrest of 1,100 people.\n\n"
        '"I think we have had perhaps more than 300 martyrs in the protests," General Tomas '
        "Berg said."
    )
    claims, _ = claims_of(nlp, text)
    first, second = claim_with(claims, "416"), claim_with(claims, "300 martyrs")
    assert Relation("contradicts", first.id) in second.relations


@pytest.mark.parametrize(
    ("company", "union", "contested"),
    [
        ("Nearly 500 workers", "More than 500 workers", True),
        ("Over 300 workers", "Some 330 workers", False),
    ],
)
def test_two_counts_of_one_quantity_are_read_with_their_hedges(nlp, company, union, contested):
    text = (
        f"{company} joined the strike at the Brenholm plant, the Halvard company said.\n\n"
        f"{union} joined the strike at the Brenholm plant, the dockers' union said."
    )
    claims, _ = claims_of(nlp, text)
    first, second = claim_with(claims, company), claim_with(claims, union)
    assert (Relation("contradicts", first.id) in second.relations) is contested


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        # An age for a description is the person just named.
        (
            "Tomas Berg recalls his months in jail.\n\n"
            '"It does unbelievable things," the 32-year-old film-maker says of his jail.',
            "unbelievable things",
            "Tomas Berg",
        ),
        # Old wire copy closes a quotation with two apostrophes: every sentence is the
        # speaker's.
        (
            "\"I want justice, nothing more. I will say how it was,'' Maria Lopez said on Monday.",
            "I will say",
            "Maria Lopez",
        ),
        # "who" after a description in apposition is the one named.
        (
            "Among the witnesses was Maria Lopez, a retired nurse in her 60s who said she was "
            "beaten in the camp.",
            "beaten in the camp",
            "Maria Lopez",
        ),
        # A title's word read as a verb does not hide the name after it.
        (
            '"Few good studies compare these products," said review senior author Penelope '
            "Lindqvist of the Lindale School of Tropical Medicine.",
            "Few good studies",
            "Penelope Lindqvist",
        ),
    ],
)
def test_speakers_described_quoted_in_old_style_or_titled(nlp, text, words, speaker):
    assert sourcing(nlp, text, words) == ("attributed", [speaker])


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        # A letter's words are its sender's, however they are introduced.
        (
            "In a 17-page letter, the Lindale Transport Ministry implored Ruritania to stop "
            'interfering.\n\n"The report contains several distortions," the letter reads in '
            "part.",
            "several distortions",
            "Lindale Transport Ministry",
        ),
        # A dismissal that judges what it takes on is its speaker's judgement.
        (
            'Tomas Berg dismissed the minister\'s criticism as "bar talk" in an interview.',
            "bar talk",
            "Tomas Berg",
        ),
        # The one a verb tells is not the pronoun that tells them.
        (
            "The remarks contradicted comments by Environment Minister Tomas Berg to his "
            "counterpart Maria Lopez at a meeting last Friday. He had informed Ms Lopez that "
            "no companies were involved.",
            "no companies",
            "Tomas Berg",
        ),
    ],
)
def test_letters_judgements_and_the_one_told(nlp, text, words, speaker):
    assert sourcing(nlp, text, words) == ("attributed", [speaker])


def test_a_dismissal_that_judges_disputes(nlp):
    claims, _ = claims_of(
        nlp,
        "The minister said the figures were false.\n\n"
        'Tomas Berg dismissed the minister\'s criticism as "bar talk" in an interview.',
    )
    assert claim_with(claims, "bar talk").disputing


@pytest.mark.parametrize(
    ("text", "words", "status", "speaker"),
    [
        # The one quoted keeps the "of" of their name.
        (
            "Reuters quoted the University of Lindale as saying the water was safe.",
            "water was safe",
            "attributed",
            "University of Lindale",
        ),
        # A role under a body's apposition is nobody's: the reporter is not the agency.
        (
            "Lindale Wire, the agency whose reporter was detained, said the trial was unfair. "
            "The reporter said he was beaten.",
            "he was beaten",
            "vague",
            None,
        ),
        # An age before a noun that brings a new person in is not the last person named.
        (
            "Tomas Berg was arrested on Monday.\n\nThe 12-year-old victim told police that "
            "she was hit.",
            "she was hit",
            "vague",
            None,
        ),
        # A newspaper named with one word is named.
        (
            "The Record reported that the mill would close.",
            "mill would close",
            "attributed",
            "Record",
        ),
    ],
)
def test_names_kept_whole_and_descriptions_not_stretched(nlp, text, words, status, speaker):
    assert sourcing(nlp, text, words) == (status, [speaker] if speaker else None)


def test_two_peoples_ages_are_no_counts_of_one_thing(nlp):
    claims, _ = claims_of(
        nlp,
        "The 12-year-old boy told police that he was hit.\n\n"
        '"It was hell," the 32-year-old film-maker Maria Lopez says.',
    )
    assert not any(r.type == "contradicts" for c in claims for r in c.relations)


def test_a_role_written_before_a_name_is_the_persons_title(nlp):
    claims, registry = claims_of(
        nlp,
        "Skipper Peter Wanjala who received the trophy from former Prime Minister Tomas Berg "
        "acknowledged that his teammates had worked hard. "
        '"We should go back to the drawing board," the skipper added.',
    )
    named = [source_names(claim_with(claims, w), registry) for w in ("teammates", "drawing")]
    assert named == [["Peter Wanjala"], ["Peter Wanjala"]]


def test_he_added_is_the_last_speaker_not_the_one_told(nlp):
    claims, registry = claims_of(
        nlp,
        '"This is their trophy," Tomas Berg told Maria Lopez of the Lindale Courier.\n\n'
        "He added that the lead had been thrown away.",
    )
    assert source_names(claim_with(claims, "thrown away"), registry) == ["Tomas Berg"]
