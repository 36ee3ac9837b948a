"""Typed outputs (issue 16): Parquet, DuckDB, datapackage.json and load_tables, from one
schema; the README's analyst queries run on a fresh run."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest

import pipeline
from pipeline.extract import extract_corpus
from pipeline.schema import DESCRIPTIONS, csv_columns, typed_columns
from pipeline.tables import TABLE_NAMES
from pipeline.timex_calendar import calendar_start
from pipeline.typed import DATAPACKAGE_NAME, DUCKDB_NAME, SQL_TYPES
from pipeline.writer import verify_outputs

from ..conftest import ROOT, SEED_ID

KIND_ID = "kind-subprime-retate-usa"
README = (ROOT / "README.md").read_text(encoding="utf-8")
SECTION = README.split("### Typed tables")[1].split("\n### ")[0]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory, nlp_default):
    """The seed article (with its publication date) and a KIND one, through the default
    model, under a strict umask; the README's queries read ``outputs/``."""
    root = tmp_path_factory.mktemp("typed")
    articles = root / "corpus" / "articles"
    articles.mkdir(parents=True)
    for doc_id in (SEED_ID, KIND_ID):
        shutil.copy(ROOT / "corpus" / "articles" / f"{doc_id}.txt", articles)
    (articles / "=formula.txt").write_text("Il 16 marzo 2024 il Niger ha chiesto il ritiro.", encoding="utf-8")
    shutil.copy(ROOT / "corpus" / "articles.csv", root / "corpus" / "articles.csv")
    mask = os.umask(0o027)
    try:
        extract_corpus(nlp_default, root / "corpus", root / "outputs", progress=False)
    finally:
        os.umask(mask)
    return root


def test_every_typed_file_is_in_the_manifest_and_respects_the_umask(outputs):
    out = outputs / "outputs"
    assert verify_outputs(out) == []
    manifest = json.loads((out / "manifest.json").read_text())["files"]
    typed = [f"{t}.parquet" for t in TABLE_NAMES] + [DUCKDB_NAME, DATAPACKAGE_NAME]
    for name in [*typed, "documents.csv", "manifest.json"]:
        assert (out / name).stat().st_mode & 0o777 == 0o640, name
    assert set(typed) <= set(manifest)
    assert not [p for p in out.iterdir() if p.name.endswith(".wal")]


def test_duckdb_tables_have_the_schema_types_and_keys(outputs):
    with duckdb.connect(str(outputs / "outputs" / DUCKDB_NAME), read_only=True) as con:
        for table in TABLE_NAMES:
            described = con.sql(f"DESCRIBE {table}").fetchall()
            assert [(r[0], r[1]) for r in described] == [(c.name, SQL_TYPES[c.type]) for c in typed_columns(table)]
        keys = {(r[0], r[1]) for r in con.sql("DESCRIBE events").fetchall() if r[3] == "PRI"}
        assert keys == {("doc_id", "VARCHAR"), ("event_id", "VARCHAR")}
        cameo = {r[0] for r in con.sql("SELECT cameo FROM events WHERE cameo IS NOT NULL").fetchall()}
        assert any(code.startswith("0") for code in cameo)  # 010, 0874: text, zeros kept
        published = con.execute(f"SELECT published FROM documents WHERE doc_id = '{SEED_ID}'").fetchone()
        assert published == (dt.date(2024, 5, 20),)
        comment = con.execute(
            "SELECT comment FROM duckdb_columns() WHERE table_name = 'events' AND column_name = 'cameo'"
        ).fetchone()
        assert comment is not None and "CAMEO" in comment[0]
        # every entity mention points to an actors row
        orphans = con.execute("SELECT count(*) FROM entities e ANTI JOIN actors a USING (doc_id, entity_id)").fetchone()
        assert orphans == (0,)


def test_load_tables_returns_typed_frames(outputs):
    tables = pipeline.load_tables(outputs / "outputs")
    assert set(tables) == set(TABLE_NAMES)
    events, dates, documents = tables["events"], tables["dates"], tables["documents"]
    assert list(events.columns) == [c.name for c in typed_columns("events")]
    assert str(events["start"].dtype) == "Int64" and str(events["negated"].dtype) == "boolean"
    assert str(events["cameo"].dtype) == "string" and str(tables["numbers"]["value"].dtype) == "Float64"
    assert str(documents["published"].dtype).startswith("datetime64")
    assert events.groupby("doc_id")["event_id"].apply(lambda ids: ids.is_unique).all()
    # the typed date and its precision agree with the TIMEX3 value they come from
    for row in dates.dropna(subset=["value"]).itertuples():
        day, precision = calendar_start(row.value)
        assert (pd.isna(row.value_date) and day is None) or row.value_date.date() == day, row.value
        assert (pd.isna(row.value_precision) and precision is None) or row.value_precision == precision
    assert (dates["value_precision"] == "day").any()


