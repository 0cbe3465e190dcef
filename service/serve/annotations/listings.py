"""What /v1/annotations lists: the build's annotations, or with `creator` what that token wrote.

The build's annotations carry no creator, so a `creator` filter matches none of them and
lists users' annotations instead: the token's own, oldest first, in keyset pages on the
order the store gave them (its `seq`), filtered as the container filters them.
"""

from collections.abc import Callable
from dataclasses import dataclass

from service.serve.annotations.pages import FILTERS
from service.serve.context import store, user_store
from service.serve.headers import etags

Fetch = Callable[[object, int], tuple[list[dict], int]]


@dataclass(frozen=True)
class Listing:
    """One kind of annotation listing: its cursors' name, shape and first key, how it
    fetches a page (one row more than asked, and the total), its label, and its ETag
    (None: the build's, which the server tags by build and URL)."""

    cursor: str
    shape: object
    first: object
    fetch: Fetch
    label: str
    etag: str | None = None


def built(args: dict) -> Listing:
    """List the build's annotations in reading order."""

    def fetch(after, limit):
        """Fetch a page of the build's annotations matching the filters."""
        return store().list_annotations(args, after, limit)

    label = "Entities, dates, claims and claim relations of the corpus"
    return Listing("annotations", [int, int, str], [-1, -1, ""], fetch, label)


def written(args: dict, full_path: str) -> Listing:
    """List the annotations one token wrote, oldest first; tagged by the store's revision,
    read before any page, so that a write in between cannot mislabel it."""
    filters = {key: args[key] for key in FILTERS if args.get(key)}
    users = user_store()
    tag = etags.container(store().meta()["build_id"], users.revision(), full_path, "written")

    def fetch(after, limit):
        """Fetch a page of the token's annotations, one more than asked, and their total."""
        rows = users.after(filters, after or 0, limit + 1)
        return [{"key": seq, "json": text} for seq, text in rows], users.count(filters)

    label = f"Annotations written with the token '{args['creator']}'"
    return Listing("written-annotations", int, 0, fetch, label, tag)
