"""A careless or hostile corpus (issue 17): nothing hangs, crashes, leaks or is lost.

The corpus is built in a temporary folder: FIFO, device and outside symlinks, a file name
that is not UTF-8, formula names and titles, a huge article, binary, other encodings,
BOM, CRLF, NUL, terminal escapes. The CLI runs in a subprocess with a timeout (a hang
fails the test instead of blocking the suite).
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys

import pytest

from pipeline.writer import FORMULA_START, verify_outputs

from ..conftest import ROOT

TIMEOUT = 120
GOOD = "Ieri a Niamey migliaia di persone hanno protestato contro il governo."
SECRET = "segreto-fuori-dal-corpus"


def cli(*args, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args],
        input=stdin,
        capture_output=True,
        cwd=ROOT,
        timeout=TIMEOUT,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    corpus = root / "corpus"
    articles = corpus / "articles"
    articles.mkdir(parents=True)
    outside = root / "fuori.txt"
    outside.write_text(f"{SECRET}\n{GOOD}", encoding="utf-8")
    good = {
        "normale": GOOD,
        "=1+1": GOOD,
        "@SUM(1+1)": GOOD,
        "+cmd": GOOD,
        "-meno": GOOD,
        "titolo-formula": '=HYPERLINK("http://x","click")\n\n' + GOOD,
        "bom": "\ufeff" + GOOD,
        "crlf": GOOD.replace(" a Niamey", "\r\na Niamey") + "\r\n",
        "escape": "\x1b[31mRosso\x1b[0m\n\n" + GOOD,
        "MAIUSCOLO": GOOD,  # .TXT
        "tab": "\tindentato\n\n" + GOOD,
    }
    for doc_id, text in good.items():
        suffix = ".TXT" if doc_id == "MAIUSCOLO" else ".txt"
        (articles / f"{doc_id}{suffix}").write_bytes(text.encode("utf-8"))
    (articles / "dentro.txt").symlink_to(articles / "normale.txt")  # inside: followed
    good["dentro"] = GOOD
    bad = {
        "fifo": "not a text file",
        "zero": "out of the corpus folder",
        "passwd": "out of the corpus folder",
        "fuori": "out of the corpus folder",
        "enorme": "over the limit",
        "binario": "UTF-8",
        "latin1": "UTF-8",
        "utf16": "UTF-16",
        "nul": "NUL",
        "vuoto": "is empty",
        "cartella": "is a directory",
        "rotto": "cannot be read",
    }
    os.mkfifo(articles / "fifo.txt")
    (articles / "zero.txt").symlink_to("/dev/zero")
    (articles / "passwd.txt").symlink_to("/etc/passwd")
    (articles / "fuori.txt").symlink_to(outside)
    (articles / "rotto.txt").symlink_to(articles / "non-esiste")
    with open(articles / "enorme.txt", "wb") as handle:  # sparse: big but cheap
        handle.truncate(3_000_000)
    (articles / "binario.txt").write_bytes(bytes(range(256)) * 4)
    (articles / "latin1.txt").write_bytes("Perché è così".encode("latin-1"))
    (articles / "utf16.txt").write_bytes(GOOD.encode("utf-16"))
    (articles / "nul.txt").write_bytes(GOOD.encode() + b"\x00" + GOOD.encode())
    (articles / "vuoto.txt").write_bytes(b"")
    (articles / "cartella.txt").mkdir()
    bad_name = os.fsdecode(b"caf\xe9.txt")
    (articles / bad_name).write_bytes(GOOD.encode())
    bad["caf\\xe9"] = "not valid UTF-8"
    (articles / "note.md").write_text(GOOD, encoding="utf-8")
    (articles / "senza-estensione").write_text(GOOD, encoding="utf-8")
    (corpus / "articles.csv").write_text(
        "\ufeffdoc_id;title;published;source;url;licence\n"
        "normale;\"=cmd|' /C calc'!A0\";2024-05-20;@fonte;+url;-licenza\n"
        "escape;Titolo \x1b]0:pwned\x07;20240520;;;\n",
        encoding="utf-8",
    )
    out = root / "out"
    result = cli("extract", str(corpus), "--out", str(out), "--model", "blank", "--no-progress")
    return corpus, out, result, good, bad


def read_rows(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_run_finishes_with_status_3_and_no_traceback(hostile):
    _, out, result, _, _ = hostile
    err = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 3, err
    assert "Traceback" not in err
    assert "\x1b" not in err and "\x07" not in err  # escapes reach no terminal
    assert "note.md" in err and "senza-estensione" in err  # skipped files are named
    assert "20240520" in err and "not YYYY-MM-DD" in err
    assert verify_outputs(out) == []


def test_every_good_article_is_extracted_and_every_bad_one_named(hostile):
    _, out, _, good, bad = hostile
    docs = {row["doc_id"]: row for row in read_rows(out / "documents.csv")}
    neutral = {("'" + d if d.startswith(FORMULA_START) else d) for d in good}
    for doc_id in neutral:
        assert docs[doc_id]["status"] == "ok", (doc_id, docs[doc_id]["error"])
        assert int(docs[doc_id]["n_dates"]) >= 1, doc_id
    for doc_id, problem in bad.items():
        row = docs[doc_id]
        assert row["status"] == "error" and problem in row["error"], (doc_id, row["error"])
        assert "articles/" in row["error"], row["error"]  # the message names the file
    assert len(docs) == len(good) + len(bad)


def test_no_live_formula_and_no_control_character_in_any_csv(hostile):
    _, out, _, _, _ = hostile
    for path in out.glob("*.csv"):
        for row in read_rows(path):
            for column, cell in row.items():
                assert not cell.startswith(FORMULA_START), (path.name, column, cell)
                assert not any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in cell), (path.name, column, cell)
    docs = {row["doc_id"]: row for row in read_rows(out / "documents.csv")}
    assert docs["titolo-formula"]["title"].startswith("'=HYPERLINK")
    assert docs["normale"]["title"].startswith("'=cmd") and docs["normale"]["source"] == "'@fonte"
    assert docs["escape"]["title"] == "Titolo \\x1b]0:pwned\\x07"
    assert docs["escape"]["published"] == ""  # 20240520 is not YYYY-MM-DD


def test_jsonl_keeps_the_exact_text_and_offsets(hostile):
    corpus, out, _, _, _ = hostile
    records = {r["id"]: r for r in map(json.loads, (out / "extraction.jsonl").read_text(encoding="utf-8").splitlines())}
    assert records["=1+1"]["doc_id"] == "=1+1" and records["normale"]["title"].startswith("=cmd")
    assert records["escape"]["title"] == "Titolo \x1b]0:pwned\x07"
    text = (corpus / "articles" / "crlf.txt").read_bytes().decode("utf-8")
    for table in ("dates", "numbers", "events"):
        for mention in records["crlf"][table]:
            key = "trigger" if table == "events" else "text"
            assert text[mention["start"] : mention["end"]] == mention[key]


def test_nothing_from_outside_the_corpus_is_read(hostile):
    _, out, result, _, _ = hostile
    for path in out.iterdir():
        if path.is_file():
            data = path.read_bytes()
            assert SECRET.encode() not in data and b"root:x:0" not in data, path.name
    assert SECRET.encode() not in result.stderr


def test_files_respect_the_umask(hostile):
    _, out, _, _, _ = hostile
    for name in ("documents.csv", "extraction.jsonl", "manifest.json"):
        assert (out / name).stat().st_mode & 0o777 == 0o666 & ~current_umask(), name
    assert not [p for p in out.iterdir() if p.name.startswith(".extract-tmp-") or p.name.endswith(".tmp")]


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@pytest.mark.parametrize(
    "setup, message",
    [
        ("out-is-a-file", "not a folder"),
        ("out-under-a-file", "cannot create the output folder"),
        ("empty-corpus", "no articles"),
        ("metadata-dir", "is a directory"),
        ("unclosed-quote", "line 2"),
    ],
)
def test_run_problems_are_one_line_and_exit_2_before_any_article(tmp_path, setup, message):
    corpus = tmp_path / "corpus"
    (corpus / "articles").mkdir(parents=True)
    (corpus / "articles" / "a.txt").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out"
    if setup == "out-is-a-file":
        out.write_text("")
    elif setup == "out-under-a-file":
        (tmp_path / "file").write_text("")
        out = tmp_path / "file" / "out"
    elif setup == "empty-corpus":
        (corpus / "articles" / "a.txt").unlink()
    elif setup == "metadata-dir":
        (corpus / "articles.csv").mkdir()
    elif setup == "unclosed-quote":
        (corpus / "articles.csv").write_text('doc_id,title\na,"Titolo\nb,Altro\n', encoding="utf-8")
    result = cli("extract", str(corpus), "--out", str(out), "--model", "it_nessun_modello", "--no-progress")
    err = result.stderr.decode().strip().splitlines()
    # the model would fail too: the run stops on the corpus or OUT first, before loading
    assert result.returncode == 2 and len(err) == 1 and message in err[0], err


def test_a_broken_model_is_one_line_and_exit_2(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(GOOD, encoding="utf-8")
    model = tmp_path / "model"
    model.mkdir()
    (model / "config.cfg").write_text("[nlp\nlang = ", encoding="utf-8")
    (model / "meta.json").write_text("{}", encoding="utf-8")
    result = cli("extract", str(corpus), "--out", str(tmp_path / "out"), "--model", str(model), "--no-progress")
    err = result.stderr.decode().strip().splitlines()
    assert result.returncode == 2 and len(err) == 1 and "cannot be loaded" in err[0], err
