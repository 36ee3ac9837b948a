"""Italian temporal expressions → TIMEX3 values. Pure functions, no spaCy.

``find_dates(text, ref)`` scans a text with rules built from the language data in
``pipeline/resources/dates_*.json`` and returns character-offset matches, each with a
:class:`Timex` record; ``normalize_date("16 marzo 2024") == "2024-03-16"`` is the
one-expression shortcut, ``normalize(text, ref)`` returns the whole record.

Values follow TIMEX3 / ISO 8601 and never add precision the text does not have:
``2024-03-16``, ``2024-07``, ``2023``, ``199`` (decade), ``19`` (century), ``2023-SU``,
``2024-W20``, ``2024-W20-WE``, ``2024-05-20TMO``, ``2024-05-20T15:30``, ``P3W``, ``PXW``,
``XXXX-WXX-1`` (set), ``PRESENT_REF``/``PAST_REF``/``FUTURE_REF``.

Resolution (``ref`` is the publication date; ``datetime.now()`` is never used):

- a day and month without year take the year of ``ref`` ("il 16 marzo", "entro il 15
  settembre");
- a bare month, weekday, season or festivity goes to the most recent one up to ``ref``
  (the current one included: "a maggio" in May is this May), news being about the past;
  after "entro", "fino a", "prossimo" it goes to the next one instead;
- "scorso"/"prossimo" are strict (the previous/next one, never the current);
- without ``ref`` relative expressions keep an underspecified value (``XXXX-03-16``,
  ``XXXX-12``, ``XXXX-WXX-1``) or, when nothing can be written ("ieri"), value None with
  ``flag="unresolved"``;
- "il mese successivo", "tre giorni dopo" resolve against the preceding fully
  specified date in the text (``anchor="preceding"``).

- a bare month or day in the future tense ("A metà giugno arriverà il caldo", "si terrà
  il 3 marzo") goes to the next one (a future verb ending -rà/-ranno/-rò in the sentence);
- a month or day without year takes an explicit year written earlier in the same
  sentence ("l'Europeo del 2011 ... dal 12 al 25 giugno" → 2011-06-12);
- a preposition before the span gives a mod: entro/prima di → BEFORE, fino a →
  ON_OR_BEFORE, dal/a partire da → ON_OR_AFTER, dopo → AFTER (not inside a range).

Span boundaries (as in corpus/GUIDELINES.md §3): prepositions and articles before a
calendar date are outside ("il|16 marzo 2024", "nel|luglio 2023", "dal|2020",
"alle|15:30", "gli|anni '90", "il|XX secolo", "in|passato"); an article that belongs to a
relative noun phrase is inside ("la settimana scorsa", "lo scorso luglio", "l'anno
scorso", "il mese prossimo", "Il mese successivo", "quest'anno"), but a contracted
preposition is not ("nella|settimana scorsa", "dallo|scorso venerdì"). Words that carry
the meaning are inside: "tre giorni fa", "tra tre giorni", "ogni anno", "oltre dieci anni",
"ultimi dieci anni", "inizio marzo", "fine dell'anno", "ore 15", "11:36 di oggi",
"a breve". A written-out date followed by its clock time is one TIME ("20 maggio 2024 alle
15:30"); a deictic day and a clock time are two ("ieri|alle|15"). Ranges are two linked spans ("dal|2020|al|2023", "tra il|9|e il|13 ottobre",
"maggio|-|giugno", "2020|-|2021").

Proper names: a month, weekday or season written with a capital inside a sentence is
a name, not a date ("la Primavera araba", "La Domenica del Corriere"), and so is one after
a Roman numeral or a street word ("Via XX Settembre", "Piazza XXIV Maggio", "Via 4
Novembre"); abbreviations (mar, sett, ago) count only next to a day number and a year.

Speed: each rule is tried only at the tokens where it can start (a first-word index);
``find_dates(..., exhaustive=True)`` scans the whole text with every rule instead and a
test checks both agree.
"""
from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, Callable

from .dates_lexicon import DatesLexicon, default_lexicon

DATE, TIME, DURATION, SET = "DATE", "TIME", "DURATION", "SET"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Timex:
    """One normalised temporal expression (TIMEX3 attributes, all scalar).

    - ``value``: TIMEX3 value, or None when impossible (``valid=False``) or unresolvable.
    - ``type``: DATE, TIME, DURATION or SET.
    - ``granularity``: century, decade, year, half, quarter, season, month, week, weekend,
      day, part_of_day, hour, minute, duration, set, ref.
    - ``mod``: TIMEX3 mod (START, MID, END, APPROX, BEFORE, AFTER, ON_OR_BEFORE,
      ON_OR_AFTER, LESS_THAN, MORE_THAN, EQUAL_OR_LESS, EQUAL_OR_MORE) or None.
    - ``anchored``: the value was computed from a reference (publication date or a
      preceding date) rather than read off the text; ``anchor`` says which
      ("published" or "preceding").
    - ``valid``/``flag``: ``valid=False`` with flag "impossible_date" for "31 febbraio";
      other flags: "unresolved", "weekday_mismatch", "ambiguous_century".
    - ``range_role`` ("begin"/"end") with ``partner_start``/``partner_end``: the character
      offsets of the other end of a range ("dal 2020 al 2023", "tra marzo e aprile").
    - ``rule``: the name of the rule that fired (for debugging and error analysis).
    """

    value: str | None
    type: str
    granularity: str | None = None
    mod: str | None = None
    anchored: bool = False
    anchor: str | None = None
    valid: bool = True
    flag: str | None = None
    range_role: str | None = None
    partner_start: int | None = None
    partner_end: int | None = None
    rule: str = ""


@dataclass
class Found:
    """A match: character offsets into the scanned text and its record."""

    start: int
    end: int
    timex: Timex
    # internal: anaphoric offset (unit, n) still to resolve against a preceding date
    pending: tuple[str, int] | None = field(default=None, repr=False)

    @property
    def text_range(self) -> tuple[int, int]:
        return self.start, self.end


# --------------------------------------------------------------------------- calendar


def easter(year: int) -> dt.date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = (h + l_ - 7 * m + 114) % 31 + 1
    return dt.date(year, month, day)


def shift_month(year: int, month: int, n: int) -> tuple[int, int]:
    total = year * 12 + (month - 1) + n
    return total // 12, total % 12 + 1


def iso_week(day: dt.date) -> str:
    y, w, _ = day.isocalendar()
    return f"{y:04d}-W{w:02d}"


