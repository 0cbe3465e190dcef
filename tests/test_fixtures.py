"""The suite's fixtures: each name is defined once, so it means one thing in every test."""

import ast
from collections import defaultdict
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def fixture_definitions() -> dict[str, list[str]]:
    """Map each fixture name to where it is defined: file and line."""
    found = defaultdict(list)
    for path in sorted(TESTS.rglob("*.py")):
        where = path.relative_to(TESTS)
        if where.parts[0] == "data":  # third-party files, not tests
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and any(
                "fixture" in ast.unparse(decorator) for decorator in node.decorator_list
            ):
                found[node.name].append(f"{where}:{node.lineno}")
    return found


def test_no_fixture_name_is_defined_twice():
    definitions = fixture_definitions()
    assert {"article_client", "live_server", "spacy_pipeline"} <= set(definitions)
    assert {name: places for name, places in definitions.items() if len(places) > 1} == {}
