"""Hedges: the words and phrases that keep a claim at a distance ("reportedly", "so-called")."""

HEDGE_WORDS = {
    "allegedly",
    "reportedly",
    "supposedly",
    "apparently",
    "purportedly",
    "supposed",
    "alleged",
    "unofficial",
    "likely",
    "may",
    "might",
    "perhaps",
    "could",
    "possibly",
    "probably",
}
HEDGE_PHRASES = ("self-described", "so-called", "more or less", "one could argue")
# Verbs of seeming before "to": "the talks seemed to stall", "it appears to have failed".
SEEMING_VERBS = {"seem", "appear"}
# "The dam reportedly burst", "it was revealed that ...": reported, by nobody in particular.
REPORTEDLY = {"reportedly"}
AGENTLESS_VERBS = (
    "reported",
    "revealed",
    "announced",
    "claimed",
    "alleged",
    "understood",
    "learned",
    "learnt",
    "believed",
    "said",
    "rumoured",
    "rumored",
)
