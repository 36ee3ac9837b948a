"""it_numbers follows the SpanComponent contract: idempotent, no duplicate spans, its data
travel with it, and it reads the shared month and weekday data."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc, Span

from pipeline.lang.loader import LanguageData
from pipeline.nlp import blank_italian

TEXT = (
    "Il governo ha stanziato 5 milioni di euro per più di mille militari, "
    "poi altri 5 milioni di euro il 12 febb 2020: tra 100 e 200 feriti, il 40%."
)


def _numbers(doc: Doc) -> list[tuple[int, int, str, object]]:
    return [(s.start, s.end, s.label_, s._.num_value) for s in doc.spans["numbers"]]


def _nlp() -> spacy.Language:
    nlp = blank_italian()
    nlp.add_pipe("it_numbers")
    return nlp


def test_running_twice_gives_the_same_doc():
    nlp = _nlp()
    once = nlp(TEXT)
    twice = nlp.get_pipe("it_numbers")(nlp(TEXT))
    assert _numbers(once) == _numbers(twice) and len(_numbers(once)) >= 4


def test_append_mode_twice_adds_no_duplicate():
    nlp = blank_italian()
    comp = nlp.add_pipe("it_numbers", config={"overwrite": False})
    doc = comp(nlp(TEXT))
    spans = [(s.start, s.end) for s in doc.spans["numbers"]]
    assert len(spans) == len(set(spans))


def test_same_span_text_twice_in_an_article_is_two_spans_not_one_twice():
    """The two "5 milioni di euro" of TEXT are two spans at two places, each once."""
    doc = _nlp()(TEXT)
    money = [(s.start, s.end) for s in doc.spans["numbers"] if s.text == "5 milioni di euro"]
    assert len(money) == 2 and len(set(money)) == 2


def test_month_abbreviations_of_months_json_are_date_context():
    """ "12 febb 2020": febb is in months.json, so 12 (a day) and 2020 (a year) are no quantities."""
    doc = _nlp()(TEXT)
    texts = [s.text for s in doc.spans["numbers"]]
    assert "12" not in texts and "2020" not in texts
    doc = _nlp()("Il 3 genn. sono partiti.")
    assert [s.text for s in doc.spans["numbers"]] == []


def test_dates_key_is_config():
    nlp = blank_italian()
    comp = nlp.add_pipe("it_numbers", config={"dates_key": "my_dates"})
    doc = nlp.make_doc("Sono 300 soldati.")
    doc.spans["my_dates"] = [Span(doc, 1, 2, label="DATE")]
    assert [s.text for s in comp(doc).spans["numbers"]] == []
    doc = nlp.make_doc("Sono 300 soldati.")
    doc.spans["dates"] = [Span(doc, 1, 2, label="DATE")]
    assert [s.text for s in comp(doc).spans["numbers"]] == ["300"]


def test_to_disk_from_disk_roundtrip(tmp_path):
    nlp = _nlp()
    comp = nlp.get_pipe("it_numbers")
    comp.to_disk(tmp_path / "numbers")
    assert (tmp_path / "numbers" / "number_words.json").exists()
    fresh = nlp.create_pipe("it_numbers").from_disk(tmp_path / "numbers")
    assert fresh.lex == comp.lex
    assert _numbers(fresh(nlp.make_doc(TEXT))) == _numbers(nlp(TEXT))


def test_to_bytes_from_bytes_roundtrip():
    nlp = _nlp()
    comp = nlp.get_pipe("it_numbers")
    fresh = nlp.create_pipe("it_numbers").from_bytes(comp.to_bytes())
    assert fresh.lex == comp.lex


def test_data_path_in_config_replaces_only_the_files_it_has(tmp_path):
    nlp = blank_italian()
    comp = nlp.add_pipe("it_numbers", config={"data": {"@misc": "pipeline.it_language_data.v1", "path": str(tmp_path)}})
    assert isinstance(comp.data, LanguageData) and comp.lex.currency_names["EUR"] == "euro"
