"""Scorer: tiny hand-made gold and predictions."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from pipeline.evaluate import COLUMNS, evaluate, format_summary, match_mentions, scores_markdown, values_equal

TEXT = "Il 16 marzo 2024 più di mille manifestanti hanno chiesto a Washington di ritirare i 1.100 soldati americani.\n"


def off(s):
    i = TEXT.index(s)
    return i, i + len(s)


def arg(s):
    a, b = off(s)
    return {"start": a, "end": b, "text": s}


GOLD = {
    "doc_id": "mini",
    "annotator": "test",
    "annotated": ["entities", "dates", "numbers", "events"],
    "entities": [{**arg("Washington"), "label": "LOC"}],
    "dates": [{**arg("16 marzo 2024"), "value": "2024-03-16", "type": "DATE"}],
    "numbers": [
        {**arg("più di mille"), "value": 1000, "qualifier": "more_than", "kind": "cardinal", "unit": "manifestanti"},
        {**arg("1.100"), "value": 1100, "qualifier": "exact", "kind": "cardinal", "unit": "soldati"},
    ],
    "events": [
        {
            "start": off("chiesto")[0],
            "end": off("chiesto")[1],
            "trigger": "chiesto",
            "type": "DEMAND",
            "actor": arg("manifestanti"),
            "target": arg("Washington"),
            "place": None,
            "date": arg("16 marzo 2024"),
            "quantity": None,
            "negated": False,
            "modality": "asserted",
        },
        {
            "start": off("ritirare")[0],
            "end": off("ritirare")[1],
            "trigger": "ritirare",
            "type": "WITHDRAWAL",
            "actor": arg("Washington"),
            "target": None,
            "place": None,
            "date": None,
            "quantity": arg("1.100"),
            "negated": False,
            "modality": "hypothetical",
        },
    ],
}


def gold_to_pred(gold):
    """Tables in the pipeline's CSV layout, from gold annotations (a perfect prediction)."""
    out = {}
    for t in ("entities", "dates", "numbers"):
        out[t] = [{"doc_id": gold["doc_id"], "sentence": 0, **a} for a in gold[t]]
    rows = []
    for e in gold["events"]:
        r = {
            "doc_id": gold["doc_id"],
            "sentence": 0,
            "start": e["start"],
            "end": e["end"],
            "trigger": e["trigger"],
            "type": e["type"],
        }
        for role in ("actor", "target", "place", "date", "quantity"):
            a = e[role]
            r[role] = a["text"] if a else ""
            r[f"{role}_start"] = a["start"] if a else ""
            r[f"{role}_end"] = a["end"] if a else ""
        r["negated"] = e["negated"]
        r["modality"] = e["modality"]
        rows.append(r)
    out["events"] = rows
    return out


@pytest.fixture
def dirs(tmp_path):
    (tmp_path / "corpus" / "articles").mkdir(parents=True)
    (tmp_path / "corpus" / "articles" / "mini.txt").write_text(TEXT, encoding="utf-8")
    gold_dir = tmp_path / "corpus" / "gold"
    gold_dir.mkdir()
    (gold_dir / "mini.json").write_text(json.dumps(GOLD, ensure_ascii=False), encoding="utf-8")
    pred_dir = tmp_path / "pred"
    pred_dir.mkdir()
    return pred_dir, gold_dir, tmp_path / "corpus"


def write_pred(pred_dir, tables):
    for t, rows in tables.items():
        pd.DataFrame(rows).to_csv(pred_dir / f"{t}.csv", index=False)


def row(df, table, label="ALL", match="relaxed"):
    r = df[(df["table"] == table) & (df["label"] == label) & (df["match"] == match)]
    assert len(r) == 1, (table, label, match)
    return r.iloc[0]


def test_perfect_prediction_scores_one(dirs):
    pred_dir, gold_dir, corpus = dirs
    write_pred(pred_dir, gold_to_pred(GOLD))
    df = evaluate(pred_dir, gold_dir, corpus)
    assert list(df.columns) == COLUMNS
    for t in ("entities", "dates", "numbers", "events"):
        for m in ("strict", "relaxed"):
            r = row(df, t, match=m)
            assert (r.precision, r.recall, r.f1) == (1.0, 1.0, 1.0), (t, m)
    assert row(df, "dates").value_accuracy == 1.0
    assert row(df, "numbers", match="strict").value_accuracy == 1.0
    args = row(df, "events_args")
    assert (args.f1, args.value_accuracy) == (1.0, 1.0)
    assert row(df, "events_attrs", "modality").value_accuracy == 1.0


