"""Date shapes that real news takes and our rules misread before: ages, seconds and
minutes, a weekday before its date, month abbreviations without a full stop."""

import pytest

from service.evaluation.claims import machine_document
from service.pipeline.claims.sources import SourceRegistry
from service.pipeline.db.paragraph_rows import date_item
from service.pipeline.records import Span
from service.pipeline.temporal.extract import extract


def found(text: str, published: str) -> list[tuple[str, str, str | None]]:
    """Return (text, type, value) of each temporal expression the rules find alone."""
    return [(e.text, e.type, e.value) for e in extract([text], published)]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # An age is no duration.
        ("The 64-year-old minister resigned in 2019.", "2024-03-05", [("2019", "DATE", "2019")]),
        ("A nine-year-old boy was treated.", "2024-03-05", []),
        # Weeks ago is a week (TIMEX3), as years ago is a year.
        (
            "The vote was held three weeks ago.",
            "2017-12-18",
            [("three weeks ago", "DATE", "2017-W48")],
        ),
        # A weekday before its date is one expression.
        (
            "The tribunal ruled on Wednesday, September 6, 2023 in Abuja.",
            "2023-09-07",
            [("Wednesday, September 6, 2023", "DATE", "2023-09-06")],
        ),
        # A deadline told in the past may lie after the writing: the nearer such day.
        (
            "It had to certify the result by a December 26 deadline.",
            "2017-12-18",
            [("December 26", "DATE", "2017-12-26")],
        ),
        (
            "The report was due by March 3, officials said.",
            "2024-03-05",
            [("March 3", "DATE", "2024-03-03")],
        ),
        # Without a deadline, a day told in the past is the latest before the writing.
        (
            "It certified the result on December 26.",
            "2017-12-18",
            [("December 26", "DATE", "2016-12-26")],
        ),
        # An abbreviation without its full stop, where a day follows it.
        (
            "Protests began on Dec 18 in the capital.",
            "2017-12-20",
            [("Dec 18", "DATE", "2017-12-18")],
        ),
        ("The Mar of Ys is a legend.", "2017-12-20", []),
        # A range whose year stands at its end gives both ends that year.
        (
            "From March 1 to November 30 2018, 214 boats were seized.",
            "2020-02-03",
            [("March 1", "DATE", "2018-03-01"), ("November 30 2018", "DATE", "2018-11-30")],
        ),
        # A length no one counted, after "for", "within" or "over".
        (
            "The ferry has run at a loss for years and the pier closed within hours.",
            "2024-03-05",
            [("years", "DURATION", "PXY"), ("hours", "DURATION", "PTXH")],
        ),
        (
            "Fares were frozen for several months.",
            "2024-03-05",
            [("several months", "DURATION", "PXM")],
        ),
        ("Years of neglect left months of repairs.", "2024-03-05", []),
        # A count of consecutive units, and a length written as an adjective.
        (
            "Catches fell for five consecutive years after an almost two-week-long strike.",
            "2024-03-05",
            [
                ("five consecutive years", "DURATION", "P5Y"),
                ("almost two-week-long", "DURATION", "P2W"),
            ],
        ),
        # Numeric dates: the order that makes a date, else the reading nearer to writing.
        (
            "The ruling of 14.05.2022 was appealed.",
            "2022-05-20",
            [("14.05.2022", "DATE", "2022-05-14")],
        ),
        (
            "It was signed on 04.05.2022 in Rome.",
            "2022-05-20",
            [("04.05.2022", "DATE", "2022-05-04")],
        ),
        (
            "It was signed on 04.05.2022 in Rome.",
            "2022-04-06",
            [("04.05.2022", "DATE", "2022-04-05")],
        ),
        (
            "The law of 2022-05-14 took effect.",
            "2022-05-20",
            [("2022-05-14", "DATE", "2022-05-14")],
        ),
        # A span of months, with a year at both ends or at the end only.
        (
            "The club was suspended from October 2017 to March 2018 by the federation.",
            "2021-04-08",
            [("October 2017 to March 2018", "DATE", "2017-10/2018-03")],
        ),
        (
            "Sales fell in the December-February 2024 quarter.",
            "2024-05-01",
            [("December-February 2024", "DATE", "2023-12/2024-02")],
        ),
        # "earlier" and "later" stay in the span of a deictic week, month or year.
        (
            "Shares, which earlier this week had hovered near a low, were halted.",
            "2013-06-07",
            [("earlier this week", "DATE", "2013-W23")],
        ),
        # A lower bound stays in a duration's span.
        (
            "The boat had been at sea for at least eight days.",
            "2024-06-17",
            [("at least eight days", "DURATION", "P8D")],
        ),
        # A rate's quantity is no part of its span, however many words it takes.
        (
            "The mine would produce four million tonnes of coal a year.",
            "2013-06-07",
            [("a year", "SET", "P1Y")],
        ),
        # "after years of" is a length no one counted.
        (
            "The sport was run by a committee after years of infighting.",
            "2021-04-08",
            [("years", "DURATION", "PXY")],
        ),
    ],
)
def test_news_date_shapes(text, published, expected):
    assert found(text, published) == expected


