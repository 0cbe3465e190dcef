"""Read the build's inputs: source texts, their metadata, and YAML files with line numbers."""

import hashlib
from datetime import date
from pathlib import Path

import yaml
from marshmallow import Schema, ValidationError, fields, validate

from service.pipeline.language import ANALYSED, detect, not_analysed
from service.pipeline.records import Document
from service.vocab import DOCUMENT_ID, PARAGRAPH_KINDS, PUBLISHED

# libyaml's safe loader where PyYAML was built with it (ten times faster), else Python's.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class BuildError(Exception):
    """A bad input that stops the build, located by file and line."""

    def __init__(self, path: Path | str, line: int | None, reason: str):
        self.path, self.line, self.reason = str(path), line, reason
        super().__init__(f"{self.path}:{line}: {reason}" if line else f"{self.path}: {reason}")


class LinkEntrySchema(Schema):
    """A hyperlink of the original page: code-point offsets into the text, and its target."""

    start = fields.Integer(required=True, validate=validate.Range(min=0))
    end = fields.Integer(required=True, validate=validate.Range(min=1))
    text = fields.String(load_default=None)
    href = fields.Url(required=True, schemes={"http", "https"})


class MetadataSchema(Schema):
    """What a source text's `<doc-id>.yaml` may say about it."""

    title = fields.String(allow_none=True)
    url = fields.Url(allow_none=True, schemes={"http", "https"})
    author = fields.String(allow_none=True)
    publisher = fields.String(allow_none=True)
    published = fields.String(
        allow_none=True,
        validate=[
            validate.Regexp(PUBLISHED, error="not YYYY, YYYY-MM or YYYY-MM-DD"),
            lambda value: _real_day(value),
        ],
    )
    published_inferred = fields.Boolean(load_default=False)
    published_basis = fields.String(allow_none=True)
    language = fields.String(load_default="en")
    note = fields.String(allow_none=True)
    links = fields.List(fields.Nested(LinkEntrySchema), load_default=list)
    kind_overrides = fields.Dict(
        keys=fields.String(validate=validate.Length(min=1)),
        values=fields.String(validate=validate.OneOf(PARAGRAPH_KINDS)),
        load_default=dict,
    )


def _real_day(value: str) -> bool:
    """Refuse a day the calendar does not have ("2024-02-30")."""
    if len(value) == 10:
        try:
            date.fromisoformat(value)
        except ValueError:
            raise ValidationError("not a day of the calendar") from None
    return True


def corpus_paths(source_dir: Path) -> list[Path]:
    """List the source texts under source_dir, in the order of their documents' ids (the
    reading order: "floods" before "floods-2", which file names would put after it)."""
    if not source_dir.is_dir():
        raise BuildError(source_dir, None, "source directory not found")
    return sorted(source_dir.glob("*.txt"), key=lambda path: path.stem)


def load_corpus(source_dir: Path) -> list[Document]:
    """Read every source text under source_dir, in name order, with its metadata."""
    return [load_document(path) for path in corpus_paths(source_dir)]


def load_document(path: Path) -> Document:
    """Read one source text and the metadata file beside it."""
    if not DOCUMENT_ID.match(path.stem):
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
        _check_links(meta_path, meta_raw, metadata["links"], source)
    else:
        metadata = MetadataSchema().load({})
    language = detect(source)
    if language != ANALYSED:
        raise BuildError(path, None, not_analysed(language))
    metadata["language"] = language  # what the text is, whatever its metadata says
    return Document(path.stem, path, source, hashlib.sha256(raw).hexdigest(), metadata, meta_sha)


def _check_links(path: Path, raw: bytes, links: list[dict], source: str) -> None:
    """Hold each recorded link to the text: in range, and on the words it names."""
    for index, link in enumerate(links):
        start, end = link["start"], link["end"]
        if end <= start or end > len(source):
            reason = f"link {index + 1}: offsets {start}-{end} are not inside the text"
        elif link["text"] is not None and source[start:end] != link["text"]:
            reason = f"link {index + 1}: the text at {start}-{end} is not {link['text']!r}"
        else:
            continue
        node, _ = parse_yaml(path, raw.decode("utf-8", errors="replace"))
        raise BuildError(path, item_line(node, "links", index), reason)


def load_metadata(path: Path, raw: bytes) -> dict:
    """Parse and validate a metadata file, naming the line of the first bad key."""
    node, data = parse_yaml(path, raw.decode("utf-8", errors="replace"))
    if not isinstance(data, dict):
        raise BuildError(path, 1, "metadata must be a mapping of keys to values")
    return load_with(MetadataSchema(), path, node, _plain_dates(data))


def parse_yaml(path: Path, text: str | None = None):
    """Parse a YAML file into its node tree (for line numbers) and its data."""
    if text is None:
        text = path.read_text(encoding="utf-8")
    # One pass of libyaml's parser gives both: the nodes, and the data made from them.
    loader = LOADER(text)
    try:
        node = loader.get_single_node()
        return node, loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise BuildError(
            path, mark.line + 1 if mark else None, str(error).splitlines()[0]
        ) from None
    finally:
        loader.dispose()


def load_with(schema: Schema, path: Path, node, data):
    """Validate parsed YAML through a schema, failing on the line of the first error."""
    try:
        return schema.load(data if data is not None else {})
    except ValidationError as error:
        raise BuildError(path, *locate(node, error.messages)) from None


def locate(node, messages) -> tuple[int, str]:
    """Follow the first marshmallow error down the YAML tree: (its line, "path: reason")."""
    line = node.start_mark.line + 1 if node is not None else 1
    path: list[str] = []
    while isinstance(messages, dict):
        key, messages = next(iter(messages.items()))
        if key in ("key", "value"):  # the inner layer of a Dict field's errors
            continue
        node, found = child(node, key)
        line = found or line
        if isinstance(key, int) and path:
            path[-1] += f" item {key + 1}"
        else:
            path.append(str(key))
    reason = messages[0] if isinstance(messages, list) else str(messages)
    return line, ": ".join([*path, reason])


def child(node, key) -> tuple[yaml.Node | None, int | None]:
    """Return the node under a mapping key or sequence index, and its 1-based line."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value in node.value:
            if key_node.value == key:
                return value, key_node.start_mark.line + 1
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
        item = node.value[key]
        return item, item.start_mark.line + 1
    return None, None


def item_line(node, key: str, index: int, field: str | None = None) -> int | None:
    """Return the line of the index-th item under a top-level key, or of one of its fields."""
    items, line = child(node, key)
    item, line = child(items, index)
    if field is not None:
        line = child(item, field)[1] or line
    return line


def _plain_dates(data: dict) -> dict:
    """Give back as text a `published` value that YAML read as a date or a number."""
    published = data.get("published")
    if published is not None and hasattr(published, "isoformat"):
        return {**data, "published": published.isoformat()}
    if isinstance(published, int) and not isinstance(published, bool):
        return {**data, "published": str(published)}
    return data
