"""``python -m pipeline report``: the site from a real extraction, escaping, failures."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser

import pandas as pd
import pytest

from pipeline.__main__ import EXIT_ARTICLE_ERRORS, EXIT_OK, EXIT_USAGE, main

from ..conftest import ROOT, SEED_ID

HOSTILE_ID = "ostile"
MARKED = ("entities", "dates", "numbers", "events")
# Markup, quotes and an attribute break-out in the article and in its metadata: all text.
HOSTILE_TEXT = (
    'Il ministro Mario Rossi ha detto a Roma: <script>alert("x")</script> e poi "basta" '
    "con l'<img src=x onerror=alert(1)> il 16 marzo 2024, davanti a 300 persone.\n"
)
HOSTILE_TITLE = '<b>Titolo</b> "tra virgolette" \' onmouseover=alert(1)'


def make_corpus(root):
    articles = root / "articles"
    articles.mkdir(parents=True)
    shutil.copy(ROOT / "corpus" / "articles" / f"{SEED_ID}.txt", articles)
    (articles / f"{HOSTILE_ID}.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    (articles / "latin1.txt").write_bytes("Perché è così".encode("latin-1"))
    (root / "articles.csv").write_text(
        "doc_id,title,published,source,url,licence\n"
        f"{SEED_ID},Niger,2024-05-20,test,https://example.org/niger,CC BY 4.0\n"
        f'{HOSTILE_ID},"{HOSTILE_TITLE.replace(chr(34), chr(34) * 2)}",2024-05-20,test,javascript:alert(1),\n',
        encoding="utf-8",
    )
    return root


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A corpus extracted with the default model, then its report: (corpus, out, report)."""
    root = tmp_path_factory.mktemp("report")
    corpus, out = make_corpus(root / "corpus"), root / "out"
    assert main(["extract", str(corpus), "--out", str(out), "--no-progress"]) == EXIT_ARTICLE_ERRORS
    assert main(["report", "--out", str(out), "--corpus", str(corpus)]) == EXIT_OK
    return corpus, out, out / "report"


class Marks(HTMLParser):
    """Every mark of a page: (layer, id, first fragment?) and the text inside each id."""

    def __init__(self) -> None:
        super().__init__()
        self.marks: list[tuple[str, str, bool]] = []
        self.text: dict[str, str] = {}
        self.stack: list[str | None] = []

    def handle_starttag(self, tag, attrs):
        if tag == "mark":
            a = dict(attrs)
            self.marks.append((a["data-layer"], a["data-id"], "data-first" in a))
            self.text.setdefault(a["data-id"], "")
            self.stack.append(a["data-id"])

    def handle_endtag(self, tag):
        if tag == "mark":
            self.stack.pop()

    def handle_data(self, data):
        for mark_id in self.stack:
            if mark_id:
                self.text[mark_id] += data


def parse(path):
    parser = Marks()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def article_rows(out, doc_id):
    tables = {name: pd.read_csv(out / f"{name}.csv", dtype=str, keep_default_na=False) for name in MARKED}
    return {name: frame[frame.doc_id == doc_id] for name, frame in tables.items()}


def test_every_row_is_marked_once_over_its_own_text(site):
    corpus, out, report = site
    text = (corpus / "articles" / f"{SEED_ID}.txt").read_text(encoding="utf-8")
    page = parse(report / "a" / f"{SEED_ID}.html")
    for layer, rows in article_rows(out, SEED_ID).items():
        firsts = [mark_id for name, mark_id, first in page.marks if name == layer and first]
        assert len(firsts) == len(set(firsts)) == len(rows) > 0, layer
        for i, row in enumerate(rows.itertuples()):
            assert page.text[f"{layer}-{i}"] == text[int(row.start) : int(row.end)]


def test_index_links_every_article_and_lists_errors(site):
    _, out, report = site
    html = (report / "index.html").read_text(encoding="utf-8")
    docs = pd.read_csv(out / "documents.csv", dtype=str, keep_default_na=False)
    for doc in docs.itertuples():
        if doc.status == "ok":
            assert f'href="a/{doc.doc_id}.html"' in html and (report / "a" / f"{doc.doc_id}.html").is_file()
        else:
            assert doc.error and doc.error.replace('"', "&#34;").replace("'", "&#39;") in html
    assert sorted(p.name for p in (report / "a").iterdir()) == sorted(f"{d}.html" for d in (HOSTILE_ID, SEED_ID))
    n_events = len(pd.read_csv(out / "events.csv"))
    assert re.search(rf"<b>{n_events}</b>events", html)
    assert '<svg id="timeline"' in html


def test_article_text_and_metadata_render_as_text(site):
    _, _, report = site
    html = (report / "a" / f"{HOSTILE_ID}.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;b&gt;Titolo&lt;/b&gt; &#34;tra virgolette&#34; &#39; onmouseover=alert(1)" in html
    scripts = re.findall(r"<script>(.*?)</script>", html, re.DOTALL)
    assert len(scripts) == 1 and "alert" not in scripts[0]  # only the page's own script
    assert "<img" not in html and "onerror=" not in html.replace("onerror=alert(1)&gt;", "")
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert "../index.html" in hrefs and not [h for h in hrefs if h.lower().startswith("javascript")]
    assert "javascript:alert(1)" in html  # the metadata's address is shown, as text
    assert "Content-Security-Policy" in html and 'src="' not in html  # nothing loaded from anywhere


def test_same_tables_same_site(site, tmp_path):
    corpus, out, report = site
    before = {p.relative_to(report): p.read_bytes() for p in report.rglob("*") if p.is_file()}
    assert main(["report", "--out", str(out), "--corpus", str(corpus)]) == EXIT_OK
    after = {p.relative_to(report): p.read_bytes() for p in report.rglob("*") if p.is_file()}
    assert before == after
    assert not [p for p in out.iterdir() if p.name.startswith(".report-")]  # temporary folders gone


def test_a_changed_text_is_not_marked_with_stale_offsets(site, tmp_path, capsys):
    corpus, out, _ = site
    changed = tmp_path / "corpus"
    shutil.copytree(corpus, changed)
    (changed / "articles" / f"{HOSTILE_ID}.txt").write_text("Testo nuovo. " + HOSTILE_TEXT, encoding="utf-8")
    copy = tmp_path / "out"
    shutil.copytree(out, copy, ignore=shutil.ignore_patterns("report", ".extract.lock"))
    assert main(["report", "--out", str(copy), "--corpus", str(changed)]) == EXIT_OK
    assert f"{HOSTILE_ID}: the article text changed since the extraction" in capsys.readouterr().err
    page = copy / "report" / "a" / f"{HOSTILE_ID}.html"
    assert not parse(page).marks and "Testo nuovo." in page.read_text(encoding="utf-8")


def test_outputs_that_are_not_one_run_are_refused(site, tmp_path, capsys):
    corpus, out, _ = site
    copy = tmp_path / "out"
    shutil.copytree(out, copy, ignore=shutil.ignore_patterns("report", ".extract.lock"))
    (copy / "entities.csv").write_text("doc_id\n", encoding="utf-8")
    assert main(["report", "--out", str(copy), "--corpus", str(corpus)]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "entities.csv: changed since the run" in err and len(err.strip().splitlines()) == 1
    assert not (copy / "report").exists()
