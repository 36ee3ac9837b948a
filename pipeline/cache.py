"""Per-article results kept between runs, so an unchanged article is never processed twice.

An entry's key is the SHA-256 of the pipeline's fingerprint (the model's files, the code
and language data of this package, the versions of spaCy and its lookups), the article's
metadata and its text: a changed article, model or data file misses, and the rest is read
back without loading the model. The store is one SQLite file (standard library, safe with
two runs at once: write-ahead log, waits on a busy lock). Each value is stored with its own
SHA-256 and checked on reading: an entry that does not match, or does not decode, is
recomputed, never trusted. Only articles processed without error are kept.

Where: ``$PIPELINE_CACHE_DIR``, else ``$XDG_CACHE_HOME/italian-news-pipeline``, else
``~/.cache/italian-news-pipeline``. ``python -m pipeline.cache clear`` (``make
clean-cache``) removes it; ``python -m pipeline.cache path`` prints it.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import logging
import os
import shutil
import sqlite3
import sys
import time
import zlib
from collections.abc import Iterable
from pathlib import Path

from .corpus import Article
from .tables import TABLE_COLUMNS, ArticleResult

log = logging.getLogger(__name__)

CACHE_ENV = "PIPELINE_CACHE_DIR"
APP_NAME = "italian-news-pipeline"
DB_NAME = "results.sqlite"
#: distributions whose version changes the results
VERSIONED = ("spacy", "spacy-lookups-data", "italian-news-pipeline")
PACKAGE_DIR = Path(__file__).resolve().parent
#: seconds a run waits for another run's write to the cache
BUSY_TIMEOUT = 60.0


def default_cache_dir() -> Path:
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / APP_NAME


def _hash_files(digest: hashlib._Hash, root: Path, patterns: Iterable[str]) -> None:
    files = sorted({p for pattern in patterns for p in root.rglob(pattern) if p.is_file()})
    for path in files:
        digest.update(str(path.relative_to(root)).encode("utf-8", "surrogateescape") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())


def pipeline_fingerprint(model: str) -> str:
    """What the results depend on besides the article; raises ModelNotFoundError for a
    model that does not exist (before anything is processed)."""
    from .nlp import model_location, resolve_model_name

    digest = hashlib.sha256()
    for dist in VERSIONED:
        try:
            version = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{dist}={version}\n".encode())
    _hash_files(digest, PACKAGE_DIR, ("*.py", "*.json"))  # the code and the language data
    digest.update(f"model={resolve_model_name(model)}\n".encode())
    location = model_location(model)
    if location is not None:
        _hash_files(digest, location, ("*",))
    return digest.hexdigest()


def article_key(fingerprint: str, article: Article) -> str:
    fields = [
        fingerprint,
        article.doc_id,
        article.title,
        article.published.isoformat() if article.published else None,
        article.source,
        article.url,
        article.licence,
        article.text,
    ]
    data = json.dumps(fields, ensure_ascii=False).encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()


def _valid(result: object) -> bool:
    return (
        isinstance(result, dict)
        and isinstance(result.get("document"), dict)
        and isinstance(result.get("rows"), dict)
        and set(result["rows"]) == set(TABLE_COLUMNS)
        and all(isinstance(rows, list) for rows in result["rows"].values())
    )


class ResultCache:
    """The SQLite store of results, opened for one run."""

    def __init__(self, directory: Path | str | None = None) -> None:
        self.directory = Path(directory) if directory is not None else default_cache_dir()
        self.directory.mkdir(parents=True, exist_ok=True)
        self.path = self.directory / DB_NAME
        self.db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT, isolation_level=None)
        self.db.text_factory = bytes  # a damaged value must not fail the query, only its check
        try:
            self._set_up()
        except sqlite3.DatabaseError:
            self.db.close()
            raise
        self.hits = self.misses = self.corrupt = 0

    def _set_up(self) -> None:
        """WAL mode and the table. Switching to WAL does not wait on a busy lock, so two
        runs opening a new cache at the same moment retry it until the timeout."""
        deadline = time.monotonic() + BUSY_TIMEOUT
        while True:
            try:
                self.db.execute("PRAGMA journal_mode=WAL")
                self.db.execute("PRAGMA synchronous=NORMAL")  # WAL: a crash loses at most the last writes
                self.db.execute(
                    "CREATE TABLE IF NOT EXISTS results "
                    "(key TEXT PRIMARY KEY, digest TEXT NOT NULL, value BLOB NOT NULL)"
                )
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def get_many(self, keys: list[str]) -> dict[str, ArticleResult]:
        """The stored results of ``keys`` that are intact (others are simply missing)."""
        found: dict[str, ArticleResult] = {}
        if not keys:
            return found
        marks = ",".join("?" * len(keys))
        try:
            rows = self.db.execute(f"SELECT key, digest, value FROM results WHERE key IN ({marks})", keys).fetchall()
        except sqlite3.DatabaseError as exc:  # a damaged file: nothing of it is trusted
            log.warning("result cache %s cannot be read (%s): the articles are processed again", self.path, exc)
            rows = []
        for raw_key, digest, value in rows:
            key = raw_key.decode("utf-8", "replace")
            try:
                if not isinstance(value, bytes) or hashlib.sha256(value).hexdigest().encode() != digest:
                    raise ValueError("checksum mismatch")
                result = json.loads(zlib.decompress(value))
                if not _valid(result):
                    raise ValueError("not a result")
            except (ValueError, zlib.error, UnicodeDecodeError) as exc:
                self.corrupt += 1
                log.warning("cache entry %s… is corrupt (%s): the article is processed again", key[:12], exc)
                continue
            found[key] = result
        self.hits += len(found)
        self.misses += len(keys) - len(found)
        return found

    def put_many(self, entries: list[tuple[str, ArticleResult]]) -> None:
        values = []
        for key, result in entries:
            value = zlib.compress(json.dumps(result, ensure_ascii=False).encode("utf-8", "surrogatepass"), 1)
            values.append((key, hashlib.sha256(value).hexdigest(), value))
        if values:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                self.db.executemany("INSERT OR REPLACE INTO results VALUES (?, ?, ?)", values)
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            self.db.execute("COMMIT")

    def close(self) -> None:
        self.db.close()


def open_cache(directory: Path | str | None = None) -> ResultCache | None:
    """The cache, or None (with a warning) when it cannot be used: the run goes on without."""
    try:
        return ResultCache(directory)
    except (OSError, sqlite3.Error) as exc:
        where = directory if directory is not None else default_cache_dir()
        log.warning("result cache %s cannot be used (%s): running without it", where, exc)
        return None


def clear(directory: Path | str | None = None) -> Path:
    path = Path(directory) if directory is not None else default_cache_dir()
    shutil.rmtree(path, ignore_errors=True)
    return path


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "clear":
        print(f"removed {clear()}")
    elif command == "path":
        print(default_cache_dir())
    else:
        sys.exit("usage: python -m pipeline.cache clear|path")
