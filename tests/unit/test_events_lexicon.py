"""Integrity of resources/event_types.yaml, the loader's checks, the record and the component."""
from __future__ import annotations

import copy

import pytest
import spacy
import yaml

import pipeline  # noqa: F401  (registers it_events)
from pipeline.components.events import EventExtractor
from pipeline.events.lexicon import (RESOURCE, LexiconError, load_lexicon, noun_forms,
                                     parse_lexicon, verb_forms)
from pipeline.events.record import ROW_COLUMNS, Argument, Event

REQUIRED = {
    "WITHDRAWAL": "0874", "DEMAND": "10", "AGREEMENT": "057", "NEGOTIATION": "046",
    "COUP": None, "PROTEST": "141", "DIPLOMATIC_BREAK": "161", "ORG_EXIT": None,
    "ALLIANCE": "062", "MILITARY_AID": "072", "ATTACK": "19", "KILLING": None, "ARREST": "173",
    "ELECTION": None, "STATEMENT": "010",
}


@pytest.fixture(scope="module")
def raw():
    return yaml.safe_load(RESOURCE.read_text(encoding="utf8"))


def test_file_loads_with_required_types_and_cameo(raw):
    lex = load_lexicon()
    for name, cameo in REQUIRED.items():
        assert name in lex.types
        if cameo is not None:
            assert lex.types[name].cameo == cameo
    assert lex.types["DEMAND"].cameo_if_embedded == {"WITHDRAWAL": "106"}
    assert set(raw["_meta"]) >= {"source", "date", "format"}


@pytest.mark.parametrize("phrase", ["colpo di stato", "scendere in piazza", "lasciare il paese"])
def test_required_phrases(phrase):
    assert phrase in {p.text for p in load_lexicon().phrases}


@pytest.mark.parametrize("form, type_", [
    ("ritiro", "WITHDRAWAL"), ("ritireranno", "WITHDRAWAL"), ("chiesto", "DEMAND"),
    ("accordo", "AGREEMENT"), ("colloqui", "NEGOTIATION"), ("proteste", "PROTEST"),
    ("manifestanti", "PROTEST"), ("chiusura", "DIPLOMATIC_BREAK"), ("interrotto", "DIPLOMATIC_BREAK"),
    ("uccisi", "KILLING"), ("arrestati", "ARREST"), ("elezioni", "ELECTION"),
    ("annunciato", "STATEMENT"), ("attacchi", "ATTACK"), ("fornito", "MILITARY_AID"),
])
def test_inflected_forms_match_without_lemma(form, type_):
    assert type_ in {e.type for e in load_lexicon().candidates("?", form)}


def test_generated_forms():
    assert {"ritira", "ritirano", "ritirato", "ritireranno", "ritirerebbe", "ritirarsi"} <= verb_forms("ritirare")
    assert {"annuncerà", "annunciato"} <= verb_forms("annunciare")
    assert {"attaccherà"} <= verb_forms("attaccare")
    assert {"interrompe", "interrompono"} <= verb_forms("interrompere")
    assert {"fornisce", "fornito"} <= verb_forms("fornire")
    assert noun_forms("protesta") >= {"protesta", "proteste"}
    assert noun_forms("attacco") >= {"attacchi"}
    assert noun_forms("ritiro") >= {"ritiri"}


def _broken(raw, edit):
    data = copy.deepcopy(raw)
    edit(data)
    return data


