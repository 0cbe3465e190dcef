"""Everything as W3C Web Annotations (JSON-LD), for annotation viewers and notebooks."""

import json
from urllib.parse import urlencode

from flask import Blueprint, Response, request

from service.serve.api import detail, store
from service.serve.args import AnnotationListArgs, load_args
from service.serve.exports import export
from service.serve.pagination import decode_cursor, encode_cursor, every_row, split_page
from service.vocab import ANNOTATION_ID, WEB_ANNOTATION_CONTEXT

FIRST = [-1, -1, ""]  # a key before every annotation
URL_KEYS = {"id", "source"}
JSON_LD = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'
bp = Blueprint("annotations", __name__)


def _origin() -> str:
    """Return this server's origin, which annotation ids are made absolute against."""
    return request.host_url.rstrip("/")


def _item(row: dict) -> dict:
    """Load a stored annotation and make its ids absolute."""
    return absolute(json.loads(row["json"]), _origin())


def _url(cursor: str | None = None) -> str:
    """Return this collection's URL with its filters, optionally at a page."""
    query = {k: v for k, v in request.args.items() if k not in ("cursor", "format")}
    if cursor:
        query["cursor"] = cursor
    encoded = urlencode(query)
    return request.base_url + (f"?{encoded}" if encoded else "")


@bp.get("/v1/annotations")
def list_annotations():
    """Serve an AnnotationCollection with its first page, or the page a cursor names."""
    args = load_args(AnnotationListArgs(), request.args)

    def fetch(after, limit):
        """Fetch a page of annotations matching the filters."""
        return store().list_annotations(args, after, limit)

    after = decode_cursor("annotations", args["cursor"], [int, int, str])
    if args["format"] != "json":
        return export("annotations", every_row(fetch, "key"), _item, args["format"])
    rows, total = fetch(after, args["limit"])
    rows, last = split_page(rows, args["limit"])
    items = [_item(row) for row in rows]
    # The first page has a cursor of its own, so that it can be fetched by its id.
    here = args["cursor"] or encode_cursor("annotations", FIRST)
    page = {
        "id": _url(here),
        "type": "AnnotationPage",
        "partOf": _url(),
        "items": items,
    }
    if last is not None:
        page["next"] = _url(encode_cursor("annotations", last["key"]))
    if args["cursor"] is not None:
        body = {"@context": WEB_ANNOTATION_CONTEXT, **page}
    else:
        page["startIndex"] = 0
        body = {
            "@context": WEB_ANNOTATION_CONTEXT,
            "id": _url(),
            "type": "AnnotationCollection",
            "label": "Entities, dates, claims and claim relations of the corpus",
            "total": total,
            "first": page,
        }
    return Response(json.dumps(body, ensure_ascii=False), content_type=JSON_LD)


@bp.get("/v1/annotations/<id>")
def get_annotation(id: str):
    """Serve one Web Annotation."""
    return detail(id, ANNOTATION_ID, "annotation", store().annotation_json, _render)


def _render(stored: str) -> Response:
    """Serve a stored annotation as JSON-LD, its ids made absolute."""
    annotation = absolute(json.loads(stored), _origin())
    return Response(json.dumps(annotation, ensure_ascii=False), content_type=JSON_LD)


def absolute(value, origin: str):
    """Give every path under "id" or "source" the server's origin."""
    if isinstance(value, dict):
        return {
            k: origin + v
            if k in URL_KEYS and isinstance(v, str) and v.startswith("/")
            else absolute(v, origin)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [absolute(v, origin) for v in value]
    return value