def test_seconds_and_minutes_before_an_event_are_times_of_no_calendar_date(
    spacy_pipeline, tmp_path
):
    pipeline, gazetteer = spacy_pipeline(tmp_path / "no-gazetteer.yaml")
    path = tmp_path / "crash.txt"
    path.write_text(
        "The tower cleared the flight about one minute before the crash on June 30. About "
        "12 seconds before impact, the crew reported a problem with the left engine.\n",
        encoding="utf-8",
    )
    path.with_suffix(".yaml").write_text("title: Crash\npublished: '2019-07-02'\n")
    _, assembled = machine_document(path, pipeline, gazetteer, SourceRegistry([]), tmp_path)
    dates = [(d.expression.text, d.expression.type, d.expression.value) for d in assembled.dates]
    assert dates == [
        ("about one minute before", "TIME", None),
        ("June 30", "DATE", "2019-06-30"),
        ("About 12 seconds before", "TIME", None),
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A modal looks ahead: the nearer April, not the latest before writing.
        (
            "The bloc said the junta should provide a timetable by the end of April.",
            ("end of April", "2022-04"),
        ),
        # A perfect modal looks back.
        ("The bloc said the junta should have left by April.", ("April", "2021-04")),
        # A direction looks ahead: the Wednesday to come (published on a Saturday).
        (
            "A court has ordered striking pilots to return to work by Wednesday morning.",
            ("Wednesday morning", "2022-03-30TMO"),
        ),
        # A participle tells what was done: the latest May before writing; one that
        # schedules tells what is to come.
        (
            "It follows a first test carried out in May in which the rocket reached space.",
            ("May", "2021-05"),
        ),
        (
            "The leaders agreed on a summit scheduled in June in Accra.",
            ("June", "2022-06"),
        ),
    ],
)
def test_a_modal_clause_reads_a_month_as_the_nearer_one(
    spacy_pipeline, tmp_path, sentence, expected
):
    pipeline, gazetteer = spacy_pipeline(tmp_path / "no-gazetteer.yaml")
    path = tmp_path / "bloc.txt"
    path.write_text(sentence + "\n", encoding="utf-8")
    path.with_suffix(".yaml").write_text("title: Bloc\npublished: '2022-03-26'\n")
    _, assembled = machine_document(path, pipeline, gazetteer, SourceRegistry([]), tmp_path)
    assert [(d.expression.text, d.expression.value) for d in assembled.dates] == [expected]


