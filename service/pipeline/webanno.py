"""W3C Web Annotations for every mention, date, claim and claim relation.

Annotations are built with paths ("/v1/paragraphs/p-...") and given the server's
origin when served, so one database serves any host.
"""

import json

from service.vocab import WEB_ANNOTATION_CONTEXT as CONTEXT
from service.vocab import hex_id

CONTEXT_CHARS = 32  # of prefix and suffix around a TextQuoteSelector's exact text


def annotation_id(*parts: str) -> str:
    """Derive a stable annotation id from what it annotates."""
    return hex_id("a", "\x00".join(parts))


def target(paragraph_id: str, text: str, start: int, end: int) -> dict:
    """Point at words of a paragraph with a quote and a position selector that agree."""
    # A Specific Resource is known by its "source"; the W3C SHOULD-level checks want
    # "type" to name the kind of the resource, which for a JSON paragraph none fits.
    return {
        "source": f"/v1/paragraphs/{paragraph_id}",
        "selector": [
            {
                "type": "TextQuoteSelector",
                "exact": text[start:end],
                "prefix": text[max(0, start - CONTEXT_CHARS) : start],
                "suffix": text[end : end + CONTEXT_CHARS],
            },
            {"type": "TextPositionSelector", "start": start, "end": end},
        ],
    }


def _annotation(annotation_id_: str, motivation: str, body: list, on: dict) -> dict:
    """Assemble one annotation."""
    return {
        "@context": CONTEXT,
        "id": f"/v1/annotations/{annotation_id_}",
        "type": "Annotation",
        "motivation": motivation,
        "body": body,
        "target": on,
    }


def mention(paragraph_id: str, text: str, found: dict) -> dict:
    """Identify an entity mentioned in a paragraph, tagged with its label."""
    key = annotation_id("mention", paragraph_id, str(found["start"]), found["entity_id"])
    body = [
        {
            "source": f"/v1/entities/{found['entity_id']}",
            "purpose": "identifying",
        },
        {
            "type": "TextualBody",
            "value": found["label"],
            "purpose": "tagging",
            "format": "text/plain",
        },
    ]
    return _annotation(
        key, "identifying", body, target(paragraph_id, text, found["start"], found["end"])
    )


def date(paragraph_id: str, text: str, found: dict) -> dict:
    """Tag a temporal expression with its normalised value."""
    key = annotation_id("date", found["id"])
    normalised = {k: found[k] for k in ("type", "value", "mod", "earliest", "latest", "anchor")}
    body = [
        {
            "type": "TextualBody",
            "value": found["value"] or found["type"],
            "purpose": "tagging",
            "format": "text/plain",
        },
        {
            "type": "TextualBody",
            "value": json.dumps(normalised),
            "purpose": "describing",
            "format": "application/json",
        },
        {
            "source": f"/v1/dates/{found['id']}",
            "purpose": "identifying",
        },
    ]
    return _annotation(
        key, "tagging", body, target(paragraph_id, text, found["start"], found["end"])
    )


def claim(text: str, item: dict) -> dict:
    """Assess a claim: its kind, its sourcing status and sources, its plain statement."""
    sourcing = item["sourcing"]
    sources = ", ".join(f"{s['name']} ({s['type']})" for s in sourcing["sources"]) or "none named"
    body = [
        {
            "type": "TextualBody",
            "value": item["kind"],
            "purpose": "classifying",
            "format": "text/plain",
        },
        {
            "type": "TextualBody",
            "value": sourcing["status"],
            "purpose": "assessing",
            "format": "text/plain",
        },
        {
            "type": "TextualBody",
            "value": item["proposition"],
            "purpose": "describing",
            "format": "text/plain",
        },
        {
            "type": "TextualBody",
            "value": f"Sources: {sources}",
            "purpose": "commenting",
            "format": "text/plain",
        },
        {
            "source": f"/v1/claims/{item['id']}",
            "purpose": "identifying",
        },
    ]
    on = target(item["paragraph_id"], text, item["start"], item["end"])
    return _annotation(annotation_id("claim", item["id"]), "assessing", body, on)


def relation(text: str, item: dict, kind: str, other_id: str, reason: dict | None = None) -> dict:
    """Link a claim to the claim it contradicts or supports, saying why."""
    body = [
        {"source": f"/v1/claims/{other_id}", "purpose": "linking"},
        {"type": "TextualBody", "value": kind, "purpose": "tagging", "format": "text/plain"},
    ]
    if reason:
        because = {"type": "TextualBody", "value": said(reason), "purpose": "describing"}
        body.append({**because, "format": "text/plain"})
    on = target(item["paragraph_id"], text, item["start"], item["end"])
    return _annotation(annotation_id("relation", item["id"], kind, other_id), "linking", body, on)


def said(reason: dict) -> str:
    """Write a relation's reason as a sentence: "same event; both name norvik, brenholm;
    words in common: fire, furnace"."""
    parts = [reason["kind"]]
    if reason.get("entities"):
        parts.append("both name " + ", ".join(reason["entities"]))
    if reason.get("words"):
        parts.append("words in common: " + ", ".join(reason["words"]))
    for figure in reason.get("figures", []):
        mine, theirs = (" or ".join(values) for values in figure["values"])
        parts.append(f"{mine} against {theirs} ({figure['counts']})")
    if reason.get("states"):
        mine, theirs = (" ".join(words) for words in reason["states"])
        parts.append(f"{mine} against {theirs}")
    return "; ".join(parts)
