"""A TIMEX3 value → the stretch of calendar it names: first day, end, precision.

``2024-03-16`` → 2024-03-16 for a day; ``2024-03`` → March 2024 (month); ``2024-W20`` →
its Monday to Sunday (week); ``2024-SU`` → June to August (season); ``199`` → the 1990s
(decade); ``2024-11-16TAF`` → that day (part_of_day). A value with an unknown year
(``XXXX-06-30``), a duration (``P10Y``), a set or a reference (``PRESENT_REF``) names no
stretch of calendar: None. For the typed outputs, where pandas and SQL need real dates, and
the report's timeline, which draws each date as long as it is.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

#: the precisions, coarsest first
PRECISIONS = (
    "century",
    "decade",
    "year",
    "half",
    "season",
    "quarter",
    "month",
    "week",
    "weekend",
    "day",
    "part_of_day",
    "hour",
    "minute",
    "second",
)
# seasons (meteorological), quarters and halves: (first month, months long)
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
_PART_PRECISION = {"H": "half", "Q": "quarter"}
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}(?::\d{2}(?::\d{2})?)?|[A-Z]{2}))?")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_WEEK = re.compile(r"(\d{4})-W(\d{2})(-WE)?")
_PART = re.compile(r"(\d{4})-(H[12]|Q[1-4]|SP|SU|FA|WI)")
_YEAR = re.compile(r"\d{4}")
_DECADE = re.compile(r"\d{3}")
_CENTURY = re.compile(r"\d{2}")


@dataclass(frozen=True)
class Interval:
    start: dt.date
    end: dt.date  # exclusive
    precision: str  # one of PRECISIONS


def calendar_interval(value: object) -> Interval | None:
    """The stretch of calendar a TIMEX3 value names, or None when it names none."""
    if not isinstance(value, str) or not value:
        return None
    try:
        return _interval(value.strip())
    except ValueError:  # month 13, week 54, day 31 of February: no day
        return None


def calendar_start(value: object) -> tuple[dt.date | None, str | None]:
    """(first day, precision) of a TIMEX3 calendar value; (None, None) when it names none."""
    interval = calendar_interval(value)
    return (interval.start, interval.precision) if interval else (None, None)


def _add_months(year: int, month: int, months: int) -> dt.date:
    index = year * 12 + month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _years(first: int, years: int, precision: str) -> Interval:
    return Interval(dt.date(max(first, 1), 1, 1), dt.date(first + years, 1, 1), precision)


def _interval(value: str) -> Interval | None:
    if match := _DAY.fullmatch(value):
        year, month, day, time = match.groups()
        start = dt.date(int(year), int(month), int(day))
        return Interval(start, start + dt.timedelta(days=1), "day" if time is None else _time_precision(time))
    if match := _MONTH.fullmatch(value):
        year, month = int(match[1]), int(match[2])
        return Interval(dt.date(year, month, 1), _add_months(year, month, 1), "month")
    if match := _WEEK.fullmatch(value):
        monday = dt.date.fromisocalendar(int(match[1]), int(match[2]), 1)
        if match[3]:
            return Interval(monday + dt.timedelta(days=5), monday + dt.timedelta(days=7), "weekend")
        return Interval(monday, monday + dt.timedelta(weeks=1), "week")
    if match := _PART.fullmatch(value):
        year, part = int(match[1]), match[2]
        first, months = _PARTS[part]
        precision = _PART_PRECISION.get(part[0], "season")
        return Interval(_add_months(year, first, 0), _add_months(year, first, months), precision)
    if _YEAR.fullmatch(value):
        return _years(int(value), 1, "year")
    if _DECADE.fullmatch(value):
        return _years(int(value) * 10, 10, "decade")
    if _CENTURY.fullmatch(value):
        return _years(int(value) * 100, 100, "century")
    return None


def _time_precision(time: str) -> str:
    if time.isalpha():  # MO, AF, EV, NI: a part of the day
        return "part_of_day"
    return ("hour", "minute", "second")[time.count(":")]
