"""The W3C Web Annotation Protocol's write side: routes, container, body, targets, store.

Two URLs serve annotations, and both stay:

- `/v1/annotations` (`collection.py`) lists the build's own annotations (paragraphs,
  entities, dates, claims and their relations as W3C annotations) in cursor pages, like
  every other collection of the API. It is read-only and changes only with a build.
- `/v1/annotations/` (`container.py`) is the protocol's container: numbered pages of the
  build's annotations followed by users' annotations, and the place to POST new ones;
  `/v1/annotations/{id}` reads, replaces (PUT) or deletes (DELETE) a user's one.

A POST goes through these modules in order (with an `Idempotency-Key`,
`service.serve.idempotency` first answers a retry as its first try was answered, and
records a new answer in the transaction of step 4):

1. `auth.writer()` names the bearer token's owner, or answers 401;
2. `body.read_annotation()` reads one JSON object of an accepted media type and size;
3. `lifecycle.new_annotation()` gives it our id and creator, checks it against the W3C
   model (`w3c/`) and resolves its targets (`targets.py`: our paragraphs and claims must
   exist and their selectors fit);
4. `userstore` stores it (SQLite or PostgreSQL), and the container answers 201 with its
   `Location` and ETag, its IRIs made absolute for the request's host (`iris.py`).

`protocol.py` holds the protocol's vocabulary (media type, links, Allow, Prefer) and
`pages.py` the container's description and numbered pages.
"""
