"""Print precision, recall and F1 of entity mentions and the accuracy of date values,
for our pipeline (gazetteer + model + rules) and for the bare model, on the gold file."""

import argparse
import sys
from pathlib import Path

from service.config import load_settings
from service.evaluation.article import evaluate

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    """Run the evaluation and print its table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--gold", type=Path, default=ROOT / "tests/data/lachin-gold.yaml")
    args = parser.parse_args()
    settings = load_settings()
    result = evaluate(
        args.gold, ROOT / "source_text", ROOT / "annotations", settings["SPACY_MODEL"]
    )
    print(f"{'':34}{'precision':>10}{'recall':>8}{'F1':>7}{'pred':>6}{'gold':>6}")
    rows = [
        ("entity mentions, pipeline", result.mentions),
        ("entity mentions, bare model", result.bare_mentions),
        ("date spans, pipeline", result.date_spans),
        ("date spans, bare model (DATE/TIME)", result.bare_date_spans),
    ]
    for name, s in rows:
        print(
            f"{name:34}{s.precision:>10.3f}{s.recall:>8.3f}{s.f1:>7.3f}{s.predicted:>6}{s.gold:>6}"
        )
    links = f"{result.links_correct}/{result.links_matched}"
    values = f"{result.date_values_correct}/{result.date_values_gold}"
    print(f"canonical links correct on matched mentions: {links}")
    print(f"date values (type and value) correct: {values} (the bare model gives no values)")
    for label, items in (("missed", result.missed_mentions), ("spurious", result.wrong_mentions)):
        for item in items:
            print(f"  {label} mention: {item}")
    for key, got, want in result.wrong_dates:
        print(f"  date {key}: got {got}, gold {want}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
