"""The normalisation functions of the date rules, keyed by rule name (:data:`HANDLERS`).

Each handler gets the rule's match (groups read from the original text) and a
:class:`~.context.Ctx`, and returns a :class:`~.records.Found`, a list of them, or None
to reject the match. Words are looked up in the compiled lexicon (``c.lex``); the rule
patterns themselves are data (``pipeline/lang/it/date_rules.json``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from ...inventories import roman_to_int
from ..numbers import parse_ordinal
from .calendar import (
    apply_pod,
    duration_value,
    easter,
    iso_week,
    nth_weekday_of_month,
    offset_value,
    resolve_day_of_month,
    resolve_month,
    resolve_season,
    resolve_weekday,
    resolve_yearly,
    shift_month,
    this_season_year,
    weekday_day_date,
    weekend_monday,
)
from .context import Ctx, capitalised_inside_sentence, cue_role, next_word, prev_word, proper_name_context
from .lexicon import key
from .numerals import century_of, decade_of, decade_of_digits, elided_value, hour_of, number_value
from .records import DATE, DURATION, SET, TIME, Found, date_value, unknown

Result = Found | list[Found] | None
Handler = Callable[[Any, Ctx], Result]

# direction codes of relative words -> direction of the calendar resolvers
DIRECTION = {"PREV": "prev", "NEXT": "next"}


def _rel_direction(c: Ctx, m: Any, *groups: str) -> str | None:
    code = c.lex.direction(*(m[g] for g in groups))
    return DIRECTION.get(code or "")


def _count(c: Ctx, m: Any) -> tuple[bool, int | float | None]:
    """(ok, n) of the quantity before a unit: digits or a number word, None for a vague
    count (qualche), an elided number ("trent'anni", "mezz'ora" 0.5)."""
    if m["n"] is not None:
        w = key(m["n"])
        if w in c.lex.vague_counts:
            return True, None
        n = number_value(w)
        return n is not None, n
    stem = key(m["napos"]).rstrip("'")
    if stem in c.lex.halves_elided:
        n_half: int | float | None = 0.5
    else:
        n_half = elided_value(stem)
    if n_half is None:
        return False, None
    unit = key(m["unit"])
    # an elided one or half takes a singular unit (un'ora, mezz'ora), a tens a plural one
    if (n_half in (1, 0.5)) != (unit in c.lex.singular_units):
        return False, None
    return True, n_half


def numeric(m: Any, c: Ctx) -> Result:
    if m["mon"]:
        return None if m["sep"] == "." else day_month_sep(m, c)
    d, mo, ys = int(m["d"]), int(m["m"]), m["y"]
    if m["sep"] == "-" and len(ys) == 2 and (len(m["d"]) != 2 or len(m["m"]) != 2):
        return None  # "15-01-21" is a date, "3-1-21" a score or a code
    if mo > 12 and 1 <= d <= 12 and mo <= 31:
        d, mo = mo, d  # "03/25/2021": only the month-first reading is a date
    y = int(ys)
    if len(ys) == 2:
        pivot = (c.ref.year % 100 + 10) if c.ref else 30
        y += 2000 if y <= pivot else 1900
    if mo > 12 or d == 0 or mo == 0:
        return None if mo > 31 else c.invalid(m.start(), m.end(), "numeric")
    return c.day(m.start(), m.end(), y, mo, d, "numeric")


def iso(m: Any, c: Ctx) -> Result:
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    if not 1 <= mo <= 12 or (m["sep"] != "-" and (len(m["m"]) != 2 or len(m["d"]) != 2)):
        return None
    return c.day(m.start(), m.end(), y, mo, d, "iso")


def day_month(m: Any, c: Ctx) -> Result:
    if "wd" not in m.re.groupindex:  # day_month_words: a day as a number word, no weekday or prefix
        m = _Groups(m)
    lex, mon_text = c.lex, m["mon"]
    if (
        lex.is_month_abbr(mon_text)
        and not m["y"]
        and key(mon_text).rstrip(".") in lex.month_ambiguous
        and not m["wd"]
        and not _bare_day_cue(c, m.start())
    ):
        return None  # an ambiguous abbreviation (mar, set) is a month with a year, a weekday or a date cue
    if "ddot" in m.re.groupindex and m["ddot"] and not m["y"]:
        return None  # "16. nov. 2016": the dot after the day only with a year
    if proper_name_context(lex, c.text, m.start(), mon_text):
        return None
    day, month = lex.day_number(m["d"]), lex.month_number(mon_text)
    if day is None or month is None:
        return None
    direction = _rel_direction(c, m, "rel", "pre")
    if m["y"]:
        found = c.day(m.start(), m.end(), int(m["y"]), month, day, "day_month")
    elif direction and c.ref is not None:
        try:
            d = resolve_yearly(month, day, c.ref, direction)
        except ValueError:
            return c.invalid(m.start(), m.end(), "day_month")
        found = c.day(m.start(), m.end(), d.year, month, day, "day_month", anchored=True)
    elif c.ref is not None:
        year = c.ref.year
        if (month, day) < (c.ref.month, c.ref.day) and c.future_sentence(m.start()):
            year += 1  # "si terrà il 3 marzo", published in May: next March
        found = c.day(m.start(), m.end(), year, month, day, "day_month", anchored=True)
    else:
        found = c.day(m.start(), m.end(), None, month, day, "day_month")
    value = found.timex.value
    if (
        m["wd"]
        and found.timex.valid
        and value
        and value[0] != "X"
        and dt.date.fromisoformat(value).isoweekday() != lex.weekday_number(m["wd"])
    ):
        found.timex = replace(found.timex, flag="weekday_mismatch")
    return found


def day_range(m: Any, c: Ctx) -> Result:
    month = c.lex.months[key(m["mon"])]
    d1, d2 = c.lex.day_number(m["d1"]), c.lex.day_number(m["d2"])
    if d1 is None or d2 is None or d1 >= d2:
        return None
    year = int(m["y"]) if m["y"] else (c.ref.year if c.ref else None)
    anchored = not m["y"] and c.ref is not None
    if anchored and c.ref is not None and (month, d2) < (c.ref.month, c.ref.day) and c.future_sentence(m.start()):
        year = c.ref.year + 1  # "dall'11 al 29 gennaio andrà in porto", published in May: next January
    s1 = "s1" if "s1" in m.re.groupindex else "d1"
    a = c.day(m.start(s1), m.end("d1"), year, month, d1, "day_range", anchored=anchored)
    b = c.day(m.start("s2"), m.end("s2"), year, month, d2, "day_range", anchored=anchored)
    if c.rule == "day_list":  # "l'8 e 9 giugno": two dates, not a range
        return [a, b]
    a.timex = replace(a.timex, range_role="begin", partner_start=b.start, partner_end=b.end)
    b.timex = replace(b.timex, range_role="end", partner_start=a.start, partner_end=a.end)
    return [a, b]


class _Groups:
    """A match whose groups missing from its pattern read as None."""

    def __init__(self, m: Any) -> None:
        self.m, self.re = m, m.re

    def __getitem__(self, name: str) -> str | None:
        return self.m[name] if name in self.m.re.groupindex else None

    def start(self, group: int | str = 0) -> int:
        return int(self.m.start(group))

    def end(self, group: int | str = 0) -> int:
        return int(self.m.end(group))


def _bare_day_cue(c: Ctx, start: int) -> str | None:
    """The bare-day cue (il, entro il, dal...) right before ``start``, if any."""
    cue = c.lex.bare_day_cue_re.search(c.text, max(0, start - 30), start)
    return key(cue.group(1)) if cue else None


def _after_date_preposition(c: Ctx, start: int) -> bool:
    """'a Marzo', 'entro Marzo': a preposition of a date (not an article) before ``start``."""
    word = prev_word(c.text, start)
    if word is None:
        return False
    w = key(word)
    return w in c.lex.roles and w not in c.lex.articles


def _after_count(c: Ctx, start: int) -> bool:
    """The word before ``start`` is a number (digits or a number word): 'ore' is a unit."""
    word = prev_word(c.text, start)
    return word is not None and (word.isdigit() or number_value(key(word)) is not None)


def _bare_direction(c: Ctx, m: Any, start: int) -> str:
    """Past by default; future after entro/fino a/per or in a future-tense sentence."""
    role = cue_role(c.lex, c.text, start)
    if "cue" in m.re.groupindex and m["cue"]:  # the bare-day cue itself: "per il" -> FOR
        cue = key(m["cue"])
        role = c.lex.roles.get(cue) or c.lex.roles.get(cue.split(" ")[0]) or role
    if role in ("BEFORE", "ON_OR_BEFORE", "FOR"):
        return "future"
    return c.default_direction(start)


def bare_day(m: Any, c: Ctx) -> Result:
    """'entro il 3', 'per il 27', 'dal 12 maggio al 15': a day of the month of the
    publication date (or of the preceding date: see the post-pass)."""
    if m["m"]:
        return numeric_dm(m, c)
    day = c.lex.day_number(m["d"])
    if day is None:
        return None
    start, end = m.start("d"), m.end("d")
    weak = c.lex.bare_day_cues[key(m["cue"])] == "WEAK" and not c.future_sentence(start)
    if c.ref is None:
        found = c.make(start, end, f"XXXX-XX-{day:02d}", DATE, "day")
    else:
        d = resolve_day_of_month(day, c.ref, _bare_direction(c, m, start))
        if d is None:
            return None
        found = c.make(start, end, d.isoformat(), DATE, "day", anchored=True)
    found.weak = weak
    found.needs_link = m["close"] is None
    return found


def numeric_dm(m: Any, c: Ctx) -> Result:
    """'entro il 20/5', 'il 16/09': day and month in digits, the year of the publication date."""
    day, month = int(m["d"]), int(m["m"])
    start, end = m.start("d"), m.end()
    if c.ref is None:
        found = c.day(start, end, None, month, day, "numeric_dm")
    else:
        year = c.ref.year
        direction = _bare_direction(c, m, start)
        if direction == "future" and (month, day) < (c.ref.month, c.ref.day):
            year += 1
        found = c.day(start, end, year, month, day, "numeric_dm", anchored=True)
    found.weak = c.lex.bare_day_cues[key(m["cue"])] == "WEAK" and not c.future_sentence(start)
    return found


def day_month_sep(m: Any, c: Ctx) -> Result:
    """'1-gen', '2/ott/2022', '1-gen-22'."""
    day, month = c.lex.day_number(m["d"]), c.lex.month_number(m["mon"])
    if day is None or month is None:
        return None
    ys = m["y2"]
    if ys:
        y = int(ys)
        if len(ys) == 2:
            pivot = (c.ref.year % 100 + 10) if c.ref else 30
            y += 2000 if y <= pivot else 1900
        return c.day(m.start(), m.end(), y, month, day, "day_month")
    if c.ref is None:
        return c.day(m.start(), m.end(), None, month, day, "day_month")
    year = c.ref.year
    if (month, day) < (c.ref.month, c.ref.day) and c.future_sentence(m.start()):
        year += 1
    return c.day(m.start(), m.end(), year, month, day, "day_month", anchored=True)


def weekday_day(m: Any, c: Ctx) -> Result:
    """'sabato 16': the day decides, the weekday checks (flag weekday_mismatch when no
    month around the publication date has that day on that weekday)."""
    lex = c.lex
    day = lex.day_number(m["d"])
    if day is None or proper_name_context(lex, c.text, m.start(), None):
        return None
    wd = lex.weekday_number(m["wd"])
    if c.ref is None:
        return c.make(m.start(), m.end(), f"XXXX-XX-{day:02d}", DATE, "day")
    direction = _bare_direction(c, m, m.start())
    d = weekday_day_date(day, wd, c.ref, direction)
    if d is not None:
        return c.make(m.start(), m.end(), d.isoformat(), DATE, "day", anchored=True)
    nxt = next_word(c.text, m.end())
    if nxt is not None and nxt.isalpha() and nxt.islower() and nxt not in lex.after_day_words:
        return None  # "sabato 3 persone": a count after the weekday, not its day
    d = resolve_day_of_month(day, c.ref, direction)
    if d is None:
        return None
    return c.make(m.start(), m.end(), d.isoformat(), DATE, "day", anchored=True, flag="weekday_mismatch")


def nth_weekday(m: Any, c: Ctx) -> Result:
    """'il secondo martedì di marzo', "l'ultimo venerdì del mese"."""
    lex = c.lex
    word = key(m["ord"])
    n = -1 if word in lex.last_ordinals else parse_ordinal(word)
    if n is None or not (n == -1 or 1 <= n <= 5):
        return None
    wd = lex.weekday_number(m["wd"])
    start, end = m.start("ord"), m.end()
    if m["mon"]:
        month = lex.months[key(m["mon"])]
        if m["y"]:
            year: int | None = int(m["y"])
        elif c.ref is not None:
            year = resolve_month(month, c.ref, c.default_direction(start))
        else:
            year = None
    else:
        if c.ref is None:
            return c.make(start, end, "XXXX-XX-XX", DATE, "day", flag="unresolved")
        shift = {"PREV": -1, "NEXT": 1}.get(lex.direction(m["rel"]) or "", 0)
        year, month = shift_month(c.ref.year, c.ref.month, shift)
    if year is None:
        return c.make(start, end, f"XXXX-{month:02d}", DATE, "month", flag="unresolved")
    d = nth_weekday_of_month(year, month, wd, n)
    if d is None:
        return c.invalid(start, end, "nth_weekday")
    return c.make(start, end, d.isoformat(), DATE, "day", anchored=not m["y"])


def weekday_week(m: Any, c: Ctx) -> Result:
    """'martedì della settimana prossima', 'lunedì di questa settimana'."""
    wd = c.lex.weekday_number(m["wd"])
    code = c.lex.direction(m["pre"], m["rel"])
    n = {"PREV": -1, "NEXT": 1}.get(code or "", 0)
    if c.ref is None:
        return c.make(m.start(), m.end(), f"XXXX-WXX-{wd}", DATE, "day", flag="unresolved")
    monday = c.ref - dt.timedelta(days=c.ref.isoweekday() - 1)
    d = monday + dt.timedelta(days=7 * n + wd - 1)
    return c.make(m.start(), m.end(), d.isoformat(), DATE, "day", anchored=True)


def month_year(m: Any, c: Ctx) -> Result:
    if proper_name_context(c.lex, c.text, m.start(), m["mon"]):
        return None
    ys = m["y"]
    if ys[0] in "'’":
        yy = int(ys[1:])
        pivot = (c.ref.year % 100 + 10) if c.ref else 30
        y = yy + (2000 if yy <= pivot else 1900)
    else:
        y = int(ys)
    return c.make(
        m.start(), m.end(), date_value(y, c.lex.month_number(m["mon"]), None), DATE, "month", rule="month_year"
    )


def month(m: Any, c: Ctx) -> Result:
    lex, mon_text = c.lex, m["mon"]
    if proper_name_context(lex, c.text, m.start(), mon_text):
        return None
    if (
        not m["pre"]
        and not m["mnoun"]
        and capitalised_inside_sentence(c.text, m.start(), mon_text)
        and not _after_date_preposition(c, m.start())
    ):
        return None
    month_n = lex.months[key(mon_text)]
    direction = _rel_direction(c, m, "pre", "rel") or c.default_direction(m.start())
    start, end = m.start(), m.end()
    shift: int | None = None
    if m["yn"]:  # "dicembre di due anni fa"
        n = number_value(key(m["yn"]))
        if n is None:  # "marzo di qualche anno fa": the month alone
            end = m.end("mon")
        else:
            shift = -n
    elif m["ya"]:  # "marzo dell'anno scorso"
        shift = -1 if lex.direction(m["ya"]) == "PREV" else 1
    elif m["yq"]:  # "marzo di quest'anno"
        shift = 0
    if shift is not None:
        if c.ref is None:
            return c.make(start, end, date_value(None, month_n, None), DATE, "month", rule="month", flag="unresolved")
        return c.make(
            start, end, date_value(c.ref.year + shift, month_n, None), DATE, "month", rule="month_rel", anchored=True
        )
    if m["mnoun"]:
        start = m.start("mnoun")
    if c.ref is None:
        return c.make(start, end, date_value(None, month_n, None), DATE, "month", rule="month")
    y = resolve_month(month_n, c.ref, direction)
    return c.make(start, end, date_value(y, month_n, None), DATE, "month", rule="month", anchored=True)


def qualified(m: Any, c: Ctx) -> Result:
    lex = c.lex
    q = key(m["q"])
    mod = lex.qualifiers[q]
    s, e = m.start(), m.end()
    if m["mon"]:
        if proper_name_context(lex, c.text, m.start("mon"), m["mon"]):
            return None
        month_n = lex.months[key(m["mon"])]
        if m["y"]:
            return c.make(s, e, date_value(int(m["y"]), month_n, None), DATE, "month", mod=mod)
        if c.ref is None:
            return c.make(s, e, date_value(None, month_n, None), DATE, "month", mod=mod)
        y = resolve_month(month_n, c.ref, c.default_direction(s))
        return c.make(s, e, date_value(y, month_n, None), DATE, "month", mod=mod, anchored=True)
    if m["y2"]:
        return c.make(s, e, m["y2"], DATE, "year", mod=mod)
    if m["unit_ym"]:
        if q in lex.plural_qualifiers:
            return None
        unit = lex.unit_code(m["unit_ym"])
        code = lex.direction(m["rel"])
        n = -1 if code == "PREV" else (1 if code else 0)
        if c.ref is None:
            value, gran = unknown(unit)
            return c.make(s, e, value, DATE, gran, mod=mod, flag="unresolved")
        value2, gran2 = offset_value((c.ref.year, c.ref.month, c.ref.day), unit, n)
        return c.make(s, e, value2, DATE, gran2, mod=mod, anchored=True)
    if m["seas"]:
        code = lex.seasons[key(m["seas"])]
        if m["y3"]:
            return c.make(s, e, f"{m['y3']}-{code}", DATE, "season", mod=mod)
        if c.ref is None:
            return c.make(s, e, f"XXXX-{code}", DATE, "season", mod=mod)
        y = resolve_season(code, c.ref, c.default_direction(s))
        return c.make(s, e, f"{y}-{code}", DATE, "season", mod=mod, anchored=True)
    if m["week"]:
        if mod != "START":  # "fine settimana" is the weekend rule; "metà settimana" rare
            return None
        if c.ref is None:
            return c.make(s, e, "XXXX-WXX", DATE, "week", mod=mod, flag="unresolved")
        return c.make(s, e, iso_week(c.ref), DATE, "week", mod=mod, anchored=True)
    if m["cent"]:
        number = number_value(key(m["cent"]))
        cent = century_of(number) if number is not None else None
        if cent is None:
            return None
        return c.make(s, e, str(cent), DATE, "century", mod=mod)
    return None


def season(m: Any, c: Ctx) -> Result:
    code = c.lex.seasons[key(m["seas"])]
    if m["seas"][0].isupper() and proper_name_context(c.lex, c.text, m.start(), m["seas"]):
        return None
    if (
        not m["y"]
        and not m["pre"]
        and not m["this"]
        and capitalised_inside_sentence(c.text, m.start("seas"), m["seas"])
    ):
        return None
    if m["y"]:
        return c.make(m.start(), m.end(), f"{m['y']}-{code}", DATE, "season")
    if c.ref is None:
        return c.make(m.start(), m.end(), f"XXXX-{code}", DATE, "season")
    direction = _rel_direction(c, m, "pre", "rel")
    if direction:
        y = resolve_season(code, c.ref, direction)
    elif m["this"]:
        y = this_season_year(code, c.ref)
    else:
        y = resolve_season(code, c.ref, c.default_direction(m.start()))
    return c.make(m.start(), m.end(), f"{y}-{code}", DATE, "season", anchored=True)


def _decade(digits: str | None, word: str | None) -> tuple[str, str | None] | None:
    if digits:
        return decade_of_digits(digits)
    value = number_value(key(word or ""))
    return decade_of(value) if value is not None else None


def decade(m: Any, c: Ctx) -> Result:
    """'anni '90' -> 199; 'anni Settanta e Ottanta' -> 197 and 198 (two dates)."""
    first_val = (m["d4"][:3], None) if m["d4"] else _decade(m["dd"], m["dw"])
    if first_val is None:
        return None
    second = _decade(m["dd2"], m["dw2"]) if m["s2"] else None
    first_end = m.end() if not m["s2"] else m.end("dd") if m["dd"] else m.end("dw") if m["dw"] else m.end("d4")
    first = c.make(m.start(), first_end, first_val[0], DATE, "decade", flag=first_val[1])
    if second is None:
        return first
    return [first, c.make(m.start("s2"), m.end("s2"), second[0], DATE, "decade", flag=second[1])]


