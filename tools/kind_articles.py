"""Cut Italian Wikinews articles out of the KIND WN_dev split and detokenise them.

KIND (dhfbk/KIND) gives one token and one BIO tag per line, a blank line
between sentences and no article boundaries.  An article starts with a
title-like sentence (no final punctuation); this script is given the
sentence ranges of the chosen articles (found by inspection, see
ARTICLES below), rebuilds natural Italian text and converts the KIND
PER/LOC/ORG tags to character offsets in that text.

    python tools/kind_articles.py list [--data ../shared/data]        # candidate articles
    python tools/kind_articles.py show START END                      # print one range
    python tools/kind_articles.py write                               # write corpus/articles/*.txt
                                                                      # and build/kind_entities/*.json

The entity spans written here (to build/, git-ignored: KIND's annotations are
CC BY-NC 4.0 and are not copied into the project) are *KIND's* gold tags, a starting point
for corpus/gold/<doc_id>.json; they are checked and corrected by hand
against corpus/GUIDELINES.md (MISC added, demonyms dropped, ...).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data"

# doc_id -> (first sentence, end sentence exclusive, paragraph starts (sentence
# indices), heading sentences) ; indices are 0-based sentence numbers in WN_dev.tsv
ARTICLES: dict[str, dict] = {}

NO_SPACE_BEFORE = {".", ",", ";", ":", "!", "?", ")", "]", "»", "”", "%", "...", "’"}
NO_SPACE_AFTER = {"(", "[", "«", "“"}


def read_sentences(path: Path) -> list[list[tuple[str, str]]]:
    sents, cur = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if cur:
                sents.append(cur)
                cur = []
            continue
        tok, tag = line.split("\t")
        cur.append((tok, tag))
    if cur:
        sents.append(cur)
    return sents


def detok_sentence(tokens: list[str], state: dict | None = None) -> tuple[str, list[tuple[int, int]]]:
    """Join tokens into text; return the text and each token's (start, end).

    `state` carries whether a straight double quote is open across sentences."""
    state = {} if state is None else state
    out = ""
    offsets = []
    quote_open = state.get("quote_open", False)
    prev = None
    for tok in tokens:
        space = True
        if prev is None or tok in NO_SPACE_BEFORE or prev in NO_SPACE_AFTER:
            space = False
        elif prev.endswith("'") and len(prev) > 1 and prev[-2].isalpha():
            space = False  # dell' uomo -> dell'uomo
        elif tok == '"':
            space = not quote_open  # closing quote hugs the previous word
        elif prev == '"' and quote_open:
            space = False  # opening quote hugs the next word
        if tok == '"':
            quote_open = not quote_open
        if space:
            out += " "
        start = len(out)
        out += tok
        offsets.append((start, len(out)))
        prev = tok
    state["quote_open"] = quote_open
    return out, offsets


def bio_spans(tags, offsets):
    spans = []
    cur = None
    for tag, (s, e) in zip(tags, offsets):
        if tag.startswith("B-") or (tag.startswith("I-") and (cur is None or cur[2] != tag[2:])):
            if cur:
                spans.append(cur)
            cur = [s, e, tag[2:]]
        elif tag.startswith("I-"):
            cur[1] = e
        else:
            if cur:
                spans.append(cur)
            cur = None
    if cur:
        spans.append(cur)
    return spans


def build_article(sents, start, end, paragraphs=(), title_sents=1):
    """Title (first `title_sents` sentences, joined), blank line, body.

    `paragraphs` lists sentence indices that open a new paragraph."""
    text = ""
    ents = []
    state = {}
    for k, i in enumerate(range(start, end)):
        toks = [t for t, _ in sents[i]]
        tags = [g for _, g in sents[i]]
        stext, offs = detok_sentence(toks, state)
        if k == 0:
            sep = ""
        elif k < title_sents:
            sep = " "
        elif k == title_sents or i in paragraphs:
            sep = "\n\n"
        else:
            sep = " "
        base = len(text) + len(sep)
        text += sep + stext
        for s, e, lab in bio_spans(tags, offs):
            ents.append({"start": base + s, "end": base + e, "text": text[base + s : base + e], "label": lab})
    return text + "\n", ents


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("cmd", choices=["list", "show", "write"])
    ap.add_argument("range", nargs="*", type=int)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = ap.parse_args(argv)
    sents = read_sentences(args.data / "kind" / "WN_dev.tsv")
    if args.cmd == "list":
        for i, s in enumerate(sents):
            if s[-1][0] not in '.!?"»;:)”' and len(s) <= 22:
                print(i, " ".join(t for t, _ in s))
    elif args.cmd == "show":
        a, b = args.range
        for i in range(a, b):
            print(i, detok_sentence([t for t, _ in sents[i]])[0])
    else:
        spec = json.loads((ROOT / "tools" / "kind_articles.json").read_text(encoding="utf-8"))
        outdir = ROOT / "build" / "kind_entities"
        outdir.mkdir(parents=True, exist_ok=True)
        for doc_id, d in spec.items():
            text, ents = build_article(
                sents, d["start"], d["end"], set(d.get("paragraphs", [])), d.get("title_sents", 1)
            )
            (ROOT / "corpus" / "articles" / f"{doc_id}.txt").write_text(text, encoding="utf-8")
            (outdir / f"{doc_id}.json").write_text(json.dumps(ents, ensure_ascii=False, indent=1), encoding="utf-8")
            print(doc_id, len(text.split()), "words", len(ents), "KIND entities", file=sys.stderr)


if __name__ == "__main__":
    main()
