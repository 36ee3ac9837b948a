"""Issue 14, numbers: negative numbers, suffix multipliers and scientific notation.
Positives and negatives per class."""

from __future__ import annotations

import pytest

from pipeline.normalize.numbers import parse_power, parse_scientific

from .numbers_forms import numbers, numbers_only, one


@pytest.fixture(scope="module")
def nlp():
    return numbers_only()


# text, span, value, unit
NEGATIVES = [
    ("La temperatura è scesa a -3 gradi.", "-3 gradi", -3, "°"),
    ("Di notte –25 gradi in quota.", "–25 gradi", -25, "°"),
    ("Registrati −12 gradi a Cortina.", "−12 gradi", -12, "°"),
    ("Si prevedono meno cinque gradi.", "meno cinque gradi", -5, "°"),
    ("In pianura -3°C all'alba.", "-3°C", -3, "°C"),
    ("Il Ftse Mib cede il -0,5%.", "-0,5%", -0.5, "%"),
    ("Parigi chiude a -1,2%.", "-1,2%", -1.2, "%"),
    ("Il titolo perde meno 3 per cento.", "meno 3 per cento", -3, "%"),
    ("Milano chiude a +0,8%.", "+0,8%", 0.8, "%"),
    ("Il Pil (-0,3%) delude.", "-0,3%", -0.3, "%"),
]


@pytest.mark.parametrize("text,span,value,unit", NEGATIVES)
def test_signed_numbers(nlp, text, span, value, unit):
    q = one(nlp, text, span)
    assert q.value == pytest.approx(value) and q.unit == unit


def test_range_of_negatives(nlp):
    for text, span in (
        ("Le minime tra -5 e -10 gradi.", "tra -5 e -10 gradi"),
        ("Da -5 a -10 gradi nella notte.", "Da -5 a -10 gradi"),
    ):
        q = one(nlp, text, span)
        assert (q.kind, q.value, q.value_max) == ("range", -10, -5)


NOT_NEGATIVE = [
    "Tra 10-20 persone in piazza.",  # a range
    "Hanno vinto 10 -3 la finale.",  # a dash after a number
    "Il codice è AB-12.",
    "Le sette meno cinque.",  # a clock time
    "Sono meno di cinque.",  # a qualifier (less than), not a sign
    "Tre in meno rispetto a ieri.",
]


@pytest.mark.parametrize("text", NOT_NEGATIVE)
def test_not_negative(nlp, text):
    assert not [q for _, q in numbers(nlp, text) if q.value < 0], numbers(nlp, text)


def test_meno_di_stays_a_qualifier(nlp):
    q = one(nlp, "Sono meno di cinque persone.", "meno di cinque")
    assert (q.value, q.qualifier) == (5, "less_than")


# text, span, value
MULTIPLIERS = [
    ("Ha 10k follower.", "10k", 10_000),
    ("Il post ha 2,33 k like.", "2,33 k", 2330),
    ("Raccolti 1,2 mld di euro.", "1,2 mld di euro", 1_200_000_000),
    ("Perdite per 3 mln di dollari.", "3 mln di dollari", 3_000_000),
    ("Investiti 3 mrd di euro.", "3 mrd di euro", 3_000_000_000),
    ("Arrivate 5mila persone.", "5mila", 5000),
    ("Sono 1,5mln gli utenti.", "1,5mln", 1_500_000),
]


@pytest.mark.parametrize("text,span,value", MULTIPLIERS)
def test_suffix_multipliers(nlp, text, span, value):
    assert one(nlp, text, span).value == value


# scientific notation
SCIENTIFIC = [
    ("Sono 1,2 × 10^6 cellule.", "1,2 × 10^6", 1_200_000),
    ("Circa 3 x 10^4 batteri.", "Circa 3 x 10^4", 30_000),
    ("Contiene 3e5 batteri.", "3e5", 300_000),
    ("Sono 10^9 atomi.", "10^9", 10**9),
    ("Ha 10⁶ neuroni.", "10⁶", 10**6),
    ("Vale 2,5e3 euro.", "2,5e3 euro", 2500),
]


@pytest.mark.parametrize("text,span,value", SCIENTIFIC)
def test_scientific_notation(nlp, text, span, value):
    assert one(nlp, text, span).value == value


@pytest.mark.parametrize("text", ["Il modello 3e5 non esiste.", "Un 10 ^ 6 staccato."])
def test_not_scientific(nlp, text):
    assert not [q for _, q in numbers(nlp, text) if q.value >= 1000], numbers(nlp, text)


def test_parse_scientific_and_power():
    assert parse_scientific("3e5") == 300000 and parse_scientific("1,2e6") == 1200000
    assert parse_scientific("e5") is None and parse_scientific("3e") is None
    assert parse_power("10⁹") == 9 and parse_power("10") is None and parse_power("2⁶") is None
