"""Italian numbers as values: pure functions, no spaCy.

- :func:`words_to_number`: "duemilaventiquattro" -> 2024, "due milioni e mezzo" -> 2500000,
  "un milione e duecentomila" -> 1200000, "mezzo milione" -> 500000; None if the words
  are not a well-formed number ("duemille", "milioni", "e due").
- :func:`parse_number`: Italian digit formats, "1.234.567" -> 1234567, "1.234,56" ->
  1234.56, "2,5" -> 2.5, "10mila" -> 10000, "1,5mln" -> 1500000; None for times
  ("15.30"), English decimals ("2.5") and anything else.
- :func:`parse_ordinal`: "terzo" -> 3, "ventitreesimo" -> 23, "3°" -> 3, "XXI" -> 21.
- :func:`vague_quantity`: "migliaia" -> (1000, "at_least"), "trentina" -> (30, "approx").
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
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Iterator

from .numbers_lexicon import NumberLexicon, load_number_lexicon, strip_accents

Number = int | float

KINDS = ("cardinal", "ordinal", "percent", "money", "fraction", "range")
QUALIFIERS = ("exact", "approx", "more_than", "less_than", "at_least", "at_most")


@dataclass(frozen=True)
class Quantity:
    """A number found in text. Scalar fields only: the tables writer flattens it.

    ``value``: the number (lower bound for ranges and vague quantities);
    ``qualifier``: one of QUALIFIERS; ``unit``: the counted noun ("militari") or the
    canonical currency/measure ("euro", "dollari", "%", "km"), None if unknown;
    ``kind``: one of KINDS; ``value_max``: upper bound of a range; ``currency``: ISO 4217
    code of money; ``unit_start``/``unit_end``: character offsets of the unit word(s)
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
        if self.kind not in KINDS:
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
    return lexicon if lexicon is not None else load_number_lexicon()


def normalize_word(word: str) -> str:
    """Lowercase, typographic apostrophe to ASCII, accents off (ventitré -> ventitre)."""
    return strip_accents(word.lower().replace("\u2019", "'"))


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


def _group(seq: list[tuple[str, int, str]], i: int) -> tuple[int, int] | None:
    """Parse a group below one thousand from seq[i:]: (value, next index) or None."""
    n, value, start = len(seq), 0, i
    if i + 1 < n and seq[i][0] == "units" and 2 <= seq[i][1] <= 9 and seq[i + 1][0] == "hundreds":
        value, i = seq[i][1] * 100, i + 2
    elif i < n and seq[i][0] == "hundreds":
        value, i = 100, i + 1
    if i > start and seq[i - 1][2] == "cent" and not (i < n and seq[i][2].startswith("ott")):
        return None  # "cent" is elided only before otto/ottanta
    if i < n and seq[i][0] == "teens":
        value, i = value + seq[i][1], i + 1
    elif i < n and seq[i][0] in ("tens", "tens_elided"):
        elided = seq[i][0] == "tens_elided"
        value, i = value + seq[i][1], i + 1
        if elided and not (i < n and seq[i][2] in ("uno", "un", "una", "otto")):
            return None  # "vent" only before uno/otto
        if i < n and seq[i][0] == "units" and seq[i][1] >= 1:
            value, i = value + seq[i][1], i + 1
    elif i < n and seq[i][0] == "units" and seq[i][1] >= 1 and seq[i][2] not in ("un", "una"):
        value, i = value + seq[i][1], i + 1
    if i == start:
        return None
    return value, i


def _eval_morphemes(forms: list[str], lex: NumberLexicon) -> int | None:
    seq = [(lex.morphemes[f][0], lex.morphemes[f][1], f) for f in forms]
    n = len(seq)
    if n == 1 and forms[0] == "zero":
        return 0
    if any(f == "zero" for f in forms):
        return None
    i, thousands = 0, 0
    if seq[0][2] == "mille":
        thousands, i = 1000, 1
    else:
        g = _group(seq, 0)
        if g is None:
            return None
        value, i = g
        if i < n and seq[i][2] == "mila":
            if value < 2:
                return None
            thousands, i = value * 1000, i + 1
        elif i == n:
            return value
        else:
            return None
    if i == n:
        return thousands
    g = _group(seq, i)
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
    words = [normalize_word(w) for w in re.split(r"[\s\-]+", text.replace(",", " , ").strip()) if w]
    if not words:
        return None
    total = Decimal(0)
    current: Decimal | None = None
    last_mult: int | None = None
    prev: str | None = None
    seen_number = False
    for w in words:
        if w in ("e", "ed", ","):
            if prev in (None, "e") or (w == "," and prev != "mult"):
                return None
            prev = "e"
            continue
        if w in lex.large_multipliers or w == "mila":
            mult = lex.large_multipliers.get(w, 1000)
            if current is None or (last_mult is not None and mult >= last_mult):
                return None
            if w == "mila" and current < 2:
                return None
            singular = w in ("milione", "miliardo", "bilione")
            if singular and current > 1 and current != Decimal("0.5"):
                return None  # "due milione"
            total += current * mult
            current, last_mult, prev = None, mult, "mult"
            continue
        if w in lex.halves:
            if prev == "e" and current is None and last_mult is not None:
                total += Decimal(last_mult) / 2  # due milioni e mezzo
                last_mult = None
            elif prev == "e" and current is not None:
                current += Decimal("0.5")  # dieci e mezzo
            elif prev is None:
                current = Decimal("0.5")  # mezzo milione
            else:
                return None
            prev = "half"
            continue
        value = 1 if w in ("un", "una", "un'") else compound_to_number(w, lex)
        if value is None:
            return None
        if current is not None:
            return None  # "due tre"
        if last_mult is not None and value >= last_mult:
            return None
        if value >= 1000 and value % 1000 == 0 and (w.endswith("mila") or w == "mille"):
            # "tremila e seicento": a word ending in mila closes the thousands
            total += value
            current, last_mult, prev, seen_number = None, 1000, "mult", True
            continue
        current, prev, seen_number = Decimal(value), "num", True
    if prev == "e" or not (seen_number or last_mult is not None):
        return None
    if current is not None and current == Decimal("0.5") and last_mult is None and prev == "half":
        return None  # "mezzo" alone
    return as_number(total + (current or 0))


