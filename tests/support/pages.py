"""Parse a page into elements with the standard library's HTML parser, so that a test asks
about elements and their attributes rather than about the page's characters."""

from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

# Elements that never have an end tag.
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)


@dataclass(eq=False)
class Element:
    """One element: its tag, its attributes, and its content (text and elements, in order)."""

    tag: str
    attrs: dict[str, str | None]
    content: list["Element | str"] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        """The words of its class attribute."""
        return set((self.attrs.get("class") or "").split())

    @property
    def text(self) -> str:
        """All the text inside, references resolved, as a browser's textContent."""
        return "".join(part if isinstance(part, str) else part.text for part in self.content)

    def iter(self) -> Iterator["Element"]:
        """Yield every element inside, in document order."""
        for part in self.content:
            if isinstance(part, Element):
                yield part
                yield from part.iter()

    def find_all(self, tag: str | None = None, classes: str = "", **attrs) -> list["Element"]:
        """Return the elements inside with this tag, at least these classes, and these attributes.

        An attribute is named with "_" for "-" (data_claim for data-claim; class_ for class);
        True asks only that the attribute be there.
        """
        wanted = {name.rstrip("_").replace("_", "-"): value for name, value in attrs.items()}
        return [
            element
            for element in self.iter()
            if (tag is None or element.tag == tag)
            and set(classes.split()) <= element.classes
            and all(
                name in element.attrs if value is True else element.attrs.get(name) == value
                for name, value in wanted.items()
            )
        ]

    def one(self, tag: str | None = None, classes: str = "", **attrs) -> "Element":
        """Return the only element inside that matches; fail if there is none or several."""
        found = self.find_all(tag, classes, **attrs)
        assert len(found) == 1, f"{len(found)} elements match {tag} {classes!r} {attrs}"
        return found[0]


class _Builder(HTMLParser):
    """Build the element tree as the parser reads."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.document = Element("#document", {})
        self.open = [self.document]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, dict(attrs))
        self.open[-1].content.append(element)
        if tag not in VOID:
            self.open.append(element)

    def handle_startendtag(self, tag, attrs):
        self.open[-1].content.append(Element(tag, dict(attrs)))

    def handle_endtag(self, tag):
        # An end tag closes its element and any left open inside it; a stray one closes nothing.
        for depth in range(len(self.open) - 1, 0, -1):
            if self.open[depth].tag == tag:
                del self.open[depth:]
                return

    def handle_data(self, data):
        self.open[-1].content.append(data)


def parse(html: str) -> Element:
    """Parse a page; return the document, the element that holds all others."""
    builder = _Builder()
    builder.feed(html)
    builder.close()
    return builder.document
