"""Annotated-text and claims service: build a corpus database, serve it over HTTP.

`service.pipeline` writes the corpus database; `service.serve` answers HTTP from it
(read-only) and keeps what users write (annotations, tokens) in a store of its own. The
two share only `service.vocab` and `service.representations`; `service.analysis` and
`service.intake` lend the build's code to the server for POST /v1/analyses and for checking
documents sent to be published, which `service.publisher` publishes.
"""


def create_app(config: dict | None = None):
    """Create the web app (imported on first use, so the build never loads Flask), with the
    build's analyser for POST /v1/analyses (which loads the build at its first analysis)
    and the intake that checks a document sent to POST|PUT /v1/documents."""
    from service.analysis import Analyser
    from service.config import load_settings
    from service.intake import Intake
    from service.serve.app import create_app as create

    settings = load_settings(config)
    return create(config, analyse=Analyser(settings), intake=Intake(settings))


__all__ = ["create_app"]