def season_of(day: dt.date) -> tuple[int, str]:
    """TIMEX3 season of a day; winter belongs to the year it starts in (Dec)."""
    m = day.month
    if m in (12, 1, 2):
        return (day.year if m == 12 else day.year - 1), "WI"
    return day.year, {3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(m, "FA")


SEASON_ORDER = ["WI", "SP", "SU", "FA"]


def resolve_month(month: int, ref: dt.date, direction: str) -> int:
    """Year of a bare month: 'past' = most recent incl. current, 'future' = next incl.
    current, 'prev'/'next' = strictly before/after the current month."""
    if direction == "past":
        return ref.year if month <= ref.month else ref.year - 1
    if direction == "future":
        return ref.year if month >= ref.month else ref.year + 1
    if direction == "prev":
        return ref.year if month < ref.month else ref.year - 1
    return ref.year if month > ref.month else ref.year + 1  # next


def resolve_weekday(weekday: int, ref: dt.date, direction: str) -> dt.date:
    delta = weekday - ref.isoweekday()
    if direction == "past":
        return ref + dt.timedelta(days=delta if delta <= 0 else delta - 7)
    if direction == "future":
        return ref + dt.timedelta(days=delta if delta >= 0 else delta + 7)
    if direction == "prev":
        return ref + dt.timedelta(days=delta if delta < 0 else delta - 7)
    return ref + dt.timedelta(days=delta if delta > 0 else delta + 7)


def resolve_yearly(month: int, day: int, ref: dt.date, direction: str,
                   easter_offset: int | None = None) -> dt.date:
    """Most recent/next occurrence of a yearly day (fixed or Easter-based)."""
    def on(year: int) -> dt.date:
        if easter_offset is not None:
            return easter(year) + dt.timedelta(days=easter_offset)
        return dt.date(year, month, day)

    this = on(ref.year)
    if direction == "past":
        return this if this <= ref else on(ref.year - 1)
    if direction == "future":
        return this if this >= ref else on(ref.year + 1)
    if direction == "prev":
        return this if this < ref else on(ref.year - 1)
    return this if this > ref else on(ref.year + 1)


def resolve_season(season: str, ref: dt.date, direction: str) -> int:
    cur_year, cur = season_of(ref)
    idx, cur_idx = SEASON_ORDER.index(season), SEASON_ORDER.index(cur)
    # position on a linear scale: year*4 + index (winter first: it starts in December of
    # the year before the rest of the seasons of its index... kept simple: WI < SP < SU < FA)
    candidates = [y * 4 + idx for y in (cur_year - 1, cur_year, cur_year + 1)]
    here = cur_year * 4 + cur_idx
    if direction == "past":
        best = max(c for c in candidates if c <= here)
    elif direction == "future":
        best = min(c for c in candidates if c >= here)
    elif direction == "prev":
        best = max(c for c in candidates if c < here)
    else:
        best = min(c for c in candidates if c > here)
    return best // 4


ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_to_int(s: str) -> int | None:
    s = s.upper()
    if not s or any(ch not in ROMAN for ch in s):
        return None
    total = 0
    for i, ch in enumerate(s):
        v = ROMAN[ch]
        total += -v if i + 1 < len(s) and ROMAN[s[i + 1]] > v else v
    return total


def _date_value(y: int | None, m: int | None, d: int | None) -> str:
    ys = f"{y:04d}" if y is not None else "XXXX"
    if m is None:
        return ys
    ms = f"{m:02d}"
    return f"{ys}-{ms}" if d is None else f"{ys}-{ms}-{d:02d}"


UNKNOWN = {"Y": "XXXX", "2Y": "XXXX", "3Y": "XXXX", "M": "XXXX-XX", "Q": "XXXX-QX", "W": "XXXX-WXX",
           "D": "XXXX-XX-XX", "TH": "XXXX-XX-XX", "TM": "XXXX-XX-XX", "TS": "XXXX-XX-XX", "DE": "XXX", "CE": "XX"}
UNIT_GRAN = {"Y": "year", "2Y": "year", "3Y": "year", "M": "month", "Q": "quarter", "W": "week", "D": "day",
             "TH": "day", "TM": "day", "TS": "day", "DE": "decade", "CE": "century"}


def _unknown(unit: str) -> tuple[str, str]:
    """Underspecified value at the granularity of a unit: "XXXX-XX" for a month."""
    return UNKNOWN[unit], UNIT_GRAN[unit]


FULL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _parse_full(value: str | None) -> tuple[int, int | None, int | None] | None:
    if not value or not FULL_DATE.match(value):
        return None
    parts = [int(p) for p in value.split("-")]
    return parts[0], (parts[1] if len(parts) > 1 else None), (parts[2] if len(parts) > 2 else None)


# ------------------------------------------------------------------------------ rules


def _alt(forms: list[str] | dict) -> str:
    """Regex alternation of forms, longest first; spaces match any whitespace,
    apostrophes match both ' and ’."""
    out = []
    for f in sorted(forms, key=len, reverse=True):
        p = re.escape(f).replace(r"\ ", r"\s+").replace("'", "['’]")
        out.append(p)
    return "(?:" + "|".join(out) + ")"


L = r"(?<!\w)"          # left word boundary (an apostrophe before is fine: nell'estate)
R = r"(?!\w)"           # right word boundary ("1°" ends in a non-word char)
AP = "['’]"
YEAR = r"(?:1\d{3}|20\d{2})(?![\d.,]\d|\s*%)"
DAY = r"(?:(?:3[01]|[12]\d|0?[1-9])(?:°|º)?(?!\d)|primo)"
FUTURE_VERB = re.compile(r"\b(?!però\b|perciò\b)\w{2,}(?:rà|ranno|rò)\b", re.IGNORECASE)
ANAPHORA_WINDOW = 400  # characters between an anaphoric expression and its antecedent
SENT_END = re.compile(r"[.!?\n]\s*$")


class DateGrammar:
    """Rules compiled from a lexicon; ``find(text, ref)`` returns sorted matches."""

    def __init__(self, lexicon: DatesLexicon):
        cal, ex = lexicon.calendar, lexicon.expressions
        self.months: dict[str, int] = cal["months"]
        self.abbrs: dict[str, int] = cal["month_abbreviations"]
        self.weekdays: dict[str, int] = cal["weekdays"]
        self.seasons: dict[str, str] = cal["seasons"]
        self.festivities: dict[str, dict] = cal["festivities"]
        self.proper_heads = set(cal["proper_name_heads"])
        self.deictic_days: dict[str, int] = {k.replace("’", "'"): v for k, v in ex["deictic_days"].items()}
        self.deictic_parts: dict[str, list] = ex["deictic_parts"]
        self.pods: dict[str, str] = ex["parts_of_day"]
        self.units: dict[str, str] = ex["units"]
        self.qualifiers: dict[str, str] = ex["qualifiers"]
        self.duration_mods: dict[str, str] = ex["duration_mods"]
        self.cues: dict[str, str] = ex["cues"]
        self.refs: dict[str, str] = ex["refs"]
        self.sets: dict[str, str] = ex["sets"]
        self.numbers: dict[str, int] = ex["number_words"]
        self.elided: dict[str, int] = ex["elided_numbers"]
        self.vague = set(ex["vague_quantities"])
        self.hour_words: dict[str, int] = ex["hour_words"]
        self.decade_words: dict[str, int] = ex["decade_words"]
        self.century_words: dict[str, int] = ex["century_words"]
        # relative words from data (relative_past/relative_future/anaphoric): a word that is
        # also anaphoric (precedente, successivo) resolves against the preceding date, so
        # PAST/NEXT keep only the deictic ones (scorso, prossimo)
        self.anaphoric: list[str] = ex["anaphoric"]
        self.past_words = [w for w in ex["relative_past"] if w not in self.anaphoric]
        self.next_words = [w for w in ex["relative_future"] if w not in self.anaphoric]
        self.PAST_WORDS = PAST_WORDS = _alt(self.past_words)
        self.NEXT_WORDS = NEXT_WORDS = _alt(self.next_words)
        self.ANAPH_WORDS = ANAPH_WORDS = _alt(self.anaphoric)
        # word lists of single rules, from data (dates_expressions.json)
        self.relative_unit_nouns: list[str] = ex["relative_unit_nouns"]
        self.bare_unit_cues: list[str] = ex["bare_unit_cues"]
        self.vague_ref_before: list[str] = ex["vague_ref_before"]
        self.vague_ref_units: list[str] = ex["vague_ref_units"]
        self.vague_ref_after: dict[str, str] = ex["vague_ref_after"]
        self.ago_words: dict[str, str] = ex["ago_words"]
        self.weekend_words: list[str] = ex["weekend_words"]
        self.single_unit_qualifiers: list[str] = ex["single_unit_qualifiers"]
        self.whole_day_words: list[str] = ex["whole_day_words"]
        self.decade_nouns: list[str] = ex["decade_nouns"]
        self.clock_fractions: dict[str, int] = ex["clock_fractions"]
        self.noon_words: dict[str, int] = ex["noon_words"]

        MON = _alt(self.months)
        MONA = "(?:" + MON + "|" + _alt(self.abbrs) + r"\.?)"
        WD = _alt(self.weekdays)
        SEAS = _alt(self.seasons)
        FEST = _alt(self.festivities)
        POD = _alt(self.pods)
        NUM = "(?:" + r"\d{1,4}(?![.,]\d)" + "|" + _alt(self.numbers) + ")"
        ELID = _alt(self.elided) + AP
        NUMV = "(?:" + NUM + "|" + _alt(self.vague) + ")"
        UNIT = _alt([u for u in self.units if u not in ("secondo", "ora")])
        UNIT_ANY = _alt(self.units)
        PLURAL_UNIT = _alt(ex["plural_units"])  # data: plural_units
        REL_UNIT = _alt(self.relative_unit_nouns)  # data: relative_unit_nouns
        # "lo scorso giorno", "questo giorno" are not said: a day takes only anaphoric words
        REL_UNIT_NO_DAY = _alt([u for u in self.relative_unit_nouns if self.units[u] != "D"])
        BARE_CUE = _alt(self.bare_unit_cues)  # data: bare_unit_cues
        VR_BEFORE, VR_UNIT = _alt(self.vague_ref_before), _alt(self.vague_ref_units)  # data: vague_ref_*
        VR_AFTER = _alt(self.vague_ref_after)
        AGO = _alt(self.ago_words)  # data: ago_words
        WEEKEND = _alt(self.weekend_words)  # data: weekend_words
        THIS_POD = _alt(ex["this_parts_of_day"])  # data: this_parts_of_day
        IN_POD = _alt(ex["in_parts_of_day"])  # data: in_parts_of_day
        CLOCK_POD = _alt(ex["clock_parts_of_day"])  # data: clock_parts_of_day
        SINGLE_Q, SINGLE_U = _alt(self.single_unit_qualifiers), _alt(ex["single_units"])  # data: single_unit*
        WHOLE_DAY = _alt(self.whole_day_words)  # data: whole_day_words
        DECADE_N = _alt(self.decade_nouns)  # data: decade_nouns
        HALF = _alt(ex["half_words"])  # data: half_words
        FRAC = _alt(self.clock_fractions)  # data: clock_fractions
        NOON = _alt(self.noon_words)  # data: noon_words
        QUAL = _alt(self.qualifiers)
        DMOD = _alt([k for k, v in self.duration_mods.items()])
        DEIC = _alt(self.deictic_days)
        DPART = _alt(self.deictic_parts)
        REFS = _alt(self.refs)
        SETS = _alt(self.sets)
        HW = _alt(self.hour_words)
        DECW = _alt(self.decade_words)
        CENTW = _alt(self.century_words)
        OF = rf"(?:(?:di|del|dello|della|d{AP}|dell{AP})\s*)"
        ROMAN_RE = r"(?-i:[IVXL]{1,6})"
        CLOCK_CUE = (r"(?:alle|dalle|verso\s+le|entro\s+le|fino\s+alle|intorno\s+alle|attorno\s+alle|"
                     r"poco\s+prima\s+delle|poco\s+dopo\s+le|dopo\s+le|prima\s+delle|tra\s+le|fra\s+le|"
                     r"e\s+le|sino\s+alle)")
        YEAR_CUE = (r"(?:nel|del|dal|al|sul|il|entro\s+il|fino\s+al|prima\s+del|dopo\s+il|tra\s+il|"
                    r"fra\s+il|e\s+il|e|o|in|a|ad|sin\s+dal|fin\s+dal|anno|anni|dell?['’]anno|nell['’]anno|"
                    r"l['’]anno|all['’]anno|dall['’]anno)")

        rules: list[tuple[str, str, Callable]] = [
            ("numeric", r"(?<![\w.,/-])(?P<d>\d{1,2})(?P<sep>[/.\-])(?P<m>\d{1,2})(?P=sep)"
                        r"(?P<y>\d{4}|\d{2})(?![\w/]|[.,-]\d)", self._numeric),
            ("iso", r"(?<![\w.,/-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\w-])", self._iso),
            ("day_month", rf"{L}(?:(?P<pre>(?:(?:lo|il)\s+)?(?:scorso|prossimo))\s+|(?P<wd>{WD})\s*,?\s+)?(?P<d>{DAY})\s+(?:di\s+)?(?P<mon>{MONA})"
                          rf"(?:\s+(?:del\s+)?(?P<y>{YEAR})|\s+(?P<rel>scorso|prossimo|passato))?{R}", self._day_month),
            ("day_range", rf"{L}(?:dal|tra\s+il|fra\s+il)\s+(?P<d1>{DAY})\s+(?:al|e\s+il|e)\s+"
                          rf"(?P<s2>(?P<d2>{DAY})\s+(?P<mon>{MON})(?:\s+(?:del\s+)?(?P<y>{YEAR}))?){R}",
             self._day_range),
            ("day_list", rf"{L}(?P<s1>(?:{WD}\s+)?(?P<d1>{DAY}))\s+e\s+(?:il\s+|l{AP}\s*)?(?P<s2>(?:{WD}\s+)?(?P<d2>{DAY})\s+(?P<mon>{MON})"
                         rf"(?:\s+(?:del\s+)?(?P<y>{YEAR}))?){R}", self._day_range),
            ("month_year", rf"{L}(?P<mon>{MONA})\s+(?:del\s+|dell{AP}\s*(?:anno\s+)?)?(?P<y>{YEAR}|{AP}\d\d(?!\d)){R}",
             self._month_year),
            ("month", rf"{L}(?:(?P<pre>(?:(?:lo|il)\s+)?(?:{PAST_WORDS}|{NEXT_WORDS})\s+)|(?P<mese>mese\s+di\s+))?"
                      rf"(?P<mon>{MON})(?:\s+(?P<rel>{PAST_WORDS}|{NEXT_WORDS})|\s+(?:di|del|dell{AP})\s*(?:(?P<yn>{NUM})\s+ann[oi]\s+fa|"
                      rf"(?P<ya>anno\s+(?:{PAST_WORDS}|{NEXT_WORDS}))|(?P<yq>quest{AP}\s*anno)))?{R}", self._month),
            ("qualified", rf"{L}(?P<q>{QUAL})\s+{OF}?(?P<t>(?P<mon>{MON})(?:\s+(?:del\s+)?(?P<y>{YEAR}))?|"
                          rf"(?P<y2>{YEAR})|(?P<anno>anno|mese)(?:\s+(?P<rel>{PAST_WORDS}|{NEXT_WORDS}))?|"
                          rf"(?P<seas>{SEAS})(?:\s+(?:del\s+)?(?P<y3>{YEAR}))?|(?P<cent>{CENTW})|"
                          rf"(?P<sett>settimana){R}(?!\s+(?:{PAST_WORDS}|{NEXT_WORDS})))(?!\w)", self._qualified),
            ("season", rf"{L}(?:(?P<pre>(?:(?:la|l{AP})\s*)?(?:scorsa|prossima|passata)\s+)|(?P<this>quest{AP}\s*))?"
                       rf"(?P<seas>{SEAS})(?:\s+(?:del\s+)?(?P<y>{YEAR})|\s+(?P<rel>scorsa|prossima|passata))?{R}",
             self._season),
            ("decade", rf"{L}{DECADE_N}\s+(?:{AP}\s*(?P<dd>\d0)|(?P<d4>1\d\d0|20\d0)|(?P<dw>{DECW})){R}"
                       rf"(?:\s+e\s+(?:(?:gli\s+)?{DECADE_N}\s+)?(?P<s2>{AP}\s*(?P<dd2>\d0)|(?P<dw2>{DECW})){R})?", self._decade),
            ("century", rf"{L}(?:(?P<r1>{ROMAN_RE})\s+secolo|secolo\s+(?P<r2>{ROMAN_RE})|(?P<art>il\s+)?secolo\s+"
                        rf"(?P<rel>scorso)|(?P<cw>{CENTW})|{AP}(?P<c3>[1-9])00){R}", self._century),
            ("deictic", rf"{L}(?P<w>{DEIC})(?:\s+(?P<pod>{POD}))?{R}", self._deictic),
            ("deictic_part", rf"{L}(?:(?P<w>{DPART})|(?:questa|quest{AP})\s*(?P<pod>{THIS_POD})|"
                             rf"(?:la\s+)?(?:(?:notte\s+scorsa)|(?:scorsa\s+notte))){R}", self._deictic_part),
            ("pod_of_day", rf"{L}(?:(?P<pod>{POD}|{WHOLE_DAY})\s+(?:di|del)\s+(?:(?P<w>ieri|oggi|domani)|(?P<wd>{WD})))"
                           rf"{R}|{L}in\s+(?P<in>{IN_POD}){R}", self._pod_of_day),
            ("weekday", rf"{L}(?:(?P<pre>(?:(?:lo|la|il)\s+)?(?:{PAST_WORDS}|{NEXT_WORDS})\s+))?(?P<wd>{WD})"
                        rf"(?:\s+(?P<rel>{PAST_WORDS}|{NEXT_WORDS}))?(?:\s+(?P<pod>{POD}))?{R}", self._weekday),
            ("night_between", rf"{L}notte\s+(?:tra|fra)\s+(?:(?P<wd1>{WD})\s+e\s+(?P<wd2>{WD})|il\s+(?P<d1>{DAY})\s+e\s+"
                              rf"il\s+(?P<d2>{DAY})\s+(?P<mon>{MON})(?:\s+(?P<y>{YEAR}))?){R}", self._night_between),
            ("relative_unit", rf"{L}(?:(?P<art>(?:la|il|lo|l{AP})\s*)?(?P<u1>{REL_UNIT})\s+"
                              rf"(?P<rel1>{PAST_WORDS}|{NEXT_WORDS}|{ANAPH_WORDS})|(?P<art2>(?:la|il|lo|l{AP})\s*)?"
                              rf"(?P<rel2>{PAST_WORDS}|{NEXT_WORDS})\s+(?P<u2>{REL_UNIT_NO_DAY})|"
                              rf"(?P<dem>quest{AP}\s*|questo\s+|questa\s+)(?P<u3>{REL_UNIT_NO_DAY})){R}",
             self._relative_unit),
            ("weekend", rf"{L}(?:(?P<art>(?:il|lo|questo)\s+)?(?P<pre>(?:scorso|prossimo)\s+))?(?:{WEEKEND})"
                        rf"(?:\s+(?P<rel>scorso|prossimo|passato))?{R}", self._weekend),
            ("ago", rf"{L}(?:(?P<n>{NUMV})\s+|(?P<napos>{ELID}))(?P<unit>{UNIT_ANY})\s+(?P<dir>{AGO}){R}", self._ago),
            ("in_future", rf"{L}(?:tra|fra)\s+(?:(?P<n>{NUMV})\s+|(?P<napos>{ELID}))(?P<unit>{UNIT_ANY}){R}"
                          rf"(?!\s+(?:e|di|da)\s)", self._in_future),
            ("duration", rf"{L}(?:(?P<mod>{DMOD})\s+)?(?:(?P<n>{NUMV})\s+|(?P<napos>{ELID}))(?P<unit>{UNIT_ANY})"
                         rf"(?P<half>\s+e\s+{HALF})?{R}", self._duration),
            ("bare_units", rf"{L}{BARE_CUE}\s+(?P<s>(?:(?P<mod>{DMOD})\s+)?"
                           rf"(?P<unit>{PLURAL_UNIT})){R}(?!\s+(?:{AP}|\d|fa|dopo|prima|scors|passat|prossim))", self._bare_units),
            ("vague_ref", rf"{L}(?:(?P<art>(?:i|le|gli)\s+)?(?P<rel>{VR_BEFORE})\s+(?P<unit>{VR_UNIT})|"
                          rf"(?P<art2>(?:i|le|gli)\s+)?(?P<unit2>{VR_UNIT})\s+(?P<rel2>{VR_AFTER})){R}",
             self._vague_ref),
            ("single_unit", rf"{L}(?P<q>{SINGLE_Q})\s+(?P<unit>{SINGLE_U}){R}", self._single_unit),
            ("set_every", rf"{L}(?:ogni|tutti\s+i|tutte\s+le|tutti\s+gli)\s+(?:(?P<n>{NUM})\s+)?(?:(?P<unit>{UNIT})|(?P<wd>{WD})|"
                          rf"(?P<mon>{MON})|(?P<seas>{SEAS})|(?P<pod>{POD})){R}", self._set_every),
            ("set_word", rf"{L}(?P<w>{SETS}){R}", self._set_word),
            ("set_once", rf"{L}una\s+volta\s+(?:(?:al|alla|all{AP})\s*)(?P<unit>anno|mese|settimana|giorno){R}",
             self._set_once),
            ("refs", rf"{L}(?P<w>{REFS}){R}", self._ref),
            ("clock", rf"{L}(?:(?P<cue>{CLOCK_CUE})\s+|(?P<cue2>all{AP}|dall{AP}))(?P<s>(?:ore\s+)?(?P<h>[01]?\d|2[0-4])"
                      rf"(?:[:.](?P<mi>[0-5]\d))?(?![\d.,:]\d)(?:\s+e\s+(?P<frac>{FRAC}))?"
                      rf"(?:\s+(?:del|di)\s+(?P<pod>{CLOCK_POD}))?"
                      rf"(?:\s+(?P<dd>odiern[ae]|di\s+(?:oggi|ieri|domani|stamattina|stamani|stasera|stanotte|"
                      rf"questa\s+(?:mattina|sera|notte))(?:\s+(?:mattina|sera|pomeriggio|notte))?))?){R}", self._clock),
            ("clock_ore", rf"{L}ore\s+(?P<h>[01]?\d|2[0-3])[:.](?P<mi>[0-5]\d){R}(?![.,:]\d)", self._clock),
            ("clock_words", rf"{L}(?:(?P<cue>{CLOCK_CUE})\s+|(?P<cue2>all{AP}|dall{AP}))(?P<s>(?P<hw>{HW})(?:\s+e\s+(?P<frac>"
                            rf"{FRAC}))?(?:\s+(?:del|di)\s+(?P<pod>{CLOCK_POD})|"
                            rf"\s+(?P<punto>in\s+punto))){R}", self._clock_words),
            ("noon", rf"{L}(?P<w>{NOON}){R}", self._noon),
            ("festivity", rf"{L}(?:(?P<pre>(?:(?:lo|il|la)\s+)?(?:scors[oa]|prossim[oa])\s+))?(?P<f>{FEST})"
                          rf"(?:\s+(?:del\s+)?(?P<y>{YEAR}))?(?:\s+(?P<rel>scors[oa]|prossim[oa]))?{R}", self._festivity),
            ("quarter", rf"{L}(?P<ord>primo|secondo|terzo|quarto|ultimo)\s+(?P<u>trimestre|semestre)(?:\s+"
                        rf"(?:del\s+(?P<y>{YEAR})|dell{AP}\s*anno(?:\s+(?P<rel>scorso|prossimo))?))?{R}", self._quarter),
            ("year_range", r"(?<![\w.,/-])(?P<y1>(?:19|20)\d\d)\s*[-–/]\s*(?P<y2>(?:19|20)\d\d|\d\d)(?![\w/-]|[.,]\d|\s*%)",
             self._year_range),
            ("week_number", rf"{L}settimana\s+(?:n\.\s*)?(?P<w>[1-9]|[1-4]\d|5[0-3])(?:\s+del\s+(?P<y>{YEAR}))?{R}(?![.,]\d)",
             self._week_number),
            ("year_name", rf"(?:(?-i:(?<!\w)[A-ZÀ-Ý][a-zà-ÿ]+(?:-\d+)?)|(?<![\w-])under-\d+)\s+(?P<s>(?P<y>(?:19|20)\d\d)"
                          rf"(?![\d.,]\d|\s*%)){R}", self._year_name),
            ("year", rf"{L}(?P<cue>{YEAR_CUE})\s*(?<=[\s'’])(?P<s>(?:anno\s+)?(?P<y>{YEAR})){R}", self._year),
        ]
        # Case-insensitive alternations are slow in Python's re (no literal prefix
        # optimisation), so rules scan the lowercased text with case-sensitive patterns;
        # the handlers read groups from the original text (case matters for proper names).
        # The few rules that look at case themselves scan the original text.
        case_rules = {"century", "year_name"}
        self.rules = [(name, re.compile(pattern, re.IGNORECASE), re.compile(pattern), handler, name in case_rules)
                      for name, pattern, handler in rules]
        self._build_start_index(YEAR_CUE)
        self.cue_re = re.compile(r"(?:^|(?<=[\s(\[\"«]))(" + _alt(self.cues) + r")\s*$", re.IGNORECASE)
        self.prev_word_re = re.compile(r"([\w'’]+)[\s,]*$")
        self.quarter_of = {"primo": 1, "secondo": 2, "terzo": 3, "quarto": 4, "ultimo": 4}

    # ------------------------------------------------------------------ scanning

    TOKEN = re.compile(r"\w+|[^\w\s]")
    ROMAN_TOKEN = re.compile(r"[ivxl]{1,6}")
    YEARISH = re.compile(r"(?:19|20)\d\d")

    def _build_start_index(self, year_cue: str) -> None:
        """First-word index: which rules can start at a token. Running each rule only
        where it can start (an anchored match) is ~10x faster than scanning the whole
        text with every rule; ``find(..., exhaustive=True)`` scans, and a test checks
        that both give the same result."""
        def first(forms) -> set[str]:
            return {self.TOKEN.match(f).group(0) for f in forms}

        past_next = set(self.past_words) | set(self.next_words)
        numbers = set(self.numbers) | self.vague | set(self.elided)
        clock_cues = {"alle", "dalle", "verso", "entro", "fino", "intorno", "attorno", "poco", "dopo", "prima", "tra",
                      "fra", "e", "sino", "all", "dall"}
        year_cues = first(re.findall(r"[a-z]+", year_cue))
        starts: dict[str, set[str]] = {
            "numeric": {"#"}, "iso": {"#"},
            "day_month": set(self.weekdays) | {"#", "primo", "lo", "il", "scorso", "prossimo"},
            "day_range": {"dal", "tra", "fra"},
            "day_list": {"#", "primo"} | set(self.weekdays),
            "month_year": set(self.months) | set(self.abbrs),
            "month": {"lo", "il", "mese"} | past_next | set(self.months),
            "qualified": first(self.qualifiers),
            "season": {"la", "l", "scorsa", "prossima", "passata", "quest"} | set(self.seasons),
            "decade": first(self.decade_nouns),
            "century": {"secolo", "il", "'", "’", "#roman"} | set(self.century_words),
            "deictic": first(self.deictic_days),
            "deictic_part": first(self.deictic_parts) | {"questa", "quest", "la", "notte", "scorsa"},
            "weekday": {"lo", "la", "il"} | past_next | set(self.weekdays),
            "night_between": {"notte"},
            "pod_of_day": set(self.pods) | first(self.whole_day_words) | {"in"},
            "relative_unit": {"la", "il", "lo", "l", "quest", "questo", "questa"} | first(self.relative_unit_nouns)
            | past_next,
            "weekend": {"il", "lo", "questo", "scorso", "prossimo"} | first(self.weekend_words),
            "ago": numbers | {"#"},
            "in_future": {"tra", "fra"},
            "duration": first(self.duration_mods) | numbers | {"#"},
            "bare_units": first(self.bare_unit_cues),
            "vague_ref": {"i", "le", "gli"} | first(self.vague_ref_before) | first(self.vague_ref_units),
            "single_unit": first(self.single_unit_qualifiers),
            "set_every": {"ogni", "tutti", "tutte"},
            "set_word": first(self.sets),
            "set_once": {"una"},
            "refs": first(self.refs),
            "clock": clock_cues, "clock_words": clock_cues, "clock_ore": {"ore"},
            "noon": first(self.noon_words),
            "festivity": {"lo", "il", "la", "scorso", "scorsa", "prossimo", "prossima"} | first(self.festivities),
            "quarter": {"primo", "secondo", "terzo", "quarto", "ultimo"},
            "year_name": {"under", "#before_year"},
            "week_number": {"settimana"},
            "year_range": {"#"},
            "year": year_cues,
        }
        missing = {name for name, *_ in self.rules} - set(starts)
        if missing:
            raise ValueError(f"rules without start words: {sorted(missing)}")
        self.start_index: dict[str, list[int]] = {}
        for i, (name, *_rest) in enumerate(self.rules):
            for word in starts[name]:
                self.start_index.setdefault(word, []).append(i)

    def _candidates(self, text: str, low: str | None, exhaustive: bool):
        """(rule index, match) pairs: anchored matches at the tokens where a rule can start,
        or every match of every rule when ``exhaustive``."""
        for i, (name, regex_i, regex, handler, on_original) in enumerate(self.rules):
            if not exhaustive:
                break
            matches = regex_i.finditer(text) if (on_original or low is None) else map(
                lambda m: _OrigMatch(m, text), regex.finditer(low))
            for m in matches:
                yield i, m
        if exhaustive:
            return
        source = low if low is not None else text.lower()
        tokens = [(m.start(), m.group(0)) for m in self.TOKEN.finditer(source)] if len(source) == len(text) else \
            [(m.start(), m.group(0).lower()) for m in self.TOKEN.finditer(text)]
        index = self.start_index
        digit_rules, roman_rules, name_rules = index["#"], index["#roman"], index["#before_year"]
        empty: list[int] = []
        n_tokens = len(tokens)
        for k, (pos, word) in enumerate(tokens):
            rule_ids = index.get(word, empty)
            nxt = tokens[k + 1][1] if k + 1 < n_tokens else ""
            extra = None
            if word[0].isdigit():
                extra = digit_rules
            elif nxt == "secolo" and self.ROMAN_TOKEN.fullmatch(word):
                extra = roman_rules
            if len(nxt) == 4 and nxt[0] in "12" and self.YEARISH.fullmatch(nxt) and text[pos].isupper():
                extra = (extra or empty) + name_rules
            if extra:
                rule_ids = sorted(set(rule_ids) | set(extra))
            elif not rule_ids:
                continue
            for i in rule_ids:
                _, regex_i, regex, _, on_original = self.rules[i]
                if on_original or low is None:
                    m = regex_i.match(text, pos)
                else:
                    m = regex.match(low, pos)
                    m = _OrigMatch(m, text) if m else None
                if m:
                    yield i, m

    def find(self, text: str, ref: dt.date | None = None, exhaustive: bool = False) -> list[Found]:
        candidates: list[tuple[int, int, int, Found]] = []
        low = text.lower()
        if len(low) != len(text):  # a few characters change length when lowercased
            low = None
        for priority, m in self._candidates(text, low, exhaustive):
            name, _, _, handler, _ = self.rules[priority]
            ctx = _Ctx(text, ref, self, name)
            try:
                result = handler(m, ctx)
            except (ValueError, OverflowError, KeyError):  # odd input (day 0, unknown form): no match
                result = None
            except Exception:  # a bug in a rule must not stop the pipeline: log it, skip the match
                log.warning("it_dates: rule %s failed on %r", name, m[0], exc_info=True)
                result = None
            if result is None:
                continue
            for found in (result if isinstance(result, list) else [result]):
                candidates.append((found.start, found.end, priority, found))
        # longest span first, then rule order; keep non-overlapping
        candidates.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
        chosen: list[Found] = []
        taken: list[tuple[int, int]] = []
        for start, end, _, found in candidates:
            if any(start < e and s < end for s, e in taken):
                continue
            chosen.append(found)
            taken.append((start, end))
        chosen.sort(key=lambda f: f.start)
        self._apply_cues(text, chosen, ref)
        self._link_ranges(text, chosen)
        self._resolve_anaphora(text, chosen, ref)
        self._years_from_context(text, chosen)
        self._attach_clock_dates(text, chosen, ref)
        return self._merge_date_and_clock(text, chosen)

    def cue_before(self, text: str, start: int) -> str | None:
        m = self.cue_re.search(text[max(0, start - 30):start])
        return m.group(1).lower().replace("’", "'") if m else None

    def cue_role(self, text: str, start: int) -> str | None:
        cue = self.cue_before(text, start)
        if cue is None:
            return None
        return self.cues.get(re.sub(r"\s+", " ", cue))

    # ------------------------------------------------------------------ post-passes

    def _apply_cues(self, text: str, found: list[Found], ref: dt.date | None) -> None:
        mods = {"before": "BEFORE", "until": "ON_OR_BEFORE", "after": "AFTER", "since": "ON_OR_AFTER"}
        for f in found:
            t = f.timex
            if (t.type not in (DATE, TIME) or t.mod is not None or t.range_role
                    or t.value in (None, "PRESENT_REF", "PAST_REF", "FUTURE_REF")):
                continue
            role = self.cue_role(text, f.start)
            if role in mods:
                f.timex = replace(t, mod=mods[role])

    RANGE_BETWEEN = re.compile(r"^\s*(?:al|alla|alle|all['’]|allo|ai|a|ad|e|e\s+il|e\s+la|e\s+l['’]|e\s+i|fino\s+al|"
                               r"fino\s+a|fino\s+alla|-|–)\s*$", re.IGNORECASE)
    RANGE_OPEN = {"dal", "dalla", "dall'", "da", "dai", "dalle", "tra", "fra", "tra il", "fra il", "tra la",
                  "fra la", "tra l'", "fra l'", "sin dal", "fin dal", "a partire dal", "a partire da"}

    def _link_ranges(self, text: str, found: list[Found]) -> None:
        for a, b in zip(found, found[1:]):
            if a.timex.range_role or a.timex.type != b.timex.type or a.timex.type not in (DATE, TIME):
                continue
            between = text[a.end:b.start]
            if not self.RANGE_BETWEEN.match(between):
                continue
            hyphen = between.strip() in ("-", "–")  # "maggio-giugno", "2020-2023"
            cue = self.cue_before(text, a.start)
            if not hyphen and (cue is None or re.sub(r"\s+", " ", cue) not in self.RANGE_OPEN):
                continue
            ta, tb = a.timex, b.timex
            # the end of a range does not precede its begin: "maggio-giugno" in May 2024
            pa, pb = _parse_full(ta.value), _parse_full(tb.value)
            if tb.anchor == "published" and pa and pb and pa[1] and pb[1] and (pb[0], pb[1], pb[2] or 0) < (
                    pa[0], pa[1], pa[2] or 0):
                year = pa[0] if (pb[1], pb[2] or 0) >= (pa[1], pa[2] or 0) else pa[0] + 1
                tb = replace(tb, value=_date_value(year, pb[1], pb[2]))
            # "tra marzo e aprile 2024": the begin takes the end's explicit year
            pa, pb = _parse_full(ta.value), _parse_full(tb.value)
            if ta.anchored and not tb.anchored and pa and pb and pa[1] and pb[1] and ta.granularity in ("month", "day"):
                year = pb[0] if (pa[1], pa[2] or 0) <= (pb[1], pb[2] or 0) else pb[0] - 1
                ta = replace(ta, value=_date_value(year, pa[1], pa[2]), anchored=False, anchor=None)
            a.timex = replace(ta, mod=None, range_role="begin", partner_start=b.start, partner_end=b.end)
            b.timex = replace(tb, mod=None, range_role="end", partner_start=a.start, partner_end=a.end)

    def _years_from_context(self, text: str, found: list[Found]) -> None:
        """'Europeo del 2011 ... dal 12 al 25 giugno': a month or day without year takes an
        explicit year written earlier in the same sentence (before the publication year)."""
        for i, f in enumerate(found):
            t = f.timex
            if t.type != DATE or t.granularity not in ("day", "month") or not t.value:
                continue
            if t.rule not in ("day_month", "day_range", "month", "qualified") or not (t.value.startswith("XXXX-")
                                                                                      or t.anchor == "published"):
                continue
            if t.anchor == "published" and t.rule == "month" and re.search(self.PAST_WORDS + "|" + self.NEXT_WORDS,
                                                                           text[f.start:f.end], re.I):
                continue  # "lo scorso luglio" is relative to today, not to a year in the sentence
            for p in reversed(found[:i]):
                if re.search(r"[.!?;]\s|\n", text[p.end:f.start]):
                    break
                if p.timex.type == DATE and not p.timex.anchored and p.timex.value and re.match(r"\d{4}", p.timex.value):
                    year = p.timex.value[:4]
                    f.timex = replace(t, value=year + t.value[4:], anchored=True, anchor="context", flag=None)
                    if t.range_role:  # keep the partner consistent
                        for q in found:
                            if (q.start, q.end) == (t.partner_start, t.partner_end) and q.timex.value:
                                q.timex = replace(q.timex, value=year + q.timex.value[4:], anchored=True,
                                                  anchor="context", flag=None)
                    break

    def _resolve_anaphora(self, text: str, found: list[Found], ref: dt.date | None) -> None:
        """'il mese successivo', 'tre giorni dopo': shift the latest preceding date that is
        precise enough for the unit (a month needs a month, a day needs a day)."""
        anchors: list[tuple[int, int | None, int | None]] = []
        paragraph = -1
        for f in found:
            par = text.count("\n\n", 0, f.start)
            if par != paragraph:  # antecedents stay within their paragraph
                anchors, paragraph = [], par
            if f.pending is None:
                parsed = _parse_full(f.timex.value)
                if parsed and f.timex.type == DATE:
                    anchors.append((f.end, parsed))
                continue
            unit, n = f.pending
            f.pending = None
            need = 2 if unit in ("D", "W", "TH", "TM", "TS") else 1 if unit in ("M", "Q") else 0
            # the antecedent: same paragraph, at most ANAPHORA_WINDOW characters back
            anchor = next((a for end, a in reversed(anchors) if all(x is not None for x in a[:need + 1])
                           and f.start - end <= ANAPHORA_WINDOW), None)
            value, gran = _offset_value(anchor, unit, n) if anchor else (None, None)
            if value is None:
                value, gran = _unknown(unit)
                f.timex = replace(f.timex, value=value, granularity=gran, flag="unresolved")
                continue
            f.timex = replace(f.timex, value=value, granularity=gran, anchored=True, anchor="preceding", flag=None)
            parsed = _parse_full(value)
            if parsed:
                anchors.append((f.end, parsed))

    DATE_CLOCK_GAP = re.compile(r"^\s*,?\s*(?:alle|verso\s+le|intorno\s+alle|attorno\s+alle|poco\s+dopo\s+le|"
                                r"poco\s+prima\s+delle)?\s*$", re.IGNORECASE)

    def _merge_date_and_clock(self, text: str, found: list[Found]) -> list[Found]:
        """'20 maggio 2024 alle 15:30' is one TIME (corpus/GUIDELINES.md §3): a calendar
        date with its day written out, then a clock time. Deictic days stay apart from
        the clock ('ieri alle 15', 'in data odierna alle ore 17:00')."""
        out: list[Found] = []
        i = 0
        while i < len(found):
            a = found[i]
            b = found[i + 1] if i + 1 < len(found) else None
            if (b is not None and a.timex.type == DATE and a.timex.valid and a.timex.granularity == "day"
                    and a.timex.rule in ("day_month", "numeric", "iso") and not a.timex.range_role
                    and b.timex.type == TIME and b.timex.rule in ("clock", "clock_words") and not b.timex.range_role
                    and b.timex.value and b.timex.value[:10] == (a.timex.value or "")[:10]
                    and self.DATE_CLOCK_GAP.match(text[a.end:b.start])):
                merged = replace(b.timex, anchored=a.timex.anchored, anchor=a.timex.anchor, flag=a.timex.flag,
                                 mod=a.timex.mod, rule="date_clock")
                out.append(Found(a.start, b.end, merged))
                i += 2
                continue
            out.append(a)
            i += 1
        return out

    def _attach_clock_dates(self, text: str, found: list[Found], ref: dt.date | None) -> None:
        for i, f in enumerate(found):
            t = f.timex
            if t.type != TIME or not t.value or not t.value.startswith("XXXX-XX-XXT"):
                continue
            clock = t.value[len("XXXX-XX-XX"):]
            day = None
            anchor = None
            if i > 0:
                p = found[i - 1]
                gap = text[p.end:f.start]
                if len(gap) <= 40 and not re.search(r"[.!?;\n]", gap):
                    parsed = _parse_full(p.timex.value)
                    if parsed and parsed[2] is not None:
                        day, anchor = _date_value(*parsed), "preceding"
                    elif p.timex.value and re.match(r"^\d{4}-\d{2}-\d{2}T", p.timex.value):
                        day, anchor = p.timex.value[:10], "preceding"
            if day is None and ref is not None:
                day, anchor = ref.isoformat(), "published"
            if day is not None:
                f.timex = replace(t, value=day + clock, anchored=True, anchor=anchor, flag=None)

    # ------------------------------------------------------------------ helpers

    def proper_name_context(self, text: str, start: int, month_text: str | None) -> bool:
        """True when the match sits in a proper name: 'Via XX Settembre', 'Piazza XXIV
        Maggio', 'Via 4 Novembre', 'Tommaso Maggio'."""
        window = max(0, start - 80)
        before = text[window:start]  # bounded: an anchored-at-end search scans its input
        m = self.prev_word_re.search(before)
        if not m:
            return False
        prev = m.group(1)
        if prev[:1].isupper() and prev.lower() in self.proper_heads:
            return True
        if month_text is None or not month_text[:1].isupper():
            return False
        if re.fullmatch(r"[IVXLC]+", prev):
            return True
        sentence_initial = SENT_END.search(before[:m.start()]) is not None or (
            window == 0 and not before[:m.start()].strip())
        low = prev.lower().replace("’", "'")
        if prev[:1].isupper() and not sentence_initial and low not in self.cues and low not in self.weekdays:
            return True
        # two words back: "Via Venti Settembre"
        m2 = self.prev_word_re.search(before[:m.start()])
        return bool(m2 and m2.group(1)[:1].isupper() and m2.group(1).lower() in self.proper_heads)

    def month_number(self, word: str) -> int | None:
        w = word.lower().rstrip(".")
        return self.months.get(w) or self.abbrs.get(w)

    def elided_number(self, m) -> int | float | None:
        """n of "un'ora" (1), "trent'anni" (30), "mezz'ora" (0.5); None if the unit does not fit."""
        n = self.elided[re.sub(r"['’]$", "", m["napos"].lower())]
        unit = m["unit"].lower()
        if n in (0, 1):
            return (0.5 if n == 0 else 1) if unit == "ora" else None
        return n if unit in ("anni", "ore") else None

    def number(self, word: str | None) -> int | None:
        """Integer of a number word or digits; None for vague quantities (qualche)."""
        if word is None:
            return 1
        w = re.sub(r"\s+", " ", word.lower())
        if w.isdigit():
            return int(w)
        if w in self.vague:
            return None
        if w in self.numbers:
            return self.numbers[w]
        raise KeyError(w)

    def unit_code(self, word: str) -> str:
        return self.units[word.lower()]

    # ------------------------------------------------------------------ handlers

    def _numeric(self, m: re.Match, c: "_Ctx"):
        d, mo, ys = int(m["d"]), int(m["m"]), m["y"]
        if m["sep"] == "-" and len(ys) == 2:
            return None
        y = int(ys)
        if len(ys) == 2:
            pivot = (c.ref.year % 100 + 10) if c.ref else 30
            y += 2000 if y <= pivot else 1900
        if mo > 12 or d == 0 or mo == 0:
            return None if mo > 31 else c.invalid(m.start(), m.end(), "numeric")
        return c.day(m.start(), m.end(), y, mo, d, "numeric")

    def _iso(self, m: re.Match, c: "_Ctx"):
        y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
        if not 1 <= mo <= 12:
            return None
        return c.day(m.start(), m.end(), y, mo, d, "iso")

    def _day_month(self, m: re.Match, c: "_Ctx"):
        mon_text = m["mon"]
        is_abbr = mon_text.lower().rstrip(".") not in self.months
        if is_abbr and not m["y"]:
            return None
        if self.proper_name_context(c.text, m.start(), mon_text):
            return None
        day = 1 if m["d"].lower() == "primo" else int(m["d"].rstrip("°º"))
        month = self.month_number(mon_text)
        if m["y"]:
            found = c.day(m.start(), m.end(), int(m["y"]), month, day, "day_month")
        elif (m["rel"] or m["pre"]) and c.ref is not None:
            direction = "next" if "prossimo" in (m["rel"] or m["pre"]).lower() else "prev"
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
        if m["wd"] and found.timex.valid and found.timex.value and found.timex.value[0] != "X":
            wd = self.weekdays[m["wd"].lower()]
            if dt.date.fromisoformat(found.timex.value).isoweekday() != wd:
                found.timex = replace(found.timex, flag="weekday_mismatch")
        return found

    def _day_range(self, m: re.Match, c: "_Ctx"):
        month = self.month_number(m["mon"])
        d1 = 1 if m["d1"].lower() == "primo" else int(m["d1"].rstrip("°º"))
        d2 = 1 if m["d2"].lower() == "primo" else int(m["d2"].rstrip("°º"))
        if d1 >= d2:
            return None
        year = int(m["y"]) if m["y"] else (c.ref.year if c.ref else None)
        anchored = not m["y"] and c.ref is not None
        s1 = "s1" if "s1" in m.re.groupindex else "d1"
        a = c.day(m.start(s1), m.end("d1"), year, month, d1, "day_range", anchored=anchored)
        b = c.day(m.start("s2"), m.end("s2"), year, month, d2, "day_range", anchored=anchored)
        if c.rule == "day_list":  # "l'8 e 9 giugno": two dates, not a range
            return [a, b]
        a.timex = replace(a.timex, range_role="begin", partner_start=b.start, partner_end=b.end)
        b.timex = replace(b.timex, range_role="end", partner_start=a.start, partner_end=a.end)
        return [a, b]

    def _month_year(self, m: re.Match, c: "_Ctx"):
        if self.proper_name_context(c.text, m.start(), m["mon"]):
            return None
        ys = m["y"]
        if ys[0] in "'’":
            yy = int(ys[1:])
            pivot = (c.ref.year % 100 + 10) if c.ref else 30
            y = yy + (2000 if yy <= pivot else 1900)
        else:
            y = int(ys)
        return c.make(m.start(), m.end(), _date_value(y, self.month_number(m["mon"]), None), DATE, "month",
                      rule="month_year")

    def _month(self, m: re.Match, c: "_Ctx"):
        mon_text = m["mon"]
        if self.proper_name_context(c.text, m.start(), mon_text):
            return None
        if not m["pre"] and not m["mese"] and self.capitalised_inside_sentence(c.text, m.start(), mon_text):
            return None
        month = self.months[mon_text.lower()]
        rel = (m["pre"] or "") + " " + (m["rel"] or "")
        if re.search(self.PAST_WORDS, rel, re.I):
            direction = "prev"
        elif re.search(self.NEXT_WORDS, rel, re.I):
            direction = "next"
        else:
            direction = c.default_direction(m.start())
        # "lo scorso luglio": the article belongs to the expression; "il prossimo" too
        start = m.start()
        if m["yn"] or m["ya"] or m["yq"]:  # "dicembre di due anni fa", "marzo dell'anno scorso"
            if m["yn"]:
                shift = -self.number(m["yn"])
            elif m["ya"]:
                shift = -1 if re.search(self.PAST_WORDS, m["ya"], re.I) else 1
            else:
                shift = 0
            if c.ref is None:
                return c.make(start, m.end(), _date_value(None, month, None), DATE, "month", rule="month",
                              flag="unresolved")
            return c.make(start, m.end(), _date_value(c.ref.year + shift, month, None), DATE, "month",
                          rule="month_rel", anchored=True)
        if m["mese"]:
            start = m.start("mese")
        if c.ref is None:
            return c.make(start, m.end(), _date_value(None, month, None), DATE, "month", rule="month")
        y = resolve_month(month, c.ref, direction)
        return c.make(start, m.end(), _date_value(y, month, None), DATE, "month", rule="month", anchored=True)

    def _qualified(self, m: re.Match, c: "_Ctx"):
        q = re.sub(r"\s+", " ", m["q"].lower())
        mod = self.qualifiers[q]
        if m["mon"]:
            if self.proper_name_context(c.text, m.start("mon"), m["mon"]):
                return None
            month = self.months[m["mon"].lower()]
            if m["y"]:
                return c.make(m.start(), m.end(), _date_value(int(m["y"]), month, None), DATE, "month", mod=mod,
                              rule="qualified")
            if c.ref is None:
                return c.make(m.start(), m.end(), _date_value(None, month, None), DATE, "month", mod=mod,
                              rule="qualified")
            y = resolve_month(month, c.ref, c.default_direction(m.start()))
            return c.make(m.start(), m.end(), _date_value(y, month, None), DATE, "month", mod=mod,
                          rule="qualified", anchored=True)
        if m["y2"]:
            return c.make(m.start(), m.end(), m["y2"], DATE, "year", mod=mod, rule="qualified")
        if m["anno"]:
            if q in ("primi", "ultimi"):
                return None
            unit = "Y" if m["anno"].lower() == "anno" else "M"
            rel = (m["rel"] or "").lower()
            n = -1 if re.match(self.PAST_WORDS, rel) else (1 if rel else 0)
            if c.ref is None:
                value, gran = _unknown(unit)
                return c.make(m.start(), m.end(), value, DATE, gran, mod=mod, rule="qualified", flag="unresolved")
            value, gran = _offset_value((c.ref.year, c.ref.month, c.ref.day), unit, n)
            return c.make(m.start(), m.end(), value, DATE, gran, mod=mod, rule="qualified", anchored=True)
        if m["seas"]:
            code = self.seasons[m["seas"].lower()]
            if m["y3"]:
                return c.make(m.start(), m.end(), f"{m['y3']}-{code}", DATE, "season", mod=mod, rule="qualified")
            if c.ref is None:
                return c.make(m.start(), m.end(), f"XXXX-{code}", DATE, "season", mod=mod, rule="qualified")
            y = resolve_season(code, c.ref, c.default_direction(m.start()))
            return c.make(m.start(), m.end(), f"{y}-{code}", DATE, "season", mod=mod, rule="qualified",
                          anchored=True)
        if m["cent"]:
            return c.make(m.start(), m.end(), str(self.century_words[m["cent"].lower()]), DATE, "century", mod=mod,
                          rule="qualified")
        if m["sett"]:
            if q != "inizio":  # "fine settimana" is the weekend rule; "metà settimana" rare
                return None
            if c.ref is None:
                return c.make(m.start(), m.end(), "XXXX-WXX", DATE, "week", mod=mod, rule="qualified",
                              flag="unresolved")
            return c.make(m.start(), m.end(), iso_week(c.ref), DATE, "week", mod=mod, rule="qualified", anchored=True)
        return None

    def _season(self, m: re.Match, c: "_Ctx"):
        code = self.seasons[m["seas"].lower()]
        if m["seas"][0].isupper() and self.proper_name_context(c.text, m.start(), m["seas"]):
            return None
        if not m["y"] and not m["pre"] and not m["this"] and self.capitalised_inside_sentence(
                c.text, m.start("seas"), m["seas"]):
            return None
        if m["y"]:
            return c.make(m.start(), m.end(), f"{m['y']}-{code}", DATE, "season", rule="season")
        rel = ((m["pre"] or "") + " " + (m["rel"] or "")).lower()
        if "scors" in rel or "passat" in rel:
            direction = "prev"
        elif "prossim" in rel:
            direction = "next"
        elif m["this"]:
            direction = "this"
        else:
            direction = c.default_direction(m.start())
        if c.ref is None:
            return c.make(m.start(), m.end(), f"XXXX-{code}", DATE, "season", rule="season")
        if direction == "this":
            # "quest'estate": the one of this year (winter: the one starting this Dec
            # unless we are in Jan/Feb, when it is the current one)
            y = season_of(c.ref)[0] if code == "WI" and c.ref.month in (1, 2) else c.ref.year
        else:
            y = resolve_season(code, c.ref, direction)
        return c.make(m.start(), m.end(), f"{y}-{code}", DATE, "season", rule="season", anchored=True)

    def _decade_value(self, digits: str | None, word: str | None) -> tuple[str, str | None]:
        if digits:
            d = int(digits[0])
            return (f"20{d}" if d in (0, 1) else f"19{d}"), ("ambiguous_century" if d in (1, 2) else None)
        d = self.decade_words[word.lower()]
        return ("200" if d == 0 else f"19{d}"), ("ambiguous_century" if d in (1, 2) else None)

    def _decade(self, m: re.Match, c: "_Ctx"):
        """'anni '90' -> 199; 'anni Settanta e Ottanta' -> 197 and 198 (two dates)."""
        if m["d4"]:
            value, flag = m["d4"][:3], None
        else:
            value, flag = self._decade_value(m["dd"], m["dw"])
        end = m.start("s2") if m["s2"] else m.end()
        first_end = end if not m["s2"] else m.end("dd") if m["dd"] else m.end("dw") if m["dw"] else m.end("d4")
        first = c.make(m.start(), first_end, value, DATE, "decade", rule="decade", flag=flag)
        if not m["s2"]:
            return first
        value2, flag2 = self._decade_value(m["dd2"], m["dw2"])
        return [first, c.make(m.start("s2"), m.end("s2"), value2, DATE, "decade", rule="decade", flag=flag2)]

    def _century(self, m: re.Match, c: "_Ctx"):
        start = m.start()
        if m["r1"] or m["r2"]:
            n = roman_to_int(m["r1"] or m["r2"])
            if not n or n > 21:
                return None
            return c.make(start, m.end(), f"{n - 1:02d}", DATE, "century", rule="century")
        if m["rel"]:
            if c.ref is None:
                return c.make(start, m.end(), None, DATE, "century", rule="century", flag="unresolved")
            return c.make(start, m.end(), f"{c.ref.year // 100 - 1:02d}", DATE, "century", rule="century",
                          anchored=True)
        if m["cw"]:
            if not m["cw"][0].isupper():  # "novecento" lowercase is the number 900
                return None
            return c.make(start, m.end(), str(self.century_words[m["cw"].lower()]), DATE, "century",
                          rule="century")
        return c.make(start, m.end(), f"1{m['c3']}", DATE, "century", rule="century")

    def _deictic(self, m: re.Match, c: "_Ctx"):
        offset = self.deictic_days[re.sub(r"\s+", " ", m["w"].lower()).replace("’", "'")]
        pod = self.pods[m["pod"].lower()] if m["pod"] else None
        if c.ref is None:
            return c.make(m.start(), m.end(), "XXXX-XX-XX" + (f"T{pod}" if pod else ""), TIME if pod else DATE,
                          "part_of_day" if pod else "day", rule="deictic", flag="unresolved")
        day = c.ref + dt.timedelta(days=offset)
        if pod:
            return c.make(m.start(), m.end(), f"{day.isoformat()}T{pod}", TIME, "part_of_day", rule="deictic",
                          anchored=True)
        return c.make(m.start(), m.end(), day.isoformat(), DATE, "day", rule="deictic", anchored=True)

    def _deictic_part(self, m: re.Match, c: "_Ctx"):
        if m["w"]:
            offset, pod = self.deictic_parts[m["w"].lower()]
        elif m["pod"]:
            offset, pod = 0, self.pods[m["pod"].lower()]
        else:  # la notte scorsa
            offset, pod = -1, "NI"
        if c.ref is None:
            return c.make(m.start(), m.end(), f"XXXX-XX-XXT{pod}", TIME, "part_of_day", rule="deictic",
                          flag="unresolved")
        day = c.ref + dt.timedelta(days=offset)
        return c.make(m.start(), m.end(), f"{day.isoformat()}T{pod}", TIME, "part_of_day", rule="deictic",
                      anchored=True)

    def capitalised_inside_sentence(self, text: str, start: int, word: str) -> bool:
        """A month/weekday/season written with a capital inside a sentence is a name
        ("La Domenica del Corriere", "la Primavera araba", "Cinque Giornate di Marzo");
        Italian writes them lowercase."""
        if not word[:1].isupper():
            return False
        before = text[max(0, start - 40):start]
        if not before.strip() and start < 40:
            return False
        return SENT_END.search(before) is None and not re.search(r"[\n:«\"“(]\s*$", before)

    def _pod_of_day(self, m: re.Match, c: "_Ctx"):
        """'nel pomeriggio di ieri' -> 2024-05-19TAF, 'nella giornata di ieri' -> 2024-05-19,
        'in serata' -> the reference day TEV (span 'serata')."""
        if m["in"]:
            pod = self.pods[m["in"].lower()]
            start = m.start("in")
            if c.ref is None:
                return c.make(start, m.end(), f"XXXX-XX-XXT{pod}", TIME, "part_of_day", rule="pod_of_day")
            return c.make(start, m.end(), f"{c.ref.isoformat()}T{pod}", TIME, "part_of_day", rule="pod_of_day",
                          anchored=True)
        pod = None if m["pod"].lower() in self.whole_day_words else self.pods[m["pod"].lower()]
        typ, gran = (TIME, "part_of_day") if pod else (DATE, "day")
        suffix = f"T{pod}" if pod else ""
        if m["w"]:
            offset = self.deictic_days[m["w"].lower()]
            if c.ref is None:
                return c.make(m.start(), m.end(), "XXXX-XX-XX" + suffix, typ, gran, rule="pod_of_day",
                              flag="unresolved")
            day = c.ref + dt.timedelta(days=offset)
        else:
            wd = self.weekdays[m["wd"].lower()]
            if c.ref is None:
                return c.make(m.start(), m.end(), f"XXXX-WXX-{wd}" + suffix, typ, gran, rule="pod_of_day")
            day = resolve_weekday(wd, c.ref, c.default_direction(m.start()))
        return c.make(m.start(), m.end(), day.isoformat() + suffix, typ, gran, rule="pod_of_day", anchored=True)

    def _weekday_guard(self, c: "_Ctx", m: re.Match) -> bool:
        """'Domenica Rossi', 'Sabato' as a surname: capitalised, next to a capitalised word."""
        wd = m["wd"]
        if not wd[0].isupper():
            return False
        if not m["pre"] and self.capitalised_inside_sentence(c.text, m.start(), wd):
            return True
        after = c.text[m.end():m.end() + 30]
        nxt = re.match(r"\s+([\w'’]+)", after)
        if nxt and nxt.group(1)[0].isupper() and nxt.group(1).lower() not in self.months:
            return True
        return self.proper_name_context(c.text, m.start(), wd)

    def _weekday(self, m: re.Match, c: "_Ctx"):
        if self._weekday_guard(c, m):
            return None
        wd = self.weekdays[m["wd"].lower()]
        rel = ((m["pre"] or "") + " " + (m["rel"] or "")).lower()
        if re.search(self.PAST_WORDS, rel):
            direction = "prev"
        elif re.search(self.NEXT_WORDS, rel):
            direction = "next"
        else:
            direction = c.default_direction(m.start())
        pod = self.pods[m["pod"].lower()] if m["pod"] else None
        typ, gran = (TIME, "part_of_day") if pod else (DATE, "day")
        if c.ref is None:
            return c.make(m.start(), m.end(), f"XXXX-WXX-{wd}" + (f"T{pod}" if pod else ""), typ, gran,
                          rule="weekday")
        day = resolve_weekday(wd, c.ref, direction)
        return c.make(m.start(), m.end(), day.isoformat() + (f"T{pod}" if pod else ""), typ, gran,
                      rule="weekday", anchored=True)

    def _night_between(self, m: re.Match, c: "_Ctx"):
        if m["wd1"]:
            wd1, wd2 = self.weekdays[m["wd1"].lower()], self.weekdays[m["wd2"].lower()]
            if wd2 != wd1 % 7 + 1:
                return None
            if c.ref is None:
                return c.make(m.start(), m.end(), f"XXXX-WXX-{wd1}TNI", TIME, "part_of_day", rule="night_between")
            # the night ends on wd2: the most recent wd2 (today included), minus one day
            end = resolve_weekday(wd2, c.ref, c.default_direction(m.start()))
            day = end - dt.timedelta(days=1)
            return c.make(m.start(), m.end(), f"{day.isoformat()}TNI", TIME, "part_of_day", rule="night_between",
                          anchored=True)
        month = self.months[m["mon"].lower()]
        d1 = 1 if m["d1"].lower() == "primo" else int(m["d1"].rstrip("°º"))
        year = int(m["y"]) if m["y"] else (c.ref.year if c.ref else None)
        try:
            value = _date_value(year, month, d1) if year is None else dt.date(year, month, d1).isoformat()
        except ValueError:
            return c.invalid(m.start(), m.end(), "night_between", TIME)
        return c.make(m.start(), m.end(), value + "TNI", TIME, "part_of_day", rule="night_between",
                      anchored=bool(year and not m["y"]))

    def _relative_unit(self, m: re.Match, c: "_Ctx"):
        unit_word = (m["u1"] or m["u2"] or m["u3"]).lower()
        rel = (m["rel1"] or m["rel2"] or "").lower()
        unit = self.unit_code(unit_word)
        start = m.start()
        if re.fullmatch(self.ANAPH_WORDS, rel):
            if unit == "D" and rel in ("prima", "dopo") and not (m["art"]):
                return None
            n = -1 if rel in ("precedente", "prima") else 1
            f = c.make(start, m.end(), None, DATE, None, rule="anaphoric")
            f.pending = (unit, n)
            return f
        if unit == "D":
            return None
        n = -1 if re.fullmatch(self.PAST_WORDS, rel) else (1 if rel else 0)
        gran = {"W": "week", "M": "month", "Y": "year"}[unit]
        if c.ref is None:
            return c.make(start, m.end(), _unknown(unit)[0], DATE, gran, rule="relative_unit", flag="unresolved")
        value, gran = _offset_value((c.ref.year, c.ref.month, c.ref.day), unit, n)
        return c.make(start, m.end(), value, DATE, gran, rule="relative_unit", anchored=True)

    def _weekend(self, m: re.Match, c: "_Ctx"):
        rel = ((m["pre"] or "") + " " + (m["rel"] or "")).lower()
        if c.ref is None:
            return c.make(m.start(), m.end(), "XXXX-WXX-WE", DATE, "weekend", rule="weekend", flag="unresolved")
        monday = c.ref - dt.timedelta(days=c.ref.weekday())
        if "scors" in rel or "passat" in rel:
            week = monday - dt.timedelta(days=7) if c.ref.weekday() < 5 else monday - dt.timedelta(days=7)
        elif "prossim" in rel:
            week = monday if c.ref.weekday() < 5 else monday + dt.timedelta(days=7)
        elif c.ref.weekday() <= 1 and c.default_direction(m.start()) == "past":
            week = monday - dt.timedelta(days=7)  # Mon/Tue: the weekend just gone
        else:
            week = monday  # Wed-Sun: this week's weekend
        return c.make(m.start(), m.end(), iso_week(week) + "-WE", DATE, "weekend", rule="weekend", anchored=True)

    def _ago(self, m: re.Match, c: "_Ctx"):
        n = self.number(m["n"]) if m["n"] else self.elided_number(m)
        if not m["n"] and not n or n == 0.5:
            return None
        unit_word = m["unit"].lower()
        if unit_word in ("secondo", "ora") and n != 1:
            return None
        unit = self.unit_code(unit_word)
        kind = self.ago_words[re.sub(r"\s+", " ", m["dir"].lower())]  # ago / before / after
        sign = 1 if kind == "after" else -1
        anaphoric = kind != "ago"
        if n is None:  # "qualche giorno fa"
            if anaphoric:
                return None
            return c.make(m.start(), m.end(), "PAST_REF", DATE, "ref", rule="ago")
        if anaphoric:
            f = c.make(m.start(), m.end(), None, DATE, None, rule="anaphoric")
            f.pending = (unit, sign * n)
            return f
        if c.ref is None:
            value, gran = _unknown(unit)
            return c.make(m.start(), m.end(), value, DATE, gran, rule="ago", flag="unresolved")
        value, gran = _offset_value((c.ref.year, c.ref.month, c.ref.day), unit, -n)
        return c.make(m.start(), m.end(), value, DATE, gran, rule="ago", anchored=True)

    def _in_future(self, m: re.Match, c: "_Ctx"):
        n = self.number(m["n"]) if m["n"] else self.elided_number(m)
        if not m["n"] and not n or n == 0.5:
            return None
        unit_word = m["unit"].lower()
        if unit_word in ("secondo", "ora") and n != 1:
            return None
        if n is None:
            return c.make(m.start(), m.end(), "FUTURE_REF", DATE, "ref", rule="in_future")
        if c.ref is None:
            value, gran = _unknown(self.unit_code(unit_word))
            return c.make(m.start(), m.end(), value, DATE, gran, rule="in_future", flag="unresolved")
        value, gran = _offset_value((c.ref.year, c.ref.month, c.ref.day), self.unit_code(unit_word), n)
        return c.make(m.start(), m.end(), value, DATE, gran, rule="in_future", anchored=True)

    def _duration(self, m: re.Match, c: "_Ctx"):
        if m["unit"][0].isupper():  # "le Cinque Giornate (di Milano)": a name
            return None
        unit_word = m["unit"].lower()
        if m["napos"]:
            n = self.elided_number(m)
            if n is None:
                return None
        else:
            n = self.number(m["n"])
            if unit_word in ("secondo", "ora"):
                return None
            if n is not None and n != 1 and unit_word in ("giorno", "giornata", "settimana", "mese", "anno",
                                                          "decennio", "secolo", "trimestre", "minuto"):
                return None  # "tre anno": not Italian
        mod_word = re.sub(r"\s+", " ", m["mod"].lower()) if m["mod"] else None
        mod = self.duration_mods.get(mod_word) if mod_word else None
        if mod == "NONE":
            mod = None
        value = _duration_value(n, self.unit_code(unit_word), bool(m["half"]))
        if value is None:
            return None
        return c.make(m.start(), m.end(), value, DURATION, "duration", mod=mod, rule="duration")

    def _single_unit(self, m: re.Match, c: "_Ctx"):
        """'l'unico anno', 'nell'ultimo anno', 'l'intera settimana' -> P1Y, P1W."""
        if m["q"].lower().startswith("inter") and m["unit"].lower() == "ora":
            return None
        value = _duration_value(1, self.unit_code(m["unit"].lower()), False)
        return c.make(m.start(), m.end(), value, DURATION, "duration", rule="single_unit")

    def _bare_units(self, m: re.Match, c: "_Ctx"):
        mod_word = re.sub(r"\s+", " ", m["mod"].lower()) if m["mod"] else None
        mod = self.duration_mods.get(mod_word) if mod_word else None
        if mod == "NONE":
            return None
        value = _duration_value(None, self.unit_code(m["unit"].lower()), False)
        return c.make(m.start("s"), m.end("s"), value, DURATION, "duration", mod=mod, rule="bare_units")

    def _vague_ref(self, m: re.Match, c: "_Ctx"):
        rel = (m["rel"] or m["rel2"]).lower()
        start = m.start()
        if m["rel"]:  # "negli ultimi anni" -> PXY, "nei prossimi giorni" -> PXD
            value = _duration_value(None, self.unit_code(m["unit"].lower()), False)
            return c.make(m.start("rel"), m.end(), value, DURATION, "duration", rule="vague_ref")
        value = self.vague_ref_after[rel]  # PAST_REF / FUTURE_REF, from data
        return c.make(start, m.end(), value, DATE, "ref", rule="vague_ref")

    def _set_every(self, m: re.Match, c: "_Ctx"):
        n = self.number(m["n"]) if m["n"] else 1
        if m["unit"]:
            unit_word = m["unit"].lower()
            plural = unit_word.endswith(("i", "e")) and unit_word not in ("mese",)
            if m["n"] is None and plural and not m.group(0).lower().startswith("tutt"):
                return None
            if m["n"] is not None and n == 1:
                return None
            value = _duration_value(n, self.unit_code(unit_word), False)
            return c.make(m.start(), m.end(), value, SET, "set", rule="set_every")
        if m["n"]:
            return None
        if m["wd"]:
            return c.make(m.start(), m.end(), f"XXXX-WXX-{self.weekdays[m['wd'].lower()]}", SET, "set",
                          rule="set_every")
        if m["mon"]:
            return c.make(m.start(), m.end(), f"XXXX-{self.months[m['mon'].lower()]:02d}", SET, "set",
                          rule="set_every")
        if m["seas"]:
            return c.make(m.start(), m.end(), f"XXXX-{self.seasons[m['seas'].lower()]}", SET, "set",
                          rule="set_every")
        return c.make(m.start(), m.end(), f"XXXX-XX-XXT{self.pods[m['pod'].lower()]}", SET, "set",
                      rule="set_every")

    def _set_word(self, m: re.Match, c: "_Ctx"):
        return c.make(m.start(), m.end(), self.sets[re.sub(r"\s+", " ", m["w"].lower())], SET, "set",
                      rule="set_word")

    def _set_once(self, m: re.Match, c: "_Ctx"):
        code = self.unit_code(m["unit"].lower())
        return c.make(m.start(), m.end(), f"P1{code}", SET, "set", rule="set_once")

    def _ref(self, m: re.Match, c: "_Ctx"):
        w = re.sub(r"\s+", " ", m["w"].lower()).replace("’", "'")
        start = m.start()
        if w.startswith("in "):  # "in passato": the preposition is outside the span
            start = m.start() + len(re.match(r"in\s+", m["w"], re.IGNORECASE).group(0))
        return c.make(start, m.end(), self.refs[w], DATE, "ref", rule="refs")

    def _clock(self, m: re.Match, c: "_Ctx"):
        h = int(m["h"])
        mi = int(m["mi"]) if m["mi"] else 0
        names = m.re.groupindex
        start = m.start("s") if "s" in names else m.start()
        if "cue" in names and m["cue"] is None and m["cue2"] is not None:
            if h != 1:  # "all'una" only (words); digits after all' are not Italian
                return None
        if "cue" in names and m["cue"] and m["cue"].lower().split()[-1] == "le" and not m["mi"] \
                and m["cue"].lower() not in ("verso le", "entro le", "dopo le", "poco dopo le", "tra le", "fra le"):
            return None
        if "cue" in names and m["cue"] and re.match(r"(tra|fra|e)\s+le", m["cue"], re.I) and not m["mi"]:
            return None
        if h > 24 or (h == 24 and mi):
            return None
        pod = self.pods[m["pod"].lower()] if "pod" in names and m["pod"] else None
        h = _apply_pod(h, pod)
        if h is None:
            return None
        frac = m["frac"] if "frac" in names else None
        if frac and not m["mi"]:
            mi = self.clock_fractions[re.sub(r"\s+", " ", frac.lower())]
        gran = "minute" if (m["mi"] or frac) else "hour"
        dd = m["dd"].lower() if "dd" in names and m["dd"] else None
        if dd and c.ref is not None:
            off = -1 if "ieri" in dd else 1 if "domani" in dd else 0
            day = (c.ref + dt.timedelta(days=off)).isoformat()
            return c.make(start, m.end(), f"{day}T{h:02d}:{mi:02d}", TIME, gran, rule="clock", anchored=True)
        return c.make(start, m.end(), f"XXXX-XX-XXT{h:02d}:{mi:02d}", TIME, gran, rule="clock")

    def _clock_words(self, m: re.Match, c: "_Ctx"):
        hw = m["hw"].lower().replace("’", "'")
        h = self.hour_words.get(hw, self.hour_words.get(hw.replace("l'", "")))
        frac = (m["frac"] or "").lower()
        mi = self.clock_fractions.get(re.sub(r"\s+", " ", frac), 0)
        pod = self.pods[m["pod"].lower()] if m["pod"] else None
        h = _apply_pod(h, pod)
        if h is None:
            return None
        gran = "minute" if mi else "hour"
        return c.make(m.start("s"), m.end(), f"XXXX-XX-XXT{h:02d}:{mi:02d}", TIME, gran, rule="clock_words")

    def _noon(self, m: re.Match, c: "_Ctx"):
        h = self.noon_words[m["w"].lower()]
        return c.make(m.start(), m.end(), f"XXXX-XX-XXT{h:02d}:00", TIME, "hour", rule="noon")

    def _festivity(self, m: re.Match, c: "_Ctx"):
        name = re.sub(r"\s+", " ", m["f"].lower())
        spec = self.festivities[name]
        after = c.text[m.end():m.end() + 30]
        nxt = re.match(r"\s+([\w'’]+)", after)
        if m["f"][0].isupper() and nxt and nxt.group(1)[0].isupper() and not m["y"]:
            return None  # "Natale Rossi"
        if not m["f"][0].isupper() and name in ("natale", "pasqua", "ferragosto", "capodanno", "immacolata",
                                                 "epifania", "befana", "ognissanti", "pasquetta"):
            return None  # festivities are capitalised; "pasqua" lowercase is unusual, "befana" is a figure
        offset = spec.get("easter_offset")
        month, day = spec.get("month"), spec.get("day")
        if m["y"]:
            y = int(m["y"])
            d = easter(y) + dt.timedelta(days=offset) if offset is not None else dt.date(y, month, day)
            return c.make(m.start(), m.end(), d.isoformat(), DATE, "day", rule="festivity")
        rel = ((m["pre"] or "") + " " + (m["rel"] or "")).lower()
        direction = "prev" if "scors" in rel else "next" if "prossim" in rel else c.default_direction(m.start())
        if c.ref is None:
            if offset is None:
                return c.make(m.start(), m.end(), _date_value(None, month, day), DATE, "day", rule="festivity")
            return c.make(m.start(), m.end(), None, DATE, "day", rule="festivity", flag="unresolved")
        d = resolve_yearly(month or 1, day or 1, c.ref, direction, offset)
        return c.make(m.start(), m.end(), d.isoformat(), DATE, "day", rule="festivity", anchored=True)

    def _quarter(self, m: re.Match, c: "_Ctx"):
        q = self.quarter_of[m["ord"].lower()]
        half = m["u"].lower() == "semestre"
        if half and q > 2 and m["ord"].lower() != "ultimo":
            return None
        if half and m["ord"].lower() == "ultimo":
            q = 2
        code = f"H{q}" if half else f"Q{q}"
        if m["y"]:
            return c.make(m.start(), m.end(), f"{m['y']}-{code}", DATE, "half" if half else "quarter",
                          rule="quarter")
        if c.ref is None:
            return c.make(m.start(), m.end(), f"XXXX-{code}", DATE, "half" if half else "quarter", rule="quarter")
        rel = (m["rel"] or "").lower()
        y = c.ref.year - 1 if rel == "scorso" else c.ref.year + 1 if rel == "prossimo" else c.ref.year
        return c.make(m.start(), m.end(), f"{y}-{code}", DATE, "half" if half else "quarter", rule="quarter",
                      anchored=True)

    def _year_range(self, m: re.Match, c: "_Ctx"):
        """'2020-2021', 'biennio 2023/24', 'stagione 2023-24': two linked years."""
        y1 = int(m["y1"])
        y2 = int(m["y2"]) if len(m["y2"]) == 4 else y1 - y1 % 100 + int(m["y2"])
        if not y1 < y2 <= y1 + 100:
            return None
        a = c.make(m.start("y1"), m.end("y1"), f"{y1:04d}", DATE, "year", rule="year_range")
        b = c.make(m.start("y2"), m.end("y2"), f"{y2:04d}", DATE, "year", rule="year_range")
        a.timex = replace(a.timex, range_role="begin", partner_start=b.start, partner_end=b.end)
        b.timex = replace(b.timex, range_role="end", partner_start=a.start, partner_end=a.end)
        return [a, b]

    def _week_number(self, m: re.Match, c: "_Ctx"):
        """'settimana 12' -> 2024-W12 (year from the text, else the publication date)."""
        w = int(m["w"])
        if m["y"]:
            return c.make(m.start(), m.end(), f"{m['y']}-W{w:02d}", DATE, "week", rule="week_number")
        if c.ref is None:
            return c.make(m.start(), m.end(), f"XXXX-W{w:02d}", DATE, "week", rule="week_number")
        return c.make(m.start(), m.end(), f"{c.ref.year}-W{w:02d}", DATE, "week", rule="week_number", anchored=True)

    def _year_name(self, m: re.Match, c: "_Ctx"):
        """'Rio 2016', 'Expo 2015', 'Under-21 2011': a year naming an event."""
        name = m.group(0)[:m.start("s") - m.start()].strip().lower()
        if name in self.months or name in self.abbrs or name in self.cues:
            return None
        return c.make(m.start("s"), m.end(), m["y"], DATE, "year", rule="year_name")

    def _year(self, m: re.Match, c: "_Ctx"):
        cue = re.sub(r"\s+", " ", m["cue"].lower())
        if cue in ("e", "o", "a", "ad", "in") and not re.search(r"\b(?:dal|tra|fra|nel|del|il)\s*$|\d{4}\W*$",
                                                                  c.text[max(0, m.start() - 20):m.start()],
                                                                  re.I):
            # "e 2023", "a 2023" only continue a list or range of years
            return None
        return c.make(m.start("s"), m.end(), m["y"], DATE, "year", rule="year")


def _apply_pod(h: int, pod: str | None) -> int | None:
    """Hour of "alle 9 di sera": ``pod`` is the TIMEX3 part-of-day code of the word
    (parts_of_day in the data: MO mattina, AF pomeriggio, EV sera, NI notte)."""
    if pod is None:
        return h
    if pod == "MO":
        return h if h <= 12 else None
    if pod in ("AF", "EV"):
        if h > 12:
            return h
        return h + 12 if h < 12 else 12
    # notte: 10/11 di notte -> 22/23, 12 -> 00, 1-5 stay
    if 9 <= h <= 11:
        return h + 12
    if h == 12:
        return 0
    return h


def _duration_value(n: int | float | None, unit: str, half: bool) -> str | None:
    count = "X" if n is None else n
    if unit in ("2Y", "3Y"):  # biennio, triennio
        if n is None:
            return f"P{unit}"
        return f"P{int(unit[0]) * n}Y"
    if unit == "Q":
        return "PXM" if n is None else f"P{3 * n}M"
    if half and n is not None:
        # "un anno e mezzo" -> P18M, "due ore e mezza" -> PT150M, "tre giorni e mezzo" -> PT84H
        smaller = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("TH", 24), "TH": ("TM", 60),
                   "TM": ("TS", 60), "DE": ("Y", 10), "CE": ("Y", 100)}.get(unit)
        if smaller is None:
            return None
        code, mult = smaller
        total = n * mult + mult // 2
        return f"PT{total}{code[1]}" if code.startswith("T") else f"P{total}{code}"
    if isinstance(count, float):
        if unit == "TH":
            return "PT30M"
        return None
    if unit.startswith("T"):
        return f"PT{count}{unit[1]}"
    return f"P{count}{unit}"


