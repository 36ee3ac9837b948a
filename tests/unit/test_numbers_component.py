"""The it_numbers component on hand-written news sentences: what fires, what must not."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc, Span

from pipeline.nlp import blank_italian
from pipeline.normalize.numbers import Quantity

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def nlp():
    """Blank Italian + it_numbers only: the dates component is not under test here."""
    nlp = blank_italian()
    nlp.add_pipe("it_numbers")
    return nlp


@dataclass(frozen=True)
class Found:
    text: str
    start_char: int
    end_char: int
    value: Quantity


def spans(nlp, text):
    """The number spans of text as plain records (a Span dies with its Doc)."""
    doc = nlp(text)
    return [Found(s.text, s.start_char, s.end_char, s._.num_value) for s in doc.spans["numbers"]]


# text, span text, value, qualifier, unit, kind
FIRE = [
    # the seed article
    (
        "In Niger sono presenti più di mille militari statunitensi.",
        "più di mille",
        1000,
        "more_than",
        "militari",
        "cardinal",
    ),
    ("Sono circa 1.100 secondo il Pentagono.", "circa 1.100", 1100, "approx", None, "cardinal"),
    (
        "La base è costata circa 110 milioni di dollari.",
        "circa 110 milioni di dollari",
        110000000,
        "approx",
        "dollari",
        "money",
    ),
    (
        "Il mese successivo migliaia di manifestanti erano scesi in piazza.",
        "migliaia",
        1000,
        "at_least",
        "manifestanti",
        "cardinal",
    ),
    ("Mosca ha fornito un centinaio di istruttori.", "un centinaio", 100, "approx", "istruttori", "cardinal"),
    ("Gli ultimi 1.500 soldati francesi sono partiti.", "1.500", 1500, "exact", "soldati", "cardinal"),
    ("Il Niger conta oltre 25 milioni di abitanti.", "oltre 25 milioni", 25000000, "more_than", "abitanti", "cardinal"),
    ("Più del 40% della popolazione vive in povertà.", "Più del 40%", 40, "more_than", "%", "percent"),
    # written numbers
    ("Sono morti ventitré civili.", "ventitré", 23, "exact", "civili", "cardinal"),
    ("Trentotto feriti sono stati ricoverati.", "Trentotto", 38, "exact", "feriti", "cardinal"),
    ("Sono state stampate duemilaventiquattro copie.", "duemilaventiquattro", 2024, "exact", "copie", "cardinal"),
    ("In piazza c'erano centoventimila persone.", "centoventimila", 120000, "exact", "persone", "cardinal"),
    (
        "La città ha un milione e duecentomila abitanti.",
        "un milione e duecentomila",
        1200000,
        "exact",
        "abitanti",
        "cardinal",
    ),
    ("Due milioni e mezzo di persone sono sfollate.", "Due milioni e mezzo", 2500000, "exact", "persone", "cardinal"),
    ("Il governo stanzia tre miliardi di euro.", "tre miliardi di euro", 3000000000, "exact", "euro", "money"),
    ("Servono mezzo milione di dosi.", "mezzo milione", 500000, "exact", "dosi", "cardinal"),
    ("Hanno votato tremila e seicento iscritti.", "tremila e seicento", 3600, "exact", "iscritti", "cardinal"),
    ("Ventun soldati sono rientrati.", "Ventun", 21, "exact", "soldati", "cardinal"),
    ("Sono arrivati ventunmila migranti.", "ventunmila", 21000, "exact", "migranti", "cardinal"),
    ("Restano cento ostaggi.", "cento", 100, "exact", "ostaggi", "cardinal"),
    ("Lo sciopero coinvolge mille lavoratori.", "mille", 1000, "exact", "lavoratori", "cardinal"),
    ("Dodici paesi hanno firmato.", "Dodici", 12, "exact", "paesi", "cardinal"),
    ("Sono stati arrestati sei sospetti.", "sei", 6, "exact", "sospetti", "cardinal"),
    ("Venti soldati sono stati uccisi.", "Venti", 20, "exact", "soldati", "cardinal"),
    ("Il bilancio sale a centottanta vittime.", "centottanta", 180, "exact", "vittime", "cardinal"),
    # digits, Italian format
    ("Sono stati schierati 1.000 agenti.", "1.000", 1000, "exact", "agenti", "cardinal"),
    ("La regione ha 1.234.567 abitanti.", "1.234.567", 1234567, "exact", "abitanti", "cardinal"),
    ("L'inflazione è salita al 2,5%.", "2,5%", 2.5, "exact", "%", "percent"),
    ("Il conto è di 1.234,56 euro.", "1.234,56 euro", 1234.56, "exact", "euro", "money"),
    ("In piazza 10mila persone.", "10mila", 10000, "exact", "persone", "cardinal"),
    ("Il paese ha 2,5 milioni di abitanti.", "2,5 milioni", 2500000, "exact", "abitanti", "cardinal"),
    ("Il piano vale 3 mld di euro.", "3 mld di euro", 3000000000, "exact", "euro", "money"),
    ("Il piano vale 1,5 mln di euro.", "1,5 mln di euro", 1500000, "exact", "euro", "money"),
    ("Un taglio dei costi del 5%.", "5%", 5, "exact", "%", "percent"),
    ("Il il 5 % dei voti.", "5 %", 5, "exact", "%", "percent"),
    ("Il Pil è cresciuto del cinque per cento.", "cinque per cento", 5, "exact", "%", "percent"),
    ("La disoccupazione è al 7 per cento.", "7 per cento", 7, "exact", "%", "percent"),
    ("L'affluenza è stata del 63 percento.", "63 percento", 63, "exact", "%", "percent"),
    ("Il calo è di 2 punti percentuali.", "2 punti percentuali", 2, "exact", "punti percentuali", "percent"),
    ("Il contratto vale € 5 milioni.", "€ 5 milioni", 5000000, "exact", "euro", "money"),
    ("La multa è di 5 milioni di euro.", "5 milioni di euro", 5000000, "exact", "euro", "money"),
    ("Il biglietto costa $100.", "$100", 100, "exact", "dollari", "money"),
    ("Il biglietto costa 100 dollari.", "100 dollari", 100, "exact", "dollari", "money"),
    ("Il biglietto costa 50 €.", "50 €", 50, "exact", "euro", "money"),
    ("Un prestito di 200 milioni di sterline.", "200 milioni di sterline", 200000000, "exact", "sterline", "money"),
    ("Il salario è di 60.000 franchi CFA.", "60.000 franchi CFA", 60000, "exact", "franchi cfa", "money"),
    ("Un debito di 1,2 miliardi di dollari.", "1,2 miliardi di dollari", 1200000000, "exact", "dollari", "money"),
    ("Il fondo ha 2 milioni e mezzo di euro.", "2 milioni e mezzo di euro", 2500000, "exact", "euro", "money"),
    ("La colonna si estende per 12 km.", "12 km", 12, "exact", "km", "cardinal"),
    ("Un corteo lungo 3 chilometri.", "3 chilometri", 3, "exact", "km", "cardinal"),
    ("Sono state sequestrate 5 tonnellate di cocaina.", "5 tonnellate", 5, "exact", "t", "cardinal"),
    ("La produzione è di 2 milioni di barili.", "2 milioni di barili", 2000000, "exact", "barili", "cardinal"),
    ("L'incendio ha distrutto 300 ettari.", "300 ettari", 300, "exact", "ha", "cardinal"),
    # vague quantities
    ("Decine di persone sono rimaste ferite.", "Decine", 10, "at_least", "persone", "cardinal"),
    ("Centinaia di feriti negli ospedali.", "Centinaia", 100, "at_least", "feriti", "cardinal"),
    ("Decine di migliaia di persone in piazza.", "Decine di migliaia", 10000, "at_least", "persone", "cardinal"),
    ("Centinaia di migliaia di profughi.", "Centinaia di migliaia", 100000, "at_least", "profughi", "cardinal"),
    ("Milioni di persone senza luce.", "Milioni", 1000000, "at_least", "persone", "cardinal"),
    ("Ha investito milioni di euro.", "milioni di euro", 1000000, "at_least", "euro", "money"),
    ("Sono arrivate diverse migliaia di persone.", "diverse migliaia", 1000, "at_least", "persone", "cardinal"),
    ("Una dozzina di morti.", "Una dozzina", 12, "approx", "morti", "cardinal"),
    ("Una trentina di case sono crollate.", "Una trentina", 30, "approx", "case", "cardinal"),
    ("Una decina di arresti.", "Una decina", 10, "approx", "arresti", "cardinal"),
    ("Un migliaio di manifestanti.", "Un migliaio", 1000, "approx", "manifestanti", "cardinal"),
    ("Un paio di giornalisti.", "Un paio", 2, "approx", "giornalisti", "cardinal"),
    ("Qualche centinaio di soldati.", "Qualche centinaio", 100, "approx", "soldati", "cardinal"),
    ("Oltre un centinaio di feriti.", "Oltre un centinaio", 100, "more_than", "feriti", "cardinal"),
    # qualifiers
    ("Almeno 20 morti nell'attacco.", "Almeno 20", 20, "at_least", "morti", "cardinal"),
    ("Quasi 300 feriti.", "Quasi 300", 300, "approx", "feriti", "cardinal"),
    ("Meno di 50 persone erano presenti.", "Meno di 50", 50, "less_than", "persone", "cardinal"),
    ("Fino a 30 posti letto.", "Fino a 30", 30, "at_most", "posti", "cardinal"),
    ("Intorno ai 200 migranti.", "Intorno ai 200", 200, "approx", "migranti", "cardinal"),
    ("Poco più di 20 euro.", "Poco più di 20 euro", 20, "more_than", "euro", "money"),
    ("Poco meno di 30 persone.", "Poco meno di 30", 30, "approx", "persone", "cardinal"),
    ("Non meno di 5 morti.", "Non meno di 5", 5, "at_least", "morti", "cardinal"),
    ("Al massimo 30 posti.", "Al massimo 30", 30, "at_most", "posti", "cardinal"),
    ("Non più di 10 persone.", "Non più di 10", 10, "at_most", "persone", "cardinal"),
    ("Oltre i 100 chilometri.", "Oltre i 100 chilometri", 100, "more_than", "km", "cardinal"),
    ("Sono più di duemila gli sfollati.", "più di duemila", 2000, "more_than", "sfollati", "cardinal"),
    ("Costa all'incirca 40 euro.", "all'incirca 40 euro", 40, "approx", "euro", "money"),
    ("Oltre mille persone.", "Oltre mille", 1000, "more_than", "persone", "cardinal"),
    ("Ben oltre 300 agenti.", "oltre 300", 300, "more_than", "agenti", "cardinal"),
    ("Ben 173 già condannate.", "173", 173, "exact", None, "cardinal"),
    ("Almeno cinquanta i morti.", "Almeno cinquanta", 50, "at_least", "morti", "cardinal"),
    ("Sono circa 100 i morti e centinaia i feriti.", "centinaia", 100, "at_least", "feriti", "cardinal"),
    ("I morti sono 80, i feriti sono oltre 140.", "oltre 140", 140, "more_than", "feriti", "cardinal"),
    ("Segnare 2 o più gol.", "2 o più", 2, "at_least", "gol", "cardinal"),
    ("Il cedimento di uno o più stralli.", "uno o più", 1, "at_least", "stralli", "cardinal"),
    ("Le azioni sono al 33.5% del capitale.", "33.5%", 33.5, "exact", "%", "percent"),
    ("Un danno di 7.3 milioni di euro.", "7.3 milioni di euro", 7300000, "exact", "euro", "money"),
    ("Un ominide di 3,9 milioni di anni fa.", "3,9 milioni", 3900000, "exact", "anni", "cardinal"),
    ("Viaggiava a circa 180-190 km orari.", "circa 180-190 km orari", 180, "approx", "km/h", "range"),
    ("Il limite è di 80 km all'ora.", "80 km all'ora", 80, "exact", "km/h", "cardinal"),
    ("Pesa 60 Kg.", "60 Kg", 60, "exact", "kg", "cardinal"),
    ("È la 20ª Costituzione dal 1932.", "20ª", 20, "exact", "Costituzione", "ordinal"),
    ("In due diversi settori della città.", "due", 2, "exact", "settori", "cardinal"),
    ("Punte di 40°C in Italia.", "40°C", 40, "exact", "°C", "cardinal"),
    ("Punte di 39 ° C in Italia.", "39 ° C", 39, "exact", "°C", "cardinal"),
    ("Dalle 8 alle 10 persone.", "Dalle 8 alle 10", 8, "exact", "persone", "range"),
    ("Le 3 maggiori banche del paese.", "3", 3, "exact", "banche", "cardinal"),
    ("Cento persone in piazza.", "Cento", 100, "exact", "persone", "cardinal"),
    ("Ogni 30 entrambi i capolinea.", "30", 30, "exact", None, "cardinal"),
    ("Tra 10-15 persone.", "10-15", 10, "exact", "persone", "range"),
    ("Sono 300 soldati. Sono 200 case.", "200", 200, "exact", "case", "cardinal"),
    ("Un riscatto di circa € 1500 in bitcoin.", "circa € 1500", 1500, "approx", "euro", "money"),
    ("Ha perso il 10 % e 67 parlamentari.", "67", 67, "exact", "parlamentari", "cardinal"),
    ("Circa 2,5 milioni di barili.", "Circa 2,5 milioni di barili", 2500000, "approx", "barili", "cardinal"),
    # ranges
    ("Tra 100 e 200 militari.", "Tra 100 e 200", 100, "exact", "militari", "range"),
    ("Fra 10 e 20 morti.", "Fra 10 e 20", 10, "exact", "morti", "range"),
    ("Dai 5 ai 10 feriti.", "Dai 5 ai 10", 5, "exact", "feriti", "range"),
    ("Da 50 a 60 persone.", "Da 50 a 60", 50, "exact", "persone", "range"),
    ("Tra 2 e 3 milioni di euro.", "Tra 2 e 3 milioni di euro", 2000000, "exact", "euro", "range"),
    ("Tra il 5% e il 10% dei voti.", "Tra il 5% e il 10%", 5, "exact", "%", "range"),
    ("Tra sei e sette agenti.", "Tra sei e sette", 6, "exact", "agenti", "range"),
    ("In piazza 100-200 manifestanti.", "100-200", 100, "exact", "manifestanti", "range"),
    ("Circa tra 100 e 200 militari.", "Circa tra 100 e 200", 100, "approx", "militari", "range"),
    # ordinals
    ("Il secondo turno si terrà domenica.", "secondo", 2, "exact", "turno", "ordinal"),
    ("Per la prima volta il partito vince.", "prima", 1, "exact", "volta", "ordinal"),
    ("Al terzo mandato il presidente.", "terzo", 3, "exact", "mandato", "ordinal"),
    ("La terza guerra mondiale.", "terza", 3, "exact", "guerra", "ordinal"),
    ("Il ventunesimo vertice.", "ventunesimo", 21, "exact", "vertice", "ordinal"),
    ("È arrivato 3° al traguardo.", "3°", 3, "exact", None, "ordinal"),
    ("La 5ª edizione.", "5ª", 5, "exact", "edizione", "ordinal"),
    ("La XXI edizione del festival.", "XXI", 21, "exact", "edizione", "ordinal"),
    ("Il vertice della II commissione.", "II", 2, "exact", "commissione", "ordinal"),
    ("Nel decimo anniversario.", "decimo", 10, "exact", "anniversario", "ordinal"),
    # fractions
    ("Un terzo degli elettori.", "Un terzo", 1 / 3, "exact", "elettori", "fraction"),
    ("Due terzi dei voti.", "Due terzi", 2 / 3, "exact", "voti", "fraction"),
    ("Tre quarti della città.", "Tre quarti", 0.75, "exact", "città", "fraction"),
    ("La metà dei soldati.", "metà", 0.5, "exact", "soldati", "fraction"),
    # codes and years do not swallow real quantities
    ("Sono stati 2.000 nel solo mese.", "2.000", 2000, "exact", None, "cardinal"),
    ("Circa 2000 persone sono fuggite.", "Circa 2000", 2000, "approx", "persone", "cardinal"),
    ("Sono morte 3 persone.", "3", 3, "exact", "persone", "cardinal"),
]


@pytest.mark.parametrize("text,span_text,value,qualifier,unit,kind", FIRE)
def test_fires(nlp, text, span_text, value, qualifier, unit, kind):
    found = {s.text: s.value for s in spans(nlp, text)}
    assert span_text in found, f"{span_text!r} not in {list(found)}"
    q = found[span_text]
    assert isinstance(q, Quantity)
    assert q.value == pytest.approx(value)
    assert (q.qualifier, q.unit, q.kind) == (qualifier, unit, kind)


# text, substring that must not be (part of) a number span
NOT_FIRE = [
    ("Il primo ministro nigerino ha parlato.", "primo"),
    ("La prima ministra ha parlato.", "prima"),
    ("Secondo il ministro, il ritiro è cominciato.", "Secondo"),
    ("Secondo fonti diplomatiche, nulla è deciso.", "Secondo"),
    ("Prima di partire ha parlato.", "Prima"),
    ("Il secondo ha detto di no.", "secondo"),
    ("In primo luogo serve un accordo.", "primo"),
    ("È una notizia di prima pagina.", "prima"),
    ("Un'organizzazione umanitaria.", "Un'"),
    ("Una base militare.", "Una"),
    ("Un soldato è morto.", "Un"),
    ("Uno dei soldati è ferito.", "Uno"),
    ("Il vertice del G7 a Roma.", "G7"),
    ("Il Covid-19 ha colpito.", "Covid-19"),
    ("Gli F-35 sono decollati.", "F-35"),
    ("La base aerea 201 di Agadez.", "201"),
    ("La Base 201 di Agadez.", "201"),
    ("Il volo 370 è scomparso.", "370"),
    ("L'articolo 18 dello statuto.", "18"),
    ("Il decreto 231 è in vigore.", "231"),
    ("Un Boeing 737 è atterrato.", "737"),
    ("Chiamare il numero 333 1234567.", "1234567"),
    ("Chiamare il 333 1234567.", "333"),
    ("Il centralino: 06 1234567.", "06"),
    ("Telefono +39 06 1234567.", "+39"),
    ("Inaugurata nel 2019, la base.", "2019"),
    ("Firmato nel 2012 con gli Stati Uniti.", "2012"),
    ("Dal 1990 al 2000 è cresciuta.", "1990"),
    ("Dal 1990 al 2000 è cresciuta.", "2000"),
    ("Entro il 2030 sarà finito.", "2030"),
    ("Tra il 2019 e il 2020 la crisi.", "2019"),
    ("La crisi 2019-2020 è finita.", "2019"),
    ("Il 16 marzo 2024 i militari.", "16"),
    ("Il 16 marzo 2024 i militari.", "2024"),
    ("Domenica 19 maggio 2024.", "19"),
    ("Entro il 15 settembre.", "15"),
    ("A gennaio 2024 la Francia.", "2024"),
    ("L'incontro alle 15:30.", "15:30"),
    ("L'incontro alle 15.30.", "15.30"),
    ("L'incontro è alle 15 a Roma.", "15"),
    ("Nel XXI secolo.", "XXI"),
    ("Il ventesimo secolo.", "ventesimo"),
    ("Tu sei qui.", "sei"),
    ("Non sei solo.", "sei"),
    ("I venti del nord.", "venti"),
    ("In mezzo alla folla.", "mezzo"),
    ("Un mezzo di trasporto.", "mezzo"),
    ("A metà maggio.", "metà"),
    ("FOTO DI GRUPPO II.", "II"),
    ("Papa Giovanni Paolo II ha visitato.", "II"),
    ("Re Carlo III ha parlato.", "III"),
    ("Il re, noto come Rama IX, è morto.", "IX"),
    ("Le prime ipotesi sul crollo.", "prime"),
    ("I primi soccorritori sono arrivati.", "primi"),
    ("La partita è finita 2-0 per gli azzurri.", "2-0"),
    ("Battuti per una rete a zero i gallesi.", "zero"),
    ("Il vantaggio arriva al 14' del primo tempo.", "14"),
    ("Gli azzurri dell'Under-21 e la A10.", "21"),
    ("La Olimpiadi di Rio 2016 parteciperanno in tanti.", "2016"),
    ("Condannato a 4 anni di reclusione.", "4"),
    ("Dopo circa 7 ore di camera di consiglio.", "7"),
    ("Tra il 9 e il 13 ottobre 2010 i playoff.", "9"),
    ("Nella notte tra il 10 e l'11 febbraio.", "10"),
    ("Il 10 e 11 febbraio si vota.", "10"),
    ("Il break la porta sul 0-2 nel set.", "0-2"),
    ("Partenza al minuto 45 di ogni ora.", "45"),
    ("Il crollo all'1 di notte.", "1"),
    ("Il Movimento 5 Stelle ha vinto.", "5"),
    ("Il dirigente dell'ASL 2 Carlo Rossi.", "2"),
    ("Investita da una Rover 200 condotta da lui.", "200"),
    ("Condannate a otto e tre anni di lavori forzati.", "otto"),
    ("Bambini di 6 e 7 anni.", "6"),
    ("Un simbolo ² nel testo: 5²", "²"),
    ("Danni anche a Cento e a Finale Emilia.", "Cento"),
    ("Il sette maggio avrebbe compiuto gli anni.", "sette"),
    ("Tra i titoli [ 2021 Oddworld ] e altri.", "2021"),
    ("Tra le due e le tre del mattino.", "due"),
    ("Per rientrare il prima possibile.", "prima"),
    ("È salito intorno alle 11.", "11"),
    ("Costruito negli anni Sessanta.", "Sessanta"),
    ("Morto il 15 luglio 1542 a Roma.", "1542"),
    ("Nella notte tra sabato 30 e domenica 31 gennaio.", "30"),
    ("Verso le nove di sera la polizia.", "nove"),
    ("Alle 15 ora locale (le 11 UTC).", "11"),
    ("Movimento 5 Stelle richiede l'impeachment.", "5"),
    ("Tra il 29 ottobre e il 1º novembre.", "1º"),
    ("Da oltre dieci anni nel Sahel.", "dieci"),
    ("Negli ultimi dieci anni.", "dieci"),
    ("Tre mesi di trattative.", "Tre"),
    ("I milioni della lotteria.", "milioni"),
    ("Il terzo settore.", "terzo"),
]


@pytest.mark.parametrize("text,substring", NOT_FIRE)
def test_does_not_fire(nlp, text, substring):
    start = text.index(substring)
    end = start + len(substring)
    hits = [s.text for s in spans(nlp, text) if s.start_char < end and start < s.end_char]
    assert hits == [], f"{substring!r} inside {hits}"


@pytest.mark.parametrize(
    "text",
    [
        "Il presidente ha parlato a lungo.",
        "Un accordo è stato raggiunto.",
        "Secondo una dichiarazione congiunta.",
        "",
    ],
)
def test_no_numbers_at_all(nlp, text):
    assert spans(nlp, text) == []


@pytest.mark.xfail(strict=True, reason="anaphoric unit: the counted noun is in the previous clause")
def test_anaphoric_unit(nlp):
    doc = nlp("Sono presenti più di mille militari, circa 1.100 secondo il Pentagono.")
    assert [s._.num_value.unit for s in doc.spans["numbers"]] == ["militari", "militari"]


@pytest.mark.xfail(strict=True, reason="'o' ranges (due o tre giorni) are not read as ranges")
def test_or_range(nlp):
    q = spans(nlp, "Ci vorranno due o tre settimane di lavoro e cinque o sei tecnici.")[-1].value
    assert (q.kind, q.value, q.value_max) == ("range", 5, 6)


def test_unit_skips_prenominal_adjective(nlp):
    q = spans(nlp, "Sono arrivati 300 nuovi soldati.")[0].value
    assert q.unit == "soldati"


@pytest.mark.xfail(strict=True, reason="without a parser, the next word is taken even when it is a verb")
def test_unit_is_not_a_verb(nlp):
    q = spans(nlp, "Una ventina versano in gravi condizioni.")[0].value
    assert q.unit is None


@pytest.mark.xfail(strict=True, reason="pronominal ordinals (la prima dal 2012) need a noun after them")
def test_pronominal_ordinal(nlp):
    assert [s.text for s in spans(nlp, "La prima dal 2012 a qualificarsi.")] == ["prima"]


# --- whole-document behaviour -------------------------------------------------------------


def test_unit_offsets_point_at_the_noun(nlp):
    text = "In Niger sono presenti più di mille militari statunitensi."
    (span,) = spans(nlp, text)
    q = span.value
    assert text[q.unit_start : q.unit_end] == "militari"
    assert q.unit_start >= span.end_char


def test_range_fields(nlp):
    (span,) = spans(nlp, "Tra 100 e 200 militari.")
    assert span.value == Quantity(100, "exact", "militari", "range", 200, None, 14, 22)


def test_money_has_currency(nlp):
    q = spans(nlp, "Costata circa 110 milioni di dollari.")[0].value
    assert (q.currency, q.unit, q.kind) == ("USD", "dollari", "money")


def test_skips_date_spans(nlp):
    """Whatever the dates component marks is left alone."""
    text = "Da oltre 25 anni e 300 giorni."
    doc = nlp.make_doc(text)
    doc.spans["dates"] = [Span(doc, 0, 4, label="DATE")]
    doc = nlp.get_pipe("it_numbers")(doc)
    assert [s.text for s in doc.spans["numbers"]] == []


def test_missing_date_group_is_empty(nlp):
    doc = nlp.make_doc("Sono 300 soldati.")
    assert "dates" not in doc.spans
    doc = nlp.get_pipe("it_numbers")(doc)
    assert [s.text for s in doc.spans["numbers"]] == ["300"]


def test_overwrite_false_appends(nlp):
    comp = nlp.create_pipe("it_numbers", config={"overwrite": False})
    doc = nlp.make_doc("Sono 300 soldati.")
    doc.spans["numbers"] = [Span(doc, 0, 1, label="OTHER")]
    doc = comp(comp(doc))  # twice: the second run adds nothing
    assert [s.label_ for s in doc.spans["numbers"]] == ["OTHER", "NUM"]


def test_uses_parse_for_unit():
    """With a parse, the unit is the nummod head, even after an adjective."""
    nlp = spacy.blank("it")
    words = ["Arrivano", "300", "nuovi", "soldati", "."]
    doc = Doc(
        nlp.vocab,
        words=words,
        heads=[0, 3, 3, 0, 0],
        deps=["ROOT", "nummod", "amod", "nsubj", "punct"],
        pos=["VERB", "NUM", "ADJ", "NOUN", "PUNCT"],
    )
    doc = nlp.create_pipe("it_numbers")(doc)
    (span,) = doc.spans["numbers"]
    assert (span.text, span._.num_value.unit) == ("300", "soldati")


def test_analyze_pipes_clean(nlp):
    analysis = nlp.analyze_pipes(pretty=False)
    assert not any(analysis["problems"].values())


def test_to_disk_from_disk_roundtrip(nlp, tmp_path):
    comp = nlp.get_pipe("it_numbers")
    comp.to_disk(tmp_path / "numbers")
    fresh = nlp.create_pipe("it_numbers").from_disk(tmp_path / "numbers")
    assert fresh.lex.qualifiers == comp.lex.qualifiers
    text = "Più di mille militari e 5 milioni di euro."
    doc_a, doc_b = fresh(nlp.make_doc(text)), nlp(text)
    a = [(s.text, s._.num_value) for s in doc_a.spans["numbers"]]
    b = [(s.text, s._.num_value) for s in doc_b.spans["numbers"]]
    assert a == b and len(a) == 2


def test_deterministic_and_never_retokenises(nlp, seed_text):
    a = nlp(seed_text)
    b = nlp(seed_text)
    assert [t.text for t in a] == [t.text for t in nlp.make_doc(seed_text)]
    assert [(s.start, s.end, s._.num_value) for s in a.spans["numbers"]] == [
        (s.start, s.end, s._.num_value) for s in b.spans["numbers"]
    ]


def test_seed_article_matches_gold(nlp, seed_text):
    gold = json.loads((ROOT / "corpus" / "gold" / "niger-usa-ritiro.json").read_text(encoding="utf-8"))
    doc = nlp(seed_text)
    found = {(s.start_char, s.end_char): s._.num_value for s in doc.spans["numbers"]}
    assert set(found) == {(g["start"], g["end"]) for g in gold["numbers"]}
    for g in gold["numbers"]:
        q = found[(g["start"], g["end"])]
        assert (q.value, q.qualifier, q.kind) == (g["value"], g["qualifier"], g["kind"])
        if g["text"] != "circa 1.100":  # anaphoric unit, see test_anaphoric_unit
            assert q.unit == g["unit"]


def test_pipeline_save_and_load(tmp_path):
    """nlp.to_disk / spacy.load keep the component and its language data files."""
    base = spacy.blank("it")
    base.add_pipe("it_numbers")
    base.to_disk(tmp_path / "nlp")
    assert (tmp_path / "nlp" / "it_numbers" / "number_words.json").exists()
    loaded = spacy.load(tmp_path / "nlp")
    doc = loaded("Oltre 25 milioni di abitanti.")
    assert [(s.text, s._.num_value.value) for s in doc.spans["numbers"]] == [("Oltre 25 milioni", 25000000)]


@pytest.mark.xfail(strict=True, reason="pronominal 'uno' (Dei due macchinisti, uno soltanto) is read as the article")
def test_pronominal_uno(nlp):
    assert "uno" in [s.text for s in spans(nlp, "Dei due macchinisti, uno soltanto è ferito.")]


def test_uses_pos_when_tagged():
    """With a tagger but no parser, a verb after the number is not its unit."""
    nlp = spacy.blank("it")
    words = ["Una", "ventina", "versano", "in", "gravi", "condizioni"]
    doc = Doc(nlp.vocab, words=words, pos=["DET", "NOUN", "VERB", "ADP", "ADJ", "NOUN"])
    doc = nlp.create_pipe("it_numbers")(doc)
    (span,) = doc.spans["numbers"]
    assert (span.text, span._.num_value.value, span._.num_value.unit) == ("Una ventina", 20, None)
