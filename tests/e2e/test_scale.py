"""Corpora of any size (issue 18): streamed tables, worker processes, the result cache.

Every run here is compared byte for byte with the tables built the old way, every row in
memory (``TableSet``), on the same corpus. The blank pipeline keeps the workers quick to
start; the full model gives the same guarantees (``make bench`` runs it).
"""

from __future__ import annotations

import json
import os
import select
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading

import pyarrow.parquet as pq
import pytest

from pipeline import stream
from pipeline.cache import ResultCache, pipeline_fingerprint
from pipeline.corpus import iter_articles
from pipeline.extract import annotate_articles, extract_corpus
from pipeline.nlp import BLANK, build_nlp
from pipeline.tables import JSONL_NAME, TABLE_COLUMNS, TableSet
from pipeline.workers import FreshModel, ModelLoader, process_batch
from pipeline.writer import write_tables

from ..conftest import ROOT

#: the CSVs and the JSONL; Parquet is compared by content (row groups follow the chunks)
TEXT_FILES = ["documents.csv", "entities.csv", "dates.csv", "numbers.csv", "events.csv", "actors.csv", JSONL_NAME]
KILL_WORD = "ABRACADABRA"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The project's articles, a few short ones with tricky names, broken files."""
    folder = tmp_path_factory.mktemp("scale") / "corpus"
    shutil.copytree(ROOT / "corpus" / "articles", folder / "articles")
    shutil.copy(ROOT / "corpus" / "articles.csv", folder / "articles.csv")
    articles = folder / "articles"
    for name, text in {
        "a.txt": "Ieri a Roma tremila persone.",
        "a-b.txt": "Il 3 marzo 2024 a Milano cinque feriti.",
        "Z.TXT": "=1+1 tre giorni fa",
        "b.txt": "Oggi a Napoli.",
        "c.txt": "La settimana scorsa a Torino più di mille manifestanti.",
    }.items():
        (articles / name).write_text(text, encoding="utf-8")
    (articles / "vuoto.txt").write_text("", encoding="utf-8")
    (articles / "binario.txt").write_bytes(b"x\0y")
    return folder


def readable(corpus) -> int:
    """Articles of the corpus the pipeline sees (all but the two broken files)."""
    return sum(a.error is None for a in iter_articles(corpus))


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory, nlp_blank):
    """The tables as the whole-corpus-in-memory path writes them."""
    out = tmp_path_factory.mktemp("reference")
    tables = TableSet()
    for article, doc in annotate_articles(nlp_blank, iter_articles(corpus)):
        tables.add(article, doc)
    write_tables(tables, out, JSONL_NAME)
    return out


def same_tables(out, reference) -> None:
    for name in TEXT_FILES:
        assert (out / name).read_bytes() == (reference / name).read_bytes(), name
    for name in TEXT_FILES[:6]:
        parquet = name.replace(".csv", ".parquet")
        assert pq.read_table(out / parquet).equals(pq.read_table(reference / parquet), check_metadata=True), parquet


def test_streamed_tables_in_small_chunks_are_the_same_bytes(corpus, reference, tmp_path, monkeypatch, nlp_blank):
    monkeypatch.setattr(stream, "CSV_CHUNK", 3)  # many chunks, each ending with an article
    extract_corpus(nlp_blank, corpus, tmp_path / "out", progress=False, batch_size=4)
    same_tables(tmp_path / "out", reference)


def test_two_worker_processes_give_the_same_bytes(corpus, reference, tmp_path):
    summary = extract_corpus(ModelLoader(BLANK), corpus, tmp_path / "out", progress=False, batch_size=3, jobs=2)
    same_tables(tmp_path / "out", reference)
    assert summary.articles == len(list((corpus / "articles").iterdir())) and summary.errors == 2


class KillingLoader:
    """The blank pipeline plus a component that kills its process on ``KILL_WORD``."""

    def __call__(self):
        from spacy.language import Language

        @Language.component("test_killer")
        def killer(doc):
            if KILL_WORD in doc.text:
                os.kill(os.getpid(), signal.SIGKILL)
            return doc

        nlp = build_nlp(BLANK)
        nlp.add_pipe("test_killer", first=True)
        return nlp


