"""Where articles are processed: in this process, or in a pool of worker processes.

Both engines take ``(tag, batch of articles)`` pairs and give back ``(tag, results)`` in
the same order, one ``ArticleResult`` per article. The pool starts ``jobs`` processes,
each loading the pipeline once (the model is only loaded when some article needs it),
and keeps a few batches per worker in flight. A worker that dies takes no article with
it: the articles of its batch are retried one by one in a new worker, and an article
that kills a worker a second time gets ``status=error`` with the reason.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import logging
import multiprocessing as mp
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any, Protocol, TypeVar

from .corpus import Article
from .tables import ArticleResult, article_result
from .writer import escape_controls, shown

log = logging.getLogger(__name__)

T = TypeVar("T")
#: batches in flight per worker: one running, one waiting in its pipe's turn
IN_FLIGHT_PER_WORKER = 2


@dataclass(frozen=True)
class ModelLoader:
    """Loads the pipeline by name: picklable, so a worker process can call it."""

    model: str = "default"
    max_length: int = 0

    def __call__(self) -> Any:  # -> Language (spaCy imported lazily)
        from .lang.loader import LanguageDataError
        from .nlp import ModelLoadError, ModelNotFoundError, build_nlp

        try:
            nlp = build_nlp(self.model)
        except (ModelNotFoundError, LanguageDataError):
            raise
        except Exception as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
            raise ModelLoadError(f"model '{self.model}' cannot be loaded: {type(exc).__name__}: {first}") from exc
        # texts up to the byte limit are accepted: never more characters than bytes
        nlp.max_length = max(nlp.max_length, self.max_length)
        return nlp


def process_batch(nlp: Any, articles: list[Article]) -> list[ArticleResult]:
    """The rows of each readable article of ``articles``, in order."""
    from .extract import annotate_batch

    return [article_result(a, doc) for a, doc in zip(articles, annotate_batch(nlp, articles))]


class Engine(Protocol):
    def map(self, items: Iterable[tuple[T, list[Article]]]) -> Iterator[tuple[T, list[ArticleResult]]]: ...

    def close(self) -> None: ...


#: articles one loaded pipeline processes before it is loaded again (see FreshModel)
RELOAD_EVERY = 2_000


class FreshModel:
    """The pipeline, loaded when first needed and again after every ``RELOAD_EVERY``
    articles: spaCy's vocabulary keeps every word form it has seen, so one pipeline's
    memory grows with the corpus; a reload (a few seconds per 2,000 articles) starts
    it afresh. The results are the same: no row depends on the vocabulary's history."""

    def __init__(self, load: Callable[[], Any], reload_every: int = RELOAD_EVERY) -> None:
        self.load = load
        self.reload_every = reload_every
        self.nlp: Any = None
        self.processed = 0

    def ready(self) -> Any:
        if self.nlp is None or self.processed >= self.reload_every:
            self.nlp = None
            gc.collect()  # the old vocabulary goes before the new one comes
            self.nlp = self.load()
            self.processed = 0
        return self.nlp

    def process(self, articles: list[Article]) -> list[ArticleResult]:
        nlp = self.ready()
        self.processed += len(articles)
        return process_batch(nlp, articles)


class InProcess:
    """Batches processed here, one after the other; the model loaded at the first one."""

    def __init__(self, load: Callable[[], Any]) -> None:
        self.model = FreshModel(load)

    def map(self, items: Iterable[tuple[T, list[Article]]]) -> Iterator[tuple[T, list[ArticleResult]]]:
        for tag, batch in items:
            yield tag, self.model.process(batch) if batch else []

    def close(self) -> None:
        self.model.nlp = None


@dataclass
class _Job:
    """One batch as the caller gave it: its results fill in as tasks finish."""

    tag: Any
    slots: list[ArticleResult | None]
    missing: int


@dataclass
class _Task:
    job: _Job
    indices: list[int]
    articles: list[Article]
    attempt: int = 1


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    task: _Task | None = field(default=None)


