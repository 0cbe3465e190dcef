"""Print precision and recall of the attribution detector's cues and sources against the
curated attributed and vague claims of a document."""

import argparse
import sys
from pathlib import Path

from service.build.evaluate import evaluate_attributions
from service.config import load_settings

ROOT = Path(__file__).resolve().parents[1]
TARGET_RECALL, TARGET_PRECISION = 0.8, 0.7


def main() -> int:
    """Run the detector and print its scores and every detection."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--document", default="whats-next-for-the-lachin-corridor")
    args = parser.parse_args()
    model = load_settings()["SPACY_MODEL"]
    result = evaluate_attributions(args.document, ROOT / "source_text", ROOT / "annotations", model)
    print(f"{'':10}{'precision':>10}{'recall':>8}  detections right/all  claims found/all")
    for name, rates in (("cues", result.cues), ("sources", result.sources)):
        print(
            f"{name:10}{rates.precision:>10.3f}{rates.recall:>8.3f}"
            f"  {rates.right_detections:>3}/{rates.detections:<3}"
            f"                {rates.found_claims:>3}/{rates.claims}"
        )
    print(f"targets: recall >= {TARGET_RECALL} with precision >= {TARGET_PRECISION}")
    for paragraph_id, cue, source, source_ids in result.detections:
        print(f"  {paragraph_id}  {cue!r:26} source {source!r} -> {', '.join(source_ids)}")
    for claim_id in result.missed:
        print(f"  missed: {claim_id}")
    ok = result.cues.recall >= TARGET_RECALL and result.cues.precision >= TARGET_PRECISION
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
