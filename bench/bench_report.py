"""Speed of the HTML report on a large corpus.

Extracts the corpus once (default model, into a temporary folder), then repeats its
articles and their table rows under new doc_ids until there are --articles of them (a
synthetic outputs folder with its manifest, and a matching corpus folder), and times
``build_report`` on it. Writes the table to .bench/report.txt as well as stdout.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import tempfile
import time
from pathlib import Path

import pandas as pd
from benchlib import write_report

from pipeline.__main__ import main as cli
from pipeline.report import Summary, build_report
from pipeline.report.reader import COLUMNS
from pipeline.writer import OutputDir, csv_text


def grow(out: Path, corpus: Path, target_out: Path, target_corpus: Path, articles: int) -> int:
    """``articles`` copies of the extracted articles (``<doc_id>-<n>``): tables and texts."""
    tables = {name: pd.read_csv(out / f"{name}.csv", dtype=str, keep_default_na=False) for name in COLUMNS}
    ok = tables["documents"].doc_id[tables["documents"].status == "ok"].tolist()
    copies = -(-articles // len(ok))
    folder = target_corpus / "articles"
    folder.mkdir(parents=True)
    grown = {}
    for name, frame in tables.items():
        frame = frame[frame.doc_id.isin(ok)]
        parts = [frame.assign(doc_id=frame.doc_id + f"-{n}") for n in range(copies)]
        grown[name] = pd.concat(parts).sort_values("doc_id", kind="stable")
    keep = set(grown["documents"].doc_id.iloc[:articles])
    files = {f"{name}.csv": csv_text(frame[frame.doc_id.isin(keep)]) for name, frame in grown.items()}
    for doc_id in keep:
        source = doc_id.rsplit("-", 1)[0]
        shutil.copyfile(corpus / "articles" / f"{source}.txt", folder / f"{doc_id}.txt")
    with OutputDir(target_out) as target:
        target.write(files)
    return len(keep)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=Path("corpus"))
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--out", type=Path, default=Path(".bench/report.txt"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if cli(["extract", str(args.corpus), "--out", str(work / "out"), "--no-progress"]) not in (0, 3):
            raise SystemExit("bench_report: extraction failed")
        n = grow(work / "out", args.corpus, work / "big", work / "corpus", args.articles)
        summary = Summary()
        started = time.perf_counter()
        site = build_report(work / "big", work / "corpus", summary)
        seconds = time.perf_counter() - started
        size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    lines = [
        f"report of {n} articles ({summary.line()})",
        f"build: {seconds:.1f} s ({1000 * seconds / n:.1f} ms per article), site {size / 1e6:.1f} MB",
        f"peak resident memory (extraction included): {peak_mb:.0f} MB",
    ]
    write_report(lines, args.out)


if __name__ == "__main__":
    main()
