"""Numbers inside dates, read through the number normaliser (one vocabulary of number
words: ``pipeline/lang/it/number_words.json``): "trentacinque giorni fa", "anni venti",
"il Novecento", "all'una". Only the date-specific readings are derived here."""

from __future__ import annotations

from functools import lru_cache

from ..numbers import words_to_number

VOWELS = "aeiou"  # an elided word lost one final vowel: trent' <- trenta


@lru_cache(maxsize=8192)
def number_value(word: str) -> int | None:
    """Integer value of digits or a written number ("trentacinque" 35), else None."""
    w = word.strip()
    if w.isdigit():
        return int(w)
    value = words_to_number(w)
    return value if isinstance(value, int) else None


@lru_cache(maxsize=1024)
def elided_value(stem: str) -> int | None:
    """Value of a number written elided before a vowel ("trent'anni" 30, "un'ora" 1)."""
    for vowel in VOWELS:
        value = number_value(stem + vowel)
        if value is not None:
            return value
    return None


def decade_of(value: int) -> tuple[str, str | None] | None:
    """TIMEX3 decade of "anni <number>": venti (20) -> 192, duemila (2000) -> 200; the
    1910s and 1920s could also be the 2010s/2020s (flag ambiguous_century)."""
    if value == 2000:
        return "200", None
    if value % 10 or not 10 <= value <= 90:
        return None
    d = value // 10
    return f"19{d}", ("ambiguous_century" if d in (1, 2) else None)


def decade_of_digits(digits: str) -> tuple[str, str | None]:
    """TIMEX3 decade of "anni '90" -> 199, '00/'10 -> 200/201 (the 1910s are possible too)."""
    d = int(digits[0])
    return (f"20{d}" if d in (0, 1) else f"19{d}"), ("ambiguous_century" if d in (1, 2) else None)


def century_of(value: int) -> int | None:
    """TIMEX3 century of a century name: novecento (900) -> 19 (the 1900s)."""
    if value % 100 or not 300 <= value <= 900:
        return None
    return value // 100 + 10


def hour_of(value: int | None) -> int | None:
    """A clock hour written as a word (le cinque, l'una): 1-12."""
    return value if value is not None and 1 <= value <= 12 else None
