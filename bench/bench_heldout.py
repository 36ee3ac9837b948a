"""Held-out test of the date and number recognisers (bench/heldout/*.tsv).

The corpus gold was used to develop ``it_dates`` and ``it_numbers``, so their scores on it
are optimistic. ``bench/heldout/`` holds short news-style sentences written separately,
without looking at the recognisers, and annotated by hand following corpus/GUIDELINES.md:

- ``dates.tsv``: sentence, published (YYYY-MM-DD or empty), expr, value (TIMEX3), type.
  A sentence with a range ("dal 12 al 25 giugno") has one row per date; rows with the same
  sentence and published date are scored together as one document.
- ``numbers.tsv``: sentence, expr, value, qualifier, kind, unit, value_max, currency.
  Rows with an empty ``expr`` are negatives (no number by the guidelines); any number span
  predicted there is a false positive.

Each sentence runs through ``build_nlp("blank")`` with ``doc._.published`` set. Reported:
exact span, overlapping span, value / type (dates) and value / qualifier / kind / unit
(numbers) among the overlapping matches, and false positives (predicted spans matched to
no expected expression, one-to-one, exact matches first, then largest overlap).
Dates also get the ``dateparser.search.search_dates`` baseline: found = a returned string
overlapping the expected expression; value = its ISO date cut to the length of the
expected value, only when that value is a plain YYYY / YYYY-MM / YYYY-MM-DD (other values
are "not comparable" for dateparser).

Prints a table and the failures, and writes the same to .bench/heldout.txt.
``--corpus`` is accepted (``make bench`` passes it) and ignored.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import logging
import re
import sys
import time
import warnings
from collections import OrderedDict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.evaluate import pair_spans, values_equal  # noqa: E402  (after the path)

HELDOUT = ROOT / "bench" / "heldout"
OUT = ROOT / ".bench" / "heldout.txt"
PLAIN_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


# --- reading ---------------------------------------------------------------------------


def read_tsv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    for i, row in enumerate(rows, start=2):
        row["_line"] = i
        for k, v in list(row.items()):
            if isinstance(v, str):
                row[k] = v.strip()
    return rows


def locate(doc, expr: str, line: int) -> tuple[int, int]:
    """Character offsets of ``expr`` in the doc text: the first hit on token boundaries,
    else the first whole-word hit (a gold span may cut a token: "2019" in "2019/2021")."""
    for m in re.finditer(re.escape(expr), doc.text):
        if doc.char_span(m.start(), m.end()) is not None:
            return m.start(), m.end()
    m = re.search(r"(?<!\w)" + re.escape(expr) + r"(?!\w)", doc.text)
    if m:
        return m.start(), m.end()
    raise ValueError(f"line {line}: {expr!r} not found on token boundaries in {doc.text!r}")


def group(rows: list[dict], key) -> OrderedDict[tuple, list[dict]]:
    groups: OrderedDict = OrderedDict()
    for row in rows:
        groups.setdefault(key(row), []).append(row)
    return groups


# --- matching --------------------------------------------------------------------------


def match(gold: list[tuple[int, int]], pred: list[tuple[int, int]]) -> dict[int, int]:
    """One-to-one gold index -> pred index, the scorer's relaxed matching."""
    return dict(pair_spans(gold, pred, "relaxed"))


def pct(n: int, d: int) -> str:
    return f"{n}/{d} ({100.0 * n / d:.1f}%)" if d else f"{n}/0 (-)"


def same_num(pred, gold) -> bool:
    try:
        return values_equal("numbers", gold, pred)
    except (TypeError, ValueError):  # an empty or malformed gold value matches nothing
        return False


def norm(s) -> str:
    return "" if s is None else str(s).strip().lower()


def run_pipeline(nlp, sentence: str, published):
    """Run the pipeline; on an exception return the bare tokenised doc and the error."""
    doc = nlp.make_doc(sentence)
    doc._.published = published
    try:
        return nlp(doc), None
    except Exception as exc:
        bare = nlp.make_doc(sentence)
        return bare, f"{type(exc).__name__}: {exc}"


# --- dates -----------------------------------------------------------------------------


