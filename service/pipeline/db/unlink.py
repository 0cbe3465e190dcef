"""Take relations between documents out of the claims that hold them, and bring every
stored copy of a changed claim up to date: what publishing in place needs beside links.py.

A claim's JSON is copied into other rows: the details of the claims related to it, its
paragraph's detail, and the contests it is a side of. When a relation is added or taken
away after the build, each of those copies is written again.
"""

import json

from service.pipeline import webanno
from service.pipeline.claims.judge import CrossRelation
from service.pipeline.db.claim_rows import related_entry
from service.pipeline.db.dump import to_json
from service.pipeline.db.links import contest_id_of, refresh_contests, refresh_paragraphs


def cross_relations(db, claim_ids: set[str]) -> dict[frozenset[str], CrossRelation]:
    """Return the relations to other documents that some claims hold, by their two claims'
    ids, with the type and score stored (the claims in id order)."""
    found = {}
    for claim_id in sorted(claim_ids):
        item = _item(db, claim_id)
        for entry in _across(item["relations"]) if item else ():
            one, other = sorted((claim_id, entry["claim_id"]))
            relation = CrossRelation(entry["type"], one, other, entry["score"])
            found[frozenset((one, other))] = relation
    return found


def unlink(db, relations) -> set[str]:
    """Take relations to other documents out of both their claims, where a claim is still
    stored, with their annotations and contests; return the claims changed."""
    changed = set()
    for relation in relations:
        one, other = relation.claim_id, relation.other_id
        for mine, theirs in ((one, other), (other, one)):
            if _drop(db, mine, theirs):
                changed.add(mine)
            row_id = webanno.annotation_id("relation", mine, relation.type, theirs)
            db.execute("DELETE FROM annotations WHERE id = ?", [row_id.rsplit("/", 1)[-1]])
        db.execute(
            "DELETE FROM contests WHERE id IN (?, ?)",
            [contest_id_of(one, other), contest_id_of(other, one)],
        )
    return changed


def refresh_copies(db, claim_ids: set[str]) -> None:
    """Write each changed claim again wherever it is copied: the details of the claims
    related to it, its paragraph's detail, and the contests it is a side of."""
    items = {c: item for c in sorted(claim_ids) if (item := _item(db, c)) is not None}
    titles = _titles(db, {item["document_id"] for item in items.values()})
    for item in items.values():
        entry = related_entry(item, titles.get(item["document_id"]))
        for other in sorted({r["claim_id"] for r in item["relations"]}):
            _replace_related(db, other, entry)
    refresh_paragraphs(db, items)
    own = {item["contest_id"] for item in items.values() if item["contest_id"]}
    across = {contest_id_of(*pair) for item in items.values() for pair in _contested(db, item)}
    refresh_contests(db, items, own | across)


def _drop(db, mine: str, theirs: str) -> bool:
    """Take a claim's relation to another document's claim out of its JSON and flags;
    tell whether the claim is still stored."""
    row = db.execute("SELECT item_json, detail_json FROM claims WHERE id = ?", [mine]).fetchone()
    if row is None:
        return False
    item, detail = json.loads(row[0]), json.loads(row[1])
    for view in (item, detail):
        view["relations"] = [
            r for r in view["relations"] if not (r["claim_id"] == theirs and "document_id" in r)
        ]
        view["contested"] = any(r["type"] == "contradicts" for r in view["relations"])
    detail["related"] = [r for r in detail["related"] if r["id"] != theirs]
    _store(db, mine, item, detail)
    return True


def name_contests(db, claim_ids: set[str]) -> None:
    """Name each claim that no contest of its own document holds by the first of its
    contests between documents, as a build names it (their claims' ids in order), or by
    none when it has none left."""
    for claim_id in sorted(claim_ids):
        item = _item(db, claim_id)
        if item is None or not (item["contest_id"] or "x-").startswith("x-"):
            continue
        oriented = _contested(db, item)
        named = contest_id_of(*min(oriented)) if oriented else None
        if named == item["contest_id"]:
            continue
        detail = json.loads(_one(db, "SELECT detail_json FROM claims WHERE id = ?", claim_id))
        for view in (item, detail):
            view["contest_id"] = named
        _store(db, claim_id, item, detail)


def _contested(db, item: dict) -> list[tuple[str, str]]:
    """Return a claim's contradictions of other documents that have a stored contest, each
    as its two claims in the order its contest is named by."""
    found = []
    for entry in _across(item["relations"]):
        if entry["type"] != "contradicts":
            continue
        for pair in ((item["id"], entry["claim_id"]), (entry["claim_id"], item["id"])):
            if _one(db, "SELECT id FROM contests WHERE id = ?", contest_id_of(*pair)):
                found.append(pair)
    return found


def _replace_related(db, claim_id: str, entry: dict) -> None:
    """Put a changed claim into another claim's detail, where it lists it as related."""
    text = _one(db, "SELECT detail_json FROM claims WHERE id = ?", claim_id)
    if text is None:
        return
    detail = json.loads(text)
    listed = [entry if r["id"] == entry["id"] else r for r in detail["related"]]
    if listed != detail["related"]:
        detail["related"] = listed
        db.execute("UPDATE claims SET detail_json = ? WHERE id = ?", [to_json(detail), claim_id])


def _across(relations: list[dict]) -> list[dict]:
    """Keep the relations to claims of other documents (they name the document)."""
    return [r for r in relations if "document_id" in r]


def _item(db, claim_id: str) -> dict | None:
    """Read a claim's item JSON, or None when it is not stored."""
    text = _one(db, "SELECT item_json FROM claims WHERE id = ?", claim_id)
    return json.loads(text) if text is not None else None


def _titles(db, document_ids: set[str]) -> dict[str, str | None]:
    """Read the titles of some documents."""
    return {
        d: _one(db, "SELECT title FROM documents WHERE id = ?", d) for d in sorted(document_ids)
    }


def _store(db, claim_id: str, item: dict, detail: dict) -> None:
    """Write a claim's JSON and flags back."""
    corroborated = any(r["type"] == "supports" for r in _across(item["relations"]))
    db.execute(
        "UPDATE claims SET item_json = ?, detail_json = ?, contested = ?, corroborated = ?"
        " WHERE id = ?",
        [to_json(item), to_json(detail), int(item["contested"]), int(corroborated), claim_id],
    )


def _one(db, sql: str, key: str):
    """Return the first column of the row a key selects, or None."""
    row = db.execute(sql, [key]).fetchone()
    return row[0] if row else None
