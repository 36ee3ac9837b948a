"""Integrity of the event data (event_types.json, event_cues.json, inflection.json), the
checks of the schema and of the compiler, the inflector and the record."""

from __future__ import annotations

import copy
import dataclasses
import json
from pathlib import Path

import pytest

from pipeline import inventories
from pipeline.events.lexicon import EventLexicon, load_lexicon
from pipeline.events.record import ROW_COLUMNS, Argument, Event
from pipeline.lang.loader import SCHEMA_DIR, LanguageData, LanguageDataError, shipped

ROOT = Path(__file__).resolve().parents[2]
REQUIRED = {
    "WITHDRAWAL": "0874",
    "DEMAND": "10",
    "AGREEMENT": "057",
    "NEGOTIATION": "046",
    "COUP": None,
    "PROTEST": "141",
    "DIPLOMATIC_BREAK": "161",
    "ORG_EXIT": None,
    "ALLIANCE": "062",
    "MILITARY_AID": "072",
    "ATTACK": "19",
    "KILLING": None,
    "ARREST": "173",
    "ELECTION": None,
    "STATEMENT": "010",
}


@pytest.fixture(scope="module")
def lex() -> EventLexicon:
    return load_lexicon()


@pytest.fixture()
def raw() -> dict:
    return copy.deepcopy(shipped()["event_types"])


def compile_types(event_types: dict, **others: dict) -> EventLexicon:
    """Compile edited data: ``LanguageData`` runs the schema, the compiler the rest."""
    return EventLexicon.from_data(LanguageData(files={"event_types": event_types, **others}))


def test_file_loads_with_required_types_and_cameo(lex):
    for name, cameo in REQUIRED.items():
        assert name in lex.types
        if cameo is not None:
            assert lex.types[name].cameo == cameo
    assert lex.types["DEMAND"].cameo_if_embedded == {"WITHDRAWAL": "106"}
    meta = shipped()["event_types"]["_meta"]
    assert meta["date"] == "2026-12-02" and meta["format"]


def test_gold_validation_accepts_exactly_the_data_types(lex):
    assert inventories.event_types() == frozenset(lex.types)


def test_schema_enums_match_the_inventories():
    schema = json.loads((SCHEMA_DIR / "event_types.json").read_text(encoding="utf-8"))
    type_props = schema["$defs"]["type"]["properties"]
    assert tuple(type_props["embedded_modality"]["enum"]) == inventories.MODALITIES
    assert set(type_props["args"]["properties"]) <= set(inventories.EVENT_ROLES)


@pytest.mark.parametrize("phrase", ["colpo di stato", "scendere in piazza", "lasciare il paese"])
def test_required_phrases(lex, phrase):
    assert phrase in {p.text for p in lex.phrases}


def test_word_groups_are_expanded(lex):
    assert {"soldato", "soldati", "truppe"} <= lex.types["WITHDRAWAL"].context["partenza"]
    assert "ent:PER" in lex.types["COUP"].context["deporre"]


@pytest.mark.parametrize(
    "form, type_",
    [
        ("ritiro", "WITHDRAWAL"),
        ("ritireranno", "WITHDRAWAL"),
        ("chiesto", "DEMAND"),
        ("accordo", "AGREEMENT"),
        ("colloqui", "NEGOTIATION"),
        ("proteste", "PROTEST"),
        ("manifestanti", "PROTEST"),
        ("chiusura", "DIPLOMATIC_BREAK"),
        ("interrotto", "DIPLOMATIC_BREAK"),
        ("uccisi", "KILLING"),
        ("arrestati", "ARREST"),
        ("elezioni", "ELECTION"),
        ("annunciato", "STATEMENT"),
        ("attacchi", "ATTACK"),
        ("fornito", "MILITARY_AID"),
    ],
)
def test_inflected_forms_match_without_lemma(lex, form, type_):
    assert type_ in {e.type for e in lex.candidates("?", form)}


