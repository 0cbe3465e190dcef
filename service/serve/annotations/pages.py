"""The annotation container's description and pages: the build's annotations, then users'.

Pages are numbered (the protocol's `first`, `last`, `prev` and `next` need that); each
holds a slice of one sequence, the corpus's annotations in reading order followed by
user annotations in the order they were made. A page is bounded in bytes as well as in
items: annotations are given in full while they fit in MAX_PAGE_CHARS, and the rest of
the page by their IRIs, which a client fetches one by one.
"""

import json
from urllib.parse import urlencode

from service.serve.annotations.iris import absolute
from service.serve.annotations.protocol import CONTAINER_PATH, LDP_CONTEXT
from service.serve.annotations.userstore import UserStore
from service.serve.database.store import Store
from service.vocab import WEB_ANNOTATION_CONTEXT

FILTERS = ("document", "paragraph", "motivation", "creator")
DEFAULT_LIMIT = 100
# Characters of stored annotation JSON a page gives in full: far above a page of real
# annotations (500 of 2 KB), and at most two of the largest a client may post (1 MiB each).
MAX_PAGE_CHARS = 2 * 1024 * 1024
LABEL = "Annotations of the corpus: what the build found, then what users wrote"


class Container:
    """One view of the container: its filters, page size and whether items are IRIs."""

    def __init__(self, args: dict, origin: str, corpus: Store, users: UserStore, iris: bool):
        self.filters = {k: args[k] for k in FILTERS if args.get(k)}
        self.limit, self.origin, self.iris = args["limit"], origin, iris
        self.corpus, self.users = corpus, users
        # The build's annotations have no creator: asked for one, only users' ones are left.
        self.built = 0 if "creator" in self.filters else corpus.count_annotations(self.filters)
        self.total = self.built + users.count(self.filters)
        self.last = max(0, -(-self.total // self.limit) - 1)

    def iri(self, page: int | None = None) -> str:
        """Return the IRI of the container (page None) or of one of its pages."""
        query = dict(self.filters)
        if self.limit != DEFAULT_LIMIT:
            query["limit"] = self.limit
        if self.iris:
            query["iris"] = 1
        if page is not None:
            query["page"] = page
        return f"{self.origin}{CONTAINER_PATH}" + (f"?{urlencode(query)}" if query else "")

    def description(self, minimal: bool) -> dict:
        """Describe the container, with its first page embedded unless asked for less."""
        return {
            "@context": [WEB_ANNOTATION_CONTEXT, LDP_CONTEXT],
            "id": self.iri(),
            "type": ["BasicContainer", "AnnotationCollection"],
            "label": LABEL,
            "total": self.total,
            "first": self.iri(0) if minimal else self.page(0, embedded=True),
            "last": self.iri(self.last),
        }

    def page(self, number: int, embedded: bool = False) -> dict:
        """Return one page: its place in the sequence, links to its neighbours, its items."""
        page: dict[str, object] = {"id": self.iri(number), "type": "AnnotationPage"}
        if not embedded:
            page = {"@context": WEB_ANNOTATION_CONTEXT, **page}
            page["partOf"] = {"id": self.iri(), "total": self.total}
        page["startIndex"] = number * self.limit
        if number > 0:
            page["prev"] = self.iri(number - 1)
        if number < self.last:
            page["next"] = self.iri(number + 1)
        page["items"] = self._items(number * self.limit)
        return page

    def _items(self, offset: int) -> list[dict | str]:
        """Return a page's annotations, each in full while the page's budget lasts, else its
        IRI; IRIs made absolute."""
        budget = 0 if self.iris else MAX_PAGE_CHARS
        items: list[dict | str] = []
        if offset < self.built:
            for text in self.corpus.annotations_at(self.filters, offset, self.limit):
                annotation = json.loads(text)
                if len(text) <= budget:
                    items.append(annotation)
                    budget -= len(text)
                else:
                    items.append(annotation["id"])
        rest = self.limit - len(items)
        if rest > 0:
            sized = self.users.sizes(self.filters, max(0, offset - self.built), rest)
            full = []
            for id, size in sized:
                if size <= budget:
                    full.append(id)
                    budget -= size
            found = self.users.by_ids(full)  # only those in full are read at all
            items += [found.get(id, f"{CONTAINER_PATH}{id}") for id, _ in sized]
        return [absolute(item, self.origin, "id") for item in items]
