"""Run the pipeline over a corpus folder or a stream of JSON lines."""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import itertools
import json
import logging
import os
import queue
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, TypeVar

from spacy.language import Language
from spacy.tokens import Doc
from tqdm import tqdm

from .cache import ResultCache, article_key, open_cache, pipeline_fingerprint
from .corpus import DEFAULT_MAX_BYTES, Article, Corpus, open_corpus, parse_published
from .nlp import model_location
from .stream import TableStream
from .tables import JSONL_NAME, ArticleResult, article_result, json_mentions
from .workers import Engine, InProcess, ModelLoader, WorkerPool, default_jobs, process_batch
from .writer import OutputDir, escape_controls, read_manifest, shown, verify_outputs

log = logging.getLogger(__name__)
T = TypeVar("T")


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
    cached: int = 0
    unchanged: bool = False  # the outputs were already those of this corpus and pipeline

    def line(self) -> str:
        if self.unchanged:
            return (
                f"{self.articles} articles, {self.tokens} tokens, {self.errors} errors: outputs already up to date "
                "(same articles and pipeline as the run that wrote them)"
            )
        words_per_second = self.tokens / self.seconds if self.seconds else 0.0
        return (
            f"{self.articles} articles, {self.tokens} tokens, {self.seconds:.1f} s "
            f"({words_per_second:,.0f} tokens/s), {self.errors} errors"
            + (f", {self.cached} from the cache" if self.cached else "")
        )


