"""The classes of issue 13, one sentence each, through the shipped pipeline (our rules on a
real parse; the hand-built parses of test_events.py pin the rules themselves). Each row
says what must come out and, for the precision classes, what must not. Skipped without
models/it_news."""

from __future__ import annotations

import pytest

from ..conftest import ROOT

MODEL = ROOT / "models" / "it_news"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def nlp(nlp_default):
    if not (MODEL / "meta.json").exists() or "parser" not in nlp_default.pipe_names:
        pytest.skip("trained pipeline models/it_news not built yet")
    return nlp_default


def events(nlp, text):
    doc = nlp(text)  # the span group lives as long as its Doc
    return [(s.label_, s.text, s._.event) for s in doc.spans["events"]]


def text(arg):
    return arg.text if arg is not None else None


def one(nlp, sentence, type_):
    found = [e for t, _, e in events(nlp, sentence) if t == type_]
    assert found, events(nlp, sentence)
    return found[0]


# (class, sentence, type, trigger) that must be found
FOUND = [
    (
        "title-case headline",
        "Niger, Gli Stati Uniti Ritireranno Le Truppe Entro Settembre",
        "WITHDRAWAL",
        "Ritireranno",
    ),
    ("all-caps headline", "GLI STATI UNITI RITIRERANNO LE TRUPPE DAL NIGER", "WITHDRAWAL", "RITIRERANNO"),
    ("nominal explosion", "Una forte esplosione nel centro di Kabul ha causato dieci morti.", "ATTACK", "esplosione"),
    ("bomb exploding", "Un'autobomba è esplosa davanti alla caserma.", "ATTACK", "esplosa"),
    ("terrorist act", "Il governo parla di un atto terroristico.", "ATTACK", "atto terroristico"),
    (
        "nominalisation",
        "Dopo il rovesciamento del presidente, i militari hanno preso il potere.",
        "COUP",
        "rovesciamento",
    ),
    ("prefixed verb", "I manifestanti hanno richiesto le dimissioni del governo.", "DEMAND", "richiesto"),
    ("reporting verb", "«Non ci ritireremo», ha detto il ministro della Difesa.", "STATEMENT", "detto"),
    ("reporting verb", "Il portavoce ha aggiunto che i colloqui continueranno.", "STATEMENT", "aggiunto"),
    ("vote", "Milioni di cittadini hanno votato per il nuovo parlamento.", "ELECTION", "votato"),
    ("parliament's vote", "La Camera voterà la fiducia al governo la prossima settimana.", "ELECTION", "voterà"),
    ("arrest idiom", "Dieci persone sono finite in manette dopo la retata.", "ARREST", "finite in manette"),
    ("leaving an organisation", "Il Mali si è ritirato dall'Ecowas lo scorso anno.", "ORG_EXIT", "ritirato"),
    ("secondo + source", "Secondo fonti diplomatiche, Washington non ha ancora deciso.", "STATEMENT", "Secondo"),
    ("reported by", "Secondo quanto riportato dal Washington Post, l'accordo è vicino.", "STATEMENT", "riportato"),
    ("speaking", "Il presidente ha parlato di un atto terroristico.", "STATEMENT", "parlato"),
    (
        "negotiation table",
        "Le parti sono tornate al tavolo delle trattative.",
        "NEGOTIATION",
        "tavolo delle trattative",
    ),
]

# (class, sentence, type, trigger word) that must not be an event of that type
NOT_FOUND = [
    ("armed forces", "Le forze armate americane restano nel paese.", "MILITARY_AID", "armate"),
    ("ally", "Il Niger era un importante alleato della Francia.", "ALLIANCE", "alleato"),
    ("to agree with", "Gli Stati Uniti non sono d'accordo con la svolta del paese.", "AGREEMENT", "accordo"),
    (
        "charge",
        "La procura indaga per omicidio plurimo e attentato alla sicurezza dei trasporti.",
        "KILLING",
        "omicidio",
    ),
    (
        "charge (coordinated)",
        "La procura indaga per omicidio plurimo e attentato alla sicurezza dei trasporti.",
        "ATTACK",
        "attentato",
    ),
    ("charge", "L'uomo è stato accusato di omicidio.", "KILLING", "omicidio"),
    (
        "charge, broken parse",
        "I carabinieri hanno arrestato un uomo accusato di tentato omicidio.",
        "KILLING",
        "omicidio",
    ),
    ("police stopping protesters", "La polizia ha fermato i manifestanti davanti al parlamento.", "ARREST", "fermato"),
    (
        "shareholders' vote",
        "Gli azionisti hanno votato contro la proposta di aumento di capitale.",
        "ELECTION",
        "votato",
    ),
    ("second", "Il secondo tempo è finito senza reti.", "STATEMENT", "secondo"),
    ("injuries reported", "Il soldato ha riportato ferite lievi.", "STATEMENT", "riportato"),
    ("secondo + a mention", "Secondo una dichiarazione congiunta, il ritiro è cominciato.", "STATEMENT", "Secondo"),
]


