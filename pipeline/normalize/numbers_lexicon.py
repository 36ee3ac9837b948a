"""Compile the language data of the numbers into ready-to-match tables. No spaCy here.

The data are read through the one loader (``pipeline/lang/loader.py``), which checks each
file against its JSON Schema. This module adds the checks a schema cannot express across
files or keys, raising :class:`LanguageDataError` naming file, key and problem. Files read
(``pipeline/lang/it/``):

- ``number_words.json``: the one vocabulary of number words (units ... multipliers,
  digit suffixes, halves, ordinals, fractions) and the ``ambiguous`` table;
- ``quantity_qualifiers.json``: più di, circa (before), o più (after);
- ``vague_quantities.json``: migliaia, una trentina;
- ``number_ranges.json``: tra ... e, da ... a;
- ``currencies.json``, ``measures.json``, ``percent.json``: the units inside a span;
- ``number_context.json``: identifier nouns, year/time cues, lexicalised phrases...;
- ``months.json``, ``weekdays.json``, ``function_words.json``: shared with the other
  components, read, never copied.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..lang.loader import LanguageDataError, shipped

#: the data files the numbers read (saved with the component by ``to_disk``)
DATA_FILES = (
    "number_words",
    "quantity_qualifiers",
    "vague_quantities",
    "number_ranges",
    "currencies",
    "measures",
    "percent",
    "number_context",
    "months",
    "weekdays",
    "function_words",
)

#: morpheme tables of number_words.json, the pieces a compound word is split into
MORPHEME_TABLES = (
    "units",
    "unit_variants",
    "teens",
    "tens",
    "tens_elided",
    "hundreds",
    "hundreds_elided",
    "thousands",
    "thousands_bound",
)
CLASS_REF = "@"  # number_context.json: "@possessives" = every form of that function-word class

Data = Mapping[str, Mapping[str, Any]]


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def normalize_word(word: str) -> str:
    """Lowercase, typographic apostrophe to ASCII, accents off (ventitré -> ventitre)."""
    return strip_accents(word.lower().replace("\u2019", "'"))


def phrase_tokens(phrase: str) -> tuple[str, ...]:
    """Split a data phrase the way spaCy's Italian tokenizer splits it ("all'incirca")."""
    return tuple(re.findall(r"[^\s']+'?|'", phrase))


@dataclass(frozen=True)
class Morpheme:
    table: str  # a MORPHEME_TABLES name
    value: int
    form: str


@dataclass(frozen=True)
class Ambiguous:
    """How a form with a non-numeric reading is settled (number_words.json ambiguous)."""

    number_when: str  # plural_noun_after | not_alone | never_alone | ordinal_context
    # | not_before_noun
    not_after: frozenset[str]


