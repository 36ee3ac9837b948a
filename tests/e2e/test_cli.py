"""The command line (issue 16): help for every option, --version, one-line errors with
the README's exit status, the console script, articles.csv found beside the articles."""

from __future__ import annotations

import importlib.metadata
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import typer

from pipeline import corpus as corpus_module
from pipeline.__main__ import DEFAULT_MAX_BYTES, DISTRIBUTION, EXIT_OK, EXIT_USAGE, SCRIPT, app, main

TEXT = "Ieri a Niamey migliaia di persone hanno protestato."


def test_every_command_and_option_has_help():
    root = typer.main.get_command(app)
    commands = root.commands  # type: ignore[attr-defined]
    assert set(commands) == {"extract", "annotate", "validate", "evaluate"}
    for name, command in commands.items():
        assert command.help, name
        for param in command.params:
            assert getattr(param, "help", None), f"{name} {param.name} has no help"


def test_help_and_version_exit_0(capsys):
    assert main(["--help"]) == EXIT_OK
    assert "extract" in capsys.readouterr().out
    assert main(["extract", "--help"]) == EXIT_OK
    assert "--max-bytes" in capsys.readouterr().out
    assert main(["--version"]) == EXIT_OK
    assert capsys.readouterr().out.strip() == f"{SCRIPT} {importlib.metadata.version(DISTRIBUTION)}"


def test_default_size_limit_is_the_corpus_one():
    assert DEFAULT_MAX_BYTES == corpus_module.DEFAULT_MAX_BYTES


@pytest.mark.parametrize(
    "argv, message",
    [
        ([], "Missing command"),
        (["frob"], "No such command 'frob'"),
        (["extract"], "Missing argument 'CORPUS'"),
        (["extract", "/nope/corpus"], "/nope/corpus: folder does not exist"),
        (["extract", "{file}"], "is not a folder"),
        (["extract", "{dir}", "--max-bytes", "0"], "must be more than 0"),
        (["extract", "{dir}", "--max-bytes", "tanto"], "is not a size"),
        (["extract", "{dir}", "--bogus"], "No such option: --bogus"),
        (["annotate"], "--jsonl"),
        (["validate", "/nope/corpus"], "folder does not exist"),
        (["evaluate", "--pred", "/nope/out", "--corpus", "{dir}"], "no outputs to score"),
    ],
)
def test_bad_usage_is_one_line_and_exit_2(tmp_path, capsys, argv, message):
    (tmp_path / "file").write_text("x")
    argv = [a.format(file=tmp_path / "file", dir=tmp_path) for a in argv]
    assert main(argv) == EXIT_USAGE
    captured = capsys.readouterr()
    err = captured.err.strip().splitlines()
    assert len(err) == 1 and message in err[0] and "Traceback" not in captured.err, err
    assert captured.out == ""


def test_unwritable_out_is_one_line_exit_2(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(TEXT, encoding="utf-8")
    if _is_root():
        pytest.skip("root writes anywhere (out under a file: tests/e2e/test_hostile_corpus.py)")
    (tmp_path / "ro").mkdir(mode=0o555)
    assert main(["extract", str(corpus), "--out", str(tmp_path / "ro" / "out"), "--model", "blank"]) == EXIT_USAGE
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "cannot create the output folder" in err[0], err


def _is_root() -> bool:
    import os

    return os.geteuid() == 0


def articles_corpus(tmp_path: Path, metadata: bool = True) -> Path:
    articles = tmp_path / "corpus" / "articles"
    articles.mkdir(parents=True)
    (articles / "a.txt").write_text(TEXT, encoding="utf-8")
    if metadata:
        (tmp_path / "corpus" / "articles.csv").write_text(
            "doc_id,title,published\na,Proteste,2024-05-20\n", encoding="utf-8"
        )
    return articles


def test_extract_on_the_articles_folder_reads_articles_csv_beside_it(tmp_path, capsys):
    articles = articles_corpus(tmp_path)
    out = tmp_path / "out"
    assert main(["extract", str(articles), "--out", str(out), "--model", "blank", "--no-progress"]) == EXIT_OK
    assert "articles.csv" in capsys.readouterr().err  # said where the metadata came from
    docs = pd.read_csv(out / "documents.csv", dtype=str, keep_default_na=False)
    assert docs.loc[0, "published"] == "2024-05-20" and docs.loc[0, "title"] == "Proteste"
    dates = pd.read_csv(out / "dates.csv", dtype=str, keep_default_na=False)
    assert "2024-05-19" in set(dates["value"])  # "ieri" resolved against it


def test_extract_says_when_there_is_no_metadata(tmp_path, capsys):
    articles = articles_corpus(tmp_path, metadata=False)
    assert main(["extract", str(articles), "--out", str(tmp_path / "out"), "--model", "blank", "--no-progress"]) == 0
    err = capsys.readouterr().err
    assert "no articles.csv in the folder or beside it" in err and "no publication dates" in err


def test_evaluate_without_tables_does_not_overwrite_scores(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    (corpus / "articles").mkdir(parents=True)
    (corpus / "gold").mkdir()
    (corpus / "articles" / "a.txt").write_text(TEXT, encoding="utf-8")
    gold = {"doc_id": "a", "annotator": "t", "entities": [{"start": 7, "end": 13, "text": "Niamey", "label": "LOC"}]}
    (corpus / "gold" / "a.json").write_text(json.dumps(gold), encoding="utf-8")
    pred = tmp_path / "pred"
    pred.mkdir()
    scores = tmp_path / "evaluation.csv"
    scores.write_text("old scores\n")
    argv = ["evaluate", "--pred", str(pred), "--gold", str(corpus / "gold"), "--corpus", str(corpus)]
    assert main([*argv, "--out", str(scores)]) == EXIT_USAGE
    assert "nothing to score" in capsys.readouterr().err
    assert scores.read_text() == "old scores\n"


def test_console_script_is_installed_and_runs():
    scripts = importlib.metadata.entry_points(group="console_scripts")
    (entry,) = [e for e in scripts if e.name == SCRIPT]
    assert entry.value == "pipeline.__main__:console"
    script = Path(sys.executable).with_name(SCRIPT)
    result = subprocess.run([str(script), "--version"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.startswith(SCRIPT), result.stderr
    result = subprocess.run([str(script), "extract", "/nope"], capture_output=True, text=True, timeout=60)
    assert result.returncode == EXIT_USAGE and result.stderr.startswith(f"{SCRIPT} extract: error:"), result.stderr
