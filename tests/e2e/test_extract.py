"""The CLI end to end on a temporary corpus, broken files included."""

import json
import shutil
import subprocess
import sys

import pandas as pd
import pytest

from pipeline.__main__ import EXIT_ARTICLE_ERRORS, main
from pipeline.tables import MENTION_COLUMNS

from ..conftest import ROOT, SEED_ID


@pytest.fixture()
def corpus(tmp_path):
    articles = tmp_path / "corpus" / "articles"
    articles.mkdir(parents=True)
    shutil.copy(ROOT / "corpus" / "articles" / f"{SEED_ID}.txt", articles)
    (articles / "breve.txt").write_text("Ieri a Roma migliaia di persone hanno protestato.", encoding="utf-8")
    (articles / "latin1.txt").write_bytes("Perché è così".encode("latin-1"))
    (articles / "vuoto.txt").write_text("", encoding="utf-8")
    (tmp_path / "corpus" / "articles.csv").write_text(
        f"doc_id,title,published,source,url,licence\n{SEED_ID},Niger,2024-05-20,test,,CC BY 4.0\n", encoding="utf-8"
    )
    return tmp_path / "corpus"


def run(corpus, out, model="blank"):
    return main(["extract", str(corpus), "--out", str(out), "--model", model, "--no-progress"])


def test_extract_writes_every_table_and_reports_broken_files(corpus, tmp_path):
    out = tmp_path / "out"
    assert run(corpus, out) == EXIT_ARTICLE_ERRORS
    docs = pd.read_csv(out / "documents.csv", keep_default_na=False).set_index("doc_id")
    assert list(docs.index) == ["breve", "latin1", SEED_ID, "vuoto"]
    assert docs.loc[SEED_ID, "status"] == "ok" and docs.loc[SEED_ID, "n_tokens"] > 400
    assert docs.loc[SEED_ID, "published"] == "2024-05-20"
    assert docs.loc["latin1", "status"] == "error"
    assert "latin1.txt" in docs.loc["latin1", "error"] and "UTF-8" in docs.loc["latin1", "error"]
    assert "vuoto.txt: is empty" in docs.loc["vuoto", "error"]
    for name, columns in MENTION_COLUMNS.items():
        frame = pd.read_csv(out / f"{name}.csv")
        assert list(frame.columns[: len(columns)]) == columns
    records = [json.loads(line) for line in (out / "extraction.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == list(docs.index)
    assert not list(out.glob("*.tmp"))


def test_offsets_point_into_the_article_text(corpus, tmp_path):
    out = tmp_path / "out"
    run(corpus, out)
    text = (corpus / "articles" / f"{SEED_ID}.txt").read_text(encoding="utf-8")
    for name in ("entities", "dates", "numbers"):
        frame = pd.read_csv(out / f"{name}.csv", keep_default_na=False)
        for row in frame[frame.doc_id == SEED_ID].itertuples():
            assert text[row.start : row.end] == row.text


def test_two_runs_give_identical_bytes(corpus, tmp_path):
    """Every file but the DuckDB one (its header holds random ids) and the manifest that
    hashes it; the DuckDB tables hold identical rows."""
    import duckdb

    from pipeline.tables import TABLE_NAMES
    from pipeline.typed import DUCKDB_NAME
    from pipeline.writer import MANIFEST_NAME

    run(corpus, tmp_path / "one")
    run(corpus, tmp_path / "two")
    for path in sorted((tmp_path / "one").iterdir()):
        if path.name not in (DUCKDB_NAME, MANIFEST_NAME):
            assert path.read_bytes() == (tmp_path / "two" / path.name).read_bytes(), path.name
    manifests = [json.loads((tmp_path / run / MANIFEST_NAME).read_text()) for run in ("one", "two")]
    for manifest in manifests:
        del manifest["files"][DUCKDB_NAME]
    assert manifests[0] == manifests[1]
    rows = []
    for run_dir in ("one", "two"):
        with duckdb.connect(str(tmp_path / run_dir / DUCKDB_NAME), read_only=True) as con:
            rows.append({t: con.sql(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in TABLE_NAMES})
    assert rows[0] == rows[1] and rows[0]["dates"]


def test_unknown_model_is_a_one_line_error(corpus, tmp_path, capsys):
    assert run(corpus, tmp_path / "out", model="it_nessun_modello") == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "it_nessun_modello" in err[0] and "make model" in err[0]


def test_annotate_jsonl_keeps_order_and_reports_bad_lines():
    lines = [
        {"id": "1", "text": "Ieri migliaia di manifestanti hanno protestato a Niamey.", "published": "2024-05-20"},
        "non è json",
        {"id": "3", "text": 42},
        {"id": "4", "text": "Il 16 marzo 2024 il Niger ha chiesto il ritiro.", "published": "16/03"},
        {"id": "5", "text": "Testo senza data di pubblicazione."},
    ]
    stdin = "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n"
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "annotate", "--jsonl", "--model", "blank"],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == EXIT_ARTICLE_ERRORS, result.stderr  # some lines failed
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["1", None, "3", "4", "5"]
    assert [("error" in o) for o in out] == [False, True, True, True, False]
    assert "line 2" in out[1]["error"] and "'text'" in out[2]["error"]
    assert "published" in out[3]["error"]
    for key in ("entities", "dates", "numbers", "events"):
        assert isinstance(out[0][key], list)


def test_an_article_that_breaks_the_pipeline_does_not_stop_its_batch(corpus, tmp_path, monkeypatch):
    from pipeline import extract

    real = extract.annotate_text

    def failing_on_breve(nlp, text, published=None, doc_id=None):
        if doc_id == "breve":
            raise RuntimeError("componente rotto")
        return real(nlp, text, published, doc_id)

    original_pipe = extract.Language.pipe

    def pipe_failing_on_breve(self, docs, **kwargs):
        docs = list(docs)
        if any(d._.doc_id == "breve" for d in docs):
            raise RuntimeError("componente rotto")
        return original_pipe(self, docs, **kwargs)

    monkeypatch.setattr(extract, "annotate_text", failing_on_breve)
    monkeypatch.setattr(extract.Language, "pipe", pipe_failing_on_breve)
    out = tmp_path / "out"
    assert run(corpus, out) == EXIT_ARTICLE_ERRORS
    docs = pd.read_csv(out / "documents.csv", keep_default_na=False).set_index("doc_id")
    assert docs.loc["breve", "status"] == "error"
    assert "breve.txt: pipeline failed: RuntimeError: componente rotto" in docs.loc["breve", "error"]
    assert docs.loc[SEED_ID, "status"] == "ok" and docs.loc[SEED_ID, "n_dates"] > 0
