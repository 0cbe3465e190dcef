"""The `claims` command line: build, build --check, serve under gunicorn."""

import json
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from service.serve.annotations.userstore import open_user_store
from tests.support.corpus import DOC_ID


def claims(*args, **kwargs):
    """Run the claims command as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "service.cli", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        **kwargs,
    )


def paths(corpus, db) -> list:
    """Point the build at a test corpus and database."""
    sources, annotations = corpus
    return ["--source-dir", sources, "--annotations-dir", annotations, "--db", db]


@pytest.mark.slow
def test_build_prints_a_summary(corpus, tmp_path):
    result = claims("build", *paths(corpus, tmp_path / "c.db"))
    assert result.returncode == 0, result.stderr
    assert "1 documents, 45 paragraphs" in result.stdout
    assert "IDs kept 45 (edited 0), revived 0, minted 0, retired 0" in result.stdout


@pytest.mark.slow
def test_check_fails_without_writing_when_a_lock_would_change(corpus, tmp_path):
    sources, annotations = corpus
    lock = annotations / DOC_ID / "paragraphs.lock"
    before = lock.read_bytes()
    path = sources / f"{DOC_ID}.txt"
    path.write_text(
        path.read_text(encoding="utf-8") + "\n\nA closing paragraph.\n", encoding="utf-8"
    )
    args = paths(corpus, tmp_path / "c.db")
    result = claims("build", "--check", *args)
    assert result.returncode == 1
    assert f"check failed: paragraph locks would change: {DOC_ID}" in result.stderr
    assert lock.read_bytes() == before and not (tmp_path / "c.db").exists()
    assert claims("build", *args).returncode == 0
    assert claims("build", "--check", *args).returncode == 0


def test_build_failure_names_file_and_line(corpus, tmp_path):
    sources = corpus[0]
    (sources / f"{DOC_ID}.yaml").write_text("title: x\nlanguage: [en\n", encoding="utf-8")
    result = claims("build", *paths(corpus, tmp_path / "c.db"))
    assert result.returncode == 1
    assert f"build failed: {sources / DOC_ID}.yaml:3:" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_serve_answers_over_http(live_server):
    with urllib.request.urlopen(f"{live_server}/v1/paragraphs?kind=heading") as response:
        assert response.status == 200
        assert response.headers["Access-Control-Allow-Origin"] == "*"
        body = json.load(response)
    assert body["total"] == 6
    with pytest.raises(urllib.error.HTTPError, match="HTTP Error 400") as raised:
        urllib.request.urlopen(f"{live_server}/v1/paragraphs?limit=0")
    assert raised.value.code == 400
    assert raised.value.headers["Content-Type"] == "application/problem+json"


def test_token_create_prints_the_token_once_and_stores_only_its_hash(tmp_path):
    store = tmp_path / "store.db"
    made = claims("token", "create", "--name", "alice", "--store", str(store))
    assert made.returncode == 0
    token = made.stdout.strip().splitlines()[-1]
    assert token.startswith("clm_") and len(token) > 40
    assert token.encode() not in store.read_bytes()
    assert open_user_store(str(store)).token_owner(token) == "alice"
    listed = claims("token", "list", "--store", str(store))
    assert listed.returncode == 0 and token not in listed.stdout
    assert [line.split()[0] for line in listed.stdout.splitlines()[1:]] == ["alice"]


def test_token_revoke_stops_the_token_and_a_name_is_made_again(tmp_path):
    store = str(tmp_path / "store.db")
    token = claims("token", "create", "--name", "bob", "--store", store).stdout.split()[-1]
    twice = claims("token", "create", "--name", "bob", "--store", store)
    assert twice.returncode == 1 and "revoke it first" in twice.stderr
    assert claims("token", "revoke", "bob", "--store", store).returncode == 0
    assert open_user_store(store).token_owner(token) is None
    again = claims("token", "revoke", "bob", "--store", store)
    assert again.returncode == 1 and "no active token named 'bob'" in again.stderr
    listed = claims("token", "list", "--store", store).stdout.splitlines()[1]
    assert listed.split()[0] == "bob" and listed.split()[-1] != "-"
    assert claims("token", "create", "--name", "bob", "--store", store).returncode == 0


@pytest.mark.parametrize("name", ["", "two words", "semi;colon", "_under"])
def test_token_create_refuses_a_bad_name(tmp_path, name):
    result = claims("token", "create", "--name", name, "--store", str(tmp_path / "s.db"))
    assert result.returncode == 1 and "token create failed: a token name is" in result.stderr
