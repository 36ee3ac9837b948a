"""Score a trained pipeline the way `spacy evaluate` does (raw text, spaCy's tokenizer).

- NER P/R/F per label on KIND WN_dev, FIC_dev, ADG_dev;
- POS, morph, lemma, UAS, LAS (and XPOS, sentence F) on UD ISDT dev;
- words per second of the whole pipeline on one core (``nlp.pipe``, the pipeline's batch size).

Writes a JSON report (``--out``) and, with ``--update-model``, the scores into the
pipeline's meta.json and README.md (model card).

Usage::

    python -m training.evaluate_model models/it_news --corpus training/corpus \
        --out training/output/scores.json --update-model
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from collections import Counter
from pathlib import Path

import spacy
from spacy.cli.evaluate import evaluate as spacy_evaluate
from spacy.scorer import get_ner_prf
from spacy.tokens import Doc, DocBin
from spacy.training import Example

log = logging.getLogger("training.evaluate_model")

NER_SETS = ("WN", "FIC", "ADG")
SYNTAX_KEYS = ("pos_acc", "morph_acc", "tag_acc", "lemma_acc", "dep_uas", "dep_las", "sents_f")


def _round(x):
    return None if x is None else round(float(x), 4)


def score_ner(model: str, corpus: Path, gold_preproc: bool = False) -> dict:
    """P/R/F per KIND dev set. KIND has no MISC: labels its gold never uses are dropped from
    the predictions first (and counted), so a MISC-aware ner is scored on PER/LOC/ORG only."""
    nlp = spacy.load(model)
    out = {}
    for name in NER_SETS:
        refs = list(DocBin().from_disk(corpus / f"ner_dev_{name}.spacy").get_docs(nlp.vocab))
        gold_labels = {ent.label_ for ref in refs for ent in ref.ents}
        inputs = (
            Doc(nlp.vocab, words=[t.text for t in ref], spaces=[bool(t.whitespace_) for t in ref])
            if gold_preproc
            else ref.text
            for ref in refs
        )
        examples, dropped = [], Counter()
        for ref, doc in zip(refs, nlp.pipe(inputs), strict=True):
            dropped.update(ent.label_ for ent in doc.ents if ent.label_ not in gold_labels)
            doc.set_ents([ent for ent in doc.ents if ent.label_ in gold_labels], default="outside")
            examples.append(Example(doc, ref))
        s = get_ner_prf(examples)
        per_type = {
            label: {k: _round(v) for k, v in prf.items()}
            for label, prf in sorted((s.get("ents_per_type") or {}).items())
        }
        out[f"{name}_dev"] = {
            "ents_p": _round(s["ents_p"]),
            "ents_r": _round(s["ents_r"]),
            "ents_f": _round(s["ents_f"]),
            "per_type": per_type,
            "dropped_labels": dict(sorted(dropped.items())),
        }
    return out


def score_syntax(model: str, corpus: Path, gold_preproc: bool = False) -> dict:
    s = spacy_evaluate(model, corpus / "isdt_dev.spacy", gold_preproc=gold_preproc, silent=True)
    return {k: _round(s.get(k)) for k in SYNTAX_KEYS}


def words_per_second(model: str, corpus: Path, repeats: int = 2) -> dict:
    """Whole pipeline in one process; OMP/BLAS threads are pinned by the caller (make).

    Reports wall-clock words/s and words per CPU-second of this process: on a shared
    machine the second is the better estimate of what one free core does.
    """
    nlp = spacy.load(model)
    texts = []
    for name in ("ner_dev_WN.spacy", "isdt_dev.spacy"):
        texts.extend(d.text for d in DocBin().from_disk(corpus / name).get_docs(nlp.vocab))
    list(nlp.pipe(texts[:50]))  # warm up
    wall = cpu = 0.0
    n_words = 0
    for _ in range(repeats):
        w0, c0 = time.perf_counter(), time.process_time()
        n_words = sum(len(doc) for doc in nlp.pipe(texts))
        wall = max(wall, n_words / (time.perf_counter() - w0))
        cpu = max(cpu, n_words / (time.process_time() - c0))
    return {
        "words_per_second": int(wall),
        "words_per_cpu_second": int(cpu),
        "words": n_words,
        "batch_size": nlp.batch_size,
        "threads": os.environ.get("OMP_NUM_THREADS", "unset"),
        "load_average": round(os.getloadavg()[0], 2),
    }


def evaluate_all(model: str, corpus: Path, gold_tokens: bool = True, speed: bool = True) -> dict:
    report = {
        "model": str(model),
        "raw_text": {"ner": score_ner(model, corpus), "ud_isdt_dev": score_syntax(model, corpus)},
    }
    if gold_tokens:
        report["gold_tokens"] = {
            "ner": score_ner(model, corpus, gold_preproc=True),
            "ud_isdt_dev": score_syntax(model, corpus, gold_preproc=True),
        }
    if speed:
        report["speed"] = words_per_second(model, corpus)
    return report


BARS = [  # (description, getter, threshold) — the project's acceptance bars (issue 3)
    ("NER F1 on KIND WN_dev (raw text)", lambda r: r["raw_text"]["ner"]["WN_dev"]["ents_f"], 0.82),
    ("LAS on UD ISDT dev (raw text)", lambda r: r["raw_text"]["ud_isdt_dev"]["dep_las"], 0.80),
    ("POS on UD ISDT dev (raw text)", lambda r: r["raw_text"]["ud_isdt_dev"]["pos_acc"], 0.95),
    ("words/s, whole pipeline, one core (wall clock)", lambda r: r.get("speed", {}).get("words_per_second"), 8000),
    (
        "words/s, whole pipeline, one core (per CPU-second)",
        lambda r: r.get("speed", {}).get("words_per_cpu_second"),
        8000,
    ),
]


def check_bars(report: dict) -> list[str]:
    out = []
    for what, get, bar in BARS:
        try:
            value = get(report)
        except KeyError:
            value = None
        if value is None:
            out.append(f"{what}: not measured (bar {bar})")
            continue
        status = "met" if value >= bar else "NOT met"
        out.append(f"{what}: {value} vs bar {bar} — {status}")
    return out


def update_model(model_dir: Path, report: dict, extra: dict | None = None) -> None:
    """Put the scores into meta.json and regenerate the model card."""
    from training.model_card import render_card

    meta_path = model_dir / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    raw = report["raw_text"]
    perf = dict(raw["ud_isdt_dev"])
    for name, s in raw["ner"].items():
        perf[f"ents_f_{name}"] = s["ents_f"]
    wn = raw["ner"]["WN_dev"]
    perf.update(ents_p=wn["ents_p"], ents_r=wn["ents_r"], ents_f=wn["ents_f"], ents_per_type=wn["per_type"])
    meta["performance"] = perf
    meta["evaluation"] = report
    if "speed" in report:
        meta["speed"] = {
            "cpu": report["speed"]["words_per_second"],
            "cpu_per_cpu_second": report["speed"]["words_per_cpu_second"],
        }
    meta["bars"] = check_bars(report)
    if extra:
        meta.update(extra)
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False, sort_keys=False) + "\n", encoding="utf-8")
    (model_dir / "README.md").write_text(render_card(meta), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model")
    parser.add_argument("--corpus", type=Path, default=Path("training/corpus"))
    parser.add_argument("--out", type=Path)
    parser.add_argument("--update-model", action="store_true")
    parser.add_argument("--no-gold-tokens", action="store_true")
    parser.add_argument("--no-speed", action="store_true")
    parser.add_argument("--extra-meta", type=Path, help="JSON merged into meta.json (sources, training info)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    report = evaluate_all(args.model, args.corpus, gold_tokens=not args.no_gold_tokens, speed=not args.no_speed)
    text = json.dumps(report, indent=2)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n", encoding="utf-8")
    print(text)
    if args.update_model:
        extra = json.loads(args.extra_meta.read_text()) if args.extra_meta else None
        update_model(Path(args.model), report, extra)
    return 0


if __name__ == "__main__":
    sys.exit(main())
