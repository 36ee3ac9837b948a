"""The ``it_events`` component contract: factory and config, idempotence, no per-Doc state,
serialisation, configurable span keys and language data (adding a type is one data edit)."""

from __future__ import annotations

import json

import spacy
from spacy.tokens import Doc, Span

import pipeline  # noqa: F401  (registers it_events and the extensions)
from pipeline.lang.loader import DATA_DIR
from pipeline.normalize.dates import Timex

WORDS = ["Ieri", "le", "truppe", "francesi", "hanno", "lasciato", "il", "paese", "."]
LEMMAS = ["ieri", "il", "truppa", "francese", "avere", "lasciare", "il", "paese", "."]


def blank_doc(nlp, words=WORDS, lemmas=LEMMAS) -> Doc:
    return Doc(nlp.vocab, words=words, lemmas=lemmas)


def rows(doc: Doc, key: str = "events") -> list[tuple]:
    return [(s.start, s.end, s.label_, s._.event) for s in doc.spans[key]]


def test_factory_config_declared_once():
    nlp = spacy.blank("it")
    nlp.add_pipe("it_events")
    cfg = nlp.config["components"]["it_events"]
    assert cfg["spans_key"] == "events" and cfg["overwrite"] is True
    assert (cfg["dates_key"], cfg["numbers_key"]) == ("dates", "numbers")
    assert cfg["data"] == {"@misc": "pipeline.it_language_data.v1", "path": None}
    meta = nlp.get_pipe_meta("it_events")
    assert set(meta.requires) == {"doc.ents", "token.dep", "token.lemma"}
    assert meta.assigns == ["doc.spans"]


def test_running_twice_gives_the_same_doc_and_leaves_no_state():
    nlp = spacy.blank("it")
    events = nlp.add_pipe("it_events")
    doc = blank_doc(nlp)
    events(doc)
    once = rows(doc)
    user_data = dict(doc.user_data)
    events(doc)
    assert rows(doc) == once and len(once) == 1
    assert once[0][2] == "WITHDRAWAL"
    assert dict(doc.user_data) == user_data
    # nothing of the Doc is kept on the component or its rules
    assert not any(isinstance(v, (Doc, Span, set, list)) and v for v in vars(events.rules).values())


def test_overwrite_false_adds_without_duplicates():
    nlp = spacy.blank("it")
    events = nlp.add_pipe("it_events", config={"overwrite": False})
    doc = blank_doc(nlp)
    events(doc)
    events(doc)
    assert len(doc.spans["events"]) == 1


def test_span_keys_are_configurable():
    nlp = spacy.blank("it")
    events = nlp.add_pipe("it_events", config={"spans_key": "eventi", "dates_key": "tempi"})
    doc = blank_doc(nlp)
    span = Span(doc, 0, 1, label="DATE")
    span._.date_value = Timex(value="2024-05-19", type="DATE")
    doc.spans["tempi"] = [span]
    events(doc)
    assert "events" not in doc.spans
    (event,) = [s._.event for s in doc.spans["eventi"]]
    assert event.date is not None and event.date.value == "2024-05-19"


def test_to_disk_from_disk_round_trip(tmp_path):
    nlp = spacy.blank("it")
    nlp.add_pipe("it_events")
    nlp.to_disk(tmp_path / "p")
    saved = sorted(p.name for p in (tmp_path / "p" / "it_events").glob("*.json"))
    assert saved == ["event_cues.json", "event_types.json", "function_words.json", "inflection.json"]
    loaded = spacy.load(tmp_path / "p")
    before, after = nlp.get_pipe("it_events"), loaded.get_pipe("it_events")
    assert list(after.lexicon.types) == list(before.lexicon.types)
    assert rows(after(blank_doc(loaded))) == rows(before(blank_doc(nlp)))
    restored = spacy.blank("it").add_pipe("it_events").from_bytes(before.to_bytes())
    assert restored.data["event_types"] == before.data["event_types"]


def test_a_new_type_is_one_data_edit(tmp_path):
    """docs/events.md: copy event_types.json, add a type, point the config at the folder."""
    data = json.loads((DATA_DIR / "event_types.json").read_text(encoding="utf-8"))
    data["types"]["EVACUATION"] = {"description": "civilians evacuated", "verbs": ["sgomberare"], "nouns": ["sgombero"]}
    (tmp_path / "event_types.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    nlp = spacy.blank("it")
    events = nlp.add_pipe(
        "it_events", config={"data": {"@misc": "pipeline.it_language_data.v1", "path": str(tmp_path)}}
    )
    doc = Doc(
        nlp.vocab,
        words=["La", "polizia", "ha", "sgomberato", "il", "campo", "."],
        lemmas=["il", "polizia", "avere", "sgomberare", "il", "campo", "."],
    )
    assert [s._.event.type for s in events(doc).spans["events"]] == ["EVACUATION"]
    # the shipped data is untouched
    shipped = spacy.blank("it").add_pipe("it_events")
    assert "EVACUATION" not in shipped.lexicon.types


def test_analyze_pipes_no_problems_with_parser_and_ner():
    nlp = spacy.blank("it")
    for name in ("parser", "ner"):
        nlp.add_pipe(name)
    nlp.add_pipe("lemmatizer", config={"mode": "rule"})
    nlp.add_pipe("it_events")
    assert nlp.analyze_pipes()["problems"]["it_events"] == []
