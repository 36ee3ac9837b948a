"""Run the pipeline over a corpus folder or a stream of JSON lines."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from spacy.language import Language
from spacy.tokens import Doc
from tqdm import tqdm

from .corpus import DEFAULT_MAX_BYTES, Article, open_corpus, parse_published
from .tables import JSONL_NAME, TableSet, json_mentions, mention_rows
from .writer import OutputDir, escape_controls, shown, table_files

log = logging.getLogger(__name__)


BATCH_SIZE = 16


def prepared_doc(nlp: Language, text: str, published: dt.date | None = None, doc_id: str | None = None) -> Doc:
    """The tokenised text with its publication date set, ready for the components."""
    doc = nlp.make_doc(text)
    doc._.published = published
    doc._.doc_id = doc_id
    return doc


def annotate_text(nlp: Language, text: str, published: dt.date | None = None, doc_id: str | None = None) -> Doc:
    """Run ``nlp`` on one text, with its publication date set for relative dates."""
    return nlp(prepared_doc(nlp, text, published, doc_id))


@dataclass
class RunSummary:
    articles: int = 0
    errors: int = 0
    tokens: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        words_per_second = self.tokens / self.seconds if self.seconds else 0.0
        return (
            f"{self.articles} articles, {self.tokens} tokens, {self.seconds:.1f} s "
            f"({words_per_second:,.0f} tokens/s), {self.errors} errors"
        )


def extract_corpus(
    nlp: Language | Callable[[], Language],
    corpus_dir: Path | str,
    out_dir: Path | str,
    progress: bool = True,
    batch_size: int = BATCH_SIZE,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> RunSummary:
    """Process every article of ``corpus_dir`` and write all tables to ``out_dir``.

    The corpus is listed and ``out_dir`` checked and locked before anything is processed
    (``nlp`` may be a function that loads the model: it is called after both checks);
    articles are read one batch at a time; the outputs are written as one set."""
    corpus = open_corpus(corpus_dir, max_bytes)
    with OutputDir(out_dir) as out:
        if not isinstance(nlp, Language):
            nlp = nlp()
        for note in corpus.notes:  # once nothing can stop the run: a failed run says one line
            log.warning(note)
        # texts up to the byte limit are accepted: never more characters than bytes
        nlp.max_length = max(nlp.max_length, max_bytes)
        tables = TableSet()
        summary = RunSummary()
        started = time.perf_counter()
        with tqdm(total=corpus.total, desc="articles", unit="doc", disable=not progress) as bar:
            for article, doc in annotate_articles(nlp, corpus.articles(), batch_size):
                tables.add(article, doc)
                summary.articles += 1
                summary.tokens += len(doc) if doc is not None else 0
                summary.errors += article.error is not None
                bar.update()
        out.write(table_files(tables, JSONL_NAME))
    summary.seconds = time.perf_counter() - started
    return summary


def annotate_articles(
    nlp: Language, articles: Iterable[Article], batch_size: int = BATCH_SIZE
) -> Iterator[tuple[Article, Doc | None]]:
    """Each article with its Doc (None when it failed), in order.

    Batches go through ``nlp.pipe``, which is faster for the statistical components; a
    batch that raises is redone one article at a time, so the error lands on its article.
    Articles are taken one batch at a time: a lazy iterable keeps one batch in memory.
    """
    articles = iter(articles)
    while batch := list(itertools.islice(articles, batch_size)):
        for article in batch:
            for warning in article.warnings:
                log.warning(warning)
            if article.error is not None:
                log.error(article.error)
        readable = [a for a in batch if a.error is None]
        try:
            docs: list[Doc | None] = list(
                nlp.pipe((prepared_doc(nlp, a.text, a.published, a.doc_id) for a in readable), batch_size=batch_size)
            )
        except Exception:
            docs = [process_article(nlp, a) for a in readable]
        done = {id(article): doc for article, doc in zip(readable, docs)}
        for article in batch:
            yield article, done.get(id(article))


def process_article(nlp: Language, article: Article) -> Doc | None:
    """The annotated Doc, or None with ``article.error`` set; never raises for one article."""
    try:
        return annotate_text(nlp, article.text, article.published, article.doc_id)
    except Exception as exc:  # one broken article must not stop the others
        article.error = escape_controls(f"{shown(article.path)}: pipeline failed: {type(exc).__name__}: {exc}")
        log.error(article.error)
        return None


#: how much longer than its text a JSON line may be (escapes, other fields)
LINE_OVERHEAD = 6


def read_lines(stream: IO[bytes], max_bytes: int) -> Iterator[bytes | None]:
    """Lines of a byte stream, each at most ``max_bytes`` long; a longer line is skipped
    in chunks (bounded memory) and comes out as None."""
    while line := stream.readline(max_bytes + 1):
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield None
        else:
            yield line


def annotate_jsonl(
    nlp: Language, lines: Iterable[bytes | str | None], out: IO[str], max_bytes: int = DEFAULT_MAX_BYTES
) -> int:
    """One output line per input line, blank and broken ones included, in order; returns
    the number of error lines. No single line can stop the others."""
    errors = 0
    for number, line in enumerate(lines, start=1):
        record = annotate_raw_line(nlp, line, number, max_bytes)
        errors += "error" in record
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        out.flush()
    return errors


def annotate_raw_line(nlp: Language, line: bytes | str | None, number: int, max_bytes: int) -> dict[str, Any]:
    if line is None:
        return {"id": None, "error": f"line {number}: longer than the limit of {max_bytes * LINE_OVERHEAD:,} bytes"}
    if isinstance(line, bytes):
        try:
            line = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            return {
                "id": None,
                "error": f"line {number}: not valid UTF-8 (byte 0x{line[exc.start]:02x} at {exc.start})",
            }
    if not line.strip():
        return {"id": None, "error": f"line {number}: blank line, expected a JSON object"}
    try:
        return annotate_line(nlp, line, number, max_bytes)
    except Exception as exc:  # RecursionError on deep nesting, huge integers...: one line fails
        return {"id": None, "error": escape_controls(f"line {number}: cannot be read ({type(exc).__name__}: {exc})")}


def annotate_line(nlp: Language, line: str, number: int, max_bytes: int = DEFAULT_MAX_BYTES) -> dict[str, Any]:
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"id": None, "error": f"line {number}: not valid JSON ({exc.msg})"}
    if not isinstance(item, dict):
        return {"id": None, "error": f"line {number}: expected a JSON object"}
    doc_id = item.get("id") if isinstance(item.get("id"), str) else None
    problem = _input_problem(item)
    if problem:
        return {"id": doc_id, "error": f"line {number}: {problem}"}
    if len(item["text"].encode("utf-8", "surrogatepass")) > max_bytes:
        return {"id": doc_id, "error": f"line {number}: 'text' is over the limit of {max_bytes:,} bytes"}
    try:
        published = parse_published(item.get("published"))
    except (ValueError, TypeError):
        return {"id": doc_id, "error": f"line {number}: 'published' must be YYYY-MM-DD"}
    try:
        doc = annotate_text(nlp, item["text"], published, doc_id)
    except Exception as exc:
        return {"id": doc_id, "error": escape_controls(f"line {number}: pipeline failed: {type(exc).__name__}: {exc}")}
    mentions = json_mentions(mention_rows(doc))
    return {"id": doc_id, **mentions}


def _input_problem(item: dict) -> str | None:
    if not isinstance(item.get("id"), str):
        return "'id' must be a string"
    if not isinstance(item.get("text"), str):
        return "'text' must be a string"
    if any("\ud800" <= c <= "\udfff" for c in item["text"]):
        return "'text' holds lone surrogates (\\ud800-\\udfff), not valid Unicode text"
    if item.get("published") not in (None, "") and not isinstance(item["published"], str):
        return "'published' must be a string YYYY-MM-DD"
    return None
