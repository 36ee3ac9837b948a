"""What the benchmark scripts share: gold lookup, repeated timing, report output.

Not named ``bench_*.py``: `make bench` runs every such file as a benchmark.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path


def gold_mentions(gold_dir: Path, doc_id: str, table: str) -> list[dict] | None:
    """The gold list of ``table`` for an article, or None when it has no such gold."""
    path = gold_dir / f"{doc_id}.json"
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    if table not in data.get("annotated", [table]):
        return None
    return data.get(table)


def timed(fn: Callable[[], tuple], min_seconds: float):
    """Run ``fn`` (returning (result, seconds)) until ``min_seconds``; mean seconds per run."""
    result, elapsed = fn()
    total, runs = elapsed, 1
    while total < min_seconds:
        _, elapsed = fn()
        total += elapsed
        runs += 1
    return result, total / runs


def write_report(lines: list[str], out: Path) -> None:
    report = "\n".join(lines)
    print(report)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(report + "\n", encoding="utf-8")
