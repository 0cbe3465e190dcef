"""The build side: source texts and annotations in, one read-only SQLite database out.

inputs -> segment -> ids (locks) -> nlp -> temporal, claims -> assemble (records)
-> db.rows -> db.writer. Nothing here imports the serving side.
"""
