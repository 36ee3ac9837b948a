"""Number cores: a number expression at a token, before its context is read."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from spacy.tokens import Doc

from ...inventories import roman_to_int
from ...normalize.numbers import (
    DIGIT_ORDINAL_RE,
    MAX_EXPONENT,
    POWER_BASE,
    POWER_SIGN,
    SIGNS,
    TIMES_SIGNS,
    VULGAR_FRACTIONS,
    Quantity,
    as_number,
    compound_to_number,
    parse_decimal,
    parse_digit_fraction,
    parse_ordinal,
    parse_power,
    parse_scientific,
    parse_vulgar,
    words_to_number,
)
from ...normalize.numbers_lexicon import NumberLexicon, normalize_word

ROMAN_LETTERS = frozenset("IVXL")
ROMAN = "<roman>"  # Core.word of a roman numeral
MAX_WORD_RUN = 12  # longest run of number words read as one number
CACHE_LIMIT = 200_000  # per-form caches are cleared past this size
DEGREE = "°"
APOSTROPHE = "'"
VOWELS = "aeiou"  # the vowel an elided number word lost (cent' <- cento)
ELIDED_TABLES = ("tens_elided", "hundreds_elided")
MAX_NUMERATOR = 20  # "tre quarti", "venti centesimi"; larger numerators are no fraction
# a sign opens a number after a space or one of these ("(-3%)"); after digits it is a dash
NOMINAL_POS = frozenset({"NOUN", "PROPN", "ADJ"})  # with a tagger: "su due autovetture" is no ratio
MAX_RATIO_DENOMINATOR = 20  # "sei su undici", "uno su cento"; "153 su 300" are two counts
GLUED_MARKS = frozenset({":", "/", "-"})  # "15/23:30": a fraction glued to these is a time or code
SIGN_OPENERS = frozenset({"(", "[", '"', "«", ":", "/"})


@dataclass
class Core:
    """A number expression found at a position, before context is applied."""

    start: int
    end: int
    value: Decimal
    kind: str = "cardinal"
    qualifier: str | None = None  # from a vague quantity (migliaia -> at_least)
    currency: str | None = None
    unit: str | None = None  # currency/measure/percent canonical unit
    unit_span: tuple[int, int] | None = None  # token range of that unit word
    multiplied: bool = False  # "2,5 milioni", "migliaia": "di" + noun follows
    bare_digits: bool = False  # a plain digit token, no separator or suffix
    digits_text: str = ""
    word: str | None = None  # the single number word, when there is one


def is_digits(text: str) -> bool:
    """ASCII digits only ("²".isdigit() is True)."""
    return text.isascii() and text.isdigit()


def is_power_of_ten(value: int) -> bool:
    return value >= 10 and str(value).rstrip("0") == "1"


def multiplier_of(core: Core) -> int:
    """The multiplier a multiplied amount was written with: 3 milioni -> 10**6."""
    if not core.multiplied or core.value == 0:
        return 1
    return next((m for m in (10**12, 10**9, 10**6, 1000) if core.value >= m), 1)


def year_like(core: Core) -> bool:
    return bool(re.fullmatch(r"[0-9]{4}", core.digits_text)) and 1800 <= core.value <= 2099


def make_quantity(
    doc: Doc,
    core: Core,
    qualifier: str | None,
    unit: str | None,
    unit_span: tuple[int, int] | None,
    value_max: Decimal | None = None,
) -> Quantity:
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
        self._start_words = (
            frozenset(q[0] for q in lex.qualifiers)
            | frozenset(lex.range_starts)
            | lex.currency_symbols
            | lex.vague_determiners
            | frozenset(lex.vague_plurals)
            | lex.collective_determiners
            | lex.fraction_forms
            | lex.negative_words
            | frozenset(SIGNS)
        )
        self._elided = frozenset(m.form for m in lex.morphemes.values() if m.table in ELIDED_TABLES)
        self._number_words = (
            lex.connectors
            | lex.ones
            | frozenset(lex.bound_thousands)
            | frozenset(lex.large_multipliers)
            | frozenset(lex.halves)
        )

    # --- per-form tests -------------------------------------------------------------
    def may_start(self, w: str, text: str) -> bool:
        """Can a number expression start at this word? Cached per form: a fast filter."""
        if (
            is_digits(w[:1])
            or text[:1] in ROMAN_LETTERS
            or w[:1] in VULGAR_FRACTIONS
            or (w[:1] in SIGNS and is_digits(w[1:2]))
        ):
            return True
        hit = self._start_cache.get(w)
        if hit is None:
            hit = (
                w in self._start_words
                or self.is_number_word(w)
                or (w.isalpha() and parse_ordinal(w, self.lex) is not None)
            )
            if len(self._start_cache) > CACHE_LIMIT:
                self._start_cache.clear()
            self._start_cache[w] = hit
        return hit

    def word_value(self, word: str) -> int | None:
        if word not in self._word_cache:
            if len(self._word_cache) > CACHE_LIMIT:
                self._word_cache.clear()
            plain = self.plain(word)
            self._word_cache[word] = compound_to_number(plain, self.lex) if plain else None
        return self._word_cache[word]

    def plain(self, word: str) -> str | None:
        """The word with its elided vowel back ("cent'" -> "cento", "trent'" -> "trenta");
        only an elided form of number_words.json ends the stem (not "quattr'occhi")."""
        if not word.endswith(APOSTROPHE):
            return word
        stem = normalize_word(word[:-1])
        if not any(stem.endswith(form) for form in self._elided):
            return None
        for vowel in VOWELS:
            if compound_to_number(stem + vowel, self.lex) is not None:
                return stem + vowel
        return None

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
        if tok[:1] in SIGNS or tok in lex.negative_words:
            signed = self.signed(doc, low, j)
            if signed is not None:
                return signed
        if j + 2 < n and (low[j + 1] in lex.ratio_links or low[j + 2] in lex.ratio_links):
            ratio = self.ratio(doc, low, j)
            if ratio is not None:
                return ratio
        if j + 1 < n and low[j + 1] in lex.counted_collectives:
            counted = self.vague(low, j)  # "2 dozzine", "due centinaia"
            if counted is not None:
                return counted
        symbolic = self.symbolic(doc, low, j)
        if symbolic is not None:
            return symbolic
        # currency symbol before the amount: "€ 5 milioni", "$100"
        if tok in lex.currency_symbols and j + 1 < n:
            inner = self.digits(low, j + 1)
            if inner is not None:
                code = lex.currencies.get((tok,))
                return replace(
                    inner,
                    start=j,
                    currency=code,
                    unit=lex.currency_names.get(code) if code else None,
                    unit_span=(j, j + 1),
                    bare_digits=False,
                )
        digits = self.digits(low, j)
        if digits is not None:
            return self.extend(doc, low, digits)
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
        found = self.vague(low, j) or self.fraction(low, j)
        if found is not None:
            return found
        found = self.words(doc, low, j)
        if found is not None:
            return self.extend(doc, low, found)
        ordinal = parse_ordinal(tok, lex) if tok.isalpha() else None
        if ordinal is not None:
            return Core(j, j + 1, Decimal(ordinal), kind="ordinal", word=normalize_word(tok))
        return None

    def digits(self, low: list[str], j: int, text: str | None = None) -> Core | None:
        lex = self.lex
        text = low[j] if text is None else text
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

    # --- symbols, signs and the parts after a number ----------------------------------
    def symbolic(self, doc: Doc, low: list[str], j: int) -> Core | None:
        """ "1/3", "2½", "3e5", "10^9", "10⁶": numbers written with symbols."""
        tok = low[j]
        if not (is_digits(tok[:1]) or tok[:1] in VULGAR_FRACTIONS):
            return None
        if j > 0 and low[j - 1] in self.lex.identifier_nouns:
            return None  # "modello 3e5", "articolo 1/3": a name or a code
        power = self.power_at(doc, low, j)
        if power is not None:
            exponent, end = power
            return Core(j, end, Decimal(10) ** exponent, multiplied=True)
        vulgar = parse_vulgar(tok)
        if vulgar is not None:
            core = Core(j, j + 1, vulgar, kind="fraction" if vulgar < 1 else "cardinal")
            return core
        scientific = parse_scientific(tok)
        if scientific is not None:
            return Core(j, j + 1, scientific, multiplied=True)
        fraction = self.digit_fraction(doc, low, j)
        if fraction is not None:
            return fraction
        return None

    def digit_fraction(self, doc: Doc, low: list[str], j: int) -> Core | None:
        """ "1/3", "3/4": not after an article or a date cue ("il 1/3" is a date)."""
        value = parse_digit_fraction(low[j])
        if value is None:
            return None
        prev = low[j - 1] if j > 0 else ""
        nxt = low[j + 1] if j + 1 < len(low) else ""
        if (
            prev in self.lex.articles_all
            or prev in self.lex.year_cues
            or prev in self.lex.identifier_nouns
            or prev in self.lex.weekday_names
            or is_digits(prev[-1:])
            or is_digits(nxt[:1])
        ):
            return None
        if nxt in GLUED_MARKS and not doc[j].whitespace_:
            return None  # "15/23:30": glued to a time or a code
        return Core(j, j + 1, value, kind="fraction")

    def power_at(self, doc: Doc, low: list[str], j: int) -> tuple[int, int] | None:
        """A power of ten at j: "10^6" (three tokens written together) or "10⁶"."""
        n = len(low)
        exponent = parse_power(low[j])
        if exponent is not None:
            return exponent, j + 1
        if (
            low[j] == POWER_BASE
            and j + 2 < n
            and low[j + 1] == POWER_SIGN
            and is_digits(low[j + 2])
            and not doc[j].whitespace_
            and not doc[j + 1].whitespace_
            and int(low[j + 2]) <= MAX_EXPONENT
        ):
            return int(low[j + 2]), j + 3
        return None

    def extend(self, doc: Doc, low: list[str], core: Core) -> Core:
        """What may follow a plain number: "× 10^6", "e tre quarti", "e 1/4"."""
        n = len(low)
        k = core.end
        if core.kind != "cardinal" or core.unit is not None or k + 1 >= n:
            return core
        if low[k] in TIMES_SIGNS:
            power = self.power_at(doc, low, k + 1)
            if power is not None:  # "1,2 × 10^6"
                return replace(
                    core, end=power[1], value=core.value * Decimal(10) ** power[0], multiplied=True, bare_digits=False
                )
        if low[k] in self.lex.connectors and core.value == core.value.to_integral_value():
            frac = self.fraction(low, k + 1, mixed=True) or self.digit_fraction(doc, low, k + 1)
            if frac is not None and frac.value < 1:
                # "due e tre quarti" 2.75; "cinque miliardi e tre quarti" 5.75e9
                value = core.value + frac.value * multiplier_of(core)
                return replace(core, end=frac.end, value=value, bare_digits=False, word=None)
        return core

    def signed(self, doc: Doc, low: list[str], j: int) -> Core | None:
        """ "-3", "– 25 gradi", "+0,8%", "meno cinque gradi": a number with its sign."""
        lex = self.lex
        n = len(low)
        tok = low[j]
        prev = low[j - 1] if j > 0 else ""
        if tok in lex.negative_words:
            if j + 1 >= n or self._integer(prev) is not None:
                return None  # "le sette meno cinque": a clock time
            inner = self.digits(low, j + 1) or self.words(doc, low, j + 1)
            if inner is None or inner.multiplied or not self._unit_follows(low, inner.end):
                return None
            return replace(inner, start=j, value=-inner.value, bare_digits=False, word=None)
        opens = j == 0 or bool(doc[j - 1].whitespace_) or prev in SIGN_OPENERS
        if not opens or is_digits(prev[-1:]) or self._integer(prev) is not None:
            return None  # "10-20", "10 -3": a dash
        if tok[:1] in SIGNS and is_digits(tok[1:2]):
            inner = self.digits(low, j, text=tok[1:])  # "-3" is one token
            sign = SIGNS[tok[:1]]
        elif tok in SIGNS and j + 1 < n and not doc[j].whitespace_ and is_digits(low[j + 1][:1]):
            inner = self.digits(low, j + 1)  # "–25": two tokens
            sign = SIGNS[tok]
        else:
            return None
        if inner is None:
            return None
        return replace(inner, start=j, value=inner.value * sign)

    def _unit_follows(self, low: list[str], k: int) -> bool:
        """A percent sign or a measure right after k ("meno 3%", "meno cinque gradi")."""
        for length in (3, 2, 1):
            key = tuple(low[k : k + length])
            if len(key) == length and (key in self.lex.percent or key in self.lex.measures):
                return True
        return k < len(low) and low[k].startswith(DEGREE)

    def ratio(self, doc: Doc, low: list[str], j: int) -> Core | None:
        """ "uno su tre", "tre persone su quattro", "un italiano su cinque": a fraction."""
        lex = self.lex
        n = len(low)
        num = self._integer(low[j])
        if num is None:
            return None
        rule = lex.ambiguous.get(low[j])
        if rule is not None and j > 0 and low[j - 1] in rule.not_after:
            return None  # "tu sei su ..."
        k = j + 1
        noun: tuple[int, int] | None = None
        if low[k] not in lex.ratio_links:
            tok = doc[k]
            if not (
                tok.is_alpha
                and tok.text.islower()
                and low[k] not in lex.function_words
                and not self.is_number_word(low[k])
            ):
                return None
            if low[k] in lex.duration_nouns:
                return None  # "cinque giorni su sette": the dates' business
            noun, k = (k, k + 1), k + 1
        if k + 1 >= n or low[k] not in lex.ratio_links:
            return None
        den = self._integer(low[k + 1])
        if den is None or low[k + 1] in lex.ones or not num < den:
            return None  # "24 ore su 24"
        if den > MAX_RATIO_DENOMINATOR and not is_power_of_ten(den):
            return None  # "153 deputati su 300": two counts, not a proportion
        after = k + 2
        if (
            noun is not None
            and after < n
            and doc[after].is_alpha
            and low[after] not in lex.function_words
            and (not doc.has_annotation("POS") or doc[after].pos_ in NOMINAL_POS)
        ):
            return None  # "un controllo su due autovetture": su is a preposition
        return Core(
            j,
            k + 2,
            Decimal(num) / Decimal(den),
            kind="fraction",
            unit=doc[noun[0]].text if noun else None,
            unit_span=noun,
        )

    def _integer(self, w: str) -> int | None:
        """A whole number in one token: plain digits, a number word or an article (1)."""
        if w in self.lex.ones:
            return 1
        if is_digits(w):
            return int(w) if w[0] != "0" else None
        if w.isalpha():
            return self.word_value(w)
        return None

    # --- words ---------------------------------------------------------------------------
    def vague(self, low: list[str], j: int) -> Core | None:
        lex = self.lex
        n = len(low)
        k = j
        if low[k] in lex.vague_determiners and k + 1 < n and low[k + 1] in lex.vague_plurals:
            k += 1
        counted = self._integer(low[k]) if k + 1 < n and low[k + 1] in lex.counted_collectives else None
        if counted is not None and counted >= 2 and low[k] not in lex.ones:
            # "due dozzine", "tre paia", "2 centinaia"
            value = Decimal(counted * lex.counted_collectives[low[k + 1]])
            qual = lex.vague_collective_qualifier
            k += 2
        elif low[k] in lex.vague_plurals:
            value, qual = Decimal(lex.vague_plurals[low[k]]), lex.vague_plural_qualifier
            k += 1
        elif low[k] in lex.collective_determiners and k + 1 < n and low[k + 1] in lex.vague_collectives:
            value, qual = Decimal(lex.vague_collectives[low[k + 1]]), lex.vague_collective_qualifier
            k += 2
        elif low[k] in lex.halves and k + 1 < n and low[k + 1] in lex.vague_collectives:
            # "mezza dozzina" 6, "mezzo migliaio" 500
            half = Decimal(str(lex.halves[low[k]]))
            value, qual = half * lex.vague_collectives[low[k + 1]], lex.vague_collective_qualifier
            k += 2
        else:
            return None
        # chained: "decine di migliaia", "un centinaio di migliaia"
        while (
            k + 1 < n
            and low[k] in lex.di_forms
            and low[k + 1] in lex.vague_plurals
            and lex.vague_plurals[low[k + 1]] > 1
            and value * lex.vague_plurals[low[k + 1]] > value
        ):
            value, k = value * lex.vague_plurals[low[k + 1]], k + 2
        # a vague multiplier counts something: "milioni di manifestanti", not "i milioni della lotteria"
        if low[k - 1] in lex.large_multipliers and (
            not (k < n and low[k] in lex.di_forms) or (j > 0 and low[j - 1] in lex.articles_all)
        ):
            return None
        return Core(j, k, value, qualifier=qual, multiplied=True)

    def denominator(self, word: str) -> int | None:
        """The denominator an ordinal names ("quinto" 5, "decimi" 10, "miliardesimo" 1e9),
        or one of fraction_denominators ("mezzi" 2); the ordinals of 1 and 2 name none."""
        w = normalize_word(word)
        den = self.lex.fraction_denominators.get(w)
        if den is not None:
            return den
        den = self.lex.ordinals.get(w)
        if den is None and w.isalpha():
            den = parse_ordinal(w, self.lex)
        return den if den is not None and den >= 3 else None

    def fraction(self, low: list[str], j: int, mixed: bool = False) -> Core | None:
        """ "la metà dei", "un terzo degli", "due terzi", "tre quarti", "un miliardesimo";
        ``mixed``: after "due e", where "un quarto" needs nothing after it."""
        lex = self.lex
        n = len(low)
        w = normalize_word(low[j])
        if w in lex.fraction_words:
            if (
                not mixed
                and j > 0
                and low[j - 1] in lex.ordinal_determiners
                and j + 1 < n
                and low[j + 1] in lex.di_forms
            ):
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
        if num is None or not 1 <= num <= MAX_NUMERATOR:
            return None
        if not mixed and j >= 2 and low[j - 1] in lex.connectors and self._integer(low[j - 2]) is not None:
            return None  # "alle due e un quarto": the part of a whole the guards turned down
        den_word = low[j + 1]
        den = self.denominator(den_word)
        if den is None:
            return None
        plural = den_word.endswith(lex.ordinal_plural_endings)
        nxt = low[j + 2] if j + 2 < n else ""
        if num == 1:
            # "un quinto degli", "un terzo." ("un terzo mandato" is an ordinal)
            if plural or not (mixed or nxt in lex.di_forms or not nxt[:1].isalnum()):
                return None
        elif not plural:
            return None
        rule = lex.ambiguous.get(normalize_word(den_word))
        if rule is not None and rule.number_when == "not_before_noun" and nxt[:1].isalnum():
            return None  # "tre mezzi dei vigili del fuoco", "sette mezzi e 21 uomini"
        value = Decimal(num) / Decimal(den)  # exact to float precision: 1/3, not 0.3333
        return Core(j, j + 2, value, kind="fraction")

    def words(self, doc: Doc, low: list[str], j: int) -> Core | None:
        """A run of number words: "un milione e duecentomila", "ventitré", "cent'anni",
        "tre virgola cinque"."""
        lex = self.lex
        n = len(low)
        first = low[j]
        rule = lex.ambiguous.get(first)
        if (
            first in lex.connectors
            or (rule is not None and rule.number_when == "never_alone")
            or not self.is_number_word(first)
        ):
            return None
        run: list[str] = []
        ends: list[int] = []  # token index after each word of the run
        k = j
        while k < n and len(run) < MAX_WORD_RUN and self.is_number_word(low[k]):
            if low[k] in lex.connectors and self.fraction(low, k + 1, mixed=True) is not None:
                break  # "cinque miliardi | e tre quarti": the fraction is read by extend()
            word = normalize_word(low[k])
            if word.endswith(APOSTROPHE):
                stem = word[:-1]
                if (
                    k + 1 < n
                    and not doc[k].whitespace_
                    and low[k + 1].isalpha()
                    and compound_to_number(stem + normalize_word(low[k + 1]), lex) is not None
                ):
                    run.append(stem + normalize_word(low[k + 1]))  # "quarant'otto"
                    ends.append(k + 2)
                    k += 2
                    continue
                word = self.plain(word) or word
            run.append(word)
            ends.append(k + 1)
            k += 1
        for end in range(len(run), 0, -1):
            if run[end - 1] in lex.connectors:
                continue
            value = words_to_number(" ".join(run[:end]), lex)
            if value is None:
                continue
            multiplied = any(w in lex.large_multipliers for w in run[:end])
            decimal = None if multiplied else self.decimals(low, ends[end - 1], value)
            if decimal is not None:
                return replace(decimal, start=j)
            rule = lex.ambiguous.get(run[0])
            if (
                end == 1
                and rule is not None
                and rule.number_when == "not_alone"
                and tuple(low[ends[0] : ends[0] + 2]) not in lex.post_qualifiers
            ):
                return None  # the article alone ("uno o più" is a number)
            return Core(j, ends[end - 1], Decimal(str(value)), multiplied=multiplied, word=run[0] if end == 1 else None)
        return None

    def decimals(self, low: list[str], k: int, whole: int | float) -> Core | None:
        """ "tre virgola cinque" 3.5, "zero virgola zero cinque" 0.05, "due virgola cinque
        milioni" 2.5e6: the decimal word at k, then number words, one digit group each."""
        lex = self.lex
        n = len(low)
        if not isinstance(whole, int) or k + 1 >= n or low[k] not in lex.decimal_points:
            return None
        digits = ""
        m = k + 1
        while m < n and low[m].isalpha():
            group = self.word_value(low[m])
            if group is None or group >= 1000:
                break
            digits += str(group)
            m += 1
            if group >= 10:
                break  # "tre virgola quattordici": a compound closes the decimals
        if not digits:
            return None
        value = Decimal(f"{whole}.{digits}")
        multiplied = m < n and low[m] in lex.large_multipliers
        if multiplied:
            value, m = value * lex.large_multipliers[low[m]], m + 1
        return Core(k, m, value, multiplied=multiplied)