def test_empty_prediction_scores_zero(dirs):
    pred_dir, gold_dir, corpus = dirs  # no CSV at all
    df = evaluate(pred_dir, gold_dir, corpus)
    for t in ("entities", "dates", "numbers", "events"):
        r = row(df, t)
        assert (r.tp, r.fp, r.fn, r.f1) == (0, 0, r.n_gold, 0.0)
        assert r.n_gold > 0
    assert pd.isna(row(df, "dates").value_accuracy)


def test_header_only_and_empty_files(dirs):
    pred_dir, gold_dir, corpus = dirs
    (pred_dir / "entities.csv").write_text("doc_id,sentence,start,end,text,label\n", encoding="utf-8")
    (pred_dir / "dates.csv").write_text("", encoding="utf-8")
    df = evaluate(pred_dir, gold_dir, corpus)
    assert row(df, "entities").fn == 1 and row(df, "dates").fn == 1


def test_off_by_one_is_relaxed_not_strict(dirs):
    pred_dir, gold_dir, corpus = dirs
    s, e = off("Washington")
    write_pred(
        pred_dir,
        {
            "entities": [
                {"doc_id": "mini", "sentence": 0, "start": s, "end": e + 1, "text": "Washington ", "label": "LOC"}
            ]
        },
    )
    df = evaluate(pred_dir, gold_dir, corpus)
    assert row(df, "entities", match="strict").f1 == 0.0
    assert row(df, "entities", match="relaxed").f1 == 1.0
    assert row(df, "entities", "LOC", "relaxed").tp == 1


def test_wrong_label_is_no_match(dirs):
    pred_dir, gold_dir, corpus = dirs
    s, e = off("Washington")
    write_pred(
        pred_dir,
        {"entities": [{"doc_id": "mini", "sentence": 0, "start": s, "end": e, "text": "Washington", "label": "ORG"}]},
    )
    df = evaluate(pred_dir, gold_dir, corpus)
    r = row(df, "entities")
    assert (r.tp, r.fp, r.fn) == (0, 1, 1)
    assert row(df, "entities", "ORG").fp == 1


def test_right_span_wrong_value_is_a_value_error(dirs):
    pred_dir, gold_dir, corpus = dirs
    tables = gold_to_pred(GOLD)
    tables["dates"][0]["value"] = "2023-03-16"
    tables["numbers"][1]["value"] = 1.1  # "1.100" misread as a decimal
    write_pred(pred_dir, tables)
    df = evaluate(pred_dir, gold_dir, corpus)
    for m in ("strict", "relaxed"):
        d = row(df, "dates", match=m)
        assert d.f1 == 1.0 and d.value_accuracy == 0.0 and d.value_correct == 0
        n = row(df, "numbers", match=m)
        assert n.f1 == 1.0 and n.value_accuracy == 0.5 and n.value_correct == 1


def test_value_accuracy_follows_the_row_mode(dirs):
    pred_dir, gold_dir, corpus = dirs
    s, e = off("16 marzo 2024")
    write_pred(
        pred_dir,
        {
            "dates": [
                {
                    "doc_id": "mini",
                    "sentence": 0,
                    "start": s - 3,
                    "end": e,
                    "text": "Il 16 marzo 2024",
                    "value": "2024-03-16",
                    "type": "DATE",
                }
            ]
        },
    )
    df = evaluate(pred_dir, gold_dir, corpus)
    assert pd.isna(row(df, "dates", match="strict").value_accuracy)
    assert row(df, "dates", match="relaxed").value_accuracy == 1.0