def run_dates(nlp, rows: list[dict], use_dateparser: bool) -> tuple[list[str], list[str]]:
    search_dates = None
    if use_dateparser:
        try:
            from dateparser.search import search_dates  # type: ignore
        except ImportError:  # pragma: no cover
            search_dates = None

    groups = group(rows, lambda r: (r["sentence"], r["published"]))
    n = exact = ovl = val_ok = val_ok_exact = type_ok = fp = fp_sent = 0
    by_type: dict[str, list[int]] = {}
    by_pub: dict[str, list[int]] = {}
    dp_found = dp_comparable = dp_ok = dp_fp = 0
    dp_seconds = 0.0
    crashes = 0
    ours_comp = ours_comp_ok = 0
    failures: list[str] = []
    dp_failures: list[str] = []

    for (sentence, published), exp_rows in groups.items():
        pub = dt.date.fromisoformat(published) if published else None
        doc, err = run_pipeline(nlp, sentence, pub)
        gold = [locate(doc, r["expr"], r["_line"]) for r in exp_rows]
        preds = list(doc.spans["dates"]) if "dates" in doc.spans else []
        if err:
            crashes += 1
            failures.append(f"[CRASH] {sentence}  (pub {published or '-'})\n        {err}")
        pspans = [(s.start_char, s.end_char) for s in preds]
        m = match(gold, pspans)
        for gi, row in enumerate(exp_rows):
            n += 1
            t = by_type.setdefault(row["type"], [0, 0, 0, 0])
            b = by_pub.setdefault("published" if pub else "no published", [0, 0, 0, 0])
            t[0] += 1
            b[0] += 1
            exp = f"{row['expr']!r} {row['value']} {row['type']}"
            comparable_row = bool(PLAIN_DATE.match(row["value"]))
            ours_comp += comparable_row
            pi = m.get(gi)
            if pi is None:
                failures.append(
                    f"[MISS]  {sentence}  (pub {published or '-'})\n"
                    f"        expected {exp}; got {describe_dates(preds) or 'nothing'}"
                )
                continue
            span = preds[pi]
            rec = getattr(span._, "date_value", None)
            pval = getattr(rec, "value", None)
            ptype = getattr(rec, "type", None)
            is_exact = pspans[pi] == gold[gi]
            vok = norm(pval) == norm(row["value"])
            tok = norm(ptype) == norm(row["type"])
            ovl += 1
            t[1] += 1
            b[1] += 1
            exact += is_exact
            val_ok += vok
            ours_comp_ok += vok and comparable_row
            val_ok_exact += vok and is_exact
            type_ok += tok
            t[2] += vok
            b[2] += vok
            t[3] += is_exact
            b[3] += is_exact
            problems = [w for w, bad in (("SPAN", not is_exact), ("VALUE", not vok), ("TYPE", not tok)) if bad]
            if problems:
                failures.append(
                    f"[{'+'.join(problems)}]  {sentence}  (pub {published or '-'})\n"
                    f"        expected {exp}; got {span.text!r} {pval} {ptype}"
                )
        extra = [p for pi, p in enumerate(preds) if pi not in m.values()]
        if extra:
            fp += len(extra)
            fp_sent += 1
            failures.append(f"[FP]    {sentence}  (pub {published or '-'})\n        extra {describe_dates(extra)}")

        if search_dates is not None:
            t0 = time.perf_counter()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                settings = {"RELATIVE_BASE": dt.datetime(pub.year, pub.month, pub.day)} if pub else None
                try:
                    res = search_dates(sentence, languages=["it"], settings=settings) or []
                except Exception as exc:
                    res = []
                    dp_failures.append(f"[DP-ERR] {sentence}: {exc!r}")
            dp_seconds += time.perf_counter() - t0
            dspans = []
            for text, when in res:
                start = sentence.find(text)
                dspans.append(((start, start + len(text)) if start >= 0 else (-1, -1), text, when))
            dm = match(gold, [d[0] for d in dspans])
            dp_fp += len(dspans) - len(dm)
            for gi, row in enumerate(exp_rows):
                comparable = bool(PLAIN_DATE.match(row["value"]))
                dp_comparable += comparable
                di = dm.get(gi)
                if di is None:
                    if comparable:
                        dp_failures.append(f"[DP-MISS] {sentence}: expected {row['expr']!r} {row['value']}")
                    continue
                dp_found += 1
                _, text, when = dspans[di]
                got = when.date().isoformat()[: len(row["value"])]
                if comparable and got == row["value"]:
                    dp_ok += 1
                elif comparable:
                    dp_failures.append(
                        f"[DP-VALUE] {sentence}: expected {row['expr']!r} "
                        f"{row['value']}, got {text!r} {when.isoformat()}"
                    )

    lines = [
        f"DATES (held-out: {n} expressions in {len(groups)} sentences)",
        f"  found, overlapping span      {pct(ovl, n)}",
        f"  found, exact span            {pct(exact, n)}",
        f"  value correct / overlapping  {pct(val_ok, ovl)}",
        f"  value correct / all rows     {pct(val_ok, n)}",
        f"  value correct & exact span   {pct(val_ok_exact, n)}",
        f"  type correct / overlapping   {pct(type_ok, ovl)}",
        f"  false positives (extra spans) {fp} in {fp_sent} sentences",
        f"  pipeline crashes             {crashes} sentences (counted as misses)",
        "  by type          rows  overlap  exact  value-ok",
    ]
    for k in sorted(by_type):
        r = by_type[k]
        lines.append(f"    {k:<14} {r[0]:>5} {r[1]:>8} {r[3]:>6} {r[2]:>9}")
    for k in ("published", "no published"):
        if k in by_pub:
            r = by_pub[k]
            lines.append(f"    {k:<14} {r[0]:>5} {r[1]:>8} {r[3]:>6} {r[2]:>9}")
    if search_dates is not None:
        lines += [
            "  dateparser baseline (search_dates, languages=['it'], RELATIVE_BASE=published)",
            f"    found (overlapping)        {pct(dp_found, n)}",
            f"    value correct, comparable  {pct(dp_ok, dp_comparable)}"
            "   (plain YYYY[-MM[-DD]] values only; dateparser cannot express the rest)",
            f"    false positives            {dp_fp}",
            f"    time                       {dp_seconds:.1f} s",
        ]
        lines.append(
            f"    ours on the same rows      {pct(ours_comp_ok, ours_comp)}   (value correct, overlapping span)"
        )
    return lines, failures, dp_failures