# --- digits ------------------------------------------------------------------------------

DIGITS_RE = re.compile(
    r"^(?P<int>\d{1,3}(?:\.\d{3})+|\d+)(?:,(?P<dec>\d+))?(?P<suf>mila|mln|mld|milioni|miliardi|k)?$", re.ASCII
)
SUFFIX_MULT = {"mila": 1000, "k": 1000, "mln": 10**6, "milioni": 10**6, "mld": 10**9, "miliardi": 10**9}


DOT_DECIMAL_RE = re.compile(
    r"^(?P<int>\d+)\.(?P<dec>\d{1,2}|\d{4,})(?P<suf>mila|mln|mld|milioni|miliardi|k)?$", re.ASCII
)


def parse_decimal(text: str, dot_decimal: bool = False) -> tuple[Decimal, int] | None:
    """Italian digits -> (Decimal, multiplier of an attached suffix), or None.

    With ``dot_decimal`` an English decimal point is also read when it cannot be a
    thousands separator ("33.5", "69.06"; never "1.500"); the caller checks the context
    (a "%" or a multiplier after it), since "15.30" is usually a time.
    """
    text = text.strip().lower()
    m = DIGITS_RE.match(text)
    if not m and dot_decimal:
        m = DOT_DECIMAL_RE.match(text)
    if not m:
        return None
    digits = m.group("int").replace(".", "")
    if m.group("dec"):
        digits += "." + m.group("dec")
    try:
        value = Decimal(digits)
    except InvalidOperation:  # pragma: no cover - the regex guarantees digits
        return None
    return value, SUFFIX_MULT.get(m.group("suf") or "", 1)


def parse_number(text: str) -> Number | None:
    """"1.234,56" -> 1234.56; "10mila" -> 10000; "2,5" -> 2.5; "15.30" -> None."""
    parsed = parse_decimal(text)
    if parsed is None:
        return None
    value, mult = parsed
    return as_number(value * mult)


# --- ordinals and roman numerals -----------------------------------------------------------

ROMAN_RE = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
DIGIT_ORDINAL_RE = re.compile(r"^(\d{1,4})(?:°|º|ª|\^|\.?°)$", re.ASCII)


def roman_to_int(text: str) -> int | None:
    """Uppercase roman numeral -> int ("XXI" -> 21), None if malformed."""
    if not text or not ROMAN_RE.match(text):
        return None
    total = 0
    for a, b in zip(text, text[1:] + " "):
        va, vb = ROMAN_VALUES[a], ROMAN_VALUES.get(b, 0)
        total += -va if va < vb else va
    return total


def parse_ordinal(word: str, lexicon: NumberLexicon | None = None) -> int | None:
    """"terzo"/"terza" -> 3, "ventitreesimo" -> 23, "3°"/"3ª" -> 3, "XXI" -> 21."""
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
    for ending in ("esimo", "esima", "esimi", "esime"):
        if w.endswith(ending) and len(w) > len(ending) + 2:
            stem = w[: -len(ending)]
            candidates = [stem, stem + "i", stem + "e", stem + "o", stem + "a"]
            if stem.endswith("mill") and len(stem) > 4:
                candidates.append(stem[:-4] + "mila")
            for cand in candidates:
                if cand in lex.large_multipliers:
                    return lex.large_multipliers[cand]
                value = compound_to_number(cand, lex)
                if value is not None and value >= 11:
                    return value
            return None
    return None


def vague_quantity(word: str, lexicon: NumberLexicon | None = None) -> tuple[int, str] | None:
    """"migliaia" -> (1000, "at_least"); "trentina" -> (30, "approx"); else None."""
    lex = _lex(lexicon)
    w = normalize_word(word)
    if w in lex.vague_plurals:
        return lex.vague_plurals[w], "at_least"
    if w in lex.vague_collectives:
        return lex.vague_collectives[w], "approx"
    return None
