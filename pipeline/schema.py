"""Every column of every output table, described once: its type, meaning, allowed values
and keys. This one definition drives the typed outputs (Parquet, DuckDB), their loader
and ``datapackage.json`` (Frictionless Table Schema, which also types the CSVs).

The column *order* is not repeated here: the leading columns come from ``tables.py``, the
rest from the records the components store (``Timex``, ``Quantity``, the event row). The
typed outputs add *derived* columns: ``event_id`` (the event's key within its article)
and, after each TIMEX3 value column ``X``, ``X_date`` (the first calendar day the value
names) and ``X_precision`` (how much of that day is known: year, month, day...).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from .entities.record import ROW_COLUMNS as ENTITY_ROW_COLUMNS
from .events.record import ROW_COLUMNS as EVENT_ROW_COLUMNS
from .inventories import DATE_TYPES, ENTITY_KINDS, ENTITY_LABELS, MODALITIES, NUMBER_KINDS, QUALIFIERS, TIMEX_MODS
from .normalize.dates.records import Timex
from .normalize.numbers import Quantity
from .tables import DOCUMENT_COLUMNS, TABLE_COLUMNS, TABLE_NAMES
from .timex_calendar import PRECISIONS, calendar_start

# Frictionless Table Schema field types (https://specs.frictionlessdata.io/table-schema/)
STRING, INTEGER, NUMBER, BOOLEAN, DATE = "string", "integer", "number", "boolean", "date"
STATUSES = ("ok", "error")
EVENT_ID_PREFIX = "V"  # V1, V2... per article, like the entities' E1, E2...


@dataclass(frozen=True)
class Column:
    """One column: Table Schema type, description, allowed values; ``derived`` columns are
    computed from another column and appear in the typed outputs only (not the CSVs)."""

    name: str
    type: str
    description: str
    enum: tuple[str, ...] | None = None
    derived: bool = False

    def field(self, required: bool = False) -> dict[str, Any]:
        """The Table Schema field descriptor."""
        field: dict[str, Any] = {"name": self.name, "type": self.type, "description": self.description}
        constraints: dict[str, Any] = {}
        if required:
            constraints["required"] = True
        if self.enum:
            constraints["enum"] = list(self.enum)
        if constraints:
            field["constraints"] = constraints
        return field


# --- descriptions: (type, description[, allowed values]) per column name ------------------

_SPAN = {
    "doc_id": (STRING, "Article id (file name without .txt, or the id of its row)."),
    "sentence": (INTEGER, "0-based index of the sentence holding the mention."),
    "start": (INTEGER, "Character offset of the mention's start in the article text."),
    "end": (INTEGER, "Character offset just after the mention (end exclusive)."),
    "text": (STRING, "The mention as written in the article."),
}


def _argument(role: str, extra: tuple[str, str, str]) -> dict[str, tuple]:
    return {
        role: (STRING, f"Text of the event's {role}, empty when none was found."),
        f"{role}_start": (INTEGER, f"Character offset of the {role}'s start."),
        f"{role}_end": (INTEGER, f"Character offset just after the {role}."),
        f"{role}_{extra[0]}": extra[1:],
    }


def _link(role: str) -> dict[str, tuple]:
    return {
        f"{role}_entity_id": (
            STRING,
            f"entity_id of the entity the {role} is or contains (several joined with '|'); join to actors.",
        ),
        f"{role}_canonical": (STRING, "Canonical name of that entity (several joined with '|')."),
        f"{role}_country": (STRING, f"ISO 3166-1 alpha-2 country of the {role} (several joined with '|')."),
    }


DESCRIPTIONS: dict[str, dict[str, tuple]] = {
    "documents": {
        "doc_id": _SPAN["doc_id"],
        "title": (STRING, "Title: from the metadata, else the article's first line."),
        "published": (DATE, "Publication date (YYYY-MM-DD); relative dates resolve against it."),
        "source": (STRING, "Publisher or origin, from the metadata."),
        "url": (STRING, "Address of the article, from the metadata."),
        "licence": (STRING, "Licence of the text, from the metadata."),
        "n_chars": (INTEGER, "Characters in the article text."),
        "n_tokens": (INTEGER, "Tokens in the article (0 when it could not be processed)."),
        "n_sentences": (INTEGER, "Sentences in the article."),
        "n_entities": (INTEGER, "Rows of the article in entities."),
        "n_dates": (INTEGER, "Rows of the article in dates."),
        "n_numbers": (INTEGER, "Rows of the article in numbers."),
        "n_events": (INTEGER, "Rows of the article in events."),
        "status": (STRING, "ok, or error when the article could not be read or processed.", STATUSES),
        "error": (STRING, "What went wrong (naming the file and the problem) when status is error."),
    },
    "entities": {
        **_SPAN,
        "label": (STRING, "Named entity label.", ENTITY_LABELS),
        "entity_id": (STRING, "The entity within its article (E1, E2...): mentions of one entity share it."),
        "canonical": (STRING, "Canonical name: the gazetteer's Italian name, else the longest form seen."),
        "kind": (STRING, "What the entity is.", ENTITY_KINDS),
        "country": (STRING, "ISO 3166-1 alpha-2 country the entity is, is in or stands for."),
    },
    "dates": {
        **_SPAN,
        "value": (STRING, "TIMEX3 value (2024-03-16, 2024-03, 2024-W20, P10Y, XXXX-03-16...); empty when impossible."),
        "value_date": (DATE, "First calendar day the value names; empty when the year is unknown or no day."),
        "value_precision": (STRING, "Precision of value_date.", PRECISIONS),
        "type": (STRING, "TIMEX3 type.", DATE_TYPES),
        "granularity": (STRING, "Granularity of the expression (century ... minute, duration, set, ref)."),
        "mod": (STRING, "TIMEX3 modifier.", TIMEX_MODS),
        "anchored": (BOOLEAN, "The value was computed from a reference date, not read off the text."),
        "anchor": (STRING, "Which reference: published, preceding or context."),
        "valid": (BOOLEAN, "False for an impossible date (31 February)."),
        "flag": (STRING, "impossible_date, unresolved, weekday_mismatch or ambiguous_century."),
        "range_role": (STRING, "begin or end when the date is one end of a range."),
        "partner_start": (INTEGER, "Start offset of the other end of the range."),
        "partner_end": (INTEGER, "End offset of the other end of the range."),
        "rule": (STRING, "Name of the rule that found the date (for error analysis)."),
    },
    "numbers": {
        **_SPAN,
        "value": (NUMBER, "The number (lower bound of a range or a vague quantity)."),
        "qualifier": (STRING, "How exact the value is.", QUALIFIERS),
        "unit": (STRING, "Counted noun, currency or measure."),
        "kind": (STRING, "What kind of number.", NUMBER_KINDS),
        "value_max": (NUMBER, "Upper bound of a range."),
        "currency": (STRING, "ISO 4217 code of an amount of money."),
        "unit_start": (INTEGER, "Start offset of the unit word(s)."),
        "unit_end": (INTEGER, "End offset of the unit word(s)."),
    },
    "events": {
        "doc_id": _SPAN["doc_id"],
        "event_id": (
            STRING,
            f"The event within its article ({EVENT_ID_PREFIX}1, {EVENT_ID_PREFIX}2... in text order).",
        ),
        "sentence": _SPAN["sentence"],
        "start": (INTEGER, "Character offset of the trigger's start."),
        "end": (INTEGER, "Character offset just after the trigger."),
        "trigger": (STRING, "The word or phrase that signals the event."),
        "type": (STRING, "Event type (see pipeline/lang/it/event_types.json)."),
        "cameo": (STRING, "CAMEO code of the type, as text: 010 and 10 differ, 0874 keeps its zero."),
        **_argument("actor", ("label", STRING, "Entity label of the actor.")),
        **_argument("target", ("label", STRING, "Entity label of the target.")),
        **_argument("place", ("label", STRING, "Entity label of the place.")),
        **_argument("date", ("value", STRING, "TIMEX3 value of the event's date.")),
        "date_value_date": (DATE, "First calendar day of date_value; empty when the year is unknown or no day."),
        "date_value_precision": (STRING, "Precision of date_value_date.", PRECISIONS),
        **_argument("quantity", ("value", NUMBER, "Value of the event's quantity.")),
        "negated": (BOOLEAN, "The event is denied in the text."),
        "modality": (STRING, "Whether the text asserts the event.", MODALITIES),
        **_link("actor"),
        **_link("target"),
        **_link("place"),
    },
    "actors": {
        "doc_id": _SPAN["doc_id"],
        "entity_id": (STRING, "The entity within its article (E1, E2...); the entities' entity_id."),
        "canonical": (STRING, "Canonical name of the entity."),
        "label": (STRING, "Its most frequent entity label.", ENTITY_LABELS),
        "kind": (STRING, "What the entity is.", ENTITY_KINDS),
        "country": (STRING, "ISO 3166-1 alpha-2 country the entity is, is in or stands for."),
        "n_mentions": (INTEGER, "Mentions of the entity in the article."),
        "start": (INTEGER, "Start offset of its first mention."),
        "end": (INTEGER, "End offset of its first mention."),
        "surfaces": (STRING, "Its distinct written forms, joined with '|', in order of appearance."),
    },
}

#: the columns each record adds after the leading ones, in the order it writes them
_RECORD_COLUMNS = {
    "documents": (),
    "entities": ENTITY_ROW_COLUMNS,
    "dates": tuple(f.name for f in dataclasses.fields(Timex)),
    "numbers": tuple(f.name for f in dataclasses.fields(Quantity)),
    "events": EVENT_ROW_COLUMNS,
    "actors": (),
}
_LEADING = {"documents": DOCUMENT_COLUMNS, **TABLE_COLUMNS}
#: TIMEX3 value columns: each gets ``_date`` and ``_precision`` siblings in the typed outputs
TIMEX_COLUMNS = {"dates": "value", "events": "date_value"}
#: primary keys (typed outputs and datapackage.json)
PRIMARY_KEYS = {"documents": ("doc_id",), "events": ("doc_id", "event_id"), "actors": ("doc_id", "entity_id")}
#: (columns, referenced table, referenced columns)
FOREIGN_KEYS: dict[str, list[tuple[tuple[str, ...], str, tuple[str, ...]]]] = {
    **{name: [(("doc_id",), "documents", ("doc_id",))] for name in TABLE_COLUMNS},
    "entities": [(("doc_id", "entity_id"), "actors", ("doc_id", "entity_id"))],
}


def csv_columns(table: str) -> list[str]:
    """Every column the CSV of ``table`` can have, in order."""
    leading = list(_LEADING[table])
    return leading + [c for c in _RECORD_COLUMNS[table] if c not in leading]


def typed_columns(table: str) -> list[Column]:
    """Every column of the typed ``table``, in order: the CSV's plus the derived ones."""
    names = csv_columns(table)
    if table == "events":
        names.insert(1, "event_id")
    if table in TIMEX_COLUMNS:
        source = TIMEX_COLUMNS[table]
        at = names.index(source) + 1
        names[at:at] = [f"{source}_date", f"{source}_precision"]
    csv = set(csv_columns(table))
    return [column(table, name, derived=name not in csv) for name in names]


