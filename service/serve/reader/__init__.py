"""The reader: documents as annotated HTML pages, with their templates and static files."""
