"""Number cores: a number expression at a token, before its context is read."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from spacy.tokens import Doc

from ...inventories import roman_to_int
from ...normalize.numbers import (
    DIGIT_ORDINAL_RE,
    Quantity,
    as_number,
    compound_to_number,
    parse_decimal,
    parse_ordinal,
    words_to_number,
)
from ...normalize.numbers_lexicon import NumberLexicon, normalize_word

ROMAN_LETTERS = frozenset("IVXL")
ROMAN = "<roman>"       # Core.word of a roman numeral
MAX_WORD_RUN = 12       # longest run of number words read as one number
CACHE_LIMIT = 200_000   # per-form caches are cleared past this size
DEGREE = "°"


@dataclass
class Core:
    """A number expression found at a position, before context is applied."""

    start: int
    end: int
    value: Decimal
    kind: str = "cardinal"
    qualifier: str | None = None     # from a vague quantity (migliaia -> at_least)
    currency: str | None = None
    unit: str | None = None          # currency/measure/percent canonical unit
    unit_span: tuple[int, int] | None = None   # token range of that unit word
    multiplied: bool = False         # "2,5 milioni", "migliaia": "di" + noun follows
    bare_digits: bool = False        # a plain digit token, no separator or suffix
    digits_text: str = ""
    word: str | None = None          # the single number word, when there is one


def is_digits(text: str) -> bool:
    """ASCII digits only ("²".isdigit() is True)."""
    return text.isascii() and text.isdigit()


def multiplier_of(core: Core) -> int:
    """The multiplier a multiplied amount was written with: 3 milioni -> 10**6."""
    if not core.multiplied or core.value == 0:
        return 1
    return next((m for m in (10**12, 10**9, 10**6, 1000) if core.value >= m), 1)


def year_like(core: Core) -> bool:
    return bool(re.fullmatch(r"[0-9]{4}", core.digits_text)) and 1800 <= core.value <= 2099


def make_quantity(doc: Doc, core: Core, qualifier: str | None, unit: str | None,
                  unit_span: tuple[int, int] | None, value_max: Decimal | None = None) -> Quantity:
    """The record of a core with its context (qualifier, counted noun, upper bound)."""
    kind = core.kind
    if core.currency:
        kind = "money"
    if value_max is not None:
        kind = "range"
    if core.unit is not None:
        unit, unit_span = core.unit, core.unit_span
    start_char = end_char = None
    if unit_span is not None:
        last = doc[unit_span[1] - 1]
        start_char, end_char = doc[unit_span[0]].idx, last.idx + len(last)
    return Quantity(
        value=as_number(core.value),
        qualifier=qualifier or core.qualifier or "exact",
        unit=unit,
        kind=kind,
        value_max=as_number(value_max) if value_max is not None else None,
        currency=core.currency,
        unit_start=start_char,
        unit_end=end_char,
    )


class CoreReader:
    """Reads the number core at a token; caches what it learns per word form."""

    def __init__(self, lex: NumberLexicon) -> None:
        self.lex = lex
        self._word_cache: dict[str, int | None] = {}
        self._start_cache: dict[str, bool] = {}
        self._start_words = (frozenset(q[0] for q in lex.qualifiers) | frozenset(lex.range_starts)
                             | lex.currency_symbols | lex.vague_determiners
                             | frozenset(lex.vague_plurals) | lex.collective_determiners
                             | lex.fraction_forms)
        self._number_words = (lex.connectors | lex.ones | frozenset(lex.bound_thousands)
                              | frozenset(lex.large_multipliers) | frozenset(lex.halves))

    # --- per-form tests -------------------------------------------------------------
    def may_start(self, w: str, text: str) -> bool:
        """Can a number expression start at this word? Cached per form: a fast filter."""
        if is_digits(w[:1]) or text[:1] in ROMAN_LETTERS:
            return True
        hit = self._start_cache.get(w)
        if hit is None:
            hit = (w in self._start_words or self.is_number_word(w)
                   or (w.isalpha() and parse_ordinal(w, self.lex) is not None))
            if len(self._start_cache) > CACHE_LIMIT:
                self._start_cache.clear()
            self._start_cache[w] = hit
        return hit

    def word_value(self, word: str) -> int | None:
        if word not in self._word_cache:
            if len(self._word_cache) > CACHE_LIMIT:
                self._word_cache.clear()
            self._word_cache[word] = compound_to_number(word, self.lex)
        return self._word_cache[word]

    def is_number_word(self, w: str) -> bool:
        return w in self._number_words or self.word_value(w) is not None

    def is_number(self, w: str) -> bool:
        """A number word or plain digits."""
        return self.is_number_word(w) or is_digits(w)

    # --- the core at a token ----------------------------------------------------------
    def core(self, doc: Doc, low: list[str], j: int) -> Core | None:
        lex = self.lex
        n = len(low)
        if j >= n:
            return None
        tok = low[j]
        # currency symbol before the amount: "€ 5 milioni", "$100"
        if tok in lex.currency_symbols and j + 1 < n:
            inner = self.digits(low, j + 1)
            if inner is not None:
                code = lex.currencies.get((tok,))
                return replace(inner, start=j, currency=code,
                               unit=lex.currency_names.get(code) if code else None,
                               unit_span=(j, j + 1), bare_digits=False)
        digits = self.digits(low, j)
        if digits is not None:
            return digits
        text = doc[j].text
        if DIGIT_ORDINAL_RE.match(text):
            value = Decimal(parse_ordinal(text, lex) or 0)
            scale = lex.degree_scales.get(low[j + 1].rstrip(".")) if j + 1 < n else None
            if text.endswith(DEGREE) and scale is not None:
                return Core(j, j + 2, value, unit=scale, unit_span=(j, j + 2))  # "40°C"
            return Core(j, j + 1, value, kind="ordinal")
        if len(text) >= 2 and text.isupper() and set(text) <= ROMAN_LETTERS:
            roman = roman_to_int(text)
            if roman is not None:
                return Core(j, j + 1, Decimal(roman), kind="ordinal", word=ROMAN)
        found = self.vague(low, j) or self.fraction(low, j) or self.words(low, j)
        if found is not None:
            return found
        ordinal = parse_ordinal(tok, lex) if tok.isalpha() else None
        if ordinal is not None:
            return Core(j, j + 1, Decimal(ordinal), kind="ordinal", word=normalize_word(tok))
        return None

    def digits(self, low: list[str], j: int) -> Core | None:
        lex = self.lex
        text = low[j]
        if not is_digits(text[:1]):
            return None
        parsed = parse_decimal(text, lexicon=lex)
        dot_decimal = False
        if parsed is None:
            parsed, dot_decimal = parse_decimal(text, dot_decimal=True, lexicon=lex), True
        if parsed is None or (len(text) > 1 and text[0] == "0" and is_digits(text[1])):
            return None  # "06": phone prefix or code
        value, mult = parsed
        bare = mult == 1 and is_digits(text)
        k = j + 1
        multiplied = mult > 1
        value *= mult
        n = len(low)
        if mult == 1 and k < n and (low[k] in lex.large_multipliers or low[k] in lex.bound_thousands):
            m = lex.large_multipliers.get(low[k]) or lex.bound_thousands[low[k]]
            value, mult, multiplied, bare, k = value * m, m, True, False, k + 1
        if multiplied and k + 1 < n and low[k] in lex.connectors and low[k + 1] in lex.halves:
            value, k = value + mult * Decimal(str(lex.halves[low[k + 1]])), k + 2  # 2 milioni e mezzo
        if dot_decimal and not multiplied and not (k < n and (low[k],) in lex.percent):
            return None  # "15.30" is a time; "33.5%" and "7.3 milioni" are numbers
        return Core(j, k, value, multiplied=multiplied, bare_digits=bare, digits_text=text)

    def vague(self, low: list[str], j: int) -> Core | None:
        lex = self.lex
        n = len(low)
        k = j
        if low[k] in lex.vague_determiners and k + 1 < n and low[k + 1] in lex.vague_plurals:
            k += 1
        if low[k] in lex.vague_plurals:
            value, qual = Decimal(lex.vague_plurals[low[k]]), lex.vague_plural_qualifier
            k += 1
        elif (low[k] in lex.collective_determiners and k + 1 < n
              and low[k + 1] in lex.vague_collectives):
            value, qual = Decimal(lex.vague_collectives[low[k + 1]]), lex.vague_collective_qualifier
            k += 2
        else:
            return None
        # chained: "decine di migliaia", "un centinaio di migliaia"
        while k + 1 < n and low[k] in lex.di_forms and low[k + 1] in lex.vague_plurals \
                and lex.vague_plurals[low[k + 1]] > 1 and value * lex.vague_plurals[low[k + 1]] > value:
            value, k = value * lex.vague_plurals[low[k + 1]], k + 2
        # a vague multiplier counts something: "milioni di manifestanti", not "i milioni della lotteria"
        if low[k - 1] in lex.large_multipliers and (
                not (k < n and low[k] in lex.di_forms) or (j > 0 and low[j - 1] in lex.articles_all)):
            return None
        return Core(j, k, value, qualifier=qual, multiplied=True)

    def fraction(self, low: list[str], j: int) -> Core | None:
        """"la metà dei", "un terzo degli", "due terzi", "tre quarti"."""
        lex = self.lex
        n = len(low)
        w = normalize_word(low[j])
        if w in lex.fraction_words:
            if j > 0 and low[j - 1] in lex.ordinal_determiners and j + 1 < n and low[j + 1] in lex.di_forms:
                return Core(j, j + 1, Decimal(str(lex.fraction_words[w])), kind="fraction")
            return None
        if j + 1 >= n:
            return None
        if low[j] in lex.ones:
            num: int | None = 1
        else:
            num = self.word_value(w) if low[j].isalpha() else None
            if num is None and is_digits(low[j]):
                num = int(low[j])
        if num is None or not 1 <= num <= 20:
            return None
        den_word = low[j + 1]
        den = lex.ordinals.get(normalize_word(den_word))
        if den is None or den < 3:
            return None
        plural = den_word.endswith(lex.ordinal_plural_endings)
        if num == 1 and not (not plural and j + 2 < n and low[j + 2] in lex.di_forms):
            return None
        if num > 1 and not plural:
            return None
        value = Decimal(num) / Decimal(den)  # exact to float precision: 1/3, not 0.3333
        return Core(j, j + 2, value, kind="fraction")

    def words(self, low: list[str], j: int) -> Core | None:
        """A run of number words: "un milione e duecentomila", "ventitré"."""
        lex = self.lex
        n = len(low)
        first = low[j]
        rule = lex.ambiguous.get(first)
        if first in lex.connectors or (rule is not None and rule.number_when == "never_alone") \
                or not self.is_number_word(first):
            return None
        run: list[str] = []
        k = j
        while k < n and len(run) < MAX_WORD_RUN and self.is_number_word(low[k]):
            run.append(normalize_word(low[k]))
            k += 1
        for end in range(len(run), 0, -1):
            if run[end - 1] in lex.connectors:
                continue
            value = words_to_number(" ".join(run[:end]), lex)
            if value is None:
                continue
            rule = lex.ambiguous.get(run[0])
            if end == 1 and rule is not None and rule.number_when == "not_alone" \
                    and tuple(low[j + 1:j + 3]) not in lex.post_qualifiers:
                return None  # the article alone ("uno o più" is a number)
            multiplied = any(w in lex.large_multipliers for w in run[:end])
            return Core(j, j + end, Decimal(str(value)), multiplied=multiplied,
                        word=run[0] if end == 1 else None)
        return None
