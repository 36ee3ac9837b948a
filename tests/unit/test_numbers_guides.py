"""The README guides "adding a number word / a unit": each is one data edit, found by
it_numbers built with the edited folder in its config."""

from __future__ import annotations

from pipeline.nlp import blank_italian

from .data_edits import edited_copy


def _numbers(folder: str, text: str):
    nlp = blank_italian()
    nlp.add_pipe("it_numbers", config={"data": {"@misc": "pipeline.it_language_data.v1", "path": folder}})
    doc = nlp(text)  # kept alive: its spans die with it
    return [(s.text, s._.num_value) for s in doc.spans["numbers"]]


def test_adding_a_currency(tmp_path):
    def edit(d):
        d["forms"]["dinari"] = "TND"
        d["names"]["TND"] = "dinari"

    folder = edited_copy(tmp_path, "currencies", edit)
    ((text, q),) = _numbers(folder, "Il contratto vale 30 milioni di dinari.")
    assert (text, q.value, q.kind, q.currency, q.unit) == ("30 milioni di dinari", 30_000_000, "money", "TND", "dinari")


def test_adding_a_measure(tmp_path):
    folder = edited_copy(tmp_path, "measures", lambda d: d["forms"].__setitem__("iarde", "yd"))
    ((text, q),) = _numbers(folder, "La palla ha percorso 40 iarde.")
    assert (text, q.value, q.unit) == ("40 iarde", 40, "yd")


def test_adding_a_number_word(tmp_path):
    """A multiplier abbreviation: "3 mrd" is already there; "3 bln" (billion) is one edit."""
    folder = edited_copy(tmp_path, "number_words", lambda d: d["multipliers"].__setitem__("bln", 10**9))
    ((text, q),) = _numbers(folder, "Il fondo raccoglie 3 bln di dollari.")
    assert (text, q.value, q.currency) == ("3 bln di dollari", 3_000_000_000, "USD")


def test_adding_a_vague_quantity(tmp_path):
    folder = edited_copy(tmp_path, "vague_quantities", lambda d: d["collectives"].__setitem__("ventinella", 20))
    assert _numbers(folder, "Sono arrivati una ventinella di tifosi.")[0][1].value == 20
