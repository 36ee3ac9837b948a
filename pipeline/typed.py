"""The typed outputs, beside the CSVs: one Parquet file per table, every table in one
DuckDB file, ``datapackage.json``; and ``load_tables`` to read them back as DataFrames.

Types, keys and descriptions come from ``schema.py``. Codes stay text (CAMEO ``010``),
offsets are integers, flags booleans, dates DATE columns with a precision beside them;
an empty cell is null. The text is exact: the CSVs' spreadsheet neutralisation is not
applied here.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import math
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .schema import (
    BOOLEAN,
    DATE,
    INTEGER,
    NUMBER,
    PRIMARY_KEYS,
    STRING,
    Column,
    datapackage,
    derive,
    event_ids,
    typed_columns,
)
from .tables import TABLE_NAMES

DUCKDB_NAME = "extraction.duckdb"
DATAPACKAGE_NAME = "datapackage.json"
ARROW_TYPES = {STRING: pa.string(), INTEGER: pa.int64(), NUMBER: pa.float64(), BOOLEAN: pa.bool_(), DATE: pa.date32()}
SQL_TYPES = {STRING: "VARCHAR", INTEGER: "BIGINT", NUMBER: "DOUBLE", BOOLEAN: "BOOLEAN", DATE: "DATE"}
#: booleans as the CSVs write them
_TRUE, _FALSE = "True", "False"


def _empty(value: Any) -> bool:
    return value is None or value is pd.NA or value == "" or (isinstance(value, float) and math.isnan(value))


def _cell(value: Any, kind: str) -> Any:
    """One value as its column's type; empty → None."""
    if _empty(value):
        return None
    if kind == STRING:
        return str(value)
    if kind == INTEGER:
        return int(value)
    if kind == NUMBER:
        return float(value)
    if kind == BOOLEAN:
        return value == _TRUE if isinstance(value, str) else bool(value)
    if kind == DATE:
        return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    raise ValueError(f"unknown column type {kind!r}")


def arrow_field(table: str, column: Column) -> pa.Field:
    key = column.name in PRIMARY_KEYS.get(table, ())
    return pa.field(
        column.name, ARROW_TYPES[column.type], nullable=not key, metadata={"description": column.description}
    )


def arrow_table(table: str, frame: pd.DataFrame) -> pa.Table:
    """The rows of a table (as ``TableSet.frames`` gives them) with every column typed."""
    rows = frame.to_dict("records")
    columns = typed_columns(table)
    arrays = []
    for column in columns:
        compute = derive(table, column.name)
        if column.name == "event_id":
            values = event_ids([row["doc_id"] for row in rows])
        elif compute is not None:
            values = [compute(row) for row in rows]
        else:
            values = [row.get(column.name) for row in rows]
        arrays.append(pa.array([_cell(v, column.type) for v in values], type=ARROW_TYPES[column.type]))
    schema = pa.schema([arrow_field(table, c) for c in columns], metadata={"table": table})
    return pa.Table.from_arrays(arrays, schema=schema)


def parquet_bytes(table: pa.Table) -> bytes:
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    return buffer.getvalue()


def duckdb_writer(tables: Mapping[str, pa.Table]) -> Callable[[Path], None]:
    """A function that writes every table into a new DuckDB file at the path it is given."""

    def write(path: Path) -> None:
        import duckdb  # only when writing: a second or so of import

        con = duckdb.connect(str(path))
        try:
            for name, table in tables.items():
                con.execute(create_table_sql(name))
                con.register("incoming", table)
                con.execute(f"INSERT INTO {name} SELECT * FROM incoming")
                con.unregister("incoming")
                for column in typed_columns(name):
                    con.execute(f"COMMENT ON COLUMN {name}.{_quoted(column.name)} IS {_literal(column.description)}")
            con.execute("CHECKPOINT")
        finally:
            con.close()

    return write


def create_table_sql(table: str) -> str:
    """``CREATE TABLE`` with the column types, NOT NULL keys and the primary key."""
    keys = PRIMARY_KEYS.get(table, ())
    lines = [
        f"{_quoted(c.name)} {SQL_TYPES[c.type]}{' NOT NULL' if c.name in keys else ''}" for c in typed_columns(table)
    ]
    if keys:
        lines.append(f"PRIMARY KEY ({', '.join(keys)})")
    return f"CREATE TABLE {table} (\n  " + ",\n  ".join(lines) + "\n)"


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'  # "end" is an SQL keyword


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def typed_files(frames: Mapping[str, pd.DataFrame]) -> dict[str, bytes | str | Callable[[Path], None]]:
    """File name → content of the typed outputs: Parquet per table, the DuckDB file (a
    function that writes it) and datapackage.json (which describes the CSVs too)."""
    tables = {name: arrow_table(name, frames[name]) for name in TABLE_NAMES}
    files: dict[str, bytes | str | Callable[[Path], None]] = {
        f"{name}.parquet": parquet_bytes(table) for name, table in tables.items()
    }
    files[DUCKDB_NAME] = duckdb_writer(tables)
    headers = {name: [str(c) for c in frames[name].columns] for name in TABLE_NAMES}
    files[DATAPACKAGE_NAME] = json.dumps(datapackage(headers), indent=2, ensure_ascii=False) + "\n"
    return files


def load_tables(out_dir: Path | str) -> dict[str, pd.DataFrame]:
    """The tables of an ``extract`` run as typed DataFrames, by table name.

    Text columns are pandas strings, offsets and counts ``Int64``, values ``Float64``,
    flags ``boolean``, dates ``datetime64`` (with their ``_precision`` column beside
    them); an empty cell is ``<NA>``. CAMEO codes stay text (``"010"``)::

        tables = pipeline.load_tables("outputs")
        tables["events"].groupby("type").size()
    """
    out_dir = Path(out_dir)
    frames = {}
    for name in TABLE_NAMES:
        path = out_dir / f"{name}.parquet"
        if not path.is_file():
            raise FileNotFoundError(f"{path}: missing (outputs of an older version? run extract again)")
        frame = pd.read_parquet(path, dtype_backend="numpy_nullable")
        for column in typed_columns(name):
            if column.type == DATE:
                frame[column.name] = pd.to_datetime(frame[column.name]).astype("datetime64[s]")
        frames[name] = frame
    return frames
