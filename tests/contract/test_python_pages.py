"""The README's "Every page, and pandas" runs as written: the generated client walks every page
by the cursor in `next_`, and pandas reads each collection with one call."""

import json
import re
import subprocess

import pytest

from tests.contract.test_python_client import generated, python  # noqa: F401 (fixtures)
from tests.support.clients import README_BASE
from tests.support.corpus import ROOT

pytestmark = pytest.mark.slow  # the generator, an environment of its own, a live server


def readme_block(marker: str) -> str:
    """Return the python block of the README's "Use from Python" that holds `marker`."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Use from Python\n", 1)[1].split("\n## ", 1)[0]
    blocks = [b for b in re.findall(r"```python\n(.*?)```", section, re.S) if marker in b]
    assert len(blocks) == 1, f"one python block with {marker!r} in 'Use from Python'"
    return blocks[0]


@pytest.fixture(scope="module")
def with_pandas(python):  # noqa: F811 (the fixture imported above)
    """The generated client's environment with pandas installed too, as a reader would."""
    result = subprocess.run(
        [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "pandas"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if result.returncode != 0:
        pytest.skip(f"pandas could not be installed: {result.stderr.strip()[-300:]}")
    return python


def run(interpreter, code: str, base: str) -> list[str]:
    """Run a README block against a server; return the lines it printed."""
    result = subprocess.run(
        [interpreter, "-c", code.replace(README_BASE, base)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def every(client, url: str) -> list[dict]:
    """Return every item of a collection, as its JSON Lines export gives them."""
    lines = client.get(f"{url}?format=jsonl").get_data(as_text=True).splitlines()
    return [json.loads(line) for line in lines]


def test_readme_walks_every_page_of_a_collection_with_the_client(
    with_pandas, live_server, article_client
):
    code = readme_block("def every_item")
    assert "limit=500" in code
    # Pages of 4, so that every collection takes several and the walk follows `next_`.
    code = code.replace("limit=500", "limit=4") + "\nprint(json.dumps([c.id for c in claims]))"
    printed = run(with_pandas, "import json\n" + code, live_server)
    claims = every(article_client, "/v1/claims")
    vague = [claim for claim in claims if claim["sourcing"]["status"] == "vague"]
    sources = every(article_client, "/v1/sources")
    assert min(len(claims), len(vague), len(sources)) > 4
    assert printed[0] == f"{len(claims)} claims, {len(vague)} vague, {len(sources)} sources"
    assert json.loads(printed[-1]) == [claim["id"] for claim in claims]


def test_readme_loads_claims_into_pandas_one_call_per_collection(
    with_pandas, live_server, article_client
):
    code = readme_block("pd.read_csv") + "\nprint(table.to_json())"
    printed = run(with_pandas, code, live_server)
    publishers = {doc["id"]: doc["publisher"] for doc in every(article_client, "/v1/documents")}
    expected: dict[str, dict[str, int]] = {}
    for claim in every(article_client, "/v1/claims"):
        column = expected.setdefault(claim["sourcing"]["status"], {})
        publisher = publishers[claim["document_id"]]
        column[publisher] = column.get(publisher, 0) + 1
    table = json.loads(printed[-1])
    assert {
        status: {p: n for p, n in row.items() if n} for status, row in table.items()
    } == expected
