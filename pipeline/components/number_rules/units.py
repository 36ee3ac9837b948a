"""What a number measures: the unit inside the span, or the counted noun after it."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from ...normalize.numbers_lexicon import NumberLexicon
from .core import Core, CoreReader

UNIT_POS = frozenset({"NOUN", "PROPN", "ADJ", "X"})  # with a tagger, a unit is one of these
COUNTED_DEPS = ("nummod", "amod", "det")  # with a parser, the number's relation
MAX_UNIT_WORDS = 3  # longest unit phrase ("dollari usa")

UnitSpan = tuple[int, int]


def suffix(lex: NumberLexicon, low: list[str], core: Core, percent_only: bool = False) -> Core:
    """Percent sign, currency or measure after the amount ("5%", "5 milioni di euro")."""
    if core.kind != "cardinal" or core.unit is not None:
        return core
    k = core.end
    n = len(low)
    tables = [("percent", lex.percent)]
    if not percent_only:
        tables += [("money", lex.currencies), ("measure", lex.measures)]
    starts = [k]
    if core.multiplied and k < n and low[k] in lex.di_forms:
        starts.append(k + 1)  # "5 milioni di euro"
    for at in starts:
        for what, table in tables:
            for length in range(MAX_UNIT_WORDS, 0, -1):
                key = tuple(low[at : at + length])
                if len(key) != length or key not in table:
                    continue
                if what == "percent":
                    if at != k:
                        continue
                    return replace(core, end=at + length, kind="percent", unit=table[key], unit_span=(at, at + length))
                if what == "money":
                    code = table[key]
                    return replace(
                        core, end=at + length, currency=code, unit=lex.currency_names[code], unit_span=(at, at + length)
                    )
                return replace(core, end=at + length, unit=table[key], unit_span=(at, at + length))
    return core


class NounFinder:
    """Finds the noun a cardinal or ordinal counts (outside the span)."""

    def __init__(self, reader: CoreReader) -> None:
        self.reader = reader
        self.lex = reader.lex
        self._qualifier_words = frozenset(w for q in self.lex.qualifiers for w in q)

    def counted_noun(self, doc: Doc, low: list[str], core: Core) -> tuple[str, UnitSpan] | tuple[None, None]:
        """The noun counted by a cardinal/ordinal: parse head of nummod, else next word."""
        if core.unit is not None or core.kind in ("percent", "money"):
            return None, None
        lex = self.lex
        n = len(low)
        if doc.has_annotation("DEP"):
            for tok in doc[core.start : core.end]:
                head = tok.head
                if (
                    tok.dep_ in COUNTED_DEPS
                    and head.pos_ == "NOUN"
                    and not core.start <= head.i < core.end
                    and head.i > tok.i
                ):
                    return head.text, (head.i, head.i + 1)
        k = core.end
        if k < n and low[k] in lex.di_forms and (core.multiplied or core.qualifier or core.kind == "fraction"):
            k += 1
        if k < n and low[k] in lex.prenominal_adjectives and k + 1 < n and self.noun_like(doc, low, k + 1):
            k += 1  # "due diversi settori"
        if k < n and low[k] in lex.duration_nouns and doc[k].is_alpha:
            return low[k], (k, k + 1)  # "7 ore": a duration, see the guards
        if k < n and self.noun_like(doc, low, k):
            return doc[k].text, (k, k + 1)
        # "almeno cinquanta i morti", "circa 100 i morti"
        if k + 1 < n and low[k] in lex.plural_articles and self.noun_like(doc, low, k + 1):
            return doc[k + 1].text, (k + 1, k + 2)
        # "i morti sono 80", "i feriti sono oltre 140"
        s = core.start
        while s > 0 and (low[s - 1] in lex.articles or low[s - 1] in self._qualifier_words):
            s -= 1
        if (
            s >= 3
            and low[s - 1] in lex.predicate_verbs
            and low[s - 3] in lex.plural_articles
            and self.noun_like(doc, low, s - 2)
        ):
            return doc[s - 2].text, (s - 2, s - 1)
        return None, None

    def noun_like(self, doc: Doc, low: list[str], k: int) -> bool:
        """Could doc[k] be a counted noun? No parser: a lowercase content word."""
        lex = self.lex
        tok = doc[k]
        w = low[k]
        if not tok.is_alpha or w in lex.function_words or tok.is_upper and len(tok) > 1:
            return False
        if not tok.text.islower() and not (tok.is_title and not tok.is_sent_start):
            return False
        if w in lex.month_names or self.reader.is_number_word(w) or (w,) in lex.qualifiers:
            return False
        # with a tagger, trust it: "una ventina versano" has no unit
        return not (doc.has_annotation("POS") and tok.pos_ not in UNIT_POS)

    def unit_follows(self, doc: Doc, low: list[str], core: Core) -> bool:
        core = suffix(self.lex, low, core)
        return core.unit is not None or self.counted_noun(doc, low, core)[0] is not None
