"""Who an event argument is: the entity records of the entities component, by offsets.

An actor, target or place carries the ``entity_id``, ``canonical`` name and ``country``
of the entity mentions it overlaps (it is one, or contains one: "i vertici militari del
Niger" -> Niger, NE); several distinct entities are joined with ``record.JOIN`` in text
order ("Burkina Faso, Mali e Niger" -> BF|ML|NE). Without an entity, a demonym inside
the argument gives its country only ("i soldati americani" -> US): the soldiers are not
the United States. A demonym outside every argument gives nothing.

The spans of a group (entities, demonyms) do not overlap, so each lookup is a binary search.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Iterable
from typing import Any

from spacy.tokens import Span

from .record import JOIN, Argument


class SpanIndex:
    """Character spans of one group with their records, searchable by offsets."""

    def __init__(self, spans: Iterable[Span]) -> None:
        items = sorted(
            ((s.start_char, s.end_char, s._.entity) for s in spans if s._.entity is not None), key=lambda x: x[:2]
        )
        self.starts = [s for s, _, _ in items]
        self.items = items

    def overlapping(self, start: int, end: int) -> list[Any]:
        """Records of the spans overlapping [start, end), in text order."""
        return [record for _, _, record in self.overlapping_spans(start, end)]

    def overlapping_spans(self, start: int, end: int) -> list[tuple[int, int, Any]]:
        """(start, end, record) of the spans overlapping [start, end), in text order."""
        hi = bisect.bisect_left(self.starts, end)
        out = []
        for i in range(hi - 1, -1, -1):
            s, e, record = self.items[i]
            if e <= start:  # the spans of a group do not overlap: nothing further back does
                break
            out.append((s, e, record))
        return out[::-1]


def _join(values: Iterable[str | None]) -> str | None:
    distinct = list(dict.fromkeys(v for v in values if v))
    return JOIN.join(distinct) if distinct else None


def link(arg: Argument | None, entities: SpanIndex, demonyms: SpanIndex) -> Argument | None:
    """``arg`` with who it is, or ``arg`` unchanged when nothing in it is known."""
    if arg is None:
        return None
    records = entities.overlapping(arg.start, arg.end)
    if records:
        return dataclasses.replace(
            arg,
            entity_id=_join(r.entity_id for r in records),
            canonical=_join(r.canonical for r in records),
            country=_join(r.country for r in records),
        )
    countries = _join(r.country for r in demonyms.overlapping(arg.start, arg.end))
    return dataclasses.replace(arg, country=countries) if countries else arg