@dataclass(frozen=True)
class NumberLexicon:
    """Derived, ready-to-match tables. Build with :func:`compile_lexicon`."""

    # number words
    morphemes: dict[str, Morpheme]
    morphemes_by_length: tuple[str, ...]
    elided_before: dict[str, frozenset[str]]  # elided table -> forms it may precede
    large_multipliers: dict[str, int]
    singular_multipliers: frozenset[str]
    bound_thousands: dict[str, int]  # mila
    free_thousands: frozenset[str]  # mille
    digit_suffixes: dict[str, int]
    digits_re: re.Pattern[str]
    dot_decimal_re: re.Pattern[str]
    connectors: frozenset[str]
    ones: frozenset[str]  # the indefinite articles, read as 1
    halves: dict[str, float]
    ordinals: dict[str, int]  # all inflected forms; -esimo is derived
    ordinal_suffixes: tuple[str, ...]  # esimo, esima, esimi, esime
    ordinal_stem_vowels: tuple[str, ...]
    ordinal_plural_endings: tuple[str, ...]
    ordinal_stem_rewrites: dict[str, str]
    fraction_words: dict[str, float]  # accent-free keys (meta)
    fraction_forms: frozenset[str]  # as written (metà) and accent-free
    fraction_denominators: dict[str, int]  # denominators that are no ordinal (mezzi)
    ratio_links: frozenset[str]  # uno su tre
    decimal_points: frozenset[str]  # tre virgola cinque
    negative_words: frozenset[str]  # meno cinque gradi
    ambiguous: dict[str, Ambiguous]
    # qualifiers, ranges, vague quantities
    qualifiers: dict[tuple[str, ...], str]
    qualifier_max_len: int
    post_qualifiers: dict[tuple[str, ...], str]
    range_starts: dict[str, tuple[str, ...]]  # start form -> connector forms
    clock_articles: frozenset[str]
    vague_plurals: dict[str, int]
    vague_plural_qualifier: str
    vague_collective_qualifier: str
    vague_collectives: dict[str, int]
    counted_collectives: dict[str, int]  # due dozzine, tre paia
    collective_determiners: frozenset[str]
    vague_determiners: frozenset[str]
    # units
    currencies: dict[tuple[str, ...], str]
    currency_names: dict[str, str]
    currency_symbols: frozenset[str]
    measures: dict[tuple[str, ...], str]
    degree_scales: dict[str, str]
    percent: dict[tuple[str, ...], str]
    # function words and context
    articles: frozenset[str]  # definite articles
    plural_articles: frozenset[str]
    articles_all: frozenset[str]  # definite articles and articulated prepositions
    di_forms: frozenset[str]
    function_words: frozenset[str]  # never a counted noun
    identifier_nouns: frozenset[str]
    year_cues: frozenset[str]
    time_cues: frozenset[tuple[str, ...]]
    month_names: frozenset[str]
    weekday_names: frozenset[str]
    ordinal_determiners: frozenset[str]
    lexicalised: frozenset[tuple[str, ...]]
    date_nouns: frozenset[str]
    duration_nouns: frozenset[str]
    prenominal_adjectives: frozenset[str]
    predicate_verbs: frozenset[str]
    decade_cues: frozenset[str]
    score_words: frozenset[str]
    score_links: frozenset[str]
    plural_endings: tuple[str, ...]
    day_links: frozenset[str]
    coordinators: frozenset[str]

    def ends_thousands(self, word: str) -> bool:
        """A word closing the thousands ("tremila", "mille"): "tremila e seicento"."""
        return word in self.free_thousands or any(word.endswith(f) for f in self.bound_thousands)


def _error(fname: str, key: str, problem: str) -> LanguageDataError:
    return LanguageDataError(f"{fname}.json: {key}: {problem}")


def _morphemes(nw: Mapping[str, Any]) -> dict[str, Morpheme]:
    morphemes: dict[str, Morpheme] = {}
    for table in MORPHEME_TABLES:
        for form, value in nw[table].items():
            if form in morphemes:
                raise _error("number_words", f"{table}/{form}", f"morpheme already in {morphemes[form].table}")
            morphemes[form] = Morpheme(table, value, form)
    for table, forms in nw["elided_before"].items():
        unknown = sorted(set(forms) - set(morphemes))
        if unknown:
            raise _error("number_words", f"elided_before/{table}", f"not morphemes: {unknown}")
    return morphemes


def _suffix_re(int_part: str, suffixes: Mapping[str, int]) -> re.Pattern[str]:
    alternation = "|".join(re.escape(s) for s in sorted(suffixes, key=lambda s: (-len(s), s)))
    return re.compile(rf"^{int_part}(?P<suf>{alternation})?$", re.ASCII)


def _inflect_ordinals(nw: Mapping[str, Any]) -> dict[str, int]:
    """Masculine singular ordinals -> all four forms (primo: prima, primi, prime)."""
    endings = nw["ordinal_endings_singular"] + nw["ordinal_endings_plural"]
    out: dict[str, int] = {}
    for form, value in nw["ordinals"].items():
        if not any(form.endswith(e) for e in nw["ordinal_endings_singular"]):
            raise _error("number_words", f"ordinals/{form}", "does not end in a singular ordinal ending")
        stem = form[:-1]
        for end in endings:
            out[stem + end] = value
    return out


def _ambiguous(nw: Mapping[str, Any], ordinals: Mapping[str, int]) -> dict[str, Ambiguous]:
    out: dict[str, Ambiguous] = {}
    endings = nw["ordinal_endings_singular"] + nw["ordinal_endings_plural"]
    for form, entry in nw["ambiguous"].items():
        rule = Ambiguous(entry["number_when"], frozenset(entry.get("not_after", ())))
        out[form] = rule
        if rule.number_when == "ordinal_context":
            if form not in ordinals:
                raise _error("number_words", f"ambiguous/{form}", "ordinal_context but not an ordinal")
            for end in endings:  # primo settles prima, primi, prime alike
                out.setdefault(form[:-1] + end, rule)
    return out


