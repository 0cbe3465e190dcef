"""Print date-span precision/recall/F1 and value accuracy, on the article and on the
development set (separate rows), for our tagger, the bare model and maintained libraries."""

import argparse
import sys
from pathlib import Path

from service.config import load_settings
from service.evaluation import real_news
from service.evaluation.dates import (
    article_text,
    bare_model_system,
    ctparse_system,
    dateparser_system,
    evaluate_system,
    news_text,
    pipeline_system,
    timexy_system,
)
from service.pipeline.nlp.gazetteer import GAZETTEER_FILE, load_gazetteer
from service.pipeline.nlp.pipeline import load_pipeline

ROOT = Path(__file__).resolve().parents[1]


# The invented sets' gold guide leaves clock times out (tests/data/news/README.md), so
# times found in them are neither right nor wrong there; the real-news gold has them.
INVENTED_UNSCORED = frozenset({"TIME"})


def _news(folder: Path) -> list:
    """Read every gold text of a folder."""
    return [
        news_text(path, unscored=INVENTED_UNSCORED) for path in sorted(folder.glob("*.gold.yaml"))
    ]


def _real(split: str) -> list:
    """Read the real-news texts of a split that are present, saying which are not."""
    missing = real_news.absent(split)
    if missing:
        print(f"real {split}: {len(missing)} texts absent; {real_news.HOW_TO_RECREATE}")
    return [news_text(path, real_news.OUT) for path in real_news.gold_paths(split)]


def main() -> int:
    """Score every system on both sets and print one table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--libraries", action="store_true", help="also score dateparser etc.")
    parser.add_argument("--show", action="store_true", help="list every miss and wrong value")
    args = parser.parse_args()
    model = load_settings()["SPACY_MODEL"]
    gazetteer = load_gazetteer(ROOT / "annotations" / GAZETTEER_FILE)
    nlp = load_pipeline(model, gazetteer)
    sets = {
        "article": [
            article_text(
                ROOT / "tests/data/lachin-gold.yaml",
                ROOT / "source_text",
                ROOT / "annotations",
                model,
            )
        ],
        "dev set": _news(ROOT / "tests/data/news"),
        "check set": _news(ROOT / "tests/data/news-check"),
        "real dev": _real("dev"),
        "real check": _real("check"),
    }
    systems = {"ours (model + rules)": pipeline_system(nlp, gazetteer)}
    systems["bare model (spans only)"] = bare_model_system(nlp)
    if args.libraries:
        systems["dateparser search_dates"] = dateparser_system()
        systems["model spans + ctparse"] = ctparse_system(nlp)
        systems["timexy"] = timexy_system(model)
    header = f"{'P':>7}{'R':>7}{'F1':>7}{'value acc':>11}{'pred':>6}{'gold':>6}"
    print(f"{'set':11}{'system':26}{header}")
    for set_name, texts in sets.items():
        if not texts:
            continue
        for name, system in systems.items():
            result = evaluate_system(texts, system)
            s = result.spans
            print(
                f"{set_name:11}{name:26}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}"
                f"{result.value_accuracy:>11.3f}{s.predicted:>6}{s.gold:>6}"
            )
            if args.show and name.startswith("ours"):
                for key, got, want in result.wrong:
                    document, start, end = key
                    words = next(t for t in texts if t.id == document).served[start:end]
                    print(f"    {document[:24]:24} {words!r:28} got {got} gold {want}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
