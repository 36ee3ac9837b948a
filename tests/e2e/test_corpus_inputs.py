"""More kinds of input (issue 16): saved web pages, JSON Lines and CSV collections, each
article its own row and its own error, with the corpus's safety checks."""

from __future__ import annotations

import json
import os

import duckdb
import pandas as pd
import pytest

from pipeline.__main__ import EXIT_ARTICLE_ERRORS, main
from pipeline.corpus import iter_articles

PAGE = """<!DOCTYPE html><html lang="it"><head><meta charset="utf-8">
<title>Niger, gli Usa se ne vanno | Il Quotidiano</title>
<meta property="article:published_time" content="2024-05-20T10:00:00+02:00">
<meta property="og:site_name" content="Il Quotidiano">
</head><body><nav><a href="/">Home</a> <a href="/esteri">Esteri</a> <a href="/sport">Sport</a></nav>
<article><h1>Niger, gli Stati Uniti ritirano le truppe</h1>
<p>Ieri il governo del Niger ha chiesto il ritiro dei militari americani dalla base aerea di Agadez,
dove sono di stanza circa mille soldati, secondo fonti del ministero.</p>
<p>Il Pentagono ha confermato che il ritiro sara completato entro il 15 settembre, come previsto
da un accordo firmato a Niamey dopo settimane di trattative tra i due governi.</p>
</article><footer>Tutti i diritti riservati. Informativa sui cookie.</footer></body></html>"""
TEXT = "Ieri a Niamey migliaia di persone hanno protestato contro il governo."


def articles_of(corpus) -> dict:
    return {a.doc_id: a for a in iter_articles(corpus)}


