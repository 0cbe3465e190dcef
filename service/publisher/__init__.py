"""The publisher: apply the document jobs the API queued to the corpus, one at a time.

A job is taken from the writable store (`userstore.leases`), its change written into the
corpus of record as `claims add` and `claims remove` write it (`changes.py`), and the
database rebuilt and swapped in as `claims build` does, under a lock that lets one
publisher at a time change a corpus (`lock.py`). `worker.py` runs the loop, with its
heartbeat and the recovery of jobs whose publisher died; `alongside.py` runs one beside
`claims serve`.
"""
