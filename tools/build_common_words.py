"""Build ``pipeline/lang/it/common_words.json``: words Italian writes lower-case.

A capitalised word that is an ordinary lower-case word ("Manifestanti", "Arrestati",
"Chiedere") is rarely a name; ``it_entity_rules`` asks for more evidence before keeping it
as a one-word entity. The list is derived from text, not written by hand: every token of
the training corpora in ``../shared/data`` is counted lower-case or capitalised, skipping
the first word of a sentence (capitalised by position) and tokens of an all-caps line. A
form is listed when it is seen lower-case at least ``--min-lower`` times and at least
``--min-ratio`` of its non-initial occurrences are lower-case.

Sources (train and test splits only: the dev splits used to tune the component are left
out): KIND WN/FIC/ADG train and the Moro silver text (CC BY-NC 4.0, ADG CC BY-NC-SA 4.0),
UD Italian MarkIT (CC BY 4.0), ParlaMint, TWITTIRO, Valico (CC BY-SA 4.0), ParTUT,
PoSTWITA (CC BY-NC-SA 4.0), VIT (CC BY-NC-SA 3.0). The list is word counts, not text, but
it is derived from CC BY-NC-SA sources: the data file says so in its ``_meta``.

    python tools/build_common_words.py [--data ../shared/data] [--out pipeline/lang/it/common_words.json]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KIND_FILES = ("WN_train.tsv", "FIC_train.tsv", "ADG_train.tsv", "moro_train_silver_IO.tsv")
UD_FILES = (
    "it_markit-ud-train.conllu",
    "it_markit-ud-test.conllu",
    "it_parlamint-ud-train.conllu",
    "it_parlamint-ud-test.conllu",
    "it_partut-ud-train.conllu",
    "it_partut-ud-test.conllu",
    "it_postwita-ud-test.conllu",
    "it_twittiro-ud-train.conllu",
    "it_twittiro-ud-test.conllu",
    "it_valico-ud-test.conllu",
    "it_vit-ud-test.conllu",
)
LICENCE = (
    "derived word counts; sources: KIND (CC BY-NC 4.0; ADG CC BY-NC-SA 4.0), UD Italian MarkIT "
    "(CC BY 4.0), ParlaMint, TWITTIRO, Valico (CC BY-SA 4.0), ParTUT, PoSTWITA (CC BY-NC-SA 4.0), "
    "VIT (CC BY-NC-SA 3.0): non-commercial, share-alike"
)


def kind_sentences(path: Path) -> Iterator[list[str]]:
    sent: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if sent:
                yield sent
            sent = []
            continue
        sent.append(line.split("\t")[0])
    if sent:
        yield sent


def ud_sentences(path: Path) -> Iterator[list[str]]:
    sent: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if sent:
                yield sent
            sent = []
        elif not line.startswith("#"):
            cols = line.split("\t")
            if cols[0].isdigit():  # words, not multiword tokens or empty nodes
                sent.append(cols[1])
    if sent:
        yield sent


def count(sentences: Iterator[list[str]], lower: Counter[str], capital: Counter[str]) -> None:
    for sent in sentences:
        words = [w for w in sent if w.isalpha()]
        if len(words) > 1 and all(w.isupper() for w in words):
            continue  # an all-caps line says nothing about case
        for i, word in enumerate(sent):
            if i == 0 or not word.isalpha() or len(word) < 2:
                continue
            if sent[i - 1] in {".", "!", "?", ":", '"', "«", "-", "–", "—"}:
                continue  # sentence-initial after an inner full stop or a quote
            if word.islower():
                lower[word] += 1
            elif word[0].isupper() and word[1:].islower():
                capital[word.lower()] += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=ROOT / "pipeline" / "lang" / "it" / "common_words.json")
    parser.add_argument("--min-lower", type=int, default=3)
    parser.add_argument("--min-ratio", type=float, default=0.97)
    args = parser.parse_args()

    lower: Counter[str] = Counter()
    capital: Counter[str] = Counter()
    for name in KIND_FILES:
        count(kind_sentences(args.data / "kind" / name), lower, capital)
    for name in UD_FILES:
        count(ud_sentences(args.data / "ud" / name), lower, capital)
    words = sorted(w for w, n in lower.items() if n >= args.min_lower and n / (n + capital[w]) >= args.min_ratio)
    meta = {
        "source": "Derived by tools/build_common_words.py from the case of words not at the start of a "
        f"sentence in KIND {', '.join(KIND_FILES)} and UD Italian {', '.join(UD_FILES)} "
        "(dev splits left out)",
        "date": date.today().isoformat(),
        "format": f"words: lowercase words seen lower-case at least {args.min_lower} times and in at least "
        f"{args.min_ratio:.0%} of their non-initial occurrences. A capitalised one-word entity that is one "
        "of them and no gazetteer name needs more evidence to stay an entity (it_entity_rules).",
        "licence": LICENCE,
    }
    args.out.write_text(
        json.dumps({"_meta": meta, "words": words}, ensure_ascii=False, indent=0) + "\n", encoding="utf-8"
    )
    print(f"{args.out}: {len(words)} words")


if __name__ == "__main__":
    main()
