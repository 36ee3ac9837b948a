"""The language data folder: every file has a schema, validates, and errors say where."""

from __future__ import annotations

import json

import pytest
from spacy.util import registry

from pipeline.lang.loader import DATA_DIR, SCHEMA_DIR, LanguageData, LanguageDataError, parse_json, read_file, validate

DATA_FILES = sorted(DATA_DIR.glob("*.json"))


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.name)
def test_every_data_file_has_a_schema_and_validates(path):
    assert (SCHEMA_DIR / path.name).exists(), f"{path.name} has no schema in {SCHEMA_DIR}"
    data = read_file(path)
    assert set(data["_meta"]) >= {"source", "date", "format"}


@pytest.mark.parametrize("path", sorted(SCHEMA_DIR.glob("*.json")), ids=lambda p: p.name)
def test_every_schema_describes_a_data_file_with_meta(path):
    if path.name == "common.json":
        return
    assert (DATA_DIR / path.name).exists(), f"schema {path.name} has no data file"
    schema = json.loads(path.read_text(encoding="utf-8"))
    assert "_meta" in schema["required"]
    assert schema.get("additionalProperties") is False, "unknown keys must be rejected"


def test_a_duplicate_key_is_an_error_naming_the_file():
    with pytest.raises(LanguageDataError, match=r"months.json: duplicate key 'gen'"):
        parse_json('{"gen": 1, "gen": 2}', "months.json")


def test_an_uppercase_form_names_file_key_and_problem():
    data = json.loads((DATA_DIR / "months.json").read_text(encoding="utf-8"))
    data["abbreviations"]["Gen"] = 1
    with pytest.raises(LanguageDataError, match=r"months.json: abbreviations: 'Gen' is not a lowercase"):
        validate("months", data)


def test_a_value_out_of_range_names_the_form():
    data = json.loads((DATA_DIR / "months.json").read_text(encoding="utf-8"))
    data["names"]["gennaio"] = 13
    with pytest.raises(LanguageDataError, match=r"months.json: names/gennaio: 13 is greater"):
        validate("months", data)


def test_an_unknown_key_is_rejected():
    data = json.loads((DATA_DIR / "weekdays.json").read_text(encoding="utf-8"))
    data["giorni"] = {}
    with pytest.raises(LanguageDataError, match=r"weekdays.json: .*'giorni' was unexpected"):
        validate("weekdays", data)


def test_a_folder_replaces_only_the_files_it_has(tmp_path):
    months = json.loads((DATA_DIR / "months.json").read_text(encoding="utf-8"))
    months["abbreviations"]["gnn"] = 1
    (tmp_path / "months.json").write_text(json.dumps(months), encoding="utf-8")
    data = LanguageData(tmp_path)
    assert data["months"]["abbreviations"]["gnn"] == 1
    assert data["weekdays"]["names"]["lunedì"] == 1  # from the package


def test_a_broken_file_in_the_folder_names_it(tmp_path):
    (tmp_path / "months.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(LanguageDataError, match=r"^months.json: not valid JSON"):
        LanguageData(tmp_path)["months"]


def test_a_missing_folder_is_an_error(tmp_path):
    with pytest.raises(LanguageDataError, match="does not exist"):
        LanguageData(tmp_path / "nope")


def test_the_loader_is_a_registered_function(tmp_path):
    resolved = registry.resolve({"data": {"@misc": "pipeline.it_language_data.v1", "path": None}})
    assert resolved["data"]["months"]["names"]["marzo"] == 3


def test_saved_data_round_trip(tmp_path):
    data = LanguageData()
    data.to_disk(tmp_path, ["months", "weekdays"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["months.json", "weekdays.json"]
    again = LanguageData.from_disk(tmp_path)
    assert again["months"] == data["months"]
    assert LanguageData.from_bytes(data.to_bytes(["months"]))["months"] == data["months"]
