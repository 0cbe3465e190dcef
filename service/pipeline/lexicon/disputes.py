"""Words of dispute, denial and doubt, and of states that contradict each other."""

import re

DISPUTE_VERBS = {
    "deny",
    "dispute",
    "reject",
    "refute",
    "contradict",
    "contest",
    "counter",
    "dismiss",
    "challenge",
    "rebut",
}
# Works a dispute may take on by name, and the beginnings of the cues that report them:
# "rejected the judgement" answers what a court "ruled" or "declared", "dismissed the
# claims" what was claimed or alleged. ("The report" could be anyone's: what it answers is
# found by its words.)
DISPUTED_WORKS = {
    "ruling": ("rul",),
    "judgement": ("rul", "judg", "declar", "affirm", "held", "hold", "found", "find"),
    "judgment": ("rul", "judg", "declar", "affirm", "held", "hold", "found", "find"),
    "verdict": ("rul", "found", "find", "declar", "convict"),
    "decision": ("decid", "rul", "declar"),
    "findings": ("found", "find", "conclud", "show"),
    "conclusions": ("conclud", "found", "find"),
    "allegation": ("alleg", "accus", "claim", "charg"),
    "allegations": ("alleg", "accus", "claim", "charg"),
    "accusation": ("accus", "alleg"),
    "accusations": ("accus", "alleg"),
    "claim": ("claim", "alleg", "accus"),
    "claims": ("claim", "alleg", "accus"),
    "charges": ("charg", "accus", "alleg"),
}
# Words that follow what they deny: "the figure was invented", "the meeting was called off".
AFTER_WHAT_THEY_DENY = {
    "false",
    "untrue",
    "invented",
    "fabricated",
    "disinformation",
    "cancelled",
    "canceled",
    "called off",
}
# Words that cast doubt on an account without denying it.
DOUBT = re.compile(
    r"\b(?:left out|leaves? out|leaving out|underestimat|overestimat|understat|overstat|"
    r"exaggerat|inflat|wrong|inaccurate|misleading|flawed|undercount|overcount|ignor|forgot|"
    r"omit|incomplete|questioned|challenged|too (?:low|high))"
)
# Words of one state and of its opposite: a claim with one and a claim with the other,
# about the same thing, contradict.
OPPOSITES = (
    ({"open", "opened", "reopened", "passable", "unhindered", "freely", "moving"},
     {"closed", "blockaded", "blocked", "blockade", "shut", "sealed", "cut"}),
    ({"met", "held", "took"}, {"cancelled", "canceled", "postponed"}),
    ({"rose", "rise", "increase", "increased", "grew"},
     {"fell", "fall", "decrease", "decreased", "dropped"}),
)  # fmt: skip