@pytest.mark.parametrize("edit, message", [
    (lambda d: d.update(extra=1), "unknown keys"),
    (lambda d: d["types"]["PROTEST"].update(trigger=["x"]), "unknown keys"),
    (lambda d: d["types"]["PROTEST"]["nouns"].append("Corteo2"), "lowercase"),
    (lambda d: d["types"]["PROTEST"]["nouns"].append("ritiro"), "ambiguous"),
    (lambda d: d["types"]["ATTACK"]["verbs"].append("attaccare"), "duplicates"),
    (lambda d: d["types"]["WITHDRAWAL"]["context"].pop("abbandonare"), "ambiguous"),
    (lambda d: d["types"].update(bad_name={"verbs": ["fare"]}), "UPPER_SNAKE"),
    (lambda d: d["types"]["ATTACK"].update(cameo=19), "digits"),
    (lambda d: d["types"]["ATTACK"]["args"].update(target=["obj/!"]), "path"),
    (lambda d: d["types"]["ATTACK"]["args"].update(place=["obl"]), "unknown keys"),
    (lambda d: d["types"]["ATTACK"].update(forms={"attaccò": "colpire2"}), "not a trigger"),
    (lambda d: d["types"]["ATTACK"].update(phrases=["raid"]), "one word"),
    (lambda d: d["_meta"].pop("source"), "missing"),
    (lambda d: d["cues"].update(negation=["Non"]), "lowercase"),
])
def test_loader_rejects(raw, edit, message):
    with pytest.raises(LexiconError, match=message):
        parse_lexicon(_broken(raw, edit))


def test_ambiguous_trigger_allowed_with_context(raw):
    def edit(d):
        d["types"]["PROTEST"]["verbs"].append("abbandonare")
        d["types"]["PROTEST"]["ambiguous"] = ["abbandonare"]
        d["types"]["PROTEST"]["context"]["abbandonare"] = ["aula"]
    lex = parse_lexicon(_broken(raw, edit))
    assert {e.type for e in lex.candidates("abbandonare", "abbandonato")} == {
        "WITHDRAWAL", "ORG_EXIT", "PROTEST"}


def test_row_columns_and_empty_values():
    ev = Event(type="PROTEST", trigger="proteste", cameo="141",
               place=Argument("Roma", 10, 14, "LOC"),
               quantity=Argument("migliaia", 0, 8, "NUM", 1000))
    row = ev.as_row()
    assert tuple(row) == ROW_COLUMNS
    assert row["place_label"] == "LOC" and row["quantity_value"] == 1000
    assert row["actor"] is None and row["date_value"] is None
    assert (row["negated"], row["modality"]) == (False, "asserted")
    with pytest.raises(Exception):
        ev.type = "ATTACK"  # frozen


def test_factory_config_and_round_trip(tmp_path):
    nlp = spacy.blank("it")
    nlp.add_pipe("it_events")
    meta = nlp.get_pipe_meta("it_events")
    assert set(meta.requires) == {"doc.ents", "token.dep", "token.lemma"}
    assert meta.assigns == ["doc.spans"]
    nlp.to_disk(tmp_path / "p")
    loaded = spacy.load(tmp_path / "p")
    before = nlp.get_pipe("it_events").lexicon
    after = loaded.get_pipe("it_events").lexicon
    assert after.raw == before.raw and list(after.types) == list(before.types)
    ext = EventExtractor(nlp, lexicon=load_lexicon()).from_bytes(
        nlp.get_pipe("it_events").to_bytes())
    assert ext.lexicon.raw == before.raw


def test_docs_example_is_a_valid_entry(raw):
    """The example in docs/events.md loads and matches."""
    text = (RESOURCE.parent.parent.parent / "docs" / "events.md").read_text(encoding="utf8")
    block = text.split("```yaml\n", 1)[1].split("```", 1)[0]
    data = copy.deepcopy(raw)
    data["types"].update(yaml.safe_load(block))
    lex = parse_lexicon(data)
    assert lex.types["CEASEFIRE"].cameo == "0871"
    assert "CEASEFIRE" in {e.type for e in lex.candidates("?", "concesso")}
    assert "cessate il fuoco" in {p.text for p in lex.phrases}


def test_analyze_pipes_no_problems_with_parser_and_ner():
    nlp = spacy.blank("it")
    for name in ("parser", "ner"):
        nlp.add_pipe(name)
    nlp.add_pipe("lemmatizer", config={"mode": "rule"})
    nlp.add_pipe("it_events")
    assert nlp.analyze_pipes()["problems"]["it_events"] == []
    blank = spacy.blank("it")
    blank.add_pipe("it_events")  # the blank pipeline: requirements reported, still runs
    assert set(blank.analyze_pipes()["problems"]["it_events"]) == {"doc.ents", "token.dep", "token.lemma"}
