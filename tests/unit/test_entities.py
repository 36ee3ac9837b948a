"""``it_entities`` and ``pipeline.entities``: who is who in an article, and which country.

Docs are built with given entities (and, for events, a given parse): the rules, not the
statistical model, are under test.
"""

from __future__ import annotations

import json

import pytest
import spacy
from spacy.tokens import Doc

import pipeline  # noqa: F401  (registers the factories and extensions)
from pipeline.entities import Gazetteer, Mention, resolve
from pipeline.inventories import ENTITY_KINDS
from pipeline.lang.loader import shipped
from pipeline.tables import ACTOR_COLUMNS, mention_rows


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_data(shipped())


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("it")
    nlp.add_pipe("it_entities")
    nlp.add_pipe("it_events")
    return nlp


def doc_with(nlp, tokens: list[tuple[str, str]]) -> Doc:
    """A Doc from (word, IOB entity tag) pairs: "B-LOC", "I-LOC" or "O"."""
    words = [w for w, _ in tokens]
    return Doc(nlp.vocab, words=words, ents=[tag for _, tag in tokens])


def tagged(text: str) -> list[tuple[str, str]]:
    """ "Gli [Stati Uniti|LOC] e ..." -> (word, IOB tag) pairs; words split on spaces."""
    out: list[tuple[str, str]] = []
    current: list[str] | None = None
    for raw in text.split():
        if raw.startswith("["):
            current, raw = [], raw[1:]
        if current is None:
            out.append((raw, "O"))
        elif raw.endswith("]"):
            word, label = raw[:-1].split("|")
            current.append(word)
            out += [(w, f"{'B' if i == 0 else 'I'}-{label}") for i, w in enumerate(current)]
            current = None
        else:
            current.append(raw)
    return out


def records(doc: Doc) -> list[tuple[str, str, str | None, str, str | None]]:
    return [(e.text, e._.entity.entity_id, e._.entity.canonical, e._.entity.kind, e._.entity.country) for e in doc.ents]


# ---------------------------------------------------------------------------- gazetteer


@pytest.mark.parametrize(
    ("surface", "label", "canonical", "kind", "country"),
    [
        ("Stati Uniti", "LOC", "Stati Uniti", "country", "US"),
        ("gli Usa", "LOC", "Stati Uniti", "country", "US"),
        ("USA", "ORG", "Stati Uniti", "country", "US"),
        ("Washington", "LOC", "Washington", "city", "US"),
        ("la Casa Bianca", "ORG", "Casa Bianca", "seat", "US"),
        ("Cremlino", "ORG", "Cremlino", "seat", "RU"),
        ("Farnesina", "LOC", "Farnesina", "seat", "IT"),
        ("l’Eliseo", "ORG", "Eliseo", "seat", "FR"),
        ("Downing Street", "LOC", "Downing Street", "seat", "GB"),
        ("Mosca", "ORG", "Mosca", "city", "RU"),
        ("Onu", "ORG", "Organizzazione delle Nazioni Unite", "organisation", None),
        ("OTAN", "ORG", "Organizzazione del Trattato dell'Atlantico del Nord", "organisation", None),
        ("Cedeao", "ORG", "Comunità economica degli Stati dell'Africa occidentale", "organisation", None),
        ("dell'Ecowas", "ORG", "Comunità economica degli Stati dell'Africa occidentale", "organisation", None),
        ("Rdc", "LOC", "Repubblica democratica del Congo", "country", "CD"),
        ("Costa d’Avorio", "LOC", "Costa d'Avorio", "country", "CI"),
        ("Lombardia", "LOC", "Lombardia", "region", "IT"),
        ("Abbiategrasso", "LOC", "Abbiategrasso", "city", "IT"),
        ("Pechino", "LOC", "Pechino", "city", "CN"),
    ],
)
def test_gazetteer_names(gaz, surface, label, canonical, kind, country):
    target = gaz.match(gaz.key(surface), label)
    assert target is not None, surface
    assert (target.canonical, target.kind, target.country) == (canonical, kind, country)


@pytest.mark.parametrize(
    ("surface", "label"),
    [
        ("Marino", "PER"),  # a comune, but a person is never a place
        ("Roma", "ORG"),  # the football club, not the Italian government
        ("Abbiategrasso", "ORG"),  # comuni are places only
        ("Mario Draghi", "LOC"),
    ],
)
def test_gazetteer_does_not_match(gaz, surface, label):
    assert gaz.match(gaz.key(surface), label) is None


def test_demonyms_and_countries_inside_names(gaz):
    assert [gaz.demonym(w) for w in ("americani", "nigerino", "maliana", "francesi", "Tedesche")] == [
        "US",
        "NE",
        "ML",
        "FR",
        "DE",
    ]
    assert gaz.demonym("cucina") is None
    assert gaz.country_in(gaz.key("ministero della Difesa del Niger")) == "NE"
    assert gaz.country_in(gaz.key("Esercito nigerino")) == "NE"


