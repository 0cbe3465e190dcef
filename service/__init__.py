"""Annotated-text and claims service: build a corpus database, serve it over HTTP.

`service.pipeline` writes the corpus database; `service.serve` answers HTTP from it
(read-only) and keeps what users write (annotations, tokens) in a store of its own. The
two share only `service.vocab` and `service.representations`; `service.analysis` lends
the build's code to the server for POST /v1/analyses.
"""


def create_app(config: dict | None = None):
    """Create the web app (imported on first use, so the build never loads Flask), with the
    build's analyser for POST /v1/analyses (which loads the build at its first analysis)."""
    from service.analysis import Analyser
    from service.config import load_settings
    from service.serve.app import create_app as create

    return create(config, analyse=Analyser(load_settings(config)))


__all__ = ["create_app"]
