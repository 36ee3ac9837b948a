"""`spacy pretrain` for the ner's own tok2vec, with the static vectors its embed reads.

spaCy's pretrain builds the pipeline from the config without running [initialize], so a
tok2vec with ``include_static_vectors = true`` finds an empty vector table and fails on its
first batch. This wrapper loads the vectors into the pipeline spaCy builds, then runs the
same pretraining (config: configs/ner_pretrain.cfg; objective: the first and last four
characters of each word, from the raw text of training.raw_text).

Usage::

    python -m training.pretrain configs/ner_pretrain.cfg training/output/pretrain \
        --vectors training/output/vectors --epochs 8
"""

from __future__ import annotations

import argparse
from pathlib import Path

import spacy.training.pretrain as spacy_pretrain
from spacy import util
from spacy.training.initialize import load_vectors_into_model

import training.callbacks  # noqa: F401  (registers it_news.ner_cnn_ref.v1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("config", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--vectors", type=Path, required=True)
    ap.add_argument("--raw-text", type=Path, default=Path("training/corpus/raw_text.jsonl"))
    ap.add_argument("--epochs", type=int, default=8)
    args = ap.parse_args()
    overrides = {
        "paths.vectors": str(args.vectors),
        "paths.raw_text": str(args.raw_text),
        "pretraining.max_epochs": args.epochs,
    }
    raw_config = util.load_config(args.config, overrides=overrides, interpolate=False)
    build = spacy_pretrain.load_model_from_config

    def build_with_vectors(*a, **kw):
        nlp = build(*a, **kw)
        load_vectors_into_model(nlp, str(args.vectors))
        return nlp

    spacy_pretrain.load_model_from_config = build_with_vectors
    args.out.mkdir(parents=True, exist_ok=True)
    raw_config.to_disk(args.out / "config.cfg")
    spacy_pretrain.pretrain(raw_config.interpolate(), args.out, silent=False)


if __name__ == "__main__":
    main()
