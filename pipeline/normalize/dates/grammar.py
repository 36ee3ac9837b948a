"""The date grammar engine: compiles the rule patterns of ``date_rules.json`` over the
word classes of the lexicon, tries each rule only at the tokens where it can start,
keeps the longest non-overlapping matches and runs the post-passes.

Speed: each rule is tried only at the tokens where it can start (a first-word index);
``find(..., exhaustive=True)`` scans the whole text with every rule instead and a test
checks both agree.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from typing import Any

from ...lang.loader import LanguageDataError
from . import postpasses
from .context import Ctx
from .handlers import HANDLERS, Handler
from .lexicon import DateLexicon, alternation
from .numerals import century_of, number_value
from .records import Found

RULES_FILE = "date_rules.json"
PLACEHOLDER = re.compile(r"\{([A-Za-z_]+)(\+?)\}")
TOKEN = re.compile(r"\w+|[^\w\s]")
ROMAN_TOKEN = re.compile(r"[ivxl]{1,6}")
YEARISH = re.compile(r"(?:19|20)\d\d")
# Case-insensitive alternations are slow in Python's re (no literal prefix optimisation),
# so rules scan the lowercased text with case-sensitive patterns; the handlers read groups
# from the original text. Rules whose pattern looks at case scan the original text.
CASE_SENSITIVE = re.compile(r"\(\?-i:")
APOSTROPHES = ("'", "’")
MARKERS = ("#digit", "#number", "#roman", "#century", "#before_year")
# a filter, not a start: the rule is tried only where a number in digits follows within a few tokens
DIGIT_AHEAD, DIGIT_AHEAD_TOKENS = "#digit_ahead", 6


class OrigMatch:
    """A match on the lowercased text that reads its groups from the original text."""

    __slots__ = ("m", "text")

    def __init__(self, m: re.Match[str], text: str) -> None:
        self.m, self.text = m, text

    def __getitem__(self, group: int | str) -> str | None:
        start = self.m.start(group)
        return None if start < 0 else self.text[start : self.m.end(group)]

    group = __getitem__

    def start(self, group: int | str = 0) -> int:
        return self.m.start(group)

    def end(self, group: int | str = 0) -> int:
        return self.m.end(group)

    @property
    def re(self) -> re.Pattern[str]:
        return self.m.re


class Rule:
    __slots__ = ("name", "regex_i", "regex", "handler", "on_original")

    def __init__(self, name: str, pattern: str, handler: Handler) -> None:
        self.name, self.handler = name, handler
        self.on_original = bool(CASE_SENSITIVE.search(pattern))
        try:
            self.regex_i = re.compile(pattern, re.IGNORECASE)
            self.regex = re.compile(pattern)
        except re.error as exc:
            raise LanguageDataError(f"{RULES_FILE}: grammar/rules/{name}: bad pattern ({exc})") from None


class DateGrammar:
    """Rules compiled from the language data; ``find(text, ref)`` returns sorted matches."""

    def __init__(self, data: Mapping[str, dict[str, Any]]) -> None:
        self.lex = lex = DateLexicon(data)
        grammar = data["date_rules"]["grammar"]
        self.macros: dict[str, str] = grammar["macros"]
        self._expanded: dict[str, str] = {}
        rules = grammar["rules"]
        for name in rules:
            if name not in HANDLERS:
                raise LanguageDataError(
                    f"{RULES_FILE}: grammar/rules/{name}: no handler for this rule "
                    f"(known: {', '.join(sorted(HANDLERS))})"
                )
            if name not in grammar["starts"]:
                raise LanguageDataError(f"{RULES_FILE}: grammar/starts: no start classes for rule {name}")
        self.rules = [
            Rule(name, self.expand(pattern, f"grammar/rules/{name}"), HANDLERS[name]) for name, pattern in rules.items()
        ]
        # a token that can be a count: a number word, a vague count, an elided number
        self.numberish_re = re.compile(self.expand("(?:{NUMWORD}|{vague}|{half_elided})", "numberish"))
        self.century_nouns = frozenset(lex.classes["century_noun"])
        self._build_start_index(grammar["starts"])

    # ---------------------------------------------------------------- compilation
    def expand(self, template: str, where: str) -> str:
        """Replace ``{class}``, ``{class+}`` and ``{MACRO}`` in a pattern template."""

        def sub(m: re.Match[str]) -> str:
            name, spaced = m.group(1), bool(m.group(2))
            if name in self.macros:
                if name not in self._expanded:
                    self._expanded[name] = self.expand(self.macros[name], f"grammar/macros/{name}")
                return self._expanded[name]
            if name in self.lex.classes:
                return alternation(self.lex.classes[name], spaced)
            raise LanguageDataError(f"{RULES_FILE}: {where}: unknown class or macro {{{name}}}")

        return PLACEHOLDER.sub(sub, template)

    def _build_start_index(self, starts: Mapping[str, list[str]]) -> None:
        """First-word index: which rules can start at a token. Running each rule only
        where it can start (an anchored match) is ~10x faster than scanning the whole
        text with every rule. A start class written ``class+`` is an optional prefix (an
        article): the rule is tried at it only when the next word can start the rule."""
        self.start_index: dict[str, list[int]] = {}
        self.prefix_index: dict[str, list[int]] = {}
        self.marker_rules: dict[str, list[int]] = {marker: [] for marker in MARKERS}
        self.rule_words: list[frozenset[str]] = []
        self.digit_ahead: frozenset[int] = frozenset(
            i for i, rule in enumerate(self.rules) if DIGIT_AHEAD in starts[rule.name]
        )
        for i, rule in enumerate(self.rules):
            words: set[str] = set()
            prefixes: set[str] = set()
            for item in starts[rule.name]:
                if item == DIGIT_AHEAD:
                    continue
                target = prefixes if item.endswith("+") else words
                item = item.rstrip("+")
                if item.startswith("#"):
                    if item not in self.marker_rules:
                        raise LanguageDataError(f"{RULES_FILE}: grammar/starts/{rule.name}: unknown marker {item}")
                    self.marker_rules[item].append(i)
                elif item in self.lex.classes:
                    target |= {first.group(0) for f in self.lex.classes[item] if (first := TOKEN.match(f))}
                else:  # a literal first word
                    target.add(item.lower())
            for word in words:
                self.start_index.setdefault(word, []).append(i)
            for word in prefixes - words:
                self.prefix_index.setdefault(word, []).append(i)
            self.rule_words.append(frozenset(words))
        self._word_rules: dict[str, tuple[list[int], bool]] = {}

    def word_rules(self, word: str) -> tuple[list[int], bool]:
        """Rules that can start at ``word`` (start index and number markers) and whether
        the word is a number word that may name a century (cached per word)."""
        known = self._word_rules.get(word)
        if known is None:
            rules = list(self.start_index.get(word, ()))
            century = False
            if word[0].isdigit():
                rules += self.marker_rules["#digit"]
            elif word[0].isalpha() and self.numberish_re.fullmatch(word):
                rules += self.marker_rules["#number"]
                value = number_value(word)
                century = value is not None and century_of(value) is not None
            known = self._word_rules[word] = (sorted(set(rules)), century)
        return known

    # ---------------------------------------------------------------- scanning
    def _candidates(self, text: str, low: str | None, exhaustive: bool) -> Iterator[tuple[int, Any]]:
        """(rule index, match) pairs: anchored matches at the tokens where a rule can start,
        or every match of every rule when ``exhaustive``."""
        if exhaustive:
            for i, rule in enumerate(self.rules):
                if rule.on_original or low is None:
                    yield from ((i, m) for m in rule.regex_i.finditer(text))
                else:
                    yield from ((i, OrigMatch(m, text)) for m in rule.regex.finditer(low))
            return
        source = low if low is not None else text.lower()
        tokens = (
            [(m.start(), m.group(0)) for m in TOKEN.finditer(source)]
            if len(source) == len(text)
            else [(m.start(), m.group(0).lower()) for m in TOKEN.finditer(text)]
        )
        markers, prefix_index, rule_words = self.marker_rules, self.prefix_index, self.rule_words
        cached, word_rules, century_nouns = self._word_rules.get, self.word_rules, self.century_nouns
        n_tokens, digit_ahead = len(tokens), self.digit_ahead
        for k, (pos, word) in enumerate(tokens):
            rule_ids, century = cached(word) or word_rules(word)
            nxt = tokens[k + 1][1] if k + 1 < n_tokens else ""
            extra: list[int] | None = None
            if word in prefix_index:  # an article: only rules the next word can start
                after = tokens[k + 2][1] if nxt in APOSTROPHES and k + 2 < n_tokens else nxt
                extra = [i for i in prefix_index[word] if after in rule_words[i]]
            if century and text[pos].isupper():
                extra = (extra or []) + markers["#century"]
            if nxt in century_nouns and ROMAN_TOKEN.fullmatch(word):
                extra = (extra or []) + markers["#roman"]
            if len(nxt) == 4 and nxt[0] in "12" and text[pos].isupper() and YEARISH.fullmatch(nxt):
                extra = (extra or []) + markers["#before_year"]
            if extra:
                rule_ids = sorted(set(rule_ids) | set(extra))
            elif not rule_ids:
                continue
            ahead: bool | None = None
            for i in rule_ids:
                if i in digit_ahead:
                    if ahead is None:
                        ahead = any(w[0].isdigit() for _, w in tokens[k + 1 : k + 1 + DIGIT_AHEAD_TOKENS])
                    if not ahead:
                        continue
                rule = self.rules[i]
                if rule.on_original or low is None:
                    m = rule.regex_i.match(text, pos)
                    if m:
                        yield i, m
                else:
                    ml = rule.regex.match(low, pos)
                    if ml:
                        yield i, OrigMatch(ml, text)

    def find(self, text: str, ref: dt.date | None = None, exhaustive: bool = False) -> list[Found]:
        candidates: list[tuple[int, int, int, Found]] = []
        lowered = text.lower()
        # a few characters change length when lowercased: then scan the original text
        low: str | None = lowered if len(lowered) == len(text) else None
        for priority, m in self._candidates(text, low, exhaustive):
            rule = self.rules[priority]
            try:
                result = rule.handler(m, Ctx(text, ref, self, rule.name))
            except (ValueError, OverflowError):  # calendar arithmetic on odd input (day 0, year 0)
                result = None
            if result is None:
                continue
            for found in result if isinstance(result, list) else [result]:
                candidates.append((found.start, found.end, priority, found))
        # longest span first, then rule order; keep non-overlapping
        # (an end of a range beats the same span found alone: "tra il 10 e l'11 febbraio")
        candidates.sort(key=lambda c: (-(c[1] - c[0]), c[3].timex.range_role is None, c[2], c[0]))
        chosen: list[Found] = []
        taken: list[tuple[int, int]] = []
        for start, end, _, found in candidates:
            if any(start < e and s < end for s, e in taken):
                continue
            chosen.append(found)
            taken.append((start, end))
        chosen.sort(key=lambda f: f.start)
        lex = self.lex
        chosen = postpasses.bare_days(lex, text, chosen)
        postpasses.apply_cues(lex, text, chosen)
        postpasses.link_ranges(lex, text, chosen)
        postpasses.resolve_anaphora(text, chosen, ref)
        postpasses.years_from_context(lex, text, chosen)
        postpasses.attach_clock_dates(text, chosen, ref)
        return postpasses.merge_date_and_clock(lex, text, chosen)