def century(m: Any, c: Ctx) -> Result:
    start = m.start()
    if m["r1"] or m["r2"]:
        n = roman_to_int(m["r1"] or m["r2"])
        if not n or n > 21:
            return None
        return c.make(start, m.end(), f"{n - 1:02d}", DATE, "century")
    if m["rel"]:
        if c.ref is None:
            return c.make(start, m.end(), None, DATE, "century", flag="unresolved")
        return c.make(start, m.end(), f"{c.ref.year // 100 - 1:02d}", DATE, "century", anchored=True)
    if m["cw"]:
        if not m["cw"][0].isupper():  # lowercase it is the number (novecento = 900)
            return None
        value = number_value(key(m["cw"]))
        cent = century_of(value) if value is not None else None
        return None if cent is None else c.make(start, m.end(), str(cent), DATE, "century")
    return c.make(start, m.end(), f"1{m['c3']}", DATE, "century")


def deictic(m: Any, c: Ctx) -> Result:
    offset = c.lex.deictic_days[key(m["w"])]
    pod = c.lex.pods[key(m["pod"])] if m["pod"] else None
    if c.ref is None:
        return c.make(
            m.start(),
            m.end(),
            "XXXX-XX-XX" + (f"T{pod}" if pod else ""),
            TIME if pod else DATE,
            "part_of_day" if pod else "day",
            flag="unresolved",
        )
    day = c.ref + dt.timedelta(days=offset)
    if pod:
        return c.make(m.start(), m.end(), f"{day.isoformat()}T{pod}", TIME, "part_of_day", anchored=True)
    return c.make(m.start(), m.end(), day.isoformat(), DATE, "day", anchored=True)


