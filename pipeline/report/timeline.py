"""TIMEX3 values → the stretch of calendar they name, for the timeline.

A value is drawn at its own precision: ``2024-03-16`` is one day, ``2024-03`` the whole
month, ``2024`` the year, ``2024-W11`` a week, ``2024-SU`` the summer, ``199`` the 1990s,
``19`` the 20th century. Underspecified values (``XXXX-03``), durations, sets and
references (``PRESENT_REF``) have no place on a calendar and give ``None``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

# TIMEX3 seasons, quarters and halves as month ranges (first month, months long)
_PARTS = {
    "SP": (3, 3),
    "SU": (6, 3),
    "FA": (9, 3),
    "WI": (12, 3),
    "Q1": (1, 3),
    "Q2": (4, 3),
    "Q3": (7, 3),
    "Q4": (10, 3),
    "H1": (1, 6),
    "H2": (7, 6),
}
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:T.*)?")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_WEEK = re.compile(r"(\d{4})-W(\d{2})(?:-\d|-WE)?")
_PART = re.compile(r"(\d{4})-(SP|SU|FA|WI|Q[1-4]|H[12])")
_YEAR = re.compile(r"\d{4}")
_DECADE = re.compile(r"\d{3}")
_CENTURY = re.compile(r"\d{2}")


@dataclass(frozen=True)
class Interval:
    start: dt.date
    end: dt.date  # exclusive
    precision: str  # day, week, month, season, year, decade, century


def _add_months(year: int, month: int, months: int) -> dt.date:
    index = year * 12 + month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def interval(value: str) -> Interval | None:
    """The calendar stretch of a TIMEX3 date value, or None when it has none."""
    value = value.strip()
    try:
        if m := _DAY.fullmatch(value):
            day = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return Interval(day, day + dt.timedelta(days=1), "day")
        if m := _WEEK.fullmatch(value):
            monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return Interval(monday, monday + dt.timedelta(weeks=1), "week")
        if m := _MONTH.fullmatch(value):
            year, month = int(m[1]), int(m[2])
            return Interval(dt.date(year, month, 1), _add_months(year, month, 1), "month")
        if m := _PART.fullmatch(value):
            first, months = _PARTS[m[2]]
            return Interval(_add_months(int(m[1]), first, 0), _add_months(int(m[1]), first, months), "season")
        if _YEAR.fullmatch(value):
            return Interval(dt.date(int(value), 1, 1), dt.date(int(value) + 1, 1, 1), "year")
        if _DECADE.fullmatch(value):
            return Interval(dt.date(int(value) * 10, 1, 1), dt.date(int(value) * 10 + 10, 1, 1), "decade")
        if _CENTURY.fullmatch(value) and value != "00":
            return Interval(dt.date(int(value) * 100, 1, 1), dt.date(int(value) * 100 + 100, 1, 1), "century")
    except ValueError:  # an impossible date (2024-02-31, week 60)
        return None
    return None
