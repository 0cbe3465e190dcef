"""Read the source texts and their metadata files into documents."""

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from marshmallow import Schema, ValidationError, fields, validate

from service.segment import KINDS

DOCUMENT_ID = re.compile(r"[a-z0-9][a-z0-9._-]{0,199}")
PUBLISHED = re.compile(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?")


class BuildError(Exception):
    """A bad input that stops the build, located by file and line."""

    def __init__(self, path: Path | str, line: int | None, reason: str):
        self.path, self.line, self.reason = str(path), line, reason
        super().__init__(f"{self.path}:{line}: {reason}" if line else f"{self.path}: {reason}")


class MetadataSchema(Schema):
    """What a source text's `<doc-id>.yaml` may say about it."""

    title = fields.String(allow_none=True)
    url = fields.Url(allow_none=True, schemes={"http", "https"})
    author = fields.String(allow_none=True)
    publisher = fields.String(allow_none=True)
    published = fields.String(
        allow_none=True,
        validate=validate.Regexp(PUBLISHED, error="not YYYY, YYYY-MM or YYYY-MM-DD"),
    )
    published_inferred = fields.Boolean(load_default=False)
    published_basis = fields.String(allow_none=True)
    language = fields.String(load_default="en")
    kind_overrides = fields.Dict(
        keys=fields.String(validate=validate.Length(min=1)),
        values=fields.String(validate=validate.OneOf(KINDS)),
        load_default=dict,
    )


@dataclass
class Document:
    """One source text with its metadata, as read from disk."""

    id: str
    path: Path
    source: str
    sha256: str
    metadata: dict
    metadata_sha256: str | None


def corpus_paths(source_dir: Path) -> list[Path]:
    """List the source texts under source_dir, in name order."""
    if not source_dir.is_dir():
        raise BuildError(source_dir, None, "source directory not found")
    return sorted(source_dir.glob("*.txt"))


def load_corpus(source_dir: Path) -> list[Document]:
    """Read every source text under source_dir, in name order, with its metadata."""
    return [load_document(path) for path in corpus_paths(source_dir)]


def load_document(path: Path) -> Document:
    """Read one source text and the metadata file beside it."""
    if not DOCUMENT_ID.fullmatch(path.stem):
        raise BuildError(path, None, "file name must be a lower-case id: a-z, 0-9, '.', '_', '-'")
    raw = path.read_bytes()
    try:
        source = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise BuildError(path, line, f"not UTF-8: {error.reason}") from None
    meta_path = path.with_suffix(".yaml")
    metadata, meta_sha = {}, None
    if meta_path.exists():
        meta_raw = meta_path.read_bytes()
        metadata, meta_sha = (
            load_metadata(meta_path, meta_raw),
            hashlib.sha256(meta_raw).hexdigest(),
        )
    else:
        metadata = MetadataSchema().load({})
    return Document(path.stem, path, source, hashlib.sha256(raw).hexdigest(), metadata, meta_sha)


def load_metadata(path: Path, raw: bytes) -> dict:
    """Parse and validate a metadata file, naming the line of the first bad key."""
    text = raw.decode("utf-8", errors="replace")
    try:
        node = yaml.compose(text)
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise BuildError(
            path, mark.line + 1 if mark else None, str(error).splitlines()[0]
        ) from None
    if not isinstance(data, dict):
        raise BuildError(path, 1, "metadata must be a mapping of keys to values")
    try:
        return MetadataSchema().load(_plain_dates(data))
    except ValidationError as error:
        key, messages = next(iter(error.messages.items()))
        lines = key_lines(node)
        raise BuildError(path, lines.get(key, 1), f"{key}: {_first(messages)}") from None


def key_lines(node) -> dict[str, int]:
    """Map each top-level key of a composed YAML mapping to its 1-based line."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {key.value: key.start_mark.line + 1 for key, _ in node.value}


def _plain_dates(data: dict) -> dict:
    """Give back as text a `published` value that YAML read as a date or a number."""
    published = data.get("published")
    if hasattr(published, "isoformat"):
        return {**data, "published": published.isoformat()}
    if isinstance(published, int) and not isinstance(published, bool):
        return {**data, "published": str(published)}
    return data


def _first(messages) -> str:
    """Return the first message of a marshmallow error tree."""
    while isinstance(messages, dict | list):
        messages = next(iter(messages.values())) if isinstance(messages, dict) else messages[0]
    return str(messages)