def deictic_part(m: Any, c: Ctx) -> Result:
    if m["w"]:
        offset, pod = c.lex.deictic_parts[key(m["w"])]
    else:
        offset, pod = 0, c.lex.pods[key(m["pod"])]
    if c.ref is None:
        return c.make(m.start(), m.end(), f"XXXX-XX-XXT{pod}", TIME, "part_of_day", rule="deictic", flag="unresolved")
    day = c.ref + dt.timedelta(days=offset)
    return c.make(m.start(), m.end(), f"{day.isoformat()}T{pod}", TIME, "part_of_day", rule="deictic", anchored=True)


def pod_of_day(m: Any, c: Ctx) -> Result:
    """'nel pomeriggio di ieri' -> 2024-05-19TAF, 'nella giornata di ieri' -> 2024-05-19,
    'in serata' -> the reference day TEV (span 'serata')."""
    lex = c.lex
    if m["in"]:
        pod = lex.pods[key(m["in"])]
        start = m.start("in")
        if c.ref is None:
            return c.make(start, m.end(), f"XXXX-XX-XXT{pod}", TIME, "part_of_day")
        return c.make(start, m.end(), f"{c.ref.isoformat()}T{pod}", TIME, "part_of_day", anchored=True)
    word = key(m["pod"])
    pod_code = None if word in lex.whole_day else lex.pods[word]
    typ, gran = (TIME, "part_of_day") if pod_code else (DATE, "day")
    suffix = f"T{pod_code}" if pod_code else ""
    if m["w"]:
        offset = lex.deictic_days[key(m["w"])]
        if c.ref is None:
            return c.make(m.start(), m.end(), "XXXX-XX-XX" + suffix, typ, gran, flag="unresolved")
        day = c.ref + dt.timedelta(days=offset)
    else:
        wd = lex.weekday_number(m["wd"])
        if c.ref is None:
            return c.make(m.start(), m.end(), f"XXXX-WXX-{wd}" + suffix, typ, gran)
        day = resolve_weekday(wd, c.ref, c.default_direction(m.start()))
    return c.make(m.start(), m.end(), day.isoformat() + suffix, typ, gran, anchored=True)


