"""The code's layout keeps its architecture: build and serve apart, no cycles, small modules."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from service.pipeline.steps import build_code
from tests.support.corpus import ROOT

PACKAGE = ROOT / "service"
MAX_LINES = 400


def module_name(path: Path) -> str:
    """Name the module a file under service/ defines."""
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports_of(path: Path) -> set[str]:
    """Return the service modules a file imports anywhere: at top level or in functions."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            # `from service.pipeline import ids` imports the module service.pipeline.ids.
            names = [f"{node.module}.{alias.name}" for alias in node.names] + [node.module]
        else:
            continue
        found |= {name for name in names if name in MODULES}
    return found


GRAPH = {name: imports_of(path) - {name} for name, path in MODULES.items()}


def side(module: str) -> str | None:
    """Tell which side a module is on."""
    for name in ("pipeline", "serve"):
        if module == f"service.{name}" or module.startswith(f"service.{name}."):
            return name
    return None


def test_build_and_serve_never_import_each_other():
    crossings = [
        (module, imported)
        for module, imported_set in GRAPH.items()
        for imported in imported_set
        if side(module) and side(imported) and side(module) != side(imported)
    ]
    assert crossings == []


def test_neither_side_imports_the_evaluation():
    users = {
        m
        for m, imported in GRAPH.items()
        if side(m) and any(i.startswith("service.evaluation") for i in imported)
    }
    assert users == set()


def test_the_shared_modules_import_neither_side():
    for shared in ("service.vocab", "service.representations", "service.config"):
        assert {side(m) for m in GRAPH[shared]} <= {None}, shared


def test_no_import_cycles_under_service():
    state: dict[str, str] = {}
    cycles = []

    def visit(module: str, trail: list[str]) -> None:
        state[module] = "open"
        for imported in sorted(GRAPH[module]):
            if state.get(imported) == "open":
                cycles.append([*trail[trail.index(imported) :], imported])
            elif imported not in state:
                visit(imported, [*trail, imported])
        state[module] = "done"

    for module in sorted(GRAPH):
        if module not in state:
            visit(module, [module])
    assert cycles == []


@pytest.mark.parametrize(("side_name", "forbidden"), [("pipeline", "flask"), ("serve", "spacy")])
def test_importing_a_side_never_loads_the_others_framework(side_name, forbidden):
    modules = [m for m in MODULES if side(m) == side_name]
    code = "\n".join(f"import {m}" for m in modules)
    code += (
        f"\nimport sys\nprint(sorted(m for m in sys.modules if m.split('.')[0] == {forbidden!r}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert len(modules) > 10
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize(
    "imported",
    # the command line, and the user store its token commands open
    ["service.cli", "service.serve.annotations.userstore"],
)
def test_the_command_line_imports_neither_flask_nor_spacy_until_asked(imported):
    code = (
        f"import sys, {imported}\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'flask', 'spacy'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.strip() == "[]"


def test_no_module_is_over_400_lines():
    long = {
        name: lines
        for name, path in MODULES.items()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_the_build_id_hashes_build_code_and_shared_shapes_not_serving_code():
    hashed = {path.relative_to(ROOT).as_posix() for path in build_code()}
    assert "service/pipeline/run.py" in hashed and "service/pipeline/temporal/rules.py" in hashed
    assert {"service/vocab.py", "service/representations.py"} <= hashed
    assert "service/pipeline/lexicon/wordnet-person-nouns.txt" in hashed  # data the code reads
    assert not any(path.startswith("service/serve/") for path in hashed)


MAX_FMT_SKIPS = 10  # tables only: everything else is as `ruff format` writes it


def test_formatting_is_skipped_for_few_tables_only():
    files = [*PACKAGE.rglob("*.py"), *(ROOT / "tests").rglob("*.py")]
    skips = [
        (path.relative_to(ROOT).as_posix(), number)
        for path in files
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if line.rstrip().endswith("# fmt: skip")
    ]
    assert len(skips) <= MAX_FMT_SKIPS, skips


LEXICON = PACKAGE / "pipeline" / "lexicon"
LEXICON_CODE = {"wordnet.py"}  # derives and reads the WordNet files: code, not a word list


@pytest.mark.parametrize(
    "path",
    [p for p in sorted(LEXICON.glob("*.py")) if p.name not in LEXICON_CODE],
    ids=lambda p: p.name,
)
def test_word_lists_are_data_apart_from_code(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    code = [
        type(node).__name__
        for node in tree.body
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
    ]
    imported = {
        node.module
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and node.module is not None
    }
    assert code == []
    assert {m for m in imported if m.startswith("service.")} <= {
        f"service.pipeline.lexicon.{p.stem}" for p in LEXICON.glob("*.py")
    }


def test_the_build_runs_named_steps():
    from service.pipeline import run, write

    for module, steps in (
        (run, ("_check_only", "_reuse_current", "_full_build")),
        (write, ("write_atomically", "_keep_contest_ids", "_relate_across")),
    ):
        assert all(callable(getattr(module, step, None)) for step in steps), module.__name__
