"""Tables written as the articles finish, in constant memory.

Rows of each table go, one JSON line each, to a spool file in the run's temporary folder
while the run goes on, and ``extraction.jsonl`` is written directly; ``finish`` turns each
spool into its CSV in chunks. Articles arrive in ``doc_id`` order with their rows sorted
(``tables.mention_rows``), which is the order ``TableSet`` sorts into, so the bytes are
the same as when everything was held in memory. The spool is needed because a CSV header
lists the extra columns in the order they are first seen over the whole table.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pandas as pd

from .tables import DOCUMENT_COLUMNS, TABLE_COLUMNS, TABLE_NAMES, ArticleResult, article_record
from .writer import csv_text

#: rows turned into CSV at a time: bounded memory, few pandas calls
CSV_CHUNK = 20_000
SPOOL_SUFFIX = ".rows"


def _chunks(rows_in: IO[str]) -> Iterator[list[dict[str, Any]]]:
    """The spooled rows, about ``CSV_CHUNK`` at a time, each chunk ending with an article
    (``event_id`` counts within an article)."""
    chunk: list[dict[str, Any]] = []
    for line in rows_in:
        row = json.loads(line)
        if len(chunk) >= CSV_CHUNK and row["doc_id"] != chunk[-1]["doc_id"]:
            yield chunk
            chunk = []
        chunk.append(row)
    if chunk:
        yield chunk


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
        """Write every table from its spool (CSV, then the typed outputs, see ``typed.py``);
        returns the file names."""
        from .typed import DATAPACKAGE_NAME, DUCKDB_NAME, datapackage, duckdb_writer

        self.jsonl.close()
        names, headers, parquets = [], {}, {}
        for name in TABLE_NAMES:
            spool = self.spools[name]
            spool.close()
            headers[name] = [*self.leading[name], *self.extras[name]]
            parquets[name] = self.folder / f"{name}.parquet"
            self._write_table(name, Path(spool.name), headers[name], parquets[name])
            Path(spool.name).unlink()
            names += [f"{name}.csv", f"{name}.parquet"]
        import pyarrow.dataset as ds

        duckdb_writer({name: ds.dataset(path) for name, path in parquets.items()})(self.folder / DUCKDB_NAME)
        with self._open(DATAPACKAGE_NAME) as handle:
            handle.write(json.dumps(datapackage(headers), indent=2, ensure_ascii=False) + "\n")
        return [*names, self.jsonl_name, DUCKDB_NAME, DATAPACKAGE_NAME]

    def _write_table(self, name: str, spool: Path, columns: list[str], parquet: Path) -> None:
        import pyarrow.parquet as pq

        from .typed import arrow_table

        writer = None
        with open(spool, encoding="utf-8") as rows_in, self._open(f"{name}.csv") as out:
            empty = pd.DataFrame([], columns=columns, dtype=object)
            out.write(csv_text(empty))
            for chunk in _chunks(rows_in):
                frame = pd.DataFrame(chunk, columns=columns, dtype=object)
                out.write(csv_text(frame, header=False))
                table = arrow_table(name, frame)
                writer = writer or pq.ParquetWriter(parquet, table.schema)
                writer.write_table(table)
        if writer is None:  # no rows: one empty row group, as pyarrow writes an empty table
            table = arrow_table(name, empty)
            writer = pq.ParquetWriter(parquet, table.schema)
            writer.write_table(table)
        writer.close()

    def close(self) -> None:
        """Close the files (the temporary folder is removed by ``OutputDir``)."""
        for handle in (*self.spools.values(), self.jsonl):
            handle.close()
