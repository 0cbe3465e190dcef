"""Write re-anchored quotes back into claims.yaml, touching nothing else in the file."""

import json
import re
from collections import defaultdict
from pathlib import Path

import yaml

from service.pipeline.claims.curated import QuoteRevision
from service.pipeline.inputs import child

UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029]")


def update_quotes(revisions: list[QuoteRevision]) -> list[Path]:
    """Replace each revised claim's quote (and prefix or suffix, where it has them) with
    the words it now anchors to; return the files written.

    Only those scalars are rewritten, in place, so comments, order and layout stay.
    """
    by_file: dict[Path, dict[str, dict[str, str]]] = defaultdict(dict)
    for revision in revisions:
        by_file[Path(revision.path)][revision.claim_id] = {
            "quote": revision.found,
            **dict(revision.context),
        }
    for path, claims in by_file.items():
        text = path.read_text(encoding="utf-8")
        spans = sorted(_scalar_spans(yaml.compose(text), claims), reverse=True)
        for start, end, value in spans:
            old = text[start:end]
            kept = old[len(old.rstrip()) :]  # a block scalar's trailing line break
            text = text[:start] + yaml_string(value) + kept + text[end:]
        path.write_text(text, encoding="utf-8")
    return sorted(by_file)


def yaml_string(value: str) -> str:
    """Write a double-quoted YAML scalar that reads back as exactly this value.

    JSON's escapes are YAML's; YAML also breaks lines at NEL and the Unicode line and
    paragraph separators, and refuses other C1 controls, so those are escaped too.
    """
    quoted = json.dumps(value, ensure_ascii=False)
    return UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", quoted)


def _scalar_spans(root, claims: dict[str, dict[str, str]]):
    """Yield (start, end, new value) of each scalar to rewrite, by claim id and field."""
    listed, _ = child(root, "claims")
    for item in listed.value if isinstance(listed, yaml.SequenceNode) else []:
        claim_id = getattr(child(item, "id")[0], "value", None)
        if claim_id is None:
            continue
        for field, value in claims.get(claim_id, {}).items():
            node, _ = child(item, field)
            if node is not None:
                yield node.start_mark.index, node.end_mark.index, value
