"""Score the pipeline's tables against the gold annotations.

The rules are written down in corpus/GUIDELINES.md ("Scoring"); in short:

* Only documents with a gold file are scored, and in each only the tables the
  gold file lists under ``annotated``.  A missing or empty prediction CSV means
  every gold mention is a false negative.
* A mention is (doc_id, start, end, label); label is ``label`` for entities,
  ``type`` for dates and events, ``kind`` for numbers.  Matching is one-to-one
  and needs the same label.  **strict**: identical offsets.  **relaxed**: the
  character spans overlap (pairs with the largest overlap are matched first).
* ``value_accuracy`` (dates, numbers): among the pairs matched in that row's
  mode (strict or relaxed), the fraction whose value equals the gold value.
  A right span with a wrong value is a value error, not a span miss.
* Events: trigger matching as above (type F1).  For each argument role, over
  the relaxed-matched event pairs: tp = both present and overlapping, fp =
  predicted but not overlapping gold, fn = gold but not overlapping prediction;
  ``value_accuracy`` = fraction of pairs that are right (overlap, or both empty).
  ``negated`` and ``modality`` get an accuracy over the same pairs.
* Numbers: ``numbers_attrs``/``qualifier`` is the qualifier accuracy over the
  relaxed-matched number pairs.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from pipeline.gold import EVENT_ROLES, TABLES, GoldDirError, load_gold, validate_gold_dir
from pipeline.writer import FORMULA_START

COLUMNS = [
    "table",
    "label",
    "match",
    "tp",
    "fp",
    "fn",
    "precision",
    "recall",
    "f1",
    "value_accuracy",
    "value_correct",
    "n_gold",
    "n_pred",
]


class GoldInvalidError(Exception):
    """The gold does not pass ``validate``: scores against it would mean nothing."""


LABEL_FIELD = {"entities": "label", "dates": "type", "numbers": "kind", "events": "type"}
TEXT_FIELD = {"entities": "text", "dates": "text", "numbers": "text", "events": "trigger"}
VALUE_TABLES = ("dates", "numbers")
MATCHES = ("strict", "relaxed")


# --- reading ----------------------------------------------------------------


def _read_pred(pred_dir: Path, table: str) -> pd.DataFrame:
    path = Path(pred_dir) / f"{table}.csv"
    if not path.is_file() or path.stat().st_size == 0:
        return pd.DataFrame()
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except pd.errors.EmptyDataError:
        return pd.DataFrame()


def _int(x):
    try:
        if x is None or (isinstance(x, float) and math.isnan(x)) or str(x).strip() == "":
            return None
        return int(float(x))
    except (TypeError, ValueError):
        return None


def _norm_label(table: str, label) -> str:
    label = "" if label is None else str(label).strip()
    return label.lower() if table == "numbers" else label.upper()


def _pred_mentions(df: pd.DataFrame, table: str, docs: set[str]) -> list[dict]:
    if df.empty or not {"doc_id", "start", "end"} <= set(df.columns):
        return []
    lf = LABEL_FIELD[table]
    out = []
    for row in df.to_dict("records"):
        row["doc_id"] = _cell_text(row.get("doc_id"))
        if row.get("doc_id") not in docs:
            continue
        s, e = _int(row.get("start")), _int(row.get("end"))
        if s is None or e is None:
            continue
        m = {
            "doc_id": row["doc_id"],
            "start": s,
            "end": e,
            "label": _norm_label(table, row.get(lf)),
            "value": row.get("value"),
            "qualifier": str(row.get("qualifier") or "").strip().lower() or None,
        }
        if table == "events":
            for role in EVENT_ROLES:
                rs, re_ = _int(row.get(f"{role}_start")), _int(row.get(f"{role}_end"))
                m[role] = (rs, re_) if rs is not None and re_ is not None else None
            m["negated"] = _bool(row.get("negated"))
            m["modality"] = str(row.get("modality") or "").strip().lower() or None
        out.append(m)
    return out


def _cell_text(value):
    """A CSV text cell as written before the writer defused it ("'=x" → "=x")."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_START[:4]):
        return value[1:]
    return value


