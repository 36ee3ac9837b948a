"""WikiNEuRal silver NER for training: MISC mapped to O, optional subsample, optional KIND mix.

Usage::

    python -m training.silver --silver training/corpus/wikineural.spacy \
        --out training/corpus/ner_silver.spacy
    python -m training.silver --silver training/corpus/wikineural.spacy --fraction 0.33 \
        --kind training/corpus/ner_train.spacy --out training/corpus/ner_train_mix.spacy
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import spacy
from spacy.tokens import DocBin

LABELS = {"PER", "LOC", "ORG"}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--silver", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--fraction", type=float, default=1.0, help="share of silver docs kept")
    ap.add_argument("--kind", type=Path, default=None, help="gold DocBin to mix in (all of it)")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    nlp = spacy.blank("it")
    docs = list(DocBin().from_disk(args.silver).get_docs(nlp.vocab))
    if args.fraction < 1.0:
        docs = random.Random(args.seed).sample(docs, round(len(docs) * args.fraction))
    for doc in docs:  # MISC -> O (outside, not missing)
        doc.set_ents([e for e in doc.ents if e.label_ in LABELS], default="outside")
    if args.kind is not None:
        docs += list(DocBin().from_disk(args.kind).get_docs(nlp.vocab))
    DocBin(docs=docs, store_user_data=False).to_disk(args.out)
    print(f"{args.out}: {len(docs)} docs, {sum(len(d) for d in docs)} tokens")


if __name__ == "__main__":
    main()