def extract_corpus(
    nlp: Language | Callable[[], Language],
    corpus_dir: Path | str,
    out_dir: Path | str,
    progress: bool = True,
    batch_size: int = BATCH_SIZE,
    max_bytes: int = DEFAULT_MAX_BYTES,
    jobs: int = 1,
    cache: ResultCache | None = None,
    fingerprint: str | None = None,
    engine_name: str = "local",
) -> RunSummary:
    """Process every article of ``corpus_dir`` and write all tables to ``out_dir``.

    The corpus is listed and ``out_dir`` checked and locked before anything is processed
    (``nlp`` may be a function that loads the model: it is called when the first article
    needs it, in this process or, with ``jobs`` > 1, in each worker, so it must then be
    picklable, e.g. ``workers.ModelLoader``). Articles are read one batch at a time, in
    doc_id order, and their rows streamed to the output set's temporary files: memory does
    not grow with the corpus. With a ``cache`` (and the pipeline's ``fingerprint``), an
    article already processed by the same pipeline is read back instead."""
    corpus = open_corpus(corpus_dir, max_bytes)
    with OutputDir(out_dir) as out:
        assert out.tmp is not None
        if isinstance(nlp, ModelLoader):
            model_location(nlp.model)  # a missing model stops the run before any article
            if cache is not None and fingerprint is None:
                fingerprint = pipeline_fingerprint(nlp.model)
        if cache is not None and fingerprint is None:
            raise ValueError("a cache needs the pipeline's fingerprint (or a ModelLoader)")
        run: dict[str, Any] | None = None
        if cache is not None and fingerprint is not None:
            key = _run_key(corpus, fingerprint)
            run = {"key": key}
            previous = read_manifest(out.path)
            if previous and previous.get("run", {}).get("key") == key and not verify_outputs(out.path):
                return _unchanged(corpus, previous["run"])
        if engine_name != "dask":
            # a batch is the unit of work (a collection holds an unknown number of articles)
            jobs = min(jobs, -(-(corpus.total or jobs * batch_size) // batch_size))
        load = _loader(nlp, max_bytes)
        engine: Engine
        if engine_name == "dask":
            from .dask_engine import DaskEngine

            engine = DaskEngine(load, jobs, os.environ.get("DASK_SCHEDULER"))
        else:
            engine = InProcess(load) if jobs <= 1 else WorkerPool(jobs, load)
        stream = TableStream(out.tmp, JSONL_NAME)
        summary = RunSummary()
        failed = 0
        started = time.perf_counter()
        try:
            with tqdm(total=corpus.total, desc="articles", unit="doc", disable=not progress) as bar:
                batches = _batches(corpus.articles(by_doc_id=True), batch_size, cache, fingerprint)
                notes = corpus.notes
                for (batch, known), results in engine.map(batches):
                    for note in notes:  # once the model is loaded: a failed run says one line
                        log.warning(note)
                    notes = []
                    done = iter(results)
                    for article in batch:
                        _report(article, known.get(id(article)))
                        result = known.get(id(article)) or next(done)
                        stream.add(result)
                        summary.articles += 1
                        summary.tokens += result["document"]["n_tokens"]
                        summary.errors += result["document"]["status"] != "ok"
                        # the pipeline failed on it (a dead worker...): worth another try next time
                        failed += id(article) not in known and result["document"]["status"] != "ok"
                        bar.update()
                    if cache is not None and fingerprint is not None:
                        cache.put_many(_fresh(batch, known, results, fingerprint))
            engine.close()  # the model's memory goes to the writing: peak memory stays flat with the corpus
            gc.collect()
            names = stream.finish()
        except OSError as exc:
            raise out.write_failed(exc) from exc
        finally:
            stream.close()
            engine.close()
        summary.seconds = time.perf_counter() - started
        if run is not None:
            run.update(articles=summary.articles, errors=summary.errors, tokens=summary.tokens)
        out.commit(names, run if not failed else None)
    if cache is not None:
        summary.cached = cache.hits
    return summary


def run_extract(
    model: str,
    corpus_dir: Path | str,
    out_dir: Path | str,
    progress: bool = True,
    max_bytes: int = DEFAULT_MAX_BYTES,
    jobs: int = 0,
    cache: bool = True,
    engine: str = "local",
) -> RunSummary:
    """``extract`` as the command line runs it: the model by name, ``jobs`` processes
    (0: all cores), the result cache (see ``cache.py``) unless ``cache`` is False."""
    store = open_cache() if cache else None
    try:
        return extract_corpus(
            ModelLoader(model),
            corpus_dir,
            out_dir,
            progress,
            max_bytes=max_bytes,
            jobs=jobs or default_jobs(),
            cache=store,
            engine_name=engine,
        )
    finally:
        if store is not None:
            store.close()


def _run_key(corpus: Corpus, fingerprint: str) -> str:
    """What the tables of a run are made of: every article's cache key (or its reading
    error) in order. The same key as the outputs' manifest: nothing to do."""
    digest = hashlib.sha256(fingerprint.encode())
    for article in corpus.articles(by_doc_id=True):
        if article.error is None:
            digest.update(article_key(fingerprint, article).encode())
        else:
            digest.update(json.dumps(article_result(article, None)["document"], ensure_ascii=False).encode())
    return digest.hexdigest()


def _unchanged(corpus: Corpus, run: dict[str, Any]) -> RunSummary:
    """The summary of a re-run whose outputs are already there, problems reported again."""
    started = time.perf_counter()
    for note in corpus.notes:
        log.warning(note)
    for article in corpus.articles(by_doc_id=True):
        _report(article, article_result(article, None) if article.error is not None else None)
    summary = RunSummary(articles=run["articles"], errors=run["errors"], tokens=run["tokens"], cached=run["articles"])
    summary.seconds = time.perf_counter() - started
    summary.unchanged = True
    return summary


def _report(article: Article, known: ArticleResult | None) -> None:
    """The article's reading problems on stderr, in the order of the tables (a pipeline
    failure was reported where it happened)."""
    for warning in article.warnings:
        log.warning(warning)
    if known is not None and known["document"]["status"] != "ok":  # the cache keeps no errors
        log.error(article.error)


def _loader(nlp: Language | Callable[[], Language], max_bytes: int) -> Callable[[], Language]:
    if isinstance(nlp, Language):
        # texts up to the byte limit are accepted: never more characters than bytes
        nlp.max_length = max(nlp.max_length, max_bytes)
        return lambda: nlp
    if isinstance(nlp, ModelLoader):
        return ModelLoader(nlp.model, max(nlp.max_length, max_bytes))
    return nlp


Batch = tuple[list[Article], dict[int, ArticleResult]]


def _batches(
    articles: Iterable[Article], batch_size: int, cache: ResultCache | None, fingerprint: str | None
) -> Iterator[tuple[Batch, list[Article]]]:
    """Each batch of articles with the results already known (unreadable articles, cache
    hits: by ``id(article)``), and the articles left for the pipeline."""
    articles = iter(articles)
    while batch := list(itertools.islice(articles, batch_size)):
        known = {id(a): article_result(a, None) for a in batch if a.error is not None}
        if cache is not None and fingerprint is not None:
            keys = {id(a): article_key(fingerprint, a) for a in batch if a.error is None}
            stored = cache.get_many(list(keys.values()))
            known.update({i: stored[key] for i, key in keys.items() if key in stored})
        yield (batch, known), [a for a in batch if id(a) not in known]


def _fresh(
    batch: list[Article], known: dict[int, ArticleResult], results: list[ArticleResult], fingerprint: str
) -> list[tuple[str, ArticleResult]]:
    """The new results worth keeping: those of articles processed without error."""
    todo = [a for a in batch if id(a) not in known]
    return [
        (article_key(fingerprint, a), r)
        for a, r in zip(todo, results)
        if a.error is None and r["document"]["status"] == "ok"
    ]


def annotate_batch(nlp: Language, articles: list[Article]) -> list[Doc | None]:
    """The Doc of each article (None for an unreadable one or when the pipeline failed on
    it, with ``article.error`` set). One ``nlp.pipe`` call, faster for the statistical
    components; a batch that raises is redone one article at a time, so the error lands
    on its article."""
    readable = [a for a in articles if a.error is None]
    try:
        docs: list[Doc | None] = list(
            nlp.pipe((prepared_doc(nlp, a.text, a.published, a.doc_id) for a in readable), batch_size=len(articles))
        )
    except Exception:
        docs = [process_article(nlp, a) for a in readable]
    done = {id(article): doc for article, doc in zip(readable, docs)}
    return [done.get(id(article)) for article in articles]


def annotate_articles(
    nlp: Language, articles: Iterable[Article], batch_size: int = BATCH_SIZE
) -> Iterator[tuple[Article, Doc | None]]:
    """Each article with its Doc (None when it failed), in order.

    Articles are taken one batch at a time (see ``annotate_batch``): a lazy iterable keeps
    one batch in memory."""
    articles = iter(articles)
    while batch := list(itertools.islice(articles, batch_size)):
        for article in batch:
            for warning in article.warnings:
                log.warning(warning)
            if article.error is not None:
                log.error(article.error)
        yield from zip(batch, annotate_batch(nlp, batch))


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
    nlp: Language | Engine,
    lines: Iterable[bytes | str | None],
    out: IO[str],
    max_bytes: int = DEFAULT_MAX_BYTES,
    window: int = BATCH_SIZE,
    jobs: int = 1,
) -> int:
    """One output line per input line, blank and broken ones included, in order; returns
    the number of error lines. No single line can stop the others.

    Lines are taken in windows: the lines already waiting, up to ``window`` per worker
    (``jobs``), go through the pipeline together, so a stream is fast and a single line
    still gets its answer at once. ``nlp`` is a pipeline, or an engine (``workers``)."""
    engine = InProcess(lambda: nlp) if isinstance(nlp, Language) else nlp
    errors = 0
    for numbered in _windows(enumerate(lines, start=1), window * max(jobs, 1)):
        parsed = [parse_raw_line(line, number, max_bytes) for number, line in numbered]
        articles = [p for p in parsed if isinstance(p, Article)]
        size = max(1, -(-len(articles) // max(jobs, 1)))
        batches = [(None, articles[i : i + size]) for i in range(0, len(articles), size)]
        results = iter([result for _, batch in engine.map(batches) for result in batch])
        for item in parsed:
            record = line_record(item, next(results)) if isinstance(item, Article) else item
            errors += "error" in record
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        out.flush()
    return errors


_END = object()


def _windows(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of the items already available (at least one, at most ``size``): a thread
    reads ahead, so a slow producer never holds back what was read before."""
    waiting: queue.Queue[Any] = queue.Queue(maxsize=4 * size)

    def read() -> None:
        try:
            for item in items:
                waiting.put(item)
        except BaseException as exc:  # handed to the consumer, raised there
            waiting.put(_Failed(exc))
        waiting.put(_END)

    threading.Thread(target=read, daemon=True).start()
    while True:
        window = [waiting.get()]
        while len(window) < size and window[-1] is not _END and not isinstance(window[-1], _Failed):
            try:
                window.append(waiting.get_nowait())
            except queue.Empty:
                break
        last = window[-1]
        if last is _END or isinstance(last, _Failed):
            window.pop()
        if window:
            yield window
        if isinstance(last, _Failed):
            raise last.exc
        if last is _END:
            return


@dataclass
class _Failed:
    exc: BaseException


def line_record(article: Article, result: ArticleResult) -> dict[str, Any]:
    """The output line of an input line that was processed."""
    if result["document"]["status"] != "ok":
        return {"id": article.doc_id, "error": result["document"]["error"]}
    return {"id": article.doc_id, **json_mentions(result["rows"])}


def parse_raw_line(line: bytes | str | None, number: int, max_bytes: int) -> dict[str, Any] | Article:
    """The line as an article to annotate, or its error record."""
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
        return parse_line(line, number, max_bytes)
    except Exception as exc:  # RecursionError on deep nesting, huge integers...: one line fails
        return {"id": None, "error": escape_controls(f"line {number}: cannot be read ({type(exc).__name__}: {exc})")}


def annotate_line(nlp: Language, line: str, number: int, max_bytes: int = DEFAULT_MAX_BYTES) -> dict[str, Any]:
    """The output line of one input line, annotated here."""
    parsed = parse_line(line, number, max_bytes)
    if not isinstance(parsed, Article):
        return parsed
    return line_record(parsed, process_batch(nlp, [parsed])[0])


def parse_line(line: str, number: int, max_bytes: int = DEFAULT_MAX_BYTES) -> dict[str, Any] | Article:
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
    # the path names the line in a pipeline error: "line 3: pipeline failed: ..."
    return Article(doc_id=str(doc_id), path=Path(f"line {number}"), text=item["text"], published=published)


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
