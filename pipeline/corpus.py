"""Read a corpus folder: one UTF-8 text file per article plus optional metadata.

Layout: ``<corpus>/articles/<doc_id>.txt`` (or ``<corpus>/<doc_id>.txt``) and an optional
``<corpus>/articles.csv`` with columns doc_id, title, published, source, url, licence.
Also saved web pages (``<doc_id>.html``) and collections with one article per line or row
(``.jsonl``, ``.csv``), read through ``sources.py``. A broken article never stops the
others: it comes back with ``error`` set.

Only regular files inside the corpus folder are read: FIFOs, devices, sockets and
symbolic links that lead out of the folder are refused without being opened, and a file
over the size limit is refused before it is read. The ``.txt`` suffix is matched in any
case; other files are skipped with one warning that lists them; hidden files (``.name``)
are ignored. A file name that is not valid UTF-8 gets a doc_id with the bad bytes escaped
(``caf\\xe9``) and an error.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import logging
import os
import re
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .sources import COLLECTION_SUFFIXES, HTML_SUFFIXES, csv_entries, html_fields, jsonl_entries
from .writer import shown

log = logging.getLogger(__name__)

ARTICLES_FOLDER = "articles"
METADATA_FILE = "articles.csv"
METADATA_COLUMNS = ("doc_id", "title", "published", "source", "url", "licence")
METADATA_SEPARATORS = (",", ";", "\t")
TEXT_SUFFIX = ".txt"
ARTICLE_SUFFIXES = (TEXT_SUFFIX, *HTML_SUFFIXES, *COLLECTION_SUFFIXES)
#: a saved web page is mostly markup: it may be this many times --max-bytes (its text not)
HTML_SIZE_FACTOR = 10
#: a JSON Lines or CSV collection of articles, read whole
MAX_COLLECTION_BYTES = 512_000_000
#: per article, checked before reading (``extract --max-bytes``); a news article is a few
#: kilobytes, and spaCy refuses texts over a million characters by default anyway
DEFAULT_MAX_BYTES = 1_000_000
MAX_METADATA_BYTES = 64_000_000
TITLE_CHARS = 200
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_LISTED_SKIPPED = 10


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
    #: the line of its collection file (``.jsonl``, ``.csv``) where the article starts
    line: int | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def parse_published(value: str | None) -> dt.date | None:
    """``YYYY-MM-DD`` → date; empty → None; anything else (``20240520``, ``2024-W21-1``,
    a bad day) raises ValueError."""
    value = (value or "").strip()
    if not value:
        return None
    if not _ISO_DATE.fullmatch(value):
        raise ValueError(f"{value!r} is not YYYY-MM-DD")
    return dt.date.fromisoformat(value)


def parse_size(value: str) -> int:
    """``1000000``, ``500k``, ``5M``, ``1G`` (powers of 1000) → bytes; for ``--max-bytes``."""
    match = re.fullmatch(r"\s*(\d+)\s*([kKmMgG]?)[bB]?\s*", value)
    if not match:
        raise ValueError(f"{value!r} is not a size (e.g. 1000000, 500k, 5M)")
    factor = {"": 1, "k": 10**3, "m": 10**6, "g": 10**9}[match.group(2).lower()]
    return int(match.group(1)) * factor


# ----------------------------------------------------------------------------- safe reading


def _inside(path: str, roots: tuple[str, ...]) -> bool:
    return any(os.path.commonpath([root, path]) == root for root in roots)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_bytes(path: Path, roots: tuple[str, ...] | None, max_bytes: int, what: str = "file") -> bytes:
    """The bytes of a regular file inside ``roots`` (real paths; None: anywhere), at most
    ``max_bytes``; raises ValueError with a message naming the file and the problem."""
    name = shown(path)
    try:
        info = os.lstat(path)
        follow = stat.S_ISLNK(info.st_mode)
        if follow:
            target = os.path.realpath(path)
            if roots is not None and not _inside(target, roots):
                raise ValueError(f"{name}: is a symbolic link leading out of the corpus folder; not read")
            info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise ValueError(f"{name}: is a directory, not a text {what}")
        if not stat.S_ISREG(info.st_mode):
            raise ValueError(f"{name}: is {_kind(info.st_mode)}, not a text {what}; not read")
        flags = os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC | (0 if follow else os.O_NOFOLLOW)
        fd = os.open(path, flags)
    except OSError as exc:
        raise ValueError(f"{name}: cannot be read ({exc.strerror or exc})") from exc
    try:
        info = os.fstat(fd)  # what was opened, in case the entry changed since lstat
        if not stat.S_ISREG(info.st_mode):
            raise ValueError(f"{name}: is {_kind(info.st_mode)}, not a text {what}; not read")
        if info.st_size > max_bytes:
            raise ValueError(f"{name}: is {info.st_size:,} bytes, over the limit of {max_bytes:,} (--max-bytes)")
        chunks, size = [], 0
        while size <= max_bytes:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > max_bytes:
            raise ValueError(f"{name}: is over the limit of {max_bytes:,} bytes (--max-bytes)")
        return b"".join(chunks)
    except OSError as exc:
        raise ValueError(f"{name}: cannot be read ({exc.strerror or exc})") from exc
    finally:
        os.close(fd)


def read_text(path: Path, roots: tuple[str, ...] | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The article text; raises ValueError with a message that names the file."""
    raw = read_bytes(path, roots, max_bytes)
    name = shown(path)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ValueError(f"{name}: is UTF-16, not UTF-8 (save it as UTF-8)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{name}: not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})") from exc
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        raise ValueError(f"{name}: contains NUL characters (a binary file?), not text")
    if not text.strip():
        raise ValueError(f"{name}: is empty")
    return text


