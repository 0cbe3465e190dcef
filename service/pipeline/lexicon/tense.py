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
}
# Modals that look ahead or hedge: a date in their clause is the nearer one either way.
MODAL_AUXILIARIES = {"would", "should", "must", "could", "may", "might"}
