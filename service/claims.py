"""Claims: load and check the curated ones, anchor them, and make machine ones from cues."""

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from service.corpus import BuildError

STATUSES = ("attributed", "vague", "linked", "unsourced")
CLAIM_KINDS = ("event", "statement", "quantity", "assessment", "prediction")
SOURCE_TYPES = ("news_agency", "government", "official", "ngo", "court", "anonymous", "group",
                "author", "media", "unknown")  # fmt: skip
RELATION_TYPES = ("contradicts", "supports")
SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,99}")
SOURCES_FILE = "sources.yaml"
CLAIMS_FILE = "claims.yaml"


class SourceSchema(Schema):
    """One source in sources.yaml."""

    id = fields.String(required=True, validate=validate.Regexp(SLUG, error="not a lower-case slug"))
    name = fields.String(required=True, validate=validate.Length(min=1))
    type = fields.String(required=True, validate=validate.OneOf(SOURCE_TYPES))
    entities = fields.List(fields.String(), load_default=list)
    description = fields.String(load_default=None)


class SourcesFileSchema(Schema):
    """The sources file."""

    sources = fields.List(fields.Nested(SourceSchema), required=True)


class SourcingSchema(Schema):
    """Who says a claim, with which words, how firmly."""

    status = fields.String(required=True, validate=validate.OneOf(STATUSES))
    sources = fields.List(fields.String(), required=True, validate=validate.Length(min=1))
    cue = fields.String(load_default=None, validate=validate.Length(min=1))
    hedges = fields.List(fields.String(validate=validate.Length(min=1)), load_default=list)


class RelationSchema(Schema):
    """One relation, written as `{contradicts: id}` or `{supports: id}`."""

    contradicts = fields.String()
    supports = fields.String()

    @validates_schema
    def one_relation(self, data, **kwargs):
        if len(data) != 1:
            raise ValidationError("give exactly one of contradicts, supports")


class ClaimSchema(Schema):
    """One curated claim."""

    id = fields.String(required=True, validate=validate.Regexp(SLUG, error="not a lower-case slug"))
    paragraph = fields.String(required=True, validate=validate.Regexp(r"p-[0-9a-f]{12}$"))
    quote = fields.String(required=True, validate=validate.Length(min=1))
    prefix = fields.String(load_default="")
    suffix = fields.String(load_default="")
    proposition = fields.String(required=True, validate=validate.Length(min=1))
    kind = fields.String(required=True, validate=validate.OneOf(CLAIM_KINDS))
    sourcing = fields.Nested(SourcingSchema, required=True)
    relations = fields.List(fields.Nested(RelationSchema), load_default=list)
    note = fields.String(load_default=None)


class SideSchema(Schema):
    """One side of a contest."""

    label = fields.String(required=True, validate=validate.Length(min=1))
    claims = fields.List(fields.String(), required=True, validate=validate.Length(min=1))


class ContestSchema(Schema):
    """Claims that contradict each other, grouped into sides, with the question at stake."""

    id = fields.String(required=True, validate=validate.Regexp(SLUG, error="not a lower-case slug"))
    question = fields.String(required=True, validate=validate.Length(min=1))
    sides = fields.List(fields.Nested(SideSchema), required=True, validate=validate.Length(min=2))


class ClaimsFileSchema(Schema):
    """A document's claims file."""

    claims = fields.List(fields.Nested(ClaimSchema), required=True)
    contests = fields.List(fields.Nested(ContestSchema), load_default=list)


@dataclass
class ParagraphText:
    """What claims are anchored to: a paragraph's served text and link markers."""

    document_id: str
    text: str
    links: list[dict]
    section: str | None = None


def load_sources(annotations_dir: Path) -> dict[str, dict]:
    """Read sources.yaml into a map of id to source."""
    path = annotations_dir / SOURCES_FILE
    if not path.exists():
        return {}
    node, data = _parse(path)
    try:
        loaded = SourcesFileSchema().load(data or {})
    except ValidationError as error:
        raise BuildError(path, *_locate(node, "sources", error.messages)) from None
    sources: dict[str, dict] = {}
    for index, source in enumerate(loaded["sources"]):
        if source["id"] in sources:
            raise BuildError(
                path, _item_line(node, "sources", index), f"duplicate source id '{source['id']}'"
            )
        sources[source["id"]] = {**source, "curated": True}
    return sources