def test_generated_forms(lex):
    verb_forms, noun_forms = lex.inflector.verb_forms, lex.inflector.noun_forms
    assert {"ritira", "ritirano", "ritirato", "ritireranno", "ritirerebbe", "ritirarsi"} <= verb_forms("ritirare")
    assert {"annuncerà", "annunciato"} <= verb_forms("annunciare")
    assert {"attaccherà"} <= verb_forms("attaccare")
    assert {"interrompe", "interrompono"} <= verb_forms("interrompere")
    assert {"fornisce", "fornito"} <= verb_forms("fornire")
    assert {"scontrarsi", "scontrare", "scontrato"} <= verb_forms("scontrarsi")
    assert noun_forms("protesta") >= {"protesta", "proteste"}
    assert noun_forms("attacco") >= {"attacchi"}
    assert noun_forms("ritiro") >= {"ritiri"}
    assert noun_forms("città") == {"città"} and noun_forms("sit-in") == {"sit-in"}


def test_inflector_reads_its_table():
    table = copy.deepcopy(shipped()["inflection"])
    table["noun_plurals"]["-ma"] = ["-mi"]  # a new plural rule: one data edit
    lex = EventLexicon.from_data(LanguageData(files={"inflection": table}))
    assert lex.inflector.noun_forms("programma") == {"programma", "programmi"}
    assert lex.inflector.is_conditional("ritirerebbero") and lex.inflector.is_infinitive("ritirarsi")


def test_conditional_and_infinitive_endings(lex):
    assert lex.inflector.is_conditional("potrebbe") and not lex.inflector.is_conditional("ritira")
    assert lex.inflector.plain_infinitive("ritirarsi") == "ritirare"
    assert lex.inflector.plain_infinitive("ritirare") is None


@pytest.mark.parametrize(
    "edit, message",
    [
        (lambda d: d.update(extra=1), "Additional properties"),
        (lambda d: d["types"]["PROTEST"].update(trigger=["x"]), "types/PROTEST.*Additional properties"),
        (lambda d: d["types"]["PROTEST"]["nouns"].append("Corteo2"), "types/PROTEST/nouns/.*lowercase"),
        (lambda d: d["types"]["ATTACK"]["verbs"].append("attaccare"), "types/ATTACK/verbs.*non-unique"),
        (lambda d: d["types"].update(bad_name={"verbs": ["fare"]}), "types.*bad_name"),
        (lambda d: d["types"]["ATTACK"].update(cameo=19), "types/ATTACK/cameo"),
        (lambda d: d["types"]["ATTACK"]["args"].update(target=["obj/!"]), "types/ATTACK/args/target/0"),
        (lambda d: d["types"]["ATTACK"]["args"].update(place=["obl"]), "types/ATTACK/args.*place"),
        (lambda d: d["types"]["ATTACK"].update(phrases=["raid"]), "types/ATTACK/phrases/0"),
        (lambda d: d["types"]["ATTACK"].update(control="nobody"), "types/ATTACK/control"),
        (lambda d: d["types"]["DEMAND"].update(embedded_modality="maybe"), "types/DEMAND/embedded_modality"),
        (lambda d: d["_meta"].pop("source"), "_meta.*source"),
    ],
)
def test_schema_rejects(raw, edit, message):
    edit(raw)
    with pytest.raises(LanguageDataError, match=f"event_types.json: .*{message}"):
        compile_types(raw)