def column(table: str, name: str, derived: bool = False) -> Column:
    """The column ``name`` of ``table``; one this module does not describe yet (a new
    record field) is text, so a run never fails on it (a test asks for its description)."""
    if name not in DESCRIPTIONS[table]:
        return Column(name, STRING, "(not described yet)")
    kind, description, *enum = DESCRIPTIONS[table][name]
    return Column(name, kind, description, tuple(enum[0]) if enum else None, derived)


def derive(table: str, name: str) -> Callable[[dict[str, Any]], Any] | None:
    """How a derived column is computed from its row; None for a column of the CSV."""
    if table in TIMEX_COLUMNS:
        source = TIMEX_COLUMNS[table]
        if name == f"{source}_date":
            return lambda row: calendar_start(row.get(source))[0]
        if name == f"{source}_precision":
            return lambda row: calendar_start(row.get(source))[1]
    return None


def event_ids(doc_ids: Iterable[str]) -> list[str]:
    """``event_id`` of each events row (rows in table order): V1, V2... within each article."""
    counts: dict[str, int] = {}
    ids = []
    for doc_id in doc_ids:
        counts[doc_id] = counts.get(doc_id, 0) + 1
        ids.append(f"{EVENT_ID_PREFIX}{counts[doc_id]}")
    return ids


