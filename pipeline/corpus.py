"""Read a corpus folder: one UTF-8 text file per article plus optional metadata.

Layout: ``<corpus>/articles/<doc_id>.txt`` (or ``<corpus>/<doc_id>.txt``) and an optional
``<corpus>/articles.csv`` with columns doc_id, title, published, source, url, licence.
A broken article never stops the others: it comes back with ``error`` set.
"""

from __future__ import annotations

import csv
import datetime as dt
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

METADATA_FILE = "articles.csv"
METADATA_COLUMNS = ("doc_id", "title", "published", "source", "url", "licence")
TEXT_SUFFIX = ".txt"


class CorpusError(Exception):
    """The corpus folder itself cannot be used (missing, not a folder, bad metadata)."""


@dataclass
class Article:
    doc_id: str
    path: Path
    text: str = ""
    title: str = ""
    published: dt.date | None = None
    source: str = ""
    url: str = ""
    licence: str = ""
    error: str | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error is None


def parse_published(value: str | None) -> dt.date | None:
    """``YYYY-MM-DD`` → date; empty → None; anything else raises ValueError."""
    value = (value or "").strip()
    if not value:
        return None
    return dt.date.fromisoformat(value)


def read_metadata(path: Path) -> dict[str, dict[str, str]]:
    """Rows of ``articles.csv`` keyed by doc_id. Raises CorpusError naming file and line."""
    if not path.exists():
        return {}
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            if reader.fieldnames is None or "doc_id" not in reader.fieldnames:
                raise CorpusError(f"{path}: line 1: header must include a 'doc_id' column")
            rows: dict[str, dict[str, str]] = {}
            for row in reader:
                line = reader.line_num
                doc_id = (row.get("doc_id") or "").strip()
                if not doc_id:
                    raise CorpusError(f"{path}: line {line}: empty doc_id")
                if doc_id in rows:
                    raise CorpusError(f"{path}: line {line}: duplicate doc_id '{doc_id}'")
                row = {k: (v or "").strip() for k, v in row.items() if k is not None}
                row["_line"] = str(line)
                rows[doc_id] = row
            return rows
    except UnicodeDecodeError as exc:
        raise CorpusError(f"{path}: not valid UTF-8 ({exc.reason} at byte {exc.start})") from exc


def article_paths(corpus_dir: Path) -> list[Path]:
    """Every ``*.txt`` entry of the corpus, sorted; directories are kept to report them."""
    if not corpus_dir.exists():
        raise CorpusError(f"{corpus_dir}: corpus folder does not exist")
    if not corpus_dir.is_dir():
        raise CorpusError(f"{corpus_dir}: corpus path is not a folder")
    folder = corpus_dir / "articles" if (corpus_dir / "articles").is_dir() else corpus_dir
    return sorted(folder.glob(f"*{TEXT_SUFFIX}"))


def read_text(path: Path) -> str:
    """The article text; raises ValueError with a message that names the file."""
    if path.is_dir():
        raise ValueError(f"{path}: is a directory, not a text file")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ValueError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path}: not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})") from exc
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise ValueError(f"{path}: is empty")
    return text


def read_article(path: Path, meta: dict[str, str] | None, metadata_path: Path) -> Article:
    article = Article(doc_id=path.stem, path=path)
    if meta:
        article.title = meta.get("title", "")
        article.source = meta.get("source", "")
        article.url = meta.get("url", "")
        article.licence = meta.get("licence", "")
        try:
            article.published = parse_published(meta.get("published"))
        except ValueError:
            article.warnings.append(
                f"{metadata_path}: line {meta['_line']}: published date "
                f"'{meta.get('published')}' is not YYYY-MM-DD; relative dates stay unresolved"
            )
    try:
        article.text = read_text(path)
    except ValueError as exc:
        article.error = str(exc)
    if not article.title and article.ok:
        article.title = article.text.strip().splitlines()[0][:200]
    return article


def iter_articles(corpus_dir: Path | str) -> Iterator[Article]:
    """Articles of the corpus in doc_id order, each with its metadata or its error."""
    corpus_dir = Path(corpus_dir)
    paths = article_paths(corpus_dir)
    metadata_path = corpus_dir / METADATA_FILE
    metadata = read_metadata(metadata_path)
    known = {p.stem for p in paths}
    for doc_id in sorted(set(metadata) - known):
        log.warning("%s: metadata for '%s' but no article file", metadata_path, doc_id)
    for path in paths:
        yield read_article(path, metadata.get(path.stem), metadata_path)
