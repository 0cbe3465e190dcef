"""Sources: who claims things, curated in sources.yaml or found by the attribution detector."""

import re
from dataclasses import dataclass
from pathlib import Path

from marshmallow import Schema, fields, validate

from service.pipeline.inputs import BuildError, item_line, load_with, parse_yaml
from service.pipeline.records import Attribution, Source
from service.vocab import SOURCE_ID, SOURCE_TYPES, hex_id, slugify

SOURCES_FILE = "sources.yaml"


class SourceEntrySchema(Schema):
    """One source in sources.yaml."""

    id = fields.String(
        required=True, validate=validate.Regexp(SOURCE_ID, error="not a lower-case slug")
    )
    name = fields.String(required=True, validate=validate.Length(min=1))
    type = fields.String(required=True, validate=validate.OneOf(SOURCE_TYPES))
    entities = fields.List(fields.String(), load_default=list)
    aliases = fields.List(fields.String(validate=validate.Length(min=1)), load_default=list)
    description = fields.String(load_default=None)


class SourcesFileSchema(Schema):
    """The sources file."""

    sources = fields.List(fields.Nested(SourceEntrySchema), required=True)


class SourceRegistry:
    """Every source of the corpus: the curated ones, then those the detector names."""

    def __init__(self, curated: list[Source]):
        self.sources: dict[str, Source] = {}
        self._by_entity: dict[str, str] = {}
        # Every source with a name (not "officials"), by that name: a name is one source.
        self._by_name: dict[str, str] = {}
        for source in curated:
            self._add(source)
            for entity in source.entities:
                self._by_entity.setdefault(entity, source.id)

    def __contains__(self, source_id: str) -> bool:
        return source_id in self.sources

    def __getitem__(self, source_id: str) -> Source:
        return self.sources[source_id]

    def __iter__(self):
        return iter(self.sources.values())

    def resolve(
        self, attribution: Attribution, document_id: str, local: frozenset = frozenset()
    ) -> list[str]:
        """Name a detected source: a curated one by its entities, a named one by its exact
        name (so one name is one source across documents), else an unnamed one of this
        document alone: a description never reaches another text's source. `local` holds
        the curated sources this document's own curated claims name: only those may be
        matched by the words of a collective source ("Armenian sources")."""
        labels = dict(zip(attribution.source_entities, attribution.source_labels, strict=False))
        entities = sorted(attribution.source_entities, key=lambda e: labels.get(e) != "PERSON")
        known = [self._by_entity[e] for e in entities if e in self._by_entity]
        if known:
            return [known[0]] if labels.get(entities[0]) == "PERSON" else list(dict.fromkeys(known))
        name = attribution.source_name
        if name and not attribution.vague:
            if attribution.source_label == "PERSON" and " " not in name.strip():
                return [self.unnamed(name, document_id)]  # "Smith" alone: not one person everywhere
            return [self._named(name, attribution.source_label)]
        words = normal_name(attribution.source.text)
        for source_id in sorted(local):
            source = self.sources.get(source_id)
            if source and words in {normal_name(n) for n in [source.name, *source.aliases]}:
                return [source.id]
        return [self.unnamed(attribution.source.text, document_id)]

    def _named(self, name: str, label: str | None) -> str:
        """Return the source with exactly this name, adding it when it is new."""
        kind = {"PERSON": "official", "ORG": "unknown"}.get(label or "", "unknown")
        return self._by_name_or_new(
            name, kind, "Named in the text; found by the attribution detector."
        )

    def author(self, name: str) -> str:
        """Return the source for a document's author, who asserts its unsourced claims."""
        return self._by_name_or_new(name, "author", "The author of a text.")

    def publisher(self, name: str) -> str:
        """Return the source for a publisher, who asserts the unsigned text it published."""
        return self._by_name_or_new(name, "media", "The publisher of a text with no byline.")

    def _by_name_or_new(self, name: str, kind: str, description: str) -> str:
        """Return the named source called so, or add one with a fresh id."""
        wanted = normal_name(name)
        if wanted in self._by_name:
            return self._by_name[wanted]
        source_id = slugify(wanted) or "someone"
        while source_id in self.sources:
            source_id += "-x"
        self._add(Source(source_id, name, kind, [], description, curated=False))
        return source_id

    def get(self, source_id: str) -> Source | None:
        """Return a source by id, or None."""
        return self.sources.get(source_id)

    def keep(self, item: dict) -> None:
        """Keep a source a previous build detected, from its stored item, under its id."""
        fields = ("id", "name", "type", "entities", "description", "curated", "aliases")
        self._add(Source(**{key: item[key] for key in fields if key in item}))

    def _add(self, source: Source) -> None:
        """Keep a source, and its name when it has one."""
        self.sources[source.id] = source
        if source.type != "anonymous":
            self._by_name.setdefault(normal_name(source.name), source.id)

    def unnamed(self, words: str, document_id: str) -> str:
        """Return the unnamed source of one document ("officials", "residents")."""
        source_id = (
            f"{slugify(normal_name(words), 40) or 'someone'}-{hex_id('d', document_id)[2:10]}"
        )
        if source_id not in self.sources:
            description = "Unnamed in the text; found by the attribution detector."
            self._add(Source(source_id, words, "anonymous", description=description, curated=False))
        return source_id


@dataclass
class DocumentSources:
    """The registry as one document sees it: its id, its author, and the curated sources
    its own curated claims name (the only ones a collective source's words may match)."""

    registry: SourceRegistry
    document_id: str
    author: str | None = None
    local: frozenset = frozenset()
    publisher: str | None = None

    def resolve(self, attribution: Attribution) -> list[str]:
        """Name the source an attribution gives, as this document knows it."""
        return self.registry.resolve(attribution, self.document_id, self.local)

    def unnamed(self, words: str) -> str:
        """Return an unnamed source of this document."""
        return self.registry.unnamed(words, self.document_id)

    def authors(self) -> list[str]:
        """Return who asserts the document's unsourced claims: its author if named, else
        its publisher (wire copy carries no byline: the agency asserts it), if known."""
        if self.author:
            return [self.registry.author(self.author)]
        return [self.registry.publisher(self.publisher)] if self.publisher else []


def normal_name(text: str) -> str:
    """Lower-case words without quotes or articles, for comparing source names."""
    words = re.sub(r"[\"“”'‘’]", "", text.lower()).split()
    return " ".join(w for w in words if w not in ("the", "a", "an"))


def load_sources(annotations_dir: Path) -> SourceRegistry:
    """Read sources.yaml into a registry, failing on a bad or duplicate entry."""
    path = annotations_dir / SOURCES_FILE
    if not path.exists():
        return SourceRegistry([])
    node, data = parse_yaml(path)
    loaded = load_with(SourcesFileSchema(), path, node, data)
    seen: set[str] = set()
    for index, source in enumerate(loaded["sources"]):
        if source["id"] in seen:
            line = item_line(node, "sources", index)
            raise BuildError(path, line, f"duplicate source id '{source['id']}'")
        seen.add(source["id"])
    return SourceRegistry([Source(**source) for source in loaded["sources"]])