def test_a_dying_worker_takes_no_other_article_with_it(corpus, reference, tmp_path):
    killer_corpus = tmp_path / "corpus"
    shutil.copytree(corpus, killer_corpus)
    (killer_corpus / "articles" / "b.txt").write_text(f"Oggi {KILL_WORD} a Napoli.", encoding="utf-8")
    out = tmp_path / "out"
    summary = extract_corpus(KillingLoader(), killer_corpus, out, progress=False, batch_size=4, jobs=2)
    assert summary.errors == 3
    documents = (out / "documents.csv").read_text(encoding="utf-8").splitlines()
    killed = [line for line in documents if line.startswith("b,")]
    assert len(killed) == 1 and ",error," in killed[0] and "worker died (killed by SIGKILL)" in killed[0]
    for name in ("documents.csv", "entities.csv", "dates.csv"):
        rows = (out / name).read_text(encoding="utf-8").splitlines()
        expected = (reference / name).read_text(encoding="utf-8").splitlines()
        assert [r for r in rows if not r.startswith("b,") and ",error," not in r] == [
            r for r in expected if not r.startswith("b,") and ",error," not in r
        ], name


class CountingLoader:
    """The blank pipeline, counting the articles it is given (in this process)."""

    def __init__(self, nlp):
        self.nlp = nlp
        self.seen: list[str] = []

    def __call__(self):
        loader = self

        class Counting:
            max_length = loader.nlp.max_length

            def __getattr__(self, name):
                return getattr(loader.nlp, name)

            def pipe(self, docs, **kwargs):
                docs = list(docs)
                loader.seen.extend(doc._.doc_id for doc in docs)
                return loader.nlp.pipe(docs, **kwargs)

        return Counting()


def test_an_unchanged_corpus_comes_from_the_cache_without_the_model(corpus, reference, tmp_path, nlp_blank):
    cache = ResultCache(tmp_path / "cache")
    fingerprint = pipeline_fingerprint(BLANK)
    first = CountingLoader(nlp_blank)
    extract_corpus(first, corpus, tmp_path / "out1", progress=False, cache=cache, fingerprint=fingerprint)
    assert len(first.seen) == readable(corpus)

    def no_model():
        raise AssertionError("the model was loaded")

    summary = extract_corpus(no_model, corpus, tmp_path / "out2", progress=False, cache=cache, fingerprint=fingerprint)
    assert summary.cached == readable(corpus)
    same_tables(tmp_path / "out2", reference)

    changed = tmp_path / "corpus"
    shutil.copytree(corpus, changed)
    (changed / "articles" / "b.txt").write_text("Oggi a Firenze.", encoding="utf-8")
    again = CountingLoader(nlp_blank)
    extract_corpus(again, changed, tmp_path / "out3", progress=False, cache=cache, fingerprint=fingerprint)
    assert again.seen == ["b"]

    other = CountingLoader(nlp_blank)  # another pipeline (model, code or data): nothing reused
    extract_corpus(other, corpus, tmp_path / "out4", progress=False, cache=cache, fingerprint="other")
    assert len(other.seen) == readable(corpus)


def test_a_corrupt_cache_entry_is_recomputed(corpus, reference, tmp_path, nlp_blank, caplog):
    cache = ResultCache(tmp_path / "cache")
    extract_corpus(nlp_blank, corpus, tmp_path / "out1", progress=False, cache=cache, fingerprint="f")
    db = sqlite3.connect(cache.path)
    with db:
        db.execute("UPDATE results SET value = X'00' || substr(value, 2) WHERE rowid = 1")  # a flipped byte
        db.execute("UPDATE results SET value = X'789c', digest = 'x' WHERE rowid = 2")  # truncated
    db.close()
    counting = CountingLoader(nlp_blank)
    summary = extract_corpus(counting, corpus, tmp_path / "out2", progress=False, cache=cache, fingerprint="f")
    assert len(counting.seen) == 2 and summary.cached == readable(corpus) - 2 and cache.corrupt == 2
    assert "cache entry" in caplog.text and "corrupt" in caplog.text
    same_tables(tmp_path / "out2", reference)


def test_two_runs_write_the_cache_at_once(tmp_path):
    def result(i):
        return {"document": {"doc_id": str(i)}, "rows": {name: [] for name in TABLE_COLUMNS}}

    errors = []

    def run(first):
        try:
            cache = ResultCache(tmp_path / "cache")  # each run its own connection, on a new file
            for start in range(first, first + 200, 20):
                cache.put_many([(f"k{i}", result(i)) for i in range(start, start + 20)])
            cache.close()
        except Exception as exc:  # a thread's exception would not fail the test by itself
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(first,)) for first in (0, 200)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    stored = ResultCache(tmp_path / "cache").get_many([f"k{i}" for i in range(400)])
    assert len(stored) == 400 and stored["k399"] == result(399)


