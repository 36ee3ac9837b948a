"""``it_events``: who did what to whom, when, where and how many.

Finds event triggers (verbs, nouns and multi-word phrases listed in
``pipeline/lang/it/event_types.json``) and reads their arguments from the parse, the
entities and the date and number span groups (``dates_key``, ``numbers_key``). Each event
is a span over the trigger words in ``doc.spans[spans_key]``, labelled with its type, with
its record on ``span._.event`` (``pipeline.events.Event``; ``span._.event.as_row()`` gives
the table row). Mentions of one real-world event share an ``event_id``, and
``doc._.event_records`` holds one ACLED-like row per event (``pipeline.events.records``).
Actors, targets and places say who they are (entity id, canonical name, country) from
the ``it_entities`` groups (``entities_key``, ``demonyms_key``; a missing group counts
as empty).

Without a parser (the blank pipeline) triggers are still found, arguments fall back to
the nearest entities/dates/numbers in the sentence (see ``pipeline.events.rules``).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..events.lexicon import DATA_FILES, EventLexicon
from ..events.records import RecordBuilder
from ..events.rules import EventRules
from ..lang.loader import LanguageData
from .base import Match, SpanComponent


class EventExtractor(SpanComponent):
    """Event spans with their :class:`~pipeline.events.Event` records."""

    value_attr = "event"
    data_files = DATA_FILES

    def __init__(
        self,
        nlp: Language,
        name: str = "it_events",
        *,
        spans_key: str,
        overwrite: bool,
        data: LanguageData,
        dates_key: str,
        numbers_key: str,
        entities_key: str = "entities",
        demonyms_key: str = "demonyms",
    ) -> None:
        self.dates_key = dates_key
        self.numbers_key = numbers_key
        self.entities_key = entities_key
        self.demonyms_key = demonyms_key
        super().__init__(nlp, name, spans_key=spans_key, overwrite=overwrite, data=data)

    def build(self, data: LanguageData) -> None:
        self.lexicon = EventLexicon.from_data(data)
        self.rules = EventRules(self.lexicon)
        self.records = RecordBuilder(self.lexicon, self.dates_key, self.numbers_key, self.entities_key)

    def match(self, doc: Doc) -> list[Match]:
        return list(self.rules.extract(doc, self.dates_key, self.numbers_key, self.entities_key, self.demonyms_key))

    def set_annotations(self, doc: Doc, matches: list[Match]) -> None:
        """The spans with their ``event_id``, and one record per event on ``doc._.event_records``."""
        labelled, records = self.records.build(doc, matches)
        super().set_annotations(doc, list(labelled))
        doc._.event_records = tuple(records)  # a tuple: what DocBin (msgpack) gives back


@Language.factory(
    "it_events",
    assigns=["doc.spans"],
    requires=["doc.ents", "token.dep", "token.lemma"],
    default_config={
        "spans_key": "events",
        "overwrite": True,
        "dates_key": "dates",
        "numbers_key": "numbers",
        "entities_key": "entities",
        "demonyms_key": "demonyms",
        "data": {"@misc": "pipeline.it_language_data.v1", "path": None},
    },
)
def make_event_extractor(
    nlp: Language,
    name: str,
    spans_key: str,
    overwrite: bool,
    data: LanguageData,
    dates_key: str,
    numbers_key: str,
    entities_key: str,
    demonyms_key: str,
) -> EventExtractor:
    return EventExtractor(
        nlp,
        name,
        spans_key=spans_key,
        overwrite=overwrite,
        data=data,
        dates_key=dates_key,
        numbers_key=numbers_key,
        entities_key=entities_key,
        demonyms_key=demonyms_key,
    )