def test_a_saved_web_page_gives_its_main_text_title_and_date(tmp_path):
    (tmp_path / "pagina.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "vuota.HTM").write_text("<html><body><script>var x = 1;</script></body></html>", encoding="utf-8")
    found = articles_of(tmp_path)
    page = found["pagina"]
    assert page.error is None and page.published is not None and page.published.isoformat() == "2024-05-20"
    assert page.title == "Niger, gli Stati Uniti ritirano le truppe" and page.source == "Il Quotidiano"
    assert page.text.startswith("Niger, gli Stati Uniti") and "\n\nIeri il governo" in page.text
    assert "Esteri" not in page.text and "cookie" not in page.text
    assert "vuota.HTM: no main text found" in found["vuota"].error


def test_the_metadata_row_wins_over_the_page(tmp_path):
    (tmp_path / "pagina.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "articles.csv").write_text("doc_id,title,published\npagina,Titolo mio,2024-06-01\n", encoding="utf-8")
    page = articles_of(tmp_path)["pagina"]
    assert page.title == "Titolo mio" and page.published.isoformat() == "2024-06-01"


def test_jsonl_lines_are_articles_with_their_own_errors(tmp_path):
    lines = [
        json.dumps({"id": "a1", "text": TEXT, "title": "Proteste", "published": "2024-05-20", "source": "ANSA"}),
        "",  # blank: skipped
        "non è json",
        json.dumps({"id": "a3", "text": 42}),
        json.dumps(["una", "lista"]),
        json.dumps({"text": TEXT}),
        json.dumps({"id": "a1", "text": TEXT}),  # same id again
        json.dumps({"id": 7, "text": TEXT, "published": "20240520"}),
        json.dumps({"id": "lungo", "text": "a" * 2_000_000}),
    ]
    (tmp_path / "flusso.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = list(iter_articles(tmp_path))
    by_line = {a.line: a for a in found}
    assert sorted(a.line for a in found) == [1, 3, 4, 5, 6, 7, 8, 9]  # in doc_id order, the tables' order
    assert by_line[1].error is None and by_line[1].title == "Proteste" and by_line[1].source == "ANSA"
    assert by_line[1].published.isoformat() == "2024-05-20" and by_line[1].doc_id == "a1"
    for line, problem in [(3, "not valid JSON"), (4, "no 'text'"), (5, "expected a JSON object"), (6, "no 'id'")]:
        assert by_line[line].error.startswith(f"{tmp_path / 'flusso.jsonl'}: line {line}: {problem}"), by_line[line]
    assert "same doc_id 'a1'" in by_line[7].error and by_line[7].doc_id == "flusso.jsonl:7"
    assert by_line[8].error is None and by_line[8].doc_id == "7" and by_line[8].published is None
    assert any("not YYYY-MM-DD" in w for w in by_line[8].warnings)
    assert "over the limit" in by_line[9].error
    assert len({a.doc_id for a in found}) == len(found)


def test_csv_rows_are_articles_with_their_own_errors(tmp_path):
    (tmp_path / "export.csv").write_text(
        'id;title;text;published\nr1;Uno;"Prima riga.\nSeconda riga; con punto e virgola.";2024-05-20\n'
        "r2;Due;;\n"
        'r3;Tre;"Testo non chiuso\n',
        encoding="utf-8",
    )
    (tmp_path / "senza.csv").write_text("titolo,corpo\nx,y\n", encoding="utf-8")
    long_text = "Ieri a Roma. " * 20_000  # 240,000 characters: over the csv module's default field limit
    (tmp_path / "lungo.csv").write_text(f'id,text\nlungo,"{long_text}"\n', encoding="utf-8")
    found = articles_of(tmp_path)
    assert found["lungo"].error is None and found["lungo"].text == long_text
    assert found["r1"].error is None and found["r1"].text == "Prima riga.\nSeconda riga; con punto e virgola."
    assert found["r1"].line == 2 and found["r1"].published.isoformat() == "2024-05-20"
    assert found["r2"].error.endswith("export.csv: line 4: no 'text' (a non-empty string)")
    assert "line 5: malformed CSV" in found["export.csv:5"].error
    assert "senza.csv: line 1: header must have 'id' and 'text'" in found["senza.csv:1"].error


def test_collections_keep_the_corpus_safety_checks(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(TEXT, encoding="utf-8")
    os.mkfifo(corpus / "coda.jsonl")
    (tmp_path / "fuori.html").write_text(PAGE, encoding="utf-8")
    (corpus / "fuori.html").symlink_to(tmp_path / "fuori.html")
    (corpus / "latin1.csv").write_bytes("id,text\nx,Perché\n".encode("latin-1"))
    found = articles_of(corpus)
    assert "is a FIFO" in found["coda.jsonl"].error
    assert "out of the corpus folder" in found["fuori"].error
    assert "latin1.csv: line 2: not valid UTF-8" in found["latin1.csv"].error


def test_extract_writes_one_row_per_article_of_every_kind(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "pagina.html").write_text(PAGE, encoding="utf-8")
    (corpus / "testo.txt").write_text(TEXT, encoding="utf-8")
    (corpus / "flusso.jsonl").write_text(
        json.dumps({"id": "j1", "text": TEXT, "published": "2024-05-20"}) + "\n{rotto\n", encoding="utf-8"
    )
    (corpus / "export.csv").write_text(f"id,text,published\nc1,{TEXT},2024-05-21\nj1,{TEXT},\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["extract", str(corpus), "--out", str(out), "--model", "blank", "--no-progress"]) == EXIT_ARTICLE_ERRORS
    docs = pd.read_csv(out / "documents.csv", dtype=str, keep_default_na=False).set_index("doc_id")
    # files in name order: export.csv's j1 comes first, the one in flusso.jsonl is a duplicate
    assert set(docs.index) == {"pagina", "testo", "j1", "flusso.jsonl:1", "flusso.jsonl:2", "c1"}
    assert docs.loc["pagina", "published"] == "2024-05-20" and docs.loc["c1", "published"] == "2024-05-21"
    assert (docs["status"] == "error").sum() == 2
    assert "flusso.jsonl: line 2: not valid JSON" in docs.loc["flusso.jsonl:2", "error"]
    assert "flusso.jsonl line 1: same doc_id 'j1' as" in docs.loc["flusso.jsonl:1", "error"]
    assert "export.csv line 3" in docs.loc["flusso.jsonl:1", "error"]
    dates = pd.read_csv(out / "dates.csv", dtype=str, keep_default_na=False)
    assert set(dates[dates.text == "Ieri"]["value"]) >= {"2024-05-19", "2024-05-20"}  # page and c1
    with duckdb.connect(str(out / "extraction.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM documents").fetchone() == (6,)
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize("name", ["articles.csv"])
def test_articles_csv_stays_metadata(tmp_path, name):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / name).write_text("doc_id,title\na,Titolo\n", encoding="utf-8")
    assert [(a.doc_id, a.title) for a in iter_articles(tmp_path)] == [("a", "Titolo")]