def _weekday_is_name(m: Any, c: Ctx) -> bool:
    """'Domenica Rossi', 'Sabato' as a surname: capitalised, next to a capitalised word."""
    wd = m["wd"]
    if not wd[0].isupper():
        return False
    if not m["pre"] and capitalised_inside_sentence(c.text, m.start(), wd):
        return True
    nxt = next_word(c.text, m.end())
    if nxt and nxt[0].isupper() and nxt.lower() not in c.lex.months:
        return True
    return proper_name_context(c.lex, c.text, m.start(), wd)


def weekday(m: Any, c: Ctx) -> Result:
    if _weekday_is_name(m, c):
        return None
    wd = c.lex.weekday_number(m["wd"])
    direction = _rel_direction(c, m, "pre", "rel") or c.default_direction(m.start())
    pod = c.lex.pods[key(m["pod"])] if m["pod"] else None
    typ, gran = (TIME, "part_of_day") if pod else (DATE, "day")
    suffix = f"T{pod}" if pod else ""
    if c.ref is None:
        return c.make(m.start(), m.end(), f"XXXX-WXX-{wd}" + suffix, typ, gran)
    day = resolve_weekday(wd, c.ref, direction)
    return c.make(m.start(), m.end(), day.isoformat() + suffix, typ, gran, anchored=True)


