"""Write cross-document relations into claims already written, once every document is in.

Each relation is added to both claims' stored JSON (their `relations`, the detail's
`related` claims, the paragraph detail that embeds them) and, both ways, to the Web
Annotations; a supported claim is marked corroborated, and each contradiction becomes a
machine contest of its own.
"""

import json

from service.pipeline import webanno
from service.pipeline.claims.judge import CrossRelation
from service.pipeline.db.annotation_rows import annotation_row
from service.pipeline.db.claim_rows import related_entry
from service.pipeline.db.dump import plain, to_json
from service.pipeline.db.writer import Writer
from service.vocab import hex_id

QUOTE_IN_QUESTION = 90  # characters of each quote a contest's question shows


def link_across(
    db, writer: Writer, relations: list[CrossRelation], titles: dict[str, str | None]
) -> int:
    """Add the relations to the database; return how many annotations they made."""
    claims = _load(db, {c for r in relations for c in (r.claim_id, r.other_id)})
    for relation, mine, other in _both_ways(relations):
        _relate(claims[mine], claims[other]["item"], relation, titles)
    contradictions = [r for r in relations if r.type == "contradicts"]
    for relation in contradictions:
        _name_contest(claims, relation)
    # Copies of the claims as they now stand, every relation and flag in place.
    finished = {claim_id: plain(claim["item"]) for claim_id, claim in claims.items()}
    for _, mine, other in _both_ways(relations):
        claims[mine]["detail"]["related"].append(_related(finished[other], titles))
    contests = [_contest(claims, finished, r, titles) for r in contradictions]
    _refresh_neighbours(db, claims, finished, titles)
    _store(db, claims.values())
    refresh_paragraphs(db, {claim_id: claim["item"] for claim_id, claim in claims.items()})
    refresh_contests(db, finished)
    writer.insert("contests", contests)
    annotations = _annotation_rows(db, claims, relations)
    writer.insert("annotations", annotations)
    return len(annotations)


def _both_ways(relations: list[CrossRelation]):
    """Yield each relation once from each of its claims: (relation, mine, other)."""
    for relation in relations:
        yield relation, relation.claim_id, relation.other_id
        yield relation, relation.other_id, relation.claim_id


def _annotation_rows(db, claims: dict, relations: list[CrossRelation]) -> list[dict]:
    """Return each relation, both ways, as a W3C linking annotation on the claim's words,
    as relations within a document are."""
    paragraphs = {claim["item"]["paragraph_id"]: claim["seq"] for claim in claims.values()}
    texts = {
        paragraph_id: db.execute(
            "SELECT text FROM paragraphs WHERE id = ?", [paragraph_id]
        ).fetchone()[0]
        for paragraph_id in sorted(paragraphs)
    }
    rows = []
    for relation, mine, other in _both_ways(relations):
        item = claims[mine]["item"]
        because = seen_from(relation, mine)
        text = texts[item["paragraph_id"]]
        annotation = webanno.relation(text, item, relation.type, other, because)
        rows.append(annotation_row(annotation, item["document_id"], item["start"], paragraphs.get))
    return rows


def _refresh_neighbours(db, claims: dict, finished: dict, titles) -> None:
    """Put the changed claims into the details of their own document's related claims."""
    neighbours = {
        relation["claim_id"]
        for claim in finished.values()
        for relation in claim["relations"]
        if "document_id" not in relation
    }
    for claim_id in sorted(neighbours):
        loaded = claim_id in claims  # written with the others after this; the rest here
        if loaded:
            detail = claims[claim_id]["detail"]
        else:
            row = db.execute("SELECT detail_json FROM claims WHERE id = ?", [claim_id]).fetchone()
            detail = json.loads(row[0])
        detail["related"] = [
            _related(finished[r["id"]], titles) if r["id"] in finished else r
            for r in detail["related"]
        ]
        if not loaded:
            db.execute(
                "UPDATE claims SET detail_json = ? WHERE id = ?", [to_json(detail), claim_id]
            )


def refresh_contests(db, finished: dict, contest_ids: set[str] | None = None) -> None:
    """Put the changed claims (`finished`, items by id) into the contests that hold them:
    `contest_ids`, by default the contests the claims are named by."""
    if contest_ids is None:
        contest_ids = {c["contest_id"] for c in finished.values() if c["contest_id"]}
    for contest_id in sorted(contest_ids):
        row = db.execute("SELECT json FROM contests WHERE id = ?", [contest_id]).fetchone()
        if row is None:
            continue  # a contest across documents, written after this with the claims as they are
        contest = json.loads(row[0])
        for side in contest["sides"]:
            side["claims"] = [finished.get(c["id"], c) for c in side["claims"]]
        db.execute("UPDATE contests SET json = ? WHERE id = ?", [to_json(contest), contest_id])


