"""Issue 14, numbers: money with the symbol or ISO code before the amount, currencies
named in words (with ISO codes), percentages in all forms and their ranges."""

from __future__ import annotations

import pytest

from .numbers_forms import numbers, numbers_only, one


@pytest.fixture(scope="module")
def nlp():
    return numbers_only()


# text, span, value, currency
PREFIXED = [
    ("Il biglietto costa € 5.", "€ 5", 5, "EUR"),
    ("Un caffè a €5,50 in centro.", "€5,50", 5.5, "EUR"),
    ("Un contratto da $ 3 milioni.", "$ 3 milioni", 3_000_000, "USD"),
    ("Multa di £ 20 per il ritardo.", "£ 20", 20, "GBP"),
    ("La tassa è di CHF 100.", "CHF 100", 100, "CHF"),
    ("Un bond da USD 10 milioni.", "USD 10 milioni", 10_000_000, "USD"),
    ("Prezzo: EUR 1.500,00.", "EUR 1.500,00", 1500, "EUR"),
]


@pytest.mark.parametrize("text,span,value,currency", PREFIXED)
def test_symbol_before_amount(nlp, text, span, value, currency):
    q = one(nlp, text, span)
    assert (q.value, q.kind, q.currency) == (value, "money", currency)


NAMED = [
    ("Costava 100 marchi.", "100 marchi", "DEM"),
    ("Un conto di 20 franchi.", "20 franchi", "CHF"),
    ("Versati 30 franchi svizzeri.", "30 franchi svizzeri", "CHF"),
    ("Pagati 50 franchi francesi.", "50 franchi francesi", "FRF"),
    ("Un debito di 10 sterline.", "10 sterline", "GBP"),
    ("Costa 500 yen.", "500 yen", "JPY"),
    ("Prestito di 40 miliardi di rubli.", "40 miliardi di rubli", "RUB"),
    ("Valeva 10 yuan.", "10 yuan", "CNY"),
    ("Multa di 5 mila rupie.", "5 mila rupie", "INR"),
    ("Costava mille lire.", "mille lire", "ITL"),
    ("Venduto per 300 pesetas.", "300 pesetas", "ESP"),
    ("Un premio di dieci milioni di corone svedesi.", "dieci milioni di corone svedesi", "SEK"),
    ("Versati 2 milioni di dollari canadesi.", "2 milioni di dollari canadesi", "CAD"),
]


@pytest.mark.parametrize("text,span,currency", NAMED)
def test_currencies_in_words(nlp, text, span, currency):
    q = one(nlp, text, span)
    assert (q.kind, q.currency) == ("money", currency)


@pytest.mark.parametrize("text", ["Marco ha 5 anni.", "Il franco tiratore.", "Lei ha detto no."])
def test_not_money(nlp, text):
    assert not [q for _, q in numbers(nlp, text) if q.kind == "money"], numbers(nlp, text)


# text, span, value, unit
PERCENT = [
    ("Sale il 5 per cento.", "5 per cento", 5, "%"),
    ("Sale del 5%.", "5%", 5, "%"),
    ("Sale del 5 percento.", "5 percento", 5, "%"),
    ("Sale del cinque per cento.", "cinque per cento", 5, "%"),
    ("Il cento per cento dei casi.", "cento per cento", 100, "%"),
    ("Destina il 5 per mille.", "5 per mille", 5, "‰"),
    ("Il tasso alcolemico era 0,5 per mille.", "0,5 per mille", 0.5, "‰"),
    ("Cresce di 3 punti percentuali.", "3 punti percentuali", 3, "punti percentuali"),
    ("Il 33.5% dei voti.", "33.5%", 33.5, "%"),
]


@pytest.mark.parametrize("text,span,value,unit", PERCENT)
def test_percent(nlp, text, span, value, unit):
    q = one(nlp, text, span)
    assert (q.value, q.kind, q.unit) == (value, "percent", unit)


RANGES = [
    ("Tra il 5 e il 10% degli elettori.", "Tra il 5 e il 10%", 5, 10),
    ("Dal 5 al 10% in più.", "Dal 5 al 10%", 5, 10),
    ("Un calo del 5-10%.", "5-10%", 5, 10),
    ("Tra il 5% e il 10%.", "Tra il 5% e il 10%", 5, 10),
    ("Tra il 3 e il 4 per cento.", "Tra il 3 e il 4 per cento", 3, 4),
]


@pytest.mark.parametrize("text,span,low,high", RANGES)
def test_percent_ranges(nlp, text, span, low, high):
    q = one(nlp, text, span)
    assert (q.kind, q.value, q.value_max, q.unit) == ("range", low, high, "%")


def test_mille_alone_is_no_permille(nlp):
    assert [(t, q.value) for t, q in numbers(nlp, "Erano mille persone.")] == [("mille", 1000)]
