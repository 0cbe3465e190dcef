"""Spectral's OpenAPI ruleset (spectral:oas) has nothing to say about the contract."""

import json
import subprocess

import pytest

from tests.support.clients import node_tool
from tests.support.corpus import ROOT

pytestmark = pytest.mark.slow  # a Node tool


def test_spectral_oas_ruleset_reports_nothing():
    lint = [node_tool("spectral"), "lint", "--quiet", "--format", "json"]
    result = subprocess.run(
        [*lint, "--ruleset", ROOT / ".spectral.yaml", ROOT / "openapi.yaml"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    # Every finding, hints included: the exit status counts errors only.
    findings = json.loads(result.stdout)
    assert [(f["code"], ".".join(map(str, f["path"])), f["message"]) for f in findings] == []
    assert result.returncode == 0, result.stderr
