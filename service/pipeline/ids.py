"""Mint stable paragraph IDs and carry them across edits of the source text."""

import hashlib
import json
from collections import defaultdict, deque
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

LOCK_NAME = "paragraphs.lock"
# A rapidfuzz ratio (0-100) at or above which an edited paragraph keeps its old ID:
# a typo fix or a changed clause scores in the 90s, a rewrite well below 70.
KEEP_SIMILARITY = 70.0


@dataclass
class Anchoring:
    """The IDs given to a document's paragraphs, what changed, and the lock to write."""

    ids: list[str]
    lock: dict
    kept: int = 0
    edited: int = 0
    revived: int = 0
    minted: int = 0
    retired: list[str] = field(default_factory=list)
    changed: bool = False


def lock_path(annotations_dir: Path, document_id: str) -> Path:
    """Return where a document's lock lives."""
    return annotations_dir / document_id / LOCK_NAME


def read_lock(path: Path) -> dict | None:
    """Read a lock file, or None when the document has none yet."""
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def dump_lock(lock: dict) -> str:
    """Serialise a lock so that its diffs read one paragraph a line."""
    lines = ["{", f'  "document": {json.dumps(lock["document"])},']
    for key in ("paragraphs", "retired"):
        entries = [json.dumps(entry, ensure_ascii=False) for entry in lock[key]]
        body = ",\n    ".join(entries)
        lines.append(f'  "{key}": [\n    {body}\n  ]' if entries else f'  "{key}": []')
        lines[-1] += "," if key == "paragraphs" else ""
    lines.append("}")
    return "\n".join(lines) + "\n"


def lock_ids(lock: dict | None) -> set[str]:
    """Return every ID a lock has ever given out, active or retired."""
    if not lock:
        return set()
    return {entry["id"] for key in ("paragraphs", "retired") for entry in lock[key]}


def mint(document_id: str, text: str, taken: set[str]) -> str:
    """Derive a new ID from the document and text, salted past any ID already taken."""
    salt = 0
    while True:
        seed = f"{document_id}\x00{text}\x00{salt}".encode()
        candidate = "p-" + hashlib.sha256(seed).hexdigest()[:12]
        if candidate not in taken:
            taken.add(candidate)
            return candidate
        salt += 1


def reanchor(document_id: str, texts: list[str], lock: dict | None, taken: set[str]) -> Anchoring:
    """Give each paragraph text an ID: its old one when unchanged or lightly edited."""
    old = lock["paragraphs"] if lock else []
    retired_before = lock["retired"] if lock else []
    ids: list[str | None] = [None] * len(texts)
    used: set[int] = set()
    result = Anchoring(ids=[], lock={})

    exact_old_index = _match_exact(texts, [entry["text"] for entry in old], ids, used, old)
    result.kept = sum(1 for i in ids if i)
    revivable: defaultdict[str, deque[str]] = defaultdict(deque)
    for entry in retired_before:
        revivable[entry["text"]].append(entry["id"])
    for i, text in enumerate(texts):
        if ids[i] is None and revivable[text]:
            ids[i] = revivable[text].popleft()
            result.revived += 1
    if len(used) < len(old):
        result.edited = _match_fuzzy(texts, old, ids, used, exact_old_index)
    for i, text in enumerate(texts):
        if ids[i] is None:
            ids[i] = mint(document_id, text, taken)
            result.minted += 1

    newly_retired = [entry for j, entry in enumerate(old) if j not in used]
    result.retired = [entry["id"] for entry in newly_retired]
    live = set(ids)
    still_retired = [entry for entry in retired_before if entry["id"] not in live]
    result.ids = [i for i in ids if i]
    result.lock = {
        "document": document_id,
        "paragraphs": [{"id": i, "text": t} for i, t in zip(result.ids, texts, strict=True)],
        "retired": still_retired + newly_retired,
    }
    result.changed = result.lock != lock
    return result


def _match_exact(texts, old_texts, ids, used, old) -> dict[int, int]:
    """Give unchanged paragraphs their IDs wherever they moved; identical ones in order."""
    by_text: defaultdict[str, deque[int]] = defaultdict(deque)
    for j, text in enumerate(old_texts):
        by_text[text].append(j)
    matched = {}
    for i, text in enumerate(texts):
        if by_text[text]:
            j = by_text[text].popleft()
            ids[i] = old[j]["id"]
            used.add(j)
            matched[i] = j
    return matched


def _match_fuzzy(texts, old, ids, used, exact_old_index) -> int:
    """Give edited paragraphs the ID of the closest old text between their neighbours."""
    pairs = []
    for i, text in enumerate(texts):
        if ids[i] is not None:
            continue
        low, high = _window(i, exact_old_index, len(texts), len(old))
        for j in range(low, high):
            if j in used:
                continue
            score = fuzz.ratio(text, old[j]["text"], score_cutoff=KEEP_SIMILARITY)
            if score:
                pairs.append((-score, abs(i - j), i, j))
    count = 0
    for _, _, i, j in sorted(pairs):
        if ids[i] is None and j not in used:
            ids[i] = old[j]["id"]
            used.add(j)
            count += 1
    return count


def _window(i: int, exact_old_index: dict[int, int], new_count: int, old_count: int):
    """Return the old indices lying between the unchanged neighbours of paragraph i."""
    before = [exact_old_index[k] for k in range(i - 1, -1, -1) if k in exact_old_index][:1]
    after = [exact_old_index[k] for k in range(i + 1, new_count) if k in exact_old_index][:1]
    low = before[0] + 1 if before else 0
    high = after[0] if after else old_count
    # Neighbours that swapped places give no order to keep: search everything.
    return (low, high) if low <= high else (0, old_count)
