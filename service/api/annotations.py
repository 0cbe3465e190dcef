"""Everything as W3C Web Annotations (JSON-LD), for annotation viewers and notebooks."""

import json
from urllib.parse import urlencode

from flask import Blueprint, Response, request

from service import webanno
from service.api import store
from service.errors import NotFound
from service.exports import export
from service.pagination import decode_cursor, encode_cursor
from service.schemas import ANNOTATION_ID, AnnotationListArgs, ArgsSchema, check_id, load_args

FIRST = [-1, -1, ""]  # a key before every annotation
JSON_LD = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'
bp = Blueprint("annotations", __name__)


def _origin() -> str:
    """Return this server's origin, which annotation ids are made absolute against."""
    return request.host_url.rstrip("/")


def _item(row: dict) -> dict:
    """Load a stored annotation and make its ids absolute."""
    return webanno.absolute(json.loads(row["json"]), _origin())


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
        return store().list_annotations(args, after, limit)

    if args["format"] != "json":
        return export("annotations", fetch, "key", _item, args["format"])
    after = decode_cursor("annotations", args["cursor"], [int, int, str])
    rows, total = fetch(after, args["limit"])
    items = [_item(row) for row in rows[: args["limit"]]]
    # The first page has a cursor of its own, so that it can be fetched by its id.
    here = args["cursor"] or encode_cursor("annotations", FIRST)
    page = {
        "id": _url(here),
        "type": "AnnotationPage",
        "partOf": _url(),
        "items": items,
    }
    if len(rows) > args["limit"]:
        page["next"] = _url(encode_cursor("annotations", rows[args["limit"] - 1]["key"]))
    if args["cursor"] is not None:
        body = {"@context": webanno.CONTEXT, **page}
    else:
        page["startIndex"] = 0
        body = {
            "@context": webanno.CONTEXT,
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
    load_args(ArgsSchema(), request.args)
    body = store().annotation_json(check_id(id, ANNOTATION_ID, "annotation"))
    if body is None:
        raise NotFound(f"No annotation {id}.")
    annotation = webanno.absolute(json.loads(body), _origin())
    return Response(json.dumps(annotation, ensure_ascii=False), content_type=JSON_LD)
