"""Issue 14, dates: day forms (bare days, weekday + day, days in words, abbreviated and
numeric forms), each class with several instances and what must not fire.

Reference date: Monday 20 May 2024.
"""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.normalize.dates import find_dates

REF = dt.date(2024, 5, 20)


def values(text: str, ref: dt.date | None = REF) -> list[tuple[str, str | None]]:
    return [(text[f.start : f.end], f.timex.value) for f in find_dates(text, ref)]


# --- a bare day of the month, in a date context
BARE_DAY = [
    ("Il pagamento va fatto entro il 3.", [("3", "2024-06-03")]),  # entro: future
    ("La riunione è fissata per il 27.", [("27", "2024-05-27")]),  # per: future
    ("La riunione è fissata per il 2.", [("2", "2024-06-02")]),
    ("Si voterà il 9.", [("9", "2024-06-09")]),  # future tense
    ("Il concerto del 12 maggio è stato rinviato al 15.", [("12 maggio", "2024-05-12"), ("15", "2024-05-15")]),
    ("Dal 28 aprile al 3 la mostra resta aperta.", [("28 aprile", "2024-04-28"), ("3", "2024-05-03")]),
    ("La mostra resta aperta dal 12 al 15.", [("12", "2024-05-12"), ("15", "2024-05-15")]),
    ("Ci vediamo il 15 alle 18.", [("15", "2024-05-15"), ("18", "2024-05-15T18:00")]),
    ("Il negozio era chiuso il giorno 11, come annunciato.", [("11", "2024-05-11")]),
    ("L'aeroporto è stato riaperto nella mattinata del 4, dopo la chiusura.", [("4", "2024-05-04")]),
    ("Oltre a quella del 21, il 28 ottobre la puntata salterà.", [("21", "2024-10-21"), ("28 ottobre", "2024-10-28")]),
    ("Le domande vanno presentate entro il 20/5.", [("20/5", "2024-05-20")]),
    ("Il versamento scade entro il 16/09.", [("16/09", "2024-09-16")]),
]
NOT_A_BARE_DAY = [
    "Lo abbiamo visto il 15.",  # weak cue, no date context
    "L'indice è salito il 15% in un anno.",
    "La partita è finita il 15 a 3.",
    "La quota è scesa dal 12 al 15 per cento.",
    "È salito dal 10 al 15%.",
    "Sotto il 15 non si scende.",
    "Il numero 15 ha segnato al 14' della ripresa.",
    "Si sono affrontati per il 3º e 4º posto.",
    "Il tasso è passato dal 2,5 al 3.",
    "La squadra è arrivata al 12 posto.",
]


@pytest.mark.parametrize("text,expected", BARE_DAY, ids=[t for t, _ in BARE_DAY])
def test_bare_day(text, expected):
    assert values(text) == expected


@pytest.mark.parametrize("text", NOT_A_BARE_DAY)
def test_not_a_bare_day(text):
    assert [v for v in values(text) if v[1] and len(v[1]) == 10] == []


def test_bare_day_without_reference_stays_underspecified():
    assert values("Il pagamento va fatto entro il 3.", None) == [("3", "XXXX-XX-03")]


# --- weekday + day of the month: the day decides, the weekday checks
@pytest.mark.parametrize(
    "text,expected",
    [
        ("È successo sabato 18.", ("sabato 18", "2024-05-18")),
        ("Sabato 18 c'è stata la festa.", ("Sabato 18", "2024-05-18")),  # capitalised, sentence start
        ("Il concerto di Sabato 18 è stato un successo.", ("Sabato 18", "2024-05-18")),  # capitalised inside
        ("La riunione si terrà mercoledì 5.", ("mercoledì 5", "2024-06-05")),
        ("Lo sciopero di venerdì 14, come previsto.", ("venerdì 14", "2024-06-14")),
        ("domenica, 12 la partita", ("domenica, 12", "2024-05-12")),
    ],
)
def test_weekday_and_day(text, expected):
    found = find_dates(text, REF)
    assert [(text[f.start : f.end], f.timex.value) for f in found][:1] == [expected]
    assert found[0].timex.flag is None


@pytest.mark.parametrize("text", ["martedì 3 ci sarà la riunione", "Giovedì 29 è arrivato"])
def test_weekday_that_does_not_check_is_flagged(text):
    (f,) = find_dates(text, REF)
    assert f.timex.flag == "weekday_mismatch" and f.timex.value is not None