def _expand_classes(fname: str, key: str, items: list[str], fw: Mapping[str, Any]) -> frozenset[str]:
    """Forms with "@class" items replaced by the forms of that function_words class."""
    out: set[str] = set()
    for item in items:
        if not item.startswith(CLASS_REF):
            out.add(item)
            continue
        cls = item[len(CLASS_REF) :]
        if cls not in fw or cls == "_meta":
            raise _error(fname, key, f"{item!r} names no class of function_words.json")
        value = fw[cls]
        out.update(f for forms in value.values() for f in forms) if isinstance(value, dict) else out.update(value)
    return frozenset(out)


def _expand_preposition(tokens: tuple[str, ...], preps: Mapping[str, list[str]]) -> Iterator[tuple[str, ...]]:
    """'più di' -> ('più','di'), ('più','del'), ...; the last token only."""
    if tokens and tokens[-1] in preps:
        for form in preps[tokens[-1]]:
            yield tokens[:-1] + (form,)
    else:
        yield tokens


def _qualifiers(qq: Mapping[str, Any], preps: Mapping[str, list[str]]) -> dict[tuple[str, ...], str]:
    out: dict[tuple[str, ...], str] = {}
    for phrase, qual in qq["before"].items():
        for variant in _expand_preposition(phrase_tokens(phrase), preps):
            if out.get(variant, qual) != qual:
                raise _error(
                    "quantity_qualifiers", f"before/{phrase}", f"{' '.join(variant)!r} already means {out[variant]}"
                )
            out[variant] = qual
    return out