def night_between(m: Any, c: Ctx) -> Result:
    lex = c.lex
    if m["wd1"]:
        wd1, wd2 = lex.weekday_number(m["wd1"]), lex.weekday_number(m["wd2"])
        if wd2 != wd1 % 7 + 1:
            return None
        if c.ref is None:
            return c.make(m.start(), m.end(), f"XXXX-WXX-{wd1}TNI", TIME, "part_of_day")
        # the night ends on wd2: the most recent wd2 (today included), minus one day
        end = resolve_weekday(wd2, c.ref, c.default_direction(m.start()))
        day = end - dt.timedelta(days=1)
        return c.make(m.start(), m.end(), f"{day.isoformat()}TNI", TIME, "part_of_day", anchored=True)
    month_n = lex.months[key(m["mon"])]
    d1 = lex.day_number(m["d1"])
    if d1 is None:
        return None
    year = int(m["y"]) if m["y"] else (c.ref.year if c.ref else None)
    try:
        value = date_value(year, month_n, d1) if year is None else dt.date(year, month_n, d1).isoformat()
    except ValueError:
        return c.invalid(m.start(), m.end(), "night_between", TIME)
    return c.make(m.start(), m.end(), value + "TNI", TIME, "part_of_day", anchored=bool(year and not m["y"]))


