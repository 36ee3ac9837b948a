"""A TIMEX3 value → the first calendar day it names and the precision of that day.

``2024-03-16`` → (2024-03-16, day); ``2024-03`` → (2024-03-01, month); ``2024-W20`` →
(the Monday, week); ``2024-SU`` → (2024-06-01, season); ``199`` → (1990-01-01, decade);
``2024-11-16TAF`` → (2024-11-16, part_of_day). A value with an unknown year
(``XXXX-06-30``), a duration (``P10Y``), a set or a reference (``PRESENT_REF``) names no
calendar day: (None, None). For the typed outputs, where pandas and SQL need real dates.
"""

from __future__ import annotations

import datetime as dt
import re

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
# meteorological seasons: the month each starts in (TIMEX3 SP, SU, FA, WI)
_SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}(?::\d{2}(?::\d{2})?)?|[A-Z]{2}))?")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_WEEK = re.compile(r"(\d{4})-W(\d{2})(-WE)?")
_PART = re.compile(r"(\d{4})-(H[12]|Q[1-4]|SP|SU|FA|WI)")
_YEAR = re.compile(r"\d{4}")
_DECADE = re.compile(r"\d{3}")
_CENTURY = re.compile(r"\d{2}")


def calendar_start(value: object) -> tuple[dt.date | None, str | None]:
    """(first day, precision) of a TIMEX3 calendar value; (None, None) when it names none."""
    if not isinstance(value, str) or not value:
        return None, None
    try:
        return _calendar_start(value)
    except ValueError:  # month 13, week 54, day 31 of February: no day
        return None, None


def _calendar_start(value: str) -> tuple[dt.date | None, str | None]:
    if match := _DAY.fullmatch(value):
        year, month, day, time = match.groups()
        precision = "day" if time is None else _time_precision(time)
        return dt.date(int(year), int(month), int(day)), precision
    if match := _MONTH.fullmatch(value):
        return dt.date(int(match[1]), int(match[2]), 1), "month"
    if match := _WEEK.fullmatch(value):
        monday = dt.date.fromisocalendar(int(match[1]), int(match[2]), 1)
        if match[3]:
            return monday + dt.timedelta(days=5), "weekend"
        return monday, "week"
    if match := _PART.fullmatch(value):
        year, part = int(match[1]), match[2]
        if part[0] == "H":
            return dt.date(year, 1 + 6 * (int(part[1]) - 1), 1), "half"
        if part[0] == "Q":
            return dt.date(year, 1 + 3 * (int(part[1]) - 1), 1), "quarter"
        return dt.date(year, _SEASON_MONTH[part], 1), "season"
    if _YEAR.fullmatch(value):
        return dt.date(int(value), 1, 1), "year"
    if _DECADE.fullmatch(value):
        return dt.date(max(int(value) * 10, 1), 1, 1), "decade"
    if _CENTURY.fullmatch(value):
        return dt.date(max(int(value) * 100, 1), 1, 1), "century"
    return None, None


def _time_precision(time: str) -> str:
    if time.isalpha():  # MO, AF, EV, NI: a part of the day
        return "part_of_day"
    return ("hour", "minute", "second")[time.count(":")]