@pytest.mark.parametrize("text", ["sabato 3 persone sono morte", "venerdì 20% di sconto", "lunedì 2 ore di sciopero"])
def test_weekday_and_count_is_not_a_day(text):
    assert all(v[0].split()[-1].isalpha() for v in values(text))


# --- days written as words and "primo"
@pytest.mark.parametrize(
    "text,expected",
    [
        ("il primo maggio", ("primo maggio", "2024-05-01")),
        ("tre marzo", ("tre marzo", "2024-03-03")),
        ("ventitré aprile 2023", ("ventitré aprile 2023", "2023-04-23")),
        ("il trentuno dicembre 2020", ("trentuno dicembre 2020", "2020-12-31")),
        ("l'undici gennaio", ("undici gennaio", "2024-01-11")),
        ("otto di aprile", ("otto di aprile", "2024-04-08")),
    ],
)
def test_days_in_words(text, expected):
    assert values(text) == [expected]


@pytest.mark.parametrize("text", ["cinquanta marzo", "Via Venti Settembre", "trentadue gennaio"])
def test_no_day_in_words(text):
    assert all(len(v[1] or "") != 10 for v in values(text))


# --- months and weekdays capitalised inside a sentence
@pytest.mark.parametrize(
    "text,expected",
    [
        ("Lo abbiamo visto il 5 Marzo.", ("5 Marzo", "2024-03-05")),
        ("Tutto è cambiato a Marzo, dicono.", ("Marzo", "2024-03")),
        ("Il voto è previsto entro Giugno.", ("Giugno", "2024-06")),
    ],
)
def test_capitalised_month(text, expected):
    assert values(text)[:1] == [expected]


@pytest.mark.parametrize("text", ["La Marzo è una fabbrica", "Piazza XXIV Maggio", "Tommaso Maggio ha detto"])
def test_capitalised_month_as_a_name(text):
    assert values(text) == []


# --- abbreviated months and weekdays, ambiguous ones settled by context
@pytest.mark.parametrize(
    "text,value",
    [
        ("2 ott. 2022", "2022-10-02"),
        ("il 2 ott.", "2024-10-02"),
        ("1-gen-2022", "2022-01-01"),
        ("1-gen", "2024-01-01"),
        ("2/ott/2022", "2022-10-02"),
        ("2/ott", "2024-10-02"),
        ("16. nov. 2016", "2016-11-16"),
        ("9 MAR 2024", "2024-03-09"),
        ("lun 3 giu", "2024-06-03"),
        ("mar 4 giugno", "2024-06-04"),
        ("entro il 3 set", "2024-09-03"),
        ("sab 7 set", "2024-09-07"),
        ("il 10 ago", "2024-08-10"),
        ("14-feb-23", "2023-02-14"),
    ],
)
def test_abbreviated_months(text, value):
    got = values(text)
    assert len(got) == 1 and got[0][1] == value


@pytest.mark.parametrize("text", ["Hanno vinto in 3 set.", "vinto 6 set di fila", "perso 2 mag"])
def test_ambiguous_abbreviation_without_context(text):
    assert values(text) == []


# --- numeric dates
@pytest.mark.parametrize(
    "text,value",
    [
        ("15 marzo, 2021", "2021-03-15"),
        ("3 aprile, 2019", "2019-04-03"),
        ("2021/03/15", "2021-03-15"),
        ("2021.03.15", "2021-03-15"),
        ("2021-03-15", "2021-03-15"),
        ("03/25/2021", "2021-03-25"),
        ("12/31/2020", "2020-12-31"),
        ("15-01-21", "2021-01-15"),
        ("31.12.99", "1999-12-31"),
    ],
)
def test_numeric_dates(text, value):
    assert values(text) == [(text, value)]


@pytest.mark.parametrize("text", ["3-1-21", "2021.3.1 versione", "il punteggio 2021/3/15x"])
def test_not_numeric_dates(text):
    assert all(v[1] is None or len(v[1]) != 10 for v in values(text))


def test_both_readings_valid_keep_day_first():
    assert values("03/04/2021") == [("03/04/2021", "2021-04-03")]


def test_no_valid_reading_is_impossible():
    (f,) = find_dates("31/13/2021", REF)
    assert f.timex.flag == "impossible_date"