# ----------------------------------------------------------------------------- metadata


def read_metadata(path: Path, roots: tuple[str, ...] | None = None) -> dict[str, dict[str, str]]:
    """Rows of ``articles.csv`` keyed by doc_id. Raises CorpusError naming file and line.

    A UTF-8 BOM is dropped; the separator (``,`` ``;`` or tab) is the one that gives a
    ``doc_id`` column in the header; unclosed quotes are refused."""
    if not os.path.lexists(path):
        return {}
    name = shown(path)
    try:
        raw = read_bytes(path, roots, MAX_METADATA_BYTES, what="CSV file")
    except ValueError as exc:
        raise CorpusError(str(exc)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise CorpusError(f"{name}: line {line}: not valid UTF-8 (byte 0x{raw[exc.start]:02x})") from exc
    header = text.split("\n", 1)[0]
    separator = next(
        (sep for sep in METADATA_SEPARATORS if "doc_id" in (c.strip() for c in header.split(sep))),
        None,
    )
    if separator is None:
        raise CorpusError(
            f"{name}: line 1: header must include a 'doc_id' column (separated by ',', ';' or tab), "
            f"got {shown(header[:80])!r}"
        )
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    try:
        _ = reader.fieldnames  # reads the header, so line numbers count from the first row
    except csv.Error as exc:
        raise CorpusError(f"{name}: line 1: malformed CSV header ({exc})") from None
    rows: dict[str, dict[str, str]] = {}
    while True:
        first_line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise CorpusError(f"{name}: line {first_line}: malformed CSV ({exc}; an unclosed quote?)") from None
        line = reader.line_num
        if line != first_line and any(
            "\n" in (v or "") or "\r" in (v or "") for v in row.values() if isinstance(v, str)
        ):
            raise CorpusError(f"{name}: line {first_line}: a quoted field runs over several lines (an unclosed quote?)")
        if None in row:
            log.warning("%s: line %d: more fields than the header has columns; the extra ones are ignored", name, line)
        doc_id = (row.get("doc_id") or "").strip()
        if not doc_id:
            raise CorpusError(f"{name}: line {line}: empty doc_id")
        if doc_id in rows:
            raise CorpusError(f"{name}: line {line}: duplicate doc_id '{shown(doc_id)}'")
        clean = {
            k: (v or "").strip() for k, v in row.items() if isinstance(k, str) and isinstance(v, (str, type(None)))
        }
        clean["_line"] = str(line)
        rows[doc_id] = clean
    return rows


# ----------------------------------------------------------------------------- the corpus


def safe_name(name: str) -> str:
    """A file name with undecodable bytes escaped (``caf\\xe9``): valid UTF-8 everywhere."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


@dataclass
class Corpus:
    """A corpus folder, listed and its metadata read; articles are read one by one."""

    folder: Path
    paths: list[Path]
    metadata: dict[str, dict[str, str]]
    metadata_path: Path
    roots: tuple[str, ...]
    max_bytes: int = DEFAULT_MAX_BYTES
    #: said once the run has started (after OUT is checked): where the metadata came from
    notes: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.paths)

    @property
    def total(self) -> int | None:
        """How many articles, when known before reading (collections hold an unknown number)."""
        return None if any(article_suffix(p.name) in COLLECTION_SUFFIXES for p in self.paths) else len(self.paths)

    def articles(self, by_doc_id: bool = False) -> Iterator[Article]:
        """Articles in file-name order (a collection's in its own order) or, ``by_doc_id``,
        in the order of the tables; each with its metadata or its error, each doc_id
        unique. Text files and web pages are read one at a time, when their turn comes; a
        collection is read whole when listed (it holds its articles' texts)."""
        entries = self._entries()
        if by_doc_id:
            entries = sorted(entries, key=lambda entry: entry[0])  # stable: ties keep file order
        for _, article in entries:
            yield article() if callable(article) else article

    def _entries(self) -> list[tuple[str, Article | Callable[[], Article]]]:
        """(doc_id, the article or how to read it) in file-name order; a doc_id seen before
        is an error, under a doc_id of its own (every row of documents needs one)."""
        seen: dict[str, str] = {}
        entries: list[tuple[str, Article | Callable[[], Article]]] = []
        for path in self.paths:
            suffix = article_suffix(path.name) or TEXT_SUFFIX
            if suffix in COLLECTION_SUFFIXES:
                for article in self.collection(path, suffix):
                    line = f" line {article.line}" if article.line else ""  # None: the whole file failed
                    where = shown(path) + line
                    if article.doc_id in seen:
                        if article.error is None:
                            article.error = (
                                f"{where}: same doc_id '{shown(article.doc_id)}' as {seen[article.doc_id]}; rename one"
                            )
                        article.doc_id = _unique(
                            safe_name(path.name) + (f":{article.line}" if article.line else ""), seen
                        )
                    seen[article.doc_id] = where
                    entries.append((article.doc_id, article))
                continue
            doc_id = safe_name(path.name[: -len(suffix)])
            if doc_id in seen:
                duplicate = Article(doc_id=_unique(safe_name(path.name), seen), path=path)
                duplicate.error = f"{shown(path)}: same doc_id '{shown(doc_id)}' as {seen[doc_id]}; rename one"
                seen[duplicate.doc_id] = shown(path)
                entries.append((duplicate.doc_id, duplicate))
                continue
            seen[doc_id] = shown(path)
            entries.append((doc_id, functools.partial(self._read, path, doc_id)))
        return entries

    def _read(self, path: Path, doc_id: str) -> Article:
        return read_article(path, self.metadata.get(doc_id), self.metadata_path, self.roots, self.max_bytes)

    def collection(self, path: Path, suffix: str) -> Iterator[Article]:
        """The articles of a JSON Lines or CSV file, each with its own error; a file that
        cannot be read at all is one error."""
        name = safe_name(path.name)
        try:
            raw = read_bytes(path, self.roots, MAX_COLLECTION_BYTES)
            text = raw.decode("utf-8-sig")
        except ValueError as exc:
            if isinstance(exc, UnicodeDecodeError):
                line = raw[: exc.start].count(b"\n") + 1
                message = f"{shown(path)}: line {line}: not valid UTF-8 (byte 0x{raw[exc.start]:02x})"
            else:
                message = str(exc)
            yield Article(doc_id=name, path=path, error=message)
            return
        entries = jsonl_entries(text) if suffix == ".jsonl" else csv_entries(text)
        for entry in entries:
            doc_id = safe_name(entry.fields.get("id") or f"{name}:{entry.line}")
            article = Article(doc_id=doc_id, path=path, line=entry.line)
            if entry.error is not None:
                article.error = f"{shown(path)}: {entry.error}"
                yield article
                continue
            fields = {**(self.metadata.get(doc_id) or {}), **{k: v for k, v in entry.fields.items() if v}}
            _set_metadata(article, fields, f"{shown(path)}: line {entry.line}")
            article.text = entry.fields["text"]
            if len(article.text.encode("utf-8")) > self.max_bytes:
                limit = f"over the limit of {self.max_bytes:,} bytes (--max-bytes)"
                article.error = f"{shown(path)}: line {entry.line}: 'text' is {limit}"
            elif not article.title:
                article.title = article.text.strip().splitlines()[0][:TITLE_CHARS]
            yield article


def open_corpus(corpus_dir: Path | str, max_bytes: int = DEFAULT_MAX_BYTES) -> Corpus:
    """List the corpus and read its metadata; raises CorpusError when it cannot be used
    (missing, not a folder, no articles, malformed ``articles.csv``)."""
    corpus_dir = Path(corpus_dir)
    paths, folder = article_paths(corpus_dir)
    metadata_path = find_metadata(corpus_dir)
    roots = tuple(sorted({os.path.realpath(p) for p in (corpus_dir, folder, metadata_path.parent)}))
    metadata = read_metadata(metadata_path, roots)
    known = {safe_name(_stem(p.name)) for p in paths}
    collections = any(article_suffix(p.name) in COLLECTION_SUFFIXES for p in paths)
    for doc_id in sorted(set(metadata) - known) if not collections else ():  # a collection's ids: unknown yet
        log.warning("%s: metadata for '%s' but no article file", shown(metadata_path), shown(doc_id))
    notes = []
    if not os.path.lexists(metadata_path):
        notes.append(
            f"{shown(corpus_dir)}: no {METADATA_FILE} in the folder or beside it: no publication dates "
            "(relative dates stay unresolved), titles from each article's first line"
        )
    elif metadata_path.parent != corpus_dir:
        notes.append(f"{shown(corpus_dir)}: metadata read from {shown(metadata_path)}, beside the articles folder")
    return Corpus(folder, paths, metadata, metadata_path, roots, max_bytes, notes)


def find_metadata(corpus_dir: Path) -> Path:
    """``articles.csv`` in the corpus folder or, when the user points at the articles
    folder itself (``extract corpus/articles``), beside it; else the path it would have."""
    inside = corpus_dir / METADATA_FILE
    folder = Path(os.path.abspath(corpus_dir))  # "." has a name too
    beside = folder.parent / METADATA_FILE
    if not os.path.lexists(inside) and folder.name == ARTICLES_FOLDER and os.path.lexists(beside):
        return beside
    return inside


def _unique(doc_id: str, seen: dict[str, str]) -> str:
    candidate, n = doc_id, 1
    while candidate in seen:
        n += 1
        candidate = f"{doc_id}~{n}"
    return candidate


def article_suffix(name: str) -> str | None:
    """The article suffix of a file name (any case), or None: ``a.TXT`` → ``.txt``."""
    lower = name.lower()
    return next((s for s in ARTICLE_SUFFIXES if lower.endswith(s) and len(name) > len(s)), None)


def _stem(name: str) -> str:
    suffix = article_suffix(name)
    return name[: -len(suffix)] if suffix else name


def article_paths(corpus_dir: Path) -> tuple[list[Path], Path]:
    """Every article entry of the corpus (``.txt``, ``.html``, ``.htm``, ``.jsonl``, ``.csv``
    but ``articles.csv``, any case), sorted, and the folder holding them; directories named
    like an article are kept to report them."""
    if not corpus_dir.exists():
        raise CorpusError(f"{shown(corpus_dir)}: corpus folder does not exist")
    if not corpus_dir.is_dir():
        raise CorpusError(f"{shown(corpus_dir)}: corpus path is not a folder")
    folder = corpus_dir / ARTICLES_FOLDER if (corpus_dir / ARTICLES_FOLDER).is_dir() else corpus_dir
    paths, skipped = [], []
    try:
        entries = sorted(os.scandir(folder), key=lambda e: os.fsencode(e.name))
    except OSError as exc:
        raise CorpusError(f"{shown(folder)}: cannot list the folder ({exc.strerror or exc})") from exc
    for entry in entries:
        name = entry.name
        if name.startswith("."):
            continue
        if name == METADATA_FILE:
            continue
        if article_suffix(name):
            paths.append(folder / name)
        elif not entry.is_dir():
            skipped.append(safe_name(name))
    if skipped:
        listed = ", ".join(shown(n) for n in skipped[:_LISTED_SKIPPED])
        more = f" and {len(skipped) - _LISTED_SKIPPED} more" if len(skipped) > _LISTED_SKIPPED else ""
        log.warning(
            "%s: skipped %d file(s) not ending in %s: %s%s",
            shown(folder),
            len(skipped),
            ", ".join(ARTICLE_SUFFIXES),
            listed,
            more,
        )
    if not paths:
        raise CorpusError(
            f"{shown(folder)}: no articles ({', '.join('*' + s for s in ARTICLE_SUFFIXES)} files) in the corpus folder"
        )
    return paths, folder


def read_article(
    path: Path,
    meta: dict[str, str] | None,
    metadata_path: Path,
    roots: tuple[str, ...] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Article:
    doc_id = safe_name(_stem(path.name))
    article = Article(doc_id=doc_id, path=path)
    if meta:
        _set_metadata(article, meta, f"{shown(metadata_path)}: line {meta['_line']}")
    if doc_id != _stem(path.name):
        article.error = f"{shown(path)}: file name is not valid UTF-8; rename the file"
        return article
    try:
        if article_suffix(path.name) in HTML_SUFFIXES:
            read_web_page(article, roots, max_bytes)
        else:
            article.text = read_text(path, roots, max_bytes)
    except ValueError as exc:
        article.error = str(exc)
    if not article.title and article.ok:
        article.title = article.text.strip().splitlines()[0][:TITLE_CHARS]
    return article


def _set_metadata(article: Article, meta: dict[str, str], where: str) -> None:
    """Title, source, address, licence and publication date from a metadata row."""
    article.title = meta.get("title", "")
    article.source = meta.get("source", "")
    article.url = meta.get("url", "")
    article.licence = meta.get("licence", "")
    try:
        article.published = parse_published(meta.get("published"))
    except ValueError:
        article.warnings.append(
            f"{where}: published date '{shown(meta.get('published') or '')}' is not YYYY-MM-DD; "
            "ignored, relative dates stay unresolved"
        )


def read_web_page(article: Article, roots: tuple[str, ...] | None, max_bytes: int) -> None:
    """Text, and the title, date, site and address the metadata row did not give, from a
    saved web page; raises ValueError naming the file."""
    path = article.path
    raw = read_bytes(path, roots, max_bytes * HTML_SIZE_FACTOR, what="web page")
    try:
        page = html_fields(raw)
    except ValueError as exc:
        raise ValueError(f"{shown(path)}: {exc}") from None
    if len(page["text"].encode("utf-8")) > max_bytes:
        raise ValueError(f"{shown(path)}: its text is over the limit of {max_bytes:,} bytes (--max-bytes)")
    article.text = page["text"]
    article.title = article.title or page["title"]
    article.source = article.source or page["source"]
    article.url = article.url or page["url"]
    if article.published is None and page["published"]:
        try:
            article.published = parse_published(page["published"])
        except ValueError:
            article.warnings.append(f"{shown(path)}: the page's date {page['published']!r} is not YYYY-MM-DD; ignored")


def iter_articles(corpus_dir: Path | str, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article]:
    """Articles of the corpus in doc_id order, each with its metadata or its error."""
    yield from open_corpus(corpus_dir, max_bytes).articles(by_doc_id=True)
