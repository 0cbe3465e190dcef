"""Write re-anchored quotes back into claims.yaml, touching nothing else in the file."""

import json
from collections import defaultdict
from pathlib import Path

import yaml

from service.build.claims.curated import QuoteRevision


def update_quotes(revisions: list[QuoteRevision]) -> list[Path]:
    """Replace each revised claim's quote with the words it now anchors to; return the files.

    Only the quote's scalar is rewritten, in place, so comments, order and layout stay.
    """
    by_file: dict[Path, dict[str, str]] = defaultdict(dict)
    for revision in revisions:
        by_file[Path(revision.path)][revision.claim_id] = revision.found
    for path, quotes in by_file.items():
        text = path.read_text(encoding="utf-8")
        spans = sorted(_quote_spans(yaml.compose(text), quotes), reverse=True)
        for start, end, claim_id in spans:
            old = text[start:end]
            kept = old[len(old.rstrip()) :]  # a block scalar's trailing line break
            text = (
                text[:start] + json.dumps(quotes[claim_id], ensure_ascii=False) + kept + text[end:]
            )
        path.write_text(text, encoding="utf-8")
    return sorted(by_file)


def _quote_spans(root, quotes: dict[str, str]):
    """Yield (start, end, claim id) of the quote scalar of every claim named in quotes."""
    claims = next((v for k, v in root.value if k.value == "claims"), None)
    for item in claims.value if claims is not None else []:
        fields = {key.value: value for key, value in item.value}
        claim_id = getattr(fields.get("id"), "value", None)
        if claim_id in quotes and "quote" in fields:
            node = fields["quote"]
            yield node.start_mark.index, node.end_mark.index, claim_id
