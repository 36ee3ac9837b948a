"""The Python API: build the pipeline once, then annotate texts with their publication
date and get plain records (dicts of lists, JSON-ready) or spaCy Docs.

    from pipeline import Annotator

    annotator = Annotator()                       # the shipped model; or Annotator("blank")
    record = annotator.annotate("Ieri a Niamey migliaia di persone hanno protestato.",
                                published="2024-05-20")
    record["dates"][0]["value"]                   # '2024-05-19'
    for record in annotator.annotate_batch([{"id": "a", "text": "...", "published": "2024-05-20"}]):
        ...
    doc = annotator.doc("...", published="2024-05-20")
    doc.spans["events"][0].label_, doc.spans["events"][0]._.event

A record has the rows of the tables for one text: ``id``, ``published``, ``entities``,
``dates``, ``numbers``, ``events``, ``actors`` (the columns of the CSVs, without
``doc_id``), the same as ``italian-news annotate --jsonl`` writes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .corpus import parse_published
from .extract import BATCH_SIZE, prepared_doc
from .tables import json_mentions, mention_rows

#: what a batch item may be: a text, (text, published) or a mapping with ``text`` and
#: optional ``id`` and ``published``
Item = str | tuple[str, "dt.date | str | None"] | Mapping[str, Any]


class Annotator:
    """The pipeline, built once: the base model and the project's components in order.

    ``model``: ``"default"`` (the shipped ``models/it_news``, else blank), ``"blank"`` (no
    NER or parser: dates, numbers and event triggers only), an installed spaCy package or a
    path, or a ``Language`` you built (it is used as it is)."""

    def __init__(self, model: str | Language = "default") -> None:
        if isinstance(model, Language):
            self.nlp = model
        else:
            from .nlp import build_nlp

            self.nlp = build_nlp(model)

    def doc(self, text: str, published: dt.date | str | None = None, doc_id: str | None = None) -> Doc:
        """The annotated Doc: ``doc.ents`` (with ``ent._.entity``) and ``doc.spans``
        ``"dates"``, ``"numbers"``, ``"events"`` (labelled with their type; values on
        ``span._.date_value``, ``span._.num_value``, ``span._.event``). ``published``
        (a date or ``YYYY-MM-DD``) resolves relative dates ("ieri")."""
        return self.nlp(prepared_doc(self.nlp, text, _date(published), doc_id))

    def docs(self, items: Iterable[Item], batch_size: int = BATCH_SIZE) -> Iterator[Doc]:
        """Annotated Docs of a batch, in order (``nlp.pipe``: faster than one by one)."""
        prepared = (prepared_doc(self.nlp, text, published, doc_id) for doc_id, text, published in _items(items))
        yield from self.nlp.pipe(prepared, batch_size=batch_size)

    def annotate(self, text: str, published: dt.date | str | None = None, doc_id: str | None = None) -> dict:
        """The plain record of one text (see the module docstring)."""
        return record(self.doc(text, published, doc_id))

    def annotate_batch(self, items: Iterable[Item], batch_size: int = BATCH_SIZE) -> Iterator[dict]:
        """Plain records of a batch, in order."""
        for doc in self.docs(items, batch_size):
            yield record(doc)


def record(doc: Doc) -> dict[str, Any]:
    """A Doc's rows as a plain dict: id, published and one list per table."""
    published = doc._.published
    return {
        "id": doc._.doc_id,
        "published": published.isoformat() if published else None,
        **json_mentions(mention_rows(doc)),
    }


def _date(value: dt.date | str | None) -> dt.date | None:
    """A date, ``YYYY-MM-DD`` or None; anything else raises ValueError."""
    if value is None or isinstance(value, dt.date):
        return value
    return parse_published(value)


def _items(items: Iterable[Item]) -> Iterator[tuple[str | None, str, dt.date | None]]:
    for number, item in enumerate(items):
        if isinstance(item, str):
            yield None, item, None
        elif isinstance(item, tuple):
            text, published = item
            yield None, text, _date(published)
        elif isinstance(item, Mapping) and isinstance(item.get("text"), str):
            yield item.get("id"), item["text"], _date(item.get("published"))
        else:
            raise TypeError(f"item {number}: expected a text, (text, published) or a mapping with 'text'")
