"""A Python client generated from openapi.yaml is whole, installs, and works against a server."""

import ast
import json
import os
import re
import subprocess
import sys
import venv
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from service.serve.annotations.userstore import open_user_store
from tests.support.clients import README_BASE, readme_example
from tests.support.corpus import ROOT

pytest.importorskip(
    "openapi_python_client", reason="openapi-python-client is not installed: make install"
)
# The generator, a fresh virtual environment to install into, and a live server.
pytestmark = pytest.mark.slow

SPEC = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))
BIN = Path(sys.executable).parent
# Lines the generator starts a problem with (warnings, removed schemas, skipped hooks).
PROBLEM = re.compile(
    r"^(?:WARNING|ERROR|Unable|Cannot|Could not|Failure|Skipping|Invalid)\b.*$", re.MULTILINE
)


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> tuple[str, Path]:
    """Generate the client as the README says; return what the generator said and the project."""
    root = tmp_path_factory.mktemp("python-client")
    # With ruff on PATH the generator formats its code instead of reporting a skipped step.
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = subprocess.run(
        [BIN / "openapi-python-client", "generate", "--path", ROOT / "openapi.yaml"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    return output, root / "claims-api-client"


@pytest.fixture(scope="module")
def python(generated, tmp_path_factory) -> Path:
    """A fresh virtual environment with the generated client installed; return its python."""
    root = tmp_path_factory.mktemp("client-venv")
    venv.create(root, with_pip=True)
    python = root / "bin" / "python"
    # pip's cache is the user's, the one the project's .venv filled: no download when warm.
    result = subprocess.run(
        [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", generated[1]],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return python


def success(operation: dict) -> str:
    """Return the status an operation answers when it succeeds (200, 201 or 204)."""
    return min(status for status in operation["responses"] if status.startswith("2"))


def json_operations() -> list[tuple[str, str, str]]:
    """Return (method, path, status) of every operation whose success has a JSON schema."""
    return [
        (method, path, success(operation))
        for path, item in SPEC["paths"].items()
        for method, operation in item.items()
        if any(
            media.endswith("json") and "schema" in content
            for media, content in operation["responses"][success(operation)]
            .get("content", {})
            .items()
        )
    ]


def endpoint_modules(project: Path) -> dict[tuple[str, str], Path]:
    """Map (method, path) to the generated module that requests it."""
    found = {}
    for module in (project / "claims_api_client" / "api").glob("*/*.py"):
        request = re.search(r'"method": "(\w+)",\s*"url": "([^"]+)"', module.read_text())
        if request:
            found[request.groups()] = module
    return found


def parses_success_into_a_model(module: Path, status: str) -> bool:
    """Tell whether a generated endpoint turns its success body into a model (not Any, not None)."""
    tree = ast.parse(module.read_text())
    parse = next(node for node in tree.body if getattr(node, "name", "") == "_parse_response")
    for branch in ast.walk(parse):
        test = f"response.status_code == {status}"
        if isinstance(branch, ast.If) and ast.unparse(branch.test) == test:
            return any(
                isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "from_dict"
                for statement in branch.body
                for node in ast.walk(statement)
            )
    return False


# The generator types no raw text bodies: it says so, under its header for warnings, for
# the two that POST /v1/analyses, POST /v1/documents and PUT /v1/documents/{id} also take;
# its client sends those operations' JSON bodies.
TEXT_BODIES = [
    (operation, media_type)
    for operation in ("POST /v1/documents", "PUT /v1/documents/{id}", "POST /v1/analyses")
    for media_type in ("text/plain", "text/html")
]
TEXT_BODY = re.compile(
    r"WARNING parsing (\S+ \S+) within \w+\.\s+Unsupported content type (\S+)\s+^\{.*?^\}$",
    re.MULTILINE | re.DOTALL,
)
WARNINGS_HEADER = "Warning(s) encountered while generating."


def test_generator_warns_of_nothing_but_text_bodies_and_removes_no_schema(generated):
    output, _ = generated
    assert TEXT_BODY.findall(output) == TEXT_BODIES, output
    rest = TEXT_BODY.sub("", output).replace(WARNINGS_HEADER, "")
    assert PROBLEM.findall(rest) == [], output
    assert "removal of" not in rest and "Warning" not in rest, output


def test_every_json_response_is_parsed_into_a_model(generated):
    modules = endpoint_modules(generated[1])
    operations = json_operations()
    assert ("get", "/v1/claims", "200") in operations
    assert ("post", "/v1/annotations/", "201") in operations
    assert {(method, path) for method, path, _ in operations} <= set(modules)
    unparsed = [
        (method, path)
        for method, path, status in operations
        if not parses_success_into_a_model(modules[(method, path)], status)
    ]
    assert unparsed == []


def test_client_pages_claims_fetches_one_and_reads_a_problem(
    python, live_server, built_db, article_client
):
    # A token in the live server's store, for a document it queues (the server runs no
    # publisher: the job stays queued).
    token = open_user_store(str(built_db.with_name(f"{built_db.stem}-store.db"))).create_token(
        "python-client"
    )
    result = subprocess.run(
        [python, ROOT / "tests" / "support" / "use_python_client.py", live_server, token],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    got = json.loads(result.stdout)
    first = article_client.get("/v1/claims?status=vague&limit=2").json
    assert urlsplit(got["next"]).query == urlsplit(first["next"]).query
    second = article_client.get(f"/v1/claims?{urlsplit(first['next']).query}").json
    # The models give back exactly what the server sent.
    assert got["pages"] == [first["items"], second["items"]]
    detail = article_client.get("/v1/claims/outposts-dismantled").json
    assert got["detail"] == detail
    assert got["related"] == ["RelatedClaim"] * len(detail["related"]) != []
    problem = article_client.get("/v1/claims?limit=0")
    assert problem.status_code == 400
    assert got["problem"] == problem.json
    assert list(got["errors"]) == ["limit"]
    assert got["contract"] == (ROOT / "openapi.yaml").read_text(encoding="utf-8")
    # A document sent with the token is queued; without one it is a 401 problem.
    assert (got["job"]["action"], got["job"]["state"]) == ("create", "queued")
    assert got["polled"] == got["job"]
    assert got["unauthorized"]["status"] == 401
    # The analysis, typed, is what the server answers for that text.
    body = {"text": got["outposts"], "title": "Outposts", "published": "2023-10-10"}
    analysed = article_client.post("/v1/analyses?related=true", json=body).json
    assert got["analysis"] == analysed
    assert any(r.get("document_id") for c in analysed["claims"] for r in c["relations"])


def test_readme_example_prints_the_vague_claims(python, live_server, article_client):
    example = readme_example("Use from Python", "python").replace(README_BASE, live_server)
    result = subprocess.run([python, "-c", example], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    vague = article_client.get("/v1/claims?status=vague").json["items"]
    expected = [f"{claim['id']} vague {claim['proposition']}" for claim in vague]
    assert result.stdout.splitlines() == expected
