"""CLAIMS_FRAME_ANCESTORS names the sites that may show the reader in a frame; the API, the
docs and the contract stay unframeable, and a value that is not an origin stops the app."""

import os
import signal
import subprocess
import sys

import pytest

from service import create_app
from service.config import SettingError
from tests.support.corpus import DOC_ID
from tests.support.server import free_port

READER_PAGES = ["/", f"/documents/{DOC_ID}", f"/documents/{DOC_ID}/notes/p-b64206c87687"]
OTHER_PAGES = ["/v1/claims", "/v1/annotations/", "/docs", "/openapi.yaml", "/healthz", "/nope"]

ALLOWED = [
    ("https://annotator.example.org", "https://annotator.example.org"),
    (
        "https://annotator.example.org http://localhost:8888",
        "https://annotator.example.org http://localhost:8888",
    ),
    ("https://a.example, https://*.b.example", "https://a.example https://*.b.example"),
    ("'self' https://a.example/", "'self' https://a.example"),
    ("http://127.0.0.1:5173 http://[::1]:5173", "http://127.0.0.1:5173 http://[::1]:5173"),
    ("chrome-extension://abcdefghijklmnop", "chrome-extension://abcdefghijklmnop"),
]


def directive(response) -> str:
    """Return the frame-ancestors directive of a response's Content-Security-Policy."""
    policy = response.headers["Content-Security-Policy"]
    return next(part.strip() for part in policy.split(";") if "frame-ancestors" in part)


@pytest.mark.parametrize(("setting", "sources"), ALLOWED)
def test_named_origins_may_frame_the_readers_pages_only(built_db, tmp_path, setting, sources):
    settings = {"DB": str(built_db), "STORE": str(tmp_path / "s.db"), "FRAME_ANCESTORS": setting}
    client = create_app(settings).test_client()
    for path in READER_PAGES:
        page = client.get(path)
        assert page.status_code == 200, path
        assert directive(page) == f"frame-ancestors {sources}", path
        assert "X-Frame-Options" not in page.headers, path
        # The rest of the policy is as strict as ever.
        assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    for path in OTHER_PAGES:
        answer = client.get(path)
        assert directive(answer) == "frame-ancestors 'none'", path
        assert answer.headers["X-Frame-Options"] == "DENY", path


@pytest.mark.parametrize(
    "setting",
    [
        "*",
        "https://a.example/reader",
        "javascript:alert(1)",
        "https://a.example; script-src *",
        "'none' https://a.example",
        "'unsafe-inline'",
        "a.example",
        "https://a.example:123456",
    ],
)
def test_a_value_that_is_not_an_origin_stops_the_app_naming_the_setting(
    built_db, tmp_path, setting
):
    settings = {"DB": str(built_db), "STORE": str(tmp_path / "s.db"), "FRAME_ANCESTORS": setting}
    with pytest.raises(SettingError, match="CLAIMS_FRAME_ANCESTORS"):
        create_app(settings)


def test_claims_serve_refuses_a_value_that_is_not_an_origin_in_one_line(built_db, tmp_path):
    command = [sys.executable, "-m", "service.cli", "serve", "--port", str(free_port())]
    command += ["--db", str(built_db), "--store", str(tmp_path / "s.db"), "--no-publisher"]
    process = subprocess.Popen(
        command,
        env={**os.environ, "CLAIMS_FRAME_ANCESTORS": "*"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        _, errors = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGTERM)
        process.communicate()
        pytest.fail("claims serve started with CLAIMS_FRAME_ANCESTORS='*'")
    assert process.returncode == 1
    assert (
        errors.strip()
        .splitlines()[-1]
        .startswith("serve failed: CLAIMS_FRAME_ANCESTORS: '*' is not an origin")
    )
