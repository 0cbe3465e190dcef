"""Time incremental builds against a full one on a 60-document corpus, in one run.

Three builds of the same corpus, each a fresh `claims build` process (interpreter,
imports and, where needed, the model load included): a full build with an empty
cache, a rebuild with nothing changed, and a rebuild after one new document. Each is
repeated and the median kept; the rebuilds are reported as fractions of the full build.
"""

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build import ROOT, build_command, make_corpus, timed

TARGETS = {"unchanged": 0.3, "one new": 0.4}
NEW_DOCUMENT = ROOT / "tests" / "data" / "news" / "analysis-okavango-water-treaty-talks.txt"


def timed_build(
    source_dir: Path, annotations: Path, db: Path, cache: Path, workers: int | None
) -> tuple[float, str]:
    """Run one build in a fresh process; return its wall seconds and summary line."""
    options = ("--cache-dir", str(cache), *(["--workers", str(workers)] if workers else []))
    return timed(build_command(source_dir, annotations, db, *options))


def main() -> int:
    """Measure full, unchanged and one-new-document builds; print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=60, help="corpus size before the new one")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workers", type=int, help="claims build --workers (default: cores)")
    args = parser.parse_args()
    times: dict[str, list[float]] = {"full": [], "unchanged": [], "one new": []}
    summaries: dict[str, str] = {}
    new = NEW_DOCUMENT
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(args.repeat):
            base = Path(tmp) / f"run{run}"
            sources, annotations = base / "source_text", base / "annotations"
            make_corpus(sources, args.documents)
            shutil.copytree(ROOT / "annotations", annotations)
            cache, db = base / "cache", base / "claims.db"
            for name in ("full", "unchanged"):
                seconds, summaries[name] = timed_build(
                    sources, annotations, db, cache, args.workers
                )
                times[name].append(seconds)
            shutil.copy(new, sources)
            shutil.copy(new.with_suffix(".yaml"), sources)
            seconds, summaries["one new"] = timed_build(
                sources, annotations, db, cache, args.workers
            )
            times["one new"].append(seconds)
    full = statistics.median(times["full"])
    print(f"{'build':<10} {'median s':>9} {'of full':>8} {'target':>7}  runs")
    failed = False
    for name, values in times.items():
        ratio = statistics.median(values) / full
        target = TARGETS.get(name)
        failed |= target is not None and ratio >= target
        shown = f"< {target}" if target else ""
        runs = " ".join(f"{v:.2f}" for v in values)
        print(f"{name:<10} {statistics.median(values):>9.2f} {ratio:>8.2f} {shown:>7}  {runs}")
    print(f"corpus: {args.documents} documents, then one more ({new.name})")
    for name, summary in summaries.items():
        print(f"{name}: {summary}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
