"""Issue 14, numbers: fractions in words, digits and mixed; ordinal fractions; a large
number followed by a fraction. Positives and negatives per class, not one example each."""

from __future__ import annotations

import pytest

from pipeline.normalize.numbers import parse_digit_fraction, parse_vulgar

from .numbers_forms import numbers, numbers_only, one


@pytest.fixture(scope="module")
def nlp():
    return numbers_only()


# text, span, value, kind
FRACTIONS = [
    ("Ha votato un quinto degli elettori.", "un quinto", 1 / 5, "fraction"),
    ("Due terzi dei cittadini sono contrari.", "Due terzi", 2 / 3, "fraction"),
    ("Tre quarti delle aziende esportano.", "Tre quarti", 0.75, "fraction"),
    ("La ricetta chiede tre mezzi.", "tre mezzi", 1.5, "fraction"),
    ("Ne ha incassato un terzo.", "un terzo", 1 / 3, "fraction"),
    ("Basta un centesimo del bilancio.", "un centesimo", 0.01, "fraction"),
    ("Un millesimo dei fondi va alla ricerca.", "Un millesimo", 0.001, "fraction"),
    ("Dura un miliardesimo di secondo.", "un miliardesimo", 1e-9, "fraction"),
    ("Vale un milionesimo del totale.", "un milionesimo", 1e-6, "fraction"),
    ("Hanno ottenuto tre decimi dei voti.", "tre decimi", 0.3, "fraction"),
    ("Sette ventesimi degli iscritti.", "Sette ventesimi", 0.35, "fraction"),
    # ratios: numerator (with its noun) su denominator
    ("Uno su tre non lavora.", "Uno su tre", 1 / 3, "fraction"),
    ("Tre persone su quattro non votano.", "Tre persone su quattro", 0.75, "fraction"),
    ("Un italiano su cinque, dice l'Istat.", "Un italiano su cinque", 0.2, "fraction"),
    ("In 2 paesi su 3 la stampa è libera.", "2 paesi su 3", 2 / 3, "fraction"),
    ("Una famiglia su dieci è povera.", "Una famiglia su dieci", 0.1, "fraction"),
    ("Il rischio è di uno su mille.", "uno su mille", 0.001, "fraction"),
    # digits and symbols
    ("Il deficit è pari a 1/3 del Pil.", "1/3", 1 / 3, "fraction"),
    ("Circa 3/4 degli iscritti.", "Circa 3/4", 0.75, "fraction"),
    ("Bastano ½ litro e 2½ chili.", "½", 0.5, "fraction"),
    # mixed
    ("Servono 2 e 1/4 di tazza.", "2 e 1/4", 2.25, "cardinal"),
    ("Mancano due e tre quarti.", "due e tre quarti", 2.75, "cardinal"),
    ("Ha corso cinque e un quarto.", "cinque e un quarto", 5.25, "cardinal"),
]


@pytest.mark.parametrize("text,span,value,kind", FRACTIONS)
def test_fractions(nlp, text, span, value, kind):
    q = one(nlp, text, span)
    assert q.value == pytest.approx(value, rel=1e-12) and q.kind == kind


# a large number and a fraction: the fraction is of the multiplier
LARGE = [
    ("Il debito è di cinque miliardi e tre quarti di euro.", "cinque miliardi e tre quarti di euro", 5_750_000_000),
    ("Sono due milioni e mezzo di persone.", "due milioni e mezzo", 2_500_000),
    ("Costa tre milioni e un quarto.", "tre milioni e un quarto", 3_250_000),
    ("Un buco di 2 miliardi e tre quarti.", "2 miliardi e tre quarti", 2_750_000_000),
]


@pytest.mark.parametrize("text,span,value", LARGE)
def test_large_number_and_fraction(nlp, text, span, value):
    q = one(nlp, text, span)
    assert q.value == value and isinstance(q.value, int)


def test_ratio_keeps_counted_noun(nlp):
    q = one(nlp, "Tre persone su quattro non votano.", "Tre persone su quattro")
    assert q.unit == "persone" and q.unit_start == 4


NOT_FRACTIONS = [
    "È il terzo mandato del sindaco.",  # ordinal
    "Un quinto posto deludente.",  # ordinal
    "I mezzi dei vigili del fuoco.",  # mezzi = vehicles
    "Sono arrivati con sette mezzi e 21 uomini.",
    "Tre mezzi blindati sono entrati in città.",
    "Ha fatto un controllo su due autovetture.",  # su = on
    "Aperto 24 ore su 24.",  # not a proportion
    "Con 153 deputati su 300.",  # two counts
    "Il 1/3 del mese.",  # a date
    "Partenze alle 15/23:30.",  # times
    "Servizio 24/7.",
    "Ci vediamo alle due e un quarto.",  # a clock time
    "Arriva alle sette e tre quarti.",
]


@pytest.mark.parametrize("text", NOT_FRACTIONS)
def test_not_fractions(nlp, text):
    assert not [q for _, q in numbers(nlp, text) if q.kind == "fraction"], numbers(nlp, text)


def test_mezzi_vehicles_stay_counted(nlp):
    ((text, q),) = [(t, q) for t, q in numbers(nlp, "Sette mezzi dei vigili del fuoco.")]
    assert (text, q.value, q.unit) == ("Sette", 7, "mezzi")


@pytest.mark.parametrize("text,value", [("1/3", 1 / 3), ("2/3", 2 / 3), ("3/4", 0.75), ("1/100", 0.01)])
def test_parse_digit_fraction(text, value):
    assert float(parse_digit_fraction(text)) == pytest.approx(value)


@pytest.mark.parametrize("text", ["24/7", "5/5", "07/22", "15/23", "16/03/2024", "4/3", "1/"])
def test_parse_digit_fraction_rejects(text):
    assert parse_digit_fraction(text) is None


@pytest.mark.parametrize("text,value", [("½", 0.5), ("2½", 2.5), ("¾", 0.75), ("10¼", 10.25)])
def test_parse_vulgar(text, value):
    assert float(parse_vulgar(text)) == value


def test_denominators_come_from_the_ordinals(nlp):
    """A denominator is any ordinal: the -esimo series too, with no list of fractions."""
    from pipeline.components.number_rules.core import CoreReader
    from pipeline.normalize.numbers_lexicon import default_lexicon

    reader = CoreReader(default_lexicon())
    assert [reader.denominator(w) for w in ("quinti", "tredicesimi", "centesimo", "miliardesimo", "mezzi")] == [
        5,
        13,
        100,
        10**9,
        2,
    ]
    assert reader.denominator("secondi") is None and reader.denominator("primo") is None