def test_typed_text_is_exact_while_the_csv_is_neutralised(outputs):
    out = outputs / "outputs"
    ids = set(pq.read_table(out / "documents.parquet").column("doc_id").to_pylist())
    csv_ids = set(pd.read_csv(out / "documents.csv", dtype=str, keep_default_na=False)["doc_id"])
    assert "=formula" in ids and "'=formula" in csv_ids


def test_datapackage_describes_every_csv_column_and_types_them(outputs):
    out = outputs / "outputs"
    package = json.loads((out / DATAPACKAGE_NAME).read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in package["resources"]}
    for table in TABLE_NAMES:
        header = list(pd.read_csv(out / f"{table}.csv", nrows=0).columns)
        fields = resources[table]["schema"]["fields"]
        assert [f["name"] for f in fields] == header
        assert all(f["description"] != "(not described yet)" for f in fields), table
        parquet = pq.read_schema(out / f"{table}.parquet").names
        assert [f["name"] for f in resources[f"{table}_typed"]["schema"]["fields"]] == parquet
    assert resources["events_typed"]["schema"]["primaryKey"] == ["doc_id", "event_id"]
    # a CSV reader that follows the package keeps CAMEO codes as text
    types = {f["name"]: f["type"] for f in resources["events"]["schema"]["fields"]}
    strings = [name for name, kind in types.items() if kind == "string"]
    events = pd.read_csv(out / "events.csv", dtype=dict.fromkeys(strings, "string"), keep_default_na=False)
    assert "cameo" in strings and events["cameo"].str.startswith("0").any()


def test_schema_describes_each_column_once():
    for table in TABLE_NAMES:
        names = [c.name for c in typed_columns(table)]
        assert len(names) == len(set(names)) and set(csv_columns(table)) <= set(names)
        assert set(DESCRIPTIONS[table]) == set(names), table  # nothing missing, nothing stale


def test_the_readme_queries_run(outputs, monkeypatch):
    monkeypatch.chdir(outputs)
    (python,) = re.findall(r"```python\n(.*?)```", SECTION, re.S)
    (sql,) = re.findall(r"```sql\n(.*?)```", SECTION, re.S)
    namespace: dict = {}
    exec(python, namespace)
    by_type_and_month, by_country, arguments = (
        namespace["by_type_and_month"],
        namespace["by_country"],
        namespace["arguments"],
    )
    assert by_type_and_month.sum() > 0 and (by_country > 0).all()
    queries = [q for q in sql.split(";") if any(not line.startswith("--") for line in q.strip().splitlines())]
    assert len(queries) == 3
    with duckdb.connect(str(outputs / "outputs" / DUCKDB_NAME), read_only=True) as con:
        months, countries, joined = (con.sql(q).fetchall() for q in queries)
    assert sum(n for _, _, n in months if _ is not None) >= by_type_and_month.sum()
    assert {c: n for c, n, _ in countries} == by_country.to_dict()
    assert sorted(joined) == sorted(map(tuple, arguments.itertuples(index=False)))
    assert ("actor", "Stati Uniti", "Stati Uniti", "country", "US") in joined


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2024-03-16", (dt.date(2024, 3, 16), "day")),
        ("2024-03", (dt.date(2024, 3, 1), "month")),
        ("2024-W20", (dt.date(2024, 5, 13), "week")),
        ("2024-W20-WE", (dt.date(2024, 5, 18), "weekend")),
        ("2024-SU", (dt.date(2024, 6, 1), "season")),
        ("2024-Q2", (dt.date(2024, 4, 1), "quarter")),
        ("2024-H2", (dt.date(2024, 7, 1), "half")),
        ("2024", (dt.date(2024, 1, 1), "year")),
        ("199", (dt.date(1990, 1, 1), "decade")),
        ("19", (dt.date(1900, 1, 1), "century")),
        ("2024-11-16TAF", (dt.date(2024, 11, 16), "part_of_day")),
        ("2024-05-20T15:30", (dt.date(2024, 5, 20), "minute")),
        ("XXXX-06-30", (None, None)),
        ("P10Y", (None, None)),
        ("PRESENT_REF", (None, None)),
        ("XXXX-WXX-1", (None, None)),
        ("2024-02-31", (None, None)),
        ("2024-W53", (None, None)),
        (None, (None, None)),
    ],
)
def test_calendar_start(value, expected):
    assert calendar_start(value) == expected
