"""``it_dates``: Italian dates, times, durations and sets as TIMEX3 records.

Matching and normalisation live in :mod:`pipeline.normalize.dates` (regex rules over the
text, built from ``pipeline/resources/dates_*.json``); this component maps the character
matches to token-aligned spans in ``doc.spans[spans_key]`` and puts a
:class:`~pipeline.normalize.dates.Timex` on ``span._.date_value``. Relative expressions
resolve against ``doc._.published`` (set by the caller); with no publication date they
stay underspecified. Works on a blank Italian pipeline (tokenizer only); never
retokenises. Runs before ``it_numbers``, which skips digits inside these spans.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path
from typing import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span, SpanGroup
from spacy.util import registry

from ..normalize.dates import DateGrammar, Found, Timex, grammar_for
from ..normalize.dates_lexicon import (CALENDAR_FILE, EXPRESSIONS_FILE, DatesLexicon,
                                       default_lexicon, load_dates_lexicon)

LABEL = "DATE"


@registry.misc("pipeline.it_date_lexicon.v1")
def make_date_lexicon() -> DatesLexicon:
    """The shipped date lexicon (``pipeline/resources/dates_*.json``), validated."""
    return default_lexicon()


class DateRecognizer:
    """Find temporal expressions and attach TIMEX3 records to spans."""

    def __init__(self, nlp: Language, name: str = "it_dates", *, spans_key: str = "dates",
                 overwrite: bool = False, lexicon: DatesLexicon | None = None):
        for ext in ("published", "doc_id"):
            if not Doc.has_extension(ext):
                Doc.set_extension(ext, default=None)
        if not Span.has_extension("date_value"):
            Span.set_extension("date_value", default=None)
        self.name = name
        self.spans_key = spans_key
        self.overwrite = overwrite
        self.lexicon = lexicon or default_lexicon()
        self.grammar: DateGrammar = grammar_for(self.lexicon)

    def __call__(self, doc: Doc) -> Doc:
        return self.set_annotations(doc, self.match(doc))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)

    def match(self, doc: Doc) -> list[tuple[Span, Timex]]:
        ref = doc._.published
        if isinstance(ref, dt.datetime):
            ref = ref.date()
        elif isinstance(ref, str):  # tolerate "YYYY-MM-DD"; anything else: no reference
            try:
                ref = dt.date.fromisoformat(ref)
            except ValueError:
                ref = None
        elif not isinstance(ref, dt.date):
            ref = None
        out: list[tuple[Span, Timex]] = []
        for found in self.grammar.find(doc.text, ref):
            span = self._span(doc, found)
            if span is not None:
                out.append((span, found.timex))
        return out

    @staticmethod
    def _span(doc: Doc, found: Found) -> Span | None:
        """Token-aligned span; 'expand' covers a token split inside the match ("1°")."""
        span = doc.char_span(found.start, found.end, label=LABEL, alignment_mode="expand")
        return span if span is not None and len(span) else None

    def set_annotations(self, doc: Doc, matches: list[tuple[Span, Timex]]) -> Doc:
        existing = [] if self.overwrite else list(doc.spans.get(self.spans_key, []))
        spans = existing[:]
        seen = {(s.start, s.end) for s in existing}
        for span, timex in matches:
            if (span.start, span.end) in seen:  # run twice without overwrite: no duplicates
                continue
            seen.add((span.start, span.end))
            # partner offsets refer to the match; after "expand" they may move: re-align
            if timex.partner_start is not None:
                partner = doc.char_span(timex.partner_start, timex.partner_end, alignment_mode="expand")
                if partner is not None:
                    timex = replace(timex, partner_start=partner.start_char, partner_end=partner.end_char)
            span._.date_value = timex
            spans.append(span)
        spans.sort(key=lambda s: (s.start, s.end))
        doc.spans[self.spans_key] = SpanGroup(doc, name=self.spans_key, spans=spans)
        return doc

    # the data live in the lexicon files; saving records which files were used
    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "lexicon.json").write_text(json.dumps(
            {"calendar": self.lexicon.calendar, "expressions": self.lexicon.expressions},
            ensure_ascii=False, indent=1), encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "DateRecognizer":
        from ..normalize.dates_lexicon import CALENDAR_SCHEMA, EXPRESSIONS_SCHEMA, parse_resource
        data = json.loads((Path(path) / "lexicon.json").read_text(encoding="utf-8"))
        calendar = parse_resource(json.dumps(data["calendar"]), CALENDAR_SCHEMA, "calendar")
        expressions = parse_resource(json.dumps(data["expressions"]), EXPRESSIONS_SCHEMA, "expressions")
        self.lexicon = DatesLexicon(calendar, expressions)
        self.grammar = DateGrammar(self.lexicon)
        return self


@Language.factory(
    "it_dates",
    assigns=["doc.spans"],
    default_config={"spans_key": "dates", "overwrite": False,
                    "lexicon": {"@misc": "pipeline.it_date_lexicon.v1"}},
)
def make_date_recognizer(nlp: Language, name: str, spans_key: str, overwrite: bool,
                         lexicon: DatesLexicon) -> DateRecognizer:
    return DateRecognizer(nlp, name, spans_key=spans_key, overwrite=overwrite, lexicon=lexicon)


__all__ = ["DateRecognizer", "make_date_recognizer", "make_date_lexicon", "CALENDAR_FILE",
           "EXPRESSIONS_FILE", "load_dates_lexicon"]
