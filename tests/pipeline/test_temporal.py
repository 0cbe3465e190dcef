"""Temporal expressions: finding, normalising, anchoring and checking them."""

from datetime import date

import pytest

from service.pipeline.records import Span
from service.pipeline.segment import segment
from service.pipeline.temporal.checks import consistency_checks
from service.pipeline.temporal.extract import extract
from tests.support.corpus import DOC_ID, ROOT


def only(text: str, published: str | None = "2023-10"):
    """Extract from one paragraph and return its single expression."""
    [expression] = extract([text], published)
    return expression


@pytest.mark.parametrize(
    ("text", "found", "type_", "value", "mod"),
    [
        ("signed in 2020 that", "2020", "DATE", "2020", None),
        ("In the Fall of 2022, the deal", "Fall of 2022", "DATE", "2022-FA", None),
        (
            "escalated on December 12th of 2022, when",
            "December 12th of 2022",
            "DATE",
            "2022-12-12",
            None,
        ),
        ("ending on April 28th, 2023.", "April 28th, 2023", "DATE", "2023-04-28", None),
        ("up until September of 2023 was", "September of 2023", "DATE", "2023-09", None),
        ("was detained in late September.", "late September", "DATE", "2023-09", "END"),
        ("the 44 days long war", "44 days", "DURATION", "P44D", None),
        (
            "a siege that would last about 48 hours.",
            "about 48 hours",
            "DURATION",
            "PT48H",
            "APPROX",
        ),
        ("the First War (1988-1994).", "1988-1994", "DURATION", "P6Y", None),
        ("for the three years of its existence", "three years", "DURATION", "P3Y", None),
        ("publishes a weekly article", "weekly", "SET", "P1W", None),
        ("Dominic Brunaccioni (‘23) is", "‘23", "DATE", "2023", None),
        ("The Second War, fought three years ago, was", "three years ago", "DATE", "2020", None),
        ("maneuvers like last month and", "last month", "DATE", "2023-09", None),
        ("until September of this year, and", "September of this year", "DATE", "2023-09", None),
    ],
)
def test_expressions_are_found_and_normalised(text, found, type_, value, mod):
    expression = only(text)
    assert (expression.text, expression.type, expression.value, expression.mod) == (
        found,
        type_,
        value,
        mod,
    )
    assert text[expression.start : expression.end] == found


def test_month_without_year_takes_the_year_of_its_paragraph():
    _, second, third = extract(
        ["In the Fall of 2022, it was ceded in August. In September, it was altered."], "2023-10"
    )
    assert (second.value, second.anchor) == ("2022-08", 0)
    assert (third.value, third.anchor) == ("2022-09", 1)


def test_day_without_year_takes_the_latest_before_publication():
    expression = only("On October 9th, Galuzin criticized", "2023-10")
    assert (expression.value, expression.anchor) == ("2023-10-09", "published")
    assert only("On November 9th, he said", "2023-10").value == "2022-11-09"


def test_offset_counts_from_the_date_before_it():
    _, offset = extract(
        ["Agreeing on September 9th, just 10 days later the army crossed."], "2023-10"
    )
    assert offset.value == "2023-09-19" and offset.anchor == 0
    assert offset.earliest == offset.latest == date(2023, 9, 19)


def test_last_week_is_bounded_by_the_latest_day_the_text_reports():
    expressions = extract(
        ["On October 9th, Galuzin spoke.", "A statement came last week."], "2023-10"
    )
    last_week = expressions[-1]
    assert last_week.value == "2023-10"
    assert (last_week.earliest, last_week.latest) == (date(2023, 10, 2), date(2023, 10, 29))


def test_relative_expressions_without_a_publication_date_stay_unresolved():
    expression = only("fought three years ago", None)
    assert expression.value is None and expression.anchor is None


def test_the_article_has_every_expression_with_its_value():
    source = (ROOT / "source_text" / f"{DOC_ID}.txt").read_text(encoding="utf-8")
    texts = [p.served_text for p in segment(source)]
    values = [e.value for e in extract(texts, "2023-10")]
    assert len(values) == 36
    assert values[:5] == ["2020", "P44D", "1991", "1994", "2020"]
    assert "2022-FA" in values and "PT48H" in values and "2023-09-19" in values


def test_stated_duration_is_checked_against_the_dates_around_it():
    texts = [
        "But the situation escalated on December 12th of 2022, when protests began.",
        "The blockade continued for 137 days, ending on April 28th, 2023.",
    ]
    expressions = extract(texts, "2023-10")
    sentences = {0: [(0, len(texts[0]))], 1: [(0, len(texts[1]))]}
    [check] = consistency_checks(expressions, sentences)
    assert check["kind"] == "duration" and check["agrees"] is True
    assert (check["stated"], check["computed"]) == ("P137D", "P137D")


def test_a_duration_that_disagrees_is_reported():
    texts = [
        "It began on December 12th of 2022.",
        "It lasted 100 days, ending on April 28th, 2023.",
    ]
    sentences = {0: [(0, len(texts[0]))], 1: [(0, len(texts[1]))]}
    [check] = consistency_checks(extract(texts, "2023-10"), sentences)
    assert check["agrees"] is False and check["computed"] == "P137D"


def test_offset_check_compares_with_the_next_date_given():
    texts = [
        "Agreeing on September 9th, just 10 days later they crossed.",
        "He was detained in late September.",
    ]
    sentences = {0: [(0, len(texts[0]))], 1: [(0, len(texts[1]))]}
    [check] = consistency_checks(extract(texts, "2023-10"), sentences)
    assert (
        check["kind"] == "offset" and check["agrees"] is True and check["computed"] == "2023-09-19"
    )


def test_day_first_dates_are_read():
    expression = only("It opened on 5 March 2019.", "2019-08")
    assert (expression.text, expression.value) == ("5 March 2019", "2019-03-05")


def test_dates_the_model_finds_and_the_rules_miss_go_to_dateparser():
    text = "The file was released 03-05-2019 in full."  # dashes and the year last: no rule
    assert extract([text], "2019-08") == []
    span = Span(22, 32, "03-05-2019")
    [expression] = extract([text], "2019-08", {0: [span]})
    assert (expression.value, expression.rule) == ("2019-03-05", "dateparser")


@pytest.mark.parametrize(
    "text, expected",
    [
        # A shape begins at the start of a word: no "ten days later" inside "often days".
        ("He would often days later change his mind.", []),
        ("It was done twice a week.", ["twice a week"]),
        # A year glued to letters is a label, not a date.
        ("The FY2024 budget passed.", []),
        ("The class of ('98) met.", ["'98"]),
    ],
)
def test_expressions_begin_at_a_word(text, expected):
    found = extract([text], "2024-05-01")
    assert [e.text for e in found] == expected
