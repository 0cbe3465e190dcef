"""The writable store: user annotations, API tokens and document jobs, apart from the built
corpus."""

from service.serve.annotations.userstore.base import (
    Conflict,
    StoreError,
    StoreUnwritable,
    UserStore,
)


def open_user_store(location: str) -> UserStore:
    """Open the store a setting names: a PostgreSQL URL, else a SQLite file path."""
    if location.startswith(("postgresql://", "postgres://")):
        from service.serve.annotations.userstore.postgres import PostgresStore

        return PostgresStore(location)
    from service.serve.annotations.userstore.sqlite import SqliteStore

    return SqliteStore(location)


__all__ = ["Conflict", "StoreError", "StoreUnwritable", "UserStore", "open_user_store"]
