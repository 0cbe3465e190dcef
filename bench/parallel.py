"""Time `claims build --workers 1` against `--workers 2` on the same 80 documents, in one run.

Each build is a fresh process with no analysis cache; the two are alternated and
repeated, and the medians compared. Both must write the same database.
"""

import argparse
import shutil
import sqlite3
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build import ROOT, build_command, make_corpus, timed

TARGET_SPEEDUP = 1.5


def timed_build(base: Path, db: Path, workers: int) -> float:
    """Run one build in a fresh process with the given workers; return its wall seconds."""
    options = ("--no-cache", "--workers", str(workers))
    return timed(build_command(base / "source_text", base / "annotations", db, *options))[0]


def dump(db: Path) -> list:
    """Every table's rows but the build time, to compare two builds."""
    connection = sqlite3.connect(db)
    tables = [n for (n,) in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    rows = [
        (table, connection.execute(f'SELECT * FROM "{table}" ORDER BY rowid').fetchall())
        for table in tables
        if not table.startswith(("sqlite_", "search_")) and table != "meta"
    ]
    connection.close()
    return rows


def main() -> int:
    """Measure both worker counts, print the table, fail below the target speed-up."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=80)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    times: dict[int, list[float]] = {1: [], 2: []}
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        make_corpus(base / "source_text", args.documents)
        shutil.copytree(ROOT / "annotations", base / "annotations")
        timed_build(base, base / "warm.db", 1)  # the locks are written once, before timing
        for _ in range(args.repeat):
            for workers in (1, 2):
                times[workers].append(timed_build(base, base / f"w{workers}.db", workers))
        same = dump(base / "w1.db") == dump(base / "w2.db")
    one, two = statistics.median(times[1]), statistics.median(times[2])
    print(f"{'workers':>7} {'median s':>9}  runs")
    for workers, values in times.items():
        runs = " ".join(f"{v:.2f}" for v in values)
        print(f"{workers:>7} {statistics.median(values):>9.2f}  {runs}")
    print(f"speed-up of 2 workers: {one / two:.2f}x (target >= {TARGET_SPEEDUP}x) on "
          f"{args.documents} documents; same rows: {same}")  # fmt: skip
    return 0 if same and one / two >= TARGET_SPEEDUP else 1


if __name__ == "__main__":
    sys.exit(main())
