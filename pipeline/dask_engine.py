"""The same per-article work on dask.distributed: a cluster, or a LocalCluster here.

``make extract ENGINE=dask`` sends each batch of articles to a Dask worker, which loads the
pipeline once (the first batch it gets) and returns the batch's rows; the run's writer
takes them in doc_id order, as with local processes, so the tables are the same bytes.
``DASK_SCHEDULER=tcp://host:8786`` points at a running cluster (every worker needs this
package and the model installed); without it a LocalCluster of ``jobs`` single-threaded
worker processes starts on this machine. A batch whose worker died is retried one article
at a time; an article that fails again gets ``status=error`` with the reason.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from .corpus import Article
from .tables import ArticleResult, article_result
from .workers import process_batch
from .writer import escape_controls, shown

log = logging.getLogger(__name__)

T = TypeVar("T")
SCHEDULER_ENV = "DASK_SCHEDULER"
#: batches in flight per worker
IN_FLIGHT_PER_WORKER = 2

# one pipeline per worker process, by loader (a worker may serve several runs)
_PIPELINES: dict[Any, Any] = {}


def run_batch(load: Callable[[], Any], articles: list[Article]) -> list[ArticleResult]:
    """On a worker: the batch's results, with the worker's pipeline (loaded once)."""
    if load not in _PIPELINES:
        _PIPELINES[load] = load()
    return process_batch(_PIPELINES[load], articles)


class DaskEngine:
    def __init__(self, load: Callable[[], Any], jobs: int, scheduler: str | None = None) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise RuntimeError(
                "ENGINE=dask needs dask.distributed: pip install -e '.[dask]' (or use the local engine)"
            ) from None
        import dask

        # the run's own messages only: Dask's start-up and shutdown chatter stays quiet
        dask.config.set({"distributed.logging.distributed": "error"})
        logging.getLogger("distributed").setLevel(logging.ERROR)
        self.load = load
        self.closed = False
        if scheduler:
            self.cluster = None
            self.client = Client(scheduler)
        else:
            self.cluster = LocalCluster(
                n_workers=max(1, jobs), threads_per_worker=1, processes=True, dashboard_address=None
            )
            self.client = Client(self.cluster)
        self.size = max(1, len(self.client.scheduler_info().get("workers", {})) or jobs)

    def map(self, items: Iterable[tuple[T, list[Article]]]) -> Iterator[tuple[T, list[ArticleResult]]]:
        pending: deque[tuple[T, list[Article], Any]] = deque()
        items = iter(items)
        exhausted = False
        while True:
            while not exhausted and len(pending) < IN_FLIGHT_PER_WORKER * self.size:
                try:
                    tag, batch = next(items)
                except StopIteration:
                    exhausted = True
                    break
                future = self.client.submit(run_batch, self.load, batch, pure=False) if batch else None
                pending.append((tag, batch, future))
            if not pending:
                return
            tag, batch, future = pending.popleft()
            yield tag, self._result(batch, future)

    def _result(self, batch: list[Article], future: Any) -> list[ArticleResult]:
        if future is None:
            return []
        try:
            return future.result()
        except Exception as exc:  # KilledWorker, a lost connection...: each article once more
            log.warning("a Dask batch failed (%s): its %d article(s) are retried one by one", exc, len(batch))
        results = []
        for article in batch:
            try:
                results += self.client.submit(run_batch, self.load, [article], pure=False).result()
            except Exception as exc:
                article.error = escape_controls(
                    f"{shown(article.path)}: the Dask worker failed on this article, twice: {exc}"
                )
                log.error(article.error)
                results.append(article_result(article, None))
        return results

    def close(self) -> None:  # twice is once: extract closes before writing and at the end
        if self.closed:
            return
        self.closed = True
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