def _bool(x):
    if isinstance(x, bool):
        return x
    return str(x).strip().lower() in ("true", "1", "yes", "y", "t")


def _gold_mentions(golds: dict[str, dict], table: str) -> list[dict]:
    out = []
    lf = LABEL_FIELD[table]
    for doc_id, g in golds.items():
        if table not in g["annotated"]:
            continue
        for a in g[table]:
            m = {
                "doc_id": doc_id,
                "start": a["start"],
                "end": a["end"],
                "label": _norm_label(table, a.get(lf)),
                "value": a.get("value"),
                "qualifier": a.get("qualifier"),
            }
            if table == "events":
                for role in EVENT_ROLES:
                    arg = a.get(role)
                    m[role] = (arg["start"], arg["end"]) if arg else None
                m["negated"] = bool(a.get("negated", False))
                m["modality"] = a.get("modality", "asserted")
            out.append(m)
    return out


# --- matching ---------------------------------------------------------------


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters shared by two (start, end) spans."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def pair_spans(
    gold: Sequence[tuple[int, int]], pred: Sequence[tuple[int, int]], mode: str = "relaxed"
) -> list[tuple[int, int]]:
    """One-to-one (gold index, pred index) pairs of (start, end) spans, sorted.

    strict: identical offsets only; relaxed: overlapping spans, identical ones first, then
    the largest overlap, then the closest boundaries. The scorer and the bench scripts
    all match through this function."""
    cands = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            exact = (p[0], p[1]) == (g[0], g[1])
            if mode == "strict" and not exact:
                continue
            ov = overlap(g, p)
            if exact or ov > 0:
                cands.append((not exact, -ov, abs(g[0] - p[0]) + abs(g[1] - p[1]), i, j))
    cands.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for *_, i, j in cands:
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        pairs.append((i, j))
    return sorted(pairs)


