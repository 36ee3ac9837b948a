"""``it_entities``: who each named entity is, and which country an adjective names.

Reads the NER's ``doc.ents`` (any model) and writes:

- ``doc.spans[spans_key]`` (default "entities"): one span per entity mention, same
  boundaries and label as in ``doc.ents``, with ``Span._.entity`` an
  :class:`~pipeline.entities.EntityRecord` (entity_id, canonical, kind, country). spaCy
  keys span extensions by offsets, so ``ent._.entity`` works on ``doc.ents`` too;
- ``doc.spans[demonyms_key]`` (default "demonyms"): country adjectives and demonyms outside
  entities ("i soldati americani"), label ``DEMONYM``, whose record has kind "demonym",
  no entity_id and the country. The event rules read both groups to give arguments a
  country; a demonym is never an entity or an actor by itself.

The labels of ``doc.ents`` are left as the model gave them (metonymy stays as written).
The matching and clustering are in :mod:`pipeline.entities` (no spaCy); the names are the
gazetteer files of ``pipeline/lang/it/``. One pass over the tokens and one over the
entities: linear in the Doc.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..entities import DATA_FILES, EntityRecord, Gazetteer, Mention, resolve
from ..lang.loader import LanguageData
from .base import Match, SpanComponent

DEMONYM_LABEL = "DEMONYM"
DEMONYM_KIND = "demonym"


class EntityLinker(SpanComponent):
    """Entity spans with their records, and demonym spans; see the module docstring."""

    value_attr = "entity"
    data_files = DATA_FILES

    def __init__(
        self,
        nlp: Language,
        name: str = "it_entities",
        *,
        spans_key: str,
        overwrite: bool,
        data: LanguageData,
        demonyms_key: str,
    ) -> None:
        self.demonyms_key = demonyms_key
        super().__init__(nlp, name, spans_key=spans_key, overwrite=overwrite, data=data)

    def build(self, data: LanguageData) -> None:
        self.gazetteer = Gazetteer.from_data(data)

    def match(self, doc: Doc) -> list[Match]:
        ents = list(doc.ents)
        mentions = [Mention(e.start_char, e.end_char, e.text, e.label_, self._word_before(doc, e)) for e in ents]
        matches: list[Match] = [
            (Span(doc, e.start, e.end, label=e.label_), record)
            for e, record in zip(ents, resolve(mentions, self.gazetteer))
        ]
        in_entity = {i for e in ents for i in range(e.start, e.end)}
        gaz = self.gazetteer
        for token in doc:
            if token.i in in_entity or not token.is_alpha:
                continue
            code = gaz.demonym(token.text)
            if code is not None:
                country = gaz.countries[code]
                record = EntityRecord(None, country.canonical, DEMONYM_KIND, code)
                matches.append((Span(doc, token.i, token.i + 1, label=DEMONYM_LABEL), record))
        return matches

    @staticmethod
    def _word_before(doc: Doc, ent: Span) -> str:
        """The lowercase word right before the entity, in its sentence ("" if none)."""
        if ent.start == 0:
            return ""
        prev = doc[ent.start - 1]
        if not prev.is_alpha or (doc.has_annotation("SENT_START") and ent[0].is_sent_start):
            return ""
        return prev.lower_

    def set_annotations(self, doc: Doc, matches: list[Match]) -> None:
        self.write_group(doc, self.spans_key, [m for m in matches if m[0].label_ != DEMONYM_LABEL])
        self.write_group(doc, self.demonyms_key, [m for m in matches if m[0].label_ == DEMONYM_LABEL])


@Language.factory(
    "it_entities",
    assigns=["doc.spans"],
    requires=["doc.ents"],
    default_config={
        "spans_key": "entities",
        "demonyms_key": "demonyms",
        "overwrite": True,
        "data": {"@misc": "pipeline.it_language_data.v1", "path": None},
    },
)
def make_entity_linker(
    nlp: Language, name: str, spans_key: str, demonyms_key: str, overwrite: bool, data: LanguageData
) -> EntityLinker:
    return EntityLinker(nlp, name, spans_key=spans_key, overwrite=overwrite, data=data, demonyms_key=demonyms_key)
