"""Context that says a number-looking token is no quantity: dates, clock times, names and
codes, match scores, and the other readings of ambiguous words."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .core import ROMAN, Core, CoreReader, is_digits, year_like
from .units import NounFinder

# punctuation after which a capital means nothing (a quote, a title, a list item)
SENTENCE_BREAKS = frozenset({".", "!", "?", ":", ";", '"', "«", "»", "(", "-", "–", "—", "'"})
MINUTE_MARK = "'"  # "al 14'": the minute of a match
DASH = "-"
MAX_DAY = 31
MAX_HOUR = 24
DAY_LINK_WINDOW = 5  # tokens looked at between a day number and its month


def sentence_initial(doc: Doc, k: int) -> bool:
    """doc[k] starts a sentence (or a quote, title, list item): capitals mean nothing there."""
    if k == 0 or doc[k].is_sent_start:
        return True
    before = doc[k - 1]
    return before.text in SENTENCE_BREAKS or before.is_space or "\n" in before.whitespace_


class Guards:
    """Decides whether a core with its context is a quantity."""

    def __init__(self, reader: CoreReader, nouns: NounFinder, skip_durations: bool) -> None:
        self.reader = reader
        self.nouns = nouns
        self.lex = reader.lex
        self.skip_durations = skip_durations

    def before_month(self, low: list[str], k: int) -> bool:
        """A month name follows, with only days and connectors in between."""
        for t in low[k : k + DAY_LINK_WINDOW]:
            if t in self.lex.month_names:
                return True
            if not (t in self.lex.day_links or is_digits(t)):
                return False
        return False

    def ambiguous_word_ok(self, low: list[str], core: Core) -> bool:
        """An ambiguous word (sei, venti) is a number as number_words.json's table says."""
        rule = self.lex.ambiguous.get(core.word or "")
        if rule is None or rule.number_when != "plural_noun_after":
            return True
        prev = low[core.start - 1] if core.start > 0 else ""
        if prev in rule.not_after:
            return False  # "tu sei", "i venti del nord"
        nxt = low[core.end] if core.end < len(low) else ""
        return nxt.isalpha() and nxt not in self.lex.function_words and nxt.endswith(self.lex.plural_endings)

    def plausible(self, doc: Doc, low: list[str], core: Core, qualifier: str | None, unit: str | None) -> bool:
        if core.kind == "ordinal":
            return self.ordinal_ok(doc, low, core)
        if core.kind != "cardinal" or core.currency or core.unit is not None:
            return True
        return (
            self._not_time_or_day(doc, low, core, qualifier, unit)
            and not self._is_score(low, core)
            and not self._is_duration(low, core, unit)
            and (not core.bare_digits or self._bare_digits_ok(doc, low, core, qualifier, unit))
        )

    def _not_time_or_day(self, doc: Doc, low: list[str], core: Core, qualifier: str | None, unit: str | None) -> bool:
        lex = self.lex
        prev = low[core.start - 1] if core.start > 0 else ""
        first_tok = doc[core.start]
        if (
            unit is None
            and core.value <= MAX_HOUR
            and any(tuple(low[max(0, core.start - m) : core.start]) in lex.time_cues for m in (1, 2))
        ):
            return False  # "alle 15", "verso le nove", "intorno alle 11": clock times
        if qualifier is None and unit is None:
            if first_tok.is_alpha and first_tok.is_title and not sentence_initial(doc, core.start):
                return False  # "a Cento e a Finale Emilia": a place name
            if prev in lex.decade_cues and first_tok.is_alpha:
                return False  # "negli anni Sessanta": a decade
            if 1 <= core.value <= MAX_DAY and (self.before_month(low, core.end) or prev in lex.weekday_names):
                return False  # "il sette maggio", "sabato 30": days
        return True

    def _is_score(self, low: list[str], core: Core) -> bool:
        """ "una rete a zero", "tre a uno": a match score."""
        if core.start < 2 or low[core.start - 1] not in self.lex.score_links:
            return False
        before = low[core.start - 2]
        return before in self.lex.score_words or self.reader.is_number(before)

    def _is_duration(self, low: list[str], core: Core, unit: str | None) -> bool:
        """ "dieci anni", "a otto e tre anni": durations belong to the dates table."""
        lex = self.lex
        if not self.skip_durations:
            return False
        if unit in lex.duration_nouns and not core.multiplied:
            return True
        n = len(low)
        return (
            unit is None
            and core.end + 2 < n
            and low[core.end] in lex.coordinators
            and self.reader.is_number(low[core.end + 1])
            and low[core.end + 2] in lex.duration_nouns
        )

    def _bare_digits_ok(self, doc: Doc, low: list[str], core: Core, qualifier: str | None, unit: str | None) -> bool:
        """A plain digit token: not a year, a day, a name, a code, a phone number, a score."""
        lex = self.lex
        n = len(low)
        prev = low[core.start - 1] if core.start > 0 else ""
        nxt = low[core.end] if core.end < n else ""
        value = core.value
        prev_tok = doc[core.start - 1] if core.start > 0 else None
        if year_like(core) and (
            unit is None
            or unit[:1].isupper()
            or prev in lex.year_cues
            or (qualifier is None and prev_tok is not None and prev_tok.is_title and not prev_tok.is_sent_start)
        ):
            return False  # "nel 2019", "Rio 2016"
        if 1 <= value <= MAX_DAY and unit is None and self.before_month(low, core.end):
            return False  # "il 10 e l'11 febbraio", "15 settembre": days
        if prev in lex.month_names or (value <= MAX_DAY and prev in lex.weekday_names):
            return False  # "15 luglio 1542", "sabato 30": dates
        nxt_tok = doc[core.end] if core.end < n else None
        if (
            qualifier is None
            and nxt_tok is not None
            and nxt_tok.is_title
            and nxt_tok.is_alpha
            and prev_tok is not None
            and prev_tok.is_title
            and prev_tok.is_alpha
            and prev not in lex.function_words
        ):
            return False  # "Movimento 5 Stelle", "ASL 2 Carlo": inside a name
        if qualifier is None and not self._not_a_code(low, core, prev, prev_tok, nxt, doc):
            return False
        if nxt == MINUTE_MARK and not doc[core.end - 1].whitespace_:
            return False  # "al 14'": minute of a match
        # match scores "2-0" (a real range was matched before): not quantities
        return not (
            (prev == DASH and core.start >= 2 and is_digits(low[core.start - 2]))
            or (nxt == DASH and core.end + 1 < n and is_digits(low[core.end + 1]))
        )

    def _not_a_code(self, low: list[str], core: Core, prev: str, prev_tok: Token | None, nxt: str, doc: Doc) -> bool:
        """A bare number after an identifier noun or a name is a code: base aerea 201."""
        lex = self.lex
        if prev in lex.identifier_nouns:
            return False
        if (
            core.start >= 2
            and low[core.start - 2] in lex.identifier_nouns
            and prev.isalpha()
            and prev not in lex.function_words
        ):
            return False
        # "Movimento 5 Stelle", "ASL 2", "Rover 200": a name, not a quantity
        if (
            prev_tok is not None
            and prev_tok.text[:1].isupper()
            and prev_tok.is_alpha
            and not sentence_initial(doc, core.start - 1)
            and prev not in lex.month_names
            and prev not in lex.function_words
            and "." not in core.digits_text
        ):
            return False
        return not (is_digits(prev) or is_digits(nxt))  # phone numbers: digit groups in a row

    def ordinal_ok(self, doc: Doc, low: list[str], core: Core) -> bool:
        lex = self.lex
        n = len(low)
        prev = low[core.start - 1] if core.start > 0 else ""
        nxt = low[core.end] if core.end < n else ""
        if nxt in lex.date_nouns:
            return False  # "XXI secolo", "ventesimo secolo": dates
        if core.word == ROMAN:
            # "la XXI edizione"; not names ("Rama IX", "Carlo III") nor all-caps runs
            neighbours = [doc[k] for k in (core.start - 1, core.end) if 0 <= k < n]
            if any(t.is_alpha and t.is_upper and len(t) > 1 for t in neighbours):
                return False
            return prev in lex.ordinal_determiners
        if core.word is None:  # 3°, 3ª
            return not self.before_month(low, core.end)  # "il 1º novembre" is a date
        rule = lex.ambiguous.get(core.word)
        if rule is not None and rule.number_when == "ordinal_context" and self._lexicalised(low, core):
            return False  # "primo ministro", "le prime ipotesi", "secondo me"
        if prev not in lex.ordinal_determiners:
            return False
        return nxt.isalpha() and nxt not in lex.function_words and doc[core.end].text.islower()

    def _lexicalised(self, low: list[str], core: Core) -> bool:
        """The ordinal is inside a lexicalised phrase of number_context.json."""
        for length in (1, 2, 3, 4):
            for s in range(max(0, core.start - length + 1), core.start + 1):
                if tuple(low[s : s + length]) in self.lex.lexicalised and s + length > core.start:
                    return True
        return False