def table_schema(table: str, names: Iterable[str] | None = None, derived: bool = False) -> dict[str, Any]:
    """The Table Schema of ``table``: the columns ``names`` (default: all of the CSV), or
    every typed column with ``derived``."""
    columns = typed_columns(table)
    if names is not None:
        columns = [column(table, n) for n in names]
    elif not derived:
        columns = [c for c in columns if not c.derived]
    present = {c.name for c in columns}
    key = [k for k in PRIMARY_KEYS.get(table, ()) if k in present]
    schema: dict[str, Any] = {
        "fields": [c.field(required=c.name in key) for c in columns],
        "missingValues": [""],
    }
    if key and len(key) == len(PRIMARY_KEYS[table]):
        schema["primaryKey"] = key
    foreign = [
        {"fields": list(cols), "reference": {"resource": ref, "fields": list(ref_cols)}}
        for cols, ref, ref_cols in FOREIGN_KEYS.get(table, [])
        if set(cols) <= present
    ]
    if foreign:
        schema["foreignKeys"] = foreign
    return schema


def datapackage(csv_headers: dict[str, list[str]]) -> dict[str, Any]:
    """``datapackage.json``: one resource per CSV (its actual header) and one per Parquet
    file (every typed column), each with its Table Schema."""
    resources = []
    for table in TABLE_NAMES:
        resources.append(
            {
                "name": table,
                "path": f"{table}.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "description": "Text cells that a spreadsheet would read as a formula start with an apostrophe; "
                "control characters are escaped. The Parquet and DuckDB files keep the exact text.",
                "schema": table_schema(table, csv_headers[table]),
            }
        )
    for table in TABLE_NAMES:
        schema = table_schema(table, derived=True)
        for foreign in schema.get("foreignKeys", []):
            foreign["reference"]["resource"] += "_typed"
        resources.append({"name": f"{table}_typed", "path": f"{table}.parquet", "format": "parquet", "schema": schema})
    return {
        "name": "italian-news-extraction",
        "title": "Entities, dates, numbers and events extracted from Italian news articles",
        "description": "One row per mention (start/end: character offsets into the article text, end exclusive). "
        "The same tables, typed and with their keys, are in extraction.duckdb.",
        "profile": "tabular-data-package",
        "resources": resources,
    }
