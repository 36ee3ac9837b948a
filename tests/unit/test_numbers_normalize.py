"""Italian numbers as values: words, digits, ordinals, vague quantities, the lexicon."""

from __future__ import annotations

import json
import shutil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from num2words import num2words

from pipeline.lang.loader import DATA_DIR, LanguageData, LanguageDataError
from pipeline.normalize.numbers import (
    Quantity,
    compound_to_number,
    parse_number,
    parse_ordinal,
    roman_to_int,
    vague_quantity,
    words_to_number,
)
from pipeline.normalize.numbers_lexicon import DATA_FILES, compile_lexicon, default_lexicon

WORDS = [
    ("zero", 0),
    ("uno", 1),
    ("due", 2),
    ("tre", 3),
    ("sei", 6),
    ("nove", 9),
    ("dieci", 10),
    ("undici", 11),
    ("diciassette", 17),
    ("diciotto", 18),
    ("diciannove", 19),
    ("venti", 20),
    ("ventuno", 21),
    ("ventitré", 23),
    ("ventitre", 23),
    ("ventotto", 28),
    ("trentotto", 38),
    ("trentatré", 33),
    ("quarantuno", 41),
    ("novantanove", 99),
    ("cento", 100),
    ("centouno", 101),
    ("centotto", 108),
    ("centottanta", 180),
    ("centodiciotto", 118),
    ("duecento", 200),
    ("novecentonovantanove", 999),
    ("mille", 1000),
    ("milleuno", 1001),
    ("millecento", 1100),
    ("duemila", 2000),
    ("duemilatrecento", 2300),
    ("duemilaventiquattro", 2024),
    ("tremilaseicento", 3600),
    ("tremila e seicento", 3600),
    ("diciottomila", 18000),
    ("ventunmila", 21000),
    ("ventunomila", 21000),
    ("centomila", 100000),
    ("centoventimila", 120000),
    ("novecentonovantanovemilanovecentonovantanove", 999999),
    ("un milione", 1000000),
    ("un milione e duecentomila", 1200000),
    ("un milione duecentomila", 1200000),
    ("due milioni", 2000000),
    ("due milioni e mezzo", 2500000),
    ("un milione e mezzo", 1500000),
    ("mezzo milione", 500000),
    ("tre miliardi", 3000000000),
    ("tre miliardi e uno", 3000000001),
    ("un miliardo e duecento milioni", 1200000000),
    ("dieci mila", 10000),
    ("dieci e mezzo", 10.5),
    ("Ventitré", 23),
    ("DUEMILA", 2000),
    ("ventun milioni", 21000000),
    ("seicentoventitré miliardi, trecentoquarantasette milioni e trecentomila", 623347300000),
]

NOT_WORDS = [
    "duemille",
    "milioni",
    "milione",
    "e",
    "e due",
    "due e",
    "due tre",
    "mila",
    "unmila",
    "mezzo",
    "ventiotto milioni due milioni",
    "due milione",
    "centomille",
    "militari",
    "",
    "trentamilamila",
    "un un",
]


@pytest.mark.parametrize("text,value", WORDS)
def test_words_to_number(text, value):
    assert words_to_number(text) == value


@pytest.mark.parametrize("text", NOT_WORDS)
def test_words_to_number_rejects(text):
    assert words_to_number(text) is None


def test_compound_only_one_word():
    assert compound_to_number("trentotto") == 38
    assert compound_to_number("due milioni") is None


DIGITS = [
    ("1", 1),
    ("100", 100),
    ("1.000", 1000),
    ("1.234.567", 1234567),
    ("2,5", 2.5),
    ("1.234,56", 1234.56),
    ("0,5", 0.5),
    ("10mila", 10000),
    ("2,5mila", 2500),
    ("1,5mln", 1500000),
    ("3mld", 3000000000),
    ("25", 25),
    ("1.100", 1100),
    ("110", 110),
    ("12,0", 12),
]
NOT_DIGITS = ["15.30", "2.5", "1.00", "abc", "1,", ",5", "1.2345", "G7", "15:30", "+39", ""]


