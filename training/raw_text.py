"""Raw text of the training corpora as JSONL for `spacy pretrain` (the same unlabeled text as
the static vectors: training.vectors.SOURCES, never the dev/evaluation sets).

Usage: ``python -m training.raw_text --corpus training/corpus --out training/corpus/raw_text.jsonl``
"""

from __future__ import annotations

import argparse
from pathlib import Path

import spacy
import srsly
from spacy.tokens import DocBin

from training.vectors import HELD_OUT, SOURCES

MAX_TOKENS = 500  # spacy.JsonlCorpus.v1 skips longer texts


def texts(corpus: Path):
    vocab = spacy.blank("it").vocab
    for name in SOURCES:
        assert name not in HELD_OUT
        path = corpus / f"{name}.spacy"
        if not path.is_file():
            continue
        for doc in DocBin().from_disk(path).get_docs(vocab):
            if len(doc) <= MAX_TOKENS:
                yield doc.text
            else:
                yield from (s.text for s in doc.sents)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=Path("training/corpus"))
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    srsly.write_jsonl(args.out, ({"text": t} for t in texts(args.corpus)))


if __name__ == "__main__":
    main()
