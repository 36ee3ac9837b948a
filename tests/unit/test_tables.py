import dataclasses
import datetime as dt

import pandas as pd
import pytest
import spacy
from spacy.tokens import Span

from pipeline.corpus import Article
from pipeline.tables import MENTION_COLUMNS, TableSet, atomic_write_text, mention_rows, record_fields


@dataclasses.dataclass(frozen=True)
class FakeTimex:
    value: str
    type: str
    granularity: str


@pytest.fixture()
def doc():
    nlp = spacy.blank("it")
    nlp.add_pipe("sentencizer")
    doc = nlp("Il 16 marzo 2024 Niamey ha chiesto il ritiro. Mille soldati partono.")
    doc.ents = [Span(doc, 4, 5, label="LOC")]
    date = doc.char_span(3, 16)
    date._.date_value = FakeTimex("2024-03-16", "DATE", "day")
    doc.spans["dates"] = [date]
    return doc


def test_mention_rows_carry_offsets_sentence_and_record_fields(doc):
    rows = mention_rows(doc)
    assert rows["entities"] == [{"sentence": 0, "start": 17, "end": 23, "text": "Niamey", "label": "LOC"}]
    (date,) = rows["dates"]
    assert date["text"] == doc.text[date["start"] : date["end"]] == "16 marzo 2024"
    assert (date["value"], date["type"], date["granularity"]) == ("2024-03-16", "DATE", "day")


def test_record_fields_accepts_as_row_dataclass_and_dict():
    class WithRow:
        def as_row(self):
            return {"type": "PROTEST"}

    assert record_fields(WithRow()) == {"type": "PROTEST"}
    assert record_fields(FakeTimex("2024", "DATE", "year"))["value"] == "2024"
    assert record_fields({"a": 1}) == {"a": 1} and record_fields(None) == {}


def test_sentence_index_of_second_sentence(doc):
    span = doc.char_span(46, 51)  # "Mille"
    span._.date_value = None
    doc.spans["numbers"] = [span]
    assert mention_rows(doc)["numbers"][0]["sentence"] == 1


def test_empty_tables_keep_their_header(tmp_path):
    tables = TableSet()
    tables.add(Article("rotto", tmp_path / "rotto.txt", error="rotto.txt: is empty"), None)
    tables.write(tmp_path)
    for name, columns in MENTION_COLUMNS.items():
        frame = pd.read_csv(tmp_path / f"{name}.csv")
        assert list(frame.columns) == columns and frame.empty
    documents = pd.read_csv(tmp_path / "documents.csv", keep_default_na=False)
    assert documents.loc[0, "status"] == "error" and "is empty" in documents.loc[0, "error"]


def test_table_set_rows_are_sorted_and_jsonl_written(tmp_path, doc):
    tables = TableSet()
    tables.add(Article("b", tmp_path / "b.txt", text=doc.text, published=dt.date(2024, 5, 20)), doc)
    tables.add(Article("a", tmp_path / "a.txt", text=doc.text), doc)
    tables.write(tmp_path)
    assert list(pd.read_csv(tmp_path / "entities.csv")["doc_id"]) == ["a", "b"]
    lines = (tmp_path / "extraction.jsonl").read_text(encoding="utf-8").splitlines()
    assert [line[:10] for line in lines] == ['{"id": "a"', '{"id": "b"']


def test_atomic_write_keeps_old_file_when_writing_fails(tmp_path, monkeypatch):
    path = tmp_path / "t.csv"
    atomic_write_text(path, "vecchio\n")

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr("pipeline.writer.os.replace", broken_replace)
    with pytest.raises(OSError):
        atomic_write_text(path, "nuovo\n")
    assert path.read_text() == "vecchio\n"
    assert [p.name for p in tmp_path.iterdir()] == ["t.csv"]
