"""What the event rules know about the Doc being read: built once per Doc, then dropped.

The rules object holds only the compiled lexicon; everything that depends on a Doc (its
text, paragraphs, entity of each token, the tokens inside dates, the triggers found) lives
here, so a component can run on many Docs, or twice on one, without carrying state over
and without writing anything on the Doc.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy
from spacy.attrs import IS_SPACE
from spacy.tokens import Doc, Span, Token

from .lexicon import EventLexicon
from .linking import SpanIndex
from .record import Argument


@dataclass(frozen=True)
class Trigger:
    start: int  # token offsets of the trigger words
    end: int
    head: int  # the token whose arguments are read
    type: str
    pos: str  # "verb" | "noun"
    lemma: str


@dataclass
class Draft:
    """What the rules found for one trigger so far."""

    support: Token | None = None  # the support verb of a nominal trigger
    actor_tok: Token | None = None
    target_tok: Token | None = None
    actor: Argument | None = None
    target: Argument | None = None
    place: Argument | None = None
    date: Argument | None = None
    quantity: Argument | None = None
    date_span: Span | None = None
    #: clause zones where dates and places are looked for, nearest first
    zones: list[set[int]] = field(default_factory=list)


def _paragraphs(doc: Doc) -> list[int]:
    """Paragraph number of each token (a whitespace token with a newline starts one).
    Only whitespace tokens are looked at: most Docs have few."""
    spaces = doc.to_array(IS_SPACE)
    breaks = [int(i) for i in numpy.flatnonzero(spaces) if "\n" in doc[int(i)].text]
    bounds = [0, *breaks, len(doc)]
    out: list[int] = []
    for n, (start, end) in enumerate(zip(bounds, bounds[1:])):
        out.extend([n] * (end - start))
    return out


@dataclass
class DocContext:
    doc: Doc
    lex: EventLexicon
    parsed: bool
    #: usable date spans and number spans, longest first deduplicated (see attachment)
    dates: list[Span] = field(default_factory=list)
    numbers: list[Span] = field(default_factory=list)
    #: token indices that are never actors, targets or places (inside date spans)
    avoid: frozenset[int] = frozenset()
    triggers: list[Trigger] = field(default_factory=list)
    by_head: dict[int, Trigger] = field(default_factory=dict)
    entity_at: dict[int, Span] = field(default_factory=dict)
    #: the entities component's records (entity mentions, demonyms), empty without it
    entity_records: SpanIndex = field(default_factory=lambda: SpanIndex(()))
    demonyms: SpanIndex = field(default_factory=lambda: SpanIndex(()))

    @classmethod
    def for_doc(cls, doc: Doc, lex: EventLexicon) -> DocContext:
        ctx = cls(doc=doc, lex=lex, parsed=doc.has_annotation("DEP"))
        for ent in doc.ents:
            for i in range(ent.start, ent.end):
                ctx.entity_at[i] = ent
        return ctx

    @cached_property
    def text(self) -> str:
        """``doc.text`` joins every token on each call: read it once, when needed."""
        return self.doc.text

    @cached_property
    def paragraph(self) -> list[int]:
        return _paragraphs(self.doc)

    def linked(self, a: Token, b: Token) -> bool:
        """The parser links words across a paragraph break ("...Niamey.\\n\\nA gennaio"):
        such arcs are not followed."""
        return self.paragraph[a.i] == self.paragraph[b.i]

    def entity_of(self, tok: Token) -> Span | None:
        if not tok.ent_type_:
            return None
        return self.entity_at.get(tok.i)

    def arg(self, start: int, end: int, label: str | None = None, value: object = None) -> Argument:
        return Argument(self.text[start:end], start, end, label, value)

    def sentence(self, tok: Token) -> Span:
        """The sentence of ``tok``, cut at paragraph breaks (a headline without a full stop
        is not part of the first sentence)."""
        doc = self.doc
        sent = tok.sent if (doc.has_annotation("SENT_START") or self.parsed) else doc[:]
        start, end = sent.start, sent.end
        for i in range(tok.i - 1, start - 1, -1):
            if doc[i].is_space and "\n" in doc[i].text:
                start = i + 1
                break
        for i in range(tok.i + 1, end):
            if doc[i].is_space and "\n" in doc[i].text:
                end = i
                break
        return doc[start:end]