def relative_unit(m: Any, c: Ctx) -> Result:
    lex = c.lex
    unit = lex.unit_code(m["u1"] or m["u2"] or m["u3"])
    rel = key(m["rel1"] or m["rel2"] or "")
    code = lex.relative.get(rel) if rel else "THIS"
    start = m.start()
    if code in ("BEFORE", "AFTER"):
        if unit == "D" and rel in lex.need_article and not m["art"]:
            return None  # "giorno dopo giorno"
        f = c.make(start, m.end(), None, DATE, None, rule="anaphoric")
        f.pending = (unit, -1 if code == "BEFORE" else 1)
        return f
    n = {"PREV": -1, "NEXT": 1}.get(code or "", 0)
    if unit == "D":  # "questo giorno", "il giorno passato"
        if c.ref is None:
            return c.make(start, m.end(), "XXXX-XX-XX", DATE, "day", flag="unresolved")
        return c.make(start, m.end(), (c.ref + dt.timedelta(days=n)).isoformat(), DATE, "day", anchored=True)
    gran = {"W": "week", "M": "month", "Y": "year"}[unit]
    if c.ref is None:
        return c.make(start, m.end(), unknown(unit)[0], DATE, gran, flag="unresolved")
    value, gran2 = offset_value((c.ref.year, c.ref.month, c.ref.day), unit, n)
    return c.make(start, m.end(), value, DATE, gran2, anchored=True)


def weekend(m: Any, c: Ctx) -> Result:
    if c.ref is None:
        return c.make(m.start(), m.end(), "XXXX-WXX-WE", DATE, "weekend", flag="unresolved")
    code = c.lex.direction(m["pre"], m["rel"])
    if code not in ("PREV", "NEXT"):  # bare or "questo fine settimana": as the bare weekend
        code = c.default_direction(m.start())
    return c.make(m.start(), m.end(), iso_week(weekend_monday(c.ref, code)) + "-WE", DATE, "weekend", anchored=True)


def _ambiguous_unit_ok(c: Ctx, m: Any, n: int | float | None) -> bool:
    """An ambiguous unit (secondo, ora) after a number word only when that is one."""
    return key(m["unit"]) not in c.lex.ambiguous_units or n == 1


def ago(m: Any, c: Ctx) -> Result:
    ok, n = _count(c, m)
    if not ok or n == 0.5 or not _ambiguous_unit_ok(c, m, n):
        return None
    unit = c.lex.unit_code(m["unit"])
    kind = c.lex.after_quantity[key(m["dir"])]  # AGO / BEFORE / AFTER
    anaphoric = kind != "AGO"
    if n is None:  # "qualche giorno fa"
        return None if anaphoric else c.make(m.start(), m.end(), "PAST_REF", DATE, "ref")
    if anaphoric:
        f = c.make(m.start(), m.end(), None, DATE, None, rule="anaphoric")
        f.pending = (unit, (1 if kind == "AFTER" else -1) * int(n))
        return f
    if c.ref is None:
        value, gran = unknown(unit)
        return c.make(m.start(), m.end(), value, DATE, gran, flag="unresolved")
    value2, gran2 = offset_value((c.ref.year, c.ref.month, c.ref.day), unit, -int(n))
    return c.make(m.start(), m.end(), value2, DATE, gran2, anchored=True)


def in_future(m: Any, c: Ctx) -> Result:
    ok, n = _count(c, m)
    if not ok or n == 0.5 or not _ambiguous_unit_ok(c, m, n):
        return None
    if n is None:
        return c.make(m.start(), m.end(), "FUTURE_REF", DATE, "ref")
    unit = c.lex.unit_code(m["unit"])
    if c.ref is None:
        value, gran = unknown(unit)
        return c.make(m.start(), m.end(), value, DATE, gran, flag="unresolved")
    value2, gran2 = offset_value((c.ref.year, c.ref.month, c.ref.day), unit, int(n))
    return c.make(m.start(), m.end(), value2, DATE, gran2, anchored=True)


def _duration_mod(c: Ctx, text: str | None) -> str | None:
    return c.lex.duration_mods.get(key(text)) if text else None


def duration(m: Any, c: Ctx) -> Result:
    if m["unit"][0].isupper():  # "le Cinque Giornate (di Milano)": a name
        return None
    unit_word = key(m["unit"])
    ok, n = _count(c, m)
    if not ok:
        return None
    if m["n"] is not None:
        if unit_word in c.lex.ambiguous_units:
            return None
        if n is not None and n != 1 and unit_word in c.lex.singular_units:
            return None  # "tre anno": not Italian
    mod = _duration_mod(c, m["mod"])
    value = duration_value(n, c.lex.unit_code(unit_word), bool(m["half"]))
    if value is None:
        return None
    return c.make(m.start(), m.end(), value, DURATION, "duration", mod=None if mod == "NONE" else mod)


def single_unit(m: Any, c: Ctx) -> Result:
    """'l'unico anno', 'nell'ultimo anno', 'l'intera settimana' -> P1Y, P1W."""
    unit_word = key(m["unit"])
    if c.lex.single[key(m["q"])] == "WHOLE" and unit_word in c.lex.ambiguous_units:
        return None
    value = duration_value(1, c.lex.unit_code(unit_word), False)
    return c.make(m.start(), m.end(), value, DURATION, "duration")


