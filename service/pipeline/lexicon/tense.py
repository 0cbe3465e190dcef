"""Words that put a clause in the future: auxiliaries, and verbs whose complement is to come."""

FUTURE_AUXILIARIES = {"will", "shall", "'ll", "wo"}
# Verbs whose infinitive complement is still to happen: "plans to open in May".
FUTURE_HEADS = {
    "plan",
    "expect",
    "aim",
    "promise",
    "intend",
    "hope",
    "want",
    "schedule",
    "set",
    "ask",
    "agree",
    "pledge",
    "vow",
    "prepare",
    "propose",
    # directions: "ordered the pilots to return to work by Wednesday"
    "order",
    "urge",
    "direct",
    "instruct",
    "tell",
}
# Participles that put what they describe ahead: "the summit scheduled for May"; others
# ("a test carried out in May", "the compensation promised in November") are past.
LATER_PARTICIPLES = {"schedule", "set", "plan", "slate", "expect", "due"}
# Modals that look ahead or hedge: a date in their clause is the nearer one either way.
MODAL_AUXILIARIES = {"would", "should", "must", "could", "may", "might"}
