"""``it_numbers``: Italian numbers and quantities as spans with a value record.

Spans go to ``doc.spans["numbers"]`` (label ``NUM``), each with ``Span._.num_value``, a
:class:`pipeline.normalize.numbers.Quantity`.

Span coverage (annotation guidelines):

- the span covers the qualifier and the number expression: "più di mille",
  "circa 1.100", "oltre 25 milioni", "tra 100 e 200", "più del 40%";
- the currency, percent sign or measure is inside the span when it is part of the
  amount: "110 milioni di dollari", "€ 5 milioni", "40%", "5 per cento", "20 km";
- the counted noun is NOT in the span: it is the record's ``unit`` with its offsets in
  ``unit_start``/``unit_end`` ("più di mille" -> unit "militari");
- a bare article before the number is not in the span ("il 40%" -> "40%"), an article
  after a qualifier or range preposition is ("oltre i 100", "tra i 5 e i 10");
- vague quantities: "migliaia" (1000, at_least), "un centinaio" (100, approx).

More: "2 o più" (2, at_least, in the span); English decimals only before "%" or a
multiplier ("33.5%", "7.3 milioni"); ordinals need a determiner and a noun ("il secondo
turno", "la XXI edizione", "3°" alone is enough).

Left alone: anything inside a ``doc.spans["dates"]`` span (a missing group counts as
empty), and defensively (so the component is usable before/without ``it_dates``):
years ("nel 2019", "Rio 2016", a bare 1800-2099 with no counted noun), days before a
month name ("15 settembre", "tra il 9 e il 13 ottobre"), clock times ("alle 15",
"15.30"), "XXI secolo", durations ("dieci anni", "a otto e tre anni": the dates table
has them; config ``skip_durations``); names and codes ("base aerea 201", "volo 370",
"Movimento 5 Stelle", "Rama IX", "G7", "Covid-19", "F-35"), phone numbers, match scores
and minutes ("2-0", "una rete a zero", "al 14'"), the article un/una/uno alone, "primo
ministro", "le prime ipotesi", "secondo il ministro".

Works on a blank Italian pipeline; with a tagger, units must be NOUN/PROPN/ADJ/X; with a
parser, the counted noun is the head of a ``nummod`` when there is one. Without either,
the unit is the next content word (after "di" for multipliers and vague quantities,
skipping one prenominal adjective: "due diversi settori"), or the noun of "circa 100 i
morti" / "i morti sono 80". Never retokenises, no I/O after construction.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import ensure_path, registry

from ..normalize.numbers import (
    DIGIT_ORDINAL_RE,
    Quantity,
    as_number,
    compound_to_number,
    normalize_word,
    parse_decimal,
    parse_ordinal,
    roman_to_int,
    words_to_number,
)
from ..normalize.numbers_lexicon import NumberLexicon, load_number_lexicon

LABEL = "NUM"
LEXICON_FILE = "number_lexicon.json"
DI_FORMS = frozenset({"di", "d'", "dei", "degli", "delle", "del", "della", "dello", "dell'"})
PLURAL_ARTICLES = frozenset({"i", "dei", "ai", "dai", "nei", "sui", "coi"})
ROMAN_LETTERS = frozenset("IVXL")
MAX_WORD_RUN = 12
VERB_CLITICS = frozenset({"tu", "non", "ci", "ne", "ti", "te", "lo", "la", "chi", "che", "se", "dove", "come"})
DAY_LINKS = frozenset({"e", "o", "al", "a", "ai", "il", "l'", "l", "'", "-", "/", "e il", "ed"})
UNIT_POS = frozenset({"NOUN", "PROPN", "ADJ", "X"})


@registry.misc("pipeline.it_number_lexicon.v1")
def make_number_lexicon(directory: str | None = None) -> NumberLexicon:
    """The numbers lexicon from pipeline/resources (or ``directory``)."""
    return load_number_lexicon(directory)


@dataclass
class Core:
    """A number expression found at a position, before context is applied."""

    start: int
    end: int
    value: Decimal
    kind: str = "cardinal"
    qualifier: str | None = None     # from a vague quantity (migliaia -> at_least)
    currency: str | None = None
    unit: str | None = None          # currency/measure/percent canonical unit
    unit_span: tuple[int, int] | None = None   # token range of that unit word
    multiplied: bool = False         # "2,5 milioni", "migliaia": "di" + noun follows
    bare_digits: bool = False        # a plain digit token, no separator or suffix
    digits_text: str = ""
    word: str | None = None          # the single number word, when there is one


class NumberRecognizer:
    """Finds Italian numbers and quantities; see the module docstring."""

    def __init__(self, nlp: Language, name: str = "it_numbers", *, spans_key: str = "numbers",
                 dates_key: str = "dates", overwrite: bool = False, skip_durations: bool = True,
                 lexicon: NumberLexicon | None = None) -> None:
        self.name = name
        self.spans_key = spans_key
        self.dates_key = dates_key
        self.overwrite = overwrite
        self.skip_durations = skip_durations
        self._set_lexicon(lexicon if lexicon is not None else load_number_lexicon())

    def _set_lexicon(self, lexicon: NumberLexicon) -> None:
        self.lex = lexicon
        self._word_cache: dict[str, int | None] = {}
        self._money_prefix = {f for f in lexicon.currency_symbols}
        self._qualifier_words = frozenset(w for q in lexicon.qualifiers for w in q)
        self._start_cache: dict[str, bool] = {}
        self._start_words = (frozenset(q[0] for q in lexicon.qualifiers) | frozenset(lexicon.range_starts)
                             | lexicon.currency_symbols | lexicon.vague_determiners
                             | frozenset(lexicon.vague_plurals) | lexicon.collective_determiners
                             | frozenset(lexicon.fraction_words) | frozenset({"metà"}))
        self._articles_all = lexicon.articles | PLURAL_ARTICLES | frozenset(
            {"dei", "degli", "delle", "ai", "agli", "alle", "dai", "dagli", "dalle", "nei", "negli", "nelle"})

    # --- spaCy API ---------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        return self.set_annotations(doc, self.match(doc))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128):
        for doc in docs:
            yield self(doc)

    def set_annotations(self, doc: Doc, matches: list[tuple[int, int, Quantity]]) -> Doc:
        spans = []
        for start, end, quantity in matches:
            span = Span(doc, start, end, label=LABEL)
            span._.num_value = quantity
            spans.append(span)
        if self.overwrite or self.spans_key not in doc.spans:
            doc.spans[self.spans_key] = spans
        else:
            doc.spans[self.spans_key] = list(doc.spans[self.spans_key]) + spans
        return doc

    def to_disk(self, path, *, exclude=tuple()) -> None:
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / LEXICON_FILE).write_text(self.lex.to_json(), encoding="utf-8")

    def from_disk(self, path, *, exclude=tuple()) -> "NumberRecognizer":
        path = ensure_path(path)
        self._set_lexicon(NumberLexicon.from_json((path / LEXICON_FILE).read_text(encoding="utf-8")))
        return self

    # --- matching ----------------------------------------------------------------------
    def match(self, doc: Doc) -> list[tuple[int, int, Quantity]]:
        low = [t.text.lower().replace("\u2019", "'") for t in doc]
        in_date = [False] * len(doc)
        for span in doc.spans[self.dates_key] if self.dates_key in doc.spans else ():
            for k in range(span.start, span.end):
                in_date[k] = True
        out: list[tuple[int, int, Quantity]] = []
        i, n = 0, len(doc)
        while i < n:
            if not self._may_start(low[i], doc[i].text):
                i += 1
                continue
            found = self._match_at(doc, low, in_date, i)
            if found is None:
                i += 1
                continue
            if found[2] is not None:  # None: a stretch to leave alone (a date range)
                out.append(found)
            i = max(found[1], i + 1)
        return out

    def _match_at(self, doc: Doc, low: list[str], in_date: list[bool], i: int):
        lex = self.lex
        qualifier, j = self._qualifier(low, i)
        if qualifier is not None and j < len(low) and low[j] in lex.articles:
            j += 1
        found = self._range(doc, low, in_date, j, i if qualifier else None, qualifier)
        if found is not None:
            return found
        core = self._core(doc, low, j)
        if core is None or any(in_date[core.start:core.end]):
            return None
        if qualifier is None and core.kind == "cardinal" and core.word in lex.ambiguous:
            if not self._ambiguous_word_ok(low, core):
                return None
        core = self._suffix(low, core)
        if qualifier is None and core.kind == "cardinal":
            for length in (4, 3, 2, 1):
                post = lex.post_qualifiers.get(tuple(low[core.end:core.end + length]))
                if post is not None and core.end + length <= len(low):
                    core = replace(core, end=core.end + length, bare_digits=False)
                    qualifier = post
                    break
        unit, unit_span = self._counted_noun(doc, low, core)
        if not self._plausible(doc, low, core, qualifier, unit):
            return None
        start = i if qualifier is not None else core.start
        return start, core.end, self._quantity(doc, core, qualifier, unit, unit_span)

    def _quantity(self, doc: Doc, core: Core, qualifier: str | None, unit: str | None,
                  unit_span: tuple[int, int] | None, value_max: Decimal | None = None) -> Quantity:
        kind = core.kind
        if core.currency:
            kind = "money"
        if value_max is not None:
            kind = "range"
        if core.unit is not None:
            unit, unit_span = core.unit, core.unit_span
        start_char = end_char = None
        if unit_span is not None:
            start_char, end_char = doc[unit_span[0]].idx, doc[unit_span[1] - 1].idx + len(doc[unit_span[1] - 1])
        return Quantity(
            value=as_number(core.value),
            qualifier=qualifier or core.qualifier or "exact",
            unit=unit,
            kind=kind,
            value_max=as_number(value_max) if value_max is not None else None,
            currency=core.currency,
            unit_start=start_char,
            unit_end=end_char,
        )

    # --- pieces -----------------------------------------------------------------------
    def _may_start(self, w: str, text: str) -> bool:
        """Can a number expression start at this word? Cached per form: a fast filter."""
        if _is_digits(w[:1]) or text[:1] in "IVXL":
            return True
        hit = self._start_cache.get(w)
        if hit is None:
            lex = self.lex
            hit = (w in self._start_words or self._is_number_word(w)
                   or (w.isalpha() and parse_ordinal(w, lex) is not None))
            if len(self._start_cache) > 200_000:
                self._start_cache.clear()
            self._start_cache[w] = hit
        return hit

    def _qualifier(self, low: list[str], i: int) -> tuple[str | None, int]:
        lex = self.lex
        for length in range(min(lex.qualifier_max_len, len(low) - i), 0, -1):
            qual = lex.qualifiers.get(tuple(low[i:i + length]))
            if qual is not None:
                return qual, i + length
        return None, i

    def _range(self, doc, low, in_date, j, qual_start, qualifier):
        """"tra 100 e 200", "dai 5 ai 10", "100-200" (digits only)."""
        lex = self.lex
        n = len(low)
        if j >= n:
            return None
        if low[j] in lex.range_starts:
            conns = lex.range_starts[low[j]]
            hours = j + 1 < n and low[j + 1] in ("le", "alle", "dalle")  # "tra le due e le tre"
            a_at = j + 1 + (1 if j + 1 < n and low[j + 1] in lex.articles else 0)
            first = self._core(doc, low, a_at)
            if first is None or first.kind not in ("cardinal",):
                return None
            first = self._suffix(low, first, percent_only=True)
            k = first.end
            if k >= n or low[k] not in conns:
                return None
            b_at = k + 1 + (1 if k + 1 < n and low[k + 1] in lex.articles else 0)
            second = self._core(doc, low, b_at)
            start = qual_start if qual_start is not None else j
            if hours and second is not None and second.value <= 24 and first.value <= 24 \
                    and not self._unit_follows(doc, low, second):
                return start, second.end, None  # clock times
        else:
            first = self._core(doc, low, j)
            if first is None or first.kind != "cardinal" or not first.digits_text:
                return None
            k = first.end
            if k + 1 >= n or low[k] != "-" or doc[k].whitespace_ or doc[k - 1].whitespace_:
                return None
            second = self._core(doc, low, k + 1)
            if second is None or not second.digits_text:
                return None
            if first.bare_digits and second.bare_digits and first.value <= 20 and second.value <= 20 \
                    and qualifier is None and not self._unit_follows(doc, low, second):
                return first.start, second.end, None  # "sul 0-2": a score
            start = qual_start if qual_start is not None else first.start
        if second is None or second.kind != "cardinal":
            return None
        if any(in_date[first.start:second.end]) or (second.end < n and low[second.end] in lex.month_names):
            return start, second.end, None  # "tra il 9 e il 13 ottobre": days, skip it all
        second = self._suffix(low, second)
        low_value = first.value
        mult = _multiplier_of(second)
        if mult > 1 and not first.multiplied and first.value * mult <= second.value:
            low_value = first.value * mult
        if low_value >= second.value:
            return None
        if first.bare_digits and second.bare_digits and _year_like(first) and _year_like(second):
            return None  # 2019-2020
        unit, unit_span = self._counted_noun(doc, low, second)
        if first.unit == "%" and second.unit is None:
            second = replace(second, kind="percent", unit="%")
        merged = replace(second, value=low_value, currency=second.currency or first.currency)
        return start, second.end, self._quantity(doc, merged, qualifier, unit, unit_span,
                                                 value_max=second.value)

    def _word_value(self, word: str) -> int | None:
        if word not in self._word_cache:
            if len(self._word_cache) > 200_000:
                self._word_cache.clear()
            self._word_cache[word] = compound_to_number(word, self.lex)
        return self._word_cache[word]

    def _is_number_word(self, w: str) -> bool:
        lex = self.lex
        return (w in ("e", "ed", "un", "una", "uno", "mila") or w in lex.large_multipliers
                or w in lex.halves or self._word_value(w) is not None)

    def _core(self, doc: Doc, low: list[str], j: int) -> Core | None:
        lex = self.lex
        n = len(low)
        if j >= n:
            return None
        tok = low[j]
        # currency symbol before the amount: "€ 5 milioni", "$100"
        if tok in self._money_prefix and j + 1 < n:
            inner = self._digits(doc, low, j + 1)
            if inner is not None:
                code = lex.currencies.get((tok,))
                return replace(inner, start=j, currency=code, unit=lex.currency_names.get(code),
                               unit_span=(j, j + 1), bare_digits=False)
        digits = self._digits(doc, low, j)
        if digits is not None:
            return digits
        text = doc[j].text
        if DIGIT_ORDINAL_RE.match(text):
            value = Decimal(parse_ordinal(text, lex))
            if text.endswith("°") and j + 1 < n and low[j + 1].rstrip(".") in ("c", "f"):
                unit = "°C" if low[j + 1].startswith("c") else "°F"  # "40°C": a temperature
                return Core(j, j + 2, value, unit=unit, unit_span=(j, j + 2))
            return Core(j, j + 1, value, kind="ordinal")
        if (len(text) >= 2 and text.isupper() and set(text) <= ROMAN_LETTERS
                and roman_to_int(text) is not None):
            return Core(j, j + 1, Decimal(roman_to_int(text)), kind="ordinal", word="<roman>")
        vague = self._vague(low, j)
        if vague is not None:
            return vague
        fraction = self._fraction(low, j)
        if fraction is not None:
            return fraction
        words = self._number_words(low, j)
        if words is not None:
            return words
        ordinal = parse_ordinal(tok, lex) if tok.isalpha() else None
        if ordinal is not None:
            return Core(j, j + 1, Decimal(ordinal), kind="ordinal", word=normalize_word(tok))
        return None

    def _digits(self, doc: Doc, low: list[str], j: int) -> Core | None:
        text = low[j]
        if not _is_digits(text[:1]):
            return None
        parsed = parse_decimal(text)
        dot_decimal = False
        if parsed is None:
            parsed, dot_decimal = parse_decimal(text, dot_decimal=True), True
        if parsed is None or (len(text) > 1 and text[0] == "0" and _is_digits(text[1])):
            return None  # "06": phone prefix or code
        value, mult = parsed
        bare = mult == 1 and _is_digits(text)
        k = j + 1
        multiplied = mult > 1
        value *= mult
        n = len(low)
        if mult == 1 and k < n and (low[k] in self.lex.large_multipliers or low[k] == "mila"):
            m = self.lex.large_multipliers.get(low[k], 1000)
            value, mult, multiplied, bare, k = value * m, m, True, False, k + 1
        if multiplied and k + 1 < n and low[k] == "e" and low[k + 1] in self.lex.halves:
            value, k = value + Decimal(mult) / 2, k + 2
        if dot_decimal and not multiplied and not (k < n and (low[k],) in self.lex.percent):
            return None  # "15.30" is a time; "33.5%" and "7.3 milioni" are numbers
        return Core(j, k, value, multiplied=multiplied, bare_digits=bare, digits_text=text)

    def _vague(self, low: list[str], j: int) -> Core | None:
        lex = self.lex
        n = len(low)
        k = j
        if low[k] in lex.vague_determiners and k + 1 < n and low[k + 1] in lex.vague_plurals:
            k += 1
        if low[k] in lex.vague_plurals:
            value, qual = Decimal(lex.vague_plurals[low[k]]), "at_least"
            k += 1
        elif (low[k] in lex.collective_determiners and k + 1 < n
              and low[k + 1] in lex.vague_collectives):
            value, qual = Decimal(lex.vague_collectives[low[k + 1]]), "approx"
            k += 2
        else:
            return None
        # chained: "decine di migliaia", "un centinaio di migliaia"
        while k + 1 < n and low[k] in ("di", "d'") and low[k + 1] in lex.vague_plurals \
                and lex.vague_plurals[low[k + 1]] > 1 and value * lex.vague_plurals[low[k + 1]] > value:
            value, k = value * lex.vague_plurals[low[k + 1]], k + 2
        # a vague quantity counts something: "migliaia di manifestanti", not "i milioni"
        if low[k - 1] in ("milioni", "miliardi") and (
                not (k < n and low[k] in ("di", "d'")) or (j > 0 and low[j - 1] in self._articles_all)):
            return None  # "i milioni della lotteria"
        return Core(j, k, value, qualifier=qual, multiplied=True)

    def _fraction(self, low: list[str], j: int) -> Core | None:
        """"la metà dei", "un terzo degli", "due terzi", "tre quarti"."""
        lex = self.lex
        n = len(low)
        w = normalize_word(low[j])
        if w in lex.fraction_words:
            if j > 0 and low[j - 1] in lex.ordinal_determiners and j + 1 < n and low[j + 1] in DI_FORMS:
                return Core(j, j + 1, Decimal(str(lex.fraction_words[w])), kind="fraction")
            return None
        if j + 1 >= n:
            return None
        if low[j] in ("un", "una"):
            num = 1
        else:
            num = self._word_value(normalize_word(low[j])) if low[j].isalpha() else None
            if num is None and _is_digits(low[j]):
                num = int(low[j])
        if num is None or not 1 <= num <= 20:
            return None
        den_word = low[j + 1]
        den = lex.ordinals.get(normalize_word(den_word))
        if den is None or den < 3:
            return None
        plural = den_word.endswith(("i", "e"))
        if num == 1 and not (not plural and j + 2 < n and low[j + 2] in DI_FORMS):
            return None
        if num > 1 and not plural:
            return None
        value = Decimal(num) / Decimal(den)  # exact to float precision: 1/3, not 0.3333
        return Core(j, j + 2, value, kind="fraction")

    def _number_words(self, low: list[str], j: int) -> Core | None:
        n = len(low)
        if low[j] in ("e", "ed", "mila") or not self._is_number_word(low[j]):
            return None
        run = []
        k = j
        while k < n and len(run) < MAX_WORD_RUN and self._is_number_word(low[k]):
            run.append(normalize_word(low[k]))
            k += 1
        for end in range(len(run), 0, -1):
            if run[end - 1] in ("e", "ed"):
                continue
            value = words_to_number(" ".join(run[:end]), self.lex)
            if value is None:
                continue
            if end == 1 and run[0] in ("un", "una", "uno") and not (
                    tuple(low[j + 1:j + 3]) in self.lex.post_qualifiers):
                return None  # the article alone ("uno o più" is a number)
            multiplied = any(w in self.lex.large_multipliers for w in run[:end])
            return Core(j, j + end, Decimal(str(value)), multiplied=multiplied,
                        word=run[0] if end == 1 else None)
        return None

    def _suffix(self, low: list[str], core: Core, percent_only: bool = False) -> Core:
        """Percent sign, currency or measure after the amount ("5%", "5 milioni di euro")."""
        if core.kind not in ("cardinal",) or core.unit is not None:
            return core
        lex = self.lex
        k = core.end
        n = len(low)
        tables = [("percent", lex.percent)]
        if not percent_only:
            tables += [("money", lex.currencies), ("measure", lex.measures)]
        starts = [k]
        if core.multiplied and k < n and low[k] in ("di", "d'"):
            starts.append(k + 1)
        for at in starts:
            for what, table in tables:
                for length in (3, 2, 1):
                    key = tuple(low[at:at + length])
                    if len(key) == length and key in table:
                        if what == "percent":
                            if at != k:
                                continue
                            return replace(core, end=at + length, kind="percent",
                                           unit=table[key], unit_span=(at, at + length))
                        if what == "money":
                            code = table[key]
                            return replace(core, end=at + length, currency=code,
                                           unit=lex.currency_names[code], unit_span=(at, at + length))
                        return replace(core, end=at + length, unit=table[key],
                                       unit_span=(at, at + length))
        return core

    def _counted_noun(self, doc: Doc, low: list[str], core: Core):
        """The noun counted by a cardinal/ordinal: parse head of nummod, else next word."""
        if core.unit is not None or core.kind in ("percent", "money"):
            return None, None
        lex = self.lex
        n = len(low)
        if doc.has_annotation("DEP"):
            for tok in doc[core.start:core.end]:
                head = tok.head
                if tok.dep_ in ("nummod", "amod", "det") and head.pos_ == "NOUN" \
                        and not core.start <= head.i < core.end and head.i > tok.i:
                    return head.text, (head.i, head.i + 1)
        k = core.end
        if k < n and low[k] in DI_FORMS and (core.multiplied or core.qualifier or core.kind == "fraction"):
            k += 1
        if k < n and low[k] in lex.prenominal_adjectives and k + 1 < n and self._noun_like(doc, low, k + 1):
            k += 1  # "due diversi settori"
        if k < n and low[k] in lex.duration_nouns and doc[k].is_alpha:
            return low[k], (k, k + 1)  # "7 ore": a duration, see _plausible
        if k < n and self._noun_like(doc, low, k):
            return doc[k].text, (k, k + 1)
        # "almeno cinquanta i morti", "circa 100 i morti"
        if k + 1 < n and low[k] in ("i", "gli", "le") and self._noun_like(doc, low, k + 1):
            return doc[k + 1].text, (k + 1, k + 2)
        # "i morti sono 80", "i feriti sono oltre 140"
        s = core.start
        while s > 0 and (low[s - 1] in lex.articles or tuple(low[s - 1:s]) in lex.qualifiers
                         or low[s - 1] in self._qualifier_words):
            s -= 1
        if s >= 3 and low[s - 1] in lex.predicate_verbs and low[s - 3] in ("i", "gli", "le") \
                and self._noun_like(doc, low, s - 2):
            return doc[s - 2].text, (s - 2, s - 1)
        return None, None

    def _noun_like(self, doc: Doc, low: list[str], k: int) -> bool:
        """Could doc[k] be a counted noun? No parser: a lowercase content word."""
        lex = self.lex
        tok = doc[k]
        w = low[k]
        if not tok.is_alpha or w in lex.function_words or tok.is_upper and len(tok) > 1:
            return False
        if not tok.text.islower() and not (tok.is_title and not tok.is_sent_start):
            return False
        if w in lex.month_names or self._is_number_word(w) or (w,) in lex.qualifiers:
            return False
        if doc.has_annotation("POS") and tok.pos_ not in UNIT_POS:
            return False
        return True

    def _ambiguous_word_ok(self, low: list[str], core: Core) -> bool:
        """Ambiguous single number words (sei, venti) need a counted noun after them."""
        w = core.word
        n = len(low)
        nxt = low[core.end] if core.end < n else ""
        if w in ("sei", "venti"):
            prev = low[core.start - 1] if core.start > 0 else ""
            if w == "venti" and prev in PLURAL_ARTICLES:
                return False  # i venti del nord
            if w == "sei" and prev in VERB_CLITICS:
                return False  # tu sei, non sei, ci sei
            return nxt.isalpha() and nxt not in self.lex.function_words and nxt.endswith(("i", "e"))
        return True

    def _plausible(self, doc: Doc, low: list[str], core: Core, qualifier: str | None,
                   unit: str | None) -> bool:
        lex = self.lex
        n = len(low)
        prev = low[core.start - 1] if core.start > 0 else ""
        nxt = low[core.end] if core.end < n else ""
        if core.kind == "ordinal":
            return self._ordinal_ok(doc, low, core)
        if core.kind != "cardinal" or core.currency or core.unit is not None:
            return True
        first_tok = doc[core.start]
        if unit is None and core.value <= 24 and any(
                tuple(low[max(0, core.start - m):core.start]) in lex.time_cues for m in (1, 2)):
            return False  # "alle 15", "verso le nove", "intorno alle 11": clock times
        if qualifier is None and unit is None:
            if first_tok.is_alpha and first_tok.is_title and not _sentence_initial(doc, core.start):
                return False  # "a Cento e a Finale Emilia": a place name
            if prev in lex.decade_cues and first_tok.is_alpha:
                return False  # "negli anni Sessanta": a decade
            if 1 <= core.value <= 31 and (self._before_month(low, core.end) or prev in lex.weekday_names):
                return False  # "il sette maggio", "sabato 30": days
        if prev == "a" and core.start >= 2 and (low[core.start - 2] in self.lex.score_words
                                                or self._is_number_word(low[core.start - 2])
                                                or _is_digits(low[core.start - 2])):
            return False  # "una rete a zero", "tre a uno": a score
        if self.skip_durations and unit in lex.duration_nouns and not core.multiplied:
            return False  # "dieci anni", "tre mesi": durations belong to the dates table
        if self.skip_durations and unit is None and core.end + 2 < n and low[core.end] in ("e", "o", "ed") \
                and (self._is_number_word(low[core.end + 1]) or _is_digits(low[core.end + 1])) \
                and low[core.end + 2] in lex.duration_nouns:
            return False  # "a otto e tre anni": a coordinated duration
        if core.bare_digits:
            value = core.value
            if _year_like(core) and (unit is None or unit[:1].isupper() or prev in lex.year_cues or (
                    qualifier is None and core.start > 0 and doc[core.start - 1].is_title
                    and not doc[core.start - 1].is_sent_start)):
                return False  # "nel 2019", "Rio 2016"
            if 1 <= value <= 31 and unit is None and self._before_month(low, core.end):
                return False  # "il 10 e l'11 febbraio", "15 settembre": days
            if prev in lex.month_names or (value <= 31 and prev in lex.weekday_names):
                return False  # "15 luglio 1542", "sabato 30": dates
            nxt_tok = doc[core.end] if core.end < n else None
            if qualifier is None and nxt_tok is not None and nxt_tok.is_title and nxt_tok.is_alpha \
                    and core.start > 0 and doc[core.start - 1].is_title and doc[core.start - 1].is_alpha \
                    and prev not in lex.function_words:
                return False  # "Movimento 5 Stelle", "ASL 2 Carlo": inside a name
            if qualifier is None:
                # a bare number after a name or an identifier noun is a code: base aerea 201
                if prev in lex.identifier_nouns:
                    return False
                if core.start >= 2 and low[core.start - 2] in lex.identifier_nouns \
                        and prev.isalpha() and prev not in lex.function_words:
                    return False
                # "Movimento 5 Stelle", "ASL 2", "Rover 200": a name, not a quantity
                if core.start > 0 and doc[core.start - 1].text[:1].isupper() and \
                        doc[core.start - 1].is_alpha and not _sentence_initial(doc, core.start - 1) \
                        and prev not in lex.month_names and prev not in lex.function_words \
                        and "." not in core.digits_text:
                    return False
                # phone numbers: two bare digit groups in a row
                if _is_digits(prev) or _is_digits(nxt):
                    return False
            if nxt == "'" and not doc[core.end - 1].whitespace_:
                return False  # "al 14'": minute of a match
            # match scores "2-0" (a real range was matched before): not quantities
            if (prev == "-" and core.start >= 2 and _is_digits(low[core.start - 2])) or \
                    (nxt == "-" and core.end + 1 < n and _is_digits(low[core.end + 1])):
                return False
        return True

    def _unit_follows(self, doc: Doc, low: list[str], core: Core) -> bool:
        core = self._suffix(low, core)
        return core.unit is not None or self._counted_noun(doc, low, core)[0] is not None

    def _before_month(self, low: list[str], k: int) -> bool:
        """A month name follows, with only days and connectors in between."""
        for t in low[k:k + 5]:
            if t in self.lex.month_names:
                return True
            if not (t in DAY_LINKS or _is_digits(t)):
                return False
        return False

    def _ordinal_ok(self, doc: Doc, low: list[str], core: Core) -> bool:
        lex = self.lex
        n = len(low)
        prev = low[core.start - 1] if core.start > 0 else ""
        nxt = low[core.end] if core.end < n else ""
        if nxt in lex.date_nouns:
            return False  # "XXI secolo", "ventesimo secolo": dates
        if core.word == "<roman>":
            # "la XXI edizione"; not names ("Rama IX", "Carlo III") nor all-caps runs
            neighbours = [doc[k] for k in (core.start - 1, core.end) if 0 <= k < n]
            if any(t.is_alpha and t.is_upper and len(t) > 1 for t in neighbours):
                return False
            return prev in lex.ordinal_determiners
        if core.word is None:  # 3°, 3ª
            return not self._before_month(low, core.end)  # "il 1º novembre" is a date
        for length in (1, 2, 3, 4):
            for s in range(max(0, core.start - length + 1), core.start + 1):
                if tuple(low[s:s + length]) in lex.lexicalised and s + length > core.start:
                    return False
        if prev not in lex.ordinal_determiners:
            return False
        return nxt.isalpha() and nxt not in lex.function_words and doc[core.end].text.islower()


SENTENCE_BREAKS = frozenset({".", "!", "?", ":", ";", "\"", "«", "»", "(", "-", "–", "—", "'"})


def _sentence_initial(doc: Doc, k: int) -> bool:
    """doc[k] starts a sentence (or a quote, title, list item): capitals mean nothing there."""
    if k == 0 or doc[k].is_sent_start:
        return True
    before = doc[k - 1]
    return before.text in SENTENCE_BREAKS or before.is_space or "\n" in before.whitespace_


def _is_digits(text: str) -> bool:
    """ASCII digits only ("²".isdigit() is True)."""
    return text.isascii() and text.isdigit()


def _multiplier_of(core: Core) -> int:
    """The multiplier a multiplied amount was written with: 3 milioni -> 10**6."""
    if not core.multiplied or core.value == 0:
        return 1
    return next((m for m in (10**12, 10**9, 10**6, 1000) if core.value >= m), 1)


def _year_like(core: Core) -> bool:
    return bool(re.fullmatch(r"\d{4}", core.digits_text)) and 1800 <= core.value <= 2099


@Language.factory(
    "it_numbers",
    assigns=["doc.spans"],
    default_config={
        "spans_key": "numbers",
        "dates_key": "dates",
        "overwrite": False,
        "skip_durations": True,
        "lexicon": {"@misc": "pipeline.it_number_lexicon.v1"},
    },
)
def make_number_recognizer(nlp: Language, name: str, spans_key: str, dates_key: str,
                           overwrite: bool, skip_durations: bool,
                           lexicon: NumberLexicon) -> NumberRecognizer:
    return NumberRecognizer(nlp, name, spans_key=spans_key, dates_key=dates_key,
                            overwrite=overwrite, skip_durations=skip_durations, lexicon=lexicon)