def compile_lexicon(data: Data) -> NumberLexicon:
    """The lexicon of a :class:`~pipeline.lang.loader.LanguageData` (or any name -> dict)."""
    nw, fw, cx = data["number_words"], data["function_words"], data["number_context"]
    cur, vq = data["currencies"], data["vague_quantities"]
    morphemes = _morphemes(nw)
    ordinals = _inflect_ordinals(nw)
    preps: Mapping[str, list[str]] = fw["articulated_prepositions"]
    missing = sorted(set(cur["forms"].values()) - set(cur["names"]))
    if missing:
        raise _error("currencies", "names", f"no name for the codes {missing}")
    bad_symbols = sorted(set(cur["symbols"]) - set(cur["forms"]))
    if bad_symbols:
        raise _error("currencies", "symbols", f"not in forms: {bad_symbols}")
    not_multipliers = sorted(set(nw["singular_multipliers"]) - set(nw["multipliers"]))
    if not_multipliers:
        raise _error("number_words", "singular_multipliers", f"not in multipliers: {not_multipliers}")
    range_starts: dict[str, tuple[str, ...]] = {}
    for start, conn in data["number_ranges"]["starts"].items():
        for form in preps.get(start, [start]):
            range_starts[form] = tuple(preps.get(conn, [conn]))
    qualifiers = _qualifiers(data["quantity_qualifiers"], preps)
    months = data["months"]
    weekdays = data["weekdays"]
    month_names = frozenset(months["names"]) | frozenset(months["abbreviations"])
    simple_preps = frozenset(preps)
    articulated = frozenset(f for forms in preps.values() for f in forms) - simple_preps
    # the vowel an -esimo ordinal dropped from its cardinal (undic-esimo, vent-esimo)
    plural_stem = nw["ordinal_endings_plural"] + nw["ordinal_endings_singular"]
    fractions = {normalize_word(k): float(v) for k, v in nw["fractions"].items()}
    return NumberLexicon(
        morphemes=morphemes,
        morphemes_by_length=tuple(sorted(morphemes, key=lambda f: (-len(f), f))),
        elided_before={t: frozenset(f) for t, f in nw["elided_before"].items()},
        large_multipliers=dict(nw["multipliers"]),
        singular_multipliers=frozenset(nw["singular_multipliers"]),
        bound_thousands=dict(nw["thousands_bound"]),
        free_thousands=frozenset(nw["thousands"]),
        digit_suffixes=dict(nw["digit_suffixes"]),
        digits_re=_suffix_re(r"(?P<int>[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)(?:,(?P<dec>[0-9]+))?", nw["digit_suffixes"]),
        dot_decimal_re=_suffix_re(r"(?P<int>[0-9]+)\.(?P<dec>[0-9]{1,2}|[0-9]{4,})", nw["digit_suffixes"]),
        connectors=frozenset(nw["connectors"]),
        ones=frozenset(fw["indefinite_articles"]),
        halves={k: float(v) for k, v in nw["halves"].items()},
        ordinals=ordinals,
        ordinal_suffixes=tuple(nw["ordinal_suffix"] + e for e in plural_stem),
        ordinal_stem_vowels=tuple(plural_stem),
        ordinal_plural_endings=tuple(nw["ordinal_endings_plural"]),
        ordinal_stem_rewrites=dict(nw["ordinal_stem_rewrites"]),
        fraction_words=fractions,
        fraction_forms=frozenset(nw["fractions"]) | frozenset(fractions),
        fraction_denominators=dict(nw["fraction_denominators"]),
        ratio_links=frozenset(nw["ratio_links"]),
        decimal_points=frozenset(nw["decimal_points"]),
        negative_words=frozenset(nw["negative_words"]),
        ambiguous=_ambiguous(nw, ordinals),
        qualifiers=qualifiers,
        qualifier_max_len=max(len(k) for k in qualifiers),
        post_qualifiers={phrase_tokens(k): v for k, v in data["quantity_qualifiers"]["after"].items()},
        range_starts=range_starts,
        clock_articles=frozenset(data["number_ranges"]["clock_articles"]),
        vague_plurals=dict(vq["plurals"]),
        vague_plural_qualifier=vq["plurals_qualifier"],
        vague_collective_qualifier=vq["collectives_qualifier"],
        vague_collectives=dict(vq["collectives"]),
        counted_collectives=dict(vq["counted_collectives"]),
        collective_determiners=frozenset(fw["indefinite_articles"]) | frozenset(vq["collective_determiners"]),
        vague_determiners=frozenset(vq["determiners"]),
        currencies={phrase_tokens(k): v for k, v in cur["forms"].items()},
        currency_names=dict(cur["names"]),
        currency_symbols=frozenset(cur["symbols"]),
        measures={phrase_tokens(k): v for k, v in data["measures"]["forms"].items()},
        degree_scales=dict(data["measures"]["degree_scales"]),
        percent={phrase_tokens(k): v for k, v in data["percent"]["forms"].items()},
        articles=frozenset(fw["definite_articles"]),
        plural_articles=frozenset(fw["plural_definite_articles"]),
        articles_all=frozenset(fw["definite_articles"]) | articulated,
        di_forms=frozenset(_forms_of(preps, cx["noun_link"])),
        function_words=_expand_classes("number_context", "not_counted", cx["not_counted"], fw),
        identifier_nouns=frozenset(cx["identifier_nouns"]),
        year_cues=_expand_classes("number_context", "year_cues", cx["year_cues"], fw) | month_names,
        time_cues=frozenset(phrase_tokens(p) for p in cx["time_cues"]),
        month_names=month_names,
        weekday_names=frozenset(weekdays["names"]) | frozenset(weekdays["abbreviations"]),
        ordinal_determiners=_expand_classes("number_context", "ordinal_determiners", cx["ordinal_determiners"], fw),
        lexicalised=frozenset(phrase_tokens(p) for p in cx["lexicalised"]),
        date_nouns=frozenset(cx["date_nouns"]),
        duration_nouns=frozenset(cx["duration_nouns"]),
        prenominal_adjectives=frozenset(cx["prenominal_adjectives"]),
        predicate_verbs=frozenset(cx["predicate_verbs"]),
        decade_cues=frozenset(cx["decade_cues"]),
        score_words=frozenset(cx["score_words"]),
        score_links=frozenset(cx["score_links"]),
        plural_endings=tuple(cx["plural_endings"]),
        day_links=frozenset(cx["day_links"]),
        coordinators=frozenset(cx["coordinators"]),
    )


def _forms_of(preps: Mapping[str, list[str]], prep: str) -> list[str]:
    if prep not in preps:
        raise _error("number_context", "noun_link", f"{prep!r} is no preposition of function_words.json")
    return preps[prep]


@cache
def default_lexicon() -> NumberLexicon:
    """The lexicon of the shipped data, compiled once per process."""
    return compile_lexicon(shipped())
