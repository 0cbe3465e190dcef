"""TypeScript types generated from openapi.yaml check the README's example, which then runs."""

import json
import subprocess
from pathlib import Path

import pytest

from service.serve.annotations.userstore import open_user_store
from tests.support.clients import NODE_BIN, README_BASE, node_tool, readme_example
from tests.support.corpus import ROOT

pytestmark = pytest.mark.slow  # Node tools, and a live server

TSCONFIG = {
    "compilerOptions": {
        "strict": True,
        "target": "es2022",
        "module": "es2022",
        "moduleResolution": "bundler",
        "lib": ["es2022", "dom"],
        "skipLibCheck": True,
        "outDir": "out",
    },
    "files": ["example.ts"],
}
# openapi-typescript marks its warnings and errors with these.
COMPLAINTS = ("\u26a0", "\u2718")


@pytest.fixture(scope="module")
def types(tmp_path_factory) -> tuple[str, Path]:
    """Generate the types as the README says; return what the generator said and the folder."""
    generator = node_tool("openapi-typescript")
    root = tmp_path_factory.mktemp("typescript-client")
    result = subprocess.run(
        [generator, ROOT / "openapi.yaml", "-o", root / "claims.d.ts"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    (root / "node_modules").symlink_to(NODE_BIN.parent)  # openapi-fetch, from .tools/
    (root / "package.json").write_text('{"type": "module"}\n')
    (root / "tsconfig.json").write_text(json.dumps(TSCONFIG))
    return output, root


def compile_example(root: Path, example: str) -> subprocess.CompletedProcess:
    """Write the example into the folder and compile it with tsc."""
    (root / "example.ts").write_text(example)
    return subprocess.run(
        [node_tool("tsc"), "-p", root], capture_output=True, text=True, timeout=120
    )


def test_openapi_typescript_generates_without_complaint(types):
    output, root = types
    assert not [line for line in output.splitlines() if line.strip().startswith(COMPLAINTS)]
    assert "ClaimPage: {" in (root / "claims.d.ts").read_text()


def test_types_refuse_a_status_the_contract_does_not_have(types):
    _, root = types
    example = readme_example("Use from TypeScript", "ts").replace('["vague"]', '["bogus"]')
    result = compile_example(root, example)
    assert result.returncode != 0
    assert "TS2322" in result.stdout and '"bogus"' in result.stdout


def test_readme_example_type_checks_and_prints_vague_claims(types, live_server, article_client):
    _, root = types
    example = readme_example("Use from TypeScript", "ts").replace(README_BASE, live_server)
    result = compile_example(root, example)
    assert result.returncode == 0, result.stdout + result.stderr
    run = subprocess.run(
        ["node", root / "out" / "example.js"], capture_output=True, text=True, timeout=60
    )
    assert run.returncode == 0, run.stderr
    vague = article_client.get("/v1/claims?status=vague").json["items"]
    expected = [f"{claim['id']} vague {claim['proposition']}" for claim in vague]
    assert run.stdout.splitlines() == expected


def test_typed_calls_analyse_queue_a_document_and_poll_its_job(
    types, live_server, built_db, article_client
):
    _, root = types
    program = (ROOT / "tests" / "support" / "use_typescript_client.ts").read_text()
    result = compile_example(root, program)
    assert result.returncode == 0, result.stdout + result.stderr
    # A token in the live server's store (it runs no publisher: the job stays queued).
    store = open_user_store(str(built_db.with_name(f"{built_db.stem}-store.db")))
    token = store.create_token("typescript-client")
    run = subprocess.run(
        ["node", root / "out" / "example.js", live_server, token],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    got = json.loads(run.stdout)
    body = {"text": got["outposts"], "title": "Outposts", "published": "2023-10-10"}
    analysed = article_client.post("/v1/analyses?related=true", json=body).json
    assert got["analysis"] == analysed
    assert got["related"] and all(
        article_client.get(f"/v1/claims/{claim_id}").status_code == 200
        for claim_id in got["related"]
    )
    assert (got["job"]["action"], got["job"]["state"]) == ("create", "queued")
    assert got["polled"] == got["job"]
    assert got["refused"]["status"] == 401
