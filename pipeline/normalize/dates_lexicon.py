"""Load and validate the date language data in ``pipeline/resources/dates_*.json``.

Two files, one concern each:

- ``dates_calendar.json``: months, abbreviations, weekdays, seasons, festivities, the
  words that start proper names (``Via XX Settembre``) and the ambiguous forms.
- ``dates_expressions.json``: deictic words (ieri, stasera), units, relative cue words
  (scorso, prossimo), qualifiers (inizio, metà, fine), duration modifiers, prepositional
  cues, PRESENT/PAST/FUTURE_REF words, set adverbs, the number words needed for
  "tre giorni fa" and the word lists the date rules use (relative_unit_nouns,
  plural_units, ago_words, weekend_words, this/in/clock_parts_of_day, ...).

Validation rejects unknown keys, duplicate keys or list items, non-lowercase forms and
values of the wrong kind, naming the file and the key. No spaCy here.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from ..lexicon import LexiconError, strict_json_loads

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
CALENDAR_FILE = RESOURCES / "dates_calendar.json"
EXPRESSIONS_FILE = RESOURCES / "dates_expressions.json"

TIMEX_MODS = {
    "START", "MID", "END", "APPROX", "BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER",
    "LESS_THAN", "MORE_THAN", "EQUAL_OR_LESS", "EQUAL_OR_MORE", "NONE",
}
PARTS_OF_DAY = {"MO", "MI", "AF", "EV", "NI", "DT"}
REFS = {"PRESENT_REF", "PAST_REF", "FUTURE_REF"}
CUE_ROLES = {"before", "until", "after", "since", "in", "for", "between"}
AGO_KINDS = {"ago", "before", "after"}  # tre giorni fa / prima / dopo


def _int_in(lo: int, hi: int) -> Callable[[Any], bool]:
    return lambda v: isinstance(v, int) and not isinstance(v, bool) and lo <= v <= hi


def _in(values: set[str]) -> Callable[[Any], bool]:
    return lambda v: isinstance(v, str) and v in values


def _is_duration_unit(v: Any) -> bool:
    return isinstance(v, str) and v in {"TS", "TM", "TH", "D", "W", "M", "Y", "2Y", "3Y", "DE", "CE", "Q"}


def _is_festivity(v: Any) -> bool:
    if not isinstance(v, dict):
        return False
    if set(v) == {"month", "day"}:
        return _int_in(1, 12)(v["month"]) and _int_in(1, 31)(v["day"])
    return set(v) == {"easter_offset"} and _int_in(-60, 60)(v["easter_offset"])


def _is_deictic_part(v: Any) -> bool:
    return (isinstance(v, list) and len(v) == 2 and _int_in(-3, 3)(v[0])
            and v[1] in PARTS_OF_DAY)


def _is_reading_list(v: Any) -> bool:
    return isinstance(v, list) and v and all(isinstance(x, str) and x for x in v)


def _is_iso_set(v: Any) -> bool:
    return isinstance(v, str) and v in {"P1D", "P1W", "P1M", "P1Y"}


# Schema: section -> ("map", value check) or ("list", None). Keys/items must be lowercase.
CALENDAR_SCHEMA: dict[str, tuple[str, Callable[[Any], bool] | None]] = {
    "months": ("map", _int_in(1, 12)),
    "month_abbreviations": ("map", _int_in(1, 12)),
    "weekdays": ("map", _int_in(1, 7)),
    "seasons": ("map", _in({"SP", "SU", "FA", "WI"})),
    "festivities": ("map", _is_festivity),
    "ambiguous": ("map", _is_reading_list),
    "proper_name_heads": ("list", None),
}
EXPRESSIONS_SCHEMA: dict[str, tuple[str, Callable[[Any], bool] | None]] = {
    "deictic_days": ("map", _int_in(-3, 3)),
    "deictic_parts": ("map", _is_deictic_part),
    "parts_of_day": ("map", _in(PARTS_OF_DAY)),
    "units": ("map", _is_duration_unit),
    "relative_past": ("list", None),
    "relative_future": ("list", None),
    "anaphoric": ("list", None),
    "qualifiers": ("map", _in(TIMEX_MODS)),
    "duration_mods": ("map", _in(TIMEX_MODS)),
    "cues": ("map", _in(CUE_ROLES)),
    "refs": ("map", _in(REFS)),
    "sets": ("map", _is_iso_set),
    "number_words": ("map", _int_in(0, 1000)),
    "elided_numbers": ("map", _int_in(0, 90)),
    "vague_quantities": ("list", None),
    "hour_words": ("map", _int_in(1, 12)),
    "decade_words": ("map", _int_in(0, 9)),
    "century_words": ("map", _int_in(10, 20)),
    "ambiguous": ("map", _is_reading_list),
    # word lists used inside the date rules (pipeline/normalize/dates.py, DateGrammar)
    "relative_unit_nouns": ("list", None),
    "plural_units": ("list", None),
    "bare_unit_cues": ("list", None),
    "vague_ref_before": ("list", None),
    "vague_ref_units": ("list", None),
    "vague_ref_after": ("map", _in(REFS - {"PRESENT_REF"})),
    "ago_words": ("map", _in(AGO_KINDS)),
    "weekend_words": ("list", None),
    "this_parts_of_day": ("list", None),
    "in_parts_of_day": ("list", None),
    "clock_parts_of_day": ("list", None),
    "single_unit_qualifiers": ("list", None),
    "single_units": ("list", None),
    "whole_day_words": ("list", None),
    "decade_nouns": ("list", None),
    "half_words": ("list", None),
    "clock_fractions": ("map", _int_in(1, 59)),
    "noon_words": ("map", _int_in(0, 24)),
}
# list key -> the map key its forms must belong to (a unit or part of day the rules can
# normalise): checked after the per-key validation.
EXPRESSIONS_SUBSETS: dict[str, str] = {
    "relative_unit_nouns": "units", "plural_units": "units", "vague_ref_units": "units",
    "single_units": "units", "whole_day_words": "units", "this_parts_of_day": "parts_of_day",
    "in_parts_of_day": "parts_of_day", "clock_parts_of_day": "parts_of_day",
}
META_KEYS = {"source", "date", "format"}


def parse_resource(text: str, schema: dict, name: str) -> dict[str, Any]:
    """Parse and validate one resource file's text against ``schema``."""
    try:
        data = strict_json_loads(text)
    except LexiconError as exc:
        raise LexiconError(f"{name}: {exc}") from None
    except json.JSONDecodeError as exc:
        raise LexiconError(f"{name}: not valid JSON ({exc})") from None
    if not isinstance(data, dict):
        raise LexiconError(f"{name}: top level must be an object")
    meta = data.get("_meta")
    if not isinstance(meta, dict) or set(meta) != META_KEYS:
        raise LexiconError(f"{name}: '_meta' must have exactly the keys {sorted(META_KEYS)}")
    unknown = set(data) - set(schema) - {"_meta"}
    if unknown:
        raise LexiconError(f"{name}: unknown keys {sorted(unknown)}")
    missing = set(schema) - set(data)
    if missing:
        raise LexiconError(f"{name}: missing keys {sorted(missing)}")
    for section, (kind, check) in schema.items():
        value = data[section]
        forms = list(value) if kind == "map" else value
        if kind == "map" and not isinstance(value, dict):
            raise LexiconError(f"{name}: '{section}' must be an object")
        if kind == "list" and not isinstance(value, list):
            raise LexiconError(f"{name}: '{section}' must be a list")
        seen: set[str] = set()
        for form in forms:
            if not isinstance(form, str) or not form.strip():
                raise LexiconError(f"{name}: '{section}': empty or non-string form {form!r}")
            if form != form.lower() or form != form.strip():
                raise LexiconError(f"{name}: '{section}': form '{form}' must be lowercase, trimmed")
            if form in seen:
                raise LexiconError(f"{name}: '{section}': duplicate form '{form}'")
            seen.add(form)
        if kind == "map":
            for form, v in value.items():
                if not check(v):
                    raise LexiconError(f"{name}: '{section}': bad value {v!r} for '{form}'")
    if schema is EXPRESSIONS_SCHEMA:
        for section, target in EXPRESSIONS_SUBSETS.items():
            outside = [form for form in data[section] if form not in data[target]]
            if outside:
                raise LexiconError(f"{name}: '{section}': forms {outside} are not in '{target}'")
    return data


@dataclass(frozen=True)
class DatesLexicon:
    """The two validated resource dicts (``calendar`` and ``expressions``)."""

    calendar: dict[str, Any]
    expressions: dict[str, Any]

    def __hash__(self) -> int:  # dicts are not hashable; one lexicon per file pair
        return id(self)


def load_dates_lexicon(calendar_path: Path | str = CALENDAR_FILE,
                       expressions_path: Path | str = EXPRESSIONS_FILE) -> DatesLexicon:
    calendar_path, expressions_path = Path(calendar_path), Path(expressions_path)
    calendar = parse_resource(calendar_path.read_text(encoding="utf-8"), CALENDAR_SCHEMA,
                              calendar_path.name)
    expressions = parse_resource(expressions_path.read_text(encoding="utf-8"),
                                 EXPRESSIONS_SCHEMA, expressions_path.name)
    return DatesLexicon(calendar, expressions)


@lru_cache(maxsize=1)
def default_lexicon() -> DatesLexicon:
    """The shipped lexicon, loaded once per process."""
    return load_dates_lexicon()
