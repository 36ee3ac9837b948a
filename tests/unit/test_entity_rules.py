"""``it_entity_rules``: the rules on hand-built Docs (the model is not under test)."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from pipeline.entity_rules import RulesLexicon, Tok, correct, headline_case, truecase
from pipeline.entity_rules.lexicon import STRONG, WEAK
from pipeline.lang.loader import LanguageData


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("it")
    nlp.add_pipe("it_entity_rules")
    return nlp


@pytest.fixture(scope="module")
def lexicon():
    return RulesLexicon.from_data(LanguageData())


def make(nlp, text: str, ents: dict[str, str]) -> Doc:
    """A Doc of ``text`` split on spaces; ``ents`` maps "word word@n" (n-th occurrence) to a label."""
    words = text.split(" ")
    tags = ["O"] * len(words)
    for name, label in ents.items():
        name, _, nth = name.partition("@")
        parts = name.split(" ")
        hits = [i for i in range(len(words)) if words[i : i + len(parts)] == parts]
        i = hits[int(nth or 0)]
        tags[i : i + len(parts)] = [f"B-{label}"] + [f"I-{label}"] * (len(parts) - 1)
    starts = [i == 0 or words[i - 1] in {".", "\n\n"} for i in range(len(words))]
    return Doc(nlp.vocab, words=words, ents=tags, sent_starts=starts)


def ents(doc: Doc) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in doc.ents]


# --- gazetteer --------------------------------------------------------------------------
def test_strength_of_gazetteer_names(lexicon):
    assert lexicon.lookup("Civita Castellana").strength == STRONG  # multi-word comune
    assert lexicon.lookup("Niger").strength == STRONG
    assert lexicon.lookup("Bra").strength == WEAK  # one-word comune, not a province
    assert lexicon.lookup("Fermo").strength == WEAK  # a province, but a common word
    assert lexicon.lookup("Onu").label == "ORG"


@pytest.mark.parametrize(
    ("text", "given", "expected"),
    [
        ("Il treno va a Civita Castellana .", {"Civita Castellana": "PER"}, [("Civita Castellana", "LOC")]),
        ("Ieri il Niger ha chiesto il ritiro .", {"Niger": "ORG"}, [("Niger", "LOC")]),  # metonymy: LOC
        ("Le truppe della Nato sono partite .", {"Nato": "LOC"}, [("Nato", "ORG")]),
        ("I dati ISTAT sono usciti .", {"ISTAT": "PER"}, [("ISTAT", "ORG")]),
        ("Ha vinto la Roma ieri .", {"Roma": "ORG"}, [("Roma", "ORG")]),  # a team: left to the model
        ("Ieri Mosca ha risposto .", {"Mosca": "ORG"}, [("Mosca", "LOC")]),  # a capital: metonymy
        ("Lo ha detto Bra ieri .", {"Bra": "PER"}, [("Bra", "PER")]),  # weak: not alone
        ("Il sindaco di Bra ha parlato .", {"Bra": "PER"}, [("Bra", "LOC")]),  # weak + place cue
    ],
)
def test_gazetteer_corrects_labels_with_judgement(nlp, text, given, expected):
    assert ents(nlp(make(nlp, text, given))) == expected


def test_countries_as_loc_can_be_switched_off():
    nlp = spacy.blank("it")
    nlp.add_pipe("it_entity_rules", config={"countries_as_loc": False})
    assert ents(nlp(make(nlp, "Ieri il Niger ha chiesto il ritiro .", {"Niger": "ORG"}))) == [("Niger", "ORG")]


def test_strong_names_the_model_missed_are_added(nlp):
    doc = nlp(make(nlp, "Il vertice della NATO si terrà in Mali .", {}))
    assert ents(doc) == [("NATO", "ORG"), ("Mali", "LOC")]


def test_a_name_inside_a_longer_capitalised_name_is_not_added(nlp):
    assert ents(nlp(make(nlp, "La Banca Mali Sud ha chiuso .", {}))) == []


def test_a_sentence_initial_ambiguous_word_is_not_added(nlp):
    assert ents(nlp(make(nlp, "Nato a Bari , vive a Bra .", {}))) == [("Bari", "LOC")]


def test_a_surname_is_not_taken_for_a_place(nlp):
    doc = nlp(
        make(nlp, "Whitney Houston è morta . Houston aveva 48 anni .", {"Whitney Houston": "PER", "Houston@1": "PER"})
    )
    assert ents(doc) == [("Whitney Houston", "PER"), ("Houston", "PER")]


def test_demonyms_are_not_entities(nlp):
    assert ents(nlp(make(nlp, "Lo hanno detto i Francesi .", {"Francesi": "ORG"}))) == []


# --- capitalised common words ----------------------------------------------------------
def test_a_capitalised_common_word_is_dropped(nlp):
    doc = nlp(make(nlp, "Manifestanti in piazza a Niamey .", {"Manifestanti": "PER", "Niamey": "LOC"}))
    assert ents(doc) == [("Niamey", "LOC")]


def test_a_common_word_written_capitalised_mid_sentence_elsewhere_stays(nlp):
    doc = nlp(make(nlp, "Vita è tornata . Ha parlato con Vita ieri .", {"Vita": "PER"}))
    assert ents(doc) == [("Vita", "PER"), ("Vita", "PER")]


def test_a_common_word_inside_a_longer_name_stays(nlp):
    doc = nlp(make(nlp, "Partito Democratico ha vinto .", {"Partito Democratico": "ORG"}))
    assert ents(doc) == [("Partito Democratico", "ORG")]


# --- consistency -----------------------------------------------------------------------
def test_one_label_per_name_by_majority(nlp):
    text = "Ha parlato Tannin . Poi Tannin ha taciuto . Ma Tannin ha riso ."
    doc = nlp(make(nlp, text, {"Tannin": "PER", "Tannin@1": "PER", "Tannin@2": "ORG"}))
    assert ents(doc) == [("Tannin", "PER")] * 3


def test_a_tie_changes_nothing(nlp):
    doc = nlp(make(nlp, "Ha parlato Tannin . Poi Tannin ha taciuto .", {"Tannin": "PER", "Tannin@1": "ORG"}))
    assert ents(doc) == [("Tannin", "PER"), ("Tannin", "ORG")]


def test_a_surname_after_the_full_name_is_per(nlp):
    text = "Il presidente Mohamed Bazoum è stato deposto . Ieri Bazoum ha parlato ."
    doc = nlp(make(nlp, text, {"Mohamed Bazoum": "PER", "Bazoum@1": "LOC"}))
    assert ents(doc) == [("Mohamed Bazoum", "PER"), ("Bazoum", "PER")]


def test_missed_mentions_of_a_recognised_name_are_added(nlp):
    text = "Il ministro Scaturro si è dimesso . La sfiducia a Scaturro è passata ."
    doc = nlp(make(nlp, text, {"Scaturro": "PER"}))
    assert ents(doc) == [("Scaturro", "PER"), ("Scaturro", "PER")]


def test_a_surname_before_the_full_name_is_not_added(nlp):
    text = "Ieri Bazoum ha parlato . Il presidente Mohamed Bazoum è stato deposto ."
    doc = nlp(make(nlp, text, {"Mohamed Bazoum": "PER"}))
    assert ents(doc) == [("Mohamed Bazoum", "PER")]


def test_running_twice_gives_the_same_doc_as_once(nlp):
    text = (
        "Manifestanti a Civita Castellana . Il presidente Mohamed Bazoum e la Nato . "
        "Bazoum ha incontrato i Francesi a Niamey . Niamey e la NATO . Poi Niamey ."
    )
    doc = make(
        nlp,
        text,
        {
            "Manifestanti": "PER",
            "Civita Castellana": "PER",
            "Mohamed Bazoum": "PER",
            "Bazoum@1": "LOC",
            "Nato": "LOC",
            "Niamey": "ORG",
            "Francesi": "ORG",
        },
    )
    once = nlp(doc)
    first = [(e.start, e.end, e.label_) for e in once.ents]
    twice = nlp(once)
    assert [(e.start, e.end, e.label_) for e in twice.ents] == first
    assert ("Bazoum", "PER") in ents(once) and ("Civita Castellana", "LOC") in ents(once)


# --- headlines -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("line", "case"),
    [
        ("GLI USA LASCIANO IL NIGER", "caps"),
        ("Gli Stati Uniti Lasciano Il Niger Entro Settembre", "title"),
        ("Gli Stati Uniti lasciano il Niger", None),
        ("Mario Draghi Giorgia Meloni", None),  # names only: nothing to tell
    ],
)
def test_headline_case(lexicon, line, case):
    assert headline_case(line.split(), lexicon) == case


def test_truecase_keeps_lengths_and_names(lexicon):
    words = ["GLI", "STATI", "UNITI", "LASCIANO", "IL", "NIGER", "ENTRO", "SETTEMBRE"]
    out = truecase(words, lexicon)
    assert [len(w) for w in out] == [len(w) for w in words]
    assert out[:6] == ["Gli", "Stati", "Uniti", "lasciano", "il", "Niger"]


def test_without_a_ner_the_headline_is_left_to_the_other_rules(nlp):
    doc = nlp(make(nlp, "GLI USA LASCIANO IL NIGER \n\n Il Niger ha deciso .", {"NIGER": "PER"}))
    assert ents(doc) == [("NIGER", "PER"), ("Niger", "LOC")]  # an all-caps word is no place evidence


def test_pure_rules_on_tokens(lexicon):
    tokens = [Tok("Ieri", initial=True), Tok("il"), Tok("Niger"), Tok("ha"), Tok("deciso")]
    assert correct(tokens, [(2, 3, "ORG")], lexicon) == [(2, 3, "LOC")]


# --- MISC names -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "given", "expected"),
    [
        # the MISC model keeps the main NER's "Monaco": the event's name takes it in
        (
            "Ha vinto il Gran Premio di Monaco ieri .",
            {"Gran Premio di": "MISC", "Monaco": "LOC"},
            [("Gran Premio di Monaco", "MISC")],
        ),
        (
            "Al Festival di Sanremo 2024 ha cantato .",
            {"Festival di": "MISC", "Sanremo 2024": "LOC"},
            [("Festival di Sanremo 2024", "MISC")],
        ),
        # nothing after the dangling preposition: trimmed
        ("Ha vinto il Gran Premio di ieri .", {"Gran Premio di": "MISC"}, [("Gran Premio", "MISC")]),
        # an event's place and year are part of its name
        (
            "Le Olimpiadi di Milano Cortina 2026 sono iniziate .",
            {"Olimpiadi": "MISC", "Milano Cortina": "LOC"},
            [("Olimpiadi di Milano Cortina 2026", "MISC")],
        ),
        ("Visita all' Expo 2015 ieri .", {"Expo": "MISC"}, [("Expo 2015", "MISC")]),
        # quotes and line breaks at the edges are not part of the name
        (
            "La mostra “ Cinquant’anni di manifesti ” \n\n Apre .",
            {"Cinquant’anni di manifesti ” \n\n": "MISC"},
            [("Cinquant’anni di manifesti", "MISC")],
        ),
        # a preposition alone is no name
        ("Parla di Milano oggi .", {"di": "MISC", "Milano": "LOC"}, [("Milano", "LOC")]),
        # other names lose the preposition (a facility and its city stay apart)
        (
            "Festa di San Francesco d' Assisi ieri .",
            {"San Francesco d'": "PER", "Assisi": "LOC"},
            [("San Francesco", "PER"), ("Assisi", "LOC")],
        ),
        (
            "Al Palazzo di Giustizia di Matera ieri .",
            {"Palazzo di Giustizia di": "LOC", "Matera": "LOC"},
            [("Palazzo di Giustizia", "LOC"), ("Matera", "LOC")],
        ),
        # an institution and its place are one ORG (guidelines §2), whatever the case
        (
            "Lo ha detto la procura di Matera ieri .",
            {"procura": "ORG", "Matera": "LOC"},
            [("procura di Matera", "ORG")],
        ),
        ("Il Tribunale di Milano ha deciso .", {"Tribunale": "ORG", "Milano": "LOC"}, [("Tribunale di Milano", "ORG")]),
        # a whole name or one with its place already: the place after it is a locator
        (
            "La Corte penale internazionale dell' Aja ha deciso .",
            {"Corte penale internazionale": "ORG", "Aja": "LOC"},
            None,
        ),
        (
            "L' università di Witwatersrand di Johannesburg ha deciso .",
            {"università di Witwatersrand": "ORG", "Johannesburg": "LOC"},
            None,
        ),
        # not an institution: left apart
        ("La Fiom di Torino ha deciso .", {"Fiom": "ORG", "Torino": "LOC"}, None),
        # line breaks at the edges of any entity are trimmed
        ("Parla Itas Trentino \n\n Ieri .", {"Itas Trentino \n\n": "ORG"}, [("Itas Trentino", "ORG")]),
    ],
)
def test_a_name_cut_short_is_mended(nlp, text, given, expected):
    doc = make(nlp, text, given)
    before = ents(doc)
    assert ents(nlp(doc)) == (expected if expected is not None else before)


def test_join_names_can_be_switched_off():
    nlp = spacy.blank("it")
    nlp.add_pipe("it_entity_rules", config={"join_names": False})
    doc = make(nlp, "Ha vinto il Gran Premio di Monaco ieri .", {"Gran Premio di": "MISC", "Monaco": "LOC"})
    assert ents(nlp(doc)) == [("Gran Premio di", "MISC"), ("Monaco", "LOC")]


def test_institution_places_can_be_switched_off():
    nlp = spacy.blank("it")
    nlp.add_pipe("it_entity_rules", config={"institution_places": False})
    doc = make(nlp, "Il Tribunale di Milano ha deciso .", {"Tribunale": "ORG", "Milano": "LOC"})
    assert ents(nlp(doc)) == [("Tribunale", "ORG"), ("Milano", "LOC")]


def test_named_events_gazetteer(nlp):
    # a place inside an event's name: the event wins; a name the model missed is added
    doc = make(nlp, "Ha vinto il Giro d' Italia ieri , poi il Tour de France .", {"Italia": "LOC"})
    assert ents(nlp(doc)) == [("Giro d' Italia", "MISC"), ("Tour de France", "MISC")]


@pytest.mark.parametrize(
    ("text", "given", "expected"),
    [
        ("Ha vinto il tennista Alcaraz ieri .", {"Alcaraz": "LOC"}, [("Alcaraz", "PER")]),
        ("Lo dice il presidente Macron oggi .", {"Macron": "ORG"}, [("Macron", "PER")]),
        # a country or an organisation the gazetteer knows stays what it is
        ("Lo dice il presidente Usa oggi .", {"Usa": "LOC"}, [("Usa", "LOC")]),
        ("Lo dice il leader Hamas oggi .", {"Hamas": "ORG"}, [("Hamas", "ORG")]),
    ],
)
def test_a_name_after_a_role_noun_is_a_person(nlp, text, given, expected):
    assert ents(nlp(make(nlp, text, given))) == expected


@pytest.mark.parametrize(
    ("text", "given", "expected"),
    [
        (
            "Ha presentato il film « La grande bellezza » a Cannes .",
            {"Cannes": "LOC"},
            [("La grande bellezza", "MISC"), ("Cannes", "LOC")],
        ),
        # entities inside the title give way to it
        (
            "Ha cantato la canzone “ Vasco Rossi e Roma ” ieri .",
            {"Vasco Rossi": "PER", "Roma": "LOC"},
            [("Vasco Rossi e Roma", "MISC")],
        ),
        # not after a work noun, not capitalised, or no closing quote: nothing
        ("Ha detto « La grande bellezza » ieri .", {}, []),
        ("Ha visto il film « la grande bellezza » ieri .", {}, []),
        ("Ha visto il film « La grande bellezza ieri .", {}, []),
    ],
)
def test_a_quoted_title_after_a_work_noun_is_misc(nlp, text, given, expected):
    assert ents(nlp(make(nlp, text, given))) == expected


def test_an_organisation_tagged_misc_becomes_org(nlp):
    assert ents(nlp(make(nlp, "Le truppe della Nato sono partite .", {"Nato": "MISC"}))) == [("Nato", "ORG")]


# --- the pipeline ----------------------------------------------------------------------
def test_blank_pipeline_skips_the_component(nlp_blank):
    assert "it_entity_rules" not in nlp_blank.pipe_names


def test_saved_component_round_trip(nlp, tmp_path):
    nlp.to_disk(tmp_path / "p")
    loaded = spacy.load(tmp_path / "p")
    doc = make(loaded, "Ieri il Niger ha chiesto il ritiro .", {"Niger": "ORG"})
    assert ents(loaded(doc)) == [("Niger", "LOC")]