def bare_units(m: Any, c: Ctx) -> Result:
    mod = _duration_mod(c, m["mod"])
    if mod == "NONE":
        return None
    value = duration_value(None, c.lex.unit_code(m["unit"]), False)
    return c.make(m.start("s"), m.end("s"), value, DURATION, "duration", mod=mod)


def vague_ref(m: Any, c: Ctx) -> Result:
    if m["rel"]:  # "negli ultimi anni" -> PXY, "nei prossimi giorni" -> PXD
        value = duration_value(None, c.lex.unit_code(m["unit"]), False)
        return c.make(m.start("rel"), m.end(), value, DURATION, "duration")
    code = c.lex.relative_plural[key(m["rel2"])]  # "i giorni scorsi": PAST_REF
    return c.make(m.start(), m.end(), "PAST_REF" if code == "PREV" else "FUTURE_REF", DATE, "ref")


def set_every(m: Any, c: Ctx) -> Result:
    lex = c.lex
    n = number_value(key(m["n"])) if m["n"] else 1
    if n is None:
        return None
    if m["unit"]:
        unit_word = key(m["unit"])
        plural = unit_word not in lex.singular_units
        if m["n"] is None and plural and lex.every[key(m["every"])] == "EACH":
            return None  # "ogni giorni"
        if m["n"] is not None and n == 1:
            return None
        value = duration_value(n, lex.unit_code(unit_word), False)
        return c.make(m.start(), m.end(), value, SET, "set")
    if m["n"]:
        return None
    if m["wd"]:
        return c.make(m.start(), m.end(), f"XXXX-WXX-{lex.weekday_number(m['wd'])}", SET, "set")
    if m["mon"]:
        return c.make(m.start(), m.end(), f"XXXX-{lex.months[key(m['mon'])]:02d}", SET, "set")
    if m["seas"]:
        return c.make(m.start(), m.end(), f"XXXX-{lex.seasons[key(m['seas'])]}", SET, "set")
    return c.make(m.start(), m.end(), f"XXXX-XX-XXT{lex.pods[key(m['pod'])]}", SET, "set")


def set_word(m: Any, c: Ctx) -> Result:
    return c.make(m.start(), m.end(), c.lex.set_words[key(m["w"])], SET, "set")


def set_once(m: Any, c: Ctx) -> Result:
    return c.make(m.start(), m.end(), f"P1{c.lex.unit_code(m['unit'])}", SET, "set")


def refs(m: Any, c: Ctx) -> Result:
    w = key(m["w"])
    start = m.start()
    first = w.split(" ")[0]
    if " " in w and first in c.lex.ref_prefixes_outside:  # "in passato": the preposition is outside
        start = m.start() + re.match(r"\S+\s+", m["w"]).end()  # type: ignore[union-attr]
    return c.make(start, m.end(), c.lex.refs[w], DATE, "ref")


def clock(m: Any, c: Ctx) -> Result:
    lex = c.lex
    h = int(m["h"])
    mi = int(m["mi"]) if m["mi"] else 0
    names = m.re.groupindex
    start = m.start("s") if "s" in names else m.start()
    if not m["mi"] and c.rule == "clock_ore" and _after_count(c, m.start()):
        return None
    if "cue" in names:
        if m["cue"] is None and m["cue2"] is not None and h != 1:
            return None  # elided cue: "all'una" only (a word); digits after all' are not Italian
        if m["cue"] and lex.clock_cues[key(m["cue"])] == "MINUTES" and not m["mi"]:
            return None  # "tra le 15 persone"
    if h > 24 or (h == 24 and mi):
        return None
    pod = lex.pods[key(m["pod"])] if "pod" in names and m["pod"] else None
    h2 = apply_pod(h, pod)
    if h2 is None:
        return None
    frac = m["frac"] if "frac" in names else None
    if frac and not m["mi"]:
        mi = lex.clock_fractions[key(frac)]
    gran = "minute" if (m["mi"] or frac) else "hour"
    if "dd" in names and m["dd"] and c.ref is not None:
        if m["adj"]:
            off = lex.deictic_adjectives[key(m["adj"])]
        elif m["ddw"]:
            ddw = key(m["ddw"])
            off = lex.deictic_days[ddw] if ddw in lex.deictic_days else lex.deictic_parts[ddw][0]
        else:
            off = 0  # "di questa mattina"
        day = (c.ref + dt.timedelta(days=off)).isoformat()
        return c.make(start, m.end(), f"{day}T{h2:02d}:{mi:02d}", TIME, gran, rule="clock", anchored=True)
    return c.make(start, m.end(), f"XXXX-XX-XXT{h2:02d}:{mi:02d}", TIME, gran, rule="clock")


def clock_words(m: Any, c: Ctx) -> Result:
    lex = c.lex
    word = key(m["hw"])
    h = hour_of(number_value(word.split("'")[-1]))
    if h is None:
        return None
    mi = lex.clock_fractions.get(key(m["frac"] or ""), 0)
    pod = lex.pods[key(m["pod"])] if m["pod"] else None
    h2 = apply_pod(h, pod)
    if h2 is None:
        return None
    gran = "minute" if mi else "hour"
    return c.make(m.start("s"), m.end(), f"XXXX-XX-XXT{h2:02d}:{mi:02d}", TIME, gran)


def noon(m: Any, c: Ctx) -> Result:
    return c.make(m.start(), m.end(), f"XXXX-XX-XXT{c.lex.noon[key(m['w'])]:02d}:00", TIME, "hour")


