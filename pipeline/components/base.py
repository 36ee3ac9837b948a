"""The contract of the project's components, after spaCy's ``span_ruler``.

A component finds its spans with ``match(doc)`` (pure: reads the Doc, writes nothing)
and writes them with ``set_annotations(doc, matches)``, both inside the pipe's error
handler. Spans go to ``doc.spans[spans_key]``, each value to one ``Span._`` extension.
``overwrite=True`` replaces the group; ``overwrite=False`` adds to it, skipping spans
already there. Either way, running a component twice gives the same Doc as once.

The language data travel with the pipeline: ``to_disk`` writes the data files the
component read (``data_files``), in the same JSON format and under the same names as
``pipeline/lang/it/``, and ``from_disk`` reads them back through the same validator.
Extensions are registered once, in ``pipeline/extensions.py``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, ClassVar

from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.tokens import Doc, Span, SpanGroup
from spacy.util import ensure_path

from ..lang.loader import LanguageData

Match = tuple[Span, Any]


class SpanComponent(Pipe):
    """Base of ``it_dates``, ``it_numbers``, ``it_entities`` and ``it_events``; see the module docstring."""

    #: the ``Span._`` extension that holds each span's value
    value_attr: ClassVar[str]
    #: the language data files the component reads (names in ``pipeline/lang/it/``)
    data_files: ClassVar[tuple[str, ...]]

    def __init__(self, nlp: Language, name: str, *, spans_key: str, overwrite: bool, data: LanguageData) -> None:
        self.nlp = nlp
        self.name = name
        self.spans_key = spans_key
        self.overwrite = overwrite
        self.set_data(data)

    # --- what each component defines ---------------------------------------------------
    def build(self, data: LanguageData) -> None:
        """Compile the rules from the language data (called on construction and load)."""
        raise NotImplementedError

    def match(self, doc: Doc) -> list[Match]:
        """Spans with their values; must not change the Doc."""
        raise NotImplementedError

    # --- the shared contract -------------------------------------------------------------
    def set_data(self, data: LanguageData) -> None:
        self.data = data
        self.build(data)

    def __call__(self, doc: Doc) -> Doc:
        error_handler = self.get_error_handler()
        try:
            self.set_annotations(doc, self.match(doc))
            return doc
        except Exception as exc:
            return error_handler(self.name, self, [doc], exc)

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        for doc in stream:
            yield self(doc)

    def set_annotations(self, doc: Doc, matches: list[Match]) -> None:
        self.write_group(doc, self.spans_key, matches)

    def write_group(self, doc: Doc, group: str, matches: list[Match]) -> None:
        """Write ``matches`` to ``doc.spans[group]`` (replacing or adding, see ``overwrite``)."""
        kept = [] if self.overwrite else list(doc.spans.get(group, []))
        seen = {(s.start, s.end, s.label) for s in kept}
        for span, value in matches:
            key = (span.start, span.end, span.label)
            if key in seen:
                continue
            seen.add(key)
            span._.set(self.value_attr, value)
            kept.append(span)
        kept.sort(key=lambda s: (s.start, s.end, s.label_))
        doc.spans[group] = SpanGroup(doc, name=group, spans=kept)

    def initialize(self, get_examples: Any = None, *, nlp: Language | None = None) -> None:
        """Nothing to learn: the component is ready when built."""

    # --- serialisation: the data files themselves ------------------------------------
    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        self.data.to_disk(ensure_path(path), self.data_files)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> SpanComponent:
        self.set_data(LanguageData.from_disk(ensure_path(path)))
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return self.data.to_bytes(self.data_files)

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> SpanComponent:
        self.set_data(LanguageData.from_bytes(data))
        return self