def load_claims(path: Path, paragraphs: dict[str, ParagraphText], retired: set[str], sources: dict):
    """Read, check and anchor one document's claims; return (claims, contests)."""
    node, data = _parse(path)
    try:
        loaded = ClaimsFileSchema().load(data or {})
    except ValidationError as error:
        key = next(iter(error.messages))
        raise BuildError(path, *_locate(node, key, error.messages)) from None
    claims: dict[str, dict] = {}
    for index, entry in enumerate(loaded["claims"]):
        if entry["id"] in claims:
            line = _item_line(node, "claims", index, "id")
            raise BuildError(path, line, f"duplicate claim id '{entry['id']}'")
        at = lambda field, i=index: _item_line(node, "claims", i, field)  # noqa: E731
        claims[entry["id"]] = _anchor(path, at, entry, paragraphs, retired, sources)
    lines = {
        e["id"]: _item_line(node, "claims", i, "relations") for i, e in enumerate(loaded["claims"])
    }
    for entry in loaded["claims"]:
        _check_relations(path, lines[entry["id"]], entry, claims)
    contests = _contests(path, node, loaded["contests"], claims, lines)
    return list(claims.values()), contests


def _parse(path: Path):
    """Parse a YAML file, failing with its line on a syntax error."""
    text = path.read_text(encoding="utf-8")
    try:
        return yaml.compose(text), yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise BuildError(
            path, mark.line + 1 if mark else None, str(error).splitlines()[0]
        ) from None


def _item_line(node, key: str, index: int, field: str | None = None) -> int | None:
    """Return the line of the index-th item under a top-level key, or of one of its fields."""
    for top_key, value in getattr(node, "value", []):
        if (
            top_key.value == key
            and isinstance(value, yaml.SequenceNode)
            and index < len(value.value)
        ):
            item = value.value[index]
            for item_key, _ in getattr(item, "value", []) if field else []:
                if getattr(item_key, "value", None) == field:
                    return item_key.start_mark.line + 1
            return item.start_mark.line + 1
    return None


def _locate(node, key: str, messages: dict) -> tuple[int | None, str]:
    """Turn a marshmallow error into (line, reason) for the first bad item and field."""
    inner = messages.get(key, messages)
    if isinstance(inner, dict) and inner and all(isinstance(k, int) for k in inner):
        index, fields_ = next(iter(inner.items()))
        field, reasons = next(iter(fields_.items())) if isinstance(fields_, dict) else ("", fields_)
        return _item_line(
            node, key, index, field
        ), f"{key} item {index + 1}: {field}: {_first(reasons)}"
    first_key, reasons = next(iter(messages.items()))
    return 1, f"{first_key}: {_first(reasons)}"


def _first(messages) -> str:
    """Return the first message of a marshmallow error tree, with its path."""
    path = []
    while isinstance(messages, dict):
        key, messages = next(iter(messages.items()))
        path.append(str(key))
    text = messages[0] if isinstance(messages, list) else str(messages)
    return ".".join(path) + (": " if path else "") + text


def _anchor(path, at, entry, paragraphs, retired, sources) -> dict:
    """Locate a claim's quote, cue and hedges in its paragraph and check its sourcing."""
    claim_id, paragraph_id = entry["id"], entry["paragraph"]
    paragraph = paragraphs.get(paragraph_id)
    if paragraph is None:
        why = "was retired (its text left the source)" if paragraph_id in retired else "is unknown"
        raise BuildError(
            path, at("paragraph"), f"claim '{claim_id}': paragraph {paragraph_id} {why}"
        )
    start = _find_quote(path, at("quote"), entry, paragraph.text)
    end = start + len(entry["quote"])
    sourcing, line = entry["sourcing"], at("sourcing")
    for source in sourcing["sources"]:
        if source not in sources:
            raise BuildError(path, line, f"claim '{claim_id}': unknown source '{source}'")
    cue = _near(paragraph.text, sourcing["cue"], start, end) if sourcing["cue"] else None
    if sourcing["cue"] and cue is None:
        raise BuildError(
            path, line, f"claim '{claim_id}': cue '{sourcing['cue']}' not in its paragraph"
        )
    hedges = []
    for hedge in sourcing["hedges"]:
        found = _near(paragraph.text, hedge, start, end)
        if found is None:
            raise BuildError(
                path, line, f"claim '{claim_id}': hedge '{hedge}' not in its paragraph"
            )
        hedges.append(found)
    link = any(m["start"] < end and start < m["end"] for m in paragraph.links)
    _check_status(path, line, claim_id, sourcing, link)
    return {
        "id": claim_id,
        "document_id": paragraph.document_id,
        "paragraph_id": paragraph_id,
        "quote": entry["quote"],
        "start": start,
        "end": end,
        "proposition": entry["proposition"],
        "kind": entry["kind"],
        "status": sourcing["status"],
        "sources": sourcing["sources"],
        "cue": cue,
        "hedges": hedges,
        "link": link,
        "relations": [
            {"type": kind, "claim_id": target}
            for r in entry["relations"]
            for kind, target in r.items()
        ],
        "contest_id": None,
        "origin": "curated",
        "note": entry["note"],
    }


