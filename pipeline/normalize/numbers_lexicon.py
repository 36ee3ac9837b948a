"""Load and validate the language data of the numbers normaliser and component.

Four JSON files in ``pipeline/resources/`` (each opens with a ``_meta`` block):

- ``number_words.json``: number words by table (units, teens, tens, ...), ordinals,
  multipliers, and the ambiguous forms with their other reading;
- ``quantity_words.json``: qualifiers (più di, oltre, circa...), vague quantities
  (migliaia, una trentina), range prepositions, articles;
- ``units.json``: currencies (form -> ISO 4217), measures and percent forms;
- ``number_context.json``: context words (function words, identifier nouns, year and
  time cues, lexicalised phrases such as "primo ministro").

Validation rejects unknown keys, missing keys, duplicate keys or list items,
non-lowercase forms and values of the wrong type. No spaCy here.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..lexicon import LexiconError, strict_json_loads

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
FILES = ("number_words.json", "quantity_words.json", "units.json", "number_context.json")

QUALIFIERS = ("exact", "approx", "more_than", "less_than", "at_least", "at_most")
META_KEYS = {"source", "date", "format"}

# file -> key -> (kind, value type); kinds: "map" (form -> value), "list" (forms),
# "str_map" (code -> name, keys need not be lowercase forms).
SCHEMA: dict[str, dict[str, tuple[str, type | tuple[type, ...]]]] = {
    "number_words.json": {
        "units": ("map", int), "teens": ("map", int), "tens": ("map", int),
        "tens_elided": ("map", int), "hundreds": ("map", int), "thousands": ("map", int),
        "large_multipliers": ("map", int), "halves": ("map", float),
        "ordinals": ("map", int), "fraction_words": ("map", float),
        "ambiguous": ("map", str),
    },
    "quantity_words.json": {
        "qualifiers": ("map", str), "articulated_prepositions": ("map", list),
        "range_starts": ("map", str), "articles": ("list", str),
        "vague_plurals": ("map", int), "vague_collectives": ("map", int),
        "collective_determiners": ("list", str), "vague_determiners": ("list", str),
        "post_qualifiers": ("map", str),
    },
    "units.json": {
        "currencies": ("map", str), "currency_names": ("str_map", str),
        "currency_symbols": ("list", str), "measures": ("map", str), "percent": ("map", str),
    },
    "number_context.json": {
        "function_words": ("list", str), "identifier_nouns": ("list", str),
        "year_cues": ("list", str), "time_cues": ("list", str), "month_names": ("list", str),
        "ordinal_determiners": ("list", str), "lexicalised": ("list", str),
        "date_nouns": ("list", str), "duration_nouns": ("list", str),
        "prenominal_adjectives": ("list", str), "predicate_verbs": ("list", str),
        "weekday_names": ("list", str), "decade_cues": ("list", str),
        "score_words": ("list", str),
    },
}


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def phrase_tokens(phrase: str) -> tuple[str, ...]:
    """Split a data phrase the way spaCy's Italian tokenizer splits it ("all'incirca")."""
    return tuple(re.findall(r"[^\s']+'?|'", phrase))


def _check_form(fname: str, key: str, form: Any) -> None:
    if not isinstance(form, str) or not form or form != form.lower() or form != form.strip():
        raise LexiconError(f"{fname}:{key}: form {form!r} is not a lowercase, trimmed string")


