"""Passes over the chosen matches of a text, after the rules: cue words give mods
(entro -> BEFORE), neighbouring dates become ranges, a month without year takes a year
written earlier in the sentence, anaphoric dates ("il mese successivo") resolve against
the preceding date, clock times take their day, and a date followed by its clock time
becomes one TIME."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from ...inventories import TIMEX_MODS
from .calendar import offset_value, shift_month
from .context import cue_before, cue_role
from .lexicon import DateLexicon
from .records import DATE, REFS, TIME, Found, date_value, parse_full, unknown

ANAPHORA_WINDOW = 400  # characters between an anaphoric expression and its antecedent
CLOCK_WINDOW = 40  # characters between a date and the clock time that takes its day
SENTENCE_BREAK = re.compile(r"[.!?;]\s|\n")
CLAUSE_BREAK = re.compile(r"[.!?;\n]")
DAY_PRECISION = {"D": 2, "W": 2, "TH": 2, "TM": 2, "TS": 2, "M": 1, "Q": 1}


BARE_DAY_WINDOW = 600  # characters between a bare day after a weak cue and the date that licenses it
BARE_DAY_RULES = ("bare_day", "numeric_dm")


def bare_days(lex: DateLexicon, text: str, found: list[Found]) -> list[Found]:
    """A bare day ("il 15") after a weak cue is a date only in a date context: another
    date before it in the paragraph, a clock time right after it, or the other end of a
    range of bare days ("dal 12 al 15"). A bare day in the sentence of a preceding date
    with a month takes that month ("dal 12 maggio al 15", "il 28 maggio e il 3": June)."""
    keep: list[Found] = []
    for i, f in enumerate(found):
        if f.timex.rule not in BARE_DAY_RULES:
            keep.append(f)
            continue
        prev = next(
            (
                p
                for p in reversed(keep)
                if p.timex.type in (DATE, TIME)
                and p.timex.value
                and p.timex.value[:1].isdigit()
                and p.timex.rule not in BARE_DAY_RULES
                and "\n\n" not in text[p.end : f.start]
                and f.start - p.end <= BARE_DAY_WINDOW
            ),
            None,
        )
        if f.needs_link and not (
            prev is not None
            and prev is (keep[-1] if keep else None)
            and lex.range_link_re.match(text[prev.end : f.start])
        ):
            continue
        if f.weak and prev is None and not _bare_day_partner(lex, text, found, i):
            continue
        f.needs_link = False
        f.weak = False
        keep.append(f)
        if f.timex.rule == "bare_day" and f.timex.value:
            _month_from_neighbour(text, f, prev, found[i + 1] if i + 1 < len(found) else None)
    return keep


def _month_from_neighbour(text: str, f: Found, prev: Found | None, nxt: Found | None) -> None:
    """A bare day takes the month of a date in its sentence: the preceding one ("dal 28
    maggio al 3": June), else one right after it ("quella del 21, il 28 ottobre")."""
    day = int((f.timex.value or "")[-2:])
    if prev is not None and not SENTENCE_BREAK.search(text[prev.end : f.start]):
        parsed, step = parse_full((prev.timex.value or "")[:10]), 1
    elif (
        nxt is not None
        and nxt.timex.type in (DATE, TIME)
        and nxt.start - f.end <= 40
        and not SENTENCE_BREAK.search(text[f.end : nxt.start])
    ):
        parsed, step = parse_full((nxt.timex.value or "")[:10]), -1
    else:
        return
    if not parsed or parsed[1] is None:
        return
    y, mo, d0 = parsed[0], parsed[1], parsed[2]
    if d0 is not None and (day - d0) * step < 0:
        y, mo = shift_month(y, mo, step)
    try:
        value = dt.date(y, mo, day).isoformat()
    except ValueError:
        return
    f.timex = replace(f.timex, value=value, anchored=True, anchor="context")


def _bare_day_partner(lex: DateLexicon, text: str, found: list[Found], i: int) -> bool:
    """Two bare days linked as a range or list ("dal 12 al 15", "il 3 e il 5"), or a bare
    day followed by its clock time ("il 15 alle 18")."""
    f = found[i]
    for a, b in ((found[i - 1] if i else None, f), (f, found[i + 1] if i + 1 < len(found) else None)):
        if a is None or b is None:
            continue
        gap = text[a.end : b.start]
        if b is not f and b.timex.type == TIME and len(gap) <= 12 and not CLAUSE_BREAK.search(gap):
            return True
        if (
            a.timex.rule in BARE_DAY_RULES
            and b.timex.rule in BARE_DAY_RULES
            and len(gap) <= 12
            and not CLAUSE_BREAK.search(gap)
        ):
            return True
    return False


def apply_cues(lex: DateLexicon, text: str, found: list[Found]) -> None:
    """'entro il 15 marzo' -> BEFORE, 'dal 2020' -> ON_OR_AFTER (not inside a range)."""
    for f in found:
        t = f.timex
        if t.type not in (DATE, TIME) or t.mod is not None or t.range_role or t.value is None or t.value in REFS:
            continue
        role = cue_role(lex, text, f.start)
        if role in TIMEX_MODS:
            f.timex = replace(t, mod=role)


def link_ranges(lex: DateLexicon, text: str, found: list[Found]) -> None:
    """'dal 2020 al 2023', 'tra marzo e aprile', 'maggio-giugno': two linked spans."""
    for a, b in zip(found, found[1:]):
        if a.timex.range_role or a.timex.type != b.timex.type or a.timex.type not in (DATE, TIME):
            continue
        between = text[a.end : b.start]
        if not lex.range_link_re.match(between):
            continue
        hyphen = between.strip() in ("-", "–")
        cue = cue_before(lex, text, a.start)
        if not hyphen and (cue is None or cue not in lex.range_open):
            continue
        ta, tb = a.timex, b.timex
        # the end of a range does not precede its begin: "maggio-giugno" in May 2024
        pa, pb = parse_full(ta.value), parse_full(tb.value)
        if (
            tb.anchor == "published"
            and pa
            and pb
            and pa[1]
            and pb[1]
            and (pb[0], pb[1], pb[2] or 0) < (pa[0], pa[1], pa[2] or 0)
        ):
            year = pa[0] if (pb[1], pb[2] or 0) >= (pa[1], pa[2] or 0) else pa[0] + 1
            tb = replace(tb, value=date_value(year, pb[1], pb[2]))
        # "tra marzo e aprile 2024": the begin takes the end's explicit year
        pa, pb = parse_full(ta.value), parse_full(tb.value)
        if ta.anchored and not tb.anchored and pa and pb and pa[1] and pb[1] and ta.granularity in ("month", "day"):
            year = pb[0] if (pa[1], pa[2] or 0) <= (pb[1], pb[2] or 0) else pb[0] - 1
            ta = replace(ta, value=date_value(year, pa[1], pa[2]), anchored=False, anchor=None)
        a.timex = replace(ta, mod=None, range_role="begin", partner_start=b.start, partner_end=b.end)
        b.timex = replace(tb, mod=None, range_role="end", partner_start=a.start, partner_end=a.end)


def years_from_context(lex: DateLexicon, text: str, found: list[Found]) -> None:
    """'Europeo del 2011 ... dal 12 al 25 giugno': a month or day without year takes an
    explicit year written earlier in the same sentence (before the publication year)."""
    for i, f in enumerate(found):
        t = f.timex
        if t.type != DATE or t.granularity not in ("day", "month") or not t.value:
            continue
        if t.rule not in ("day_month", "day_range", "month", "qualified") or not (
            t.value.startswith("XXXX-") or t.anchor == "published"
        ):
            continue
        if t.anchor == "published" and t.rule == "month" and lex.rel_re.search(text[f.start : f.end]):
            continue  # "lo scorso luglio" is relative to today, not to a year in the sentence
        for p in reversed(found[:i]):
            if SENTENCE_BREAK.search(text[p.end : f.start]):
                break
            if p.timex.type == DATE and not p.timex.anchored and p.timex.value and re.match(r"\d{4}", p.timex.value):
                year = p.timex.value[:4]
                f.timex = replace(t, value=year + t.value[4:], anchored=True, anchor="context", flag=None)
                if t.range_role:  # keep the partner consistent
                    for q in found:
                        if (q.start, q.end) == (t.partner_start, t.partner_end) and q.timex.value:
                            q.timex = replace(
                                q.timex, value=year + q.timex.value[4:], anchored=True, anchor="context", flag=None
                            )
                break


def resolve_anaphora(text: str, found: list[Found], ref: dt.date | None = None) -> None:
    """'il mese successivo', 'tre giorni dopo': shift the latest preceding date that is
    precise enough for the unit (a month needs a month, a day needs a day); with none,
    the publication date ("il giorno dopo" opening a text)."""
    anchors: list[tuple[int, tuple[int, int | None, int | None]]] = []
    paragraph = -1
    for f in found:
        par = text.count("\n\n", 0, f.start)
        if par != paragraph:  # antecedents stay within their paragraph
            anchors, paragraph = [], par
        if f.pending is None:
            parsed = parse_full(f.timex.value)
            if parsed and f.timex.type == DATE:
                anchors.append((f.end, parsed))
            continue
        unit, n = f.pending
        f.pending = None
        need = DAY_PRECISION.get(unit, 0)
        anchor = next(
            (
                a
                for end, a in reversed(anchors)
                if all(x is not None for x in a[: need + 1]) and f.start - end <= ANAPHORA_WINDOW
            ),
            None,
        )
        value, gran = offset_value(anchor, unit, n) if anchor else (None, None)
        if value is None and ref is not None and unit == "D" and abs(n) == 1:  # "il giorno dopo"
            value, gran = offset_value((ref.year, ref.month, ref.day), unit, n)
            f.timex = replace(f.timex, value=value, granularity=gran, anchored=True, anchor="published", flag=None)
            continue
        if value is None:
            value, gran = unknown(unit)
            f.timex = replace(f.timex, value=value, granularity=gran, flag="unresolved")
            continue
        f.timex = replace(f.timex, value=value, granularity=gran, anchored=True, anchor="preceding", flag=None)
        parsed = parse_full(value)
        if parsed:
            anchors.append((f.end, parsed))


def attach_clock_dates(text: str, found: list[Found], ref: dt.date | None) -> None:
    """A clock time takes the day of the date just before it, else the publication day."""
    for i, f in enumerate(found):
        t = f.timex
        if t.type != TIME or not t.value or not t.value.startswith("XXXX-XX-XXT"):
            continue
        clock = t.value[len("XXXX-XX-XX") :]
        day = anchor = None
        if i > 0:
            p = found[i - 1]
            gap = text[p.end : f.start]
            if len(gap) <= CLOCK_WINDOW and not CLAUSE_BREAK.search(gap):
                parsed = parse_full(p.timex.value)
                if parsed and parsed[2] is not None:
                    day, anchor = date_value(*parsed), "preceding"
                elif p.timex.value and re.match(r"^\d{4}-\d{2}-\d{2}T", p.timex.value):
                    day, anchor = p.timex.value[:10], "preceding"
        if day is None and ref is not None:
            day, anchor = ref.isoformat(), "published"
        if day is not None:
            f.timex = replace(t, value=day + clock, anchored=True, anchor=anchor, flag=None)


def merge_date_and_clock(lex: DateLexicon, text: str, found: list[Found]) -> list[Found]:
    """'20 maggio 2024 alle 15:30' is one TIME (corpus/GUIDELINES.md §3): a calendar
    date with its day written out, then a clock time. Deictic days stay apart from
    the clock ('ieri alle 15', 'in data odierna alle ore 17:00')."""
    out: list[Found] = []
    i = 0
    while i < len(found):
        a = found[i]
        b = found[i + 1] if i + 1 < len(found) else None
        if (
            b is not None
            and a.timex.type == DATE
            and a.timex.valid
            and a.timex.granularity == "day"
            and a.timex.rule in ("day_month", "numeric", "iso")
            and not a.timex.range_role
            and b.timex.type == TIME
            and b.timex.rule in ("clock", "clock_words")
            and not b.timex.range_role
            and b.timex.value
            and b.timex.value[:10] == (a.timex.value or "")[:10]
            and lex.date_clock_gap_re.match(text[a.end : b.start])
        ):
            merged = replace(
                b.timex,
                anchored=a.timex.anchored,
                anchor=a.timex.anchor,
                flag=a.timex.flag,
                mod=a.timex.mod,
                rule="date_clock",
            )
            out.append(Found(a.start, b.end, merged))
            i += 2
            continue
        out.append(a)
        i += 1
    return out
