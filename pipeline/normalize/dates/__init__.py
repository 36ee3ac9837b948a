"""Italian temporal expressions -> TIMEX3 values. Pure functions, no spaCy.

``find_dates(text, ref)`` scans a text with the rules of the language data
(``pipeline/lang/it/date_rules.json`` over the word classes of the other files of
``pipeline/lang/it/``) and returns character-offset matches, each with a :class:`Timex`
record; ``normalize_date("16 marzo 2024") == "2024-03-16"`` is the one-expression
shortcut, ``normalize(text, ref)`` returns the whole record.

Values follow TIMEX3 / ISO 8601 and never add precision the text does not have:
``2024-03-16``, ``2024-07``, ``2023``, ``199`` (decade), ``19`` (century), ``2023-SU``,
``2024-W20``, ``2024-W20-WE``, ``2024-05-20TMO``, ``2024-05-20T15:30``, ``P3W``, ``PXW``,
``XXXX-WXX-1`` (set), ``PRESENT_REF``/``PAST_REF``/``FUTURE_REF``.

Resolution (``ref`` is the publication date; ``datetime.now()`` is never used):

- a day and month without year take the year of ``ref`` ("il 16 marzo");
- a bare month, weekday, season or festivity goes to the most recent one up to ``ref``
  (the current one included), news being about the past; after "entro", "fino a" or in
  a future-tense sentence it goes to the next one instead;
- relative words (``relative_words.json``: scorso, prossimo, venturo...) are strict (the
  previous/next one, never the current) and work with every calendar unit: "il mese
  venturo", "la primavera ventura", "il Natale venturo", "il weekend venturo";
- without ``ref`` relative expressions keep an underspecified value (``XXXX-03-16``) or,
  when nothing can be written ("ieri"), value None with ``flag="unresolved"``;
- "il mese successivo", "tre giorni dopo" resolve against the preceding fully specified
  date in the text (``anchor="preceding"``);
- a month or day without year takes an explicit year written earlier in the sentence;
- a cue before the span gives a mod: entro -> BEFORE, fino a -> ON_OR_BEFORE, dal ->
  ON_OR_AFTER, dopo -> AFTER (``date_cues.json``; not inside a range).

Span boundaries follow corpus/GUIDELINES.md §3. Modules: :mod:`.records` (Timex, Found),
:mod:`.calendar` (arithmetic), :mod:`.lexicon` (data -> tables and word classes),
:mod:`.numerals` (numbers through the number normaliser), :mod:`.grammar` (the engine),
:mod:`.handlers` (one normalisation function per rule), :mod:`.context` (what a handler
may ask about the text), :mod:`.postpasses` (cues, ranges, years, anaphora, clocks).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from ...lang.loader import LanguageData, shipped
from .calendar import easter, resolve_month, resolve_season, resolve_weekday, resolve_yearly, shift_month
from .grammar import DateGrammar
from .lexicon import DATA_FILES
from .records import DATE, DURATION, SET, TIME, Found, Timex, as_dict

_GRAMMARS: dict[int, tuple[Any, DateGrammar]] = {}


def grammar_for(data: Mapping[str, dict[str, Any]] | None = None) -> DateGrammar:
    """The grammar of ``data`` (the shipped language data by default), compiled once."""
    data = shipped() if data is None else data
    cached = _GRAMMARS.get(id(data))
    if cached is None or cached[0] is not data:
        if len(_GRAMMARS) >= 4:
            _GRAMMARS.clear()
        cached = _GRAMMARS[id(data)] = (data, DateGrammar(data))
    return cached[1]


def find_dates(
    text: str, ref: dt.date | None = None, data: LanguageData | None = None, exhaustive: bool = False
) -> list[Found]:
    """Every temporal expression of ``text``, resolved against ``ref`` (publication date)."""
    return grammar_for(data).find(text, ref, exhaustive)


def normalize(text: str, ref: dt.date | None = None) -> Timex | None:
    """The record of the expression covering the most of ``text`` (None if nothing fires)."""
    found = find_dates(text, ref)
    if not found:
        return None
    return max(found, key=lambda f: f.end - f.start).timex


def normalize_date(text: str, ref: dt.date | None = None) -> str | None:
    """``normalize_date("16 marzo 2024") == "2024-03-16"``; None if nothing fires or the
    date is impossible."""
    t = normalize(text, ref)
    return t.value if t else None


__all__ = [
    "DATA_FILES",
    "DATE",
    "DURATION",
    "SET",
    "TIME",
    "DateGrammar",
    "Found",
    "Timex",
    "as_dict",
    "easter",
    "find_dates",
    "grammar_for",
    "normalize",
    "normalize_date",
    "resolve_month",
    "resolve_season",
    "resolve_weekday",
    "resolve_yearly",
    "shift_month",
]
