"""What users wrote on a paragraph, put simply for the reader: who, when, why, what.

However many or large the notes, a page stays bounded: a document's page shows the first
SHOWN notes of each paragraph and links to the paragraph's pages of notes, PER_PAGE a
page, and a note shows at most WORDS_SHOWN characters of its words (all of them are in
its JSON).
"""

SHOWN = 5  # notes under a paragraph on the document's page
PER_PAGE = 20  # notes on a page of one paragraph's notes
WORDS_SHOWN = 2000  # characters of a note's words, all bodies together
MOTIVATION_SHOWN = 100  # characters of its motivations


def note(annotation: dict) -> dict:
    """Summarise a user annotation: its motivation, its words (cut), its creator and date."""
    motivation = annotation.get("motivation") or "commenting"
    motivation = " ".join(motivation) if isinstance(motivation, list) else str(motivation)
    bodies = annotation.get("body", [])
    bodies = bodies if isinstance(bodies, list) else [bodies]
    words = [b["value"] for b in bodies if isinstance(b, dict) and isinstance(b.get("value"), str)]
    words += [b for b in bodies if isinstance(b, str)]  # a body given by its IRI
    if isinstance(annotation.get("bodyValue"), str):
        words.append(annotation["bodyValue"])
    shown, cut = _cut(words, WORDS_SHOWN)
    creator = annotation.get("creator")
    return {
        "id": annotation["id"],
        "motivation": motivation[:MOTIVATION_SHOWN],
        "words": shown,
        "cut": cut,
        "creator": creator.get("name", "") if isinstance(creator, dict) else "",
        "created": annotation.get("created", ""),
    }


def _cut(words: list[str], limit: int) -> tuple[list[str], bool]:
    """Keep words up to `limit` characters in all; tell whether any were left out."""
    kept: list[str] = []
    for text in words:
        if len(text) > limit:
            return [*kept, text[:limit]] if limit else kept, True
        kept.append(text)
        limit -= len(text)
    return kept, False