def describe_dates(spans) -> str:
    out = []
    for s in spans:
        rec = getattr(s._, "date_value", None)
        out.append(f"{s.text!r} {getattr(rec, 'value', None)} {getattr(rec, 'type', None)}")
    return "; ".join(out)


# --- numbers ---------------------------------------------------------------------------


def describe_nums(spans) -> str:
    out = []
    for s in spans:
        rec = getattr(s._, "num_value", None)
        out.append(
            f"{s.text!r} {getattr(rec, 'value', None)} {getattr(rec, 'qualifier', None)} "
            f"{getattr(rec, 'kind', None)} unit={getattr(rec, 'unit', None)!r}"
        )
    return "; ".join(out)


def run_numbers(nlp, rows: list[dict]) -> tuple[list[str], list[str]]:
    pos = [r for r in rows if r["expr"]]
    neg = [r for r in rows if not r["expr"]]
    n = exact = ovl = 0
    ok = {"value": 0, "qualifier": 0, "kind": 0, "unit": 0, "all4": 0}
    fp = fp_sent = 0
    neg_fired = neg_spans = 0
    crashes = 0
    by_kind: dict[str, list[int]] = {}
    failures: list[str] = []

    for (sentence,), exp_rows in group(pos, lambda r: (r["sentence"],)).items():
        doc, err = run_pipeline(nlp, sentence, None)
        gold = [locate(doc, r["expr"], r["_line"]) for r in exp_rows]
        preds = list(doc.spans["numbers"]) if "numbers" in doc.spans else []
        if err:
            crashes += 1
            failures.append(f"[CRASH] {sentence}\n        {err}")
        pspans = [(s.start_char, s.end_char) for s in preds]
        m = match(gold, pspans)
        for gi, row in enumerate(exp_rows):
            n += 1
            k = by_kind.setdefault(row["kind"], [0, 0, 0, 0])
            k[0] += 1
            exp = f"{row['expr']!r} {row['value']} {row['qualifier']} {row['kind']} unit={row['unit'] or None!r}"
            pi = m.get(gi)
            if pi is None:
                failures.append(f"[MISS]  {sentence}\n        expected {exp}; got {describe_nums(preds) or 'nothing'}")
                continue
            span = preds[pi]
            rec = getattr(span._, "num_value", None)
            is_exact = pspans[pi] == gold[gi]
            checks = {
                "value": same_num(getattr(rec, "value", None), row["value"]),
                "qualifier": norm(getattr(rec, "qualifier", None)) == norm(row["qualifier"]),
                "kind": norm(getattr(rec, "kind", None)) == norm(row["kind"]),
                "unit": norm(getattr(rec, "unit", None)) == norm(row["unit"]),
            }
            ovl += 1
            exact += is_exact
            k[1] += 1
            k[2] += is_exact
            k[3] += checks["value"]
            for name, good in checks.items():
                ok[name] += good
            ok["all4"] += all(checks.values())
            problems = (["SPAN"] if not is_exact else []) + [c.upper() for c, g in checks.items() if not g]
            if problems:
                failures.append(
                    f"[{'+'.join(problems)}]  {sentence}\n        expected {exp}; got {describe_nums([span])}"
                )
        extra = [p for pi, p in enumerate(preds) if pi not in m.values()]
        if extra:
            fp += len(extra)
            fp_sent += 1
            failures.append(f"[FP]    {sentence}\n        extra {describe_nums(extra)}")

    for row in neg:
        doc, err = run_pipeline(nlp, row["sentence"], None)
        preds = list(doc.spans["numbers"]) if "numbers" in doc.spans else []
        if err:
            crashes += 1
            failures.append(f"[CRASH] {row['sentence']}\n        {err}")
        if preds:
            neg_fired += 1
            neg_spans += len(preds)
            failures.append(f"[NEG-FP] {row['sentence']}\n        expected no number; got {describe_nums(preds)}")

    lines = [
        f"NUMBERS (held-out: {n} expressions, {len(neg)} negative sentences)",
        f"  found, overlapping span      {pct(ovl, n)}",
        f"  found, exact span            {pct(exact, n)}",
        f"  value correct / overlapping  {pct(ok['value'], ovl)}",
        f"  value correct / all rows     {pct(ok['value'], n)}",
        f"  qualifier correct / overlap  {pct(ok['qualifier'], ovl)}",
        f"  kind correct / overlap       {pct(ok['kind'], ovl)}",
        f"  unit correct / overlap       {pct(ok['unit'], ovl)}",
        f"  all four correct / all rows  {pct(ok['all4'], n)}",
        f"  false positives (extra spans in positive sentences) {fp} in {fp_sent} sentences",
        f"  negatives wrongly fired      {pct(neg_fired, len(neg))} ({neg_spans} spans)",
        f"  pipeline crashes             {crashes} sentences (counted as misses)",
        "  by kind          rows  overlap  exact  value-ok",
    ]
    for kname in sorted(by_kind):
        r = by_kind[kname]
        lines.append(f"    {kname:<14} {r[0]:>5} {r[1]:>8} {r[2]:>6} {r[3]:>9}")
    return lines, failures


