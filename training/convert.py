"""Convert the shared training corpora to spaCy DocBin files, validating every line.

Formats read:

- KIND TSV: ``token<TAB>BIO``, a blank line between sentences (IO tags also accepted,
  e.g. the Moro silver file: ``I-X``/``X`` without ``B-`` is repaired and reported).
- WikiNEuRal: ``idx<TAB>token<TAB>BIO``, a blank line between sentences.
- UD CoNLL-U: ten tab-separated columns; multiword tokens are merged into one token
  (``della`` = ``di`` + ``la``) so that the training tokens match spaCy's tokenizer.

Errors (wrong column count, unknown tag, bad ID or head) stop the conversion with
``ConversionError("<file>:<line>: <what>")``. Repairs are collected as warnings.

Usage: ``python -m training.convert --data ../shared/data --out training/corpus``
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc, DocBin
from spacy.training.converters import conllu_to_docs
from spacy.vocab import Vocab

log = logging.getLogger("training.convert")

NER_LABELS = ("PER", "LOC", "ORG", "MISC")
SENTS_PER_DOC = 10

# Spacing heuristics to rebuild plausible raw text from pre-tokenised NER corpora:
# spaCy's own tokenizer then sees "l'Istituto," rather than "l' Istituto ,".
NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "...", "»", "”"}
NO_SPACE_AFTER = {"(", "[", "{", "«", "“"}
ELISION = re.compile(r"^[^\W\d_]+['’]$")  # l' dell' un' all' nell' quest'


class ConversionError(ValueError):
    """Malformed input: the message names the file and the line."""


@dataclass
class Report:
    """Repairs made while converting, for the log (file:line: what)."""

    warnings: list[str] = field(default_factory=list)

    def warn(self, path: Path, lineno: int, what: str) -> None:
        self.warnings.append(f"{path}:{lineno}: {what}")


@dataclass
class NerSentence:
    words: list[str]
    tags: list[str]  # IOB, already validated and repaired
    first_line: int


# ---------------------------------------------------------------- NER corpora


def _check_tag(tag: str, path: Path, lineno: int, labels: Iterable[str]) -> tuple[str, str]:
    """Split ``B-PER`` into (``B``, ``PER``); ``O`` gives (``O``, ``""``)."""
    if tag == "O":
        return "O", ""
    m = re.fullmatch(r"(?:([BI])-)?([A-Z]+)", tag)
    if not m or m.group(2) not in labels:
        raise ConversionError(
            f"{path}:{lineno}: unknown tag {tag!r} (expected O, B-X or I-X with X in {', '.join(labels)})"
        )
    return (m.group(1) or "I"), m.group(2)


def read_ner_tsv(
    path: Path,
    token_col: int = 0,
    tag_col: int = 1,
    n_cols: int = 2,
    labels: Iterable[str] = NER_LABELS,
    report: Report | None = None,
) -> Iterator[NerSentence]:
    """Yield sentences from a token/BIO file; blank lines separate sentences."""
    path = Path(path)
    report = report if report is not None else Report()
    labels = tuple(labels)
    if not path.is_file():
        raise ConversionError(f"{path}:0: file not found")
    words: list[str] = []
    tags: list[str] = []
    start = 1
    prev = "O"
    with path.open(encoding="utf-8") as fh:
        for lineno, raw in enumerate(fh, start=1):
            line = raw.rstrip("\n").rstrip("\r")
            if not line.strip():
                if words:
                    yield NerSentence(words, tags, start)
                words, tags, prev = [], [], "O"
                start = lineno + 1
                continue
            cols = line.split("\t")
            if len(cols) != n_cols:
                raise ConversionError(f"{path}:{lineno}: expected {n_cols} tab-separated columns, got {len(cols)}")
            if n_cols == 3 and not cols[0].strip().isdigit():
                raise ConversionError(f"{path}:{lineno}: token index {cols[0]!r} is not a number")
            word = cols[token_col]
            if not word or word.isspace() or " " in word:
                raise ConversionError(f"{path}:{lineno}: empty token or token with a space: {word!r}")
            prefix, label = _check_tag(cols[tag_col].strip(), path, lineno, labels)
            if prefix == "I" and (prev == "O" or prev[2:] != label):
                report.warn(path, lineno, f"{cols[tag_col]!r} does not continue an entity: read as B-{label}")
                prefix = "B"
            tag = "O" if prefix == "O" else f"{prefix}-{label}"
            words.append(word)
            tags.append(tag)
            prev = tag
        if words:
            yield NerSentence(words, tags, start)


def _spaces(words: list[str]) -> list[bool]:
    spaces = []
    for i, word in enumerate(words):
        if i + 1 == len(words):
            spaces.append(True)
            continue
        nxt = words[i + 1]
        space = not (word in NO_SPACE_AFTER or ELISION.match(word) or nxt in NO_SPACE_BEFORE)
        spaces.append(space)
    return spaces


def ner_docs(sentences: Iterable[NerSentence], vocab: Vocab, n_sents: int = SENTS_PER_DOC) -> Iterator[Doc]:
    """Group sentences into Docs with entities and sentence starts."""
    batch: list[NerSentence] = []

    def flush() -> Doc:
        words, spaces, ents, starts = [], [], [], []
        for sent in batch:
            words.extend(sent.words)
            spaces.extend(_spaces(sent.words))
            ents.extend(sent.tags)
            starts.extend([True] + [False] * (len(sent.words) - 1))
        return Doc(vocab, words=words, spaces=spaces, ents=ents, sent_starts=starts)

    for sent in sentences:
        batch.append(sent)
        if len(batch) == n_sents:
            yield flush()
            batch = []
    if batch:
        yield flush()


def convert_ner(
    paths: list[Path], out: Path, fmt: str = "kind", report: Report | None = None, labels: Iterable[str] = NER_LABELS
) -> int:
    """Convert NER files to one DocBin; returns the number of sentences."""
    vocab = Vocab()
    db = DocBin(store_user_data=False)
    n = 0
    for path in paths:
        if fmt == "kind":
            sents = read_ner_tsv(path, report=report, labels=labels)
        elif fmt == "wikineural":
            sents = read_ner_tsv(path, token_col=1, tag_col=2, n_cols=3, report=report, labels=labels)
        else:
            raise ValueError(fmt)
        sents = list(sents)
        if not sents:
            raise ConversionError(f"{path}:1: no sentences found")
        n += len(sents)
        for doc in ner_docs(sents, vocab):
            db.add(doc)
    out.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(out)
    return n


# ------------------------------------------------------------------- CoNLL-U


def validate_conllu(path: Path) -> str:
    """Check every line of a CoNLL-U file; return its text, normalised for spaCy."""
    path = Path(path)
    if not path.is_file():
        raise ConversionError(f"{path}:0: file not found")
    out_lines: list[str] = []
    sent_ids: list[int] = []
    heads: list[tuple[int, int]] = []

    def close_sentence(lineno: int) -> None:
        for head, hline in heads:
            if head > len(sent_ids):
                raise ConversionError(f"{path}:{hline}: head {head} outside the sentence")
        if sent_ids and sent_ids != list(range(1, len(sent_ids) + 1)):
            raise ConversionError(f"{path}:{lineno}: word IDs are not 1..n in the sentence ending here")

    with path.open(encoding="utf-8") as fh:
        for lineno, raw in enumerate(fh, start=1):
            line = raw.rstrip("\n").rstrip("\r")
            if not line.strip():
                close_sentence(lineno)
                sent_ids, heads = [], []
                out_lines.append("")
                continue
            if line.startswith("#"):
                out_lines.append(line)
                continue
            cols = line.split("\t")
            if len(cols) != 10:
                raise ConversionError(f"{path}:{lineno}: expected 10 tab-separated columns, got {len(cols)}")
            id_, form, _lemma, _upos, _xpos, feats, head, deprel = cols[:8]
            if "." in id_:  # empty nodes of the enhanced graph: not used
                if not re.fullmatch(r"\d+\.\d+", id_):
                    raise ConversionError(f"{path}:{lineno}: bad ID {id_!r}")
                continue
            if "-" in id_:
                if not re.fullmatch(r"\d+-\d+", id_):
                    raise ConversionError(f"{path}:{lineno}: bad multiword ID {id_!r}")
                out_lines.append(line)
                continue
            if not id_.isdigit():
                raise ConversionError(f"{path}:{lineno}: bad ID {id_!r}")
            if not form:
                raise ConversionError(f"{path}:{lineno}: empty FORM")
            if not head.isdigit():
                raise ConversionError(f"{path}:{lineno}: HEAD {head!r} is not a number")
            if not deprel or deprel == "_":
                raise ConversionError(f"{path}:{lineno}: missing DEPREL")
            if feats != "_" and not all("=" in f for f in feats.split("|")):
                raise ConversionError(f"{path}:{lineno}: malformed FEATS {feats!r}")
            sent_ids.append(int(id_))
            heads.append((int(head), lineno))
            out_lines.append(line)
        close_sentence(lineno if out_lines else 0)
    if not sent_ids and not any(line and not line.startswith("#") for line in out_lines):
        raise ConversionError(f"{path}:1: no sentences found")
    # collapse runs of blank lines, as the spaCy reader splits on exactly one
    text = "\n".join(out_lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip() + "\n"


def convert_conllu(paths: list[Path], out: Path, n_sents: int = SENTS_PER_DOC) -> int:
    db = DocBin(store_user_data=False)
    n = 0
    for path in paths:
        text = validate_conllu(path)
        for doc in conllu_to_docs(text, n_sents=n_sents, merge_subtokens=True, no_print=True):
            n += len(list(doc.sents))
            db.add(doc)
    out.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(out)
    return n


# --------------------------------------------------------------------- layout

KIND_DOMAINS = ("WN", "FIC", "ADG")
UD_EVAL = "it_isdt-ud-dev.conllu"  # evaluation only, never trained on
UD_DEV = "it_vit-ud-dev.conllu"  # dev set during training (not held out)


def plan(data: Path) -> dict[str, tuple[str, list[Path]]]:
    """Output name -> (format, input files)."""
    kind, ud, wn = data / "kind", data / "ud", data / "wikineural_it"
    ud_all = sorted(ud.glob("*.conllu"))
    ud_train = [p for p in ud_all if p.name not in (UD_EVAL, UD_DEV)]
    jobs: dict[str, tuple[str, list[Path]]] = {
        "ner_train": ("kind", [kind / f"{d}_train.tsv" for d in KIND_DOMAINS]),
        "ner_dev": ("kind", [kind / f"{d}_dev.tsv" for d in KIND_DOMAINS]),
        "ud_train": ("conllu", ud_train),
        "ud_dev": ("conllu", [ud / UD_DEV]),
        "isdt_dev": ("conllu", [ud / UD_EVAL]),
    }
    for d in KIND_DOMAINS:
        jobs[f"ner_dev_{d}"] = ("kind", [kind / f"{d}_dev.tsv"])
    if wn.is_dir():
        jobs["wikineural"] = ("wikineural", sorted(wn.glob("*.conllu")))
    if (kind / "moro_train_silver_IO.tsv").is_file():
        jobs["moro_silver"] = ("kind", [kind / "moro_train_silver_IO.tsv"])
    if not ud_train:
        raise ConversionError(f"{ud}:0: no UD training treebanks (*.conllu) found")
    return jobs


def convert_all(data: Path, out: Path, only: list[str] | None = None) -> Report:
    data = Path(data)
    if not data.is_dir():
        raise ConversionError(f"{data}:0: data folder not found (set DATA=...)")
    report = Report()
    for name, (fmt, paths) in plan(data).items():
        if only and name not in only:
            continue
        target = out / f"{name}.spacy"
        if fmt == "conllu":
            n = convert_conllu(paths, target)
        else:
            n = convert_ner(paths, target, fmt=fmt, report=report)
        log.info("%s: %d sentences from %d file(s)", target, n, len(paths))
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--only", nargs="*", help="output names to build (default: all)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    try:
        report = convert_all(args.data, args.out, args.only)
    except ConversionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if report.warnings:
        print(f"{len(report.warnings)} tag repair(s), first ones:", file=sys.stderr)
        for w in report.warnings[:10]:
            print(f"  {w}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
