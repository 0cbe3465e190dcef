"""Words as cross-document pairing reads them: the word pattern, and the function words
that say nothing of what a claim reports or of what a figure counts."""

import re

WORD = re.compile(r"[a-z][a-z'’-]+")
FUNCTION_WORDS = frozenset({
    "the", "and", "that", "this", "with", "from", "have", "has", "had", "were", "was", "been",
    "they", "their", "them", "which", "said", "says", "say", "told", "about", "would", "will",
    "than", "more", "less", "some", "for", "are", "its", "his", "her", "she", "him", "who",
    "what", "when", "where", "there", "into", "over", "after", "before", "also", "but", "not",
    "all", "any", "can", "could", "our", "out", "per", "according", "added", "last", "next",
    "since", "until",
})  # fmt: skip