@pytest.mark.parametrize(
    "edit, message",
    [
        (
            lambda d: d["types"]["PROTEST"]["nouns"].append("ritiro"),
            "types/PROTEST: 'ritiro' is also a trigger of \\['WITHDRAWAL'\\]: mark it ambiguous",
        ),
        (lambda d: d["types"]["WITHDRAWAL"]["context"].pop("abbandonare"), "types/WITHDRAWAL: 'abbandonare'"),
        (
            lambda d: d["types"]["ATTACK"].update(forms={"attaccò": "colpire2"}),
            "types/ATTACK/forms/attaccò: points to 'colpire2', not a trigger word of ATTACK",
        ),
        (
            lambda d: d["types"]["ATTACK"]["context"].update(sparare=["arma"]),
            "types/ATTACK/context/sparare: not a verb or noun of this type",
        ),
        (
            lambda d: d["types"]["COUP"]["context"].update(deporre=["@capi"]),
            "types/COUP/context/deporre: unknown word group '@capi'",
        ),
        (
            lambda d: d["types"]["COUP"]["context"].update(deporre=["ent:GPE"]),
            "types/COUP/context/deporre: 'ent:GPE': entity labels are",
        ),
        (
            lambda d: d["types"]["ATTACK"].update(verbs=["attaccare"], nouns=["attaccare"]),
            "types/ATTACK: \\['attaccare'\\] listed as both verb and noun",
        ),
        (
            lambda d: d["types"]["DEMAND"].update(cameo_if_embedded={"RETREAT": "106"}),
            "types/DEMAND/cameo_if_embedded: unknown type 'RETREAT'",
        ),
        (
            lambda d: d["types"]["PROTEST"].update(ambiguous=["sciopero", "fuga"]),
            "types/PROTEST/ambiguous: 'fuga' is not a verb or noun of PROTEST",
        ),
    ],
)
def test_compiler_rejects_with_file_key_and_problem(raw, edit, message):
    edit(raw)
    with pytest.raises(LanguageDataError, match=f"^event_types.json: {message}"):
        compile_types(raw)


def test_cues_and_function_words_are_validated():
    cues = copy.deepcopy(shipped()["event_cues"])
    cues["uncertain"].append("Forse")
    with pytest.raises(LanguageDataError, match="event_cues.json: uncertain/.*lowercase"):
        LanguageData(files={"event_cues": cues})
    table = copy.deepcopy(shipped()["inflection"])
    table["reflexive_infinitives"]["-orsi"] = "-orre"
    message = "inflection.json: reflexive_infinitives/-orsi: '-orre' is not a verb class"
    with pytest.raises(LanguageDataError, match=message):
        EventLexicon.from_data(LanguageData(files={"inflection": table}))


def test_ambiguous_trigger_allowed_with_context(raw):
    raw["types"]["PROTEST"]["verbs"].append("abbandonare")
    raw["types"]["PROTEST"]["ambiguous"] = ["abbandonare"]
    raw["types"]["PROTEST"]["context"]["abbandonare"] = ["aula"]
    lex = compile_types(raw)
    assert {e.type for e in lex.candidates("abbandonare", "abbandonato")} == {"WITHDRAWAL", "ORG_EXIT", "PROTEST"}


def test_row_columns_and_empty_values():
    ev = Event(
        type="PROTEST",
        trigger="proteste",
        cameo="141",
        place=Argument("Roma", 10, 14, "LOC"),
        quantity=Argument("migliaia", 0, 8, "NUM", 1000),
    )
    row = ev.as_row()
    assert tuple(row) == ROW_COLUMNS
    assert row["place_label"] == "LOC" and row["quantity_value"] == 1000
    assert row["actor"] is None and row["date_value"] is None
    assert (row["negated"], row["modality"]) == (False, "asserted")
    with pytest.raises(dataclasses.FrozenInstanceError):
        ev.type = "ATTACK"  # type: ignore[misc]


def test_docs_example_is_a_valid_entry(raw):
    """The example in docs/events.md loads and matches."""
    text = (ROOT / "docs" / "events.md").read_text(encoding="utf8")
    block = text.split("```json\n", 1)[1].split("```", 1)[0]
    raw["types"].update(json.loads("{" + block + "}"))
    lex = compile_types(raw)
    assert lex.types["CEASEFIRE"].cameo == "0871"
    assert "CEASEFIRE" in {e.type for e in lex.candidates("?", "concesso")}
    assert "cessate il fuoco" in {p.text for p in lex.phrases}
