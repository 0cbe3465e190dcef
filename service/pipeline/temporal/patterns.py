"""The surface shapes of temporal expressions in English news, as one regular expression.

Alternatives are tried in order at each position: longer, more specific shapes first.
"""

import calendar
import re

from service.pipeline.lexicon.numbers import NUMBER_WORDS
from service.pipeline.lexicon.temporal import ABBREVIATED_MONTHS, MONTH_NUMBERS

_FULL = [name for name in calendar.month_name if name]
# "May" and "March" are words too: months are matched capitalised or in capitals only.
_SPELLINGS = [
    *_FULL,
    *(m.upper() for m in _FULL),
    *(rf"{a}\." for a in ABBREVIATED_MONTHS),
    *(rf"{a.upper()}\.?" for a in ABBREVIATED_MONTHS),
]
MONTH = "(?:" + "|".join(_SPELLINGS) + ")"
# "Dec 18": an abbreviation without its full stop, only where a day follows it.
BARE_ABBREVIATION = "(?:" + "|".join(ABBREVIATED_MONTHS) + r")(?=\s+\d)"
WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}
WEEKDAY = "(?:" + "|".join(calendar.day_name) + ")"
# "WEDNESDAY, July 17, 2019 (Lindale Wire) --": a dateline's weekday in capitals
ANY_WEEKDAY = "(?:" + "|".join([*calendar.day_name, *(d.upper() for d in calendar.day_name)]) + ")"


