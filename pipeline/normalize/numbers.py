"""Italian numbers as values: pure functions, no spaCy.

- :func:`words_to_number`: "duemilaventiquattro" -> 2024, "due milioni e mezzo" -> 2500000,
  "un milione e duecentomila" -> 1200000, "mezzo milione" -> 500000; None if the words
  are not a well-formed number ("duemille", "milioni", "e due").
- :func:`parse_number`: Italian digit formats, "1.234.567" -> 1234567, "1.234,56" ->
  1234.56, "2,5" -> 2.5, "10mila" -> 10000, "1,5mln" -> 1500000; None for times
  ("15.30"), English decimals ("2.5") and anything else.
- :func:`parse_ordinal`: "terzo" -> 3, "ventitreesimo" -> 23, "3°" -> 3, "XXI" -> 21.
- :func:`vague_quantity`: "migliaia" -> (1000, "at_least"), "trentina" -> (30, "approx").
- symbols: :func:`parse_digit_fraction` ("1/3"), :func:`parse_vulgar` ("2½"),
  :func:`parse_scientific` ("3e5"), :func:`parse_power` ("10⁶"); :data:`SIGNS` ("-3").
- :class:`Quantity`: the record put on ``Span._.num_value``.

Vague quantities (project convention, for the annotation guidelines): a vague plural
gives its lower bound with qualifier ``at_least`` (decine 10, centinaia 100, migliaia
1000, milioni 1e6, miliardi 1e9; chained: "decine di migliaia" 10000, "centinaia di
migliaia" 100000); a collective with un/una/qualche gives its value with ``approx``
(un paio 2, una decina 10, una dozzina 12, una trentina 30, un centinaio 100, un migliaio
1000). An explicit qualifier wins: "oltre un centinaio" is 100 more_than.

Values are ``int`` when integral, else ``float``; arithmetic goes through Decimal so
"2,5 milioni" is exactly 2500000.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ..inventories import NUMBER_KINDS, QUALIFIERS, roman_to_int
from .numbers_lexicon import Morpheme, NumberLexicon, default_lexicon, normalize_word

Number = int | float

# A comma joins the parts of a written number only after a multiplier: "tre milioni, duecentomila"
COMMA = ","
HYPHEN = "-"  # "ventitré-mila" splits like a space
# what the previous word of a written number was (words_to_number's small state machine)
AFTER_CONNECTOR, AFTER_MULTIPLIER, AFTER_HALF, AFTER_NUMBER = range(4)


@dataclass(frozen=True)
class Quantity:
    """A number found in text. Scalar fields only: the tables writer flattens it.

    ``value``: the number (lower bound for ranges and vague quantities);
    ``qualifier``: one of QUALIFIERS; ``unit``: the counted noun ("militari") or the
    canonical currency/measure ("euro", "dollari", "%", "km"), None if unknown;
    ``kind``: one of NUMBER_KINDS; ``value_max``: upper bound of a range; ``currency``: ISO
    4217 code of money; ``unit_start``/``unit_end``: character offsets of the unit word(s)
    in the document (outside the span for counted nouns), None when there is none.
    """

    value: Number
    qualifier: str = "exact"
    unit: str | None = None
    kind: str = "cardinal"
    value_max: Number | None = None
    currency: str | None = None
    unit_start: int | None = None
    unit_end: int | None = None

    def __post_init__(self) -> None:
        if self.qualifier not in QUALIFIERS:
            raise ValueError(f"unknown qualifier {self.qualifier!r}")
        if self.kind not in NUMBER_KINDS:
            raise ValueError(f"unknown kind {self.kind!r}")


def as_number(value: Decimal | float | int) -> Number:
    """int when integral, float otherwise."""
    if isinstance(value, int):
        return value
    d = value if isinstance(value, Decimal) else Decimal(str(value))
    if d == d.to_integral_value():
        return int(d)
    return float(d)


def _lex(lexicon: NumberLexicon | None) -> NumberLexicon:
    return lexicon if lexicon is not None else default_lexicon()


# --- compound number words -------------------------------------------------------------


def _segmentations(word: str, lex: NumberLexicon, start: int = 0) -> Iterator[list[str]]:
    """All splits of word[start:] into morphemes, longest morpheme first."""
    if start == len(word):
        yield []
        return
    for form in lex.morphemes_by_length:
        if word.startswith(form, start):
            for rest in _segmentations(word, lex, start + len(form)):
                yield [form] + rest


def _elision_ok(seq: list[Morpheme], i: int, lex: NumberLexicon) -> bool:
    """An elided morpheme (vent, cent) only before the forms the data allow (ventotto)."""
    allowed = lex.elided_before.get(seq[i - 1].table)
    return allowed is None or (i < len(seq) and seq[i].form in allowed)


def _group(seq: list[Morpheme], i: int, lex: NumberLexicon) -> tuple[int, int] | None:
    """Parse a group below one thousand from seq[i:]: (value, next index) or None."""
    n, value, start = len(seq), 0, i
    hundreds = ("hundreds", "hundreds_elided")
    if i + 1 < n and seq[i].table == "units" and 2 <= seq[i].value <= 9 and seq[i + 1].table in hundreds:
        value, i = seq[i].value * 100, i + 2
    elif i < n and seq[i].table in hundreds:
        value, i = seq[i].value, i + 1
    if i > start and not _elision_ok(seq, i, lex):
        return None
    if i < n and seq[i].table == "teens":
        value, i = value + seq[i].value, i + 1
    elif i < n and seq[i].table in ("tens", "tens_elided"):
        value, i = value + seq[i].value, i + 1
        if not _elision_ok(seq, i, lex):
            return None
        if i < n and seq[i].table in ("units", "unit_variants") and seq[i].value >= 1:
            value, i = value + seq[i].value, i + 1  # ventuno, ventun, ventuna
    elif i < n and seq[i].table == "units" and seq[i].value >= 1:
        value, i = value + seq[i].value, i + 1
    if i == start:
        return None
    return value, i


def _eval_morphemes(forms: list[str], lex: NumberLexicon) -> int | None:
    seq = [lex.morphemes[f] for f in forms]
    n = len(seq)
    if any(m.value == 0 for m in seq):
        return 0 if n == 1 else None  # zero only alone
    i, thousands = 0, 0
    if seq[0].table == "thousands":
        thousands, i = seq[0].value, 1  # mille, milleuno
    else:
        g = _group(seq, 0, lex)
        if g is None:
            return None
        value, i = g
        if i < n and seq[i].table == "thousands_bound":
            if value < 2:
                return None  # "unmila"
            thousands, i = value * seq[i].value, i + 1
        elif i == n:
            return value
        else:
            return None
    if i == n:
        return thousands
    g = _group(seq, i, lex)
    if g is None or g[1] != n:
        return None
    return thousands + g[0]


def compound_to_number(word: str, lexicon: NumberLexicon | None = None) -> int | None:
    """One written word below a million: "duemilaventiquattro" -> 2024, else None."""
    lex = _lex(lexicon)
    w = normalize_word(word)
    if not w or not w.isalpha():
        return None
    for forms in _segmentations(w, lex):
        value = _eval_morphemes(forms, lex)
        if value is not None:
            return value
    return None


def words_to_number(text: str, lexicon: NumberLexicon | None = None) -> Number | None:
    """A written Italian number (one or more words) -> value, or None.

    "un milione e duecentomila" -> 1200000; "due milioni e mezzo" -> 2500000;
    "mezzo milione" -> 500000; "dieci e mezzo" -> 10.5; "tre miliardi" -> 3000000000.
    A bare multiplier ("milioni") or article ("un") inside a phrase without a number is
    rejected; "uno"/"una"/"un" alone give 1 (the component decides when that is an
    article).
    """
    lex = _lex(lexicon)
    words = [normalize_word(w) for w in text.replace(COMMA, f" {COMMA} ").replace(HYPHEN, " ").split()]
    if not words:
        return None
    total = Decimal(0)
    current: Decimal | None = None
    last_mult: int | None = None
    prev: int | None = None
    seen_number = False
    for w in words:
        if w in lex.connectors or w == COMMA:
            if prev in (None, AFTER_CONNECTOR) or (w == COMMA and prev != AFTER_MULTIPLIER):
                return None
            prev = AFTER_CONNECTOR
            continue
        if w in lex.large_multipliers or w in lex.bound_thousands:
            mult = lex.large_multipliers.get(w) or lex.bound_thousands[w]
            if current is None or (last_mult is not None and mult >= last_mult):
                return None
            if w in lex.bound_thousands and current < 2:
                return None  # "un mila"
            if w in lex.singular_multipliers and current > 1 and current != Decimal("0.5"):
                return None  # "due milione"
            total += current * mult
            current, last_mult, prev = None, mult, AFTER_MULTIPLIER
            continue
        if w in lex.halves:
            half = Decimal(str(lex.halves[w]))
            if prev == AFTER_CONNECTOR and current is None and last_mult is not None:
                total += last_mult * half  # due milioni e mezzo
                last_mult = None
            elif prev == AFTER_CONNECTOR and current is not None:
                current += half  # dieci e mezzo
            elif prev is None:
                current = half  # mezzo milione
            else:
                return None
            prev = AFTER_HALF
            continue
        value = 1 if w in lex.ones else compound_to_number(w, lex)
        if value is None:
            return None
        if current is not None:
            return None  # "due tre"
        if last_mult is not None and value >= last_mult:
            return None
        if value >= 1000 and value % 1000 == 0 and lex.ends_thousands(w):
            # "tremila e seicento": a word ending in mila closes the thousands
            total += value
            current, last_mult, prev, seen_number = None, 1000, AFTER_MULTIPLIER, True
            continue
        current, prev, seen_number = Decimal(value), AFTER_NUMBER, True
    if prev == AFTER_CONNECTOR or not (seen_number or last_mult is not None):
        return None
    if current is not None and last_mult is None and prev == AFTER_HALF and not seen_number:
        return None  # "mezzo" alone
    return as_number(total + (current or 0))


# --- digits ------------------------------------------------------------------------------


def parse_decimal(
    text: str, dot_decimal: bool = False, lexicon: NumberLexicon | None = None
) -> tuple[Decimal, int] | None:
    """Italian digits -> (Decimal, multiplier of an attached suffix), or None.

    With ``dot_decimal`` an English decimal point is also read when it cannot be a
    thousands separator ("33.5", "69.06"; never "1.500"); the caller checks the context
    (a "%" or a multiplier after it), since "15.30" is usually a time.
    """
    lex = _lex(lexicon)
    text = text.strip().lower()
    m = lex.digits_re.match(text)
    if not m and dot_decimal:
        m = lex.dot_decimal_re.match(text)
    if not m:
        return None
    digits = m.group("int").replace(".", "")
    if m.group("dec"):
        digits += "." + m.group("dec")
    try:
        value = Decimal(digits)
    except InvalidOperation:  # pragma: no cover - the regex guarantees digits
        return None
    return value, lex.digit_suffixes.get(m.group("suf") or "", 1)


def parse_number(text: str, lexicon: NumberLexicon | None = None) -> Number | None:
    """ "1.234,56" -> 1234.56; "10mila" -> 10000; "2,5" -> 2.5; "15.30" -> None."""
    parsed = parse_decimal(text, lexicon=lexicon)
    if parsed is None:
        return None
    value, mult = parsed
    return as_number(value * mult)


# --- ordinals and roman numerals -----------------------------------------------------------

DIGIT_ORDINAL_RE = re.compile(r"^([0-9]{1,4})(?:°|º|ª|\^|\.?°)$", re.ASCII)


def parse_ordinal(word: str, lexicon: NumberLexicon | None = None) -> int | None:
    """ "terzo"/"terza" -> 3, "ventitreesimo" -> 23, "3°"/"3ª" -> 3, "XXI" -> 21."""
    lex = _lex(lexicon)
    m = DIGIT_ORDINAL_RE.match(word.strip())
    if m:
        return int(m.group(1))
    if word.isupper():
        roman = roman_to_int(word)
        if roman is not None:
            return roman
    w = normalize_word(word)
    if w in lex.ordinals:
        return lex.ordinals[w]
    for ending in lex.ordinal_suffixes:
        if w.endswith(ending) and len(w) > len(ending) + 2:
            stem = w[: -len(ending)]
            # the -esimo suffix dropped the cardinal's last vowel: undic-esimo -> undici
            candidates = [stem] + [stem + v for v in lex.ordinal_stem_vowels]
            for old, new in lex.ordinal_stem_rewrites.items():
                if stem.endswith(old) and len(stem) > len(old):
                    candidates.append(stem[: -len(old)] + new)  # duemill-esimo -> duemila
            for cand in candidates:
                if cand in lex.large_multipliers:
                    return lex.large_multipliers[cand]
                value = compound_to_number(cand, lex)
                if value is not None and value >= 11:
                    return value
            return None
    return None


# --- symbols: signs, fractions, powers of ten (no Italian here) ----------------------------

#: a sign written before digits: "-3", "–25 gradi", "+0,8%" (hyphen, en dash, minus sign, plus)
SIGNS = {"-": -1, "\u2013": -1, "\u2212": -1, "+": 1}
#: vulgar fraction characters ("2½"), read with unicodedata
VULGAR_FRACTIONS = "½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞"
SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
#: the multiplication sign of scientific notation ("1,2 × 10^6")
TIMES_SIGNS = frozenset({"×", "x", "*", "·"})
POWER_SIGN = "^"
POWER_BASE = "10"
MAX_EXPONENT = 30
#: a fraction in digits has a small denominator ("1/3", "3/4", "1/10") or a power of ten
MAX_DIGIT_DENOMINATOR = 10
DECIMAL_DENOMINATORS = frozenset({100, 1000})
DIGIT_FRACTION_RE = re.compile(r"^([0-9]{1,3})/([0-9]{1,4})$", re.ASCII)
VULGAR_RE = re.compile(rf"^([0-9]{{0,6}})([{VULGAR_FRACTIONS}])$")
SCIENTIFIC_RE = re.compile(r"^([0-9]+(?:[.,][0-9]+)?)e\+?([0-9]{1,2})$", re.ASCII)
SUPERSCRIPT_POWER_RE = re.compile(rf"^10([{SUPERSCRIPT_DIGITS}]{{1,2}})$")


def parse_digit_fraction(text: str) -> Decimal | None:
    """A proper fraction in digits: "1/3" -> 1/3 (float precision), "3/4" -> 0.75,
    "1/100"; None for "24/7", "5/5", "15/23", "07/22" or a date-like "16/03/2024"."""
    m = DIGIT_FRACTION_RE.match(text.strip())
    if not m:
        return None
    num, den = int(m.group(1)), int(m.group(2))
    if not 1 <= num < den or m.group(1)[0] == "0" or not (den <= MAX_DIGIT_DENOMINATOR or den in DECIMAL_DENOMINATORS):
        return None  # "07/22", "15/23": times, codes, dates
    return Decimal(num) / Decimal(den)


def parse_vulgar(text: str) -> Decimal | None:
    """ "½" -> 0.5, "2½" -> 2.5, "¾" -> 0.75."""
    m = VULGAR_RE.match(text.strip())
    if not m:
        return None
    whole = Decimal(m.group(1) or 0)
    return whole + Decimal(str(unicodedata.numeric(m.group(2))))


def parse_scientific(text: str) -> Decimal | None:
    """ "3e5" -> 300000, "1,2e6" -> 1200000 (one token; "1,2 × 10^6" is read by the rules)."""
    m = SCIENTIFIC_RE.match(text.strip().lower())
    if not m:
        return None
    return Decimal(m.group(1).replace(",", ".")) * (Decimal(10) ** int(m.group(2)))


def parse_power(text: str) -> int | None:
    """The exponent of a power of ten written with superscripts: "10⁶" -> 6."""
    m = SUPERSCRIPT_POWER_RE.match(text.strip())
    if not m:
        return None
    return int("".join(str(SUPERSCRIPT_DIGITS.index(c)) for c in m.group(1)))


def vague_quantity(word: str, lexicon: NumberLexicon | None = None) -> tuple[int, str] | None:
    """ "migliaia" -> (1000, "at_least"); "trentina" -> (30, "approx"); else None."""
    lex = _lex(lexicon)
    w = normalize_word(word)
    if w in lex.vague_plurals:
        return lex.vague_plurals[w], lex.vague_plural_qualifier
    if w in lex.vague_collectives:
        return lex.vague_collectives[w], lex.vague_collective_qualifier
    return None


__all__ = [
    "Number",
    "Quantity",
    "as_number",
    "compound_to_number",
    "normalize_word",
    "parse_decimal",
    "parse_digit_fraction",
    "parse_number",
    "parse_ordinal",
    "parse_power",
    "parse_scientific",
    "parse_vulgar",
    "roman_to_int",
    "vague_quantity",
    "words_to_number",
    "DIGIT_ORDINAL_RE",
    "MAX_EXPONENT",
    "POWER_BASE",
    "POWER_SIGN",
    "SIGNS",
    "TIMES_SIGNS",
    "VULGAR_FRACTIONS",
]
