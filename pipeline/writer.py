"""Rows → files: the output set of a run, written as one.

* **One set.** Every file of a run is written into a temporary folder inside ``OUT``
  (``.extract-tmp-*``), then moved into ``OUT``; ``manifest.json`` is removed before the
  move and written last, naming each file with its size and SHA-256. Outputs without a
  manifest, or that do not match it, are not one complete run (``verify_outputs``).
* **One writer.** ``OUT/.extract.lock`` is locked for the whole run: a second run into the
  same ``OUT`` is refused with a message. Stale temporary files of killed runs are removed
  under the lock.
* **Modes.** Files are created with mode 0666 minus the umask, like any other program's.
* **Spreadsheet safety (CSV only).** A text cell starting with ``=``, ``+``, ``-``, ``@``,
  tab or carriage return gets a leading apostrophe (OWASP "CSV injection"); control
  characters are escaped (``\\n``, ``\\x1b``). JSON Lines keep the exact text.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
import secrets
import shutil
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Protocol

import pandas as pd

LOCK_NAME = ".extract.lock"
MANIFEST_NAME = "manifest.json"
TMP_PREFIX = ".extract-tmp-"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
FILE_MODE = 0o666  # the umask takes away what it should
MANIFEST_FORMAT = 1

# C0 and C1 controls, DEL, line/paragraph separators, bidirectional overrides and
# isolates (text that reorders itself on screen), lone surrogates (undecodable bytes).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


class OutputError(Exception):
    """The output folder cannot be used or written (one-line message, exit status 2)."""


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_controls(text: str) -> str:
    """``text`` with control characters written as escapes: safe in a cell or a terminal."""
    return _CONTROL.sub(_escape, text)


def shown(path: Path | str) -> str:
    """A path for a message: undecodable bytes and control characters escaped."""
    raw = os.fsencode(path).decode("utf-8", "backslashreplace")
    return escape_controls(raw)


def neutralise_cell(value: Any) -> Any:
    """A CSV cell a spreadsheet reads as text: formulas defused, controls escaped."""
    if not isinstance(value, str):
        return value
    formula = value.startswith(FORMULA_START)
    value = escape_controls(value)
    return "'" + value if formula else value


def csv_text(frame: pd.DataFrame, header: bool = True) -> str:
    """The frame as CSV text with every text cell neutralised (see ``neutralise_cell``);
    ``header=False`` for the next chunk of a table written in pieces."""
    # column by column as object Series: DataFrame.map would re-infer dtypes (an int
    # column with empty cells would come out as 304.0)
    safe = pd.DataFrame(
        {
            i: pd.Series([neutralise_cell(v) for v in frame.iloc[:, i]], index=frame.index, dtype=object)
            for i in range(frame.shape[1])
        }
    )
    safe.columns = frame.columns
    return safe.to_csv(index=False, header=header, lineterminator="\n")


class Tables(Protocol):
    """What the writer needs of ``tables.TableSet``."""

    records: list[dict[str, Any]]

    def frames(self) -> dict[str, pd.DataFrame]: ...


#: a file's content: text (UTF-8), bytes, or a function that creates the file at a path
Content = str | bytes | Callable[[Path], None]


def table_files(tables: Tables, jsonl_name: str) -> dict[str, Content]:
    """File name → content of every output of a run: one CSV per table, the JSONL, then
    the typed outputs (Parquet, DuckDB, datapackage.json; see ``typed.py``)."""
    from .typed import typed_files  # typed imports the table schemas, which import this module

    frames = tables.frames()
    files: dict[str, Content] = {f"{name}.csv": csv_text(frame) for name, frame in frames.items()}
    records = sorted(tables.records, key=lambda r: r["id"])
    files[jsonl_name] = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    files.update(typed_files(frames))
    return files


def write_tables(tables: Tables, out_dir: Path | str, jsonl_name: str) -> list[Path]:
    with OutputDir(out_dir) as out:
        return out.write(table_files(tables, jsonl_name))


def _write_new(path: Path, text: str | bytes) -> None:
    """Create ``path`` (it must not exist) with ``text`` (as UTF-8), flushed to disk."""
    data = text.encode("utf-8", "backslashreplace") if isinstance(text, str) else text
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, FILE_MODE)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _create(path: Path, content: Content) -> None:
    """Create ``path`` with ``content`` (the manifest reads it back: ``_file_digest``)."""
    if callable(content):
        content(path)  # a library writing its own format (DuckDB): mode from the umask too
        return
    _write_new(path, content)


def atomic_write_text(path: Path | str, text: str) -> None:
    """Write to a temporary file beside ``path``, then rename: never a half-written file."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        _write_new(tmp, text)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _sha256(text: bytes) -> str:
    return hashlib.sha256(text).hexdigest()


