"""Tables + article texts → a static site: ``index.html`` and one page per article.

Everything the pages need (CSS, JavaScript, SVG charts) is inside them: no server, no
network. Pages come from the Jinja2 templates in ``templates/`` with autoescape on, so
article texts and extracted strings are always HTML text, never markup. The site is
written into a temporary folder and swapped in whole.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
import shutil
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from ..corpus import open_corpus
from ..writer import escape_controls, shown
from . import charts
from .marks import Mark, Token, nest, usable
from .reader import Tables, read_tables
from .timeline import interval

log = logging.getLogger(__name__)

REPORT_DIR = "report"
PAGES_DIR = "a"  # article pages, beside index.html
TMP_PREFIX = ".report-tmp-"
OLD_PREFIX = ".report-old-"
MARKED_LAYERS = ("entities", "dates", "numbers", "events")
EVENT_ROLES = ("actor", "target", "place", "date", "quantity")
# Columns that place a row rather than describe it: not repeated in the details
_POSITION = re.compile(r"(?:doc_id|sentence|start|end|.+_start|.+_end)")
TOP_ENTITIES = 20
_CSS_NAME = re.compile(r"[^A-Za-z0-9_-]")

Row = dict[str, str]


@dataclass
class Summary:
    pages: int = 0
    marks: int = 0
    warnings: list[str] = field(default_factory=list)

    def line(self) -> str:
        return f"{self.pages} article pages, {self.marks} marked spans, {len(self.warnings)} warnings"


def _safe_url(url: object) -> bool:
    """Only web addresses become links (a ``javascript:`` URL in the metadata stays text)."""
    return isinstance(url, str) and re.match(r"https?://[^\s]+\Z", url, re.IGNORECASE) is not None


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("pipeline.report", "templates"),
        autoescape=True,  # every extracted string is text, whatever the file extension
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.tests["safe_url"] = _safe_url
    return env


def page_names(doc_ids: Iterable[str]) -> dict[str, str]:
    """doc_id → a file name safe on every system and in a URL, unique in the folder."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for doc_id in doc_ids:
        stem = re.sub(r"[^A-Za-z0-9_-]+", "_", doc_id).strip("_")[:80] or "article"
        name, n = f"{stem}.html", 1
        while name.lower() in taken:
            n += 1
            name = f"{stem}-{n}.html"
        taken.add(name.lower())
        names[doc_id] = name
    return names


def _details(row: Row) -> list[tuple[str, str]]:
    return [(k, v) for k, v in row.items() if v != "" and not _POSITION.fullmatch(k)]


def _join(*parts: str, sep: str = " · ") -> str:
    return sep.join(p for p in parts if p)


def _int(value: str) -> int | None:
    try:
        return int(float(value))
    except ValueError:
        return None


def _title(layer: str, row: Row) -> str:
    if layer == "entities":
        return _join(row["label"], row["canonical"], row["country"], row["kind"])
    if layer == "dates":
        precision = f"({row['granularity']})" if row.get("granularity") else ""
        return _join(row["type"], _join(row["value"], precision, sep=" "))
    if layer == "numbers":
        return _join(row["value"], row["qualifier"], row["unit"], sep=" ")
    negated = "negated" if row.get("negated", "").lower() == "true" else ""
    return _join(row["type"], row.get("modality", ""), negated)


def _marks(layer: str, rows: list[Row]) -> list[Mark]:
    marks = []
    for i, row in enumerate(rows):
        start, end = _int(row["start"]), _int(row["end"])
        if start is None or end is None:
            continue
        css = f"t-{_CSS_NAME.sub('_', row['label'])}" if layer == "entities" else ""
        args: tuple[str, ...] = ()
        if layer == "events":
            args = tuple(f"args-{i}-{role}" for role in EVENT_ROLES if _int(row.get(f"{role}_start", "")) is not None)
            css = "neg" if row.get("negated", "").lower() == "true" else ""
        marks.append(Mark(layer, i, start, end, css, _title(layer, row), args))
    return marks


def _argument_marks(events: list[Row]) -> list[Mark]:
    """Each event's arguments as marks of their own layer, shown when the event is picked."""
    marks = []
    for i, row in enumerate(events):
        for role in EVENT_ROLES:
            start, end = _int(row.get(f"{role}_start", "")), _int(row.get(f"{role}_end", ""))
            if start is not None and end is not None:
                marks.append(Mark("args", i, start, end, f"r-{role}", role=role))
    return marks


def _by_doc(tables: Tables) -> dict[str, dict[str, list[Row]]]:
    grouped: dict[str, dict[str, list[Row]]] = defaultdict(lambda: {name: [] for name in MARKED_LAYERS})
    for name in MARKED_LAYERS:
        for row in getattr(tables, name).to_dict("records"):
            grouped[row["doc_id"]][name].append(row)
    return grouped


@dataclass
class ArticlePage:
    document: Row
    name: str
    text: str | None
    problem: str
    tokens: list[Token]
    rows: Mapping[str, list[Row]]
    details: dict[str, list[list[tuple[str, str]]]]
    counts: dict[str, int]
    labels: list[tuple[str, int]]