def validate(fname: str, data: dict[str, Any]) -> None:
    schema = SCHEMA[fname]
    meta = data.get("_meta")
    if not isinstance(meta, dict) or set(meta) != META_KEYS:
        raise LexiconError(f"{fname}: _meta must have exactly {sorted(META_KEYS)}")
    keys = set(data) - {"_meta"}
    if keys - set(schema):
        raise LexiconError(f"{fname}: unknown keys {sorted(keys - set(schema))}")
    if set(schema) - keys:
        raise LexiconError(f"{fname}: missing keys {sorted(set(schema) - keys)}")
    for key, (kind, vtype) in schema.items():
        table = data[key]
        if kind == "list":
            if not isinstance(table, list):
                raise LexiconError(f"{fname}:{key}: expected a list")
            for form in table:
                _check_form(fname, key, form)
            if len(set(table)) != len(table):
                dup = sorted({f for f in table if table.count(f) > 1})
                raise LexiconError(f"{fname}:{key}: duplicates {dup}")
            continue
        if not isinstance(table, dict):
            raise LexiconError(f"{fname}:{key}: expected an object")
        for form, value in table.items():
            if kind == "map":
                _check_form(fname, key, form)
            ok = isinstance(value, vtype) and not isinstance(value, bool)
            if vtype is float:
                ok = isinstance(value, (int, float)) and not isinstance(value, bool)
            if not ok:
                raise LexiconError(f"{fname}:{key}:{form}: value {value!r} is not {vtype.__name__}")
            if vtype is list:
                for item in value:
                    _check_form(fname, f"{key}.{form}", item)
    # cross-checks
    if fname == "quantity_words.json":
        bad = {v for v in (*data["qualifiers"].values(), *data["post_qualifiers"].values())
               if v not in QUALIFIERS}
        if bad:
            raise LexiconError(f"{fname}: unknown qualifiers {sorted(bad)}")
    if fname == "units.json":
        missing = set(data["currencies"].values()) - set(data["currency_names"])
        if missing:
            raise LexiconError(f"{fname}: currency codes without a name {sorted(missing)}")
    if fname == "number_words.json":
        seen: dict[str, str] = {}
        for key in ("units", "teens", "tens", "tens_elided", "hundreds", "thousands"):
            for form in data[key]:
                if strip_accents(form) != form:
                    raise LexiconError(f"{fname}:{key}: morpheme {form!r} must be accent-free")
                if form in seen:
                    raise LexiconError(f"{fname}: morpheme {form!r} in {seen[form]} and {key}")
                seen[form] = key


def read_resource(path: Path) -> dict[str, Any]:
    with open(path, encoding="utf-8") as fh:
        data = strict_json_loads(fh.read())
    validate(path.name, data)
    return data


