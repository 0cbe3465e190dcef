"""HTTP resources, one blueprint each."""

from flask import current_app

from service.db import Store


def store() -> Store:
    """Return the app's read-only database store."""
    return current_app.extensions["claims_store"]
