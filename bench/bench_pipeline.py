"""Speed and memory of the whole pipeline on the corpus articles.

Runs every article of the corpus (repeated until at least --min-words words) through the
default pipeline, one article at a time as `make extract` does, and reports load time,
words per second per component and overall, and peak resident memory.
Writes the table to .bench/pipeline.txt as well as stdout.
"""

from __future__ import annotations

import argparse
import resource
import time
from collections import defaultdict
from pathlib import Path

from benchlib import write_report

from pipeline.corpus import iter_articles
from pipeline.extract import annotate_articles
from pipeline.nlp import build_nlp


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=Path("corpus"))
    parser.add_argument("--model", default="default")
    parser.add_argument("--min-words", type=int, default=30_000)
    parser.add_argument("--out", type=Path, default=Path(".bench/pipeline.txt"))
    args = parser.parse_args()

    started = time.perf_counter()
    nlp = build_nlp(args.model)
    load_seconds = time.perf_counter() - started
    articles = [a for a in iter_articles(args.corpus) if a.ok]
    if not articles:
        raise SystemExit(f"{args.corpus}: no readable articles to benchmark")

    per_component: dict[str, float] = defaultdict(float)
    words = docs = 0
    total_started = time.perf_counter()
    while words < args.min_words:
        for article in articles:
            doc = nlp.make_doc(article.text)
            doc._.published = article.published
            for name, component in nlp.pipeline:
                t0 = time.perf_counter()
                doc = component(doc)
                per_component[name] += time.perf_counter() - t0
            words += len(doc)
            docs += 1
    total = time.perf_counter() - total_started
    # The path `make extract` takes: nlp.pipe in batches, no per-component timers.
    repeated = articles * max(1, docs // len(articles))
    batch_started = time.perf_counter()
    batch_tokens = sum(len(doc) for _, doc in annotate_articles(nlp, repeated) if doc is not None)
    batch_seconds = time.perf_counter() - batch_started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    lines = [
        f"model: {args.model} → pipes {nlp.pipe_names}",
        f"input: {len(articles)} corpus articles, repeated: {docs} docs, {words} tokens",
        f"load time: {load_seconds:.2f} s",
        f"one doc at a time, timed per component: {total:.2f} s, {words / total:,.0f} tokens/s, "
        f"{1000 * total / words * 1000:.1f} ms per 1,000 tokens",
        f"extract path (nlp.pipe, batches of 16): {batch_tokens / batch_seconds:,.0f} tokens/s",
        f"peak RSS: {peak_mb:,.0f} MB",
        "per component (ms per 1,000 tokens):",
        *(f"  {name:<22} {1e6 * secs / words:8.2f}" for name, secs in per_component.items()),
    ]
    write_report(lines, args.out)


if __name__ == "__main__":
    main()
