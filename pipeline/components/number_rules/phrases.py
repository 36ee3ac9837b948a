"""Qualifiers around a number (più di mille, 2 o più) and ranges (tra 100 e 200)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from spacy.tokens import Doc

from ...normalize.numbers import Quantity
from ...normalize.numbers_lexicon import NumberLexicon
from .core import Core, CoreReader, make_quantity, multiplier_of, year_like
from .units import NounFinder, suffix

MAX_HOUR = 24
MAX_SCORE = 20  # "sul 0-2": both bounds this small and bare, no unit -> a score
RANGE_DASH = "-"

#: (start, end, record); a None record marks a stretch to leave alone (a date range)
Found = tuple[int, int, Quantity | None]


def qualifier_before(lex: NumberLexicon, low: list[str], i: int) -> tuple[str | None, int]:
    """The longest qualifier phrase at i ("più del") and the index after it."""
    for length in range(min(lex.qualifier_max_len, len(low) - i), 0, -1):
        qual = lex.qualifiers.get(tuple(low[i : i + length]))
        if qual is not None:
            return qual, i + length
    return None, i


def qualifier_after(lex: NumberLexicon, low: list[str], core: Core) -> tuple[Core, str | None]:
    """A post-qualifier after a cardinal ("2 o più") joins the span."""
    for length in (4, 3, 2, 1):
        post = lex.post_qualifiers.get(tuple(low[core.end : core.end + length]))
        if post is not None and core.end + length <= len(low):
            return replace(core, end=core.end + length, bare_digits=False), post
    return core, None


class RangeReader:
    """ "tra 100 e 200", "dai 5 ai 10", "100-200" (digits only)."""

    def __init__(self, reader: CoreReader, nouns: NounFinder) -> None:
        self.reader = reader
        self.nouns = nouns
        self.lex = reader.lex

    def _after_article(self, low: list[str], k: int) -> int:
        return k + (1 if k < len(low) and low[k] in self.lex.articles else 0)

    def read(
        self, doc: Doc, low: list[str], in_date: list[bool], j: int, qual_start: int | None, qualifier: str | None
    ) -> Found | None:
        lex = self.lex
        n = len(low)
        if j >= n:
            return None
        if low[j] in lex.range_starts:
            conns = lex.range_starts[low[j]]
            hours = j + 1 < n and low[j + 1] in lex.clock_articles  # "tra le due e le tre"
            first = self.reader.core(doc, low, self._after_article(low, j + 1))
            if first is None or first.kind != "cardinal":
                return None
            first = suffix(lex, low, first, percent_only=True)
            k = first.end
            if k >= n or low[k] not in conns:
                return None
            second = self.reader.core(doc, low, self._after_article(low, k + 1))
            start = qual_start if qual_start is not None else j
            if (
                hours
                and second is not None
                and second.value <= MAX_HOUR
                and first.value <= MAX_HOUR
                and not self.nouns.unit_follows(doc, low, second)
            ):
                return start, second.end, None  # clock times
        else:
            first = self.reader.core(doc, low, j)
            if first is None or first.kind != "cardinal" or not first.digits_text:
                return None
            k = first.end
            if k + 1 >= n or low[k] != RANGE_DASH or doc[k].whitespace_ or doc[k - 1].whitespace_:
                return None
            second = self.reader.core(doc, low, k + 1)
            if second is None or not second.digits_text:
                return None
            if (
                first.bare_digits
                and second.bare_digits
                and first.value <= MAX_SCORE
                and second.value <= MAX_SCORE
                and qualifier is None
                and not self.nouns.unit_follows(doc, low, second)
            ):
                return first.start, second.end, None  # "sul 0-2": a score
            start = qual_start if qual_start is not None else first.start
        if second is None or second.kind != "cardinal":
            return None
        if any(in_date[first.start : second.end]) or (second.end < n and low[second.end] in lex.month_names):
            return start, second.end, None  # "tra il 9 e il 13 ottobre": days, skip it all
        second = suffix(lex, low, second)
        low_value: Decimal = first.value
        mult = multiplier_of(second)
        if mult > 1 and not first.multiplied and first.value * mult <= second.value:
            low_value = first.value * mult  # "tra 2 e 3 milioni"
        if low_value > second.value and second.value < 0:
            low_value, second = second.value, replace(second, value=low_value)  # "da -5 a -10 gradi"
        if low_value >= second.value:
            return None
        if first.bare_digits and second.bare_digits and year_like(first) and year_like(second):
            return None  # 2019-2020
        unit, unit_span = self.nouns.counted_noun(doc, low, second)
        if first.unit == "%" and second.unit is None:
            second = replace(second, kind="percent", unit="%")
        merged = replace(second, value=low_value, currency=second.currency or first.currency)
        return start, second.end, make_quantity(doc, merged, qualifier, unit, unit_span, value_max=second.value)


__all__ = ["Found", "RangeReader", "qualifier_after", "qualifier_before"]
