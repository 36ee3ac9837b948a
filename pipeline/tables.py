"""Doc → rows → tables. All output schemas live here.

Every table has one row per mention; ``start``/``end`` are character offsets into the
article text (end exclusive); ``sentence`` is the 0-based sentence index.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd
from spacy.tokens import Doc, Span

from .corpus import Article
from .events.records import RECORD_COLUMNS
from .writer import atomic_write_text as atomic_write_text  # moved to writer.py, still importable here
from .writer import write_tables

# Leading columns of each table, in order; records may add more columns after them.
DOCUMENT_COLUMNS = [
    "doc_id",
    "title",
    "published",
    "source",
    "url",
    "licence",
    "n_chars",
    "n_tokens",
    "n_sentences",
    "n_entities",
    "n_dates",
    "n_numbers",
    "n_events",
    "status",
    "error",
]
MENTION_COLUMNS = {
    "entities": ["doc_id", "sentence", "start", "end", "text", "label", "entity_id", "canonical", "kind", "country"],
    "dates": ["doc_id", "sentence", "start", "end", "text", "value", "type"],
    "numbers": ["doc_id", "sentence", "start", "end", "text", "value", "qualifier", "unit"],
    "events": ["doc_id", "sentence", "start", "end", "trigger", "type", "actor", "target", "place", "date", "negated"],
}
# One row per entity per article (it_entities): its first mention's offsets in start/end,
# its distinct surfaces joined with SURFACE_JOIN in order of appearance.
ACTOR_COLUMNS = [
    "doc_id",
    "entity_id",
    "canonical",
    "label",
    "kind",
    "country",
    "n_mentions",
    "start",
    "end",
    "surfaces",
]
SURFACE_JOIN = "|"
# One row per real-world event (it_events, pipeline/events/records.py).
EVENT_RECORD_COLUMNS = RECORD_COLUMNS
# Every table built from a Doc: the mention tables, then the actors and the event records.
TABLE_COLUMNS = {**MENTION_COLUMNS, "actors": ACTOR_COLUMNS, "event_records": EVENT_RECORD_COLUMNS}
TABLE_NAMES = ("documents", *TABLE_COLUMNS)
JSONL_NAME = "extraction.jsonl"

# Where each component leaves its spans and the extension holding the span's record.
SPAN_SOURCES = {"dates": "date_value", "numbers": "num_value", "events": "event"}


def record_fields(record: Any) -> dict[str, Any]:
    """Flatten a component's record (``as_row()``, a dataclass or a dict) into columns."""
    if record is None:
        return {}
    if hasattr(record, "as_row"):
        return dict(record.as_row())
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return dataclasses.asdict(record)
    return dict(record)


class SentenceIndex:
    """Maps a character offset to the index of the sentence holding it."""

    def __init__(self, doc: Doc):
        self.starts = [s.start_char for s in doc.sents] if _has_sentences(doc) else [0]

    def __call__(self, char: int) -> int:
        return max(bisect.bisect_right(self.starts, char) - 1, 0)


def _has_sentences(doc: Doc) -> bool:
    return doc.has_annotation("SENT_START") or doc.has_annotation("DEP")


def mention_rows(doc: Doc) -> dict[str, list[dict[str, Any]]]:
    """The rows (without doc_id) of every table of ``TABLE_COLUMNS`` for one Doc."""
    sentence_of = SentenceIndex(doc)
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLE_COLUMNS}
    for ent in doc.ents:
        rows["entities"].append(_span_row(ent, sentence_of) | {"label": ent.label_} | record_fields(ent._.entity))
    rows["actors"] = actor_rows(doc.ents)
    rows["event_records"] = [r | {"sentence": sentence_of(r["start"])} for r in doc._.event_records or []]
    for table, extension in SPAN_SOURCES.items():
        for span in doc.spans.get(table, []):
            fields = record_fields(getattr(span._, extension))
            row = _span_row(span, sentence_of)
            if "trigger" in fields:  # an event's text is its trigger: one column, not two
                del row["text"]
            rows[table].append(row | fields)
    for table_rows in rows.values():
        table_rows.sort(key=lambda r: (r["start"], r["end"], str(r.get("label") or r.get("type"))))
    return rows