def _offset_value(anchor: tuple[int, int | None, int | None], unit: str, n: int) -> tuple[str | None, str | None]:
    """Shift a (year, month, day) anchor by n units, at the unit's granularity."""
    y, mo, d = anchor
    if unit in ("Y", "2Y", "3Y"):
        k = {"Y": 1, "2Y": 2, "3Y": 3}[unit]
        return f"{y + k * n:04d}", "year"
    if unit == "DE":
        return f"{(y + 10 * n) // 10:03d}", "decade"
    if unit == "CE":
        return f"{(y + 100 * n) // 100:02d}", "century"
    if mo is None:
        return None, None
    if unit == "M":
        yy, mm = shift_month(y, mo, n)
        return f"{yy:04d}-{mm:02d}", "month"
    if unit == "Q":
        yy, mm = shift_month(y, mo, 3 * n)
        return f"{yy:04d}-Q{(mm - 1) // 3 + 1}", "quarter"
    if d is None:
        return None, None
    day = dt.date(y, mo, d)
    if unit == "W":
        return iso_week(day + dt.timedelta(weeks=n)), "week"
    if unit == "D":
        return (day + dt.timedelta(days=n)).isoformat(), "day"
    # hours/minutes/seconds ago: the day is all we can say
    return day.isoformat(), "day"


