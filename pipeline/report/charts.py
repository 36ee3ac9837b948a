"""Chart geometry for the index page: numbers only, the SVG is drawn by the templates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from .timeline import Interval

BAR_HEIGHT = 18
LABEL_WIDTH = 190
PLOT_WIDTH = 520
LANE_HEIGHT = 22
AXIS_HEIGHT = 24
MIN_MARK_WIDTH = 3.0
# Year steps tried for the axis ticks, so that there are at most MAX_TICKS of them
YEAR_STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 500)
MAX_TICKS = 10


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    y: float
    width: float


@dataclass(frozen=True)
class BarChart:
    bars: list[Bar]
    width: int
    height: int
    label_width: int


def bar_chart(items: Sequence[tuple[str, int]]) -> BarChart:
    """Horizontal bars, longest = PLOT_WIDTH, in the order given."""
    top = max((count for _, count in items), default=0) or 1
    bars = [Bar(label, count, i * BAR_HEIGHT, PLOT_WIDTH * count / top) for i, (label, count) in enumerate(items)]
    return BarChart(bars, LABEL_WIDTH + PLOT_WIDTH + 50, len(bars) * BAR_HEIGHT, LABEL_WIDTH)


@dataclass(frozen=True)
class Placed:
    """One event on the timeline: its calendar stretch and what the tooltip and link say."""

    interval: Interval
    lane: str
    title: str
    href: str


@dataclass(frozen=True)
class TimelineMark:
    x: float
    y: float
    width: float
    precision: str
    title: str
    href: str


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Timeline:
    marks: list[TimelineMark]
    lanes: list[tuple[str, float]]  # label, y
    ticks: list[Tick]
    width: int
    height: int
    label_width: int


def _ordinal(day: dt.date) -> int:
    return day.toordinal()


def _ticks(first: dt.date, last: dt.date, scale) -> list[Tick]:
    years = last.year - first.year + 1
    if years <= 2:  # months
        ticks, month = [], dt.date(first.year, first.month, 1)
        while month <= last:
            if month >= first:
                ticks.append(Tick(scale(month), month.strftime("%Y-%m")))
            month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
        step = max(1, len(ticks) // MAX_TICKS + (len(ticks) % MAX_TICKS > 0))
        return ticks[::step]
    step = next((s for s in YEAR_STEPS if years / s <= MAX_TICKS), YEAR_STEPS[-1])
    start = -(-first.year // step) * step
    return [Tick(scale(dt.date(y, 1, 1)), str(y)) for y in range(start, last.year + 1, step)]


def timeline(placed: Sequence[Placed]) -> Timeline | None:
    """Events as bars as long as their date's precision, one lane per event type (the
    most frequent first); None when no event has a date on the calendar."""
    if not placed:
        return None
    first = min(p.interval.start for p in placed)
    last = max(p.interval.end for p in placed)
    span = max(_ordinal(last) - _ordinal(first), 1)

    def scale(day: dt.date) -> float:
        return LABEL_WIDTH + PLOT_WIDTH * (_ordinal(day) - _ordinal(first)) / span

    counts: dict[str, int] = {}
    for p in placed:
        counts[p.lane] = counts.get(p.lane, 0) + 1
    lanes = sorted(counts, key=lambda lane: (-counts[lane], lane))
    lane_y = {lane: i * LANE_HEIGHT for i, lane in enumerate(lanes)}
    marks = []
    for p in sorted(placed, key=lambda p: p.interval.end - p.interval.start, reverse=True):  # short ones on top
        x = scale(p.interval.start)
        width = max(scale(p.interval.end) - x, MIN_MARK_WIDTH)
        marks.append(TimelineMark(x, lane_y[p.lane] + 3, width, p.interval.precision, p.title, p.href))
    height = len(lanes) * LANE_HEIGHT
    return Timeline(
        marks,
        [(lane, lane_y[lane]) for lane in lanes],
        _ticks(first, last, scale),
        LABEL_WIDTH + PLOT_WIDTH + 20,
        height + AXIS_HEIGHT,
        LABEL_WIDTH,
    )