@dataclass(frozen=True)
class NumberLexicon:
    """Derived, ready-to-match tables. Build with :func:`NumberLexicon.from_raw`."""

    raw: dict[str, dict[str, Any]] = field(repr=False)
    morphemes: dict[str, tuple[str, int]]       # form -> (table, value)
    morphemes_by_length: tuple[str, ...]
    large_multipliers: dict[str, int]
    halves: dict[str, float]
    ordinals: dict[str, int]                     # all inflected forms, -esimo series too
    fraction_words: dict[str, float]
    ambiguous: dict[str, str]
    qualifiers: dict[tuple[str, ...], str]
    qualifier_max_len: int
    range_starts: dict[str, tuple[str, ...]]     # start form -> connector forms
    articles: frozenset[str]
    vague_plurals: dict[str, int]
    vague_collectives: dict[str, int]
    collective_determiners: frozenset[str]
    vague_determiners: frozenset[str]
    currencies: dict[tuple[str, ...], str]
    currency_names: dict[str, str]
    currency_symbols: frozenset[str]
    measures: dict[tuple[str, ...], str]
    percent: dict[tuple[str, ...], str]
    function_words: frozenset[str]
    identifier_nouns: frozenset[str]
    year_cues: frozenset[str]
    time_cues: frozenset[tuple[str, ...]]
    month_names: frozenset[str]
    ordinal_determiners: frozenset[str]
    lexicalised: frozenset[tuple[str, ...]]
    date_nouns: frozenset[str]
    duration_nouns: frozenset[str]
    post_qualifiers: dict[tuple[str, ...], str]
    prenominal_adjectives: frozenset[str]
    predicate_verbs: frozenset[str]
    weekday_names: frozenset[str]
    decade_cues: frozenset[str]
    score_words: frozenset[str]

    @classmethod
    def from_raw(cls, raw: dict[str, dict[str, Any]]) -> "NumberLexicon":
        for fname in FILES:
            if fname not in raw:
                raise LexiconError(f"missing resource {fname}")
            validate(fname, raw[fname])
        nw, qw, un, cx = (raw[f] for f in FILES)
        morphemes = {}
        for key in ("units", "teens", "tens", "tens_elided", "hundreds", "thousands"):
            for form, value in nw[key].items():
                morphemes[form] = (key, value)
        ordinals = _inflect_ordinals(nw)
        preps = qw["articulated_prepositions"]
        qualifiers: dict[tuple[str, ...], str] = {}
        for phrase, qual in qw["qualifiers"].items():
            for variant in _expand_preposition(phrase_tokens(phrase), preps):
                if variant in qualifiers and qualifiers[variant] != qual:
                    raise LexiconError(f"qualifier {variant} maps to two qualifiers")
                qualifiers[variant] = qual
        range_starts: dict[str, tuple[str, ...]] = {}
        for start, conn in qw["range_starts"].items():
            conns = tuple(preps.get(conn, [conn]))
            for form in preps.get(start, [start]):
                range_starts[form] = conns
        return cls(
            raw=raw,
            morphemes=morphemes,
            morphemes_by_length=tuple(sorted(morphemes, key=lambda f: (-len(f), f))),
            large_multipliers=dict(nw["large_multipliers"]),
            halves={k: float(v) for k, v in nw["halves"].items()},
            ordinals=ordinals,
            fraction_words={k: float(v) for k, v in nw["fraction_words"].items()},
            ambiguous=dict(nw["ambiguous"]),
            qualifiers=qualifiers,
            qualifier_max_len=max(len(k) for k in qualifiers),
            range_starts=range_starts,
            articles=frozenset(qw["articles"]),
            vague_plurals=dict(qw["vague_plurals"]),
            vague_collectives=dict(qw["vague_collectives"]),
            collective_determiners=frozenset(qw["collective_determiners"]),
            vague_determiners=frozenset(qw["vague_determiners"]),
            currencies={phrase_tokens(k): v for k, v in un["currencies"].items()},
            currency_names=dict(un["currency_names"]),
            currency_symbols=frozenset(un["currency_symbols"]),
            measures={phrase_tokens(k): v for k, v in un["measures"].items()},
            percent={phrase_tokens(k): v for k, v in un["percent"].items()},
            function_words=frozenset(cx["function_words"]),
            identifier_nouns=frozenset(cx["identifier_nouns"]),
            year_cues=frozenset(cx["year_cues"]),
            time_cues=frozenset(phrase_tokens(p) for p in cx["time_cues"]),
            month_names=frozenset(cx["month_names"]),
            ordinal_determiners=frozenset(cx["ordinal_determiners"]),
            lexicalised=frozenset(phrase_tokens(p) for p in cx["lexicalised"]),
            date_nouns=frozenset(cx["date_nouns"]),
            duration_nouns=frozenset(cx["duration_nouns"]),
            post_qualifiers={phrase_tokens(k): v for k, v in qw["post_qualifiers"].items()},
            prenominal_adjectives=frozenset(cx["prenominal_adjectives"]),
            predicate_verbs=frozenset(cx["predicate_verbs"]),
            weekday_names=frozenset(cx["weekday_names"]),
            score_words=frozenset(cx["score_words"]),
            decade_cues=frozenset(cx["decade_cues"]),
        )

    def to_json(self) -> str:
        return json.dumps(self.raw, ensure_ascii=False, indent=1, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> "NumberLexicon":
        return cls.from_raw(strict_json_loads(text))


def _expand_preposition(tokens: tuple[str, ...], preps: dict[str, list[str]]):
    """'più di' -> ('più','di'), ('più','del'), ...; the last token only."""
    if tokens and tokens[-1] in preps:
        for form in preps[tokens[-1]]:
            yield tokens[:-1] + (form,)
    else:
        yield tokens


def _inflect_ordinals(nw: dict[str, Any]) -> dict[str, int]:
    """Masculine singular ordinals -> all four forms; the -esimo series is in code."""
    out: dict[str, int] = {}
    for form, value in nw["ordinals"].items():
        stem = form[:-1]
        for end in "oaie":
            out[stem + end] = value
    return out


def load_raw(directory: Path | str | None = None) -> dict[str, dict[str, Any]]:
    base = Path(directory) if directory else RESOURCES
    return {fname: read_resource(base / fname) for fname in FILES}


@lru_cache(maxsize=4)
def load_number_lexicon(directory: str | None = None) -> NumberLexicon:
    """The lexicon from ``directory`` (default: the package resources), cached."""
    return NumberLexicon.from_raw(load_raw(directory))
