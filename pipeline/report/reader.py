"""The tables of one extraction run, read back from ``OUT`` for the report.

Column names come from ``pipeline.tables`` (one schema for writer and reader). Every cell
is read as text (an offset column with empty cells must not turn into floats), and the
writer's spreadsheet guard is undone (``'-0,5%`` → ``-0,5%``): the report shows what was
extracted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..tables import DOCUMENT_COLUMNS, TABLE_COLUMNS
from ..writer import FORMULA_START, shown, verify_outputs

COLUMNS = {"documents": DOCUMENT_COLUMNS, **TABLE_COLUMNS}


class TablesError(Exception):
    """The outputs cannot be read as one run's tables (one-line message)."""


@dataclass
class Tables:
    documents: pd.DataFrame
    entities: pd.DataFrame
    dates: pd.DataFrame
    numbers: pd.DataFrame
    events: pd.DataFrame
    actors: pd.DataFrame
    event_records: pd.DataFrame


# What follows the writer's apostrophe: a formula start, or a tab/CR it wrote as an escape.
_DEFUSED = re.compile("'(?:[" + re.escape("".join(FORMULA_START[:4])) + r"]|\\[tr])")


def restore_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """The cells as extracted, before the writer defused them (``'=x`` → ``=x``)."""
    for column in frame.columns:
        cells = frame[column]
        defused = cells.str.match(_DEFUSED)
        if defused.any():
            frame[column] = cells.where(~defused, cells.str[1:])
    return frame


def read_tables(out_dir: Path | str) -> Tables:
    """Every table of ``out_dir``, checked against its manifest and its schema."""
    out_dir = Path(out_dir)
    problems = verify_outputs(out_dir)
    if problems:
        raise TablesError(f"{problems[0]}; run extract first")
    frames = {name: read_table(out_dir / f"{name}.csv", columns) for name, columns in COLUMNS.items()}
    return Tables(**frames)


def read_table(path: Path, columns: list[str]) -> pd.DataFrame:
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False)
    except (OSError, ValueError) as exc:
        raise TablesError(f"{shown(path)}: cannot be read ({exc})") from exc
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise TablesError(f"{shown(path)}: missing column(s) {', '.join(missing)}")
    return restore_cells(frame)
