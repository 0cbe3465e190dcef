"""The serving side: a Flask app over the read-only database. Nothing here imports spaCy."""
