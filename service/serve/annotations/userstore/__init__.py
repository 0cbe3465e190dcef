"""The writable store: user annotations and API tokens, apart from the built corpus."""

from flask import current_app

from service.serve.annotations.userstore.base import Conflict, UserStore


def open_user_store(location: str) -> UserStore:
    """Open the store a setting names: a PostgreSQL URL, else a SQLite file path."""
    if location.startswith(("postgresql://", "postgres://")):
        from service.serve.annotations.userstore.postgres import PostgresStore

        return PostgresStore(location)
    from service.serve.annotations.userstore.sqlite import SqliteStore

    return SqliteStore(location)


def user_store() -> UserStore:
    """Return the app's writable store."""
    return current_app.extensions["claims_user_store"]


__all__ = ["Conflict", "UserStore", "open_user_store", "user_store"]
