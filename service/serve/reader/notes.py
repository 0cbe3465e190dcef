"""What users wrote on a paragraph, put simply for the reader: who, when, why, what."""


def note(annotation: dict) -> dict:
    """Summarise a user annotation: its motivation, its words, its creator and date."""
    motivation = annotation.get("motivation") or "commenting"
    bodies = annotation.get("body", [])
    bodies = bodies if isinstance(bodies, list) else [bodies]
    words = [b["value"] for b in bodies if isinstance(b, dict) and isinstance(b.get("value"), str)]
    words += [b for b in bodies if isinstance(b, str)]  # a body given by its IRI
    if isinstance(annotation.get("bodyValue"), str):
        words.append(annotation["bodyValue"])
    creator = annotation.get("creator")
    return {
        "id": annotation["id"],
        "motivation": " ".join(motivation) if isinstance(motivation, list) else motivation,
        "words": words,
        "creator": creator.get("name", "") if isinstance(creator, dict) else "",
        "created": annotation.get("created", ""),
    }
