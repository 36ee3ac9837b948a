"""Article files other than plain text: saved web pages, and collections with one article
per line or row. Pure reading from bytes already read (``corpus.py`` reads the files, with
its checks and size limits), no spaCy.

* ``.html``/``.htm``: the main text, title and date extracted with trafilatura (offline: the
  page's own bytes only); paragraphs separated by a blank line, as in a ``.txt`` article.
* ``.jsonl``: one JSON object per line; ``.csv``: one row per article (a header, ``,`` ``;``
  or tab). Fields ``id`` and ``text``, optional ``title``, ``published`` (YYYY-MM-DD),
  ``source``, ``url``, ``licence``. A broken line or row is an error for that article
  only, naming the file and the line; blank lines are skipped.
"""

from __future__ import annotations

import csv
import io
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

HTML_SUFFIXES = (".html", ".htm")
COLLECTION_SUFFIXES = (".jsonl", ".csv")
FIELDS = ("id", "text", "title", "published", "source", "url", "licence")
SEPARATORS = (",", ";", "\t")
PARAGRAPH_BREAK = "\n\n"
#: libraries that log every page they find no text in: the article's error says it once
_QUIET_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext")


@dataclass
class Entry:
    """One article of a file: its fields, or the error that kept it from being read."""

    line: int
    fields: dict[str, str] = field(default_factory=dict)
    error: str | None = None


def html_fields(raw: bytes) -> dict[str, str]:
    """Main text, title, date, site and address of a saved web page; ValueError when the
    page has no main text."""
    import trafilatura  # only when there are web pages: it takes a moment to import

    for name in _QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.CRITICAL)
    try:
        page = trafilatura.bare_extraction(
            raw,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            # the date the page declares (meta tags, structured data), not a guess from its text
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # a library failing on one page must not stop the others
        raise ValueError(f"web page cannot be read ({type(exc).__name__}: {exc})") from exc
    text = getattr(page, "text", None) or ""
    if not text.strip():
        raise ValueError("no main text found in the web page")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return {
        "text": PARAGRAPH_BREAK.join(lines),
        "title": getattr(page, "title", None) or "",
        "published": getattr(page, "date", None) or "",
        "source": getattr(page, "sitename", None) or "",
        "url": getattr(page, "url", None) or "",
    }


def jsonl_entries(text: str) -> Iterator[Entry]:
    """One entry per non-blank line of a JSON Lines file."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Entry(number, error=f"line {number}: not valid JSON ({exc.msg})")
            continue
        except Exception as exc:  # RecursionError on deep nesting, huge integers
            yield Entry(number, error=f"line {number}: cannot be read ({type(exc).__name__})")
            continue
        if not isinstance(item, dict):
            yield Entry(number, error=f"line {number}: expected a JSON object")
            continue
        yield _entry(number, item)


def csv_entries(text: str) -> Iterator[Entry]:
    """One entry per row of a CSV file whose header has ``id`` and ``text`` columns (a
    quoted text may run over several lines: the entry's line is where its row starts)."""
    header = text.split("\n", 1)[0]
    separator = next((s for s in SEPARATORS if {"id", "text"} <= {c.strip() for c in header.split(s)}), None)
    if separator is None:
        yield Entry(1, error="line 1: header must have 'id' and 'text' columns (separated by ',', ';' or tab)")
        return
    # the csv module refuses fields over 131,072 characters by default: an article may be
    # longer (its size is checked against --max-bytes per row)
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    _ = reader.fieldnames
    while True:
        first_line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Entry(first_line, error=f"line {first_line}: malformed CSV ({exc}); the rest of the file is not read")
            return
        if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
            continue  # a blank row
        yield _entry(first_line, {k.strip(): v for k, v in row.items() if isinstance(k, str)})


def _entry(number: int, item: dict[str, Any]) -> Entry:
    doc_id, text = item.get("id"), item.get("text")
    if isinstance(doc_id, (int, float)) and not isinstance(doc_id, bool):
        doc_id = str(doc_id)  # a numeric id in JSON
    if not isinstance(doc_id, str) or not doc_id.strip():
        return Entry(number, error=f"line {number}: no 'id' (a non-empty string)")
    if not isinstance(text, str) or not text.strip():
        return Entry(number, {"id": doc_id.strip()}, error=f"line {number}: no 'text' (a non-empty string)")
    if any("\ud800" <= c <= "\udfff" for c in text):
        return Entry(number, {"id": doc_id.strip()}, error=f"line {number}: 'text' holds lone surrogates")
    fields = {"id": doc_id.strip(), "text": text}
    for name in FIELDS[2:]:
        value = item.get(name)
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            fields[name] = str(value).strip()
    return Entry(number, fields)
