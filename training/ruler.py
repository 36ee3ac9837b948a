"""ORG patterns for an entity_ruler, from the KIND Wikipedia gazetteer, filtered on KIND train.

The gazetteer is noisy (common nouns, ambiguous names), so a name is kept only if
- it occurs in the KIND training text and is annotated there as ORG at least
  ``min_precision`` of the times it occurs, or
- it never occurs in training, has at least two tokens and starts with a capital letter.

Only the *train* DocBin is read, never a dev set.

Usage: ``python -m training.ruler --gazetteer DATA/kind/gazetteer-ORG-wikipedia.txt
--train training/corpus/ner_train.spacy --out training/corpus/org_patterns.jsonl``
"""
from __future__ import annotations

import argparse
import json
import logging
import re
import sys
from collections import Counter
from pathlib import Path

import spacy
from spacy.matcher import PhraseMatcher
from spacy.tokens import DocBin

from training.convert import ConversionError

log = logging.getLogger("training.ruler")


def read_gazetteer(path: Path) -> list[str]:
    if not path.is_file():
        raise ConversionError(f"{path}:0: file not found")
    names = []
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, start=1):
            line = line.strip()
            if not line:
                continue
            label, _, name = line.partition(" ")
            if label != "ORG" or not name.strip():
                raise ConversionError(f"{path}:{lineno}: expected 'ORG <name>', got {line[:40]!r}")
            names.append(name.strip())
    return sorted(set(names))


def select_names(names: list[str], train: Path, min_precision: float = 0.7, min_count: int = 2) -> list[str]:
    nlp = spacy.blank("it")
    matcher = PhraseMatcher(nlp.vocab)
    # the gazetteer is pre-tokenised: split on spaces, as in the KIND corpus
    for i in range(0, len(names), 5000):
        matcher.add("ORG", [spacy.tokens.Doc(nlp.vocab, words=n.split()) for n in names[i:i + 5000]])
    seen: Counter[str] = Counter()
    as_org: Counter[str] = Counter()
    for doc in DocBin().from_disk(train).get_docs(nlp.vocab):
        gold = {(e.start, e.end) for e in doc.ents if e.label_ == "ORG"}
        for _, start, end in matcher(doc):
            key = " ".join(t.text for t in doc[start:end])
            seen[key] += 1
            as_org[key] += (start, end) in gold
    keep = []
    for name in names:
        n = seen.get(name, 0)
        if n >= min_count:
            if as_org[name] / n >= min_precision:
                keep.append(name)
        elif n == 0:
            words = name.split()
            if len(words) >= 2 and words[0][:1].isupper() and sum(w[:1].isupper() for w in words) >= 2:
                keep.append(name)
    log.info("gazetteer: %d names, %d seen in train, %d kept", len(names), len(seen), len(keep))
    return keep


def detok(name: str) -> str:
    """'Alba d ' Oro' -> "Alba d'Oro", 'B . K . Kiev' -> 'B.K. Kiev': the text spaCy's tokenizer will see."""
    text = re.sub(r" ?' ?", "'", name)
    text = re.sub(r"\b([A-Z]) \.(?= |$)", r"\1.", text)
    text = re.sub(r"(?<=\.) (?=[A-Z]\.)", "", text)
    text = re.sub(r" ([,.;:!?)\]])", r"\1", text)
    text = re.sub(r"([(\[]) ", r"\1", text)
    return text.replace(' " ', ' "')


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gazetteer", type=Path, required=True)
    parser.add_argument("--train", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    try:
        keep = select_names(read_gazetteer(args.gazetteer), args.train)
    except ConversionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    with args.out.open("w", encoding="utf-8") as fh:
        for name in keep:
            fh.write(json.dumps({"label": "ORG", "pattern": detok(name)}, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
