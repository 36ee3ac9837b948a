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

Left alone: anything inside a span of ``doc.spans[dates_key]`` (config, default
"dates"; a missing group counts as empty), and defensively (so the component is usable before/without ``it_dates``):
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

The rules live in :mod:`pipeline.components.number_rules`, the words in
``pipeline/lang/it/`` (see :mod:`pipeline.normalize.numbers_lexicon`); this module is the
spaCy component only. It follows :class:`~pipeline.components.base.SpanComponent`: running
it twice gives the same Doc as once, and ``to_disk`` saves the data files it read.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..lang.loader import LanguageData
from ..normalize.numbers_lexicon import DATA_FILES, compile_lexicon
from .base import Match, SpanComponent
from .number_rules import NumberMatcher

LABEL = "NUM"


class NumberRecognizer(SpanComponent):
    """Finds Italian numbers and quantities; see the module docstring."""

    value_attr = "num_value"
    data_files = DATA_FILES

    def __init__(
        self,
        nlp: Language,
        name: str,
        *,
        spans_key: str,
        dates_key: str,
        overwrite: bool,
        skip_durations: bool,
        data: LanguageData,
    ) -> None:
        self.dates_key = dates_key
        self.skip_durations = skip_durations
        super().__init__(nlp, name, spans_key=spans_key, overwrite=overwrite, data=data)

    def build(self, data: LanguageData) -> None:
        self.lex = compile_lexicon(data)
        self.matcher = NumberMatcher(self.lex, skip_durations=self.skip_durations)

    def match(self, doc: Doc) -> list[Match]:
        in_date = [False] * len(doc)
        for span in doc.spans.get(self.dates_key, ()):  # a missing group counts as empty
            for k in range(span.start, span.end):
                in_date[k] = True
        return [
            (Span(doc, start, end, label=LABEL), quantity) for start, end, quantity in self.matcher.match(doc, in_date)
        ]


@Language.factory(
    "it_numbers",
    assigns=["doc.spans"],
    default_config={
        "spans_key": "numbers",
        "dates_key": "dates",
        "overwrite": True,
        "skip_durations": True,
        "data": {"@misc": "pipeline.it_language_data.v1", "path": None},
    },
)
def make_number_recognizer(
    nlp: Language, name: str, spans_key: str, dates_key: str, overwrite: bool, skip_durations: bool, data: LanguageData
) -> NumberRecognizer:
    return NumberRecognizer(
        nlp,
        name,
        spans_key=spans_key,
        dates_key=dates_key,
        overwrite=overwrite,
        skip_durations=skip_durations,
        data=data,
    )
