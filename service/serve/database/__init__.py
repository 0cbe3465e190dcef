"""The corpus database, read-only: the store, its queries, full-text search and exports."""
