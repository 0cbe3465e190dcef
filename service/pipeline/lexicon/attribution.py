"""Words of reporting: the verbs and nouns that cue a report, and the words about its source."""

REPORTING_VERBS = {
    "say",
    "report",
    "announce",
    "claim",
    "deny",
    "criticize",
    "criticise",
    "condemn",
    "state",
    "warn",
    "accuse",
    "cite",
    "suspect",
    "believe",
    "argue",
    "insist",
    "allege",
    "tell",
    "confirm",
    "declare",
    "assert",
    "release",
    "petition",
    "add",
    "write",
    "dispute",
    "reject",
    "reiterate",
    "stress",
    "explain",
    "note",
    "acknowledge",
    "promise",
    "admit",
    "concede",
    "maintain",
    "contend",
    "emphasise",
    "emphasize",
    "reveal",
    "disclose",
    "recall",
    "reply",
    "respond",
    "counter",
    "refute",
    "estimate",
    "predict",
    "tweet",
    "post",
    "describe",
    "complain",
    "urge",
    "implore",
    "exhort",
    "pledge",
    "vow",
    "forecast",
    "testify",
    "calculate",
    "record",
}
# Verbs that report only with a clause of content: "found that ...", "expects ... to".
WEAK_VERBS = {
    "find",
    "think",
    "expect",
    "suggest",
    "indicate",
    "fear",
    "hope",
    "know",
    "conclude",
    "put",
    # findings and rulings: "the court ruled that", "the board determined that"
    "rule",
    "determine",
    "observe",
    "inform",
}
# Verbs that report a figure someone arrived at: "police have counted three deaths".
COUNTING_VERBS = {"count", "register", "tally", "log", "document", "total", "put", "find", "show"}
# Verbs that report words only with a clause or words for an object: "rejected the report"
# reports a denial, "rejected the proposals" and "announced recalls" report acts.
ACT_VERBS = {
    "announce",
    "reveal",
    "release",
    "disclose",
    "reject",
    "deny",
    "pledge",
    "promise",
    "confirm",
    "post",
}
# Objects that are someone's words: "denied the report", "rejected that account".
WORDS_NOUNS = {
    "report",
    "reports",
    "claim",
    "account",
    "allegation",
    "accusation",
    "charge",
    "figure",
    "statement",
    "story",
    "rumour",
    "rumor",
    "suggestion",
    "assertion",
    "version",
    "finding",
    "characterisation",
    "characterization",
    "description",
    "estimate",
    "assessment",
    "idea",
    "notion",
    "interpretation",
    "narrative",
    "speculation",
    "criticism",
}
# Passives that hand their subject to the report under them: "she was quoted as saying",
# "he is reported to have said" ("was expected to say" is no report).
QUOTING_PASSIVES = {"quote", "report", "say"}
# What stands between reported words and a speaker named after the verb ("..., said FIFA").
INVERSION_MARKS = {",", "”", '"', "’", "'"}
REPORTING_NOUNS = {
    "report",
    "statement",
    "accusation",
    "warning",
    "claim",
    "allegation",
    "rumour",
    "rumor",
    "denial",
    "post",
    "posts",
}
# Words that make a source collective, and so vague: "many hands", "multiple accusations".
QUANTIFIERS = {"many", "multiple", "some", "several", "various", "numerous", "most"}
# "One could argue", "we believe": the author hedging, not someone else speaking.
GENERIC_SUBJECTS = {"one", "i", "we", "you"}
RELATIVE_PRONOUNS = {"that", "which", "who", "whom"}
PERSONAL = {"he", "she", "him", "her"}
PLURAL = {"they", "them"}
# Words before a name that put it where places stand: "in Suceava" is no one's name.
PLACE_PREPOSITIONS = {
    "in",
    "at",
    "near",
    "from",
    "to",
    "of",
    "across",
    "around",
    "outside",
    "inside",
    "into",
    "through",
}
# Verbs of communication whose "that" clause reports no one's words: "this meant that",
# "keep in mind that", "convince Baku that"; "show" reports only a document's findings.
# Answers not given say nothing: "did not immediately respond", "has not replied".
ANSWERING_VERBS = {"respond", "reply", "answer", "comment", "return"}
NOT_TELLING = {"mean", "keep", "convince", "persuade", "call", "ask", "show", "signal", "bet"}
# Counts that show what their compiler found: "council figures show that".
EVIDENCE_NOUNS = {"figure", "data", "record", "statistic", "number"}
# "expressed confidence that ...", "voiced concern that ...": a stance voiced is a report.
STANCE_VERBS = {"express", "voice"}
# "renewed a warning that ...", "issued a statement that ...": words given out are a report
# when what they say follows them.
UTTERANCE_VERBS = {"renew", "repeat", "reiterate", "issue", "make", "give", "deliver", "send"}
UTTERANCE_NOUNS = {
    "warning",
    "statement",
    "call",
    "appeal",
    "pledge",
    "promise",
    "assurance",
    "denial",
    "claim",
    "threat",
    "reminder",
    "announcement",
}
STANCE_NOUNS = {
    "confidence",
    "hope",
    "concern",
    "doubt",
    "belief",
    "fear",
    "optimism",
    "regret",
    "frustration",
    "disappointment",
    "satisfaction",
    "surprise",
    "worry",
    "scepticism",
    "skepticism",
}

# A gerund after these says nothing for its clause's subject: "left without saying that".
NOT_SAYING_PREPOSITIONS = frozenset({"without", "instead", "of"})
# Adjectives that hold a view of a "that" clause: "residents are concerned that ...".
STANCE_ADJECTIVES = frozenset(
    {"concerned", "worried", "convinced", "confident", "adamant", "hopeful", "optimistic"}
)
# Letters written after a name ("Chris Uche, SAN"), which the parser may take for a subject.
POST_NOMINALS = frozenset(
    {"san", "qc", "kc", "sc", "mp", "msp", "mep", "obe", "mbe", "cbe", "kbe", "phd", "jr", "sr"}
)
# Verbs that commit to a deed ("vowed to challenge the judgement"): with "to" and no
# clause of content they tell an act, not words.
COMMITTING_VERBS = frozenset({"vow", "pledge", "promise", "threaten", "swear"})
# Verbs of direction that report the words they quote: 'ordered "the pilots to resume
# their duties ..."'; unquoted, "ordered the ferry to stay in port" is an act.
DIRECTING_VERBS = {"order", "direct", "instruct"}
# Verbs that name a thing in the speaker's words when those words are quoted: 'called it
# "an unfortunate tragedy"', 'labelled the plan "reckless"'.
NAMING_VERBS = {"call", "label", "brand", "term", "dub"}
