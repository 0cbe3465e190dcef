"""Check JSON-LD in schema.org terms against the schema.org vocabulary itself."""

import gzip
import json
import re
from functools import cached_property
from pathlib import Path

VOCABULARY = Path(__file__).parents[1] / "data/schema-org/schemaorg-current-https.jsonld.gz"
DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?\Z")
DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?\Z")
URL = re.compile(r"https?://[^\s]+\Z")
# What a literal of each data type looks like; Text takes any string.
LITERALS = {
    "Text": lambda v: isinstance(v, str),
    "URL": lambda v: isinstance(v, str) and bool(URL.match(v)),
    "Date": lambda v: isinstance(v, str) and bool(DATE.match(v)),
    "DateTime": lambda v: isinstance(v, str) and bool(DATE_TIME.match(v)),
    "Integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "Number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "Boolean": lambda v: isinstance(v, bool),
}


def _ids(value) -> list[str]:
    """Return the schema.org names a vocabulary node links to."""
    values = value if isinstance(value, list) else [value] if value else []
    return [v["@id"].removeprefix("schema:") for v in values]


class Vocabulary:
    """The classes and properties of schema.org, with their hierarchy, domains and ranges."""

    def __init__(self, path: Path = VOCABULARY):
        graph = json.loads(gzip.decompress(path.read_bytes()))["@graph"]
        self.parents: dict[str, list[str]] = {}
        self.domains: dict[str, set[str]] = {}
        self.ranges: dict[str, set[str]] = {}
        for node in graph:
            name, kinds = node["@id"].removeprefix("schema:"), node["@type"]
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if "rdf:Property" in kinds:
                self.domains[name] = set(_ids(node.get("schema:domainIncludes")))
                self.ranges[name] = set(_ids(node.get("schema:rangeIncludes")))
            else:
                self.parents[name] = _ids(node.get("rdfs:subClassOf"))

    @cached_property
    def data_types(self) -> set[str]:
        """Name every data type: what literals are."""
        return {name for name in self.parents if self.is_a(name, "DataType")} | set(LITERALS)

    def lineage(self, name: str) -> set[str]:
        """Return a class and every class above it."""
        seen, todo = set(), [name]
        while todo:
            current = todo.pop()
            if current not in seen:
                seen.add(current)
                todo += self.parents.get(current, [])
        return seen

    def is_a(self, name: str, other: str) -> bool:
        """Tell whether a class is another or below it."""
        return other in self.lineage(name)

    def problems(self, node: dict, where: str = "$", expected: set[str] | None = None) -> list:
        """List what in a node, and the nodes in it, the vocabulary does not allow."""
        if set(node) <= {"@id"}:
            return [] if "@id" in node else [f"{where}: an empty node"]
        kind = node.get("@type")
        if kind not in self.parents:
            return [f"{where}: @type {kind!r} is not a schema.org class"]
        found = []
        if expected and not any(self.is_a(kind, wanted) for wanted in expected):
            found.append(f"{where}: a {kind} where {sorted(expected)} is expected")
        lineage = self.lineage(kind)
        for name, value in node.items():
            if name.startswith("@"):
                continue
            if name not in self.domains:
                found.append(f"{where}.{name}: not a schema.org property")
            elif not self.domains[name] & lineage:
                found.append(f"{where}.{name}: not a property of {kind}")
            else:
                for index, item in enumerate(value if isinstance(value, list) else [value]):
                    found += self._value(item, f"{where}.{name}[{index}]", self.ranges[name])
        return found

    def _value(self, value, where: str, ranges: set[str]) -> list:
        """List what is wrong with one value of a property whose range is `ranges`."""
        if isinstance(value, dict):
            return self.problems(value, where, ranges - self.data_types or None)
        literal = [kind for kind in ranges if kind in LITERALS]
        if any(LITERALS[kind](value) for kind in literal):
            return []
        return [f"{where}: {value!r} is none of {sorted(ranges)}"]
