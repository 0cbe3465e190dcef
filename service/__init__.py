"""Annotated-text and claims service: build a corpus database, serve it over HTTP.

`service.pipeline` writes the corpus database; `service.serve` answers HTTP from it
(read-only) and keeps what users write (annotations, tokens) in a store of its own. The
two share only `service.vocab` and `service.representations`.
"""


def create_app(config: dict | None = None):
    """Create the web app (imported on first use, so the build never loads Flask)."""
    from service.serve.app import create_app as create

    return create(config)


__all__ = ["create_app"]
