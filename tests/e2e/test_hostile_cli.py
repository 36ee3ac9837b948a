"""annotate, validate and evaluate on hostile input (issue 17): one line per problem,
the README's exit status, no traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from ..conftest import ROOT

TIMEOUT = 120
TEXT = "Ieri migliaia di persone hanno protestato a Niamey."


def cli(*args, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args], input=stdin, capture_output=True, cwd=ROOT, timeout=TIMEOUT
    )


def test_annotate_answers_every_line_and_survives_any_single_one():
    good = json.dumps({"id": "ok", "text": TEXT, "published": "2024-05-20"}).encode()
    lines = [
        good,
        b"",  # blank
        b"[" * 100_000 + b"]" * 100_000,  # RecursionError in json
        b'{"id": "x", "text": "' + "perch\xe9".encode("latin-1") + b'"}',  # not UTF-8
        b'{"id": "n", "text": ' + b"9" * 5000 + b"}",  # int too long to convert
        json.dumps({"id": "s", "text": "\ud800 rotto"}).encode(),  # lone surrogate
        json.dumps({"id": "p", "text": TEXT, "published": "20240520"}).encode(),
        json.dumps({"id": "big", "text": "a" * 2000}).encode(),
        good,
    ]
    result = cli("annotate", "--jsonl", "--model", "blank", "--max-bytes", "1000", stdin=b"\n".join(lines) + b"\n")
    err = result.stderr.decode()
    assert result.returncode == 3 and "Traceback" not in err, err
    out = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]
    assert len(out) == len(lines)
    assert [("error" in o) for o in out] == [False, True, True, True, True, True, True, True, False]
    for number, o in enumerate(out, start=1):
        if "error" in o:
            assert o["error"].startswith(f"line {number}:"), o
    assert out[-1]["id"] == "ok" and out[-1]["dates"]


def test_annotate_ends_quietly_on_a_closed_stdout():
    line = json.dumps({"id": "1", "text": TEXT}) + "\n"
    proc = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "annotate", "--jsonl", "--model", "blank"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert proc.stdin is not None and proc.stdout is not None and proc.stderr is not None
    proc.stdin.write(line.encode())
    proc.stdin.flush()
    assert json.loads(proc.stdout.readline())["id"] == "1"
    proc.stdout.close()  # like `| head -1`
    proc.stdin.write(line.encode() * 50)
    proc.stdin.close()
    proc.wait(timeout=TIMEOUT)
    err = proc.stderr.read().decode()
    assert "Traceback" not in err and "BrokenPipe" not in err, err
    assert proc.returncode == 0


def gold_corpus(tmp_path, gold: dict, text: bytes = TEXT.encode()):
    corpus = tmp_path / "corpus"
    (corpus / "articles").mkdir(parents=True)
    (corpus / "gold").mkdir()
    (corpus / "articles" / "a.txt").write_bytes(text)
    (corpus / "gold" / "a.json").write_text(json.dumps(gold), encoding="utf-8")
    return corpus


GOLD = {"doc_id": "a", "annotator": "t", "entities": [{"start": 43, "end": 49, "text": "Niamey", "label": "LOC"}]}


def test_validate_names_the_file_instead_of_a_traceback(tmp_path):
    bad = {**GOLD, "entities": [{"start": 43, "end": 49, "text": "Niamey", "label": ["LOC"]}]}
    corpus = gold_corpus(tmp_path, bad)
    (corpus / "gold" / "deep.json").write_text("[" * 100_000, encoding="utf-8")
    os.mkfifo(corpus / "gold" / "fifo.json")
    result = cli("validate", str(corpus))
    err = result.stderr.decode()
    assert result.returncode == 1 and "Traceback" not in err, err
    assert "a.json" in err and "unknown entity label ['LOC']" in err
    assert "deep.json" in err and "fifo.json" in err


def test_validate_reports_an_article_that_is_not_utf8(tmp_path):
    corpus = gold_corpus(tmp_path, GOLD, "Perché è così".encode("latin-1"))
    result = cli("validate", str(corpus))
    err = result.stderr.decode()
    assert result.returncode == 1 and "Traceback" not in err and "a.txt" in err and "UTF-8" in err, err


def test_validate_without_gold_folder_is_one_line_exit_2(tmp_path):
    result = cli("validate", str(tmp_path))
    err = result.stderr.decode().strip().splitlines()
    assert result.returncode == 2 and len(err) == 1 and "gold directory not found" in err[0], err


def test_evaluate_refuses_invalid_gold(tmp_path):
    bad = {**GOLD, "entities": [{"start": 40, "end": 49, "text": "Niamey", "label": "LOC"}]}
    corpus = gold_corpus(tmp_path, bad)
    pred = tmp_path / "pred"
    pred.mkdir()
    result = cli(
        "evaluate",
        "--pred",
        str(pred),
        "--gold",
        str(corpus / "gold"),
        "--corpus",
        str(corpus),
        "--out",
        str(pred / "e.csv"),
    )
    err = result.stderr.decode().strip().splitlines()
    assert result.returncode == 2 and "Traceback" not in result.stderr.decode(), err
    assert "no manifest" in err[0]  # a folder not written by extract: a warning
    assert len(err) == 2 and "a.json" in err[1] and "nothing scored" in err[1], err
    assert not (pred / "e.csv").exists()


def test_evaluate_refuses_outputs_that_are_not_one_run(tmp_path):
    corpus = gold_corpus(tmp_path, GOLD)
    out = tmp_path / "out"
    assert cli("extract", str(corpus), "--out", str(out), "--model", "blank", "--no-progress").returncode == 0
    with open(out / "entities.csv", "a", encoding="utf-8") as handle:  # a file from another run
        handle.write("a,0,0,1,I,LOC\n")
    result = cli(
        "evaluate",
        "--pred",
        str(out),
        "--gold",
        str(corpus / "gold"),
        "--corpus",
        str(corpus),
        "--out",
        str(out / "e.csv"),
    )
    err = result.stderr.decode().strip().splitlines()
    assert result.returncode == 2 and len(err) == 1 and "entities.csv" in err[0], err