def _die_with_parent() -> None:
    """Linux: the worker gets SIGKILL when the run's process dies, even by SIGKILL."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            pr_set_pdeathsig = 1
            ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)


def _worker_main(conn: Connection, load: Callable[[], Any]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _die_with_parent()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    model = FreshModel(load)
    try:
        model.ready()
    except Exception as exc:  # the parent reports it as its own error
        conn.send(("failed", exc if _picklable(exc) else RuntimeError(str(exc))))
        return
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        conn.send(("done", model.process(task)))


def _picklable(exc: BaseException) -> bool:
    import pickle

    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return False
    return True


class WorkerPool:
    """``jobs`` worker processes (spawned: nothing inherited but the loader)."""

    def __init__(self, jobs: int, load: Callable[[], Any]) -> None:
        self.size = max(1, jobs)
        self.load = load
        self.context = mp.get_context("spawn")
        self.workers: list[_Worker] = []

    def _start(self) -> _Worker:
        parent_end, child_end = self.context.Pipe()
        process = self.context.Process(target=_worker_main, args=(child_end, self.load), daemon=True)
        process.start()
        child_end.close()
        worker = _Worker(process, parent_end)
        self.workers.append(worker)
        return worker

    def map(self, items: Iterable[tuple[T, list[Article]]]) -> Iterator[tuple[T, list[ArticleResult]]]:
        items = iter(items)
        order: deque[_Job] = deque()
        queue: deque[_Task] = deque()
        exhausted = False
        while True:
            while not exhausted and len(order) < IN_FLIGHT_PER_WORKER * self.size:
                try:
                    tag, batch = next(items)
                except StopIteration:
                    exhausted = True
                    break
                job = _Job(tag, [None] * len(batch), len(batch))
                order.append(job)
                if batch:
                    queue.append(_Task(job, list(range(len(batch))), list(batch)))
            if order and order[0].missing == 0:
                job = order.popleft()
                yield job.tag, [r for r in job.slots if r is not None]
                continue
            if not order:
                return
            self._dispatch(queue)
            self._collect(queue)

    def _dispatch(self, queue: deque[_Task]) -> None:
        while queue:
            idle = [w for w in self.workers if w.task is None and w.process.is_alive()]
            for dead in [w for w in self.workers if w.task is None and not w.process.is_alive()]:
                self._drop(dead)
            if idle:
                worker = idle[0]
            elif len(self.workers) < self.size:
                worker = self._start()
            else:
                return
            task = queue.popleft()
            worker.task = task
            try:
                worker.conn.send(task.articles)
            except OSError:
                self._died(worker, queue)

    def _collect(self, queue: deque[_Task]) -> None:
        busy = [w for w in self.workers if w.task is not None]
        if not busy:
            return
        ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy]))
        for worker in busy:
            if worker.conn not in ready and worker.process.sentinel not in ready:
                continue
            try:
                if not worker.conn.poll():
                    raise EOFError
                kind, payload = worker.conn.recv()
            except (EOFError, OSError):
                self._died(worker, queue)
                continue
            if kind == "failed":
                raise payload
            task, worker.task = worker.task, None
            assert task is not None
            for index, result in zip(task.indices, payload):
                task.job.slots[index] = result
            task.job.missing -= len(task.indices)

    def _died(self, worker: _Worker, queue: deque[_Task]) -> None:
        task = worker.task
        worker.process.join(timeout=5)
        code = worker.process.exitcode
        how = f"killed by {signal.Signals(-code).name}" if code is not None and code < 0 else f"exit status {code}"
        self._drop(worker)
        if task is None:
            return
        if task.attempt == 1:
            log.warning(
                "a pipeline worker died (%s): its %d article(s) are retried one by one", how, len(task.articles)
            )
            for index, article in zip(task.indices, task.articles):
                queue.appendleft(_Task(task.job, [index], [article], attempt=2))
            return
        for index, article in zip(task.indices, task.articles):
            article.error = escape_controls(
                f"{shown(article.path)}: the pipeline worker died ({how}) on this article, twice"
            )
            log.error(article.error)
            task.job.slots[index] = article_result(article, None)
            task.job.missing -= 1

    def _drop(self, worker: _Worker) -> None:
        with contextlib.suppress(OSError):
            worker.conn.close()
        if worker in self.workers:
            self.workers.remove(worker)

    def close(self) -> None:
        """Ask the workers to stop; those that do not, in a few seconds, are killed."""
        for worker in self.workers:
            with contextlib.suppress(OSError):
                if worker.task is None:
                    worker.conn.send(None)
        for worker in self.workers:
            if worker.task is not None:
                worker.process.kill()
            worker.process.join(timeout=5)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            with contextlib.suppress(OSError):
                worker.conn.close()
        self.workers = []


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1