class _OrigMatch:
    """A match on the lowercased text that reads its groups from the original text."""

    __slots__ = ("m", "text")

    def __init__(self, m: re.Match, text: str):
        self.m, self.text = m, text

    def __getitem__(self, group: int | str) -> str | None:
        start = self.m.start(group)
        return None if start < 0 else self.text[start:self.m.end(group)]

    group = __getitem__

    def start(self, group: int | str = 0) -> int:
        return self.m.start(group)

    def end(self, group: int | str = 0) -> int:
        return self.m.end(group)

    @property
    def re(self) -> re.Pattern:
        return self.m.re


class _Ctx:
    """Per-match context handed to the rule handlers."""

    __slots__ = ("text", "ref", "g", "rule")

    def __init__(self, text: str, ref: dt.date | None, grammar: DateGrammar, rule: str):
        self.text, self.ref, self.g, self.rule = text, ref, grammar, rule

    def make(self, start: int, end: int, value: str | None, typ: str, gran: str | None, *, mod: str | None = None,
             rule: str = "", anchored: bool = False, flag: str | None = None) -> Found:
        anchor = "published" if anchored else None
        return Found(start, end, Timex(value, typ, gran, mod, anchored, anchor, True, flag, None, None, None,
                                       rule or self.rule))

    def invalid(self, start: int, end: int, rule: str, typ: str = DATE) -> Found:
        return Found(start, end, Timex(None, typ, "day", None, False, None, False, "impossible_date", rule=rule))

    def day(self, start: int, end: int, y: int | None, mo: int, d: int, rule: str, anchored: bool = False) -> Found:
        try:
            dt.date(2000 if y is None else y, mo, d)  # 2000 is a leap year: XXXX-02-29 is fine
        except ValueError:
            return self.invalid(start, end, rule)
        return self.make(start, end, _date_value(y, mo, d), DATE, "day", rule=rule, anchored=anchored)

    def default_direction(self, start: int) -> str:
        """Bare month/weekday/season: past, unless a cue points forward (entro, fino a)
        or the sentence is in the future tense ("A metà giugno arriverà il caldo")."""
        role = self.g.cue_role(self.text, start)
        if role in ("before", "until") or self.future_sentence(start):
            return "future"
        return "past"

    def future_sentence(self, start: int) -> bool:
        text = self.text
        lo = max(text.rfind(". ", max(0, start - 200), start), text.rfind("\n", max(0, start - 200), start))
        hi_candidates = [i for i in (text.find(". ", start, start + 200), text.find("\n", start, start + 200))
                         if i >= 0]
        hi = min(hi_candidates) if hi_candidates else min(len(text), start + 200)
        return FUTURE_VERB.search(text, max(lo, max(0, start - 200)), hi) is not None


# ------------------------------------------------------------------------ public API


@lru_cache(maxsize=4)
def grammar_for(lexicon: DatesLexicon | None = None) -> DateGrammar:
    return DateGrammar(lexicon or default_lexicon())


def find_dates(text: str, ref: dt.date | None = None, lexicon: DatesLexicon | None = None,
               exhaustive: bool = False) -> list[Found]:
    """Every temporal expression of ``text``, resolved against ``ref`` (publication date)."""
    return grammar_for(lexicon).find(text, ref, exhaustive)


def normalize(text: str, ref: dt.date | None = None) -> Timex | None:
    """The record of the expression covering the most of ``text`` (None if nothing fires)."""
    found = find_dates(text, ref)
    if not found:
        return None
    return max(found, key=lambda f: f.end - f.start).timex


def normalize_date(text: str, ref: dt.date | None = None) -> str | None:
    """``normalize_date("16 marzo 2024") == "2024-03-16"``; None if nothing fires or the
    date is impossible."""
    t = normalize(text, ref)
    return t.value if t else None


def as_dict(t: Timex) -> dict[str, Any]:
    from dataclasses import asdict
    return asdict(t)
