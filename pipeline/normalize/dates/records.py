"""The records of the date normaliser: :class:`Timex` (one TIMEX3 value) and :class:`Found`
(a match with its offsets), and the small helpers that write and read TIMEX3 values."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

DATE, TIME, DURATION, SET = "DATE", "TIME", "DURATION", "SET"
REFS = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")


@dataclass(frozen=True)
class Timex:
    """One normalised temporal expression (TIMEX3 attributes, all scalar).

    - ``value``: TIMEX3 value, or None when impossible (``valid=False``) or unresolvable.
    - ``type``: DATE, TIME, DURATION or SET.
    - ``granularity``: century, decade, year, half, quarter, season, month, week, weekend,
      day, part_of_day, hour, minute, duration, set, ref.
    - ``mod``: TIMEX3 mod (START, MID, END, APPROX, BEFORE, AFTER, ON_OR_BEFORE,
      ON_OR_AFTER, LESS_THAN, MORE_THAN, EQUAL_OR_LESS, EQUAL_OR_MORE) or None.
    - ``anchored``: the value was computed from a reference (publication date or a
      preceding date) rather than read off the text; ``anchor`` says which
      ("published", "preceding" or "context").
    - ``valid``/``flag``: ``valid=False`` with flag "impossible_date" for "31 febbraio";
      other flags: "unresolved", "weekday_mismatch", "ambiguous_century".
    - ``range_role`` ("begin"/"end") with ``partner_start``/``partner_end``: the character
      offsets of the other end of a range ("dal 2020 al 2023", "tra marzo e aprile").
    - ``rule``: the name of the rule that fired (for debugging and error analysis).
    """

    value: str | None
    type: str
    granularity: str | None = None
    mod: str | None = None
    anchored: bool = False
    anchor: str | None = None
    valid: bool = True
    flag: str | None = None
    range_role: str | None = None
    partner_start: int | None = None
    partner_end: int | None = None
    rule: str = ""


@dataclass
class Found:
    """A match: character offsets into the scanned text and its record."""

    start: int
    end: int
    timex: Timex
    # internal: anaphoric offset (unit, n) still to resolve against a preceding date
    pending: tuple[str, int] | None = field(default=None, repr=False)
    # internal: a bare day after a weak cue ("il 15"), kept only in a date context
    weak: bool = field(default=False, repr=False)
    # internal: a bare day not ending its clause, kept only as the end of a range ("dal 12 maggio al 15 la")
    needs_link: bool = field(default=False, repr=False)

    @property
    def text_range(self) -> tuple[int, int]:
        return self.start, self.end


def as_dict(t: Timex) -> dict[str, Any]:
    return asdict(t)


def date_value(y: int | None, m: int | None, d: int | None) -> str:
    """TIMEX3 calendar value at the precision given: 2024, 2024-03, XXXX-03-16."""
    ys = f"{y:04d}" if y is not None else "XXXX"
    if m is None:
        return ys
    ms = f"{m:02d}"
    return f"{ys}-{ms}" if d is None else f"{ys}-{ms}-{d:02d}"


UNKNOWN = {
    "Y": "XXXX",
    "2Y": "XXXX",
    "3Y": "XXXX",
    "M": "XXXX-XX",
    "Q": "XXXX-QX",
    "W": "XXXX-WXX",
    "D": "XXXX-XX-XX",
    "TH": "XXXX-XX-XX",
    "TM": "XXXX-XX-XX",
    "TS": "XXXX-XX-XX",
    "DE": "XXX",
    "CE": "XX",
}
UNIT_GRAN = {
    "Y": "year",
    "2Y": "year",
    "3Y": "year",
    "M": "month",
    "Q": "quarter",
    "W": "week",
    "D": "day",
    "TH": "day",
    "TM": "day",
    "TS": "day",
    "DE": "decade",
    "CE": "century",
}


def unknown(unit: str) -> tuple[str, str]:
    """Underspecified value at the granularity of a unit: "XXXX-XX" for a month."""
    return UNKNOWN[unit], UNIT_GRAN[unit]


FULL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def parse_full(value: str | None) -> tuple[int, int | None, int | None] | None:
    """(year, month, day) of a fully specified calendar value, else None."""
    if not value or not FULL_DATE.match(value):
        return None
    parts = [int(p) for p in value.split("-")]
    return parts[0], (parts[1] if len(parts) > 1 else None), (parts[2] if len(parts) > 2 else None)