def match_mentions(gold: list[dict], pred: list[dict], mode: str) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, pred index) with the same doc and label (see pair_spans)."""
    gold_by: dict[tuple, list[int]] = {}
    pred_by: dict[tuple, list[int]] = {}
    for i, g in enumerate(gold):
        gold_by.setdefault((g["doc_id"], g["label"]), []).append(i)
    for j, p in enumerate(pred):
        pred_by.setdefault((p["doc_id"], p["label"]), []).append(j)
    pairs: list[tuple[int, int]] = []
    for key, gis in gold_by.items():
        pjs = pred_by.get(key, [])
        found = pair_spans(
            [(gold[i]["start"], gold[i]["end"]) for i in gis], [(pred[j]["start"], pred[j]["end"]) for j in pjs], mode
        )
        pairs.extend((gis[a], pjs[b]) for a, b in found)
    return sorted(pairs)


def values_equal(table: str, gold_value, pred_value) -> bool:
    """Dates: TIMEX3 strings equal (case and surrounding space ignored).
    Numbers: numerically equal (relative tolerance 1e-6); unparsable = wrong."""
    if pred_value is None or (isinstance(pred_value, float) and math.isnan(pred_value)):
        return False
    if table == "dates":
        return str(pred_value).strip().upper() == str(gold_value).strip().upper()
    try:
        p = float(str(pred_value).strip())
    except ValueError:
        return False
    g = float(gold_value)
    return abs(p - g) <= 1e-6 * max(1.0, abs(g))


def _prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _row(table, label, match, tp, fp, fn, n_gold, n_pred, vcorrect=None, vn=None):
    p, r, f = _prf(tp, fp, fn)
    return {
        "table": table,
        "label": label,
        "match": match,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(f, 4),
        "value_accuracy": (round(vcorrect / vn, 4) if vn else None),
        "value_correct": vcorrect,
        "n_gold": n_gold,
        "n_pred": n_pred,
    }


def _score_table(table, gold, pred) -> tuple[list[dict], dict]:
    rows = []
    relaxed_pairs = []
    labels = sorted({m["label"] for m in gold} | {m["label"] for m in pred})
    for mode in MATCHES:
        pairs = match_mentions(gold, pred, mode)
        if mode == "relaxed":
            relaxed_pairs = pairs
        tot = {"tp": 0, "fp": 0, "fn": 0, "ng": 0, "np": 0, "vc": 0, "vn": 0}
        per = []
        for lab in labels:
            ng = sum(1 for m in gold if m["label"] == lab)
            np_ = sum(1 for m in pred if m["label"] == lab)
            lp = [(i, j) for i, j in pairs if gold[i]["label"] == lab]
            tp = len(lp)
            vc = vn = None
            if table in VALUE_TABLES:
                vn = tp
                vc = sum(values_equal(table, gold[i]["value"], pred[j]["value"]) for i, j in lp)
                tot["vc"] += vc
                tot["vn"] += vn
            per.append(_row(table, lab, mode, tp, np_ - tp, ng - tp, ng, np_, vc, vn))
            tot["tp"] += tp
            tot["ng"] += ng
            tot["np"] += np_
        vals = (tot["vc"], tot["vn"]) if table in VALUE_TABLES else (None, None)
        rows.append(
            _row(
                table, "ALL", mode, tot["tp"], tot["np"] - tot["tp"], tot["ng"] - tot["tp"], tot["ng"], tot["np"], *vals
            )
        )
        rows.extend(per)
    return rows, {"pairs": relaxed_pairs}


def _score_arguments(gold, pred, pairs) -> list[dict]:
    rows = []
    n = len(pairs)
    tot = {"tp": 0, "fp": 0, "fn": 0, "ok": 0, "ng": 0, "np": 0, "n": 0}
    per = []
    for role in EVENT_ROLES:
        tp = fp = fn = ok = 0
        ng = np_ = 0
        for i, j in pairs:
            g, p = gold[i][role], pred[j][role]
            ng += g is not None
            np_ += p is not None
            if g is None and p is None:
                ok += 1
            elif g is not None and p is not None and overlap(g, p) > 0:
                tp += 1
                ok += 1
            else:
                fp += p is not None
                fn += g is not None
        r = _row("events_args", role, "relaxed", tp, fp, fn, ng, np_, ok, n)
        per.append(r)
        for k, v in (("tp", tp), ("fp", fp), ("fn", fn), ("ok", ok), ("ng", ng), ("np", np_), ("n", n)):
            tot[k] += v
    rows.append(
        _row(
            "events_args", "ALL", "relaxed", tot["tp"], tot["fp"], tot["fn"], tot["ng"], tot["np"], tot["ok"], tot["n"]
        )
    )
    rows.extend(per)
    for attr in ("negated", "modality"):
        rows.append(_attr_row("events_attrs", attr, gold, pred, pairs))
    return rows


def _attr_row(table, attr, gold, pred, pairs) -> dict:
    """Accuracy of one attribute over the relaxed-matched pairs (no P/R/F)."""
    n = len(pairs)
    ok = sum(gold[i][attr] == pred[j][attr] for i, j in pairs)
    row = _row(table, attr, "relaxed", 0, 0, 0, n, n, ok, n)
    for k in ("tp", "fp", "fn", "precision", "recall", "f1"):
        row[k] = None
    return row


def evaluate(pred_dir, gold_dir, corpus_dir=None) -> pd.DataFrame:
    """The evaluation table (columns COLUMNS), one row per table x label x match.

    With `corpus_dir`, the gold is first checked against the articles
    (`pipeline.gold.validate_gold_dir`): invalid gold raises GoldInvalidError."""
    gold_dir = Path(gold_dir)
    if corpus_dir is not None:
        try:
            problems = validate_gold_dir(corpus_dir, gold_dir)
        except GoldDirError as exc:
            raise GoldInvalidError(str(exc)) from None
        if problems:
            raise GoldInvalidError(
                f"{gold_dir}: {len(problems)} problem(s) in the gold, first: {problems[0]} "
                "(`python -m pipeline validate` lists every one); nothing scored"
            )
    golds = {}
    for path in sorted(gold_dir.glob("*.json")):
        g = load_gold(path)
        golds[g.get("doc_id", path.stem)] = g
    rows = []
    for table in TABLES:
        docs = {d for d, g in golds.items() if table in g["annotated"]}
        gold = _gold_mentions(golds, table)
        pred = _pred_mentions(_read_pred(pred_dir, table), table, docs)
        trows, info = _score_table(table, gold, pred)
        rows.extend(trows)
        if table == "events":
            rows.extend(_score_arguments(gold, pred, info["pairs"]))
        if table == "numbers":
            rows.append(_attr_row("numbers_attrs", "qualifier", gold, pred, info["pairs"]))
    df = pd.DataFrame(rows, columns=COLUMNS)
    for c in ("tp", "fp", "fn", "value_correct", "n_gold", "n_pred"):
        df[c] = df[c].astype("Int64")
    return df


# --- reporting --------------------------------------------------------------


def _fmt(x, pct=True):
    if x is None or (isinstance(x, float) and math.isnan(x)) or x is pd.NA:
        return "-"
    return f"{100 * x:5.1f}" if pct else str(x)


def format_summary(df: pd.DataFrame) -> str:
    """Readable summary: micro-averaged ALL rows per table, then relaxed F1 per label."""
    lines = [
        "Evaluation against gold (P/R/F1 in %, value acc. = values right among matched spans)",
        f"{'table':<13}{'match':<9}{'gold':>6}{'pred':>6}{'tp':>6}{'P':>7}{'R':>7}{'F1':>7}{'value acc.':>12}",
    ]
    for _, r in df[df["label"] == "ALL"].iterrows():
        lines.append(
            f"{r['table']:<13}{r['match']:<9}{r['n_gold']!s:>6}{r['n_pred']!s:>6}{r['tp']!s:>6}"
            f"{_fmt(r['precision']):>7}{_fmt(r['recall']):>7}{_fmt(r['f1']):>7}"
            f"{_fmt(r['value_accuracy']):>12}"
        )
    lines.append("")
    lines.append("Per label (relaxed): label gold/pred F1 [value acc.]")
    for table, sub in df[(df["label"] != "ALL") & (df["match"] == "relaxed")].groupby("table", sort=False):
        parts = []
        for _, r in sub.iterrows():
            if table.endswith("_attrs"):
                parts.append(f"{r['label']} acc {_fmt(r['value_accuracy']).strip()}")
                continue
            s = f"{r['label']} {r['n_gold']}/{r['n_pred']} F1 {_fmt(r['f1']).strip()}"
            if table in VALUE_TABLES or table == "events_args":
                s += f" [{_fmt(r['value_accuracy']).strip()}]"
            parts.append(s)
        lines.append(f"  {table}: " + "; ".join(parts))
    return "\n".join(lines)


def scores_markdown(df: pd.DataFrame) -> str:
    """A short Markdown table of the ALL rows, for the README."""
    out = ["| table | match | gold | pred | P | R | F1 | value acc. |", "|---|---|---:|---:|---:|---:|---:|---:|"]
    for _, r in df[(df["label"] == "ALL")].iterrows():
        out.append(
            f"| {r['table']} | {r['match']} | {r['n_gold']} | {r['n_pred']} | "
            f"{_fmt(r['precision']).strip()} | {_fmt(r['recall']).strip()} | {_fmt(r['f1']).strip()} | "
            f"{_fmt(r['value_accuracy']).strip()} |"
        )
    return "\n".join(out)
