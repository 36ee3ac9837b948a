"""Dates: the ``it_dates`` component against ``dateparser.search.search_dates``.

For every corpus article (corpus/articles/*.txt, metadata in corpus/articles.csv) both
tools run with the publication date as reference (dateparser: ``RELATIVE_BASE``). Where
a gold file exists (corpus/gold/<doc_id>.json, list "dates") the table reports:

- found: expressions returned; gold: gold expressions;
- span: found expressions whose offsets overlap a gold expression;
- value: overlapping expressions whose value equals the gold value. dateparser returns a
  datetime, so it is rendered at the gold value's precision (a fair reading: a dateparser
  hit on "luglio 2023" counts as right if the month is right, even though it invents a
  day); it has no durations, sets or underspecified values, so it cannot get those.

Speed: ms per 1,000 words (whitespace words) of the matching+normalisation alone
(tokenisation excluded for ours: it_dates on a pre-tokenised Doc), each article
repeated until ``--min-seconds``. Prints a table and writes it to .bench/dates.txt.
``--diff`` also lists our misses and wrong values per article.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import time
import warnings
from pathlib import Path

import spacy
from benchlib import gold_mentions, timed, write_report

from pipeline.corpus import iter_articles
from pipeline.evaluate import pair_spans
from pipeline.normalize.dates import find_dates  # noqa: F401  (warms the grammar)

warnings.filterwarnings("ignore")


def ours(nlp, text: str, published: dt.date | None):
    doc = nlp.make_doc(text)
    doc._.published = published
    t0 = time.perf_counter()
    doc = nlp.get_pipe("it_dates")(doc)
    elapsed = time.perf_counter() - t0
    out = [(s.start_char, s.end_char, s.text, s._.date_value.value) for s in doc.spans["dates"]]
    return out, elapsed


def theirs(text: str, published: dt.date | None):
    from dateparser.search import search_dates

    settings = {"RELATIVE_BASE": dt.datetime.combine(published, dt.time())} if published else {}
    t0 = time.perf_counter()
    try:
        results = search_dates(text, languages=["it"], settings=settings) or []
    except Exception:  # dateparser raises on some inputs; count as nothing found
        results = []
    elapsed = time.perf_counter() - t0
    out, pos = [], 0
    for substring, when in results:
        start = text.find(substring, pos)
        if start < 0:
            start = text.find(substring)
        if start < 0:
            continue
        pos = start + len(substring)
        out.append((start, start + len(substring), substring, when))
    return out, elapsed


def render_like(when: dt.datetime, gold_value: str | None) -> str | None:
    """A dateparser datetime written at the precision of the gold value."""
    if not gold_value:
        return None
    if re.fullmatch(r"\d{4}", gold_value):
        return f"{when.year:04d}"
    if re.fullmatch(r"\d{4}-\d{2}", gold_value):
        return f"{when.year:04d}-{when.month:02d}"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", gold_value):
        return when.date().isoformat()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", gold_value):
        return when.strftime("%Y-%m-%dT%H:%M")
    return when.isoformat()  # cannot match W/Q/season/duration/XXXX values


def score(pred, gold, as_value) -> tuple[int, int, int, list[str]]:
    span_ok = value_ok = exact = 0
    notes = []
    used = set()
    pairs = dict(pair_spans([(g["start"], g["end"]) for g in gold], [(p[0], p[1]) for p in pred]))
    for gi, g in enumerate(gold):
        hit = pairs.get(gi)
        if hit is None:
            notes.append(f"  miss  {g['text']!r} = {g['value']}")
            continue
        used.add(hit)
        span_ok += 1
        exact += (pred[hit][0], pred[hit][1]) == (g["start"], g["end"])
        value = as_value(pred[hit][3], g["value"])
        if value == g["value"]:
            value_ok += 1
        else:
            notes.append(f"  value {pred[hit][2]!r} = {value} (gold {g['text']!r} = {g['value']})")
    for i, p in enumerate(pred):
        if i not in used:
            notes.append(f"  extra {p[2]!r} = {p[3]}")
    return span_ok, value_ok, exact, notes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=Path("corpus"))
    parser.add_argument("--gold", type=Path, default=None, help="default: <corpus>/gold")
    parser.add_argument("--out", type=Path, default=Path(".bench/dates.txt"))
    parser.add_argument("--min-seconds", type=float, default=0.05, help="per article, ours")
    parser.add_argument("--no-dateparser", action="store_true")
    parser.add_argument("--diff", action="store_true", help="list misses/wrong values (ours)")
    args = parser.parse_args()
    gold_dir = args.gold or args.corpus / "gold"

    nlp = spacy.blank("it")
    nlp.add_pipe("it_dates")
    articles = [a for a in iter_articles(args.corpus) if a.ok]
    if not articles:
        raise SystemExit(f"{args.corpus}: no readable articles")

    if not args.no_dateparser:  # warm up: dateparser loads its Italian data on first use
        theirs("Il 16 marzo 2024 e ieri.", dt.date(2024, 5, 20))
    rows = []
    totals = {
        "words": 0,
        "gold": 0,
        "o_found": 0,
        "o_span": 0,
        "o_value": 0,
        "o_time": 0.0,
        "o_exact": 0,
        "d_found": 0,
        "d_span": 0,
        "d_value": 0,
        "d_time": 0.0,
        "g_words": 0,
        "d_exact": 0,
    }
    diffs = []
    for art in articles:
        words = len(art.text.split())
        gold = gold_mentions(gold_dir, art.doc_id, "dates")
        pred_o, t_o = timed(lambda art=art: ours(nlp, art.text, art.published), args.min_seconds)
        if args.no_dateparser:
            pred_d, t_d = [], float("nan")
        else:
            pred_d, t_d = theirs(art.text, art.published)  # one run: it is slow
        row = {
            "doc": art.doc_id[:34],
            "words": words,
            "gold": "-" if gold is None else len(gold),
            "o_found": len(pred_o),
            "d_found": len(pred_d),
            "o_ms": 1000 * t_o / words * 1000,
            "d_ms": 1000 * t_d / words * 1000,
        }
        totals["words"] += words
        totals["o_found"] += len(pred_o)
        totals["d_found"] += len(pred_d)
        totals["o_time"] += t_o
        totals["d_time"] += t_d
        if gold is not None:
            so, vo, eo, notes = score(pred_o, gold, lambda v, g: v)
            sd, vd, ed, _ = score(pred_d, gold, render_like)
            row.update(o_span=so, o_value=vo, d_span=sd, d_value=vd, o_exact=eo, d_exact=ed)
            totals["gold"] += len(gold)
            totals["g_words"] += words
            for k, v in (
                ("o_span", so),
                ("o_value", vo),
                ("d_span", sd),
                ("d_value", vd),
                ("o_exact", eo),
                ("d_exact", ed),
            ):
                totals[k] += v
            if notes:
                diffs.append(f"{art.doc_id} (published {art.published}):")
                diffs.extend(notes)
        rows.append(row)

    def cell(r, k):
        v = r.get(k, "-")
        return f"{v:.2f}" if isinstance(v, float) else str(v)

    header = (
        f"{'article':34} {'words':>5} {'gold':>4} | {'ours: found':>11} {'span':>4} {'value':>5} {'ms/1kw':>7} | "
        f"{'dateparser: found':>17} {'span':>4} {'value':>5} {'ms/1kw':>8}"
    )
    lines = [
        "Dates: it_dates vs dateparser.search.search_dates (languages=['it'], RELATIVE_BASE=published)",
        header,
        "-" * len(header),
    ]
    for r in rows:
        lines.append(
            f"{r['doc']:34} {r['words']:>5} {r['gold']:>4} | {cell(r, 'o_found'):>11} {cell(r, 'o_span'):>4} "
            f"{cell(r, 'o_value'):>5} {cell(r, 'o_ms'):>7} | {cell(r, 'd_found'):>17} {cell(r, 'd_span'):>4} "
            f"{cell(r, 'd_value'):>5} {cell(r, 'd_ms'):>8}"
        )
    t = totals
    lines.append("-" * len(header))
    o_ms = 1e6 * t["o_time"] / t["words"]
    d_ms = 1e6 * t["d_time"] / t["words"]
    lines.append(
        f"{'TOTAL':34} {t['words']:>5} {t['gold']:>4} | {t['o_found']:>11} {t['o_span']:>4} {t['o_value']:>5} "
        f"{o_ms:>7.2f} | {t['d_found']:>17} {t['d_span']:>4} {t['d_value']:>5} {d_ms:>8.2f}"
    )
    if t["gold"]:

        def prf(span, exact, value):
            return (
                f"span recall (overlap) {span}/{t['gold']} = {span / t['gold']:.1%}, exact boundaries "
                f"{exact}/{t['gold']} = {exact / t['gold']:.1%}, right value {value}/{t['gold']} = "
                f"{value / t['gold']:.1%}"
            )

        lines.append(f"ours:       {prf(t['o_span'], t['o_exact'], t['o_value'])}")
        lines.append(f"dateparser: {prf(t['d_span'], t['d_exact'], t['d_value'])}")
    # for fairness, ours again with spaCy's tokenizer included (dateparser's time is end to end)
    started, repeats = time.perf_counter(), 0
    while time.perf_counter() - started < max(0.5, args.min_seconds):
        for art in articles:
            doc = nlp.make_doc(art.text)
            doc._.published = art.published
            nlp.get_pipe("it_dates")(doc)
        repeats += 1
    with_tok = 1e6 * (time.perf_counter() - started) / (repeats * t["words"])
    lines.append(f"ours with spaCy's tokenizer included: {with_tok:.2f} ms per 1,000 words")
    if t["o_time"] and t["d_time"] == t["d_time"]:
        lines.append(
            f"speed: it_dates is {t['d_time'] / t['o_time']:.0f}x faster than dateparser "
            f"({o_ms:.2f} vs {d_ms:.2f} ms per 1,000 words)"
        )
    lines.append(
        "found = expressions returned (all articles); span = found expressions overlapping a gold one, "
        "value = of those, value equal to gold (dateparser's datetime written at the gold's precision); "
        "counted on articles with gold only"
    )
    write_report(lines, args.out)
    if args.diff:
        print("\n".join(diffs), file=sys.stderr)


if __name__ == "__main__":
    main()
