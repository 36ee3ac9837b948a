"""The output writer: one set per run, lock, umask, spreadsheet-safe CSV cells."""

from __future__ import annotations

import os

import pandas as pd
import pytest

from pipeline import writer
from pipeline.writer import (
    LOCK_NAME,
    MANIFEST_NAME,
    TMP_PREFIX,
    OutputDir,
    OutputError,
    csv_text,
    escape_controls,
    neutralise_cell,
    verify_outputs,
)


@pytest.mark.parametrize(
    "cell, written",
    [
        ("=1+1", "'=1+1"),
        ("+cmd", "'+cmd"),
        ("-0,5%", "'-0,5%"),
        ("@SUM(1+1)", "'@SUM(1+1)"),
        ("\tx", "'\\tx"),
        ("\rx", "'\\rx"),
        ('=HYPERLINK("http://x","click")', '\'=HYPERLINK("http://x","click")'),
        ("a\x1b[31mb", "a\\x1b[31mb"),
        ("nul\x00", "nul\\x00"),
        ("riga\nnuova", "riga\\nnuova"),
        ("\u202edestra", "\\u202edestra"),
        ("Niamey", "Niamey"),
        ("a = b", "a = b"),
        ("'già", "'già"),
        ("", ""),
    ],
)
def test_text_cells_are_neutralised(cell, written):
    assert neutralise_cell(cell) == written


@pytest.mark.parametrize("value", [-0.5, -3, 0, True, None])
def test_other_cells_are_left_alone(value):
    assert neutralise_cell(value) is value


def test_csv_text_keeps_ints_with_empty_cells():
    frame = pd.DataFrame([{"doc_id": "=a", "end": 304}, {"doc_id": "b", "end": None}], dtype=object)
    assert csv_text(frame) == "doc_id,end\n'=a,304\nb,\n"
    assert csv_text(pd.DataFrame(columns=["doc_id", "start"], dtype=object)) == "doc_id,start\n"


def test_escape_controls_is_idempotent():
    once = escape_controls("a\x1b\x07\n")
    assert once == "a\\x1b\\x07\\n" and escape_controls(once) == once


def write_set(out, **files):
    with OutputDir(out) as target:
        return target.write(files)


def test_the_set_is_written_with_a_manifest(tmp_path):
    write_set(tmp_path, **{"a.csv": "x\n", "b.jsonl": "{}\n"})
    assert (tmp_path / "a.csv").read_text() == "x\n" and verify_outputs(tmp_path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == [LOCK_NAME, "a.csv", "b.jsonl", MANIFEST_NAME]
    (tmp_path / "a.csv").write_text("y\n")
    assert "a.csv" in verify_outputs(tmp_path)[0]


def test_a_failed_write_leaves_the_previous_set(tmp_path, monkeypatch):
    write_set(tmp_path, **{"a.csv": "old\n", "b.jsonl": "old\n"})
    real = writer._write_new

    def disk_full(path, text):
        if path.name == "b.jsonl":
            raise OSError(28, "No space left on device")
        real(path, text)

    monkeypatch.setattr(writer, "_write_new", disk_full)
    with pytest.raises(OutputError, match="No space left on device.*unchanged"):
        write_set(tmp_path, **{"a.csv": "new\n", "b.jsonl": "new\n"})
    assert (tmp_path / "a.csv").read_text() == "old\n" and verify_outputs(tmp_path) == []
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(TMP_PREFIX)]


def test_an_interrupted_swap_is_not_a_complete_set(tmp_path, monkeypatch):
    write_set(tmp_path, **{"a.csv": "old\n", "b.jsonl": "old\n"})
    real = os.replace

    def killed(src, dst):
        if str(dst).endswith("b.jsonl"):
            raise KeyboardInterrupt
        real(src, dst)

    monkeypatch.setattr(writer.os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        write_set(tmp_path, **{"a.csv": "new\n", "b.jsonl": "new\n"})
    monkeypatch.setattr(writer.os, "replace", real)
    assert verify_outputs(tmp_path)[0].startswith("no manifest")  # new a.csv, old b.jsonl: not one run
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(TMP_PREFIX)]


def test_a_second_run_is_refused_while_the_first_writes(tmp_path):
    with OutputDir(tmp_path), pytest.raises(OutputError, match="another run is writing"):
        OutputDir(tmp_path).__enter__()
    write_set(tmp_path, **{"a.csv": "x\n"})  # free again afterwards


def test_stale_temporary_files_are_removed(tmp_path):
    (tmp_path / f"{TMP_PREFIX}dead").mkdir()
    (tmp_path / f"{TMP_PREFIX}dead" / "a.csv").write_text("half")
    (tmp_path / ".documents.csv.abc123.tmp").write_text("")
    (tmp_path / "mine.txt").write_text("keep")
    write_set(tmp_path, **{"a.csv": "x\n"})
    assert sorted(p.name for p in tmp_path.iterdir()) == [LOCK_NAME, "a.csv", MANIFEST_NAME, "mine.txt"]


@pytest.mark.parametrize("mask", [0o022, 0o077, 0o002])
def test_files_respect_the_umask(tmp_path, mask):
    old = os.umask(mask)
    try:
        write_set(tmp_path / "out", **{"a.csv": "x\n"})
    finally:
        os.umask(old)
    for name in ("a.csv", MANIFEST_NAME):
        assert (tmp_path / "out" / name).stat().st_mode & 0o777 == 0o666 & ~mask


def test_out_that_is_a_file_is_refused(tmp_path):
    (tmp_path / "out").write_text("")
    with pytest.raises(OutputError, match="not a folder"):
        OutputDir(tmp_path / "out").__enter__()
