"""Everything as W3C Web Annotations (JSON-LD): the build's, read-only, and users', writable."""

import json
from urllib.parse import urlencode

from flask import Blueprint, Response, request

from service.serve.annotations.arguments import AnnotationCollectionArgs
from service.serve.annotations.auth import writer
from service.serve.annotations.body import read_annotation
from service.serve.annotations.iris import absolute, request_origin
from service.serve.annotations.lifecycle import USER_ANNOTATION_ID, check_change, live, replacement
from service.serve.annotations.listings import Listing, built, written
from service.serve.annotations.protocol import READ_ONLY_ALLOW, as_annotation, json_ld
from service.serve.annotations.quota import check_quota, stored_size
from service.serve.api import detail
from service.serve.args import ArgsSchema, load_args
from service.serve.context import store, user_store
from service.serve.database.exports import export
from service.serve.errors import MethodNotAllowed
from service.serve.pagination import decode_cursor, encode_cursor, every_row, split_page
from service.vocab import ANNOTATION_ID, WEB_ANNOTATION_CONTEXT

DETAIL = "/v1/annotations/<id>"
bp = Blueprint("annotations", __name__)


def _item(row: dict) -> dict:
    """Load a stored annotation and make its ids absolute."""
    return absolute(json.loads(row["json"]), request_origin())


def _url(cursor: str | None = None) -> str:
    """Return this collection's URL with its filters, optionally at a page."""
    query = {k: v for k, v in request.args.items() if k not in ("cursor", "format")}
    if cursor:
        query["cursor"] = cursor
    encoded = urlencode(query)
    return request.base_url + (f"?{encoded}" if encoded else "")


@bp.get("/v1/annotations")
def list_annotations():
    """Serve an AnnotationCollection with its first page, or the page a cursor names: the
    build's annotations, or with `creator` the annotations that token wrote."""
    args = load_args(AnnotationCollectionArgs(), request.args)
    listing = written(args, request.full_path) if args.get("creator") else built(args)
    after = decode_cursor(listing.cursor, args["cursor"], listing.shape)
    if args["format"] != "json":
        response = export("annotations", every_row(listing.fetch, "key"), _item, args["format"])
    else:
        response = json_ld(_collection(listing, args, after))
    if listing.etag is not None:
        response.set_etag(listing.etag)
    return response


def _collection(listing: Listing, args: dict, after) -> dict:
    """Return the collection with its first page embedded, or the page `after` starts."""
    rows, total = listing.fetch(after, args["limit"])
    rows, last = split_page(rows, args["limit"])
    items = [_item(row) for row in rows]
    # The first page has a cursor of its own, so that it can be fetched by its id.
    here = args["cursor"] or encode_cursor(listing.cursor, listing.first)
    page: dict[str, object] = {
        "id": _url(here),
        "type": "AnnotationPage",
        "partOf": _url(),
        "items": items,
    }
    if last is not None:
        page["next"] = _url(encode_cursor(listing.cursor, last["key"]))
    if args["cursor"] is not None:
        return {"@context": WEB_ANNOTATION_CONTEXT, **page}
    page["startIndex"] = 0
    return {
        "@context": WEB_ANNOTATION_CONTEXT,
        "id": _url(),
        "type": "AnnotationCollection",
        "label": listing.label,
        "total": total,
        "first": page,
    }


@bp.route(DETAIL, methods=["GET", "OPTIONS"])
def get_annotation(id: str):
    """Serve one Web Annotation, the build's or a user's, with the protocol's headers."""
    if not _is_user(id):
        return detail(id, ANNOTATION_ID, "annotation", store().annotation_json, _read_only)
    load_args(ArgsSchema(), request.args)
    current = live(user_store().get(id), id)
    response = _render(current.annotation)
    response.set_etag(current.etag)
    return as_annotation(response, writable=True)


@bp.route(DETAIL, methods=["PUT"], provide_automatic_options=False)
def replace_annotation(id: str):
    """Replace a user annotation; If-Match must name its current ETag."""
    load_args(ArgsSchema(), request.args)
    name = writer()
    _refuse_read_only(id)
    incoming = read_annotation()
    origin = request_origin()

    def decide(current):
        """Check the change against the stored annotation and the token's allowance, under
        the store's lock."""
        changed = replacement(current, id, incoming, name, origin, store())
        before = stored_size(current.annotation) if current else 0
        check_quota(user_store(), name, stored_size(changed.annotation) - before)
        return changed

    changed = user_store().change(id, decide)
    response = _render(changed.annotation)
    response.set_etag(changed.etag)
    return as_annotation(response, writable=True)


@bp.route(DETAIL, methods=["DELETE"], provide_automatic_options=False)
def delete_annotation(id: str):
    """Delete a user annotation (If-Match, when sent, must name its current ETag)."""
    load_args(ArgsSchema(), request.args)
    name = writer()
    _refuse_read_only(id)

    def decide(current):
        """Check the deletion against the stored annotation, under the store's lock."""
        check_change(current, id, name, required=False)

    user_store().change(id, decide)
    return Response(status=204)


def _is_user(id: str) -> bool:
    """Tell a user annotation's id from the build's."""
    return bool(USER_ANNOTATION_ID.match(id))


def _refuse_read_only(id: str) -> None:
    """Answer 405 for a change to the build's annotation, 400 or 404 when there is none."""
    if _is_user(id):
        return
    detail(id, ANNOTATION_ID, "annotation", store().annotation_json)  # 400, 404 or 410
    raise MethodNotAllowed(
        f"Annotation '{id}' comes from the corpus build and is read-only; "
        "POST a new annotation to /v1/annotations/ instead.",
        headers={"Allow": READ_ONLY_ALLOW},
    )


def _read_only(stored: str) -> Response:
    """Serve one of the build's annotations, stored as JSON text."""
    return as_annotation(_render(json.loads(stored)), writable=False)


def _render(annotation: dict) -> Response:
    """Serve an annotation as JSON-LD, its ids made absolute."""
    response = json_ld(absolute(annotation, request_origin()))
    if request.method == "OPTIONS":
        response.set_data(b"")
    return response
