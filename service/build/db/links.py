"""Write cross-document relations into claims already written, once every document is in.

Each relation is added to both claims' stored JSON (their `relations`, the detail's
`related` claims, the paragraph detail that embeds them), a supported claim is marked
corroborated, and each contradiction becomes a machine contest of its own.
"""

import json

from service.build.claims.across import CrossRelation
from service.build.db.rows import to_json
from service.vocab import hex_id

QUOTE_IN_QUESTION = 90  # characters of each quote a contest's question shows


def link_across(db, relations: list[CrossRelation], titles: dict[str, str | None]) -> int:
    """Add the relations to the database; return how many contests they made."""
    claims = _load(db, {c for r in relations for c in (r.claim_id, r.other_id)})
    originals = {claim_id: dict(claim["item"]) for claim_id, claim in claims.items()}
    contests = []
    for relation in relations:
        for mine, other in ((relation.claim_id, relation.other_id),
                            (relation.other_id, relation.claim_id)):  # fmt: skip
            _relate(claims[mine], originals[other], relation, titles)
        if relation.type == "contradicts":
            contests.append(_contest(claims, originals, relation, titles))
    for claim in claims.values():
        _store(db, claim)
    _refresh_paragraphs(db, claims)
    db["contests"].insert_all(contests)
    return len(contests)


def _load(db, claim_ids: set[str]) -> dict[str, dict]:
    """Read the claims a relation touches, with what their JSON needs."""
    loaded = {}
    for claim_id in sorted(claim_ids):
        row = db.execute(
            "SELECT item_json, detail_json, seq FROM claims WHERE id = ?", [claim_id]
        ).fetchone()
        item, detail = json.loads(row[0]), json.loads(row[1])
        loaded[claim_id] = {"item": item, "detail": detail, "seq": row[2], "corroborated": False}
    return loaded


def _relate(claim: dict, other: dict, relation: CrossRelation, titles) -> None:
    """Add one relation to a claim: to its relations, its related claims, its flags."""
    entry = {
        "type": relation.type,
        "claim_id": other["id"],
        "document_id": other["document_id"],
        "document_title": titles.get(other["document_id"]),
        "origin": "machine",
        "score": round(relation.score, 2),
    }
    related = {
        **other,
        "document_title": titles.get(other["document_id"]),
        "paragraph_url": f"/v1/paragraphs/{other['paragraph_id']}",
    }
    for view in (claim["item"], claim["detail"]):
        view["relations"].append(entry)
        if relation.type == "contradicts":
            view["contested"] = True
    claim["detail"]["related"].append(related)
    claim["corroborated"] |= relation.type == "supports"


def _contest(claims, originals, relation: CrossRelation, titles) -> dict:
    """Make the contest of one contradiction between documents: one side each."""
    ends = [originals[relation.claim_id], originals[relation.other_id]]
    contest_id = hex_id("x", f"{relation.claim_id}\x00{relation.other_id}")
    for claim_id in (relation.claim_id, relation.other_id):
        for view in (claims[claim_id]["item"], claims[claim_id]["detail"]):
            view["contest_id"] = view["contest_id"] or contest_id
    quotes = [_short(end["quote"]) for end in ends]
    body = {
        "id": contest_id,
        "document_id": ends[0]["document_id"],
        "question": f"Which account holds: “{quotes[0]}” or “{quotes[1]}”?",
        "origin": "machine",
        "sides": [
            {
                "label": titles.get(end["document_id"]) or end["document_id"],
                "claims": [end],
                "sources": end["sourcing"]["sources"],
            }
            for end in ends
        ],
    }
    seq = claims[relation.claim_id]["seq"]
    return {
        "id": contest_id,
        "document_id": ends[0]["document_id"],
        "seq": seq,
        "json": to_json(body),
    }


def _short(quote: str) -> str:
    """Cut a quote for a question, at a word."""
    if len(quote) <= QUOTE_IN_QUESTION:
        return quote
    return quote[:QUOTE_IN_QUESTION].rsplit(" ", 1)[0] + " …"


def _store(db, claim: dict) -> None:
    """Write a claim's JSON and flags back."""
    item = claim["item"]
    db.execute(
        "UPDATE claims SET item_json = ?, detail_json = ?, contested = ?, corroborated = ?"
        " WHERE id = ?",
        [to_json(item), to_json(claim["detail"]), int(item["contested"]),
         int(claim["corroborated"]), item["id"]],
    )  # fmt: skip


def _refresh_paragraphs(db, claims: dict[str, dict]) -> None:
    """Mark, in the paragraph details that list them, the claims now contested."""
    for paragraph_id in sorted({c["item"]["paragraph_id"] for c in claims.values()}):
        row = db.execute("SELECT detail_json FROM paragraphs WHERE id = ?", [paragraph_id])
        detail = json.loads(row.fetchone()[0])
        for entry in detail["claims"]:
            if entry["id"] in claims:
                entry["contested"] = claims[entry["id"]]["item"]["contested"]
        db.execute(
            "UPDATE paragraphs SET detail_json = ? WHERE id = ?", [to_json(detail), paragraph_id]
        )