def test_matching_is_one_to_one():
    gold = [{"doc_id": "d", "start": 0, "end": 10, "label": "LOC"}]
    pred = [
        {"doc_id": "d", "start": 0, "end": 4, "label": "LOC"},
        {"doc_id": "d", "start": 2, "end": 10, "label": "LOC"},
    ]
    assert match_mentions(gold, pred, "relaxed") == [(0, 1)]  # the larger overlap wins
    assert match_mentions(gold, pred, "strict") == []


def test_other_documents_and_unannotated_tables_are_ignored(dirs):
    pred_dir, gold_dir, corpus = dirs
    g = dict(GOLD, annotated=["entities", "dates", "numbers"])
    (gold_dir / "mini.json").write_text(json.dumps(g, ensure_ascii=False), encoding="utf-8")
    tables = gold_to_pred(GOLD)
    tables["entities"].append({"doc_id": "no-gold", "sentence": 0, "start": 0, "end": 2, "text": "Il", "label": "PER"})
    write_pred(pred_dir, tables)
    df = evaluate(pred_dir, gold_dir, corpus)
    assert row(df, "entities").precision == 1.0
    assert row(df, "events").n_gold == 0 and row(df, "events").n_pred == 0


def test_event_type_and_arguments(dirs):
    pred_dir, gold_dir, corpus = dirs
    tables = gold_to_pred(GOLD)
    ev = tables["events"]
    ev[0]["target_start"], ev[0]["target_end"] = off("americani")  # wrong target
    ev[0]["date_start"], ev[0]["date_end"] = "", ""  # missed date
    ev[1]["type"] = "DEMAND"  # wrong type: no event match
    write_pred(pred_dir, tables)
    df = evaluate(pred_dir, gold_dir, corpus)
    e = row(df, "events")
    assert (e.tp, e.fp, e.fn) == (1, 1, 1)
    assert row(df, "events_args", "actor").value_accuracy == 1.0
    t = row(df, "events_args", "target")
    assert (t.tp, t.fp, t.fn, t.value_accuracy) == (0, 1, 1, 0.0)
    d = row(df, "events_args", "date")
    assert (d.tp, d.fp, d.fn) == (0, 0, 1)
    assert row(df, "events_args", "place").value_accuracy == 1.0  # both empty


@pytest.mark.parametrize(
    "table,gold,pred,ok",
    [
        ("dates", "2024-03-16", "2024-03-16", True),
        ("dates", "PXW", "pxw", True),
        ("dates", "2024-03", "2024-03-16", False),
        ("dates", "2024-03-16", float("nan"), False),
        ("numbers", 1100, "1100", True),
        ("numbers", 1100, "1100.0", True),
        ("numbers", 33.5, "33.5", True),
        ("numbers", 1100, "1.100", False),
        ("numbers", 1000, "", False),
        ("numbers", 1e12, "1000000000000", True),
    ],
)
def test_values_equal(table, gold, pred, ok):
    assert values_equal(table, gold, pred) is ok


def test_summary_and_markdown(dirs):
    pred_dir, gold_dir, corpus = dirs
    write_pred(pred_dir, gold_to_pred(GOLD))
    df = evaluate(pred_dir, gold_dir, corpus)
    summary = format_summary(df)
    assert "entities" in summary and "100.0" in summary
    md = scores_markdown(df)
    assert md.splitlines()[0].startswith("| table | match |")
    assert len(md.splitlines()) == 2 + len(df[df["label"] == "ALL"])


def test_deterministic_csv(dirs):
    pred_dir, gold_dir, corpus = dirs
    write_pred(pred_dir, gold_to_pred(GOLD))
    a = evaluate(pred_dir, gold_dir, corpus).to_csv(index=False)
    b = evaluate(pred_dir, gold_dir, corpus).to_csv(index=False)
    assert a == b


def test_number_qualifier_accuracy(dirs):
    pred_dir, gold_dir, corpus = dirs
    tables = gold_to_pred(GOLD)
    tables["numbers"][0]["qualifier"] = "at_least"  # gold: more_than
    write_pred(pred_dir, tables)
    df = evaluate(pred_dir, gold_dir, corpus)
    q = row(df, "numbers_attrs", "qualifier")
    assert q.value_accuracy == 0.5 and q.n_gold == 2
    assert row(df, "numbers").f1 == 1.0 and row(df, "numbers").value_accuracy == 1.0
