"""Interactive API documentation: Swagger UI 5 from the swagger-ui-py package, no CDN."""

from pathlib import Path

import swagger_ui
from flask import Blueprint, Response, request, send_from_directory

from service.serve.args import ArgsSchema, load_args
from service.serve.errors import NotFound

SWAGGER_ASSETS = Path(swagger_ui.__file__).parent / "static"
OWN_ASSETS = Path(__file__).resolve().parents[1] / "reader" / "static"
ASSETS = {
    "swagger-ui.css": SWAGGER_ASSETS,
    "swagger-ui-bundle.js": SWAGGER_ASSETS,
    "favicon-32x32.png": SWAGGER_ASSETS,
    "docs.js": OWN_ASSETS,
}
PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Claims API</title>
  <link rel="stylesheet" href="/docs/assets/swagger-ui.css">
  <link rel="icon" href="/docs/assets/favicon-32x32.png">
</head>
<body>
  <div id="swagger-ui">
    <p>The API contract is at <a href="/openapi.yaml">/openapi.yaml</a>.</p>
  </div>
  <script src="/docs/assets/swagger-ui-bundle.js"></script>
  <script src="/docs/assets/docs.js"></script>
</body>
</html>
"""
# Swagger UI sets style attributes from its script, which a strict policy would block.
DOCS_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)
bp = Blueprint("docs", __name__)


@bp.get("/docs")
def docs():
    """Serve the Swagger UI page for /openapi.yaml."""
    load_args(ArgsSchema(), request.args)
    return Response(PAGE, mimetype="text/html", headers={"Content-Security-Policy": DOCS_POLICY})


@bp.get("/docs/assets/<name>")
def asset(name: str):
    """Serve one of the few files the docs page needs."""
    if name not in ASSETS:
        raise NotFound(f"No docs asset '{name}'.")
    return send_from_directory(ASSETS[name], name, max_age=3600)
