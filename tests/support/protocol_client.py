"""A small HTTP client for tests against a real server, and a token made by the CLI."""

import json
import subprocess
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

JSON_LD = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'


@dataclass
class Answer:
    """What a server answered: the body parsed as JSON where it is JSON, and as sent."""

    status: int
    headers: dict
    body: object
    raw: bytes

    def header(self, name: str) -> str | None:
        """Return a header, whatever its case."""
        return self.headers.get(name.lower())


def call(method: str, url: str, headers: dict | None = None, body=None) -> Answer:
    """Send one request; never raise for an HTTP error status."""
    data = body if isinstance(body, bytes) or body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            status, raw, found = response.status, response.read(), response.headers
    except urllib.error.HTTPError as error:
        status, raw, found = error.code, error.read(), error.headers
    lowered = {name.lower(): value for name, value in found.items()}
    try:
        parsed = json.loads(raw) if raw else None
    except ValueError:
        parsed = raw
    return Answer(status, lowered, parsed, raw)


def make_token(store: Path | str, name: str) -> str:
    """Make a token with `claims token create`, as a user would; return its last line."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "service.cli",
            "token",
            "create",
            "--name",
            name,
            "--store",
            str(store),
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return result.stdout.strip().splitlines()[-1]


def writer_headers(token: str, **more) -> dict:
    """Headers of a write: the token and the protocol's media type."""
    return {"Authorization": f"Bearer {token}", "Content-Type": JSON_LD, **more}
