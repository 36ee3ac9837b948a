"""Overlapping spans → properly nested marks.

Entities, dates, numbers, event triggers and event arguments overlap freely ("16 marzo
2024" holds the number "2024"; a trigger can sit inside an entity). HTML needs nesting,
so the text is cut at every span boundary and, segment by segment, the spans covering it
are opened outermost first (earlier start, then longer, then layer order). A span that
properly nests stays one element; a span that crosses another is split into fragments
that share its id, so every span is still marked exactly once over its own characters.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

LAYERS = ("entities", "dates", "numbers", "events", "args")


@dataclass(frozen=True)
class Mark:
    layer: str
    index: int  # the row's position among the article's rows of its layer
    start: int
    end: int
    css: str = ""
    title: str = ""
    args: tuple[str, ...] = field(default=())  # ids of an event's argument marks
    role: str = ""  # an argument's role in its event

    @property
    def id(self) -> str:
        return f"{self.layer}-{self.index}-{self.role}" if self.role else f"{self.layer}-{self.index}"

    def key(self) -> tuple[int, int, int, int]:
        return (self.start, -self.end, LAYERS.index(self.layer), self.index)


@dataclass(frozen=True)
class Token:
    """``open`` (mark, first: not a continuation fragment), ``text`` or ``close``."""

    kind: str
    text: str = ""
    mark: Mark | None = None
    first: bool = True


def usable(marks: Iterable[Mark], length: int) -> tuple[list[Mark], list[Mark]]:
    """Marks that fit a text of ``length`` characters, and the ones that do not."""
    good: list[Mark] = []
    bad: list[Mark] = []
    for mark in marks:
        (good if 0 <= mark.start < mark.end <= length else bad).append(mark)
    return good, bad


def nest(text: str, marks: Iterable[Mark]) -> Iterator[Token]:
    """The text as a flat stream of open/text/close tokens, well nested."""
    marks = sorted(marks, key=Mark.key)
    bounds = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    opened: list[Mark] = []
    seen: set[Mark] = set()
    pending = 0  # next mark (by start) not yet active
    active: list[Mark] = []
    for a, b in zip(bounds, bounds[1:]):
        active = [m for m in active if m.end > a]
        while pending < len(marks) and marks[pending].start <= a:
            active.append(marks[pending])
            pending += 1
        wanted = sorted(active, key=Mark.key)
        keep = 0
        while keep < len(opened) and keep < len(wanted) and opened[keep] is wanted[keep]:
            keep += 1
        for _ in range(len(opened) - keep):
            yield Token("close")
        del opened[keep:]
        for mark in wanted[keep:]:
            yield Token("open", mark=mark, first=mark not in seen)
            seen.add(mark)
            opened.append(mark)
        yield Token("text", text[a:b])
    for _ in opened:
        yield Token("close")
