"""Every entity tag the server sends, and what each one depends on.

| tag | depends on | where |
|---|---|---|
| `<build>-<hash>` | build id, URL (path and query), status, media type | every corpus read |
| body hash | the body alone | an analysis; a response when no build can be read |
| `c-<hash>` | build id, store revision, URL, Prefer | the container, its pages, `?creator=` |
| `r-<hash>` | build id, store revision, URL | a reader page (it shows users' notes) |
| `u-<hash>` | the annotation's content | one user annotation (If-Match compares it) |

A new build changes every corpus tag; any write to the store changes the container's
and the reader's, so a cache never serves a copy from before a write. Errors carry no tag:
only a representation has a version for If-None-Match or If-Match to name.
"""

import hashlib
import json


def _digest(*parts: object, size: int = 10) -> str:
    """Hash parts, as lines of text, to a short hex digest."""
    data = "\n".join(str(part) for part in parts).encode()
    return hashlib.blake2b(data, digest_size=size).hexdigest()


def corpus_read(base: str, full_path: str, status: int, mimetype: str) -> str:
    """Tag a read of the built corpus by its base (the build id, or the body when no
    build can be read), URL, status and media type."""
    return f"{base}-{_digest(full_path, status, mimetype, size=8)}"


def body(data: bytes) -> str:
    """Tag a response by its body: an analysis, or any when no build can be read."""
    return hashlib.blake2b(data, digest_size=8).hexdigest()


def container(build_id: str, revision: int, full_path: str, preference: str) -> str:
    """Tag a container listing: any build or write changes it."""
    return f"c-{_digest(build_id, revision, full_path, preference)}"


def reader_page(build_id: str, revision: int, full_path: str) -> str:
    """Tag a reader page, which shows users' notes beside the build."""
    return f"r-{_digest(build_id, revision, full_path)}"


def user_annotation(annotation: dict) -> str:
    """Tag a user annotation by its content."""
    return f"u-{_digest(json.dumps(annotation, sort_keys=True, ensure_ascii=False))}"
