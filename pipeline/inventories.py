"""Closed inventories of the output schema, defined once for every module.

These are the values the tables, the gold annotations and the data files may use; they
are not Italian words (those live in ``pipeline/lang/it/``). Event types are not here:
they are whatever ``event_types.json`` defines (see :func:`event_types`).
"""

from __future__ import annotations

import re

ENTITY_LABELS = ("PER", "LOC", "ORG", "MISC")
DATE_TYPES = ("DATE", "TIME", "DURATION", "SET")
#: what an entity is (entities.csv ``kind``): the gazetteers' kinds, then the defaults of
#: entities no gazetteer knows (PER -> person, ORG -> organisation, LOC -> place, else other);
#: "demonym" is the kind of a country adjective's record ("americani"), which is no entity
ENTITY_KINDS = (
    "country",
    "region",
    "province",
    "city",
    "place",
    "seat",
    "organisation",
    "institution",
    "party",
    "trade_union",
    "company",
    "armed_group",
    "person",
    "other",
    "demonym",
)
TIMEX_MODS = (
    "START",
    "MID",
    "END",
    "APPROX",
    "BEFORE",
    "AFTER",
    "ON_OR_BEFORE",
    "ON_OR_AFTER",
    "MORE_THAN",
    "LESS_THAN",
    "EQUAL_OR_MORE",
    "EQUAL_OR_LESS",
)
QUALIFIERS = ("exact", "approx", "more_than", "less_than", "at_least", "at_most")
NUMBER_KINDS = ("cardinal", "ordinal", "percent", "money", "fraction", "range")
EVENT_ROLES = ("actor", "target", "place", "date", "quantity")
MODALITIES = ("asserted", "hypothetical", "uncertain", "generic")

ROMAN_RE = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def roman_to_int(text: str) -> int | None:
    """A well-formed roman numeral, any case, as an int ("XXI" -> 21); else None."""
    text = text.upper()
    if not text or not ROMAN_RE.match(text):
        return None
    total = 0
    for a, b in zip(text, text[1:] + " "):
        va, vb = ROMAN_VALUES[a], ROMAN_VALUES.get(b, 0)
        total += -va if va < vb else va
    return total


def event_types() -> frozenset[str]:
    """The event types of the shipped data: adding one to the data file adds it here."""
    from .lang.loader import shipped

    return frozenset(shipped()["event_types"]["types"])
