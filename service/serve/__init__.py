"""The serving side: a Flask app that reads the corpus database and writes users' store.

The corpus database (`database/`) is opened read-only; what users write (annotations,
tokens) goes to the writable store (`annotations/userstore/`). Nothing here imports spaCy.
"""
