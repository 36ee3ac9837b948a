"""Gold annotations: loading, validation and an offset helper for annotators.

One JSON file per article, ``<gold_dir>/<doc_id>.json``; the format and the
annotation choices are documented in ``corpus/GUIDELINES.md``.  The inventories
come from ``pipeline/inventories.py`` and the event types from the language data, so
that the validator, the scorer and the components share one definition.

No spaCy here: gold is checked against the raw article text.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from . import inventories
from .corpus import DEFAULT_MAX_BYTES, read_bytes, read_text
from .writer import shown

#: a gold file is at most this big (a real one is tens of kilobytes)
MAX_GOLD_BYTES = 20_000_000


class GoldDirError(Exception):
    """The gold folder cannot be used at all (missing, not a folder)."""


TABLES = ("entities", "dates", "numbers", "events")

ENTITY_LABELS = frozenset(inventories.ENTITY_LABELS)
DATE_TYPES = frozenset(inventories.DATE_TYPES)
DATE_MODS = frozenset(inventories.TIMEX_MODS)
NUMBER_QUALIFIERS = frozenset(inventories.QUALIFIERS)
NUMBER_KINDS = frozenset(inventories.NUMBER_KINDS)
EVENT_ROLES = inventories.EVENT_ROLES
MODALITIES = frozenset(inventories.MODALITIES)

TOP_KEYS_REQUIRED = {"doc_id", "annotator"}
TOP_KEYS = TOP_KEYS_REQUIRED | {"notes", "annotated", *TABLES}
SPAN_KEYS = {"start", "end", "text"}
ENTITY_KEYS = SPAN_KEYS | {"label"}
ENTITY_REQUIRED = ENTITY_KEYS
DATE_KEYS = SPAN_KEYS | {"value", "type", "mod", "comment"}
DATE_REQUIRED = SPAN_KEYS | {"value", "type"}
NUMBER_KEYS = SPAN_KEYS | {"value", "value_max", "qualifier", "kind", "unit", "currency", "comment"}
NUMBER_REQUIRED = SPAN_KEYS | {"value", "qualifier", "kind"}
EVENT_KEYS = {"start", "end", "trigger", "type", *EVENT_ROLES, "negated", "modality", "comment"}
EVENT_REQUIRED = {"start", "end", "trigger", "type", "negated", "modality"}

# --- TIMEX3 value formats -------------------------------------------------
_Y = r"(?:\d{4}|X{4})"
_CAL = (
    rf"{_Y}(?:-(?:0[1-9]|1[0-2]|XX)(?:-(?:0[1-9]|[12]\d|3[01]|XX))?"  # 2024, 2024-03, 2024-03-16, XXXX-03-16
    rf"|-W(?:0[1-9]|[1-4]\d|5[0-3]|XX)(?:-[1-7])?"  # 2024-W12, 2024-W12-3
    rf"|-(?:SP|SU|FA|WI)"  # 2023-SU
    rf"|-Q[1-4]|-H[12])?"  # 2014-Q2, 2014-H1
)
_REF = r"(?:PRESENT_REF|PAST_REF|FUTURE_REF)"
_DECADE = r"\d{2,3}"  # 199 (1990s), 19 (20th century)
_TOD = r"T(?:(?:[01]\d|2[0-4])(?::[0-5]\d(?::[0-5]\d)?)?|MO|MI|AF|EV|NI|DT)"  # T15:30, TMO (mattina), TNI
_DUR = r"P(?:(?:\d+(?:\.\d+)?|X)(?:Y|M|W|D|DE|CE))+(?:T(?:(?:\d+(?:\.\d+)?|X)[HMS])+)?|PT(?:(?:\d+(?:\.\d+)?|X)[HMS])+"

VALUE_PATTERNS = {
    "DATE": re.compile(rf"^(?:{_CAL}|{_REF}|{_DECADE})$"),
    "TIME": re.compile(rf"^(?:{_CAL})?{_TOD}$"),
    "DURATION": re.compile(rf"^(?:{_DUR})$"),
    "SET": re.compile(rf"^(?:{_DUR}|{_CAL}|{_CAL}?{_TOD})$"),
}


def _among(value, allowed) -> bool:
    """``value in allowed`` for any JSON value: a list or an object is never a member
    (and never raises "unhashable type")."""
    return isinstance(value, (str, int, float, bool, type(None))) and value in allowed


def valid_date_value(value, type_) -> bool:
    """True when `value` is a TIMEX3 value allowed for `type_` (see GUIDELINES.md)."""
    pat = VALUE_PATTERNS.get(type_) if isinstance(type_, str) else None
    return isinstance(value, str) and pat is not None and bool(pat.match(value))


def _is_number(x) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool) and x == x  # not NaN


# --- loading ----------------------------------------------------------------


def load_gold(path) -> dict:
    """Read one gold file. Missing tables default to []; `annotated` defaults to
    the tables present in the file (the tables annotated exhaustively)."""
    path = Path(path)
    data = _read_json(path)
    if not isinstance(data, dict):
        raise ValueError(f"{path.name}: top level must be a JSON object")
    data.setdefault("annotated", [t for t in TABLES if t in data])
    for table in TABLES:
        data.setdefault(table, [])
    return data


def article_path(corpus_dir, doc_id) -> Path:
    return Path(corpus_dir) / "articles" / f"{doc_id}.txt"


def read_article(corpus_dir, doc_id) -> str:
    """The article text (a regular UTF-8 file); raises ValueError naming the file."""
    return read_text(article_path(corpus_dir, doc_id), None, DEFAULT_MAX_BYTES)


def _read_json(path: Path):
    """A gold file's JSON; raises ValueError naming the file and the problem (not a
    regular file, too big, not UTF-8, not JSON, nested too deep)."""
    raw = read_bytes(path, None, MAX_GOLD_BYTES)
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ValueError(f"{shown(path)}: not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})") from exc
    except json.JSONDecodeError as exc:
        raise ValueError(f"{shown(path)}: not valid JSON ({exc.msg} at line {exc.lineno})") from exc
    except RecursionError:
        raise ValueError(f"{shown(path)}: JSON nested too deeply") from None


# --- validation -------------------------------------------------------------


def _check_span(text: str, ann: dict, where: str, text_key: str = "text") -> list[str]:
    errs = []
    s, e = ann.get("start"), ann.get("end")
    if not (isinstance(s, int) and not isinstance(s, bool) and isinstance(e, int) and not isinstance(e, bool)):
        return [f"{where}: start/end must be integers, got {s!r}/{e!r}"]
    if not 0 <= s < e <= len(text):
        return [f"{where}: bad offsets {s}-{e} (article has {len(text)} characters)"]
    covered = text[s:e]
    if covered != ann.get(text_key):
        errs.append(f"{where}: {text_key} {ann.get(text_key)!r} does not match article text {covered!r} at {s}-{e}")
    elif covered != covered.strip():
        errs.append(f"{where}: span {covered!r} starts or ends with whitespace")
    return errs


def _check_keys(ann, allowed, required, where) -> list[str]:
    if not isinstance(ann, dict):
        return [f"{where}: annotation must be an object, got {type(ann).__name__}"]
    errs = []
    unknown = sorted(set(ann) - allowed)
    if unknown:
        errs.append(f"{where}: unknown key(s) {', '.join(unknown)}")
    missing = sorted(required - set(ann))
    if missing:
        errs.append(f"{where}: missing key(s) {', '.join(missing)}")
    return errs


def _desc(table, i, ann, text_key="text"):
    t = ann.get(text_key) if isinstance(ann, dict) else None
    pos = f"{ann.get('start')}-{ann.get('end')}" if isinstance(ann, dict) else "?"
    return f"{table}[{i}] {t!r} @{pos}"


def validate_gold(data: dict, text: str, name: str) -> list[str]:
    """Check one gold document against its article text. `name` prefixes every message."""
    errs: list[str] = []
    if not isinstance(data, dict):
        return [f"{name}: top level must be a JSON object"]
    unknown = sorted(set(data) - TOP_KEYS)
    if unknown:
        errs.append(f"{name}: unknown top-level key(s) {', '.join(unknown)}")
    for k in sorted(TOP_KEYS_REQUIRED - set(data)):
        errs.append(f"{name}: missing top-level key {k!r}")
    annotated = data.get("annotated", [t for t in TABLES if t in data])
    if not isinstance(annotated, list) or any(not _among(a, TABLES) for a in annotated):
        errs.append(f"{name}: 'annotated' must be a list drawn from {list(TABLES)}, got {annotated!r}")
    for table in TABLES:
        anns = data.get(table, [])
        if not isinstance(anns, list):
            errs.append(f"{name}: {table!r} must be a list")
            continue
        seen: dict[tuple, int] = {}
        for i, ann in enumerate(anns):
            text_key = "trigger" if table == "events" else "text"
            where = f"{name}: {_desc(table, i, ann, text_key)}"
            if table == "entities":
                e = _check_keys(ann, ENTITY_KEYS, ENTITY_REQUIRED, where)
            elif table == "dates":
                e = _check_keys(ann, DATE_KEYS, DATE_REQUIRED, where)
            elif table == "numbers":
                e = _check_keys(ann, NUMBER_KEYS, NUMBER_REQUIRED, where)
            else:
                e = _check_keys(ann, EVENT_KEYS, EVENT_REQUIRED, where)
            errs.extend(e)
            if not isinstance(ann, dict):
                continue
            errs.extend(_check_span(text, ann, where, text_key))
            errs.extend(_check_values(table, ann, text, where))
            key = tuple(
                v if _among(v, (v,)) else repr(v)  # a list or an object as a label: still a key
                for v in (
                    ann.get("start"),
                    ann.get("end"),
                    ann.get("label")
                    if table == "entities"
                    else ann.get("type")
                    if table in ("dates", "events")
                    else None,
                )
            )
            if key in seen:
                errs.append(
                    f"{where}: duplicate of {table}[{seen[key]}] (same span" + (" and label/type)" if key[2] else ")")
                )
            else:
                seen[key] = i
        if table == "entities":
            errs.extend(_check_entity_overlaps(anns, name))
    return errs


def _check_entity_overlaps(anns, name):
    errs = []
    spans = sorted(
        (a["start"], a["end"], i)
        for i, a in enumerate(anns)
        if isinstance(a, dict) and isinstance(a.get("start"), int) and isinstance(a.get("end"), int)
    )
    for (s1, e1, i1), (s2, e2, i2) in zip(spans, spans[1:]):
        if s2 < e1:
            errs.append(
                f"{name}: entities[{i2}] @{s2}-{e2} overlaps entities[{i1}] @{s1}-{e1} "
                "(entities are flat: tag the longest name)"
            )
    return errs


def _check_values(table, ann, text, where) -> list[str]:
    errs = []
    if table == "entities":
        if "label" in ann and not _among(ann["label"], ENTITY_LABELS):
            errs.append(f"{where}: unknown entity label {ann['label']!r} (allowed: {sorted(ENTITY_LABELS)})")
    elif table == "dates":
        t = ann.get("type")
        if not _among(t, DATE_TYPES):
            errs.append(f"{where}: unknown date type {t!r} (allowed: {sorted(DATE_TYPES)})")
        elif "value" in ann and not valid_date_value(ann["value"], t):
            errs.append(f"{where}: value {ann['value']!r} is not a valid TIMEX3 {t} value")
        mod = ann.get("mod")
        if mod is not None and not _among(mod, DATE_MODS):
            errs.append(f"{where}: unknown mod {mod!r} (allowed: {sorted(DATE_MODS)} or null)")
    elif table == "numbers":
        if "value" in ann and not _is_number(ann["value"]):
            errs.append(f"{where}: value {ann['value']!r} must be a number")
        q = ann.get("qualifier")
        if "qualifier" in ann and not _among(q, NUMBER_QUALIFIERS):
            errs.append(f"{where}: unknown qualifier {q!r} (allowed: {sorted(NUMBER_QUALIFIERS)})")
        if "kind" in ann and not _among(ann["kind"], NUMBER_KINDS):
            errs.append(f"{where}: unknown kind {ann['kind']!r} (allowed: {sorted(NUMBER_KINDS)})")
        vmax = ann.get("value_max")
        if ann.get("kind") == "range":
            if not _is_number(vmax):
                errs.append(f"{where}: kind 'range' needs a numeric value_max")
            elif _is_number(ann.get("value")) and vmax < ann["value"]:
                errs.append(f"{where}: value_max {vmax} is smaller than value {ann['value']}")
        elif vmax is not None:
            errs.append(f"{where}: value_max is only allowed with kind 'range'")
        cur = ann.get("currency")
        if ann.get("kind") == "money" and not (isinstance(cur, str) and re.fullmatch(r"[A-Z]{3}", cur)):
            errs.append(f"{where}: kind 'money' needs an ISO 4217 currency code, got {cur!r}")
        elif ann.get("kind") != "money" and cur is not None:
            errs.append(f"{where}: currency is only allowed with kind 'money'")
        unit = ann.get("unit")
        if unit is not None and not (isinstance(unit, str) and unit.strip()):
            errs.append(f"{where}: unit must be a non-empty string or null")
    else:
        event_types = inventories.event_types()  # whatever the data defines
        if not _among(ann.get("type"), event_types):
            errs.append(f"{where}: unknown event type {ann.get('type')!r} (allowed: {sorted(event_types)})")
        if "negated" in ann and not isinstance(ann["negated"], bool):
            errs.append(f"{where}: negated must be true or false")
        if "modality" in ann and not _among(ann["modality"], MODALITIES):
            errs.append(f"{where}: unknown modality {ann['modality']!r} (allowed: {sorted(MODALITIES)})")
        for role in EVENT_ROLES:
            arg = ann.get(role)
            if arg is None:
                continue
            rwhere = f"{where} argument {role!r}"
            if not isinstance(arg, dict):
                errs.append(f"{rwhere}: must be an object with start, end, text or null")
                continue
            errs.extend(_check_keys(arg, SPAN_KEYS, SPAN_KEYS, rwhere))
            errs.extend(_check_span(text, arg, rwhere))
    return errs


def validate_gold_dir(corpus_dir, gold_dir) -> list[str]:
    """Validate every ``*.json`` in `gold_dir` against ``corpus_dir/articles``.

    Returns error messages (each naming the file, the annotation and the
    problem); ``[]`` when all is well."""
    gold_dir = Path(gold_dir)
    errs: list[str] = []
    if not gold_dir.is_dir():
        raise GoldDirError(f"{shown(gold_dir)}: gold directory not found")
    files = sorted(gold_dir.glob("*.json"))
    if not files:
        errs.append(f"{gold_dir}: no gold files (*.json)")
    for path in files:
        name = shown(path.name)
        try:
            data = _read_json(path)
        except ValueError as exc:
            errs.append(f"{name}: cannot read JSON: {exc}")
            continue
        if not isinstance(data, dict):
            errs.append(f"{name}: top level must be a JSON object")
            continue
        doc_id = data.get("doc_id")
        if doc_id != path.stem:
            errs.append(f"{name}: doc_id {doc_id!r} does not match the file name (expected {path.stem!r})")
            doc_id = path.stem
        apath = article_path(corpus_dir, doc_id)
        if not apath.is_file():
            errs.append(f"{name}: article {shown(apath)} not found")
            continue
        try:
            text = read_text(apath, None, DEFAULT_MAX_BYTES)
        except ValueError as exc:
            errs.append(f"{name}: article cannot be read: {exc}")
            continue
        try:
            errs.extend(validate_gold(data, text, name))
        except Exception as exc:  # a shape no check foresaw: a message, never a traceback
            errs.append(f"{name}: cannot be checked ({type(exc).__name__}: {exc})")
    return errs


# --- annotation helper --------------------------------------------------------


def find_span(text: str, span: str, occurrence: int = 1, after: int = 0, word: bool = True) -> tuple[int, int]:
    """Offsets of the `occurrence`-th (1-based) match of `span` in `text` at or
    after character `after`; with `word`, matches must not sit inside a word."""
    pat = re.escape(span)
    if word:
        pat = (r"(?<!\w)" if span[:1].isalnum() else "") + pat + (r"(?!\w)" if span[-1:].isalnum() else "")
    hits = [m for m in re.finditer(pat, text) if m.start() >= after]
    if len(hits) < occurrence:
        raise ValueError(f"{span!r}: occurrence {occurrence} not found (found {len(hits)})")
    m = hits[occurrence - 1]
    return m.start(), m.end()


def find_all(text: str, span: str, word: bool = True) -> list[tuple[int, int]]:
    pat = re.escape(span)
    if word:
        pat = (r"(?<!\w)" if span[:1].isalnum() else "") + pat + (r"(?!\w)" if span[-1:].isalnum() else "")
    return [(m.start(), m.end()) for m in re.finditer(pat, text)]
