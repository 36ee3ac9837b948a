"""Corpora of any size (issue 18): where the time goes, cores, the cache, memory per size.

Corpora of 100, 1,000 and 10,000 articles (``BENCH_SIZES=100,1000`` for fewer) are built
from the KIND texts (``bench/kind_corpus.py``, ~400 words each) under ``.bench/corpora``.
Printed side by side, in one run:

* tokenizer only, the statistical model alone, the whole pipeline (words/s) and the
  rules' cost over the model's, on the first 200 articles of the 1,000 (or largest) corpus;
* ``extract`` on that corpus with one process and with all cores (``--jobs 0``), the
  speed-up, and whether the tables are the same bytes;
* the first run into an empty result cache and the re-run of the unchanged corpus;
* for each size, ``extract --jobs 1 --no-cache``: time, words/s and peak RSS (the run is
  one process: its own peak).

``extract`` runs as the command line does, in a child process timed from outside (start-up
and model load included). Writes the table to .bench/scale.txt as well as stdout. It takes
long (the 10,000 articles are ~4M words); it is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import kind_corpus
from benchlib import write_report

from pipeline.tables import JSONL_NAME, TABLE_NAMES

ROOT = Path(__file__).resolve().parent.parent
SIZES_ENV = "BENCH_SIZES"
DEFAULT_SIZES = "100,1000,10000"
STAGE_ARTICLES = 200
TABLES = [f"{name}.csv" for name in TABLE_NAMES] + [JSONL_NAME]  # compared byte for byte

RUN_AND_MEASURE = (
    "import resource, subprocess, sys, time\n"
    "t = time.perf_counter()\n"
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode\n"
    "print(code, time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def extract(corpus: Path, out: Path, *options: str, cache_dir: Path | None = None) -> tuple[float, float]:
    """Seconds and peak RSS (MiB, the largest process) of one ``extract`` run."""
    env = dict(os.environ)
    if cache_dir is not None:
        env["PIPELINE_CACHE_DIR"] = str(cache_dir)
    command = [sys.executable, "-m", "pipeline", "extract", str(corpus), "--out", str(out), "--no-progress", *options]
    line = subprocess.run(
        [sys.executable, "-c", RUN_AND_MEASURE, *command], env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    if line[0] not in ("0", "3"):
        raise SystemExit(f"extract failed (exit {line[0]}): {' '.join(command)}")
    return float(line[1]), int(line[2]) / 1024


def corpus_of(size: int, folder: Path) -> Path:
    path = folder / f"kind-{size}"
    if not (path / "articles.csv").exists():
        shutil.rmtree(path, ignore_errors=True)
        kind_corpus.build(size, path)
    return path


def words_of(corpus: Path) -> int:
    return sum(len(p.read_text(encoding="utf-8").split()) for p in (corpus / "articles").glob("*.txt"))


def stages(corpus: Path) -> list[str]:
    """Tokenizer, statistical model, whole pipeline: tokens/s on the same texts."""
    import spacy

    from pipeline.nlp import SHIPPED_MODEL, build_nlp

    texts = [p.read_text(encoding="utf-8") for p in sorted((corpus / "articles").glob("*.txt"))[:STAGE_ARTICLES]]
    base = spacy.load(SHIPPED_MODEL)
    whole = build_nlp("default")

    def speed(run) -> tuple[float, int]:
        started = time.perf_counter()
        tokens = run()
        return tokens / (time.perf_counter() - started), tokens

    tokenizer, tokens = speed(lambda: sum(len(base.make_doc(t)) for t in texts))
    model, _ = speed(lambda: sum(len(d) for d in base.pipe(texts, batch_size=16)))
    pipeline, _ = speed(lambda: sum(len(d) for d in whole.pipe(texts, batch_size=16)))
    rules = tokens / pipeline - tokens / model  # seconds of our components
    words = sum(len(t.split()) for t in texts)  # words as a reader counts them (issue 11's bar: 6,000/s)
    return [
        f"where the time goes ({len(texts)} articles, {tokens:,} tokens, one process, model loaded):",
        f"  tokenizer only           {tokenizer:>10,.0f} tokens/s",
        f"  statistical model alone  {model:>10,.0f} tokens/s  (base pipes: {', '.join(base.pipe_names)})",
        f"  whole pipeline           {pipeline:>10,.0f} tokens/s = {pipeline * words / tokens:,.0f} words/s",
        f"  rules' cost / model's    {rules / (tokens / model):>10.2f}",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, help="ignored: the corpora are built from KIND")
    parser.add_argument("--corpora", type=Path, default=ROOT / ".bench" / "corpora")
    parser.add_argument("--out", type=Path, default=ROOT / ".bench" / "scale.txt")
    args = parser.parse_args()
    sizes = [int(s) for s in os.environ.get(SIZES_ENV, DEFAULT_SIZES).split(",") if s.strip()]
    corpora = {size: corpus_of(size, args.corpora) for size in sizes}
    main_size = max([s for s in sizes if s <= 1000] or sizes[:1])
    main_corpus = corpora[main_size]
    lines = [f"machine: {os.cpu_count()} cores (shared with other work while measured)", *stages(main_corpus)]

    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import pipeline.__main__"], check=True)
    startup = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        one, one_rss = extract(main_corpus, work / "one", "--jobs", "1", "--no-cache")
        cache = work / "cache"
        every, _ = extract(main_corpus, work / "every", "--jobs", "0", cache_dir=cache)
        rerun, rerun_rss = extract(main_corpus, work / "rerun", "--jobs", "0", cache_dir=cache)
        again, again_rss = extract(main_corpus, work / "rerun", "--jobs", "0", cache_dir=cache)
        same = all(
            filecmp.cmp(work / "one" / n, work / d / n, shallow=False) for n in TABLES for d in ("every", "rerun")
        )
        lines += [
            f"extract, {main_size:,} articles ({words_of(main_corpus):,} words), "
            "wall time with start-up and model load:",
            f"  one process (--jobs 1)        {one:8.1f} s",
            f"  all cores (--jobs 0)          {every:8.1f} s   speed-up {one / every:.2f}x   same bytes: {same}",
            f"  first run, empty cache        {every:8.1f} s   (the all-cores run above)",
            f"  unchanged, into a new OUT     {rerun:8.2f} s   peak RSS {rerun_rss:,.0f} MiB "
            "(rows from the cache, tables written; no model loaded)",
            f"  unchanged, same OUT again     {again:8.2f} s   peak RSS {again_rss:,.0f} MiB "
            "(outputs already up to date: nothing written)",
            f"  Python start-up and imports   {startup:8.2f} s   (import pipeline.__main__: in every run above)",
            "peak RSS and time per corpus size (extract --jobs 1 --no-cache):",
        ]
        for size, corpus in corpora.items():
            if size == main_size:  # measured above
                seconds, rss = one, one_rss
            else:
                seconds, rss = extract(corpus, work / f"size-{size}", "--jobs", "1", "--no-cache")
            words = words_of(corpus)
            lines.append(
                f"  {size:>7,} articles {words:>10,} words {seconds:8.1f} s {words / seconds:8,.0f} words/s"
                f"  peak RSS {rss:7,.0f} MiB"
            )
            shutil.rmtree(work / f"size-{size}", ignore_errors=True)
            print(lines[-1], flush=True)
    write_report(lines, args.out)


if __name__ == "__main__":
    main()
