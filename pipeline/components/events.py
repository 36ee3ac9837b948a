"""``it_events``: who did what to whom, when, where and how many.

Finds event triggers (verbs, nouns and multi-word phrases listed in
``resources/event_types.yaml``) and reads their arguments from the parse, the entities
and the ``dates``/``numbers`` span groups. Each event is a span over the trigger words in
``doc.spans["events"]`` with its record on ``span._.event`` (``pipeline.events.Event``;
``span._.event.as_row()`` gives the table row).

Without a parser (the blank pipeline) triggers are still found, arguments fall back to
the nearest entities/dates/numbers in the sentence (see ``pipeline.events.rules``).
"""
from __future__ import annotations

import json

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import ensure_path

from pipeline.events.lexicon import EventLexicon, parse_lexicon
from pipeline.events.rules import EventRules
from pipeline.events.record import Event  # noqa: F401  (re-exported for callers)

LEXICON_FILE = "event_types.json"


class EventExtractor:
    def __init__(self, nlp: Language, name: str = "it_events", *, spans_key: str = "events",
                 overwrite: bool = False, lexicon: EventLexicon):
        self.name = name
        self.spans_key = spans_key
        self.overwrite = overwrite
        self._set_lexicon(lexicon)

    def _set_lexicon(self, lexicon: EventLexicon) -> None:
        self.lexicon = lexicon
        self.rules = EventRules(lexicon)

    def __call__(self, doc: Doc) -> Doc:
        return self.set_annotations(doc, self.match(doc))

    def pipe(self, docs, batch_size: int = 128):
        for doc in docs:
            yield self(doc)

    def match(self, doc: Doc):
        return self.rules.extract(doc)

    def set_annotations(self, doc: Doc, matches) -> Doc:
        existing = list(doc.spans[self.spans_key]) if (
            self.spans_key in doc.spans and not self.overwrite) else []
        if existing:
            return doc  # already annotated and not asked to overwrite
        spans = []
        for span, event in matches:
            span._.event = event
            spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc

    # serialisation: the lexicon travels with the pipeline as JSON
    def to_disk(self, path, *, exclude=tuple()):
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / LEXICON_FILE).write_text(self.lexicon.to_json(), encoding="utf8")

    def from_disk(self, path, *, exclude=tuple()):
        raw = json.loads((ensure_path(path) / LEXICON_FILE).read_text(encoding="utf8"))
        self._set_lexicon(parse_lexicon(raw))
        return self

    def to_bytes(self, *, exclude=tuple()) -> bytes:
        return self.lexicon.to_json().encode("utf8")

    def from_bytes(self, data: bytes, *, exclude=tuple()):
        self._set_lexicon(parse_lexicon(json.loads(data.decode("utf8"))))
        return self


@Language.factory(
    "it_events",
    assigns=["doc.spans"],
    requires=["doc.ents", "token.dep", "token.lemma"],
    default_config={"spans_key": "events", "overwrite": False,
                    "lexicon": {"@misc": "pipeline.it_event_lexicon.v1"}},
)
def make_event_extractor(nlp: Language, name: str, spans_key: str, overwrite: bool,
                         lexicon: EventLexicon) -> EventExtractor:
    return EventExtractor(nlp, name, spans_key=spans_key, overwrite=overwrite, lexicon=lexicon)