def test_the_weekday_of_writing_in_a_present_clause_is_that_day(spacy_pipeline, tmp_path):
    pipeline, gazetteer = spacy_pipeline(tmp_path / "no-gazetteer.yaml")
    path = tmp_path / "study.txt"
    path.write_text(
        "The findings, published Tuesday in a medical journal, show a sharp rise in deaths.\n",
        encoding="utf-8",
    )
    path.with_suffix(".yaml").write_text("title: Study\npublished: '2018-05-29'\n")  # a Tuesday
    _, assembled = machine_document(path, pipeline, gazetteer, SourceRegistry([]), tmp_path)
    assert [(d.expression.text, d.expression.value) for d in assembled.dates] == [
        ("Tuesday", "2018-05-29")
    ]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # A time of day on the day its sentence names, before or after it.
        (
            "On March 3 at 7:30 a.m. the train left.",
            "2024-03-05",
            [("March 3", "DATE", "2024-03-03"), ("7:30 a.m.", "TIME", "2024-03-03T07:30")],
        ),
        (
            "At 09:13, July 25, 2012 the market opened.",
            "2012-07-26",
            [("09:13", "TIME", "2012-07-25T09:13"), ("July 25, 2012", "DATE", "2012-07-25")],
        ),
        # Else the day of writing; without one, the time alone.
        (
            "Police arrived at 5 a.m. with a warrant.",
            "2024-03-05",
            [("5 a.m.", "TIME", "2024-03-05T05:00")],
        ),
        ("The vote closes at noon.", "2024-03", [("noon", "TIME", "T12:00")]),
        (
            "The quake struck at 10:40 p.m. CST.",
            "2024-03-05",
            [("10:40 p.m. CST", "TIME", "2024-03-05T22:40")],
        ),
        # The sentence's full stop is not the "m." of "am"; a part of a named day.
        ("It opened at 9:11 am.", "2023-09-12", [("9:11 am", "TIME", "2023-09-12T09:11")]),
        (
            "The patient died on Monday night.",
            "2023-09-12",
            [("Monday night", "TIME", "2023-09-11TNI")],
        ),
        # A named day's part keeps its day, whatever date follows in the sentence.
        (
            "He died on Monday night, not on September 4.",
            "2023-09-12",
            [("Monday night", "TIME", "2023-09-11TNI"), ("September 4", "DATE", "2023-09-04")],
        ),
        # In a past clause, a time falls on the day the story last named, not on the day
        # of writing.
        (
            "The plane crashed on June 30 in Addison. It hit a hangar at 9:11 am.",
            "2019-07-02",
            [("June 30", "DATE", "2019-06-30"), ("9:11 am", "TIME", "2019-06-30T09:11")],
        ),
        # A day named right after a time is its day, whatever day the story named before.
        (
            "The plane crashed on June 30. Shares were halted at noon yesterday.",
            "2019-07-09",
            [
                ("June 30", "DATE", "2019-06-30"),
                ("noon", "TIME", "2019-07-08T12:00"),
                ("yesterday", "DATE", "2019-07-08"),
            ],
        ),
        # A score or a ratio is no time.
        ("The hosts won 3-2 and stay open 24/7.", "2024-03-05", []),
    ],
)
def test_times_of_day_are_times_on_the_day_in_context(text, published, expected):
    assert found(text, published) == expected


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # "late on", "early": the end or the start of a named day, in its span.
        (
            "The operation began late on Sunday, June 16, when a boat called.",
            "2024-06-18",
            [("late on Sunday, June 16", "DATE", "2024-06-16", "END")],
        ),
        (
            "Talks ended late Tuesday and resumed early on Thursday.",
            "2024-06-21",
            [
                ("late Tuesday", "DATE", "2024-06-18", "END"),
                ("early on Thursday", "DATE", "2024-06-20", "START"),
            ],
        ),
        # "prior" counts back as "earlier" does: from a day the text gave, else unknown.
        (
            "The boat sank on June 17. It had left Turkey eight days prior.",
            "2024-06-18",
            [
                ("June 17", "DATE", "2024-06-17", None),
                ("eight days prior", "DATE", "2024-06-09", None),
            ],
        ),
        (
            "A boat, which had left Turkey eight days prior, sank.",
            "2024-06-18",
            [("eight days prior", "DATE", None, None)],
        ),
    ],
)
def test_parts_of_named_days_and_days_prior(text, published, expected):
    assert [(e.text, e.type, e.value, e.mod) for e in extract([text], published)] == expected


def test_a_time_in_a_later_paragraph_falls_on_the_storys_day():
    texts = ["The plane crashed on June 30 at Addison.", "It took off at 9:11 am from runway 15."]
    times = [(e.text, e.value) for e in extract(texts, "2019-07-02") if e.type == "TIME"]
    assert times == [("9:11 am", "2019-06-30T09:11")]


