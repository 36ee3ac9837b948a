"""Issue 14, dates: relative forms (n-th weekday of a month, a weekday of this/next/last
week, future offsets from now, day anaphora and deictics, clock times), several
instances per class and what must not fire.

Reference date: Monday 20 May 2024.
"""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.normalize.dates import find_dates

REF = dt.date(2024, 5, 20)


def values(text: str, ref: dt.date | None = REF) -> list[tuple[str, str | None]]:
    return [(text[f.start : f.end], f.timex.value) for f in find_dates(text, ref)]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("il secondo martedì di marzo", ("secondo martedì di marzo", "2024-03-12")),
        ("la prima domenica di maggio", ("prima domenica di maggio", "2024-05-05")),
        ("il terzo giovedì di novembre 2023", ("terzo giovedì di novembre 2023", "2023-11-16")),
        ("l'ultimo venerdì del mese", ("ultimo venerdì del mese", "2024-05-31")),
        ("l'ultima domenica del mese scorso", ("ultima domenica del mese scorso", "2024-04-28")),
        ("il primo lunedì del mese prossimo", ("primo lunedì del mese prossimo", "2024-06-03")),
        ("il quarto sabato di questo mese", ("quarto sabato di questo mese", "2024-05-25")),
        ("entro il secondo lunedì di giugno", ("secondo lunedì di giugno", "2024-06-10")),
    ],
)
def test_nth_weekday_of_a_month(text, expected):
    assert values(text) == [expected]


def test_fifth_weekday_that_does_not_exist_is_impossible():
    (f,) = find_dates("il quinto lunedì di febbraio 2024", REF)
    assert f.timex.flag == "impossible_date"


@pytest.mark.parametrize("text", ["il primo ministro di marzo", "la seconda settimana di marzo", "il secondo lunedì"])
def test_no_nth_weekday(text):
    assert all(v[1] is None or not v[1].startswith("2024-03-1") for v in values(text))
    assert all("lunedì" not in v[0] or v[1] != "2024-05-13" for v in values(text))


@pytest.mark.parametrize(
    "text,expected",
    [
        ("martedì della settimana prossima", ("martedì della settimana prossima", "2024-05-28")),
        ("venerdì della prossima settimana", ("venerdì della prossima settimana", "2024-05-31")),
        ("lunedì di questa settimana", ("lunedì di questa settimana", "2024-05-20")),
        ("giovedì di questa settimana", ("giovedì di questa settimana", "2024-05-23")),
        ("venerdì della scorsa settimana", ("venerdì della scorsa settimana", "2024-05-17")),
        ("domenica della settimana scorsa", ("domenica della settimana scorsa", "2024-05-19")),
        ("lunedì scorso", ("lunedì scorso", "2024-05-13")),
        ("martedì prossimo", ("martedì prossimo", "2024-05-21")),
    ],
)
def test_weekday_of_a_week(text, expected):
    assert values(text) == [expected]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("tra due settimane da adesso", ("tra due settimane da adesso", "2024-W23")),
        ("fra tre giorni a partire da oggi", ("fra tre giorni a partire da oggi", "2024-05-23")),
        ("tra 10 giorni da oggi", ("tra 10 giorni da oggi", "2024-05-30")),
        ("fra un mese da ora", ("fra un mese da ora", "2024-06")),
        ("tra tre giorni", ("tra tre giorni", "2024-05-23")),
    ],
)
def test_future_offset_from_now(text, expected):
    assert values(text) == [expected]


def test_future_offset_not_a_range():
    assert values("tra 2 e 3 giorni") == [("3 giorni", "P3D")]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Il giorno dopo è arrivata la risposta.", ("Il giorno dopo", "2024-05-21")),
        ("il giorno prima", ("il giorno prima", "2024-05-19")),
        ("il giorno successivo", ("il giorno successivo", "2024-05-21")),
        ("Il 3 marzo 2024 il voto, il giorno dopo lo spoglio.", ("il giorno dopo", "2024-03-04")),  # preceding date
        ("La decisione arriverà in giornata.", ("in giornata", "2024-05-20")),
        ("In giornata la svolta.", ("In giornata", "2024-05-20")),
        ("Si celebra questo giorno da anni.", ("questo giorno", "2024-05-20")),
        ("il giorno passato", ("il giorno passato", "2024-05-19")),
    ],
)
def test_day_anaphora_and_deictics(text, expected):
    assert expected in values(text)


@pytest.mark.parametrize("text", ["giorno dopo giorno", "l'ultimo giorno di scuola"])
def test_no_day_anaphora(text):
    assert all(v[1] is None or not v[1].startswith("2024-05") for v in values(text))


def test_day_anaphora_without_any_reference_stays_unresolved():
    (f,) = find_dates("il giorno dopo", None)
    assert f.timex.value == "XXXX-XX-XX" and f.timex.flag == "unresolved"


def test_counted_anaphora_without_antecedent_stays_unresolved():
    (f,) = find_dates("tre anni dopo", REF)
    assert f.timex.flag == "unresolved"


@pytest.mark.parametrize(
    "text,expected",
    [
        ("aggiornato alle 18:38", ("18:38", "2024-05-20T18:38")),
        ("Ultimo aggiornamento 18:38", ("18:38", "2024-05-20T18:38")),
        ("erano le 23:15 quando", ("23:15", "2024-05-20T23:15")),
        ("ore 9", ("ore 9", "2024-05-20T09:00")),
        ("Appuntamento ore 15 in piazza", ("ore 15", "2024-05-20T15:00")),
        ("alle 6 di sera", ("6 di sera", "2024-05-20T18:00")),
        ("ieri sera", ("ieri sera", "2024-05-19TEV")),
        ("stamattina", ("stamattina", "2024-05-20TMO")),
    ],
)
def test_clock_times(text, expected):
    assert values(text) == [expected]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("rapporto 1:10", []),
        ("aveva 82 anni", [("82 anni", "P82Y")]),
        ("dopo 24 ore 9 persone", [("24 ore", "PT24H")]),
        ("versetto 3:16", []),
    ],
)
def test_not_clock_times(text, expected):
    assert values(text) == expected
