"""Tables written as the articles finish, in constant memory.

Rows of each table go, one JSON line each, to a spool file in the run's temporary folder
while the run goes on, and ``extraction.jsonl`` is written directly; ``finish`` turns each
spool into its CSV in chunks. Articles arrive in ``doc_id`` order with their rows sorted
(``tables.mention_rows``), which is the order ``TableSet`` sorts into, so the bytes are
the same as when everything was held in memory. The spool is needed because a CSV header
lists the extra columns in the order they are first seen over the whole table.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import IO, Any

import pandas as pd

from .tables import DOCUMENT_COLUMNS, TABLE_COLUMNS, TABLE_NAMES, ArticleResult, article_record
from .writer import csv_text

#: rows turned into CSV at a time: bounded memory, few pandas calls
CSV_CHUNK = 20_000
SPOOL_SUFFIX = ".rows"


def _exact(value: Any) -> Any:
    raise TypeError(f"a table cell must be a JSON scalar, not {type(value).__name__}")


class TableStream:
    """Writes one run's tables into ``folder`` (the output set's temporary folder)."""

    def __init__(self, folder: Path, jsonl_name: str) -> None:
        self.folder = folder
        self.jsonl_name = jsonl_name
        self.leading = {"documents": DOCUMENT_COLUMNS, **TABLE_COLUMNS}
        self.extras: dict[str, dict[str, None]] = {name: {} for name in TABLE_NAMES}
        self.spools: dict[str, IO[str]] = {name: self._open(f".{name}{SPOOL_SUFFIX}") for name in TABLE_NAMES}
        self.jsonl = self._open(jsonl_name)

    def _open(self, name: str) -> IO[str]:
        # the same encoding as writer._write_new: an unpaired surrogate becomes an escape
        return open(self.folder / name, "x", encoding="utf-8", errors="backslashreplace", newline="\n")

    def add(self, result: ArticleResult) -> None:
        document = result["document"]
        self._spool("documents", document)
        for name, rows in result["rows"].items():
            for row in rows:
                self._spool(name, {"doc_id": document["doc_id"], **row})
        self.jsonl.write(json.dumps(article_record(result), ensure_ascii=False) + "\n")

    def _spool(self, name: str, row: dict[str, Any]) -> None:
        extras, leading = self.extras[name], self.leading[name]
        for key in row:
            if key not in extras and key not in leading:
                extras[key] = None
        # JSON keeps int, float, bool, None and str apart, so the CSV cell reads the same
        self.spools[name].write(json.dumps(row, ensure_ascii=False, default=_exact) + "\n")

    def finish(self) -> list[str]:
        """Write every CSV from its spool; returns the file names, tables then JSONL."""
        self.jsonl.close()
        names = []
        for name in TABLE_NAMES:
            spool = self.spools[name]
            spool.close()
            columns = [*self.leading[name], *self.extras[name]]
            with (
                open(spool.name, encoding="utf-8") as rows_in,
                open(
                    self.folder / f"{name}.csv", "x", encoding="utf-8", errors="backslashreplace", newline="\n"
                ) as out,
            ):
                out.write(csv_text(pd.DataFrame([], columns=columns, dtype=object)))
                while chunk := [json.loads(line) for line in itertools.islice(rows_in, CSV_CHUNK)]:
                    out.write(csv_text(pd.DataFrame(chunk, columns=columns, dtype=object), header=False))
            Path(spool.name).unlink()
            names.append(f"{name}.csv")
        return [*names, self.jsonl_name]

    def close(self) -> None:
        """Close the files (the temporary folder is removed by ``OutputDir``)."""
        for handle in (*self.spools.values(), self.jsonl):
            handle.close()