@pytest.mark.parametrize("what, sentence, type_, trigger", FOUND, ids=[f"{w}: {t}" for w, _, _, t in FOUND])
def test_found(nlp, what, sentence, type_, trigger):
    assert (type_, trigger) in [(t, s) for t, s, _ in events(nlp, sentence)], events(nlp, sentence)


@pytest.mark.parametrize("what, sentence, type_, trigger", NOT_FOUND, ids=[f"{w}: {t}" for w, _, _, t in NOT_FOUND])
def test_not_found(nlp, what, sentence, type_, trigger):
    assert (type_, trigger) not in [(t, s) for t, s, _ in events(nlp, sentence)], events(nlp, sentence)


def test_an_event_after_a_charge_word_with_its_article_is_an_event(nlp):
    """Only bare offences are charges: "per l'attentato di ieri" names a real attack."""
    assert one(nlp, "La procura indaga per l'attentato di ieri a Kabul.", "ATTACK")


# --------------------------------------------------------------------------- roles
def test_the_state_withdraws_the_troops(nlp):
    ev = one(nlp, "Gli Stati Uniti hanno autorizzato il ritiro delle proprie truppe dal paese.", "WITHDRAWAL")
    assert (text(ev.actor), text(ev.target)) == ("Stati Uniti", "truppe")


def test_place_left_is_the_place(nlp):
    ev = one(nlp, "Gli Stati Uniti hanno concordato di ritirare le truppe americane dal Niger.", "WITHDRAWAL")
    assert text(ev.place) == "Niger" and "truppe" in text(ev.target)


def test_a_number_is_not_the_actor(nlp):
    ev = one(nlp, "Gli ultimi 1.500 soldati francesi sono partiti a dicembre.", "WITHDRAWAL")
    assert text(ev.actor) == "soldati francesi" and ev.actor.country == "FR" and text(ev.quantity) == "1.500"


def test_leaving_an_organisation(nlp):
    ev = one(nlp, "Burkina Faso, Mali e Niger si sono ritirati dall'Ecowas.", "ORG_EXIT")
    assert (text(ev.actor), text(ev.target)) == ("Burkina Faso, Mali e Niger", "Ecowas")


def test_overthrown_is_the_target(nlp):
    ev = one(nlp, "Dopo il rovesciamento del presidente Mohamed Bazoum, la giunta ha preso il potere.", "COUP")
    assert "Bazoum" in text(ev.target) and ev.actor is None


def test_the_city_of_a_demand_is_its_place(nlp):
    ev = one(nlp, "Recentemente, a Niamey, migliaia di manifestanti hanno chiesto il ritiro delle truppe.", "DEMAND")
    assert text(ev.place) == "Niamey" and text(ev.target) != "Niamey"


def test_speaker_after_a_reporting_verb(nlp):
    sentence = "«È una nostra responsabilità», ha dichiarato il presidente della Fondazione Mansi."
    ev = one(nlp, sentence, "STATEMENT")
    assert "Mansi" in text(ev.actor) and ev.target is None


def test_headline_participle_target(nlp):
    ev = one(nlp, "Il boss Mario Rossi arrestato a Roma dai carabinieri", "ARREST")
    assert "Mario Rossi" in text(ev.target) and text(ev.actor) == "carabinieri"


def test_a_coup_does_not_overthrow(nlp):
    sentence = "Il colpo di stato, che ha rovesciato il presidente, è avvenuto a luglio."
    ev = next(e for _, trigger, e in events(nlp, sentence) if trigger == "rovesciato")
    assert ev.actor is None and "presidente" in text(ev.target)


def test_speaker_named_after_the_verb(nlp):
    sentence = "Un missile ha colpito un edificio a Kharkiv, ha detto il governatore regionale Oleh Synehubov."
    ev = one(nlp, sentence, "STATEMENT")
    assert "governatore" in text(ev.actor) and ev.target is None


def test_source_is_the_speaker(nlp):
    ev = one(nlp, "Secondo il ministro della Difesa, i soldati lasceranno il paese.", "STATEMENT")
    assert text(ev.actor) == "il ministro della Difesa"