def _load(db, claim_ids: set[str]) -> dict[str, dict]:
    """Read the claims a relation touches, with what their JSON needs."""
    loaded = {}
    for claim_id in sorted(claim_ids):
        row = db.execute(
            "SELECT item_json, detail_json, seq FROM claims WHERE id = ?", [claim_id]
        ).fetchone()
        item, detail = json.loads(row[0]), json.loads(row[1])
        # Published in place, a claim may already be corroborated by another document.
        corroborated = any(
            r["type"] == "supports" and "document_id" in r for r in item["relations"]
        )
        loaded[claim_id] = {
            "item": item,
            "detail": detail,
            "seq": row[2],
            "corroborated": corroborated,
        }
    return loaded


def _relate(claim: dict, other: dict, relation: CrossRelation, titles) -> None:
    """Add one relation to a claim's relations and flags."""
    entry = {
        "type": relation.type,
        "claim_id": other["id"],
        "document_id": other["document_id"],
        "document_title": titles.get(other["document_id"]),
        "origin": "machine",
        "score": round(relation.score, 2),
        "reason": seen_from(relation, claim["item"]["id"]),
    }
    for view in (claim["item"], claim["detail"]):
        view["relations"].append(entry)
        if relation.type == "contradicts":
            view["contested"] = True
    claim["corroborated"] |= relation.type == "supports"


def seen_from(relation: CrossRelation, claim_id: str) -> dict:
    """Return a relation's reason with each claim's evidence in the order seen from one of
    them: its own figures or states first."""
    if claim_id == relation.claim_id:
        return relation.reason
    flipped = dict(relation.reason)
    if "figures" in flipped:
        flipped["figures"] = [{**f, "values": f["values"][::-1]} for f in flipped["figures"]]
    if "states" in flipped:
        flipped["states"] = flipped["states"][::-1]
    return flipped


def _related(other: dict, titles) -> dict:
    """Return another document's claim as a claim's detail lists it."""
    return related_entry(other, titles.get(other["document_id"]))


def contest_id_of(claim_id: str, other_id: str) -> str:
    """Name the contest of one contradiction between documents, by its claims in the
    relation's order."""
    return hex_id("x", f"{claim_id}\x00{other_id}")


def _name_contest(claims, relation: CrossRelation) -> None:
    """Give both claims the contest's id, unless a contest of their own text has them."""
    named = contest_id_of(relation.claim_id, relation.other_id)
    for claim_id in (relation.claim_id, relation.other_id):
        for view in (claims[claim_id]["item"], claims[claim_id]["detail"]):
            view["contest_id"] = view["contest_id"] or named


def _contest(claims, finished, relation: CrossRelation, titles) -> dict:
    """Make the contest of one contradiction between documents: one side each."""
    ends = [finished[relation.claim_id], finished[relation.other_id]]
    contest_id = contest_id_of(relation.claim_id, relation.other_id)
    quotes = [_short(end["quote"]) for end in ends]
    body = {
        "id": contest_id,
        "document_id": ends[0]["document_id"],
        "question": f"Which account holds: “{quotes[0]}” or “{quotes[1]}”?",
        "origin": "machine",
        "reason": relation.reason,
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


def _store(db, claims) -> None:
    """Write the claims' JSON and flags back."""
    # Rendered one claim at a time as the statement runs, not all held at once.
    rows = (
        (
            to_json(claim["item"]),
            to_json(claim["detail"]),
            int(claim["item"]["contested"]),
            int(claim["corroborated"]),
            claim["item"]["id"],
        )
        for claim in claims
    )
    db.conn.executemany(
        "UPDATE claims SET item_json = ?, detail_json = ?, contested = ?, corroborated = ?"
        " WHERE id = ?",
        rows,
    )


def refresh_paragraphs(db, items: dict[str, dict]) -> None:
    """Mark, in the paragraph details that list them, which claims (items by id) are now
    contested."""
    for paragraph_id in sorted({item["paragraph_id"] for item in items.values()}):
        row = db.execute("SELECT detail_json FROM paragraphs WHERE id = ?", [paragraph_id])
        detail = json.loads(row.fetchone()[0])
        for entry in detail["claims"]:
            if entry["id"] in items:
                entry["contested"] = items[entry["id"]]["contested"]
        db.execute(
            "UPDATE paragraphs SET detail_json = ? WHERE id = ?", [to_json(detail), paragraph_id]
        )
