"""What shapes a build besides its code and inputs: the schema, the model, the libraries."""

from importlib import metadata

SCHEMA_VERSION = "6"
# Libraries whose upgrade can change what the build writes, as the model can.
SHAPING_LIBRARIES = ("spacy", "rapidfuzz", "dateparser", "marshmallow", "pyyaml")


def model_version(model: str) -> str | None:
    """Return the installed version of the model package, without importing spaCy."""
    try:
        return metadata.version(model)
    except metadata.PackageNotFoundError:
        return None