def _find_quote(path, line, entry, text: str) -> int:
    """Return where the quote stands in the paragraph, using prefix/suffix when it repeats."""
    quote, prefix, suffix = entry["quote"], entry["prefix"], entry["suffix"]
    starts = [m.start() for m in re.finditer(re.escape(quote), text)]
    if not starts:
        raise BuildError(
            path, line, f"claim '{entry['id']}': quote not found in paragraph {entry['paragraph']}"
        )
    fitting = [
        s
        for s in starts
        if text[max(0, s - len(prefix)) : s] == prefix
        and text[s + len(quote) : s + len(quote) + len(suffix)] == suffix
    ]
    if len(starts) > 1 and not (prefix or suffix):
        raise BuildError(
            path,
            line,
            f"claim '{entry['id']}': quote occurs {len(starts)} times; add prefix or suffix",
        )
    if len(fitting) != 1:
        raise BuildError(
            path, line, f"claim '{entry['id']}': prefix/suffix match {len(fitting)} places, not one"
        )
    return fitting[0]


def _near(text: str, words: str, start: int, end: int) -> dict | None:
    """Find words inside the quote, else their occurrence nearest to it."""
    places = [m.start() for m in re.finditer(re.escape(words), text)]
    if not places:
        return None
    inside = [p for p in places if start <= p and p + len(words) <= end]
    best = inside[0] if inside else min(places, key=lambda p: min(abs(p - start), abs(p - end)))
    return {"text": words, "start": best, "end": best + len(words)}


def _check_status(path, line, claim_id: str, sourcing: dict, link: bool) -> None:
    """Hold each status to what the words on the page can show."""
    status = sourcing["status"]
    if status in ("attributed", "vague") and not sourcing["cue"]:
        raise BuildError(
            path, line, f"claim '{claim_id}': status {status} needs the cue that attributes it"
        )
    if status == "linked" and not link:
        raise BuildError(
            path, line, f"claim '{claim_id}': status linked, but no link marker falls in the quote"
        )
    if status == "unsourced" and link:
        raise BuildError(
            path,
            line,
            f"claim '{claim_id}': a link marker falls in the quote; the status is linked",
        )


def _check_relations(path, line, entry, claims: dict) -> None:
    """Check that relations name other, existing claims."""
    for relation in entry["relations"]:
        for kind, target in relation.items():
            if target == entry["id"]:
                raise BuildError(path, line, f"claim '{entry['id']}': {kind} itself")
            if target not in claims:
                raise BuildError(
                    path, line, f"claim '{entry['id']}': {kind} unknown claim '{target}'"
                )


def _contests(path, node, contests: list[dict], claims: dict, lines: dict) -> list[dict]:
    """Check the contests against the relations and mark their claims."""
    side_of: dict[str, tuple[str, int]] = {}
    seen = set()
    for index, contest in enumerate(contests):
        line = _item_line(node, "contests", index)
        if contest["id"] in seen:
            raise BuildError(path, line, f"duplicate contest id '{contest['id']}'")
        seen.add(contest["id"])
        for number, side in enumerate(contest["sides"]):
            for claim_id in side["claims"]:
                if claim_id not in claims:
                    raise BuildError(
                        path, line, f"contest '{contest['id']}': unknown claim '{claim_id}'"
                    )
                if claim_id in side_of:
                    raise BuildError(
                        path, line, f"contest '{contest['id']}': claim '{claim_id}' is on two sides"
                    )
                side_of[claim_id] = (contest["id"], number)
                claims[claim_id]["contest_id"] = contest["id"]
    for claim in claims.values():
        for relation in claim["relations"]:
            _check_contest_relation(path, lines[claim["id"]], claim, relation, side_of)
    return contests


