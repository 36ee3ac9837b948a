"""TIMEX3 values on the calendar at their own precision; the report's reader undoes the CSV guard."""

import datetime as dt

import pandas as pd
import pytest

from pipeline.report.reader import restore_cells
from pipeline.report.timeline import interval

D = dt.date


@pytest.mark.parametrize(
    ("value", "start", "end", "precision"),
    [
        ("2024-03-16", D(2024, 3, 16), D(2024, 3, 17), "day"),
        ("2024-05-20T15:30", D(2024, 5, 20), D(2024, 5, 21), "day"),
        ("2024-W11", D(2024, 3, 11), D(2024, 3, 18), "week"),
        ("2024-03", D(2024, 3, 1), D(2024, 4, 1), "month"),
        ("2024-12", D(2024, 12, 1), D(2025, 1, 1), "month"),
        ("2024-SU", D(2024, 6, 1), D(2024, 9, 1), "season"),
        ("2023-WI", D(2023, 12, 1), D(2024, 3, 1), "season"),
        ("2024-Q2", D(2024, 4, 1), D(2024, 7, 1), "season"),
        ("2024", D(2024, 1, 1), D(2025, 1, 1), "year"),
        ("199", D(1990, 1, 1), D(2000, 1, 1), "decade"),
        ("19", D(1900, 1, 1), D(2000, 1, 1), "century"),
    ],
)
def test_a_date_covers_the_stretch_its_precision_names(value, start, end, precision):
    found = interval(value)
    assert found is not None
    assert (found.start, found.end, found.precision) == (start, end, precision)


@pytest.mark.parametrize("value", ["XXXX-03", "XXXX-XX-XXT05:30", "P4Y", "PRESENT_REF", "2024-02-31", "2024-W60", ""])
def test_no_place_on_the_calendar(value):
    assert interval(value) is None


def test_reader_undoes_the_spreadsheet_guard_only():
    cells = ["'-0,5%", "'=1+1", "'@x", "'\\tx", "l'uno", "'tra virgolette'", ""]
    frame = restore_cells(pd.DataFrame({"text": cells}, dtype=str))
    assert frame.text.tolist() == ["-0,5%", "=1+1", "@x", "\\tx", "l'uno", "'tra virgolette'", ""]
