"""The publisher: apply the document jobs the API queued to the corpus, one at a time.

A job is taken from the writable store (`userstore.leases`), its change written into the
corpus of record as `claims add` and `claims remove` write it (`changes.py`), and the
change published into the served database in place (`service.pipeline.incremental`), or
the database rebuilt and swapped in when that path cannot take it, under a lock that
lets one publisher at a time change a corpus (`lock.py`). `worker.py` runs the loop, with its
heartbeat and the recovery of jobs whose publisher died; `alongside.py` runs one beside
`claims serve`.
"""
