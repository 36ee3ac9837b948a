"""Compare the extraction tables of two runs: what a code change changed, row by row.

    python tools/compare_tables.py REF_DIR NEW_DIR            # two existing output folders
    python tools/compare_tables.py REF_DIR --corpus corpus    # extract CORPUS now, compare

Rows are compared as whole CSV lines per table (documents.csv without its timing-free
columns is compared too). Prints, per table, the rows only in REF and only in NEW,
grouped by article, and exits 1 when anything differs, so a refactoring that must not
change behaviour can be checked with one command.
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

TABLES = ("entities", "dates", "numbers", "events", "documents")


def read_rows(path: Path) -> Counter:
    if not path.exists():
        return Counter()
    with path.open(encoding="utf-8", newline="") as fh:
        return Counter(tuple(row) for row in csv.reader(fh))


def compare(ref: Path, new: Path, show: int) -> int:
    changed = 0
    for table in TABLES:
        a, b = read_rows(ref / f"{table}.csv"), read_rows(new / f"{table}.csv")
        only_ref, only_new = a - b, b - a
        print(
            f"{table}: {sum(a.values())} rows before, {sum(b.values())} after, "
            f"{sum(only_ref.values())} removed, {sum(only_new.values())} added"
        )
        for sign, rows in (("-", only_ref), ("+", only_new)):
            for row in sorted(rows)[:show]:
                print(f"  {sign} {','.join(row)[:240]}")
        changed += len(only_ref) + len(only_new)
    return 1 if changed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("ref", type=Path, help="output folder of the reference run")
    parser.add_argument("new", type=Path, nargs="?", help="output folder of the new run")
    parser.add_argument("--corpus", type=Path, help="extract this corpus now as the new run")
    parser.add_argument("--model", default="default")
    parser.add_argument("--show", type=int, default=40, help="rows to print per table and side")
    args = parser.parse_args(argv)
    if args.new is None and args.corpus is None:
        parser.error("give NEW_DIR or --corpus")
    if args.new is not None:
        return compare(args.ref, args.new, args.show)
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "pipeline", "extract", str(args.corpus), "--out", tmp, "--model", args.model]
        done = subprocess.run(cmd)
        if done.returncode not in (0, 3):
            return done.returncode
        return compare(args.ref, Path(tmp), args.show)


if __name__ == "__main__":
    sys.exit(main())