def article_page(document: Row, name: str, text: str | None, rows: Mapping[str, list[Row]]) -> ArticlePage:
    marks: list[Mark] = []
    for layer in MARKED_LAYERS:
        marks += _marks(layer, rows[layer])
    marks += _argument_marks(rows["events"])
    problem = ""
    if text is None:
        problem = "the article text is not in the corpus folder: only the tables are shown"
    elif _int(document.get("n_chars", "")) not in (None, len(text)):
        problem = "the article text changed since the extraction (run extract again): spans not marked"
    tokens: list[Token] = []
    if text is not None and not problem:
        good, bad = usable(marks, len(text))
        if bad:
            problem = f"{len(bad)} span(s) outside the text were not marked"
        tokens = list(nest(text, good))
    labels = Counter(row["label"] for row in rows["entities"])
    return ArticlePage(
        document=document,
        name=name,
        text=text,
        problem=problem,
        tokens=tokens,
        rows=rows,
        details={layer: [_details(row) for row in rows[layer]] for layer in MARKED_LAYERS},
        counts={layer: len(rows[layer]) for layer in MARKED_LAYERS},
        labels=sorted(labels.items()),
    )


def _top_entities(actors: list[Row], places: bool) -> list[dict[str, Any]]:
    mentions: Counter[tuple[str, str]] = Counter()
    articles: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in actors:
        if (row["label"] == "LOC") != places:
            continue
        key = (row["canonical"] or row["surfaces"].split("|")[0], row["country"])
        mentions[key] += _int(row["n_mentions"]) or 0
        articles[key].add(row["doc_id"])
    top = sorted(mentions.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_ENTITIES]
    most = max((count for _, count in top), default=0) or 1
    return [
        {"name": name, "country": country, "mentions": n, "articles": len(articles[(name, country)]), "share": n / most}
        for (name, country), n in top
    ]


def index_context(tables: Tables, names: Mapping[str, str]) -> dict[str, Any]:
    documents = tables.documents.to_dict("records")
    events = tables.events.to_dict("records")
    actors = tables.actors.to_dict("records")
    # one count per real event (event_records) when the run has them, else per mention
    records = tables.event_records.to_dict("records")
    by_type = Counter(r["event_type"] for r in records) if records else Counter(row["type"] for row in events)
    placed, unplaced = [], 0
    position: Counter[str] = Counter()
    for row in events:
        i = position[row["doc_id"]]
        position[row["doc_id"]] += 1
        when = interval(row.get("date_value", ""))
        if when is None:
            unplaced += 1
            continue
        title = f"{row['type']}: {row['trigger']} · {row['date_value']} ({when.precision}) · {row['doc_id']}"
        href = f"{PAGES_DIR}/{names[row['doc_id']]}#events-{i}" if row["doc_id"] in names else ""
        placed.append(charts.Placed(when, row["type"], title, href))
    totals = {layer: len(getattr(tables, layer)) for layer in MARKED_LAYERS}
    return {
        "documents": documents,
        "names": names,
        "pages_dir": PAGES_DIR,
        "errors": [d for d in documents if d["status"] != "ok"],
        "totals": totals,
        "by_type": charts.bar_chart(sorted(by_type.items(), key=lambda kv: (-kv[1], kv[0]))),
        "timeline": charts.timeline(placed),
        "placed": len(placed),
        "unplaced": unplaced,
        "precisions": sorted({p.interval.precision for p in placed}),
        "actors": _top_entities(actors, places=False),
        "places": _top_entities(actors, places=True),
    }


def _read_texts(corpus_dir: Path) -> dict[str, str]:
    """doc_id (as the tables write it) → text, for the articles that could be read."""
    return {escape_controls(a.doc_id): a.text for a in open_corpus(corpus_dir).articles() if a.ok}


def build_report(out_dir: Path | str, corpus_dir: Path | str, summary: Summary | None = None) -> Path:
    """Write ``out_dir/report/`` from the tables in ``out_dir`` and the texts in ``corpus_dir``."""
    out_dir, corpus_dir = Path(out_dir), Path(corpus_dir)
    summary = summary if summary is not None else Summary()
    tables = read_tables(out_dir)
    texts = _read_texts(corpus_dir)
    env = environment()
    article_template, index_template = env.get_template("article.html"), env.get_template("index.html")
    documents = tables.documents.to_dict("records")
    names = page_names(d["doc_id"] for d in documents if d["status"] == "ok")
    grouped = _by_doc(tables)
    pages: dict[str, str] = {}
    for document in documents:
        doc_id = document["doc_id"]
        if doc_id not in names:
            continue
        page = article_page(document, names[doc_id], texts.get(doc_id), grouped[doc_id])
        if page.problem:
            summary.warnings.append(f"{shown(doc_id)}: {page.problem}")
        summary.marks += sum(1 for t in page.tokens if t.first and t.mark is not None and t.mark.layer != "args")
        pages[f"{PAGES_DIR}/{page.name}"] = article_template.render(page=page, layers=MARKED_LAYERS)
    pages["index.html"] = index_template.render(**index_context(tables, names))
    summary.pages = len(pages) - 1
    for warning in summary.warnings:
        log.warning("%s", warning)
    return write_site(out_dir / REPORT_DIR, pages)


def write_site(target: Path, pages: Mapping[str, str]) -> Path:
    """All pages into a temporary folder beside ``target``, then swapped in whole."""
    parent = target.parent
    for stale in parent.glob(".report-*"):
        if stale.name.startswith((TMP_PREFIX, OLD_PREFIX)) and stale.is_dir() and not stale.is_symlink():
            shutil.rmtree(stale, ignore_errors=True)
    tmp = parent / f"{TMP_PREFIX}{secrets.token_hex(4)}"
    try:
        for name, html in pages.items():
            path = tmp / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(html, encoding="utf-8")
        old = parent / f"{OLD_PREFIX}{secrets.token_hex(4)}"
        if target.is_dir() and not target.is_symlink():
            os.replace(target, old)
        os.replace(tmp, target)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target