# ---------------------------------------------------------------------------- clustering


def _resolve(gaz, mentions: list[tuple[str, str]], before: dict[int, str] | None = None):
    ms, pos = [], 0
    for i, (text, label) in enumerate(mentions):
        ms.append(Mention(pos, pos + len(text), text, label, (before or {}).get(i, "")))
        pos += len(text) + 10
    return resolve(ms, gaz)


def test_full_name_then_surname_share_an_id(gaz):
    out = _resolve(gaz, [("Joe Biden", "PER"), ("Biden", "PER"), ("presidente Biden", "PER")])
    assert {r.entity_id for r in out} == {"E1"}
    assert {r.canonical for r in out} == {"Joe Biden"} and out[0].kind == "person"


def test_surname_first_then_full_name(gaz):
    out = _resolve(gaz, [("Biden", "PER"), ("Joe Biden", "PER")])
    assert out[0].entity_id == out[1].entity_id and out[0].canonical == "Joe Biden"


def test_two_people_with_the_same_surname_are_not_merged(gaz):
    out = _resolve(gaz, [("Mario Rossi", "PER"), ("Paolo Rossi", "PER"), ("Rossi", "PER"), ("Mario Rossi", "PER")])
    assert [r.entity_id for r in out] == ["E1", "E2", "E2", "E1"]
    assert [r.canonical for r in out] == ["Mario Rossi", "Paolo Rossi", "Paolo Rossi", "Mario Rossi"]


def test_acronym_of_an_unknown_organisation(gaz):
    out = _resolve(gaz, [("Fronte di Liberazione Nazionale", "ORG"), ("FLN", "ORG"), ("il Fronte", "ORG")])
    assert out[0].entity_id == out[1].entity_id == "E1" and out[2].entity_id == "E2"
    assert out[1].canonical == "Fronte di Liberazione Nazionale"


def test_unknown_names_get_a_country_from_inside_or_before(gaz):
    out = _resolve(
        gaz, [("ministero della Difesa del Niger", "ORG"), ("Ali Lamine Zeine", "PER")], before={1: "nigerino"}
    )
    assert [(r.kind, r.country) for r in out] == [("organisation", "NE"), ("person", "NE")]


def test_every_kind_is_in_the_inventory(gaz):
    kinds = {t.kind for t in gaz.names.values()}
    assert kinds <= set(ENTITY_KINDS)


# ---------------------------------------------------------------------------- the component on articles

ARTICLE_US = (
    "Gli [Stati Uniti|LOC] ritirano i soldati . Gli [Usa|LOC] lo hanno deciso ieri : [Washington|LOC] "
    "conferma e la [Casa Bianca|ORG] tace . Fonti [USA|ORG] confermano ."
)


def test_the_same_country_in_several_forms(nlp):
    doc = nlp(doc_with(nlp, tagged(ARTICLE_US)))
    rec = records(doc)
    assert [r[0] for r in rec] == ["Stati Uniti", "Usa", "Washington", "Casa Bianca", "USA"]
    ids = {r[0]: r[1] for r in rec}
    assert ids["Stati Uniti"] == ids["Usa"] == ids["USA"] != ids["Washington"] != ids["Casa Bianca"]
    # all five are the United States for someone counting by country
    assert {r[4] for r in rec} == {"US"}
    assert rec[2][2:4] == ("Washington", "city") and rec[3][2:4] == ("Casa Bianca", "seat")
    # labels stay as the model gave them (metonymy is kept)
    assert [e.label_ for e in doc.ents] == ["LOC", "LOC", "LOC", "ORG", "ORG"]


def test_united_nations_long_name_and_acronym(nlp):
    text = (
        "L' [Organizzazione delle Nazioni Unite|ORG] ha condannato il golpe . "
        "Secondo l' [Onu|ORG] la crisi dura da mesi . A [New York|LOC] , sede dell' [ONU|ORG] , si vota ."
    )
    doc = nlp(doc_with(nlp, tagged(text)))
    rec = {r[0]: r for r in records(doc)}
    assert rec["Organizzazione delle Nazioni Unite"][1] == rec["Onu"][1] == rec["ONU"][1]
    assert rec["Onu"][2] == "Organizzazione delle Nazioni Unite" and rec["Onu"][3] == "organisation"
    assert rec["New York"][4] == "US"


