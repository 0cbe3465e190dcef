"""HTTP resources, one blueprint each, and the helpers their views share."""

import re
from collections.abc import Callable

from flask import Response, request

from service.serve.args import ArgsSchema, check_id, load_args
from service.serve.context import store
from service.serve.errors import Gone, NotFound


def detail(id: str, pattern: re.Pattern, what: str, lookup: Callable, render=None):
    """Answer a detail route: check the id, look it up, 404 if absent, else serve it.

    `lookup(id)` returns stored JSON text, served as it is, or a record that `render`
    turns into a response body.
    """
    load_args(ArgsSchema(), request.args)
    found = lookup(check_id(id, pattern, what))
    if found is None:
        gone_if_retired(what, id)
        raise NotFound(f"No {what} '{id}'.")
    if render is not None:
        return render(found)
    return Response(found, mimetype="application/json")


def gone_if_retired(what: str, id: str) -> None:
    """Raise 410 for an ID of a removed document, saying when and why it went."""
    retired = store().gone(what, id)
    if retired is None:
        return
    document = f"document '{retired['document_id']}'"
    if retired["title"]:
        document += f" ({retired['title']})"
    subject = document if what == "document" else f"{what} '{id}' of {document}"
    raise Gone(
        f"The {subject} was removed on {retired['retired_at']}: {retired['reason']}.",
        extra={
            "document_id": retired["document_id"],
            "retired_at": retired["retired_at"],
            "reason": retired["reason"],
        },
    )
