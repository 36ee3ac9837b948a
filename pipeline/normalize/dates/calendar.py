"""Calendar arithmetic of the date normaliser: Easter, month and week shifts, the year of
a bare month/weekday/season/festivity, clock hours by part of day, duration and offset
values. Pure functions on numbers and TIMEX3 codes; no language data."""

from __future__ import annotations

import datetime as dt

# directions of resolve_*: "past"/"future" = the most recent/next one, the current one
# included; "prev"/"next" = strictly before/after the current one
SEASON_ORDER = ["WI", "SP", "SU", "FA"]


def easter(year: int) -> dt.date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = (h + l_ - 7 * m + 114) % 31 + 1
    return dt.date(year, month, day)


def shift_month(year: int, month: int, n: int) -> tuple[int, int]:
    total = year * 12 + (month - 1) + n
    return total // 12, total % 12 + 1


def iso_week(day: dt.date) -> str:
    y, w, _ = day.isocalendar()
    return f"{y:04d}-W{w:02d}"


def season_of(day: dt.date) -> tuple[int, str]:
    """TIMEX3 season of a day; winter belongs to the year it starts in (Dec)."""
    m = day.month
    if m in (12, 1, 2):
        return (day.year if m == 12 else day.year - 1), "WI"
    return day.year, {3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(m, "FA")


def resolve_month(month: int, ref: dt.date, direction: str) -> int:
    """Year of a bare month: 'past' = most recent incl. current, 'future' = next incl.
    current, 'prev'/'next' = strictly before/after the current month."""
    if direction == "past":
        return ref.year if month <= ref.month else ref.year - 1
    if direction == "future":
        return ref.year if month >= ref.month else ref.year + 1
    if direction == "prev":
        return ref.year if month < ref.month else ref.year - 1
    return ref.year if month > ref.month else ref.year + 1  # next


def resolve_weekday(weekday: int, ref: dt.date, direction: str) -> dt.date:
    delta = weekday - ref.isoweekday()
    if direction == "past":
        return ref + dt.timedelta(days=delta if delta <= 0 else delta - 7)
    if direction == "future":
        return ref + dt.timedelta(days=delta if delta >= 0 else delta + 7)
    if direction == "prev":
        return ref + dt.timedelta(days=delta if delta < 0 else delta - 7)
    return ref + dt.timedelta(days=delta if delta > 0 else delta + 7)


def resolve_yearly(month: int, day: int, ref: dt.date, direction: str, easter_offset: int | None = None) -> dt.date:
    """Most recent/next occurrence of a yearly day (fixed or Easter-based)."""

    def on(year: int) -> dt.date:
        if easter_offset is not None:
            return easter(year) + dt.timedelta(days=easter_offset)
        return dt.date(year, month, day)

    this = on(ref.year)
    if direction == "past":
        return this if this <= ref else on(ref.year - 1)
    if direction == "future":
        return this if this >= ref else on(ref.year + 1)
    if direction == "prev":
        return this if this < ref else on(ref.year - 1)
    return this if this > ref else on(ref.year + 1)


def resolve_season(season: str, ref: dt.date, direction: str) -> int:
    """Year of a season; seasons ordered WI < SP < SU < FA within their year."""
    cur_year, cur = season_of(ref)
    idx, cur_idx = SEASON_ORDER.index(season), SEASON_ORDER.index(cur)
    candidates = [y * 4 + idx for y in (cur_year - 1, cur_year, cur_year + 1)]
    here = cur_year * 4 + cur_idx
    if direction == "past":
        best = max(c for c in candidates if c <= here)
    elif direction == "future":
        best = min(c for c in candidates if c >= here)
    elif direction == "prev":
        best = max(c for c in candidates if c < here)
    else:
        best = min(c for c in candidates if c > here)
    return best // 4


def this_season_year(season: str, ref: dt.date) -> int:
    """'quest'estate': the one of this year (winter: the one starting this December
    unless we are in January/February, when it is the current one)."""
    return season_of(ref)[0] if season == "WI" and ref.month in (1, 2) else ref.year


def apply_pod(h: int, pod: str | None) -> int | None:
    """24-hour clock hour of "alle 9 di sera": ``pod`` is the TIMEX3 part-of-day code."""
    if pod is None:
        return h
    if pod == "MO":
        return h if h <= 12 else None
    if pod in ("AF", "EV"):
        if h > 12:
            return h
        return h + 12 if h < 12 else 12
    # night: 10/11 -> 22/23, 12 -> 00, 1-5 stay
    if 9 <= h <= 11:
        return h + 12
    if h == 12:
        return 0
    return h


def duration_value(n: int | float | None, unit: str, half: bool) -> str | None:
    """ISO 8601 duration of n units (None: unknown count, X); ``half`` adds half a unit."""
    count: int | float | str = "X" if n is None else n
    if unit in ("2Y", "3Y"):  # two-/three-year periods
        if n is None:
            return f"P{unit}"
        return f"P{int(unit[0]) * n}Y"
    if unit == "Q":
        return "PXM" if n is None else f"P{3 * n}M"
    if half and n is not None:
        # one year and a half -> P18M, two hours and a half -> PT150M
        smaller = {
            "Y": ("M", 12),
            "M": ("D", 30),
            "W": ("D", 7),
            "D": ("TH", 24),
            "TH": ("TM", 60),
            "TM": ("TS", 60),
            "DE": ("Y", 10),
            "CE": ("Y", 100),
        }.get(unit)
        if smaller is None:
            return None
        code, mult = smaller
        total = n * mult + mult // 2
        return f"PT{total}{code[1]}" if code.startswith("T") else f"P{total}{code}"
    if isinstance(count, float):
        if unit == "TH":
            return "PT30M"
        return None
    if unit.startswith("T"):
        return f"PT{count}{unit[1]}"
    return f"P{count}{unit}"


def offset_value(anchor: tuple[int, int | None, int | None], unit: str, n: int) -> tuple[str | None, str | None]:
    """Shift a (year, month, day) anchor by n units, at the unit's granularity."""
    y, mo, d = anchor
    if unit in ("Y", "2Y", "3Y"):
        k = {"Y": 1, "2Y": 2, "3Y": 3}[unit]
        return f"{y + k * n:04d}", "year"
    if unit == "DE":
        return f"{(y + 10 * n) // 10:03d}", "decade"
    if unit == "CE":
        return f"{(y + 100 * n) // 100:02d}", "century"
    if mo is None:
        return None, None
    if unit == "M":
        yy, mm = shift_month(y, mo, n)
        return f"{yy:04d}-{mm:02d}", "month"
    if unit == "Q":
        yy, mm = shift_month(y, mo, 3 * n)
        return f"{yy:04d}-Q{(mm - 1) // 3 + 1}", "quarter"
    if d is None:
        return None, None
    day = dt.date(y, mo, d)
    if unit == "W":
        return iso_week(day + dt.timedelta(weeks=n)), "week"
    if unit == "D":
        return (day + dt.timedelta(days=n)).isoformat(), "day"
    # hours/minutes/seconds ago: the day is all we can say
    return day.isoformat(), "day"


def weekend_monday(ref: dt.date, direction: str) -> dt.date:
    """Monday of the week whose weekend is meant ('PREV', 'NEXT', 'THIS', or
    'past'/'future' for a bare weekend: on Monday/Tuesday the one just gone)."""
    monday = ref - dt.timedelta(days=ref.weekday())
    if direction == "PREV":
        return monday - dt.timedelta(days=7)
    if direction == "NEXT":
        return monday if ref.weekday() < 5 else monday + dt.timedelta(days=7)
    if direction == "past" and ref.weekday() <= 1:
        return monday - dt.timedelta(days=7)
    return monday


def _month_day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def resolve_day_of_month(day: int, ref: dt.date, direction: str) -> dt.date | None:
    """A bare day of the month ("il 15"): in the month of ``ref``, or the one before
    ('past', the day not yet come) or after ('future', the day gone); a month without that
    day (31 in April) is skipped in the same direction. None if no month has it nearby."""
    step = -1 if direction in ("past", "prev") else 1
    y, m = ref.year, ref.month
    if (direction == "past" and day > ref.day) or (direction == "future" and day < ref.day):
        y, m = shift_month(y, m, step)
    for _ in range(3):
        d = _month_day(y, m, day)
        if d is not None:
            return d
        y, m = shift_month(y, m, step)
    return None


def weekday_day_date(day: int, weekday: int, ref: dt.date, direction: str, window: int = 2) -> dt.date | None:
    """The date of "sabato 16": among the months within ``window`` of ``ref``, the one
    whose ``day`` falls on ``weekday``, nearest to ``ref`` (ties: ``direction``); None when
    no month of the window has it (the weekday does not check)."""
    best: tuple[int, int, dt.date] | None = None
    for k in range(-window, window + 1):
        y, m = shift_month(ref.year, ref.month, k)
        d = _month_day(y, m, day)
        if d is None or d.isoweekday() != weekday:
            continue
        distance = (d - ref).days
        other_side = 0 if (distance <= 0) == (direction in ("past", "prev")) or distance == 0 else 1
        cand = (other_side, abs(distance), d)
        if best is None or cand[:2] < best[:2]:
            best = cand
    return best[2] if best else None


def nth_weekday_of_month(year: int, month: int, weekday: int, n: int) -> dt.date | None:
    """The n-th ``weekday`` of a month (n=-1: the last one); None if the month has no n-th."""
    if n > 0:
        first = dt.date(year, month, 1)
        d = first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))
        return d if d.month == month else None
    ny, nm = shift_month(year, month, 1)
    last = dt.date(ny, nm, 1) - dt.timedelta(days=1)
    d = last - dt.timedelta(days=(last.isoweekday() - weekday) % 7 + 7 * (-n - 1))
    return d if d.month == month else None