@pytest.mark.parametrize("text,value", DIGITS)
def test_parse_number(text, value):
    result = parse_number(text)
    assert result == value
    assert type(result) is type(value)


@pytest.mark.parametrize("text", NOT_DIGITS)
def test_parse_number_rejects(text):
    assert parse_number(text) is None


ORDINALS = [
    ("primo", 1),
    ("prima", 1),
    ("secondo", 2),
    ("terzo", 3),
    ("terze", 3),
    ("quarti", 4),
    ("decimo", 10),
    ("undicesimo", 11),
    ("dodicesima", 12),
    ("ventesimo", 20),
    ("ventunesimo", 21),
    ("ventitreesimo", 23),
    ("trentesimo", 30),
    ("centesimo", 100),
    ("millesimo", 1000),
    ("duemillesimo", 2000),
    ("3°", 3),
    ("3ª", 3),
    ("21º", 21),
    ("XXI", 21),
    ("II", 2),
    ("IV", 4),
    ("XIX", 19),
]
NOT_ORDINALS = ["medesimo", "battesimo", "militari", "xxi", "IIII", "3", "esimo"]


@pytest.mark.parametrize("text,value", ORDINALS)
def test_parse_ordinal(text, value):
    assert parse_ordinal(text) == value


@pytest.mark.parametrize("text", NOT_ORDINALS)
def test_parse_ordinal_rejects(text):
    assert parse_ordinal(text) is None


@pytest.mark.parametrize("text,value", [("MCMXCIX", 1999), ("XL", 40), ("VIII", 8), ("VX", None), ("", None)])
def test_roman(text, value):
    assert roman_to_int(text) == value


@pytest.mark.parametrize(
    "word,expected",
    [
        ("decine", (10, "at_least")),
        ("centinaia", (100, "at_least")),
        ("migliaia", (1000, "at_least")),
        ("milioni", (1000000, "at_least")),
        ("dozzina", (12, "approx")),
        ("centinaio", (100, "approx")),
        ("trentina", (30, "approx")),
        ("paio", (2, "approx")),
        ("militari", None),
    ],
)
def test_vague_quantity(word, expected):
    assert vague_quantity(word) == expected


def test_quantity_rejects_unknown_labels():
    assert Quantity(5).qualifier == "exact"
    with pytest.raises(ValueError):
        Quantity(5, qualifier="about")
    with pytest.raises(ValueError):
        Quantity(5, kind="number")


# --- property-based: num2words writes, we read back ----------------------------------------


def n2w(n: int, to: str = "cardinal") -> str:
    """num2words' Italian, with its one misspelling fixed: 118 -> "centodicotto"."""
    return num2words(n, lang="it", to=to).replace("dicott", "diciott")


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_num2words_roundtrip(n):
    assert words_to_number(n2w(n)) == n


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=0, max_value=999_999))
def test_num2words_single_word_roundtrip(n):
    assert compound_to_number(n2w(n).replace(" ", "")) == n


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=1, max_value=99_999))
def test_num2words_ordinal_roundtrip(n):
    assert parse_ordinal(n2w(n, to="ordinal")) == n


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**15), st.integers(min_value=0, max_value=99))
def test_italian_digit_format_roundtrip(n, cents):
    text = f"{n:,}".replace(",", ".")
    assert parse_number(text) == n
    decimal = f"{text},{cents:02d}"
    assert parse_number(decimal) == pytest.approx(n + cents / 100, rel=1e-12)


def test_num2words_misspelling_is_known():
    # If num2words fixes "centodicotto", n2w() can go.
    assert num2words(118, lang="it") in ("centodicotto", "centodiciotto")
    assert words_to_number("centodicotto") is None


