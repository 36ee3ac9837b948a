"""The scan of a Doc: at each token that may open a number, read qualifier, range or core,
its unit and context, and keep it if the guards allow."""

from __future__ import annotations

from spacy.tokens import Doc

from ...normalize.numbers import Quantity
from ...normalize.numbers_lexicon import NumberLexicon
from .core import CoreReader, make_quantity
from .guards import Guards
from .phrases import Found, RangeReader, qualifier_after, qualifier_before
from .units import NounFinder, suffix

APOSTROPHE = "\u2019"


class NumberMatcher:
    """Finds Italian numbers and quantities in a Doc (token offsets and records)."""

    def __init__(self, lex: NumberLexicon, skip_durations: bool = True) -> None:
        self.lex = lex
        self.reader = CoreReader(lex)
        self.nouns = NounFinder(self.reader)
        self.guards = Guards(self.reader, self.nouns, skip_durations)
        self.ranges = RangeReader(self.reader, self.nouns)

    def match(self, doc: Doc, in_date: list[bool]) -> list[tuple[int, int, Quantity]]:
        """Non-overlapping numbers, left to right; ``in_date`` marks tokens to leave alone."""
        low = [t.text.lower().replace(APOSTROPHE, "'") for t in doc]
        out: list[tuple[int, int, Quantity]] = []
        i, n = 0, len(doc)
        while i < n:
            if not self.reader.may_start(low[i], doc[i].text):
                i += 1
                continue
            found = self._match_at(doc, low, in_date, i)
            if found is None:
                i += 1
                continue
            start, end, quantity = found
            if quantity is not None:  # None: a stretch to leave alone (a date range)
                out.append((start, end, quantity))
            i = max(end, i + 1)
        return out

    def _match_at(self, doc: Doc, low: list[str], in_date: list[bool], i: int) -> Found | None:
        lex = self.lex
        qualifier, j = qualifier_before(lex, low, i)
        if qualifier is not None and j < len(low) and low[j] in lex.articles:
            j += 1  # "oltre i 100"
        found = self.ranges.read(doc, low, in_date, j, i if qualifier else None, qualifier)
        if found is not None:
            return found
        core = self.reader.core(doc, low, j)
        if core is None or any(in_date[core.start : core.end]):
            return None
        if qualifier is None and core.kind == "cardinal" and not self.guards.ambiguous_word_ok(low, core):
            return None
        core = suffix(lex, low, core)
        if qualifier is None and core.kind == "cardinal":
            core, qualifier = qualifier_after(lex, low, core)
        unit, unit_span = self.nouns.counted_noun(doc, low, core)
        if not self.guards.plausible(doc, low, core, qualifier, unit):
            return None
        start = i if qualifier is not None else core.start
        return start, core.end, make_quantity(doc, core, qualifier, unit, unit_span)