def test_people_of_one_article(nlp):
    text = (
        "Il ministro [Mario Rossi|PER] ha incontrato [Paolo Rossi|PER] . Poi [Rossi|PER] ha parlato "
        "con il presidente [Joe Biden|PER] . [Biden|PER] ha risposto ."
    )
    doc = nlp(doc_with(nlp, tagged(text)))
    ids = [r[1] for r in records(doc)]
    assert ids == ["E1", "E2", "E2", "E3", "E3"]


def test_running_twice_is_running_once_and_groups_are_configurable(nlp):
    doc = doc_with(nlp, tagged(ARTICLE_US))
    linker = nlp.get_pipe("it_entities")
    linker(doc)
    once = [(s.start, s.end, s.label_, s._.entity) for s in doc.spans["entities"]]
    linker(doc)
    assert [(s.start, s.end, s.label_, s._.entity) for s in doc.spans["entities"]] == once

    other = spacy.blank("it")
    other.add_pipe("it_entities", config={"spans_key": "chi", "demonyms_key": "paesi"})
    d = other(doc_with(other, tagged("I soldati americani e il [Niger|LOC] .")))
    assert [s.text for s in d.spans["chi"]] == ["Niger"]
    assert [(s.text, s._.entity.country, s._.entity.kind) for s in d.spans["paesi"]] == [("americani", "US", "demonym")]


def test_factory_defaults_and_to_disk(tmp_path):
    nlp = spacy.blank("it")
    nlp.add_pipe("it_entities")
    cfg = nlp.config["components"]["it_entities"]
    assert (cfg["spans_key"], cfg["demonyms_key"], cfg["overwrite"]) == ("entities", "demonyms", True)
    assert cfg["data"] == {"@misc": "pipeline.it_language_data.v1", "path": None}
    nlp.to_disk(tmp_path / "p")
    saved = sorted(p.stem for p in (tmp_path / "p" / "it_entities").glob("*.json"))
    assert {"countries", "demonyms", "organisations", "italian_places"} <= set(saved)
    loaded = spacy.load(tmp_path / "p")
    doc = loaded(doc_with(loaded, tagged("Gli [Usa|LOC] .")))
    assert doc.ents[0]._.entity.country == "US"


# ---------------------------------------------------------------------------- events


def parsed(nlp, words, heads, deps, pos, lemmas, ents):
    return Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas, ents=ents)


@pytest.mark.parametrize(
    ("det", "noun", "adj", "country"),
    [
        ("I", "soldati", "americani", "US"),
        ("Il", "governo", "nigerino", "NE"),
        ("La", "giunta", "maliana", "ML"),
        ("I", "militari", "francesi", "FR"),
    ],
)
def test_a_demonym_makes_an_actor_with_a_country(nlp, det, noun, adj, country):
    # "<det> <noun> <adj> ha ritirato le truppe ." : nsubj of a WITHDRAWAL verb
    doc = parsed(
        nlp,
        [det, noun, adj, "ha", "ritirato", "le", "truppe", "."],
        [1, 4, 1, 4, 4, 6, 4, 4],
        ["det", "nsubj", "amod", "aux", "ROOT", "det", "obj", "punct"],
        ["DET", "NOUN", "ADJ", "AUX", "VERB", "DET", "NOUN", "PUNCT"],
        ["il", noun, adj, "avere", "ritirare", "il", "truppa", "."],
        ["O"] * 8,
    )
    doc = nlp(doc)
    (event,) = [s._.event for s in doc.spans["events"]]
    assert event.type == "WITHDRAWAL"
    assert event.actor.text == f"{det} {noun} {adj}"
    assert (event.actor.country, event.actor.entity_id, event.actor.canonical) == (country, None, None)
    row = event.as_row()
    assert row["actor_country"] == country


def test_a_demonym_outside_the_arguments_makes_no_actor(nlp):
    # "Il governo ha ritirato le truppe , secondo la stampa francese ." : francese is in an
    # obl, not in the actor or the target
    doc = parsed(
        nlp,
        ["Il", "governo", "ha", "ritirato", "le", "truppe", ",", "secondo", "la", "stampa", "francese", "."],
        [1, 3, 3, 3, 5, 3, 9, 9, 9, 3, 9, 3],
        ["det", "nsubj", "aux", "ROOT", "det", "obj", "punct", "case", "det", "obl", "amod", "punct"],
        ["DET", "NOUN", "AUX", "VERB", "DET", "NOUN", "PUNCT", "ADP", "DET", "NOUN", "ADJ", "PUNCT"],
        ["il", "governo", "avere", "ritirare", "il", "truppa", ",", "secondo", "il", "stampa", "francese", "."],
        ["O"] * 12,
    )
    doc = nlp(doc)
    # ("secondo la stampa francese" is a STATEMENT of its own since issue 13: the press speaks)
    (event,) = [s._.event for s in doc.spans["events"] if s.label_ == "WITHDRAWAL"]
    assert event.actor.text == "Il governo" and event.actor.country is None
    assert event.target.text == "le truppe" and event.target.country is None
    assert [s.text for s in doc.spans["demonyms"]] == ["francese"]  # found, but no actor