def tree_state() -> str:
    """HEAD commit and whether the recogniser sources differ from it (the tree is shared)."""
    import subprocess

    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, text=True, capture_output=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "pipeline"], cwd=ROOT, text=True, capture_output=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "git state unknown"
    return f"HEAD {head}" + (" (pipeline/ has uncommitted changes)" if dirty else " (pipeline/ clean)")


# --- main ------------------------------------------------------------------------------


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default="corpus", help="ignored (make bench passes it)")
    ap.add_argument("--no-dateparser", action="store_true", help="skip the dateparser baseline")
    ap.add_argument("--out", default=str(OUT))
    ap.add_argument(
        "--dir", type=Path, default=HELDOUT, help="folder with dates.tsv and numbers.tsv (default bench/heldout)"
    )
    args = ap.parse_args(argv)

    logging.disable(logging.WARNING)  # the blank model warns about missing parser/ner
    from pipeline.nlp import build_nlp

    nlp = build_nlp("blank")

    date_rows = read_tsv(args.dir / "dates.tsv")
    num_rows = read_tsv(args.dir / "numbers.tsv")
    d_lines, d_fail, dp_fail = run_dates(nlp, date_rows, not args.no_dateparser)
    n_lines, n_fail = run_numbers(nlp, num_rows)

    buf = io.StringIO()
    print(f"Held-out benchmark ({args.dir.name}/*.tsv), pipeline build_nlp('blank')", file=buf)
    print(f"run {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, {tree_state()}", file=buf)
    print("", file=buf)
    for line in d_lines + [""] + n_lines:
        print(line, file=buf)
    print("", file=buf)
    print(f"DATE FAILURES ({len(d_fail)})", file=buf)
    for f in d_fail:
        print(f, file=buf)
    if dp_fail:
        print("", file=buf)
        print(f"DATEPARSER BASELINE FAILURES ({len(dp_fail)}; comparable rows only)", file=buf)
        for f in dp_fail:
            print(f, file=buf)
    print("", file=buf)
    print(f"NUMBER FAILURES ({len(n_fail)})", file=buf)
    for f in n_fail:
        print(f, file=buf)
    text = buf.getvalue()
    sys.stdout.write(text)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
