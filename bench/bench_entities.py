"""Entity scores with and without ``it_entity_rules`` on the KIND dev splits.

KIND gives one token per line and no article boundaries: the sentences are detokenised
(``tools/kind_articles.py``) and grouped into pseudo-articles of ``--sentences`` sentences;
a sentence with no final punctuation (a headline) is followed by a blank line, as in the
corpus. The gold tags become character offsets in that text. Each pseudo-article runs once
through the base pipeline (up to its ``ner``); a copy then goes through ``it_entity_rules``,
so "without" and "with" see the same model output. Strict matching (same start, end and
label), per label and micro-averaged, plus the component's time in ms per 1,000 tokens.

    python bench/bench_entities.py                       # WN_dev
    python bench/bench_entities.py --split FIC_dev --split ADG_dev

``--corpus`` is accepted (and ignored) so that `make bench` can run every bench script.
Writes .bench/entities.txt as well as stdout.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "bench"))

from benchlib import write_report  # noqa: E402
from kind_articles import bio_spans, detok_sentence, read_sentences  # noqa: E402

from pipeline.nlp import build_nlp  # noqa: E402

COMPONENT = "it_entity_rules"
FINAL_PUNCT = tuple('.!?"»;:)”')
Gold = set[tuple[int, int, str]]


def pseudo_articles(path: Path, size: int) -> Iterator[tuple[str, Gold]]:
    """Text and gold (start, end, label) of each group of ``size`` sentences."""
    sents = read_sentences(path)
    for first in range(0, len(sents), size):
        text, gold, state = "", set(), {}
        for sent in sents[first : first + size]:
            stext, offsets = detok_sentence([t for t, _ in sent], state)
            if text:
                text += "\n\n" if not text.endswith(FINAL_PUNCT) else " "
            base = len(text)
            text += stext
            for s, e, label in bio_spans([g for _, g in sent], offsets):
                gold.add((base + s, base + e, label))
        yield text + "\n", gold


def base_pipes(nlp: Language) -> list[tuple[str, object]]:
    """The pipes up to and including the last NER ("ner", then "ner_misc" if there is one;
    the rest does not touch ``doc.ents``)."""
    names = nlp.pipe_names
    ners = [i for i, name in enumerate(names) if nlp.get_pipe_meta(name).factory == "ner"]
    last = ners[-1] if ners else len(names) - 1
    return [(n, p) for n, p in nlp.pipeline[: last + 1] if n != COMPONENT]


def run(nlp: Language, texts: Iterable[str]) -> tuple[list[Doc], list[Doc], float, int]:
    pipes = base_pipes(nlp)
    rules = nlp.get_pipe(COMPONENT)
    before, after, seconds, tokens = [], [], 0.0, 0
    for text in texts:
        doc = nlp.make_doc(text)
        for _, pipe in pipes:
            doc = pipe(doc)  # type: ignore[operator]
        before.append(doc)
        copy = doc.copy()
        t0 = time.perf_counter()
        copy = rules(copy)
        seconds += time.perf_counter() - t0
        tokens += len(copy)
        after.append(copy)
    return before, after, seconds, tokens


def predicted(doc: Doc, labels: set[str]) -> Gold:
    """The entities with a label the gold uses: KIND has no MISC, so MISC predictions are
    left out of its scores (their count is reported)."""
    return {(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in labels}


def score(golds: list[Gold], preds: list[Gold]) -> dict[str, tuple[float, float, float, int, int]]:
    """label -> (P, R, F1, gold count, predicted count), ``ALL`` the micro-average."""
    tp: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    for gold, pred in zip(golds, preds):
        for _, _, label in gold:
            n_gold[label] += 1
        for _, _, label in pred:
            n_pred[label] += 1
        for _, _, label in gold & pred:
            tp[label] += 1
    out = {}
    for label in [*sorted(set(n_gold) | set(n_pred)), "ALL"]:
        t = sum(tp.values()) if label == "ALL" else tp[label]
        g = sum(n_gold.values()) if label == "ALL" else n_gold[label]
        p = sum(n_pred.values()) if label == "ALL" else n_pred[label]
        prec = t / p if p else 0.0
        rec = t / g if g else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        out[label] = (prec, rec, f1, g, p)
    return out


def table(split: str, without: dict, with_: dict) -> list[str]:
    lines = []
    for label in without.keys() | with_.keys():
        a = without.get(label, (0.0, 0.0, 0.0, 0, 0))
        b = with_.get(label, (0.0, 0.0, 0.0, 0, 0))
        lines.append(
            f"  {label:<5} {100 * a[0]:5.1f} {100 * a[1]:5.1f} {100 * a[2]:5.1f} ({a[3]}, {a[4]})"
            f"  ->  {100 * b[0]:5.1f} {100 * b[1]:5.1f} {100 * b[2]:5.1f} ({b[3]}, {b[4]})"
            f"   ΔF1 {100 * (b[2] - a[2]):+5.2f}"
        )
    lines.sort(key=lambda line: (line.startswith("  ALL"), line))
    return [f"{split}: strict P / R / F1 (gold, pred), without -> with {COMPONENT}", *lines]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--split", action="append", help="KIND split(s), default WN_dev")
    parser.add_argument("--model", default="default")
    parser.add_argument("--sentences", type=int, default=20)
    parser.add_argument("--corpus", type=Path, help="ignored (make bench passes it)")
    parser.add_argument("--out", type=Path, default=ROOT / ".bench" / "entities.txt")
    args = parser.parse_args()

    nlp = build_nlp(args.model)
    if "ner" not in nlp.pipe_names or COMPONENT not in nlp.pipe_names:
        raise SystemExit(f"model {args.model!r} has no ner or no {COMPONENT}: nothing to compare")
    lines = [f"model: {args.model}, pseudo-articles of {args.sentences} sentences"]
    for split in args.split or ["WN_dev"]:
        texts, golds = zip(*pseudo_articles(args.data / "kind" / f"{split}.tsv", args.sentences))
        before, after, seconds, tokens = run(nlp, texts)
        labels = {label for gold in golds for _, _, label in gold}
        lines += table(
            split,
            score(list(golds), [predicted(d, labels) for d in before]),
            score(list(golds), [predicted(d, labels) for d in after]),
        )
        left_out = Counter(e.label_ for d in after for e in d.ents if e.label_ not in labels)
        if left_out:
            lines.append(f"  not scored (no such gold label): {dict(sorted(left_out.items()))}")
        lines.append(f"  {COMPONENT}: {1e6 * seconds / max(tokens, 1):.2f} ms per 1,000 tokens ({tokens} tokens)")
    write_report(lines, args.out)


if __name__ == "__main__":
    main()
