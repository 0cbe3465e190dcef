"""Temporal expressions in news: each shape with its publication date, table-driven."""

import pytest
import yaml

from service.evaluation.dates import locate
from service.pipeline.nlp.pipeline import analyse
from service.pipeline.records import ParagraphInput
from service.pipeline.temporal.extract import extract
from tests.support.corpus import ROOT

NEWS = ROOT / "tests" / "data" / "news"


def found(text: str, published: str | None) -> list[tuple[str, str, str | None]]:
    return [(e.text, e.type, e.value) for e in extract([text], published)]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # Weekdays: past tense is the latest on or before writing, future the next one.
        ("The ministry said on Tuesday it was ready.", "2024-04-10", [("Tuesday", "DATE", "2024-04-09")]),
        ("A statement issued on Sunday said so.", "2024-04-10", [("Sunday", "DATE", "2024-04-07")]),
        ("Officials said on Wednesday it was over.", "2024-04-10", [("Wednesday", "DATE", "2024-04-10")]),
        ("The council will meet on Friday.", "2024-04-10", [("Friday", "DATE", "2024-04-12")]),
        ("Talks resume next Tuesday.", "2024-04-10", [("next Tuesday", "DATE", "2024-04-16")]),
        # Relative days count from the narrative's last full date.
        ("On March 3 the vote was held. The agency reported the next day.", "2024-04-10",
         [("March 3", "DATE", "2024-03-03"), ("next day", "DATE", "2024-03-04")]),
        ("The vote was on 3 March 2024. A day later the count ended.", "2024-04-10",
         [("3 March 2024", "DATE", "2024-03-03"), ("A day later", "DATE", "2024-03-04")]),
        ("The vote was on 3 March 2024; the strike began two days after the vote.", "2024-04-10",
         [("3 March 2024", "DATE", "2024-03-03"), ("two days after", "DATE", "2024-03-05")]),
        ("It sank on 9 March 2021. The following week, divers arrived.", "2024-05-19",
         [("9 March 2021", "DATE", "2021-03-09"), ("following week", "DATE", "2021-W11")]),
        # Months without a year: the latest before writing, the coming one in the future.
        ("In 2019 the law passed. Crowds grew. In December, protesters began a sit-in.",
         "2024-04-15", [("2019", "DATE", "2019"), ("December", "DATE", "2023-12")]),
        ("Officials say the talks will resume in April.", "2024-03-20", [("April", "DATE", "2024-04")]),
        # Abbreviations and datelines in capitals.
        ("On Feb. 28 the border closed.", "2022-07-14", [("Feb. 28", "DATE", "2022-02-28")]),
        ("KYIV, MARCH 3 (Wire) - Shelling resumed.", "2022-03-03", [("MARCH 3", "DATE", "2022-03-03")]),
        ("Sept. 14 was the last day.", "2022-10-01", [("Sept. 14", "DATE", "2022-09-14")]),
        # Coordination and ranges.
        ("Talks on December 3 and 7, 2022 failed.", "2023-01-10",
         [("December 3", "DATE", "2022-12-03"), ("7, 2022", "DATE", "2022-12-07")]),
        ("Output fell in 1992-1994.", "2023-01-10", [("1992-1994", "DATE", "1992/1994")]),
        ("The summit ran on September 19-20.", "2023-10-01",
         [("September 19-20", "DATE", "2023-09-19/2023-09-20")]),
        # Seasons and spans.
        ("Work will begin before the summer.", "2023-03-16", [("summer", "DATE", "2023-SU")]),
        ("A ruling is due within a fortnight.", "2023-03-16", [("a fortnight", "DURATION", "P2W")]),
        ("In an interview last week, she spoke.", "2023-03-16", [("last week", "DATE", "2023-W10")]),
        ("Prices peaked in the 1990s and in early 2022.", "2023-03-16",
         [("1990s", "DATE", "199"), ("early 2022", "DATE", "2022")]),
        ("The plant will close at the end of June.", "2025-03-11",
         [("end of June", "DATE", "2025-06")]),
        ("Exports fell in the first half of 2023.", "2023-08-16", [("first half of 2023", "DATE", "2023-H1")]),
        ("It costs $400,000 a year and runs three days a week.", "2025-02-27",
         [("a year", "SET", "P1Y"), ("three days a week", "SET", "P1W")]),
        ("Culling began late yesterday; the border shut today.", "2019-11-21",
         [("late yesterday", "DATE", "2019-11-20"), ("today", "DATE", "2019-11-21")]),
        ("The fund was set up fifty years ago.", "2019-03-18", [("fifty years ago", "DATE", "1969")]),
    ],
)  # fmt: skip
def test_news_shapes_resolve_against_the_publication_date(text, published, expected):
    assert found(text, published) == expected


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("Tane, who turns 58 in April, keeps driving.", "2025-02-27", "2025-04"),
        ("The ministry said on Tuesday that talks would resume in April.", "2023-03-16", "2023-04"),
        ("Russia failed them, as they believe, in September.", "2023-10", "2023-09"),
        (
            "He recorded the tonnes of maize leaving the country in January.",
            "2023-08-16",
            "2023-01",
        ),
    ],
)
def test_the_parse_gives_the_tense_of_the_clause_around_a_month(
    spacy_pipeline, text, published, value
):
    pipeline, gazetteer = spacy_pipeline(ROOT / "nowhere")
    [analysis] = analyse(pipeline, gazetteer, [ParagraphInput(text, "body", "d")])
    months = extract([text], published, {0: analysis.date_spans}, {0: analysis.clauses})
    assert [e.value for e in months if e.rule == "month_date"] == [value]