def test_a_day_counted_from_an_event_in_a_present_clause_is_the_day_of_writing(
    spacy_pipeline, tmp_path
):
    pipeline, gazetteer = spacy_pipeline(tmp_path / "no-gazetteer.yaml")
    path = tmp_path / "arrests.txt"
    path.write_text(
        "The union voted on Nov. 12 to strike. The walkout began two days after the vote.\n\n"
        "The arrests come a day after the minister said the killers had been traced.\n",
        encoding="utf-8",
    )
    path.with_suffix(".yaml").write_text("title: Arrests\npublished: '2021-11-18'\n")
    _, assembled = machine_document(path, pipeline, gazetteer, SourceRegistry([]), tmp_path)
    assert [(d.expression.text, d.expression.value) for d in assembled.dates] == [
        ("Nov. 12", "2021-11-12"),
        ("two days after", "2021-11-14"),  # a dated event: counted from its day
        ("a day after", "2021-11-18"),  # the present clause's day, the event a day before
    ]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # The weekend just past, this one, or the next: TIMEX3 writes a week's end "-WE".
        ("Thieves shot him over the weekend.", "2022-02-23", [("weekend", "DATE", "2022-W07-WE")]),
        (
            "Talks will resume next weekend.",
            "2022-02-23",
            [("next weekend", "DATE", "2022-W08-WE")],
        ),
        ("The fair opens this weekend.", "2022-02-23", [("this weekend", "DATE", "2022-W08-WE")]),
        ("Rain fell over the weekend.", "2022-02-20", [("weekend", "DATE", "2022-W07-WE")]),
        # "the weekend of" names its own days.
        ("The weekend of talks ended badly.", "2022-02-23", []),
    ],
)
def test_a_weekend_is_the_week_end_in_context(text, published, expected):
    assert found(text, published) == expected


def test_a_date_counted_from_another_gives_the_date_and_the_length_counted(
    spacy_pipeline, tmp_path
):
    pipeline, gazetteer = spacy_pipeline(tmp_path / "no-gazetteer.yaml")
    path = tmp_path / "ferry.txt"
    path.write_text(
        "The ferry sank on March 3. Two days earlier, the crew had reported a leak.\n",
        encoding="utf-8",
    )
    path.with_suffix(".yaml").write_text("title: Ferry\npublished: '2024-05-01'\n")
    _, assembled = machine_document(path, pipeline, gazetteer, SourceRegistry([]), tmp_path)
    served = [date_item(record) for record in assembled.dates]
    assert [(d["text"], d["value"], d["duration"]) for d in served] == [
        ("March 3", "2024-03-03", None),
        ("Two days earlier", "2024-03-01", "P2D"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Minutes are counted from the clock time the text gave last.
        (
            "The plane crashed at 9:11 am on June 30. The tower had cleared it about one "
            "minute before the crash.",
            ("about one minute before", "TIME", "2019-06-30T09:10"),
        ),
        (
            "The alarm sounded at 10:40 p.m. on June 30. Police arrived 15 minutes later.",
            ("15 minutes later", "TIME", "2019-06-30T22:55"),
        ),
        # Seconds are finer than a value says.
        (
            "The plane crashed at 9:11 am on June 30. Three seconds before the crash, "
            "alerts sounded.",
            ("Three seconds before", "TIME", None),
        ),
    ],
)
def test_minutes_before_an_event_count_from_the_last_clock_time(text, expected):
    assert expected in found(text, "2019-07-02")


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # TIMEX3's unit for decades.
        ("The cup has been around for decades.", "2019-07-17", [("decades", "DURATION", "PXDE")]),
        # "for up to 12 hours before ...": a length, not a day counted back.
        (
            "It can be used for up to 12 hours before being emptied.",
            "2019-07-17",
            [("up to 12 hours", "DURATION", "PT12H")],
        ),
        # A dateline's weekday in capitals belongs to its date.
        (
            "WEDNESDAY, July 17, 2019 (Lindale Wire) -- Ferries are late.",
            "2019-07-17",
            [("WEDNESDAY, July 17, 2019", "DATE", "2019-07-17")],
        ),
        # Parts of the day of writing, or of one either side of it.
        (
            "Notice came this morning. Police arrived last night and leave tonight.",
            "2024-03-01",
            [
                ("this morning", "TIME", "2024-03-01TMO"),
                ("last night", "TIME", "2024-02-29TNI"),
                ("tonight", "TIME", "2024-03-01TNI"),
            ],
        ),
        # A past verb right before a weekday makes it the last such day.
        (
            "Tomas Berg is set to leave his job, the ministry informed Friday.",
            "2019-08-02",
            [("Friday", "DATE", "2019-08-02")],
        ),
        # ... but not a word ending in "ed" in a future clause.
        (
            "The talks will be held with those affected Friday.",
            "2019-08-07",
            [("Friday", "DATE", "2019-08-09")],
        ),
        # "that year" is the narrative's.
        (
            "The ruling came in 2004. The regulator fined the firm in March that year.",
            "2008-05-10",
            [("2004", "DATE", "2004"), ("March that year", "DATE", "2004-03")],
        ),
        # Noon of a named day; a quarter of the year after; a length no one counted.
        (
            "The shooting happened on Saturday noon.",
            "2019-01-20",
            [("Saturday noon", "TIME", "2019-01-19T12:00")],
        ),
        (
            "The firm could run out of money as early as next year's first quarter.",
            "2014-08-11",
            [("next year's first quarter", "DATE", "2015-Q1")],
        ),
        (
            "Losses will go on over the next few years.",
            "2014-08-11",
            [("next few years", "DURATION", "PXY")],
        ),
        # A range of days across two months.
        (
            "Talks ran December 28-January 3, 2024 in Accra.",
            "2024-02-01",
            [("December 28-January 3, 2024", "DATE", "2023-12-28/2024-01-03")],
        ),
    ],
)
def test_decades_lengths_datelines_ages_and_parts_of_days(text, published, expected):
    assert found(text, published) == expected


