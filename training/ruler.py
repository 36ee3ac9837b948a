"""Patterns for an entity_ruler: ORG names from the KIND Wikipedia gazetteer and (optionally)
PER/LOC/ORG names from WikiNEuRal silver data, both filtered on KIND train.

The gazetteer is noisy (common nouns, ambiguous names), so a name is kept only if
- it occurs in the KIND training text and is annotated there as ORG at least
  ``min_precision`` of the times it occurs, or
- it never occurs in training, has at least two tokens and starts with a capital letter.

Silver names: see ``select_silver_names``. Only the *train* DocBins are read, never a dev set.

Usage: ``python -m training.ruler --gazetteer DATA/kind/gazetteer-ORG-wikipedia.txt
--train training/corpus/ner_train.spacy [--silver training/corpus/wikineural.spacy]
--out training/corpus/ner_patterns.jsonl``
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
        matcher.add("ORG", [spacy.tokens.Doc(nlp.vocab, words=n.split()) for n in names[i : i + 5000]])
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


def select_silver_names(
    silver: Path, train: Path, min_purity: float = 0.9, min_count: int = 2, min_train_precision: float = 0.8
) -> dict[str, str]:
    """PER/LOC/ORG names from silver NER data (WikiNEuRal DocBin) with one dominant label.

    A name is kept if it is capitalised, occurs at least ``min_count`` times in the silver
    data with the same label at least ``min_purity`` of the times, and, where it occurs in
    the KIND training text, is annotated there with that label ``min_train_precision`` of
    the times. MISC is skipped (KIND has no MISC).
    """
    nlp = spacy.blank("it")
    labels: dict[str, Counter[str]] = {}
    for doc in DocBin().from_disk(silver).get_docs(nlp.vocab):
        for ent in doc.ents:
            labels.setdefault(ent.text, Counter())[ent.label_] += 1
    cands = {}
    for text, counts in labels.items():
        label, k = counts.most_common(1)[0]
        n = sum(counts.values())
        if label in ("PER", "LOC", "ORG") and n >= min_count and k / n >= min_purity and text[:1].isupper():
            cands[text] = label
    matcher = PhraseMatcher(nlp.vocab)
    names = sorted(cands)
    for i in range(0, len(names), 5000):
        matcher.add("X", [nlp.make_doc(n) for n in names[i : i + 5000]])
    seen: Counter[str] = Counter()
    agree: Counter[str] = Counter()
    for doc in DocBin().from_disk(train).get_docs(nlp.vocab):
        gold = {(e.start, e.end): e.label_ for e in doc.ents}
        for _, start, end in matcher(doc):
            text = doc[start:end].text
            seen[text] += 1
            agree[text] += gold.get((start, end)) == cands.get(text)
    keep = {n: lab for n, lab in cands.items() if not seen[n] or agree[n] / seen[n] >= min_train_precision}
    log.info("silver names: %d candidates, %d kept %s", len(cands), len(keep), dict(Counter(keep.values())))
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
    parser.add_argument("--silver", type=Path, help="WikiNEuRal DocBin: add PER/LOC/ORG names from it")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    try:
        keep = select_names(read_gazetteer(args.gazetteer), args.train)
    except ConversionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    patterns = {detok(name): "ORG" for name in keep}
    if args.silver and args.silver.is_file():
        for name, label in select_silver_names(args.silver, args.train).items():
            patterns.setdefault(name, label)
    with args.out.open("w", encoding="utf-8") as fh:
        for name, label in sorted(patterns.items()):
            fh.write(json.dumps({"label": label, "pattern": name}, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
