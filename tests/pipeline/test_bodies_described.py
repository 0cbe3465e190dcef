"""Bodies a text describes rather than names: the owner of an unnamed spokesperson, a
description with the name beside it, the producer of data. Every sentence here was written
for these tests; none is taken from a published text."""

import pytest

from tests.support.stories import claim_with, claims_of, source_names, sourcing


@pytest.mark.parametrize(
    ("text", "words", "status", "speaker"),
    [
        # An unnamed spokesperson of a body the words say which: the body speaks.
        (
            "A transport ministry spokesperson said it was unclear if Berg had resigned.",
            "unclear if",
            "attributed",
            "transport ministry",
        ),
        # "the software giant" is the company the text named last.
        (
            "Halvard Systems was fined on Monday.\n\n"
            '"We will appeal the fine," a spokesperson for the Norwegian software giant said '
            "in Oslo.",
            "appeal the fine",
            "attributed",
            "Halvard Systems",
        ),
        # A spokesperson for a family is nobody the text named.
        (
            "Halvard Systems was fined on Monday. A spokesperson for the family said the boy "
            "had died.",
            "boy had died",
            "vague",
            None,
        ),
        # The name beside a description is who speaks, not the places that describe it.
        (
            "However, in an updated toll issued on Tuesday, the Oslo-based group Iran Labour "
            "Monitor published that at least 40 people were killed.",
            "40 people",
            "attributed",
            "Iran Labour Monitor",
        ),
        (
            "In a toll issued on Tuesday, the Oslo-based group Iran Labour Rights published "
            "that at least 40 workers were killed.",
            "40 workers",
            "attributed",
            "Iran Labour Rights",
        ),
        # Data are the word of whoever produced them.
        (
            "According to preliminary data produced by Statistics Lindale in May 2021, "
            "prices rose 8 percent.",
            "prices rose",
            "attributed",
            "Statistics Lindale",
        ),
        # An outlet named with what it is ("... website reported") is then "the site".
        (
            "The court on Tuesday freed 40 detainees, Lindale Online website reported.\n\n"
            "The site also reported the release of a goalkeeper on bail.",
            "goalkeeper",
            "attributed",
            "Lindale Online",
        ),
        # A title written before a name, with a clause about the person after it.
        (
            "Skipper Harun Otieno who received the trophy from former Prime Minister Raila "
            "Berg acknowledged his teammates for putting in the work.\n\n"
            "\u201cWe are disappointed,\u201d the skipper added.",
            "disappointed",
            "attributed",
            "Harun Otieno",
        ),
    ],
)
def test_bodies_described_and_the_names_beside_them(nlp, text, words, status, speaker):
    assert sourcing(nlp, text, words) == (status, [speaker] if speaker else None)


@pytest.mark.parametrize(
    ("text", "words", "cue", "speaker"),
    [
        # A sentence ending "..., according to X" is X's account of what others did or said.
        (
            "Lindale has urged Norvia not to restrict exports of grain, according to a "
            "statement from the Norvian Ministry of Trade.",
            "restrict exports",
            "according to",
            "Norvian Ministry of Trade",
        ),
        (
            "The Lindale News Agency reported on Monday that a court had fined Halvard and "
            "Brannock.\n\n"
            "Halvard and Brannock both expressed regret over the ruling and said they would "
            "appeal, according to the agency.",
            "expressed regret",
            "according to",
            "Lindale News Agency",
        ),
    ],
)
def test_a_closing_according_to_names_whose_account_the_sentence_is(nlp, text, words, cue, speaker):
    claims, registry = claims_of(nlp, text)
    claim = claim_with(claims, words)
    assert (claim.cue.text, source_names(claim, registry)) == (cue, [speaker])


@pytest.mark.parametrize(
    ("text", "words", "cue"),
    [
        # The main verb reports the claim; a participle or a noun before it does not.
        (
            "While admitting that mistakes were made, Halvard insisted it had not broken the law.",
            "broken the law",
            "insisted",
        ),
        (
            '"While all ferries work hard to sail on time, none can guarantee it," the '
            "Brannock statement said.",
            "sail on time",
            "said",
        ),
    ],
)
def test_the_main_verb_is_the_cue_of_a_sentence_with_two(nlp, text, words, cue):
    claims, _ = claims_of(nlp, text)
    assert claim_with(claims, words).cue.text == cue


@pytest.mark.parametrize(
    ("text", "words", "status", "speaker"),
    [
        # "The airline" is the airline named, not a union whose name holds the word.
        (
            "A court ordered striking Lindale Airways pilots back to work on Monday.\n\n"
            "There was no response from the Lindale Airline Pilots Association (LAPA), as "
            "the airline announced that most of its flights had been cancelled.",
            "most of its flights",
            "attributed",
            "Lindale Airways",
        ),
        # A name that modifies a thing ("the Electron launch vehicle") never speaks.
        (
            "U.S. aerospace maker Halvard Orbital reached orbit with its second flight of the "
            'Electron orbital launch vehicle, dubbed "Still Testing," the company announced '
            "Sunday.",
            "reached orbit",
            "attributed",
            "Halvard Orbital",
        ),
        # A name given to a thing in apposition names the thing wherever it comes again.
        (
            "The Wellington, Lindale-based space company Halvard Orbital successfully launched "
            "its rocket, Electron, and deployed satellites into orbit on Sunday.\n\n"
            '"Electron is orbital. Successful payload deployment," the company confirmed on '
            "Twitter.",
            "Successful payload",
            "attributed",
            "Halvard Orbital",
        ),
        # A direction whose words are quoted reports them; unquoted, it is an act.
        (
            'Justice Maria Lopez on Tuesday ordered "the pilots to resume their duties by '
            '6:00 am on Wednesday unconditionally".',
            "resume their duties",
            "attributed",
            "Maria Lopez",
        ),
        (
            "The ministry opened an inquiry and ordered the ferry to stay in port.",
            "stay in port",
            "unsourced",
            None,
        ),
        # "Added to the challenges" adds no words.
        (
            "The dispute has added to the challenges facing the new government.",
            "challenges facing",
            "unsourced",
            None,
        ),
    ],
)
def test_bodies_things_and_acts_that_look_like_sources(nlp, text, words, status, speaker):
    assert sourcing(nlp, text, words) == (status, [speaker] if speaker else None)


@pytest.mark.parametrize(
    ("text", "words", "cue"),
    [
        # "points out that" reports; "called it" a judgement only in the speaker's quoted words.
        (
            "The Lindale statistics office points out that weekly death figures are based on "
            "the dates the deaths were registered.",
            "weekly death figures",
            "points out",
        ),
        (
            'President Tomas Berg called it "an unfortunate tragedy," in a message on Monday.',
            "unfortunate tragedy",
            "called",
        ),
    ],
)
def test_phrases_that_report_or_judge(nlp, text, words, cue):
    claims, _ = claims_of(nlp, text)
    claim = claim_with(claims, words)
    assert claim.cue is not None and claim.cue.text == cue


def test_calling_it_a_day_reports_nothing(nlp):
    claims, _ = claims_of(nlp, "The coach called it a day after two hours of training.")
    assert claim_with(claims, "a day after").status == "unsourced"
