"""The ``it_dates`` component on hand-built docs (blank Italian: tokenizer only)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Span

import pipeline  # noqa: F401  (registers factories and extensions)
from pipeline.lang.loader import LanguageData, LanguageDataError, shipped
from pipeline.normalize.dates import find_dates

REF = dt.date(2024, 5, 20)


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("it")
    nlp.add_pipe("it_dates")
    return nlp


def run(nlp, text, published=REF):
    doc = nlp.make_doc(text)
    doc._.published = published
    return nlp(doc)


def spans(doc, key="dates"):
    return [(s.text, s._.date_value.value) for s in doc.spans[key]]


# span boundaries: prepositions and articles before calendar dates stay outside; the
# article of a relative noun phrase is inside; the words carrying meaning are inside
BOUNDARIES = [
    ("Il 16 marzo 2024 i vertici", [("16 marzo 2024", "2024-03-16")]),
    ("nel luglio 2023 la giunta", [("luglio 2023", "2023-07")]),
    (
        "ieri, domenica 19 maggio 2024, dal Pentagono",
        [("ieri", "2024-05-19"), ("domenica 19 maggio 2024", "2024-05-19")],
    ),
    ("il martedì 23 aprile 2019", [("martedì 23 aprile 2019", "2019-04-23")]),
    ("la settimana scorsa il ministro", [("la settimana scorsa", "2024-W20")]),
    ("nella settimana scorsa il ministro", [("settimana scorsa", "2024-W20")]),
    ("lo scorso luglio", [("lo scorso luglio", "2023-07")]),
    ("l'anno scorso", [("l'anno scorso", "2023")]),
    ("nell'anno 2023", [("2023", "2023")]),
    ("il mese prossimo", [("il mese prossimo", "2024-06")]),
    ("dal luglio scorso", [("luglio scorso", "2023-07")]),
    ("alle 15:30 di oggi", [("15:30 di oggi", "2024-05-20T15:30")]),
    ("alle 8.30 di questa mattina", [("8.30 di questa mattina", "2024-05-20T08:30")]),
    ("alle 22 di ieri sera", [("22 di ieri sera", "2024-05-19T22:00")]),
    ("alle ore 15", [("ore 15", "2024-05-20T15:00")]),
    ("gli anni '90", [("anni '90", "199")]),
    ("il XX secolo", [("XX secolo", "19")]),
    ("a partire dal 1° gennaio", [("1° gennaio", "2024-01-01")]),
    ("tre giorni fa", [("tre giorni fa", "2024-05-17")]),
    ("da oltre dieci anni", [("oltre dieci anni", "P10Y")]),
    ("negli ultimi dieci anni", [("ultimi dieci anni", "P10Y")]),
    ("dopo settimane di colloqui", [("settimane", "PXW")]),
    ("ogni lunedì", [("ogni lunedì", "XXXX-WXX-1")]),
    ("all'inizio di marzo", [("inizio di marzo", "2024-03")]),
    ("entro la fine dell'anno", [("fine dell'anno", "2024")]),
    ("nella notte tra sabato e domenica", [("notte tra sabato e domenica", "2024-05-18TNI")]),
    ("nel fine settimana", [("fine settimana", "2024-W20-WE")]),
    ("in Via XX Settembre a Roma", []),
    ("come in passato", [("passato", "PAST_REF")]),
    ("staranno a breve", [("a breve", "FUTURE_REF")]),
    ("dallo scorso venerdì", [("scorso venerdì", "2024-05-17")]),
    ("le Olimpiadi di Milano-Cortina 2026", [("2026", "2026")]),
    ("nel biennio 2020-2021", [("2020", "2020"), ("2021", "2021")]),
    ("tra il 9 e il 13 ottobre 2010", [("9", "2010-10-09"), ("13 ottobre 2010", "2010-10-13")]),
    ("(maggio-giugno)", [("maggio", "2024-05"), ("giugno", "2024-06")]),
]


@pytest.mark.parametrize("text,expected", BOUNDARIES, ids=[b[0] for b in BOUNDARIES])
def test_span_boundaries(nlp, text, expected):
    assert spans(run(nlp, text)) == expected


def test_seed_article(nlp, seed_text):
    doc = run(nlp, seed_text)
    got = spans(doc)
    assert ("domenica 19 maggio 2024", "2024-05-19") in got
    assert ("Il mese successivo", "2024-04") in got
    assert ("dicembre", "2023-12") in got and ("gennaio 2024", "2024-01") in got
    assert ("settembre", "2023-09") in got and ("aprile", "2024-04") in got
    assert got.count(("15 settembre", "2024-09-15")) == 2
    assert ("oltre dieci anni", "P10Y") in got and ("ultimi dieci anni", "P10Y") in got
    texts = [t for t, _ in got]
    assert "1.100" not in texts and "201" not in texts and "primo" not in texts


def test_no_publication_date_stays_underspecified(nlp):
    doc = run(nlp, "Ieri sera, a dicembre e il 16 marzo.", published=None)
    assert spans(doc) == [("Ieri sera", "XXXX-XX-XXTEV"), ("dicembre", "XXXX-12"), ("16 marzo", "XXXX-03-16")]


def test_ranges_linked_by_offsets(nlp):
    doc = run(nlp, "Dal 2020 al 2023 il paese ha speso molto.")
    a, b = doc.spans["dates"]
    assert (a._.date_value.range_role, b._.date_value.range_role) == ("begin", "end")
    assert (a._.date_value.partner_start, a._.date_value.partner_end) == (b.start_char, b.end_char)
    assert (b._.date_value.partner_start, b._.date_value.partner_end) == (a.start_char, a.end_char)


def test_impossible_date_is_a_flagged_span(nlp):
    doc = run(nlp, "Il 31 febbraio 2024 non esiste.")
    (span,) = doc.spans["dates"]
    assert span.text == "31 febbraio 2024"
    assert (span._.date_value.value, span._.date_value.valid, span._.date_value.flag) == (
        None,
        False,
        "impossible_date",
    )


def test_spans_are_token_aligned_and_sorted(nlp):
    doc = run(nlp, "Il 1° maggio, alle 15.30, e poi l'8/5/2024.")
    for span in doc.spans["dates"]:
        assert span.start_char == doc[span.start].idx
        assert span.label_ == "DATE"
    starts = [s.start for s in doc.spans["dates"]]
    assert starts == sorted(starts)


def test_custom_spans_key_and_overwrite():
    nlp = spacy.blank("it")
    nlp.add_pipe("it_dates", config={"spans_key": "tempo", "overwrite": True})
    doc = nlp.make_doc("ieri")
    doc.spans["tempo"] = [doc[0:1]]
    doc._.published = REF
    doc = nlp(doc)
    assert spans(doc, "tempo") == [("ieri", "2024-05-19")]
    assert "dates" not in doc.spans


def test_running_twice_adds_no_duplicates(nlp):
    doc = run(nlp, "ieri e oggi")
    doc = nlp.get_pipe("it_dates")(doc)
    assert spans(doc) == [("ieri", "2024-05-19"), ("oggi", "2024-05-20")]


def test_overwrite_false_keeps_other_spans():
    nlp = spacy.blank("it")
    nlp.add_pipe("it_dates", config={"overwrite": False})
    doc = nlp.make_doc("ieri e oggi")
    doc.spans["dates"] = [Span(doc, 2, 3, label="DATE")]
    doc._.published = REF
    doc = nlp(doc)
    assert [s.text for s in doc.spans["dates"]] == ["ieri", "oggi"]
    doc = nlp.get_pipe("it_dates")(doc)
    assert [s.text for s in doc.spans["dates"]] == ["ieri", "oggi"]


@pytest.mark.parametrize(
    "published,value",
    [
        ("2024-05-20", "2024-05-19"),
        (dt.datetime(2024, 5, 20, 9), "2024-05-19"),
        ("ieri", "XXXX-XX-XX"),
        (20240520, "XXXX-XX-XX"),
    ],
)
def test_published_of_other_types(nlp, published, value):
    assert spans(run(nlp, "ieri", published=published)) == [("ieri", value)]


def test_analyze_pipes_reports_no_problems(nlp):
    assert nlp.analyze_pipes()["problems"]["it_dates"] == []


def test_rows_flatten_with_value_and_type_first(nlp):
    doc = run(nlp, "il 16 marzo 2024")
    row = dataclasses.asdict(doc.spans["dates"][0]._.date_value)
    assert list(row)[:2] == ["value", "type"]


def test_to_disk_from_disk_round_trip(nlp, tmp_path):
    component = nlp.get_pipe("it_dates")
    component.to_disk(tmp_path / "it_dates")
    other = spacy.blank("it")
    other.add_pipe("it_dates").from_disk(tmp_path / "it_dates")
    text = "ieri, il 16 marzo e tre giorni fa"
    assert spans(run(other, text)) == spans(run(nlp, text))


def test_runs_with_the_pipeline_builder():
    from pipeline.nlp import OWN_COMPONENTS

    assert OWN_COMPONENTS[0] == "it_dates"  # before it_numbers


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789/.-:°' abcdefilmnoprstuvzàìèIVXLMGDS")), max_size=60))
def test_never_crashes(nlp, text):
    doc = run(nlp, text)
    for span in doc.spans["dates"]:
        assert span._.date_value is not None


def test_running_twice_gives_the_same_doc(nlp):
    doc = run(nlp, "Dal 2020 al 2023, ieri alle 15:30 e tre giorni fa.")
    once = doc.to_json()
    values = [s._.date_value for s in doc.spans["dates"]]
    doc = nlp.get_pipe("it_dates")(doc)
    assert doc.to_json() == once
    assert [s._.date_value for s in doc.spans["dates"]] == values


def test_to_bytes_from_bytes_round_trip(nlp):
    other = spacy.blank("it")
    other.add_pipe("it_dates").from_bytes(nlp.get_pipe("it_dates").to_bytes())
    text = "la primavera ventura e trentacinque giorni fa"
    assert spans(run(other, text)) == spans(run(nlp, text))


def test_saved_component_keeps_its_own_data(tmp_path):
    """A pipeline built on edited data saves that data, not the shipped files."""
    months = json.loads(json.dumps(shipped()["months"]))
    months["abbreviations"]["sett"] = 9
    months["abbreviations"]["stt"] = 9
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "months.json").write_text(json.dumps(months), encoding="utf-8")
    nlp = spacy.blank("it")
    nlp.add_pipe("it_dates", config={"data": {"@misc": "pipeline.it_language_data.v1", "path": str(tmp_path / "data")}})
    nlp.get_pipe("it_dates").to_disk(tmp_path / "saved")
    other = spacy.blank("it")
    other.add_pipe("it_dates").from_disk(tmp_path / "saved")
    assert spans(run(other, "il 3 stt 2024")) == [("3 stt 2024", "2024-09-03")]


# --- the language data: every file the component reads, validated; errors name file and key


def test_component_declares_its_data_files(nlp):
    files = set(nlp.get_pipe("it_dates").data_files)
    assert {"months", "weekdays", "relative_words", "date_rules", "number_words"} <= files
    for name in files:
        assert set(shipped()[name]["_meta"]) >= {"source", "date", "format"}


def _data_with(name, mutate):
    content = json.loads(json.dumps(shipped()[name]))
    mutate(content)
    return LanguageData(files={name: content})


def _values(text, data=None):
    return [(text[f.start : f.end], f.timex.value) for f in find_dates(text, REF, data=data)]


@pytest.mark.parametrize(
    "name,mutate,text,before,after",
    [
        # a synonym of the weekend
        (
            "time_units",
            lambda d: d["weekend"].append("finesettimana"),
            "Il finesettimana scorso è piovuto.",
            [],
            [("finesettimana scorso", "2024-W20-WE")],
        ),
        # a new "ago" word, and a relative word for every unit
        (
            "relative_words",
            lambda d: d["after_quantity"].update({"orsono": "AGO"}),
            "Tre giorni orsono è arrivato.",
            [("Tre giorni", "P3D")],
            [("Tre giorni orsono", "2024-05-17")],
        ),
        (
            "relative_words",
            lambda d: d["words"].update({"trascorso": "PREV"}),
            "Il mese trascorso è stato caldo.",
            [],
            [("Il mese trascorso", "2024-04")],
        ),
        # a part of day after "questa", and one after "in"
        (
            "parts_of_day",
            lambda d: d["after_this"].append("mattinata"),
            "Questa mattinata è piovuto.",
            [],
            [("Questa mattinata", "2024-05-20TMO")],
        ),
        (
            "parts_of_day",
            lambda d: d["after_in"].append("pomeriggio"),
            "Lo ha detto in pomeriggio.",
            [],
            [("pomeriggio", "2024-05-20TAF")],
        ),
        # a past/future word after a plural unit
        (
            "relative_words",
            lambda d: d["plural"].update({"trascorsi": "PREV"}),
            "Nei giorni trascorsi ha piovuto.",
            [],
            [("giorni trascorsi", "PAST_REF")],
        ),
    ],
)
def test_rule_word_lists_come_from_data(name, mutate, text, before, after):
    assert _values(text) == before
    assert _values(text, _data_with(name, mutate)) == after


@pytest.mark.parametrize(
    "name,mutate,message",
    [
        ("time_units", lambda d: d.update(weekend_parole=["weekend"]), "time_units.json: .*weekend_parole"),
        (
            "time_units",
            lambda d: d["weekend"].append("Weekend"),
            "time_units.json: weekend/3: 'Weekend' is not a lowercase",
        ),
        (
            "relative_words",
            lambda d: d["after_quantity"].update({"orsono": "PAST"}),
            "relative_words.json: after_quantity/orsono",
        ),
        ("clock", lambda d: d["fractions"].update({"tre quarti": 75}), "clock.json: fractions/tre quarti"),
        ("months", lambda d: d["names"].update({"brumaio": 13}), "months.json: names/brumaio"),
        ("seasons", lambda d: d.pop("_meta"), "seasons.json: .*_meta"),
    ],
)
def test_schema_errors_name_file_and_key(name, mutate, message):
    with pytest.raises(LanguageDataError, match=message):
        _data_with(name, mutate)


@pytest.mark.parametrize(
    "name,mutate,message",
    [
        (
            "parts_of_day",
            lambda d: d["after_in"].append("alba"),
            "parts_of_day.json: after_in: forms \\['alba'\\] are not in names",
        ),
        ("time_units", lambda d: d["bare_durations"].append("lustri"), "time_units.json: bare_durations"),
        (
            "date_rules",
            lambda d: d["grammar"]["rules"].update(epoca="{L}epoca"),
            "date_rules.json: grammar/rules/epoca: no handler",
        ),
        (
            "date_rules",
            lambda d: d["grammar"]["classes"].update(x=["nowhere/forms"]),
            "date_rules.json: grammar/classes/x: .*no data file nowhere.json",
        ),
        (
            "date_rules",
            lambda d: d["grammar"]["rules"].update(noon="{L}{mezzodi}"),
            "date_rules.json: grammar/rules/noon: unknown class or macro {mezzodi}",
        ),
    ],
)
def test_cross_file_errors_surface_at_build_time(name, mutate, message):
    """Errors a schema cannot see are raised when the component is built, not at match time."""
    with pytest.raises(LanguageDataError, match=message):
        nlp = spacy.blank("it")
        nlp.add_pipe("it_dates").set_data(_data_with(name, mutate))


def test_duplicate_json_keys_rejected(tmp_path):
    text = json.dumps(shipped()["deictic"], ensure_ascii=False).replace('"oggi": 0,', '"oggi": 0, "oggi": 0,', 1)
    (tmp_path / "deictic.json").write_text(text, encoding="utf-8")
    with pytest.raises(LanguageDataError, match="deictic.json: duplicate key 'oggi'"):
        LanguageData(tmp_path)["deictic"]
