"""The README guide "adding a country name, demonym or organisation": each is one data
edit, found by it_entities built with the edited folder in its config."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

import pipeline  # noqa: F401  (registers it_entities)

from .data_edits import edited_copy


def _linked(folder: str | None, words: list[str], ents: list[str]):
    nlp = spacy.blank("it")
    config = {"data": {"@misc": "pipeline.it_language_data.v1", "path": folder}}
    nlp.add_pipe("it_entities", config=config)
    doc = nlp(Doc(nlp.vocab, words=words, ents=ents))  # kept alive: its spans die with it
    return [e._.entity for e in doc.ents], [(s.text, s._.entity.country) for s in doc.spans["demonyms"]]


def test_adding_a_country_name(tmp_path):
    words, ents = ["Il", "governo", "di", "Aotearoa", "."], ["O", "O", "O", "B-LOC", "O"]
    assert _linked(None, words, ents)[0][0].kind == "place"  # unknown before the edit
    folder = edited_copy(tmp_path, "country_aliases", lambda d: d["aliases"].__setitem__("NZ", ["aotearoa"]))
    (record,), _ = _linked(folder, words, ents)
    assert (record.canonical, record.kind, record.country) == ("Nuova Zelanda", "country", "NZ")


def test_adding_a_demonym(tmp_path):
    words, ents = ["I", "turisti", "andorrani", "."], ["O"] * 4
    assert _linked(None, words, ents)[1] == []
    forms = ["andorrano", "andorrana", "andorrani", "andorrane"]
    folder = edited_copy(tmp_path, "demonyms", lambda d: d["demonyms"].__setitem__("AD", forms))
    assert _linked(folder, words, ents)[1] == [("andorrani", "AD")]


def test_adding_an_organisation(tmp_path):
    words, ents = (
        ["L'", "Osa", "e", "l'", "Organizzazione", "degli", "Stati", "americani", "."],
        [
            "O",
            "B-ORG",
            "O",
            "O",
            "B-ORG",
            "I-ORG",
            "I-ORG",
            "I-ORG",
            "O",
        ],
    )
    entry = {
        "name": "Organizzazione degli Stati americani",
        "kind": "organisation",
        "forms": ["osa", "oas", "organizzazione degli stati americani"],
    }
    folder = edited_copy(tmp_path, "organisations", lambda d: d["organisations"].__setitem__("OSA", entry))
    (short, long_), _ = _linked(folder, words, ents)
    assert short.entity_id == long_.entity_id and short.canonical == "Organizzazione degli Stati americani"
