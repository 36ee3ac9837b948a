"""Run the pipeline over a corpus folder or a stream of JSON lines."""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from spacy.language import Language
from spacy.tokens import Doc
from tqdm import tqdm

from .corpus import Article, iter_articles, parse_published
from .tables import TableSet, json_mentions, mention_rows

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
    nlp: Language, corpus_dir: Path | str, out_dir: Path | str, progress: bool = True, batch_size: int = BATCH_SIZE
) -> RunSummary:
    """Process every article of ``corpus_dir`` and write all tables to ``out_dir``."""
    articles = list(iter_articles(corpus_dir))
    tables = TableSet()
    summary = RunSummary()
    started = time.perf_counter()
    with tqdm(total=len(articles), desc="articles", unit="doc", disable=not progress) as bar:
        for article, doc in annotate_articles(nlp, articles, batch_size):
            tables.add(article, doc)
            summary.articles += 1
            summary.tokens += len(doc) if doc is not None else 0
            summary.errors += article.error is not None
            bar.update()
    tables.write(out_dir)
    summary.seconds = time.perf_counter() - started
    return summary


def annotate_articles(
    nlp: Language, articles: list[Article], batch_size: int = BATCH_SIZE
) -> Iterator[tuple[Article, Doc | None]]:
    """Each article with its Doc (None when it failed), in order.

    Batches go through ``nlp.pipe``, which is faster for the statistical components; a
    batch that raises is redone one article at a time, so the error lands on its article.
    """
    for first in range(0, len(articles), batch_size):
        batch = articles[first : first + batch_size]
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
        article.error = f"{article.path}: pipeline failed: {type(exc).__name__}: {exc}"
        log.error(article.error)
        return None


def annotate_jsonl(nlp: Language, lines: Iterable[str], out: IO[str]) -> int:
    """One output line per input line, in order; returns the number of error lines."""
    errors = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        record = annotate_line(nlp, line, number)
        errors += "error" in record
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        out.flush()
    return errors


def annotate_line(nlp: Language, line: str, number: int) -> dict:
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"id": None, "error": f"line {number}: not valid JSON ({exc.msg})"}
    if not isinstance(item, dict):
        return {"id": None, "error": f"line {number}: expected a JSON object"}
    doc_id = item.get("id")
    problem = _input_problem(item)
    if problem:
        return {"id": doc_id, "error": f"line {number}: {problem}"}
    try:
        published = parse_published(item.get("published"))
    except (ValueError, TypeError):
        return {"id": doc_id, "error": f"line {number}: 'published' must be YYYY-MM-DD"}
    try:
        doc = annotate_text(nlp, item["text"], published, doc_id)
    except Exception as exc:
        return {"id": doc_id, "error": f"line {number}: pipeline failed: {exc}"}
    mentions = json_mentions(mention_rows(doc))
    return {"id": doc_id, **mentions}


def _input_problem(item: dict) -> str | None:
    if not isinstance(item.get("id"), str):
        return "'id' must be a string"
    if not isinstance(item.get("text"), str):
        return "'text' must be a string"
    if item.get("published") not in (None, "") and not isinstance(item["published"], str):
        return "'published' must be a string YYYY-MM-DD"
    return None
