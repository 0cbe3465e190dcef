"""The figures a claim gives and what each counts, as cross-document pairing reads them."""

import pytest

from service.pipeline.claims.figures import figures


@pytest.mark.parametrize(
    "quote, expected",
    [
        ("About 6,400 people have been evacuated", (("6400", "people"),)),
        ("Residents said four lorries arrived", (("4", "lorrie"),)),
        # People who died, and a death toll, count deaths, as "14 deaths" does.
        ("Twenty-five people died", (("25", "death"),)),
        ("20 people have died in the unrest", (("20", "death"),)),
        ("Amnesty has registered 14 deaths", (("14", "death"),)),
        ("not 64, as the official death toll stated", (("64", "death"),)),
        ("the toll rose to 16", (("16", "death"),)),
        # So do a number killed, martyrs and fatalities.
        ("at least 416 were killed in the crackdown", (("416", "death"),)),
        ("more than 300 martyrs", (("300", "death"),)),
        ("64 fatalities on the roads", (("64", "death"),)),
        ("the train derailed, killing four passengers", (("4", "death"),)),
        ("the blast killed at least 12 people", (("12", "death"),)),
        ("the floods killed more than 300 people", (("300", "death"),)),
        # A rate is no count of the thing it rates.
        ("14.3 deaths per 1,000 residents", (("14.3", "death per"), ("1000", "people"))),
        ("Two dozen people were injured", (("24", "people"),)),
        ("Half a dozen people were injured", (("6", "people"),)),
        ("five or six vehicles were getting through", (("5", "vehicle"), ("6", "vehicle"))),
        ("1.2 million containers a year", (("1200000", "container"),)),
        ("a $4.5bn deal", (("4500000000", "deal"),)),
        ("1.5m people", (("1500000", "people"),)),
        ("fewer than 400 of the terminal's 650 dockers", (("400", "worker"), ("650", "worker"))),
        ("Fourteen houses and 23 homes", (("14", "home"), ("23", "home"))),
        ("87 per cent in a ballot", (("87", "ballot"),)),
        ("4.5 per cent this year and 3 per cent next year", (("4.5", ""), ("3", ""))),
        ("a 1,200-megawatt plant", (("1200", "megawatt"),)),
        # A unit is one thing however it is written: in full, abbreviated, spelled two ways.
        ("payloads of up to 150 kilograms", (("150", "kilogram"),)),
        ("it can carry about 225 kg of cargo", (("225", "kilogram"),)),
        (
            "a road 12 km long and another of 9 kilometers",
            (("12", "kilometre"), ("9", "kilometre")),
        ),
        ("5 tons of maize and 7 tonnes of rice", (("5", "tonne"), ("7", "tonne"))),
    ],
)
def test_counts_and_what_they_count(quote, expected):
    assert figures(quote.lower()) == expected


@pytest.mark.parametrize(
    "quote",
    [
        "the 12-year-old victim",
        "Furnace No. 1 stays, Local 412 said, as route 12 and Page 14 show",
        "COVID-19 cases among G7 leaders on the M25",
        "24/7 care after a 3-2 win",
        "at 3pm and at 10 a.m. and at 9 o'clock",
        "on 9 February, for six weeks, over 14 weeks, a two-year offer, a twenty-year-old",
        "in 2019 and 1997",
        "no one among dozens of them",
    ],
)
def test_numbers_that_name_things_or_times_count_nothing(quote):
    assert figures(quote.lower()) == ()


def test_malformed_numbers_are_read_as_far_as_they_make_sense():
    quote = "it fell 1..5 million to 12.000.000 thousand in version 2.0.1 million"
    assert figures(quote) == (("1", ""),)


def test_a_weekday_or_a_month_before_a_count_leaves_it_a_count():
    for quote in ("By Sunday 6,400 people had fled", "In March 300 workers were laid off"):
        assert figures(quote.lower())[0][0] in ("6400", "300")