def actor_rows(ents: Iterable[Span]) -> list[dict[str, Any]]:
    """One row per entity (``Span._.entity.entity_id``) of the Doc; none without it_entities.
    ``label`` is the entity's most frequent label (the first one on a tie)."""
    by_id: dict[str, list[Span]] = {}
    for ent in ents:
        record = ent._.entity
        if record is not None and record.entity_id:
            by_id.setdefault(record.entity_id, []).append(ent)
    rows = []
    for entity_id, mentions in by_id.items():
        record, first = mentions[0]._.entity, mentions[0]
        labels = [m.label_ for m in mentions]
        rows.append(
            {
                "entity_id": entity_id,
                "canonical": record.canonical,
                "label": max(dict.fromkeys(labels), key=labels.count),
                "kind": record.kind,
                "country": record.country,
                "n_mentions": len(mentions),
                "start": first.start_char,
                "end": first.end_char,
                "surfaces": SURFACE_JOIN.join(dict.fromkeys(m.text for m in mentions)),
            }
        )
    return rows


def _span_row(span: Span, sentence_of: SentenceIndex) -> dict[str, Any]:
    return {"sentence": sentence_of(span.start_char), "start": span.start_char, "end": span.end_char, "text": span.text}


def document_row(article: Article, doc: Doc | None, rows: dict[str, list]) -> dict[str, Any]:
    n_sentences = (len(list(doc.sents)) if _has_sentences(doc) else 1) if doc else 0
    return {
        "doc_id": article.doc_id,
        "title": article.title,
        "published": article.published.isoformat() if article.published else "",
        "source": article.source,
        "url": article.url,
        "licence": article.licence,
        "n_chars": len(article.text),
        "n_tokens": len(doc) if doc is not None else 0,
        "n_sentences": n_sentences,
        **{f"n_{name}": len(rows.get(name, [])) for name in MENTION_COLUMNS},
        "status": "ok" if article.error is None else "error",
        "error": article.error or "",
    }


#: What one article gives every table: ``{"document": row, "rows": {table: rows without
#: doc_id}}``, plain JSON values only, so it crosses processes and sits in the cache.
ArticleResult = dict[str, Any]


def article_result(article: Article, doc: Doc | None) -> ArticleResult:
    """The rows of one article (its document row, and its mention rows when ``doc``)."""
    rows = mention_rows(doc) if doc is not None else {n: [] for n in TABLE_COLUMNS}
    for record in rows["event_records"]:
        record["source"] = article.source or None
    return {"document": document_row(article, doc, rows), "rows": rows}


def article_record(result: ArticleResult) -> dict[str, Any]:
    """The article's ``extraction.jsonl`` object."""
    document = result["document"]
    return {"id": document["doc_id"], **document, **json_mentions(result["rows"])}


def json_mentions(rows: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """Mention rows as JSON-ready lists (the ``annotate --jsonl`` shape)."""
    return {name: [{k: _jsonable(v) for k, v in row.items()} for row in table] for name, table in rows.items()}


def _jsonable(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def to_frame(rows: Iterable[dict[str, Any]], leading: list[str]) -> pd.DataFrame:
    """Rows → DataFrame with the leading columns first, then extras in first-seen order."""
    rows = list(rows)
    extras: dict[str, None] = {}
    for row in rows:
        for key in row:
            if key not in leading:
                extras.setdefault(key)
    # object dtype keeps each value as the component gave it: an int offset stays an int
    # even when other rows are empty, instead of becoming 90.0.
    return pd.DataFrame(rows, columns=[*leading, *extras], dtype=object)


class TableSet:
    """Collects rows of every table over a run, then writes them atomically."""

    def __init__(self) -> None:
        self.documents: list[dict[str, Any]] = []
        self.mentions: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLE_COLUMNS}
        self.records: list[dict[str, Any]] = []

    def add(self, article: Article, doc: Doc | None) -> None:
        self.add_result(article_result(article, doc))

    def add_result(self, result: ArticleResult) -> None:
        document, rows = result["document"], result["rows"]
        self.documents.append(document)
        for name, table_rows in rows.items():
            self.mentions[name].extend({"doc_id": document["doc_id"]} | r for r in table_rows)
        self.records.append(article_record(result))

    def frames(self) -> dict[str, pd.DataFrame]:
        frames = {"documents": to_frame(sorted(self.documents, key=lambda r: r["doc_id"]), DOCUMENT_COLUMNS)}
        for name, leading in TABLE_COLUMNS.items():
            rows = sorted(self.mentions[name], key=lambda r: (r["doc_id"], r["start"], r["end"]))
            frames[name] = to_frame(rows, leading)
        return frames

    def write(self, out_dir: Path | str) -> list[Path]:
        """All tables and the JSONL into ``out_dir`` as one set (see ``writer.py``)."""
        return write_tables(self, out_dir, JSONL_NAME)
