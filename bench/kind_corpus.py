"""A corpus of N articles rebuilt from the KIND texts (``../shared/data/kind/*.tsv``).

KIND ships one token per line with blank lines between sentences; sentences are joined
back into text (no space before punctuation, none after an apostrophe) and cut into
articles of about ``words`` words, cycling over the sentences when N needs more text than
KIND has (each pass starts at another offset, so articles differ). Each article gets a
metadata row with a publication date, as a real corpus would.

    python bench/kind_corpus.py 1000 /tmp/kind1000
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "kind"
NO_SPACE_BEFORE = re.compile(r" ([,.;:!?)\]»])")
NO_SPACE_AFTER = re.compile(r"([(\[«']) ")


def sentences(data: Path) -> list[str]:
    """Every sentence of the KIND files, in file order, as text."""
    out: list[str] = []
    for path in sorted(data.glob("*.tsv")):
        if "silver" in path.name:
            continue  # the silver file repeats the Moro texts with IO tags only
        tokens: list[str] = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                if tokens:
                    out.append(_join(tokens))
                    tokens = []
                continue
            tokens.append(line.split("\t")[0])
        if tokens:
            out.append(_join(tokens))
    return out


def _join(tokens: list[str]) -> str:
    return NO_SPACE_AFTER.sub(r"\1", NO_SPACE_BEFORE.sub(r"\1", " ".join(tokens)))


def articles(all_sentences: list[str], n: int, words: int) -> Iterator[str]:
    position, made = 0, 0
    while made < n:
        text: list[str] = []
        count = 0
        while count < words:
            sentence = all_sentences[position % len(all_sentences)]
            position += 1
            if position % len(all_sentences) == 0:
                position += 7 * (made % 11 + 1)  # the next pass starts elsewhere
            text.append(sentence)
            count += sentence.count(" ") + 1
        made += 1
        yield " ".join(text[:1]) + "\n\n" + " ".join(text[1:]) + "\n"


def build(n: int, dest: Path, data: Path = DEFAULT_DATA, words: int = 400) -> Path:
    """Write ``dest/articles/kind-NNNNNN.txt`` and ``dest/articles.csv``; returns ``dest``."""
    folder = dest / "articles"
    folder.mkdir(parents=True, exist_ok=True)
    start = dt.date(2023, 1, 1)
    with open(dest / "articles.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["doc_id", "title", "published", "source", "url", "licence"])
        for i, text in enumerate(articles(sentences(data), n, words)):
            doc_id = f"kind-{i:06d}"
            (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
            published = start + dt.timedelta(days=i % 700)
            writer.writerow([doc_id, "", published.isoformat(), "KIND", "", "CC BY-NC-SA 4.0"])
    return dest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int)
    parser.add_argument("dest", type=Path)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--words", type=int, default=400)
    args = parser.parse_args()
    build(args.n, args.dest, args.data, args.words)


if __name__ == "__main__":
    main()
