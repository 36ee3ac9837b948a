"""WikiNEuRal silver NER for training: the labels kept, optional subsample, dev split, KIND mix.

The main ner's first stage keeps PER, LOC and ORG (MISC -> O); the MISC ner (``ner_misc``)
keeps MISC only and holds out a share of the documents as its dev set (KIND has no MISC)::

    python -m training.silver --silver training/corpus/wikineural.spacy \
        --out training/corpus/ner_silver.spacy
    python -m training.silver --silver training/corpus/wikineural.spacy --labels MISC \
        --dev-fraction 0.05 --dev-out training/corpus/misc_dev.spacy --out training/corpus/misc_train.spacy
    python -m training.silver --silver training/corpus/wikineural.spacy --fraction 0.33 \
        --kind training/corpus/ner_train.spacy --out training/corpus/ner_train_mix.spacy
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import spacy
from spacy.tokens import DocBin

LABELS = ("PER", "LOC", "ORG")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--silver", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--fraction", type=float, default=1.0, help="share of silver docs kept")
    ap.add_argument("--kind", type=Path, default=None, help="gold DocBin to mix in (all of it)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--labels", nargs="+", default=list(LABELS), help="labels kept; the others become O")
    ap.add_argument("--dev-fraction", type=float, default=0.0, help="share of docs held out to --dev-out")
    ap.add_argument("--dev-out", type=Path, default=None)
    args = ap.parse_args()
    nlp = spacy.blank("it")
    docs = list(DocBin().from_disk(args.silver).get_docs(nlp.vocab))
    dev: list = []
    if args.dev_fraction > 0:
        if args.dev_out is None:
            ap.error("--dev-fraction needs --dev-out")
        random.Random(args.seed).shuffle(docs)
        cut = round(len(docs) * args.dev_fraction)
        dev, docs = docs[:cut], docs[cut:]
    if args.fraction < 1.0:
        docs = random.Random(args.seed).sample(docs, round(len(docs) * args.fraction))
    keep = set(args.labels)
    for doc in docs + dev:  # labels not kept -> O (outside, not missing)
        doc.set_ents([e for e in doc.ents if e.label_ in keep], default="outside")
    if dev:
        DocBin(docs=dev, store_user_data=False).to_disk(args.dev_out)
        print(f"{args.dev_out}: {len(dev)} docs, {sum(len(d) for d in dev)} tokens")
    if args.kind is not None:
        docs += list(DocBin().from_disk(args.kind).get_docs(nlp.vocab))
    DocBin(docs=docs, store_user_data=False).to_disk(args.out)
    print(f"{args.out}: {len(docs)} docs, {sum(len(d) for d in docs)} tokens")


if __name__ == "__main__":
    main()