class OutputDir:
    """``OUT`` for one run: checked and locked on entry, written as one set by ``write``."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.tmp: Path | None = None
        self._lock_fd: int | None = None

    def __enter__(self) -> OutputDir:
        out = self.path
        try:
            out.mkdir(parents=True, exist_ok=True)
        except FileExistsError:
            raise OutputError(f"{shown(out)}: output path exists and is not a folder") from None
        except OSError as exc:
            raise OutputError(f"{shown(out)}: cannot create the output folder ({exc.strerror or exc})") from exc
        try:
            self._lock_fd = os.open(out / LOCK_NAME, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, FILE_MODE)
        except OSError as exc:
            raise OutputError(f"{shown(out)}: output folder is not writable ({exc.strerror or exc})") from exc
        try:
            fcntl.flock(self._lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self._release()
            raise OutputError(
                f"{shown(out)}: another run is writing to this folder (lock {LOCK_NAME}); "
                "wait for it to finish or use another --out"
            ) from None
        try:
            self.clean_stale()
            self.tmp = out / f"{TMP_PREFIX}{secrets.token_hex(4)}"
            self.tmp.mkdir(mode=0o777)
        except OSError as exc:
            self._release()
            raise OutputError(f"{shown(out)}: output folder is not writable ({exc.strerror or exc})") from exc
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self.tmp is not None:
            shutil.rmtree(self.tmp, ignore_errors=True)
            self.tmp = None
        self._release()

    def _release(self) -> None:
        if self._lock_fd is not None:
            os.close(self._lock_fd)  # closing the descriptor releases the lock
            self._lock_fd = None

    def clean_stale(self) -> None:
        """Remove what killed runs left behind: temporary folders and files of ours."""
        for entry in self.path.iterdir():
            name = entry.name
            if name.startswith(TMP_PREFIX) and entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            elif name.startswith(".") and name.endswith(".tmp") and entry.is_file():
                entry.unlink(missing_ok=True)  # an atomic_write_text interrupted

    def write(self, files: Mapping[str, Content]) -> list[Path]:
        """Write every file into the temporary folder, then swap them in and write the
        manifest last. A failure before the swap leaves the previous outputs untouched."""
        assert self.tmp is not None, "OutputDir.write outside its with block"
        try:
            for name, content in files.items():
                _create(self.tmp / name, content)
        except OSError as exc:
            raise self.write_failed(exc) from exc
        return self.commit(list(files))

    def write_failed(self, exc: OSError) -> OutputError:
        return OutputError(
            f"{shown(self.path)}: cannot write the outputs ({exc.strerror or exc}); the previous outputs are unchanged"
        )

    def commit(self, names: list[str], run: Mapping[str, Any] | None = None) -> list[Path]:
        """Swap in the files ``names`` already written in the temporary folder (streamed
        there by the run), then write the manifest last (with ``run``: what the run was
        made from, to recognise an unchanged re-run)."""
        assert self.tmp is not None, "OutputDir.commit outside its with block"
        manifest: dict[str, Any] = {"format": MANIFEST_FORMAT, "complete": True, "files": {}}
        if run is not None:
            manifest["run"] = dict(run)
        try:
            for name in names:
                manifest["files"][name] = _file_digest(self.tmp / name)
        except OSError as exc:
            raise self.write_failed(exc) from exc
        manifest_text = json.dumps(manifest, indent=2, sort_keys=True) + "\n"
        try:
            (self.path / MANIFEST_NAME).unlink(missing_ok=True)  # from here on: not one set
            written = []
            for name in names:
                os.replace(self.tmp / name, self.path / name)
                written.append(self.path / name)
            _write_new(self.tmp / MANIFEST_NAME, manifest_text)
            os.replace(self.tmp / MANIFEST_NAME, self.path / MANIFEST_NAME)
            with contextlib.suppress(OSError):
                _fsync_dir(self.path)
        except OSError as exc:
            raise OutputError(
                f"{shown(self.path)}: moving the outputs in failed ({exc.strerror or exc}); "
                f"they are incomplete (no {MANIFEST_NAME}): run again"
            ) from exc
        return written


def _file_digest(path: Path) -> dict[str, Any]:
    """Size and SHA-256 of a file, read in blocks (a table can be large), flushed to disk."""
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
            size += len(block)
        os.fsync(handle.fileno())
    return {"bytes": size, "sha256": digest.hexdigest()}


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def read_manifest(out_dir: Path | str) -> dict[str, Any] | None:
    """The manifest of ``out_dir``, or None when there is none that can be read."""
    try:
        manifest = json.loads((Path(out_dir) / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) else None


def verify_outputs(out_dir: Path | str) -> list[str]:
    """Problems that make ``out_dir`` something else than one complete run (``[]``: fine).

    No manifest at all gives one problem starting with "no manifest"."""
    out_dir = Path(out_dir)
    path = out_dir / MANIFEST_NAME
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        files = manifest["files"]
    except FileNotFoundError:
        return [f"no manifest: {shown(path)} is missing (outputs of an older version or an interrupted run)"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return [f"{shown(path)}: unreadable manifest ({exc})"]
    problems = []
    for name, expected in sorted(files.items()):
        try:
            data = (out_dir / name).read_bytes()
        except OSError:
            problems.append(f"{shown(out_dir / name)}: listed in {MANIFEST_NAME} but missing")
            continue
        if len(data) != expected.get("bytes") or _sha256(data) != expected.get("sha256"):
            problems.append(f"{shown(out_dir / name)}: changed since the run that wrote {MANIFEST_NAME}")
    return problems
