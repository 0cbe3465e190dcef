"""Print how machine claims compare with gold: claims found, cues, sources, status, kind,
contest pairs and paragraph coverage, for the article (curated claims as gold) and for
the development and check sets, as separate rows; then the relations between claims of
different texts (supports, contradicts) on each set's pairs of texts."""

import argparse
import sys
from pathlib import Path

from service.config import load_settings
from service.evaluation import real_news
from service.evaluation.across import TYPES, across_scores
from service.evaluation.claims import article_result, kinds_right, news_result, score_texts
from service.pipeline.nlp.gazetteer import GAZETTEER_FILE, load_gazetteer
from service.pipeline.nlp.pipeline import load_pipeline

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = "whats-next-for-the-lachin-corridor"


def main() -> int:
    """Score every set and print one table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--show", action="store_true", help="list every miss and wrong answer")
    args = parser.parse_args()
    gazetteer = load_gazetteer(ROOT / "annotations" / GAZETTEER_FILE)
    pipeline = load_pipeline(load_settings()["SPACY_MODEL"], gazetteer)
    sets = {
        "article": [
            article_result(ARTICLE, ROOT / "source_text", ROOT / "annotations", pipeline, gazetteer)
        ],
        "dev set": _news(ROOT / "tests/data/news", pipeline, gazetteer),
        "check set": _news(ROOT / "tests/data/news-check", pipeline, gazetteer),
        "real dev": _real("dev", pipeline, gazetteer),
        "real check": _real("check", pipeline, gazetteer),
    }
    print(
        f"{'set':10}{'claims P/R':>12}{'cue P/R/F1':>18}{'source':>8}{'status':>8}"
        f"{'kind':>7}{'contest P/R':>13}{'min cover':>10}"
    )
    for name, results in sets.items():
        if not results:
            continue
        s = score_texts(results)
        matched = max(1, s.matched)
        print(
            f"{name:10}{s.claims.precision:>6.2f}/{s.claims.recall:<5.2f}"
            f"{s.cues.precision:>8.2f}/{s.cues.recall:.2f}/{s.cues.f1:.2f}"
            f"{s.sources_right / max(1, s.sources_gold):>8.2f}{s.status_right / matched:>8.2f}"
            f"{s.kind_right / matched:>7.2f}"
            f"{s.contests.precision:>7.2f}/{s.contests.recall:<5.2f}"
            f"{min(share for _, share in s.coverage):>10.2f}"
        )
        if args.show:
            for error in s.errors:
                print("    ", *error)
    print("\nparagraph kinds right (gold paragraph_kinds):")
    for name, golds, texts in (
        ("dev set", sorted((ROOT / "tests/data/news").glob("*.gold.yaml")), None),
        ("check set", sorted((ROOT / "tests/data/news-check").glob("*.gold.yaml")), None),
        ("real dev", real_news.gold_paths("dev"), real_news.OUT),
        ("real check", real_news.gold_paths("check"), real_news.OUT),
    ):
        if golds:
            right, total = kinds_right(golds, texts)
            print(f"{name:12}{right}/{total} ({right / max(1, total):.2f})")
    print(
        f"\n{'across texts':14}"
        + "".join(f"{kind + ' P/R (right/pred, found/gold)':>44}" for kind in TYPES)
    )
    real = ROOT / "tests/data/news-real"
    folders = [
        ("dev set", ROOT / "tests/data/news", None, None),
        ("check set", ROOT / "tests/data/news-check", None, None),
        *(
            (f"real {split}", real, real_news.OUT, files)
            for split in ("dev", "check")
            if (files := real_news.pair_files(split))
        ),
    ]
    for name, folder, texts, files in folders:
        scores = across_scores(folder, pipeline, gazetteer, texts, files)
        cells = [
            f"{r.precision:.2f}/{r.recall:.2f} ({r.right}/{r.predicted}, {r.found}/{r.gold})"
            for r in (scores[kind] for kind in TYPES)
        ]
        print(f"{name:14}" + "".join(f"{cell:>44}" for cell in cells))
    return 0


def _news(folder: Path, pipeline, gazetteer) -> list:
    """Score every gold text of a folder."""
    return [news_result(path, pipeline, gazetteer) for path in sorted(folder.glob("*.gold.yaml"))]


def _real(split: str, pipeline, gazetteer) -> list:
    """Score the real-news texts of a split that are present, saying which are not."""
    missing = real_news.absent(split)
    if missing:
        print(f"real {split}: {len(missing)} texts absent; {real_news.HOW_TO_RECREATE}")
    return [
        news_result(path, pipeline, gazetteer, real_news.OUT)
        for path in real_news.gold_paths(split)
    ]


if __name__ == "__main__":
    sys.exit(main())