# --- lexicon ---------------------------------------------------------------------------


def test_data_files_load_and_have_meta():
    data = LanguageData()
    for name in DATA_FILES:
        assert {"source", "date", "format"} <= set(data[name]["_meta"])
    lex = default_lexicon()
    assert len(lex.morphemes_by_length[0]) == max(len(m) for m in lex.morphemes)
    assert ("più", "del") in lex.qualifiers and lex.qualifiers[("più", "del")] == "more_than"
    assert lex.currencies[("franchi", "cfa")] == "XOF"


@pytest.fixture()
def data_copy(tmp_path):
    for name in DATA_FILES:
        shutil.copy(DATA_DIR / f"{name}.json", tmp_path / f"{name}.json")
    return tmp_path


def _edit(path, fn):
    data = json.loads(path.read_text(encoding="utf-8"))
    fn(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


# file, edit, what the message must name (file and key)
BAD_DATA = [
    ("number_words", lambda d: d.__setitem__("extra", {}), "extra"),
    ("number_words", lambda d: d["units"].__setitem__("Dodici", 12), "units"),
    ("number_words", lambda d: d["teens"].__setitem__("due", 2), "teens/due"),
    ("number_words", lambda d: d["ambiguous"]["sei"].__setitem__("number_when", "sometimes"), "ambiguous/sei"),
    ("number_words", lambda d: d["singular_multipliers"].append("milionata"), "singular_multipliers"),
    ("quantity_qualifiers", lambda d: d["before"].__setitem__("grosso modo", "roughly"), "before/grosso modo"),
    ("quantity_qualifiers", lambda d: d["before"].__setitem__("più dei", "approx"), "before/più dei"),
    ("currencies", lambda d: d["forms"].__setitem__("bitcoin", "BTC"), "names"),
    ("number_context", lambda d: d.pop("not_counted"), "not_counted"),
    ("number_context", lambda d: d["ordinal_determiners"].append("@determiners"), "ordinal_determiners"),
    ("number_context", lambda d: d["_meta"].pop("source"), "_meta"),
]


@pytest.mark.parametrize("name,edit,key", BAD_DATA)
def test_bad_data_names_file_and_key(data_copy, name, edit, key):
    _edit(data_copy / f"{name}.json", edit)
    with pytest.raises(LanguageDataError) as err:
        compile_lexicon(LanguageData(data_copy))
    assert f"{name}.json" in str(err.value) and key in str(err.value)


def test_lexicon_rejects_duplicate_keys(data_copy):
    path = data_copy / "number_words.json"
    text = path.read_text(encoding="utf-8").replace('"due": 2,', '"due": 2, "due": 2,', 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LanguageDataError, match="number_words.json.*duplicate key 'due'"):
        compile_lexicon(LanguageData(data_copy))


def test_lexicon_from_saved_files_is_the_same(tmp_path):
    data = LanguageData()
    data.to_disk(tmp_path, DATA_FILES)
    again = compile_lexicon(LanguageData.from_disk(tmp_path))
    assert again == default_lexicon()


def test_ambiguous_table_is_read():
    """number_words.json's ambiguous table settles the forms, and primo covers prime."""
    lex = default_lexicon()
    assert lex.ambiguous["sei"].number_when == "plural_noun_after" and "tu" in lex.ambiguous["sei"].not_after
    assert lex.ambiguous["prime"].number_when == "ordinal_context"
    assert lex.ambiguous["mila"].number_when == "never_alone"


def test_digit_suffixes_come_from_data(data_copy):
    """A new suffix glued to digits ("5mrd") is one data edit."""
    _edit(data_copy / "number_words.json", lambda d: d["digit_suffixes"].__setitem__("mrd", 10**9))
    lex = compile_lexicon(LanguageData(data_copy))
    assert parse_number("5mrd", lex) == 5 * 10**9
    assert parse_number("5mrd") is None  # the shipped data do not have it