def test_a_demonym_in_a_sentence_without_event_gives_nothing(nlp):
    doc = nlp(doc_with(nlp, tagged("La cucina francese piace ai turisti americani .")))
    assert len(doc.spans["events"]) == 0
    assert len(doc.ents) == 0 and mention_rows(doc)["actors"] == []


def test_a_metonymic_capital_keeps_its_label_and_gets_its_country(nlp):
    # "Washington ha ritirato le truppe ."
    doc = parsed(
        nlp,
        ["Washington", "ha", "ritirato", "le", "truppe", "."],
        [2, 2, 2, 4, 2, 2],
        ["nsubj", "aux", "ROOT", "det", "obj", "punct"],
        ["PROPN", "AUX", "VERB", "DET", "NOUN", "PUNCT"],
        ["Washington", "avere", "ritirare", "il", "truppa", "."],
        ["B-LOC", "O", "O", "O", "O", "O"],
    )
    doc = nlp(doc)
    (event,) = [s._.event for s in doc.spans["events"]]
    assert (event.actor.text, event.actor.label, event.actor.country, event.actor.canonical) == (
        "Washington",
        "LOC",
        "US",
        "Washington",
    )
    assert event.actor.entity_id == "E1" and doc.ents[0]._.entity.kind == "city"


def test_an_argument_with_several_entities_joins_them(nlp):
    # "Mali e Niger hanno ritirato le truppe ."
    doc = parsed(
        nlp,
        ["Mali", "e", "Niger", "hanno", "ritirato", "le", "truppe", "."],
        [4, 2, 0, 4, 4, 6, 4, 4],
        ["nsubj", "cc", "conj", "aux", "ROOT", "det", "obj", "punct"],
        ["PROPN", "CCONJ", "PROPN", "AUX", "VERB", "DET", "NOUN", "PUNCT"],
        ["Mali", "e", "Niger", "avere", "ritirare", "il", "truppa", "."],
        ["B-LOC", "O", "B-LOC", "O", "O", "O", "O", "O"],
    )
    (event,) = [s._.event for s in nlp(doc).spans["events"]]
    assert (event.actor.entity_id, event.actor.canonical, event.actor.country) == ("E1|E2", "Mali|Niger", "ML|NE")


# ---------------------------------------------------------------------------- tables


def test_entity_rows_and_actor_rows(nlp):
    doc = nlp(doc_with(nlp, tagged(ARTICLE_US)))
    rows = mention_rows(doc)
    first = rows["entities"][0]
    assert {k: first[k] for k in ("text", "label", "entity_id", "canonical", "kind", "country")} == {
        "text": "Stati Uniti",
        "label": "LOC",
        "entity_id": "E1",
        "canonical": "Stati Uniti",
        "kind": "country",
        "country": "US",
    }
    actors = rows["actors"]
    assert [a["entity_id"] for a in actors] == ["E1", "E2", "E3"]
    us = actors[0]
    assert set(us) == set(ACTOR_COLUMNS) - {"doc_id"}
    assert (us["n_mentions"], us["surfaces"], us["label"]) == (3, "Stati Uniti|Usa|USA", "LOC")
    assert doc.text[us["start"] : us["end"]] == "Stati Uniti"


# ---------------------------------------------------------------------------- data


def test_gazetteer_data_sizes():
    data = shipped()
    assert len(data["countries"]["countries"]) >= 249
    assert len(data["italian_places"]["comuni"]) >= 7800  # names; homonyms share one
    assert sum(len(v) for v in data["italian_places"]["comuni"].values()) == 7904
    assert len(data["italian_places"]["regions"]) == 20
    assert len(data["demonyms"]["demonyms"]) >= 120
    for name in ("countries", "italian_places"):
        assert data[name]["_meta"]["licence"]


def test_build_script_reproduces_the_generated_files():
    pytest.importorskip("babel")
    pytest.importorskip("pycountry")
    import importlib.util

    from pipeline.lang.loader import DATA_DIR
    from tests.conftest import ROOT

    spec = importlib.util.spec_from_file_location("build_gazetteers", ROOT / "tools" / "build_gazetteers.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    shipped_countries = json.loads((DATA_DIR / "countries.json").read_text(encoding="utf-8"))
    assert module.build_countries()["countries"] == shipped_countries["countries"]
    if module.DEFAULT_ISTAT.exists():
        places = json.loads((DATA_DIR / "italian_places.json").read_text(encoding="utf-8"))
        assert module.build_italian_places(module.DEFAULT_ISTAT)["comuni"] == places["comuni"]
