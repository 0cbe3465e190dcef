"""Annotated-text and claims service: build a corpus database, serve it read-only."""

from service.app import create_app

__all__ = ["create_app"]
