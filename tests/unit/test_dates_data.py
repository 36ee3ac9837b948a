"""The date rules read their Italian from ``pipeline/lang/it/``: one table of relative
words for every calendar unit, numbers through the number normaliser, ambiguous forms
settled by context, and a month abbreviation added by one data edit."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import spacy

import pipeline  # noqa: F401  (registers factories and extensions)
from pipeline.lang.loader import shipped
from pipeline.normalize.dates import find_dates

REF = dt.date(2024, 5, 20)  # a Monday


def values(text, ref=REF):
    return [(text[f.start : f.end], f.timex.value) for f in find_dates(text, ref)]


# one relative-words table (relative_words.json) for months, seasons, festivities, weekends, units
@pytest.mark.parametrize(
    "text,expected",
    [
        ("il mese venturo", [("il mese venturo", "2024-06")]),
        ("la primavera ventura", [("primavera ventura", "2025-SP")]),
        ("il Natale venturo", [("Natale venturo", "2024-12-25")]),
        ("il weekend venturo", [("weekend venturo", "2024-W21-WE")]),
        ("l'anno venturo", [("l'anno venturo", "2025")]),
        ("il luglio venturo", [("luglio venturo", "2024-07")]),
        ("la Pasqua scorsa", [("Pasqua scorsa", "2024-03-31")]),
        ("la scorsa estate", [("la scorsa estate", "2023-SU")]),
        ("questa primavera", [("questa primavera", "2024-SP")]),
        ("l'ultimo trimestre dell'anno venturo", [("ultimo trimestre dell'anno venturo", "2025-Q4")]),
    ],
)
def test_relative_words_work_with_every_unit(text, expected):
    assert values(text) == expected


# numbers through the number normaliser (number_words.json), not a list of the dates
@pytest.mark.parametrize(
    "text,expected",
    [
        ("trentacinque giorni fa", [("trentacinque giorni fa", "2024-04-15")]),
        ("ventitré anni fa", [("ventitré anni fa", "2001")]),
        ("tra quarantacinque minuti", [("tra quarantacinque minuti", "2024-05-20")]),
        ("per ottantaquattro anni", [("ottantaquattro anni", "P84Y")]),
        ("cent'anni fa", [("cent'anni fa", "1924")]),
        ("gli anni Duemila", [("anni Duemila", "200")]),
        ("gli anni venti", [("anni venti", "192")]),
        ("il Novecento", [("Novecento", "19")]),
        ("alle undici di sera", [("undici di sera", "2024-05-20T23:00")]),
        ("all'una di notte", [("una di notte", "2024-05-20T01:00")]),
    ],
)
def test_numbers_come_from_the_number_normaliser(text, expected):
    assert values(text) == expected


@pytest.mark.parametrize("text", ["novecento persone", "gli anni dei Beatles", "ogni tanto"])
def test_number_words_that_are_no_dates(text):
    assert values(text) == []


# ambiguous forms (the `ambiguous` tables) are settled by context
@pytest.mark.parametrize(
    "text,expected",
    [
        ("Il mar era calmo.", []),  # mar alone: not a date
        ("mar 5 marzo 2024", [("mar 5 marzo 2024", "2024-03-05")]),  # weekday abbreviation before a day
        ("5 mar 2024", [("5 mar 2024", "2024-03-05")]),  # month abbreviation with a year
        ("vinto 6-4 in 5 set", []),  # ambiguous abbreviation, no year
        ("il 5 gen", [("5 gen", "2024-01-05")]),  # unambiguous abbreviation next to a day
        ("secondo il ministro", []),  # ambiguous unit, no number
        ("un secondo fa", [("un secondo fa", "2024-05-20")]),
        ("al fine di evitare", []),
    ],
)
def test_ambiguous_forms_need_their_context(text, expected):
    assert values(text) == expected


def test_ambiguity_is_read_from_the_data():
    assert "mar" in shipped()["months"]["ambiguous"] and "ora" in shipped()["time_units"]["ambiguous"]


# README guide: adding a month abbreviation is one data edit
def test_guide_adding_a_month_abbreviation(tmp_path):
    months = json.loads(json.dumps(shipped()["months"]))
    months["abbreviations"]["sttbr"] = 9
    (tmp_path / "months.json").write_text(json.dumps(months, ensure_ascii=False), encoding="utf-8")
    nlp = spacy.blank("it")
    nlp.add_pipe("it_dates", config={"data": {"@misc": "pipeline.it_language_data.v1", "path": str(tmp_path)}})
    doc = nlp.make_doc("Firmato il 3 sttbr. 2024 e il 3 sett. 2024.")
    doc._.published = REF
    doc = nlp(doc)
    assert [(s.text, s._.date_value.value) for s in doc.spans["dates"]] == [
        ("3 sttbr. 2024", "2024-09-03"),
        ("3 sett. 2024", "2024-09-03"),
    ]
