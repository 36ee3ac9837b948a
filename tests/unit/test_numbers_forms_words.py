"""Issue 14, numbers: dozens and counted collectives, decimals said in words, elided
number words before a vowel. Positives and negatives per class."""

from __future__ import annotations

import pytest

from .numbers_forms import numbers, numbers_only, one


@pytest.fixture(scope="module")
def nlp():
    return numbers_only()


# text, span, value, qualifier
COLLECTIVES = [
    ("Una dozzina di uova.", "Una dozzina", 12, "approx"),
    ("Due dozzine di rose.", "Due dozzine", 24, "approx"),
    ("Mezza dozzina di feriti.", "Mezza dozzina", 6, "approx"),
    ("Qualche dozzina di casi.", "Qualche dozzina", 12, "approx"),
    ("Tre paia di scarpe.", "Tre paia", 6, "approx"),
    ("Sono arrivate due centinaia di persone.", "due centinaia", 200, "approx"),
    ("Tre decine di feriti.", "Tre decine", 30, "approx"),
    ("Mezzo migliaio di agenti.", "Mezzo migliaio", 500, "approx"),
    ("Decine di migliaia di persone in piazza.", "Decine di migliaia", 10_000, "at_least"),
    ("Centinaia di migliaia di profughi.", "Centinaia di migliaia", 100_000, "at_least"),
    ("Alcune dozzine di manifestanti.", "Alcune dozzine", 12, "at_least"),
    ("Dozzine di feriti.", "Dozzine", 12, "at_least"),
]


@pytest.mark.parametrize("text,span,value,qualifier", COLLECTIVES)
def test_collectives(nlp, text, span, value, qualifier):
    q = one(nlp, text, span)
    assert (q.value, q.qualifier) == (value, qualifier)


@pytest.mark.parametrize("text", ["Una mezza giornata di lavoro.", "In mezzo alla folla.", "La dozzina è finita."])
def test_not_collectives(nlp, text):
    assert numbers(nlp, text) == []


# text, span, value
DECIMALS = [
    ("Il tasso è tre virgola cinque.", "tre virgola cinque", 3.5),
    ("La scossa era di magnitudo due punto sette.", "due punto sette", 2.7),
    ("Vale zero virgola zero cinque.", "zero virgola zero cinque", 0.05),
    ("Pi greco è tre virgola quattordici.", "tre virgola quattordici", 3.14),
    ("Uno virgola due.", "Uno virgola due", 1.2),
    ("Un debito di due virgola cinque milioni di euro.", "due virgola cinque milioni di euro", 2_500_000),
    ("La crescita sarà dello zero virgola otto per cento.", "zero virgola otto per cento", 0.8),
]


@pytest.mark.parametrize("text,span,value", DECIMALS)
def test_decimals_in_words(nlp, text, span, value):
    assert one(nlp, text, span).value == pytest.approx(value)


@pytest.mark.parametrize("text", ["Tre, virgola compresa.", "Al punto due dell'agenda.", "Metti un punto e virgola."])
def test_not_decimals(nlp, text):
    assert not [q for _, q in numbers(nlp, text) if isinstance(q.value, float)], numbers(nlp, text)


# text, span, value, unit
ELIDED = [
    ("Costa cent'euro.", "cent'euro", 100, "euro"),
    ("Spesi trecent'euro.", "trecent'euro", 300, "euro"),
    ("Un'ottantina di persone.", "Un'ottantina", 80, None),
    ("Sono quarant'otto.", "quarant'otto", 48, None),
    ("Trent'euro a testa.", "Trent'euro", 30, "euro"),
]


@pytest.mark.parametrize("text,span,value,unit", ELIDED)
def test_elided(nlp, text, span, value, unit):
    q = one(nlp, text, span)
    assert q.value == value and (unit is None or q.unit == unit)


@pytest.mark.parametrize(
    "text",
    ["Si sono visti a quattr'occhi.", "Sant'Anna è lontana.", "Ha compiuto vent'anni.", "Cent'anni di solitudine."],
)
def test_elided_negatives(nlp, text):
    """Not a number word, or a duration (vent'anni: the dates own it)."""
    assert numbers(nlp, text) == []


def test_elided_durations_are_dates(nlp_blank):
    doc = nlp_blank("Ha compiuto trent'anni nel 2020.")
    assert [s.text for s in doc.spans["numbers"]] == []
