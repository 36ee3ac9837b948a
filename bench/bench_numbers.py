"""Numbers: the ``it_numbers`` component against text2num's ``alpha2digit(text, "it")``.

For every corpus article (corpus/articles/*.txt, metadata in corpus/articles.csv):

- ours: it_numbers on a blank Italian Doc (tokenisation excluded from the time). When
  the ``it_dates`` factory is registered it runs first, as in the shipped pipeline, so
  digits inside dates are left alone (its time is not counted); ``--no-dates`` skips it.
- text2num: ``alpha2digit`` rewrites number words as digits; "found" counts the digit
  groups of its output that were not in the input (the numbers it converted), so it is a
  speed reference more than a rival: it has no qualifiers, units, vague quantities or
  Italian digit formats ("1.000", "2,5 milioni").

Where a gold file exists (corpus/gold/<doc_id>.json, list "numbers" of {start, end, text,
value, qualifier, unit, kind}) the table reports for ours: span (offsets overlap a gold
number), exact (same offsets), value, qual(ifier) and unit right among overlapping ones,
and extra (found, overlapping no gold number).

Speed: ms per 1,000 whitespace words, each article repeated until ``--min-seconds``.
Prints a table and writes it to .bench/numbers.txt. ``--diff`` lists misses and errors.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import warnings
from pathlib import Path

import spacy
from benchlib import gold_mentions, timed, write_report

import pipeline  # noqa: F401  (registers factories and extensions)
from pipeline.corpus import iter_articles
from pipeline.evaluate import pair_spans

warnings.filterwarnings("ignore")
DIGIT_GROUP = re.compile(r"\d+(?:[.,]\d+)*")
DATES_ERRORS: set[str] = set()


def ours(nlp, text: str, published, use_dates: bool):
    doc = nlp.make_doc(text)
    doc._.published = published
    if use_dates:
        try:
            doc = nlp.get_pipe("it_dates")(doc)
        except Exception as exc:  # another team's component: report, do not stop the bench
            DATES_ERRORS.add(f"{type(exc).__name__}: {exc}")
    t0 = time.perf_counter()
    doc = nlp.get_pipe("it_numbers")(doc)
    elapsed = time.perf_counter() - t0
    out = [(s.start_char, s.end_char, s.text, s._.num_value) for s in doc.spans["numbers"]]
    return out, elapsed


def theirs(text: str):
    from text_to_num import alpha2digit

    t0 = time.perf_counter()
    converted = alpha2digit(text, "it")
    elapsed = time.perf_counter() - t0
    before = {m.group() for m in DIGIT_GROUP.finditer(text)}
    found = [m.group() for m in DIGIT_GROUP.finditer(converted) if m.group() not in before]
    return found, elapsed


def score(pred, gold):
    counts = dict.fromkeys(("span", "exact", "value", "qual", "unit", "extra"), 0)
    notes, used = [], set()
    pairs = dict(pair_spans([(g["start"], g["end"]) for g in gold], [(p[0], p[1]) for p in pred]))
    for gi, g in enumerate(gold):
        hit = pairs.get(gi)
        if hit is None:
            notes.append(f"  miss  {g['text']!r} = {g['value']} {g['qualifier']} {g.get('unit')}")
            continue
        used.add(hit)
        start, end, text, q = pred[hit]
        counts["span"] += 1
        counts["exact"] += (start, end) == (g["start"], g["end"])
        ok_value = q.value == g["value"]
        counts["value"] += ok_value
        counts["qual"] += q.qualifier == g["qualifier"]
        counts["unit"] += q.unit == g.get("unit")
        if (
            not ok_value
            or q.qualifier != g["qualifier"]
            or q.unit != g.get("unit")
            or (start, end) != (g["start"], g["end"])
        ):
            notes.append(
                f"  diff  {text!r} = {q.value} {q.qualifier} {q.unit} "
                f"(gold {g['text']!r} = {g['value']} {g['qualifier']} {g.get('unit')})"
            )
    for i, p in enumerate(pred):
        if i not in used:
            counts["extra"] += 1
            notes.append(f"  extra {p[2]!r} = {p[3].value} {p[3].qualifier} {p[3].unit}")
    return counts, notes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=Path("corpus"))
    parser.add_argument("--gold", type=Path, default=None, help="default: <corpus>/gold")
    parser.add_argument("--out", type=Path, default=Path(".bench/numbers.txt"))
    parser.add_argument("--min-seconds", type=float, default=0.05, help="per article and tool")
    parser.add_argument("--no-dates", action="store_true", help="do not run it_dates first")
    parser.add_argument("--diff", action="store_true", help="list misses/errors (ours) on stderr")
    args = parser.parse_args()
    gold_dir = args.gold or args.corpus / "gold"

    nlp = spacy.blank("it")
    use_dates = not args.no_dates and nlp.has_factory("it_dates")
    if use_dates:
        nlp.add_pipe("it_dates")
    nlp.add_pipe("it_numbers")
    articles = [a for a in iter_articles(args.corpus) if a.ok]
    if not articles:
        raise SystemExit(f"{args.corpus}: no readable articles")

    keys = ("span", "exact", "value", "qual", "unit", "extra")
    rows, diffs = [], []
    tot = {"words": 0, "gold": 0, "o_found": 0, "o_time": 0.0, "t_found": 0, "t_time": 0.0} | dict.fromkeys(keys, 0)
    for art in articles:
        words = len(art.text.split())
        gold = gold_mentions(gold_dir, art.doc_id, "numbers")
        pred, t_o = timed(lambda art=art: ours(nlp, art.text, art.published, use_dates), args.min_seconds)
        found_t, t_t = timed(lambda art=art: theirs(art.text), args.min_seconds)
        row = {
            "doc": art.doc_id[:34],
            "words": words,
            "gold": "-" if gold is None else len(gold),
            "o_found": len(pred),
            "o_ms": 1e6 * t_o / words,
            "t_found": len(found_t),
            "t_ms": 1e6 * t_t / words,
        }
        tot["words"] += words
        tot["o_found"] += len(pred)
        tot["t_found"] += len(found_t)
        tot["o_time"] += t_o
        tot["t_time"] += t_t
        if gold is not None:
            counts, notes = score(pred, gold)
            row.update(counts)
            tot["gold"] += len(gold)
            for k in keys:
                tot[k] += counts[k]
            if notes:
                diffs.append(f"{art.doc_id}:")
                diffs.extend(notes)
        rows.append(row)

    header = (
        f"{'article':34} {'words':>5} {'gold':>4} | {'ours: found':>11} "
        + " ".join(f"{k:>5}" for k in keys)
        + f" {'ms/1kw':>7} | {'text2num: found':>15} {'ms/1kw':>7}"
    )
    lines = [
        f"Numbers: it_numbers ({'after it_dates' if use_dates else 'no dates component'}) "
        f"vs text_to_num.alpha2digit(text, 'it')",
        header,
        "-" * len(header),
    ]
    for r in rows:
        lines.append(
            f"{r['doc']:34} {r['words']:>5} {r['gold']:>4} | {r['o_found']:>11} "
            + " ".join(f"{r.get(k, '-'):>5}" for k in keys)
            + f" {r['o_ms']:>7.2f} | {r['t_found']:>15} {r['t_ms']:>7.2f}"
        )
    lines.append("-" * len(header))
    o_ms = 1e6 * tot["o_time"] / tot["words"]
    t_ms = 1e6 * tot["t_time"] / tot["words"]
    lines.append(
        f"{'TOTAL':34} {tot['words']:>5} {tot['gold']:>4} | {tot['o_found']:>11} "
        + " ".join(f"{tot[k]:>5}" for k in keys)
        + f" {o_ms:>7.2f} | {tot['t_found']:>15} {t_ms:>7.2f}"
    )
    if tot["gold"]:
        g = tot["gold"]
        matched = max(tot["span"], 1)
        lines.append(
            f"ours on gold articles: span recall {tot['span'] / g:.1%}, exact spans {tot['exact'] / g:.1%}, "
            f"value {tot['value'] / g:.1%}, qualifier {tot['qual'] / g:.1%}, unit {tot['unit'] / g:.1%} "
            f"(of gold); value right on {tot['value'] / matched:.1%} of matched; "
            f"precision {tot['span'] / max(tot['span'] + tot['extra'], 1):.1%}"
        )
    ratio = tot["t_time"] / tot["o_time"] if tot["o_time"] else float("nan")
    speed = f"{ratio:.1f}x faster than" if ratio >= 1 else f"{1 / ratio:.1f}x slower than"
    lines.append(
        f"speed: it_numbers {o_ms:.2f} vs text2num {t_ms:.2f} ms per 1,000 words (it_numbers is {speed} text2num)"
    )
    lines.append(
        "found = expressions returned (all articles); text2num found = digit groups it created; "
        "span..extra counted on articles with number gold only"
    )
    if DATES_ERRORS:
        lines.append(
            f"warning: it_dates failed on some articles (numbers ran without date spans there): "
            f"{'; '.join(sorted(DATES_ERRORS))[:300]}"
        )
    write_report(lines, args.out)
    if args.diff:
        print("\n".join(diffs), file=sys.stderr)


if __name__ == "__main__":
    main()
