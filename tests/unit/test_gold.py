"""Gold validator: each kind of error on tiny temp files, and the real gold is clean."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from pipeline.gold import find_span, load_gold, valid_date_value, validate_gold_dir

ROOT = Path(__file__).resolve().parents[2]
TEXT = "Il 16 marzo 2024 più di mille manifestanti hanno chiesto a Washington di ritirare i soldati.\n"


def span(s, occurrence=1):
    a, b = find_span(TEXT, s, occurrence)
    return {"start": a, "end": b, "text": s}


def good_doc():
    return {
        "doc_id": "mini",
        "annotator": "test",
        "notes": "",
        "annotated": ["entities", "dates", "numbers", "events"],
        "entities": [{**span("Washington"), "label": "LOC"}],
        "dates": [{**span("16 marzo 2024"), "value": "2024-03-16", "type": "DATE"}],
        "numbers": [
            {
                **span("più di mille"),
                "value": 1000,
                "qualifier": "more_than",
                "kind": "cardinal",
                "unit": "manifestanti",
            }
        ],
        "events": [
            {
                "start": span("chiesto")["start"],
                "end": span("chiesto")["end"],
                "trigger": "chiesto",
                "type": "DEMAND",
                "actor": span("manifestanti"),
                "target": span("Washington"),
                "place": None,
                "date": span("16 marzo 2024"),
                "quantity": span("più di mille"),
                "negated": False,
                "modality": "asserted",
            }
        ],
    }


def write(tmp_path, doc, name="mini", text=TEXT):
    (tmp_path / "articles").mkdir(exist_ok=True)
    (tmp_path / "gold").mkdir(exist_ok=True)
    if text is not None:
        (tmp_path / "articles" / f"{doc.get('doc_id', name)}.txt").write_text(text, encoding="utf-8")
    (tmp_path / "gold" / f"{name}.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return validate_gold_dir(tmp_path, tmp_path / "gold")


def test_good_document_validates(tmp_path):
    assert write(tmp_path, good_doc()) == []


def mutate(fn):
    doc = good_doc()
    fn(doc)
    return doc


CASES = [
    (
        "offsets off by one",
        lambda d: d["entities"][0].update(start=d["entities"][0]["start"] + 1),
        "does not match article text",
    ),
    ("text differs", lambda d: d["dates"][0].update(text="16 marzo 2023"), "does not match article text"),
    ("offsets beyond text", lambda d: d["entities"][0].update(start=500, end=510), "bad offsets"),
    ("non-integer offsets", lambda d: d["entities"][0].update(start="3"), "must be integers"),
    ("unknown label", lambda d: d["entities"][0].update(label="GPE"), "unknown entity label"),
    ("unknown date type", lambda d: d["dates"][0].update(type="DAY"), "unknown date type"),
    ("bad TIMEX3 value", lambda d: d["dates"][0].update(value="16/03/2024"), "not a valid TIMEX3"),
    ("duration value on a DATE", lambda d: d["dates"][0].update(value="P3W"), "not a valid TIMEX3"),
    ("unknown mod", lambda d: d["dates"][0].update(mod="ABOUT"), "unknown mod"),
    ("non-numeric value", lambda d: d["numbers"][0].update(value="mille"), "must be a number"),
    ("unknown qualifier", lambda d: d["numbers"][0].update(qualifier="roughly"), "unknown qualifier"),
    ("unknown kind", lambda d: d["numbers"][0].update(kind="measure"), "unknown kind"),
    ("range without value_max", lambda d: d["numbers"][0].update(kind="range"), "needs a numeric value_max"),
    ("money without currency", lambda d: d["numbers"][0].update(kind="money"), "ISO 4217"),
    ("unknown event type", lambda d: d["events"][0].update(type="RIOT"), "unknown event type"),
    ("unknown modality", lambda d: d["events"][0].update(modality="certain"), "unknown modality"),
    ("negated not bool", lambda d: d["events"][0].update(negated="no"), "negated must be"),
    (
        "argument span wrong",
        lambda d: d["events"][0]["actor"].update(text="manifestant"),
        "argument 'actor': text 'manifestant' does not match",
    ),
    ("argument not an object", lambda d: d["events"][0].update(place="Washington"), "argument 'place': must be"),
    ("trigger text wrong", lambda d: d["events"][0].update(trigger="chiesta"), "trigger 'chiesta' does not match"),
    ("unknown key in annotation", lambda d: d["entities"][0].update(lable="LOC"), "unknown key(s) lable"),
    ("missing key", lambda d: d["numbers"][0].pop("qualifier"), "missing key(s) qualifier"),
    ("unknown top-level key", lambda d: d.update(entitis=[]), "unknown top-level key(s) entitis"),
    ("missing annotator", lambda d: d.pop("annotator"), "missing top-level key 'annotator'"),
    ("bad annotated list", lambda d: d.update(annotated=["entities", "times"]), "'annotated' must be"),
    ("duplicate", lambda d: d["entities"].append(copy.deepcopy(d["entities"][0])), "duplicate of entities[0]"),
    ("overlapping entities", lambda d: d["entities"].append({**span("Washington di"), "label": "ORG"}), "overlaps"),
    (
        "span with trailing space",
        lambda d: d["entities"][0].update(end=d["entities"][0]["end"] + 1, text="Washington "),
        "whitespace",
    ),
]


@pytest.mark.parametrize("what,fn,message", CASES, ids=[c[0] for c in CASES])
def test_validator_catches(tmp_path, what, fn, message):
    errors = write(tmp_path, mutate(fn))
    assert any(message in e for e in errors), errors
    assert all(e.startswith("mini.json") for e in errors), errors


def test_error_names_file_and_annotation(tmp_path):
    doc = mutate(lambda d: d["entities"][0].update(label="GPE"))
    [err] = write(tmp_path, doc)
    assert err.startswith("mini.json: entities[0] 'Washington' @")
    assert "GPE" in err


def test_missing_article(tmp_path):
    errors = write(tmp_path, good_doc(), text=None)
    assert any("article" in e and "not found" in e for e in errors)


def test_doc_id_must_match_file_name(tmp_path):
    errors = write(tmp_path, good_doc(), name="other")
    assert any("does not match the file name" in e for e in errors)


def test_invalid_json(tmp_path):
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "bad.json").write_text("{not json", encoding="utf-8")
    errors = validate_gold_dir(tmp_path, tmp_path / "gold")
    assert errors and errors[0].startswith("bad.json: cannot read JSON")


def test_load_gold_defaults(tmp_path):
    (tmp_path / "g.json").write_text(json.dumps({"doc_id": "g", "annotator": "x", "dates": []}), encoding="utf-8")
    g = load_gold(tmp_path / "g.json")
    assert g["annotated"] == ["dates"]
    assert g["entities"] == [] and g["events"] == []


@pytest.mark.parametrize(
    "value,type_",
    [
        ("2024-03-16", "DATE"),
        ("2023-07", "DATE"),
        ("2023", "DATE"),
        ("199", "DATE"),
        ("19", "DATE"),
        ("2023-SU", "DATE"),
        ("2014-Q2", "DATE"),
        ("XXXX-03-16", "DATE"),
        ("XXXX-WXX-3", "DATE"),
        ("PRESENT_REF", "DATE"),
        ("PAST_REF", "DATE"),
        ("2024-05-20T15:30", "TIME"),
        ("XXXX-XX-XXTMO", "TIME"),
        ("P3W", "DURATION"),
        ("PXW", "DURATION"),
        ("P1Y", "DURATION"),
        ("PT7H", "DURATION"),
        ("P1Y6M", "DURATION"),
        ("P1Y", "SET"),
    ],
)
def test_timex_values_accepted(value, type_):
    assert valid_date_value(value, type_)


@pytest.mark.parametrize(
    "value,type_",
    [
        ("16-03-2024", "DATE"),
        ("2024-3-16", "DATE"),
        ("P3W", "DATE"),
        ("2024-03-16", "DURATION"),
        ("T25", "TIME"),
        ("2024-13", "DATE"),
        ("2024-02-32", "DATE"),
        ("3 weeks", "DURATION"),
        ("", "DATE"),
        (2024, "DATE"),
        ("2024", "YEAR"),
    ],
)
def test_timex_values_rejected(value, type_):
    assert not valid_date_value(value, type_)


def test_find_span_respects_word_boundaries():
    text = "Mali e Somalia; il Mali"
    assert find_span(text, "Mali", 2) == (19, 23)
    with pytest.raises(ValueError):
        find_span(text, "Mali", 3)


def test_real_gold_validates():
    assert validate_gold_dir(ROOT / "corpus", ROOT / "corpus" / "gold") == []


def test_real_gold_covers_corpus_requirements():
    golds = [load_gold(p) for p in sorted((ROOT / "corpus" / "gold").glob("*.json"))]
    assert len(golds) >= 12
    seed = next(g for g in golds if g["doc_id"] == "niger-usa-ritiro")
    assert set(seed["annotated"]) == {"entities", "dates", "numbers", "events"}
    assert all(seed[t] for t in ("entities", "dates", "numbers", "events"))
    assert all({"entities", "dates", "numbers"} <= set(g["annotated"]) for g in golds)
    assert sum("events" in g["annotated"] for g in golds) >= 4


def test_real_gold_spans_align_with_spacy_tokens():
    """Every gold span starts and ends on a token boundary of the Italian tokenizer."""
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("it")
    bad = []
    for path in sorted((ROOT / "corpus" / "gold").glob("*.json")):
        g = load_gold(path)
        doc = nlp((ROOT / "corpus" / "articles" / f"{g['doc_id']}.txt").read_text(encoding="utf-8"))
        spans = [a for t in ("entities", "dates", "numbers", "events") for a in g[t]]
        spans += [e[r] for e in g["events"] for r in ("actor", "target", "place", "date", "quantity") if e[r]]
        bad += [(g["doc_id"], a["start"], a["end"]) for a in spans if doc.char_span(a["start"], a["end"]) is None]
    assert bad == []
