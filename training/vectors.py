"""Static word vectors (gensim FastText) on the unlabeled tokens of the training corpora.

Reads the converted DocBins (KIND train + Moro silver, WikiNEuRal, UD train + VIT dev)
-- never KIND *_dev nor ISDT dev, which are the dev/evaluation sets -- trains FastText
on their tokens (case kept: spaCy looks vectors up by ORTH) and writes the vectors of
the words seen at least ``--min-count`` times as word2vec text, for
``spacy init vectors it OUT.txt DIR``.

Usage::

    python -m training.vectors --corpus training/corpus --out training/output/vectors.txt
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

import spacy
from spacy.tokens import DocBin

# Unlabeled text only; the dev/evaluation DocBins (ner_dev*, isdt_dev) are left out on purpose.
SOURCES = ("ner_train", "moro_silver", "wikineural", "ud_train", "ud_dev")
HELD_OUT = ("ner_dev", "ner_dev_WN", "ner_dev_FIC", "ner_dev_ADG", "isdt_dev")


def sentences(corpus: Path) -> list[list[str]]:
    vocab = spacy.blank("it").vocab
    out: list[list[str]] = []
    for name in SOURCES:
        assert name not in HELD_OUT
        path = corpus / f"{name}.spacy"
        if not path.is_file():
            logging.warning("%s: missing, skipped", path)
            continue
        for doc in DocBin().from_disk(path).get_docs(vocab):
            sents = list(doc.sents) if doc.has_annotation("SENT_START") else [doc]
            out.extend([t.text for t in s if not any(c.isspace() for c in t.text)] for s in sents)
    return out


def main(argv: list[str] | None = None) -> int:
    from gensim.models import FastText

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=Path("training/corpus"))
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--dim", type=int, default=100)
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    sents = sentences(args.corpus)
    logging.info("%d sentences, %d tokens", len(sents), sum(map(len, sents)))
    model = FastText(
        sentences=sents,
        vector_size=args.dim,
        window=5,
        min_count=args.min_count,
        epochs=args.epochs,
        workers=args.workers,
        seed=args.seed,
        sg=1,
        min_n=3,
        max_n=5,
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    wv = model.wv
    with args.out.open("w", encoding="utf8") as fh:
        fh.write(f"{len(wv.index_to_key)} {args.dim}\n")
        for word in wv.index_to_key:  # most frequent first
            fh.write(word + " " + " ".join(f"{x:.5f}" for x in wv[word]) + "\n")
    logging.info("%s: %d words x %d dims", args.out, len(wv.index_to_key), args.dim)
    return 0


if __name__ == "__main__":
    sys.exit(main())
