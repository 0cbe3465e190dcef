"""What the client tests share: the README's examples and the Node tools in .tools/."""

import re
import shutil
from pathlib import Path

import pytest

from tests.support.corpus import ROOT

NODE_BIN = ROOT / ".tools" / "node_modules" / ".bin"
# The examples in the README talk to `make run`; the tests point them at their own server.
README_BASE = "http://127.0.0.1:8000"


def readme_example(heading: str, language: str) -> str:
    """Return the first `language` code block in the README section under `heading`."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    return re.search(rf"```{language}\n(.*?)```", section, re.S).group(1)


def node_tool(name: str) -> Path:
    """Return a tool `make tools` installed into .tools/, or skip the test saying why not."""
    tool = NODE_BIN / name
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip(f"no node and npm to run {name} with (apt-get install nodejs npm)")
    if not tool.exists():
        pytest.skip(f"{name} is not in .tools/: `make tools` installs it with npm")
    return tool