def test_a_fallback_parse_decades_away_is_rejected():
    from service.pipeline.records import Span

    text = "Shifts ran 12 40 at the depot."
    assert extract([text], "2022-07-14", {0: [Span(11, 16, "12 40")]}) == []


def test_without_a_publication_date_relative_values_stay_null_and_say_why():
    [weekday, offset] = extract(["He said on Tuesday that it ended three years ago."], None)
    assert (weekday.value, offset.value) == (None, None)
    assert "publication date" in weekday.extra["unresolved"]


def test_a_month_precise_publication_date_leaves_weekdays_unresolved():
    [weekday] = extract(["The ministry said on Tuesday it was ready."], "2024-04")
    assert weekday.value is None and "day of publication" in weekday.extra["unresolved"]


def test_no_value_outside_1900_to_2030_unless_the_text_writes_it():
    for gold in sorted(NEWS.glob("*.gold.yaml")):
        document = gold.name.removesuffix(".gold.yaml")
        text = (NEWS / f"{document}.txt").read_text(encoding="utf-8")
        published = yaml.safe_load((NEWS / f"{document}.yaml").read_text())["published"]
        for expression in extract(text.split("\n\n"), str(published)):
            if expression.earliest and not 1900 <= expression.earliest.year <= 2030:
                assert str(expression.earliest.year) in expression.text


@pytest.mark.slow
def test_the_development_set_builds_and_serves_its_gold_dates(news_client):
    right = total = 0
    for gold_path in sorted(NEWS.glob("*.gold.yaml")):
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
        document = gold["document"]
        source = news_client.get(f"/v1/documents/{document}/text").text.replace("\u00a0", " ")
        paragraphs = {
            p["id"]: p["start"]
            for p in news_client.get(f"/v1/paragraphs?document={document}&limit=500").json["items"]
        }
        served = {
            (paragraphs[d["paragraph_id"]] + d["end"]): (d["type"], d["value"])
            for d in news_client.get(f"/v1/dates?document={document}&limit=500").json["items"]
        }
        for item in gold["dates"]:
            end = locate(source, item["text"], item.get("occurrence", 1)) + len(item["text"])
            total += 1
            right += served.get(end) == (item["type"], str(item["value"]))
    assert total >= 100
    assert right / total >= 0.95, f"{right}/{total} gold dates served with their value"


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Theresa May said so.", "2024-04-10", []),
        ("Thousands March in Lima.", "2024-04-10", []),
        ("The fall in prices hit the fall of Kabul.", "2024-04-10", []),
        ("He said that year-on-year inflation fell.", "2024-04-10", []),
        ("Settled 10,000 years ago.", "2024-04-10", []),
        ("The attack on April 25 killed two.", "2024-04-10", [("April 25", "DATE", "2023-04-25")]),
        ("(’99)", "2024-04-10", [("’99", "DATE", "1999")]),
        ("The river flooded this spring.", "2024-07-20", [("this spring", "DATE", "2024-SP")]),
        ("The storm hit in 2021. The following day, it ended.", "2024-04-10",
         [("2021", "DATE", "2021"), ("following day", "DATE", None)]),
        ("The temple was built 5000 years ago.", "2024-04-10", [("5000 years ago", "DATE", None)]),
        ("About 1850 workers and more than 2000 troops came.", "2024-04-10", []),
        ("It began in 2021. At the end of the month, it ended.", "2024-04-10",
         [("2021", "DATE", "2021"), ("end of the month", "DATE", "2024-04")]),
    ],
)  # fmt: skip
def test_words_that_only_look_like_dates_are_not_dated(text, published, expected):
    assert found(text, published) == expected
