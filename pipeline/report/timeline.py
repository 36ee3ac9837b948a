"""TIMEX3 values → the stretch of calendar they name, for the timeline.

A value is drawn at its own precision: ``2024-03-16`` is one day, ``2024-03`` the whole
month, ``2024`` the year, ``2024-W11`` a week, ``2024-SU`` the summer, ``199`` the 1990s,
``19`` the 20th century. Underspecified values (``XXXX-03``), durations, sets and
references (``PRESENT_REF``) have no place on a calendar and give ``None``. The calendar
arithmetic is ``pipeline.timex_calendar``'s (the typed outputs use it too); the timeline
only groups the precisions into the classes it colours.
"""

from __future__ import annotations

import dataclasses

from ..timex_calendar import Interval, calendar_interval

#: the timeline's colour classes: finer precisions are drawn as the day, week or season
DRAWN_AS = {
    "half": "season",
    "quarter": "season",
    "weekend": "week",
    "part_of_day": "day",
    "hour": "day",
    "minute": "day",
    "second": "day",
}

__all__ = ["Interval", "interval"]


def interval(value: str) -> Interval | None:
    """The calendar stretch of a TIMEX3 date value, or None when it has none."""
    found = calendar_interval(value)
    if found is None or found.precision not in DRAWN_AS:
        return found
    return dataclasses.replace(found, precision=DRAWN_AS[found.precision])
