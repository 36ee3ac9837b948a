"""``it_dates``: Italian dates, times, durations and sets as TIMEX3 records.

Matching and normalisation live in :mod:`pipeline.normalize.dates` (rules of
``pipeline/lang/it/date_rules.json`` over the word classes of the other data files);
this component maps the character matches to token-aligned spans in
``doc.spans[spans_key]`` and puts a :class:`~pipeline.normalize.dates.Timex` on
``span._.date_value``. Relative expressions resolve against ``doc._.published`` (set by
the caller); with no publication date they stay underspecified. Works on a blank Italian
pipeline (tokenizer only); never retokenises. Runs before ``it_numbers``, which skips
digits inside these spans.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any, ClassVar

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..lang.loader import LanguageData
from ..normalize.dates import DATA_FILES, DateGrammar, Found, Timex
from .base import Match, SpanComponent

LABEL = "DATE"


def publication_date(value: Any) -> dt.date | None:
    """``doc._.published`` as a date: a date, a datetime or "YYYY-MM-DD"; else None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


class DateRecognizer(SpanComponent):
    """Find temporal expressions and attach TIMEX3 records to spans."""

    value_attr: ClassVar[str] = "date_value"
    data_files: ClassVar[tuple[str, ...]] = DATA_FILES

    def build(self, data: LanguageData) -> None:
        self.grammar = DateGrammar(data)

    def match(self, doc: Doc) -> list[Match]:
        ref = publication_date(doc._.published)
        out: list[Match] = []
        for found in self.grammar.find(doc.text, ref):
            span = self._span(doc, found)
            if span is not None:
                out.append((span, self._realign(doc, found.timex)))
        return out

    @staticmethod
    def _span(doc: Doc, found: Found) -> Span | None:
        """Token-aligned span; 'expand' covers a token split inside the match ("1°")."""
        span = doc.char_span(found.start, found.end, label=LABEL, alignment_mode="expand")
        return span if span is not None and len(span) else None

    @staticmethod
    def _realign(doc: Doc, timex: Timex) -> Timex:
        """Partner offsets refer to the match; after 'expand' they may move: re-align."""
        if timex.partner_start is None or timex.partner_end is None:
            return timex
        partner = doc.char_span(timex.partner_start, timex.partner_end, alignment_mode="expand")
        if partner is None:
            return timex
        return replace(timex, partner_start=partner.start_char, partner_end=partner.end_char)


@Language.factory(
    "it_dates",
    assigns=["doc.spans"],
    default_config={
        "spans_key": "dates",
        "overwrite": True,
        "data": {"@misc": "pipeline.it_language_data.v1", "path": None},
    },
)
def make_date_recognizer(
    nlp: Language, name: str, spans_key: str, overwrite: bool, data: LanguageData
) -> DateRecognizer:
    return DateRecognizer(nlp, name, spans_key=spans_key, overwrite=overwrite, data=data)


__all__ = ["DateRecognizer", "make_date_recognizer", "publication_date"]
