"""What a rule handler may ask about the text around its match: the cue word before it,
whether the sentence is in the future tense, whether a capitalised month or weekday is
part of a proper name. :class:`Ctx` is handed to every handler with the factories of
:class:`~.records.Found` records."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from .lexicon import DateLexicon, key
from .records import DATE, Found, Timex, date_value

if TYPE_CHECKING:  # pragma: no cover
    from .grammar import DateGrammar

SENT_END = re.compile(r"[.!?\n]\s*$")
PREV_WORD = re.compile(r"([\w'’]+)[\s,]*$")
ROMAN_WORD = re.compile(r"[IVXLC]+")
NEXT_WORD = re.compile(r"\s+([\w'’]+)")


def cue_before(lex: DateLexicon, text: str, start: int) -> str | None:
    """The cue word or phrase right before ``start`` (entro, dal, nel...), normalised."""
    m = lex.cue_re.search(text[max(0, start - 30) : start])
    return key(m.group(1)) if m else None


def cue_role(lex: DateLexicon, text: str, start: int) -> str | None:
    """Role of the cue before ``start`` (a TIMEX3 mod, IN, FOR or BETWEEN)."""
    cue = cue_before(lex, text, start)
    return None if cue is None else lex.roles.get(cue)


def capitalised_inside_sentence(text: str, start: int, word: str) -> bool:
    """A month/weekday/season written with a capital inside a sentence is a name
    ("La Domenica del Corriere", "la Primavera araba"); Italian writes them lowercase."""
    if not word[:1].isupper():
        return False
    before = text[max(0, start - 40) : start]
    if not before.strip() and start < 40:
        return False
    return SENT_END.search(before) is None and not re.search(r"[\n:«\"“(]\s*$", before)


def proper_name_context(lex: DateLexicon, text: str, start: int, month_text: str | None) -> bool:
    """True when the match sits in a proper name: 'Via XX Settembre', 'Piazza XXIV
    Maggio', 'Via 4 Novembre', 'Tommaso Maggio'."""
    window = max(0, start - 80)
    before = text[window:start]  # bounded: an anchored-at-end search scans its input
    m = PREV_WORD.search(before)
    if not m:
        return False
    prev = m.group(1)
    if prev[:1].isupper() and prev.lower() in lex.name_heads:
        return True
    if month_text is None or not month_text[:1].isupper():
        return False
    if ROMAN_WORD.fullmatch(prev):
        return True
    sentence_initial = SENT_END.search(before[: m.start()]) is not None or (
        window == 0 and not before[: m.start()].strip()
    )
    low = key(prev)
    if prev[:1].isupper() and not sentence_initial and low not in lex.roles and low not in lex.weekdays:
        return True
    # two words back: "Via Venti Settembre"
    m2 = PREV_WORD.search(before[: m.start()])
    return bool(m2 and m2.group(1)[:1].isupper() and m2.group(1).lower() in lex.name_heads)


def prev_word(text: str, start: int) -> str | None:
    """The word right before ``start`` (elided forms keep their apostrophe)."""
    m = PREV_WORD.search(text[max(0, start - 40) : start])
    return m.group(1) if m else None


def next_word(text: str, end: int) -> str | None:
    nxt = NEXT_WORD.match(text[end : end + 30])
    return nxt.group(1) if nxt else None


class Ctx:
    """Per-match context handed to the rule handlers."""

    __slots__ = ("text", "ref", "g", "lex", "rule")

    def __init__(self, text: str, ref: dt.date | None, grammar: DateGrammar, rule: str) -> None:
        self.text, self.ref, self.g, self.rule = text, ref, grammar, rule
        self.lex = grammar.lex

    def make(
        self,
        start: int,
        end: int,
        value: str | None,
        typ: str,
        gran: str | None,
        *,
        mod: str | None = None,
        rule: str = "",
        anchored: bool = False,
        flag: str | None = None,
    ) -> Found:
        anchor = "published" if anchored else None
        return Found(
            start, end, Timex(value, typ, gran, mod, anchored, anchor, True, flag, None, None, None, rule or self.rule)
        )

    def invalid(self, start: int, end: int, rule: str, typ: str = DATE) -> Found:
        return Found(start, end, Timex(None, typ, "day", None, False, None, False, "impossible_date", rule=rule))

    def day(self, start: int, end: int, y: int | None, mo: int, d: int, rule: str, anchored: bool = False) -> Found:
        try:
            dt.date(2000 if y is None else y, mo, d)  # 2000 is a leap year: XXXX-02-29 is fine
        except ValueError:
            return self.invalid(start, end, rule)
        return self.make(start, end, date_value(y, mo, d), DATE, "day", rule=rule, anchored=anchored)

    def default_direction(self, start: int) -> str:
        """Bare month/weekday/season: past, unless a cue points forward (entro, fino a)
        or the sentence is in the future tense ("A metà giugno arriverà il caldo")."""
        role = cue_role(self.lex, self.text, start)
        if role in ("BEFORE", "ON_OR_BEFORE") or self.future_sentence(start):
            return "future"
        return "past"

    def future_sentence(self, start: int) -> bool:
        text = self.text
        lo = max(text.rfind(". ", max(0, start - 200), start), text.rfind("\n", max(0, start - 200), start))
        hi_candidates = [
            i for i in (text.find(". ", start, start + 200), text.find("\n", start, start + 200)) if i >= 0
        ]
        hi = min(hi_candidates) if hi_candidates else min(len(text), start + 200)
        return self.lex.future_verb_re.search(text, max(lo, max(0, start - 200)), hi) is not None
