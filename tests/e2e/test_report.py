"""``python -m pipeline report``: the site from a real extraction, escaping, failures."""

from __future__ import annotations

import os
import re
import shutil
from html.parser import HTMLParser

import pandas as pd
import pytest

from pipeline.__main__ import EXIT_ARTICLE_ERRORS, EXIT_OK, EXIT_USAGE, main
from pipeline.report.timeline import interval

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
    text = re.sub(r"<mark [^>]*>|</mark>", "", html)  # a layer's mark may cut the text anywhere
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text
    assert "&lt;b&gt;Titolo&lt;/b&gt; &#34;tra virgolette&#34; &#39; onmouseover=alert(1)" in text
    scripts = re.findall(r"<script>(.*?)</script>", html, re.DOTALL)
    assert len(scripts) == 1 and "alert" not in scripts[0]  # only the page's own script
    assert "<img" not in html and "onerror=" not in text.replace("onerror=alert(1)&gt;", "")
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


# --- in a real browser: Debian's Chromium, headless, driven by Playwright -----------------


def chromium() -> str:
    """The system Chromium, or a skip that says why (never a silent pass)."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.skip("browser test skipped: playwright is not installed (pip install -e '.[dev]')")
    for name in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if name and (path := shutil.which(name)):
            return path
    pytest.skip("browser test skipped: no Chromium found (apt-get install chromium, or set CHROMIUM=/path)")


@pytest.fixture(scope="module")
def browser():
    path = chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # --no-sandbox: CI containers run as root, where Chromium's sandbox refuses to start
        launched = playwright.chromium.launch(executable_path=path, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture()
def page(browser):
    """A page that records console errors, script errors, dialogs and any non-file request."""
    opened = browser.new_page(viewport={"width": 1280, "height": 900})
    opened.problems = []
    opened.on("console", lambda m: m.type == "error" and opened.problems.append(f"console: {m.text}"))
    opened.on("pageerror", lambda e: opened.problems.append(f"script: {e}"))
    opened.on("dialog", lambda d: (opened.problems.append(f"dialog: {d.message}"), d.dismiss()))
    opened.on("request", lambda r: r.url.startswith("file:") or opened.problems.append(f"request: {r.url}"))
    yield opened
    opened.close()


def test_browser_index(site, page):
    _, out, report = site
    page.goto((report / "index.html").as_uri())
    docs = pd.read_csv(out / "documents.csv", dtype=str, keep_default_na=False)
    assert page.locator("#articles a").count() == (docs.status == "ok").sum()
    assert page.locator("#errors tr.error").count() == (docs.status == "error").sum() == 1
    events = pd.read_csv(out / "events.csv", dtype=str, keep_default_na=False)
    placed = [interval(v) for v in events.date_value]
    precisions = {p.precision for p in placed if p}
    assert page.locator("#timeline rect.tl").count() == sum(p is not None for p in placed) > 0
    # each date drawn as long as it is precise: a year is wider than a month, a month than a day
    widths = {p: page.eval_on_selector_all(f"#timeline rect.p-{p}", WIDTHS) for p in precisions}
    assert {"day", "month", "year"} <= precisions
    assert min(widths["year"]) > max(widths["month"]) > max(widths["day"])
    # a timeline mark leads to its event, picked on the article page
    href = page.locator("#timeline a").first.get_attribute("href")
    page.click(f'#timeline a[href="{href}"]')
    event_id = href.split("#")[1]
    assert page.locator(f'mark.sel[data-id="{event_id}"]').count() >= 1
    assert page.locator(f"#d-{event_id}").is_visible()
    assert page.problems == []


WIDTHS = "rects => rects.map(r => r.getBBox().width)"
# layer → [[id, text of its fragments]] for the marks of the page, counted in the browser
MARKS = """layer => {
  const texts = new Map();
  for (const m of document.querySelectorAll(`mark[data-layer="${layer}"]`))
    texts.set(m.dataset.id, (texts.get(m.dataset.id) || "") + m.textContent);
  return [...texts.entries()];
}"""


def test_browser_article_marks_match_the_tables(site, page, tmp_path):
    corpus, out, report = site
    text = (corpus / "articles" / f"{SEED_ID}.txt").read_text(encoding="utf-8")
    page.goto((report / "a" / f"{SEED_ID}.html").as_uri())
    rows = article_rows(out, SEED_ID)
    for layer, frame in rows.items():
        marked = dict(page.evaluate(MARKS, layer))
        expected = {f"{layer}-{i}": text[int(r.start) : int(r.end)] for i, r in enumerate(frame.itertuples())}
        assert marked == expected and len(marked) == len(frame) > 0, layer
    # an event with arguments: its details shown, its arguments lit in the text
    events = rows["events"].reset_index(drop=True)
    has_args = events.actor_start.ne("") & events.target_start.ne("")
    i = int(has_args.idxmax())
    page.click(f"#row-events-{i}")
    assert page.locator(f"#d-events-{i}").is_visible()
    assert events.type[i] in page.locator(f"#d-events-{i}").inner_text()
    lit = page.eval_on_selector_all("mark.on", "ms => ms.map(m => m.dataset.role + ':' + m.textContent)")
    assert f"actor:{text[int(events.actor_start[i]) : int(events.actor_end[i])]}" in lit
    assert f"target:{text[int(events.target_start[i]) : int(events.target_end[i])]}" in lit
    # a layer switched off loses its colour
    entity = page.locator("mark.l-entities").first
    colour = "el => getComputedStyle(el).backgroundColor"
    assert entity.evaluate(colour) != "rgba(0, 0, 0, 0)"
    page.uncheck("input[data-layer=entities]")
    assert entity.evaluate(colour) == "rgba(0, 0, 0, 0)"
    shot = tmp_path / "article.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000
    assert page.problems == []


def test_browser_hostile_article_is_text(site, page):
    _, _, report = site
    page.goto((report / "a" / f"{HOSTILE_ID}.html").as_uri())
    assert page.locator("#text").text_content() == HOSTILE_TEXT
    assert page.locator("#text script, #text img, header b").count() == 0
    assert page.locator("h1").inner_text() == HOSTILE_TITLE
    assert page.problems == []  # no alert dialog, no error