def festivity(m: Any, c: Ctx) -> Result:
    lex = c.lex
    name = key(m["f"])
    nxt = next_word(c.text, m.end())
    if m["f"][0].isupper() and nxt and nxt[0].isupper() and not m["y"]:
        return None  # "Natale Rossi"
    if not m["f"][0].isupper() and name in lex.festivities_capitalised:
        return None
    month_n, day, offset = lex.festivity(name)
    if m["y"]:
        y = int(m["y"])
        d = easter(y) + dt.timedelta(days=offset) if offset is not None else dt.date(y, month_n or 1, day or 1)
        return c.make(m.start(), m.end(), d.isoformat(), DATE, "day")
    direction = _rel_direction(c, m, "pre", "rel") or c.default_direction(m.start())
    if c.ref is None:
        if offset is None:
            return c.make(m.start(), m.end(), date_value(None, month_n, day), DATE, "day")
        return c.make(m.start(), m.end(), None, DATE, "day", flag="unresolved")
    d = resolve_yearly(month_n or 1, day or 1, c.ref, direction, offset)
    return c.make(m.start(), m.end(), d.isoformat(), DATE, "day", anchored=True)


def quarter(m: Any, c: Ctx) -> Result:
    lex = c.lex
    ordinal = lex.period_ordinals[key(m["ord"])]  # 0: the last one
    half = lex.periods[key(m["u"])] == "H"
    if half and ordinal > 2:
        return None
    q = ordinal or (2 if half else 4)
    code = f"H{q}" if half else f"Q{q}"
    gran = "half" if half else "quarter"
    if m["y"]:
        return c.make(m.start(), m.end(), f"{m['y']}-{code}", DATE, gran)
    if c.ref is None:
        return c.make(m.start(), m.end(), f"XXXX-{code}", DATE, gran)
    shift = {"PREV": -1, "NEXT": 1}.get(lex.direction(m["rel"]) or "", 0)
    return c.make(m.start(), m.end(), f"{c.ref.year + shift}-{code}", DATE, gran, anchored=True)


def year_range(m: Any, c: Ctx) -> Result:
    """'2020-2021', 'biennio 2023/24', 'stagione 2023-24': two linked years."""
    y1 = int(m["y1"])
    y2 = int(m["y2"]) if len(m["y2"]) == 4 else y1 - y1 % 100 + int(m["y2"])
    if not y1 < y2 <= y1 + 100:
        return None
    a = c.make(m.start("y1"), m.end("y1"), f"{y1:04d}", DATE, "year")
    b = c.make(m.start("y2"), m.end("y2"), f"{y2:04d}", DATE, "year")
    a.timex = replace(a.timex, range_role="begin", partner_start=b.start, partner_end=b.end)
    b.timex = replace(b.timex, range_role="end", partner_start=a.start, partner_end=a.end)
    return [a, b]


def week_number(m: Any, c: Ctx) -> Result:
    """'settimana 12' -> 2024-W12 (year from the text, else the publication date)."""
    w = int(m["w"])
    if m["y"]:
        return c.make(m.start(), m.end(), f"{m['y']}-W{w:02d}", DATE, "week")
    if c.ref is None:
        return c.make(m.start(), m.end(), f"XXXX-W{w:02d}", DATE, "week")
    return c.make(m.start(), m.end(), f"{c.ref.year}-W{w:02d}", DATE, "week", anchored=True)


def year_name(m: Any, c: Ctx) -> Result:
    """'Rio 2016', 'Expo 2015', 'Under-21 2011': a year naming an event."""
    name = key(m.group(0)[: m.start("s") - m.start()].strip())
    if name in c.lex.months or name in c.lex.month_abbrs or name in c.lex.roles:
        return None
    return c.make(m.start("s"), m.end(), m["y"], DATE, "year")


def year(m: Any, c: Ctx) -> Result:
    cue = key(m["cue"])
    if cue in c.lex.year_list_cues and not c.lex.year_list_re.search(c.text[max(0, m.start() - 20) : m.start()]):
        return None  # "e 2023", "a 2023" only continue a list or range of years
    return c.make(m.start("s"), m.end(), m["y"], DATE, "year")


HANDLERS: dict[str, Handler] = {
    "numeric": numeric,
    "iso": iso,
    "day_month": day_month,
    "day_range": day_range,
    "day_list": day_range,
    "month_year": month_year,
    "month": month,
    "qualified": qualified,
    "season": season,
    "decade": decade,
    "century": century,
    "deictic": deictic,
    "deictic_part": deictic_part,
    "pod_of_day": pod_of_day,
    "weekday": weekday,
    "night_between": night_between,
    "relative_unit": relative_unit,
    "weekend": weekend,
    "ago": ago,
    "in_future": in_future,
    "duration": duration,
    "bare_units": bare_units,
    "vague_ref": vague_ref,
    "single_unit": single_unit,
    "set_every": set_every,
    "set_word": set_word,
    "set_once": set_once,
    "refs": refs,
    "clock": clock,
    "clock_ore": clock,
    "clock_words": clock_words,
    "noon": noon,
    "festivity": festivity,
    "quarter": quarter,
    "year_range": year_range,
    "week_number": week_number,
    "year_name": year_name,
    "year": year,
    "bare_day": bare_day,
    "day_month_words": day_month,
    "weekday_day": weekday_day,
    "nth_weekday": nth_weekday,
    "weekday_week": weekday_week,
    "clock_bare": clock,
}