def trie(words) -> str:
    """Write a regular expression for any of some words as a trie ("t(?:en|wo)"): tried at
    every word of every paragraph, it fails at a letter where their alternation would try
    each word in turn."""
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: dict) -> str:
        branches = [re.escape(char) + render(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        inner = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{inner})?" if "" in node else inner

    return render(tree)


NUMBER = r"(?:(?<![\d,.])\d+(?![\d,.]\d)|(?i:" + trie(NUMBER_WORDS) + r")\b)"
UNIT = r"(?:hour|day|week|fortnight|month|year|decade)s?"
SEASON = r"(?i:spring|summer|fall|autumn|winter)"
YEAR = r"(?:1[89]\d\d|20\d\d)"
DAY = r"\d{1,2}(?:st|nd|rd|th)?"

# Every shape begins at the start of a word, or at "(" for "('98)": saying so up front
# lets the engine skip the middle of words instead of trying every shape there (5x faster).
PATTERN = re.compile(
    r"(?:\b(?=\w)|(?=\())(?:"
    + "|".join(
        [
            rf"(?P<day_range>(?P<dr_month>{MONTH})\s+(?P<dr_from>\d{{1,2}})\s*[-–]\s*"
            rf"(?:(?P<dr_month2>{MONTH})\s+)?(?P<dr_to>\d{{1,2}})(?:,?\s+(?P<dr_year>{YEAR}))?)\b",
            # "October 2017 to March 2018", "January-March 2023": a span of months
            rf"(?P<month_range>(?=[A-Z])(?P<mr_from>{MONTH})(?:,?\s+(?P<mr_from_year>{YEAR}))?\s*"
            rf"(?:to|until|till|through|[-–])\s*(?P<mr_to>{MONTH}),?\s+(?:(?P<mr_to_year>{YEAR})|"
            rf"(?P<mr_which>(?i:this|last))\s+year))\b",
            rf"(?P<day_date>(?:(?P<dd_part>(?i:early|late))\s+(?:on\s+)?)?(?:{ANY_WEEKDAY},\s+)?(?P<dd_month>{MONTH}|{BARE_ABBREVIATION})\s+(?P<dd_day>{DAY})"
            rf"(?:,?\s+(?:of\s+)?(?P<dd_year>{YEAR}))?)\b",
            rf"(?P<day_first>(?P<df_day>{DAY})\s+(?:of\s+)?(?P<df_month>{MONTH})"
            rf"(?:,?\s+(?P<df_year>{YEAR}))?)\b",
            rf"(?<=\band\s)(?P<coordinated>(?P<co_day>{DAY}),?\s+(?P<co_year>{YEAR}))\b",
            rf"(?P<season>(?P<s_name>{SEASON})\s+(?:of\s+)?(?P<s_year>{YEAR}))\b",
            # "the fall of Kabul", "the fall in prices" are no season.
            rf"(?P<deictic_season>(?P<ds_which>(?i:last|this|next|that|the))\s+(?P<ds_name>{SEASON}))"
            rf"\b(?!\s+(?:of|in|to|on|from)\b)",
            rf"(?P<edge>(?:the\s+)?(?P<eg_which>end|beginning|start|middle)\s+of\s+"
            rf"(?:(?P<eg_month>{MONTH})(?:\s+(?P<eg_year>{YEAR}))?|the\s+(?P<eg_unit>year|month)))\b",
            rf"(?P<half>(?:the\s+)?(?P<h_which>first|second)\s+half\s+of\s+"
            rf"(?:(?P<h_year>{YEAR})|(?P<h_rel>(?i:the|this|last|next))\s+year))\b",
            rf"(?P<quarter>(?:the\s+|(?P<q_rel>(?i:next|last|this))\s+year['’]s\s+)?"
            rf"(?P<q_which>first|second|third|fourth)[\s-]quarter"
            rf"(?:\s+of\s+(?:(?P<q_year>{YEAR})|(?P<q_of>(?i:the|this|last|next))\s+year))?)\b",
            rf"(?P<part_year>(?P<py_part>(?i:early|mid|late))[\s-]+(?P<py_year>{YEAR}))\b",
            rf"(?P<month_date>(?:(?P<md_which>(?i:last|next|this))\s+)?"
            rf"(?:(?P<md_part>(?i:early|mid|late))[\s-]+)?(?P<md_month>{MONTH})"
            rf"(?:,?\s+(?:of\s+)?(?P<md_year>{YEAR}|this year|last year|that year))?)(?!\w)",
            # "this morning", "yesterday afternoon", "last night", "tonight": a part of a day
            r"(?P<day_part>(?P<dp_which>(?i:this|yesterday|tomorrow|last))\s+"
            r"(?P<dp_part>morning|afternoon|evening|night)|(?P<dp_tonight>(?i:tonight)))\b",
            r"(?P<today>(?:(?P<td_part>(?i:early|late))\s+)?(?P<td_word>(?i:today|yesterday|tomorrow)))\b",
            r"(?P<that_unit>(?i:that|the same)\s+(?P<tu_unit>year|month))(?![-\w])",
            rf"(?P<weekday>(?:(?P<wd_which>(?i:last|next|this|coming))\s+|"
            rf"(?P<wd_early>(?i:early|late))\s+(?:on\s+)?)?(?P<wd_name>{WEEKDAY})"
            r"(?:\s+(?P<wd_part>morning|afternoon|evening|night|noon|midnight))?)\b",
            # "over the weekend", "next weekend"
            r"(?P<weekend>(?:(?P<we_which>(?i:last|this|next|coming))\s+|(?<=\bthe\s))weekend)\b(?!\s+of\b)",
            r"(?P<decade>(?:the\s+)?(?P<dc_year>1[89]\d0|20\d0)s)\b",
            rf"(?P<range>(?P<r_from>{YEAR})\s*[-–]\s*(?P<r_to>{YEAR}))\b",
            # A rate: "$400,000 a year", "three days a week", "twice a month". A quantity is
            # matched but left out of the span ("four million tonnes of coal a year"); a
            # frequency or a length of time stays in it ("twice a week", "three days a week").
            rf"(?:(?=(?:once|twice)\s)|(?<=\d\s)|(?P<rt_count>{NUMBER})\s+"
            r"(?:(?:hundred|thousand|million|billion)\s+)?(?:(?P<rt_thing>[a-z]+)\s+)?"
            r"(?:of\s+[a-z]+\s+)?(?=a\s|per\s))(?P<rate>(?:(?:once|twice)\s+)?(?:a|per)\s+"
            r"(?P<rt_per>day|week|month|year))\b(?!\s+(?:later|ago|earlier|prior|after|before))",
            # "two days after", "three years ago"; "about one minute before the crash": a
            # moment of one event (an offset rule of its own, see clock)
            rf"(?<!\bfor\s)(?<!\bup\sto\s)(?P<offset>(?P<o_n>{NUMBER})\s+(?P<o_unit>{UNIT}|seconds?|minutes?)\s+"
            rf"(?P<o_dir>later|earlier|prior|after|before|ago))\b",
            r"(?P<relative>(?:(?i:the)\s+(?P<rl_which>(?i:next|following|previous))|"
            r"(?P<rl_following>(?i:following)))\s+(?P<rl_unit>day|week|month|year)(?!s))\b",
            r"(?P<unit_before>(?i:the)\s+(?P<ub_unit>day|week|month|year)\s+(?P<ub_dir>before|after))\b(?!\s+\w+\s+(?:the|a)\b)",
            r"(?P<deictic>(?:(?P<d_part>(?i:early|mid|late))[\s-]+|(?i:earlier|later)\s+)?"
            r"(?P<d_which>(?i:last|this|next))"
            r"\s+(?P<d_unit>week|month|year))\b",
            rf"(?P<period>(?:(?i:the)\s+)?(?P<p_which>past|last|previous|next|coming)\s+"
            rf"(?:(?P<p_n>{NUMBER})\s+|(?P<p_few>few|several)\s+)?(?P<p_unit>{UNIT}))\b",
            # "44 days", "about 48 hours"; "20 to 30 years", a length of no one size; "every
            # four to 12 hours", a recurrence
            rf"(?P<duration>(?:(?P<du_every>(?i:every))\s+)?(?:(?P<du_mod>about|around|almost|"
            rf"nearly|roughly|some|more than|less than|at least|over|up to)\s+)?"
            rf"(?:(?P<du_from>{NUMBER})\s*(?:to|or|-|–)\s*)?(?P<du_n>{NUMBER})[\s-]+"
            rf"(?:(?:consecutive|straight|successive)\s+)?(?P<du_unit>{UNIT})(?:-long\b)?)\b(?!-old)",
            # "for years", "within hours", "after years of": a length no one counted
            r"(?:(?<=\bfor\s)|(?<=\bwithin\s)|(?<=\bover\s)|(?<=\bafter\s))(?P<vague_length>(?:(?i:several|many)\s+)?"
            r"(?P<vl_unit>hours|days|weeks|months|years|decades))\b(?!\s+(?:ago|later|earlier|prior)\b)"
            r"(?!\s+of\s+(?:the|a|an|this|that|his|her|its|their)\b)",
            # "the days-long walkout", "a few months", "several years": lengths no one counted
            r"(?P<long_length>(?P<ll_unit>hours|days|weeks|months|years|decades)-long)\b",
            r"(?P<few_length>(?i:a\s+few|several|a\s+couple\s+of)\s+"
            r"(?P<fl_unit>hours|days|weeks|months|years|decades))\b"
            r"(?!\s+(?:ago|later|earlier|prior|before|after)\b)",
            r"(?P<set>daily|weekly|monthly|quarterly|yearly|annually|every\s+(?P<set_unit>day|week|month|year))\b",
            r"\((?P<class_year>[‘’'](?P<cy>\d\d))\)",
            # Clock times: "10:40 p.m. CST", "7:30 a.m.", "5 a.m.", "12:00pm", "09:13", "noon"
            r"(?P<clock>(?:(?P<ck_hour>\d{1,2})(?::(?P<ck_minute>[0-5]\d))?\s?(?P<ck_half>[AaPp])(?:\.\s?[Mm]\.|\s?[Mm]\b)"
            r"|(?P<ck_hour24>[01]?\d|2[0-3]):(?P<ck_minute24>[0-5]\d)(?![\d:])"
            # wire copy's "(0143 GMT)"
            r"|(?<![\d,.])(?P<ck_wire_hour>[01]\d|2[0-3])(?P<ck_wire_minute>[0-5]\d)(?=\s+(?:GMT|UTC)\b)"
            r"|(?P<ck_word>(?i:noon|midnight)))(?:\s+(?P<ck_zone>[A-Z]{2,4}T|GMT|UTC))?)(?!\w)",
            # "2022-05-14"; "14.05.2022", "5/4/2022": day and month in either order
            rf"(?<![\d./-])(?P<iso_date>(?P<id_year>{YEAR})-(?P<id_month>\d\d)-(?P<id_day>\d\d))(?![\d-])",
            rf"(?<![\d./-])(?P<numeric_date>(?P<nd_a>\d{{1,2}})(?P<nd_sep>[./])(?P<nd_b>\d{{1,2}})"
            rf"(?P=nd_sep)(?P<nd_year>{YEAR}))(?![\w./])",
            rf"(?<![\d-])(?P<year>{YEAR})(?![\d-])",
        ]
    )
    + ")"
)
FUTURE = re.compile(
    r"\b(?:will|won't|shall|'ll|going to|due to|expected to|set to|plans? to|scheduled|"
    r"upcoming|expects?|forecasts?)\b",
    re.IGNORECASE,
)
CONDITIONAL = re.compile(r"\bwould\b", re.IGNORECASE)
PAST_PREPOSITION = re.compile(r"\b(?:since|last|earlier|ago)\s+$", re.IGNORECASE)
# A reporting verb in the past right before the day: "..., the ministry informed Friday",
# "was told on Monday" (a past report in a clause whose words before it are future).
PAST_REPORT_BEFORE = re.compile(
    r"\b(?:said|told|informed|announced|reported|confirmed|stated|added|wrote|disclosed)"
    r"\s+(?:on\s+)?$",
    re.IGNORECASE,
)
# A date named as a deadline: "by a December 26 deadline" ("should have left by April"
# is past all the same).
DEADLINE = re.compile(r"\s+deadline\b", re.IGNORECASE)
FUTURE_PREPOSITION = re.compile(r"\b(?:before|ahead of)\s+(?:the\s+)?$", re.IGNORECASE)
# Where a clause begins: its own verb, not the main one, sets an expression's tense.
CLAUSE = re.compile(r"[;:—–(]|\b(?:that|which|who|as|because|while|but)\b", re.IGNORECASE)
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[\"“‘(]?[A-Z0-9])")


def month_number(word: str) -> int:
    """Read a month name, capitalised, in capitals or abbreviated."""
    return MONTH_NUMBERS[word.lower().rstrip(".")]


def number(word: str) -> int:
    """Read a numeral written in digits or words."""
    return int(word) if word.isdigit() else NUMBER_WORDS[word.lower()]


def sentence_bounds(text: str, at: int) -> tuple[int, int]:
    """Return the sentence of a paragraph text around a position, split at sentence ends."""
    start, end = 0, len(text)
    for boundary in SENTENCE_END.finditer(text):
        if boundary.end() <= at:
            start = boundary.end()
        elif boundary.start() >= at:
            end = boundary.start()
            break
    return start, end


def tense(text: str, at: int) -> str:
    """Tell the tense an expression is read in: "future", "conditional" or "past".

    Only the words of its sentence before it count: "said on Tuesday that it will"
    reports a past Tuesday, "will meet on Tuesday" a coming one; "would" (reported
    plans, or a past habit) takes whichever date is nearer.
    """
    before = text[sentence_bounds(text, at)[0] : at]
    if PAST_PREPOSITION.search(before) or PAST_REPORT_BEFORE.search(before):
        return "past"
    clause = before[max([0, *(m.end() for m in CLAUSE.finditer(before))]) :]
    if FUTURE.search(clause):
        return "future"
    if CONDITIONAL.search(clause):
        return "conditional"
    return "future" if FUTURE_PREPOSITION.search(before) else "past"