def test_annotate_answers_a_line_before_the_next_one_comes(tmp_path):
    """Lines are batched in a window of what is already there: one line alone is
    answered at once, with stdin still open."""
    process = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "annotate", "--jsonl", "--model", BLANK],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert process.stdin is not None and process.stdout is not None
        process.stdin.write(b'{"id": "1", "text": "Ieri a Roma.", "published": "2024-05-20"}\n')
        process.stdin.flush()
        ready, _, _ = select.select([process.stdout], [], [], 60)
        assert ready, "no answer while stdin stays open"
        record = json.loads(process.stdout.readline())
        assert record["id"] == "1" and record["dates"][0]["value"] == "2024-05-19"
    finally:
        process.kill()
        process.wait()


def test_annotate_with_two_workers_gives_the_same_lines(corpus):
    lines = []
    for path in sorted((corpus / "articles").glob("*.txt"))[:8]:
        lines.append(json.dumps({"id": path.stem, "text": path.read_text(encoding="utf-8")}))
    lines.insert(3, "not json")
    stdin = ("\n".join(lines) + "\n").encode()
    outputs = [
        subprocess.run(
            [sys.executable, "-m", "pipeline", "annotate", "--jsonl", "--model", BLANK, "--jobs", jobs],
            input=stdin,
            capture_output=True,
        )
        for jobs in ("1", "2")
    ]
    assert [o.returncode for o in outputs] == [3, 3]
    assert outputs[0].stdout == outputs[1].stdout and outputs[0].stdout.count(b"\n") == 9


def test_dask_local_cluster_of_two_workers_gives_the_same_bytes(corpus, reference, tmp_path):
    pytest.importorskip("distributed", reason="dask.distributed not installed: pip install -e '.[dask]'")
    summary = extract_corpus(
        ModelLoader(BLANK), corpus, tmp_path / "out", progress=False, batch_size=3, jobs=2, engine_name="dask"
    )
    assert summary.articles == readable(corpus) + 2
    same_tables(tmp_path / "out", reference)


def test_a_re_run_into_the_same_outputs_leaves_them_alone(corpus, reference, tmp_path, nlp_blank):
    cache, out = ResultCache(tmp_path / "cache"), tmp_path / "out"
    first = extract_corpus(nlp_blank, corpus, out, progress=False, cache=cache, fingerprint="f")
    written = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}

    def no_model():
        raise AssertionError("the model was loaded")

    again = extract_corpus(no_model, corpus, out, progress=False, cache=cache, fingerprint="f")
    assert again.unchanged and (again.articles, again.errors, again.tokens) == (readable(corpus) + 2, 2, first.tokens)
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == written
    (out / "dates.csv").write_text("doc_id\n", encoding="utf-8")  # outputs no longer those of the run
    third = extract_corpus(no_model, corpus, out, progress=False, cache=cache, fingerprint="f")
    assert not third.unchanged and third.cached == readable(corpus)
    same_tables(out, reference)


def _fail_on_word(doc):
    if KILL_WORD in doc.text:
        raise ValueError("a component failed")
    return doc


def failing_pipeline():
    """The blank pipeline plus a component that raises on ``KILL_WORD``."""
    from spacy.language import Language

    if not Language.has_factory("test_failer"):
        Language.component("test_failer", func=_fail_on_word)
    nlp = build_nlp(BLANK)
    nlp.add_pipe("test_failer", first=True)
    return nlp


def test_an_article_the_pipeline_failed_on_is_tried_again(corpus, tmp_path):
    failing_corpus, out = tmp_path / "corpus", tmp_path / "out"
    shutil.copytree(corpus, failing_corpus)
    (failing_corpus / "articles" / "b.txt").write_text(f"Oggi {KILL_WORD} a Napoli.", encoding="utf-8")
    cache = ResultCache(tmp_path / "cache")
    first = extract_corpus(failing_pipeline, failing_corpus, out, progress=False, cache=cache, fingerprint="f")
    again = extract_corpus(failing_pipeline, failing_corpus, out, progress=False, cache=cache, fingerprint="f")
    assert first.errors == again.errors == 3 and not again.unchanged and again.cached == readable(corpus) - 1


def test_the_pipeline_is_loaded_again_after_its_share_of_articles(corpus, reference, tmp_path):
    """A fresh vocabulary every ``reload_every`` articles (memory flat on any corpus size),
    the same rows as one pipeline for everything."""
    loads = []

    def load():
        loads.append(1)
        return build_nlp(BLANK)

    articles = [a for a in iter_articles(corpus) if a.error is None]
    model = FreshModel(load, reload_every=5)
    rows = [r for first in range(0, len(articles), 3) for r in model.process(articles[first : first + 3])]
    assert len(loads) == -(-len(articles) // 6)  # batches of 3: a reload once 5 are done, i.e. every 2 batches
    assert rows == process_batch(build_nlp(BLANK), articles)