def test_coordinated_subject_kept_whole(nlp):
    sentence = (
        "Dopo settimane di colloqui, il primo ministro del Niger, Ali Lamine Zeine, e il vice segretario "
        "di Stato, Kurt Campbell, hanno raggiunto un accordo."
    )
    ev = one(nlp, sentence, "AGREEMENT")
    assert "Zeine" in text(ev.actor) and "Campbell" in text(ev.actor)


# ---------------------------------------------------------------- modality, polarity
@pytest.mark.parametrize(
    "sentence, type_, modality",
    [
        ("Si è pensato all'ipotesi di un attentato, subito scartata.", "ATTACK", "hypothetical"),
        ("Le proteste sono frequenti nella capitale.", "PROTEST", "generic"),
        ("Ogni anno migliaia di persone manifestano contro la guerra.", "PROTEST", "generic"),
        ("Ieri migliaia di persone hanno protestato a Roma.", "PROTEST", "asserted"),
        ("Un possibile accordo con il Benin rimane incerto.", "AGREEMENT", "uncertain"),
        ("La polizia ha arrestato tre uomini sospettati di aver pianificato un attentato.", "ATTACK", "hypothetical"),
    ],
)
def test_modality(nlp, sentence, type_, modality):
    assert one(nlp, sentence, type_).modality == modality


def test_expletive_negation(nlp):
    sentence = "La cooperazione è continuata fino a quando i leader militari non hanno richiesto il ritiro."
    assert one(nlp, sentence, "DEMAND").negated is False
    assert one(nlp, "I leader militari non hanno richiesto il ritiro.", "DEMAND").negated is True


# ------------------------------------------------------------------------ records
def records(nlp, text):
    return nlp(text)._.event_records


def test_record_counts_from_attached_numbers(nlp):
    rows = records(nlp, "Un attentato a Kabul ha causato 63 morti e 120 feriti.")
    attack = next(r for r in rows if r["event_type"] == "ATTACK")
    assert attack["acled_event_type"] == "Explosions/Remote violence" and attack["place_country"] == "AF"
    assert (attack["fatalities"], attack["injured"], attack["arrested"]) == (63, 120, None)


def test_record_arrested(nlp):
    arrest = next(
        r for r in records(nlp, "La polizia ha arrestato 20 persone a Milano.") if r["event_type"] == "ARREST"
    )
    assert arrest["arrested"] == 20 and arrest["fatalities"] is None and arrest["cameo"] == "173"


def test_record_participants(nlp):
    rows = records(nlp, "Ieri a Roma migliaia di manifestanti sono scesi in piazza.")
    protest = next(r for r in rows if r["event_type"] == "PROTEST")
    assert protest["participants"] == 1000 and protest["place_canonical"] == "Roma"
    assert protest["plover_type"] == "PROTEST" and protest["acled_event_type"] == "Protests"


def test_record_deadline_and_date_precision(nlp):
    text_ = "Gli Stati Uniti ritireranno le loro truppe dal Niger entro il 15 settembre 2024."
    withdrawal = next(r for r in records(nlp, text_) if r["event_type"] == "WITHDRAWAL")
    assert withdrawal["deadline"] == "2024-09-15" and withdrawal["event_date"] is None


def test_record_merges_mentions_of_one_event(nlp):
    text_ = (
        "Gli Stati Uniti hanno concordato di ritirare le truppe americane dal Niger. "
        "Il Dipartimento di Stato non ha indicato una data per il ritiro delle truppe."
    )
    rows = [r for r in records(nlp, text_) if r["event_type"] == "WITHDRAWAL"]
    assert len(rows) == 1 and rows[0]["n_mentions"] == 2 and rows[0]["actor1_country"] == "US"


def test_statement_negated_by_ne(nlp):
    """ "né sono stati fatti annunci": "fare" carries the noun, "né" negates it."""
    sentence = "Il governo non ha annunciato una data, né sono stati fatti annunci immediati."
    ev = next(e for _, trigger, e in events(nlp, sentence) if trigger == "annunci")
    assert ev.negated is True


def test_record_people_before_the_places_that_qualify_them(nlp):
    sentence = "Il presidente francese Emmanuel Macron e il cancelliere tedesco Olaf Scholz hanno firmato un accordo."
    agreement = next(r for r in records(nlp, sentence) if r["event_type"] == "AGREEMENT")
    assert (agreement["actor1_country"], agreement["assoc_actor1"], agreement["assoc_actor1_country"]) == (
        "FR",
        "Olaf Scholz",
        "DE",
    )