def test_a_decade_of_age_the_model_took_for_a_date_is_no_date():
    text = "Among them was a woman in her 60s."
    at = text.index("60s")
    spans = {0: [Span(at, at + 3, "60s")]}
    assert [e.text for e in extract([text], "1997-03-11", spans)] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A range of lengths is a length of no one size; "every" makes it a recurrence.
        (
            "She feared she would be held for 20 to 30 years.",
            [("20 to 30 years", "DURATION", "PXY")],
        ),
        ("Repairs will take 18-24 months.", [("18-24 months", "DURATION", "PXM")]),
        (
            "The filters are changed every four to 12 hours.",
            [("every four to 12 hours", "SET", "PTXH")],
        ),
        ("The council meets every two weeks.", [("every two weeks", "SET", "P2W")]),
        # A few, several: a length no one counted, wherever it stands.
        ("The ban could be cut to just a few months.", [("a few months", "DURATION", "PXM")]),
        ("The works will take several years.", [("several years", "DURATION", "PXY")]),
        # A half or a quarter of a year named by its place from the year of writing.
        (
            "Sales rose in the second quarter of last year.",
            [("second quarter of last year", "DATE", "2023-Q2")],
        ),
        (
            "Growth will slow in the second half of the year.",
            [("second half of the year", "DATE", "2024-H2")],
        ),
        (
            "Sales rose in the first half of this year.",
            [("first half of this year", "DATE", "2024-H1")],
        ),
        ("The days-long walkout stranded thousands.", [("days-long", "DURATION", "PXD")]),
        # A span of months of the year of writing; wire copy's clock time in GMT.
        (
            "A total of 7,356 cases were reported from January to July this year.",
            [("January to July this year", "DATE", "2024-01/2024-07")],
        ),
        (
            "The rocket lifted off on Sunday at 2:43 p.m. local time (0143 GMT).",
            [
                ("Sunday", "DATE", "2024-03-03"),
                ("2:43 p.m.", "TIME", "2024-03-03T14:43"),
                ("0143 GMT", "TIME", "2024-03-03T01:43"),
            ],
        ),
        ("Flight 1430 landed after 2018 laps.", [("2018", "DATE", "2018")]),
        # A length counted alone is still counted.
        ("He was jailed for two years.", [("two years", "DURATION", "P2Y")]),
    ],
)
def test_ranges_of_lengths_lengths_no_one_counted_and_parts_of_years(text, expected):
    assert found(text, "2024-03-05") == expected
