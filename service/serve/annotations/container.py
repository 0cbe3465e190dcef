"""The W3C Web Annotation Protocol's container: read it in pages, POST to add an annotation."""

from flask import Blueprint, Response, request

from service.serve.annotations.arguments import ContainerListingArgs
from service.serve.annotations.auth import writer
from service.serve.annotations.body import MAX_BODY, read_annotation
from service.serve.annotations.iris import absolute, request_origin
from service.serve.annotations.lifecycle import new_annotation
from service.serve.annotations.pages import Container
from service.serve.annotations.protocol import (
    CONTAINER_PATH,
    as_annotation,
    as_container,
    as_page,
    json_ld,
    preference,
)
from service.serve.annotations.quota import check_quota, stored_size
from service.serve.annotations.userstore.base import StoredAnnotation
from service.serve.args import ArgsSchema, load_args
from service.serve.context import store, user_store
from service.serve.errors import NotFound
from service.serve.headers import etags
from service.serve.idempotency import idempotent, once

bp = Blueprint("container", __name__)


@bp.route(CONTAINER_PATH, methods=["GET", "OPTIONS"])
def container():
    """Describe the container (with its first page unless Prefer asks otherwise), or a page."""
    args = load_args(ContainerListingArgs(), request.args)
    wanted = "descriptions" if "page" in args else preference(request.headers.get("Prefer"))
    iris = bool(args["iris"]) or wanted == "iris"
    tag = _tag(wanted)  # before the body, so that a write in between cannot mislabel it
    view = Container(args, request_origin(), store(), user_store(), iris)
    if "page" in args and args["page"] > view.last:
        raise NotFound(f"The container has pages 0 to {view.last}.")
    # A preflight, or a client revalidating what it holds, needs the headers, not a page.
    unchanged = request.if_none_match.contains(tag)
    empty = request.method == "OPTIONS" or unchanged
    if "page" in args:
        body = {} if empty else view.page(args["page"])
        response = as_page(json_ld(body), view.iri(args["page"]))
    else:
        body = {} if empty else view.description(minimal=wanted == "minimal")
        response = as_container(json_ld(body), view.iri())
        if request.headers.get("Prefer"):
            response.headers["Preference-Applied"] = "return=representation"
    response.set_etag(tag)
    if empty:
        response.set_data(b"")
        response.status_code = 304 if unchanged and request.method != "OPTIONS" else 200
    return response


@bp.route(CONTAINER_PATH, methods=["POST"], provide_automatic_options=False)
@idempotent(lambda: MAX_BODY)
def create():
    """Store a new annotation made with a token; answer 201 with it and its Location."""
    load_args(ArgsSchema(), request.args)
    creator = writer()
    annotation = new_annotation(read_annotation(), creator, request_origin(), store())
    check_quota(user_store(), creator, stored_size(annotation.annotation))
    return once(lambda: user_store().add(annotation), lambda _: _created(annotation))


def _created(annotation: StoredAnnotation) -> Response:
    """Answer 201 with a new annotation, its Location and its ETag."""
    body = absolute(annotation.annotation, request_origin())
    response = json_ld(body, status=201)
    response.headers["Location"] = body["id"]
    response.set_etag(annotation.etag)
    return as_annotation(response, writable=True)


def _tag(wanted: str) -> str:
    """Tag a listing by build, store revision, URL and preference: any write changes it."""
    build_id, revision = store().meta()["build_id"], user_store().revision()
    return etags.container(build_id, revision, request.full_path, wanted)