def _check_contest_relation(path, line, claim, relation, side_of) -> None:
    """Contradictions run between sides of one contest; support stays on one side."""
    mine, theirs = side_of.get(claim["id"]), side_of.get(relation["claim_id"])
    if relation["type"] == "contradicts":
        if mine is None or theirs is None:
            lonely = claim["id"] if mine is None else relation["claim_id"]
            raise BuildError(
                path, line, f"claim '{lonely}' contradicts another but is in no contest"
            )
        if mine[0] != theirs[0] or mine[1] == theirs[1]:
            raise BuildError(
                path,
                line,
                f"claims '{claim['id']}' and '{relation['claim_id']}' contradict each other: "
                "put them on opposite sides of one contest",
            )
    elif mine and theirs and mine[0] == theirs[0] and mine[1] != theirs[1]:
        raise BuildError(
            path,
            line,
            f"claim '{claim['id']}' supports '{relation['claim_id']}' across contest '{mine[0]}'",
        )


def symmetric(claims: list[dict]) -> None:
    """Make every contradiction visible from both claims."""
    by_id = {c["id"]: c for c in claims}
    for claim in claims:
        for relation in list(claim["relations"]):
            if relation["type"] == "contradicts":
                other = by_id[relation["claim_id"]]
                back = {"type": "contradicts", "claim_id": claim["id"]}
                if back not in other["relations"]:
                    other["relations"].append(back)


def machine_claims(
    paragraph_id: str, paragraph: ParagraphText, attributions: list[dict], sources: dict
) -> list[dict]:
    """Turn detected attributions into claims, one per sentence, with their sources."""
    by_sentence: dict[tuple, list[dict]] = {}
    for attribution in attributions:
        sentence = attribution["sentence"]
        by_sentence.setdefault((sentence["start"], sentence["end"]), []).append(attribution)
    claims = []
    for (start, end), found in by_sentence.items():
        text = paragraph.text[start:end]
        end = start + len(text.rstrip())
        quote = paragraph.text[start:end]
        source_ids = []
        for attribution in found:
            for source_id in match_sources(attribution, sources):
                if source_id not in source_ids:
                    source_ids.append(source_id)
        hedges = [h for a in found for h in a["hedges"]]
        digest = hashlib.sha256(f"{paragraph_id}:{start}:{end}".encode()).hexdigest()[:12]
        claims.append(
            {
                "id": f"m-{digest}",
                "document_id": paragraph.document_id,
                "paragraph_id": paragraph_id,
                "quote": quote,
                "start": start,
                "end": end,
                "proposition": quote,
                "kind": "statement",
                "status": "vague" if all(a["vague"] for a in found) else "attributed",
                "sources": source_ids,
                "cue": {k: found[0]["cue"][k] for k in ("text", "start", "end")},
                "hedges": [{k: h[k] for k in ("text", "start", "end")} for h in hedges],
                "link": any(m["start"] < end and start < m["end"] for m in paragraph.links),
                "relations": [],
                "contest_id": None,
                "origin": "machine",
                "note": "Found by the attribution detector; not curated.",
            }
        )
    return claims


def match_sources(attribution: dict, sources: dict) -> list[str]:
    """Name a detected source: a known one by its entities or words, else a new one."""
    by_entity = {}
    for source in sources.values():
        for entity in source.get("entities", []):
            by_entity.setdefault(entity, source["id"])
    labels = dict(zip(attribution["source_entities"], attribution["source_labels"], strict=False))
    entities = sorted(attribution["source_entities"], key=lambda e: labels.get(e) != "PERSON")
    known = [by_entity[e] for e in entities if e in by_entity]
    if known:
        return [known[0]] if labels.get(entities[0]) == "PERSON" else list(dict.fromkeys(known))
    words = _normal(attribution["source"]["text"])
    for source in sources.values():
        name = _normal(source["name"])
        if words and (words == name or words in name or name in words):
            return [source["id"]]
    slug = re.sub(r"[^a-z0-9]+", "-", words).strip("-")[:60] or "someone"
    sources.setdefault(
        f"detected-{slug}",
        {"id": f"detected-{slug}", "name": attribution["source"]["text"],
         "type": "anonymous" if attribution["vague"] else "unknown", "entities": [],
         "description": "Found by the attribution detector.", "curated": False},
    )  # fmt: skip
    return [f"detected-{slug}"]


def _normal(text: str) -> str:
    """Lower-case words without quotes or articles, for comparing source names."""
    words = re.sub(r"[\"“”'‘’]", "", text.lower()).split()
    return " ".join(w for w in words if w not in ("the", "a", "an"))


def merge(curated: list[dict], machine: list[dict]) -> list[dict]:
    """Keep every curated claim and the machine claims that overlap none of them."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for claim in curated:
        spans.setdefault(claim["paragraph_id"], []).append((claim["start"], claim["end"]))
    kept = [
        m
        for m in machine
        if not any(s < m["end"] and m["start"] < e for s, e in spans.get(m["paragraph_id"], []))
    ]
    return curated + kept
