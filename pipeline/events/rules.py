"""Event rules: from a Doc to (trigger span, Event) pairs.

This module only puts the steps together, each in its own module:

- :mod:`.triggers`: which words are event mentions, of which type;
- :mod:`.arguments`: actor and target, from the parse or, without one, the nearest
  entities of the sentence;
- :mod:`.attachment`: place, date and quantity;
- :mod:`.modality`: negation and modality;
- here: the CAMEO code and the events dropped because another one restates them.

Two modes, chosen per Doc: with a parse (``doc.has_annotation("DEP")``) arguments come
from UD relations; without one (blank pipeline) triggers are still matched on lemma or
lowercase form and arguments, dates and numbers come from the sentence neighbours.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from . import labels as L
from .arguments import ArgumentFinder
from .attachment import attach_dates, dedupe_spans, quantity_of, usable_date, usable_number
from .context import DocContext, Draft, Trigger
from .lexicon import NOUN, VERB, EventLexicon
from .linking import SpanIndex, link
from .modality import ModalityReader
from .record import Event
from .triggers import TriggerMatcher
from .ud import governor

#: without a parse, an event this many tokens after a trigger is embedded in it
EMBEDDED_WINDOW = 8
#: without a parse, a noun trigger this close to a verbal one of its type restates it
RESTATED_WINDOW = 4
APPOSITION_COMMA = ","


class EventRules:
    """The compiled rules of one lexicon; ``extract(doc)`` keeps no state between Docs."""

    def __init__(self, lexicon: EventLexicon) -> None:
        self.lex = lexicon
        self.triggers = TriggerMatcher(lexicon)
        self.arguments = ArgumentFinder(lexicon)
        self.modality = ModalityReader(lexicon)

    def context(
        self, doc: Doc, dates_key: str, numbers_key: str, entities_key: str = "", demonyms_key: str = ""
    ) -> DocContext:
        """What the rules need to know about ``doc``, read once."""
        ctx = DocContext.for_doc(doc, self.lex)
        ctx.entity_records = SpanIndex(doc.spans.get(entities_key, []) if entities_key else ())
        ctx.demonyms = SpanIndex(doc.spans.get(demonyms_key, []) if demonyms_key else ())
        ctx.dates = dedupe_spans(s for s in doc.spans.get(dates_key, []) if usable_date(s))
        # Dates are never actors or targets ("Ad aprile" is not a recipient).
        ctx.avoid = frozenset(i for s in ctx.dates for i in range(s.start, s.end))
        ctx.numbers = [
            s
            for s in dedupe_spans(doc.spans.get(numbers_key, []))
            if not ctx.avoid & set(range(s.start, s.end)) and usable_number(s)
        ]
        ctx.triggers = self.triggers.find(ctx)
        ctx.by_head = {t.head: t for t in ctx.triggers}
        return ctx

    def extract(
        self, doc: Doc, dates_key: str, numbers_key: str, entities_key: str = "", demonyms_key: str = ""
    ) -> list[tuple[Span, Event]]:
        """Events of ``doc`` (trigger span labelled with the type, record); reads the date
        and number span groups ``dates_key`` and ``numbers_key`` and, to say who the
        participants are, the entities component's groups; changes nothing."""
        ctx = self.context(doc, dates_key, numbers_key, entities_key, demonyms_key)
        drafts = [self.arguments.find(ctx, trig) for trig in ctx.triggers]
        attach_dates(ctx, drafts)
        self._participants_inherit(ctx, drafts)
        for trig, draft in zip(ctx.triggers, drafts):
            draft.quantity = quantity_of(ctx, trig, draft)
        results = []
        for trig, draft in zip(ctx.triggers, drafts):
            if self._restated(ctx, trig, drafts) or self._apposition(ctx, trig, drafts):
                continue
            span = Span(doc, trig.start, trig.end, label=trig.type)
            event = Event(
                type=trig.type,
                trigger=span.text,
                cameo=self._cameo(ctx, trig),
                actor=link(draft.actor, ctx.entity_records, ctx.demonyms),
                target=link(draft.target, ctx.entity_records, ctx.demonyms),
                place=link(draft.place, ctx.entity_records, ctx.demonyms),
                date=draft.date,
                quantity=draft.quantity,
                negated=self.modality.negated(ctx, trig, draft),
                modality=self.modality.modality(ctx, trig, draft),
            )
            results.append((span, event))
        return results

    # ---------------------------------------------------------------- cameo, suppression
    def _cameo(self, ctx: DocContext, trig: Trigger) -> str | None:
        """The type's CAMEO code, refined when an event of a listed type is embedded
        ("chiedere il ritiro" -> 106)."""
        spec = self.lex.types[trig.type]
        if not spec.cameo_if_embedded:
            return spec.cameo
        doc, by_head = ctx.doc, ctx.by_head
        head = doc[trig.head]
        if ctx.parsed:
            embedded = [
                by_head[c.i]
                for c in head.children
                if c.i in by_head and c.dep_ in L.CONTROL | {L.OBJ, L.NMOD, L.IOBJ, L.OBL}
            ]
            embedded += [
                t
                for t in ctx.triggers
                if (governor(ctx, doc[t.head])[0] or doc[t.head]).i == head.i and t.head != head.i
            ]
        else:
            sent_start = ctx.sentence(head).start
            embedded = [
                t
                for t in ctx.triggers
                if 0 < t.start - trig.end <= EMBEDDED_WINDOW and ctx.sentence(doc[t.head]).start == sent_start
            ]
        for other in embedded:
            if other.type in spec.cameo_if_embedded:
                return spec.cameo_if_embedded[other.type]
        return spec.cameo

    @staticmethod
    def _participants_inherit(ctx: DocContext, drafts: list[Draft]) -> None:
        """ "A Niamey, migliaia di manifestanti hanno chiesto ...": a nominal trigger inside
        the actor of another event happens where and when its participants act."""
        if not ctx.parsed:
            return
        doc = ctx.doc
        by_sentence: dict[int, list[tuple[Trigger, Draft]]] = {}  # only the same sentence: linear
        for other, odraft in zip(ctx.triggers, drafts):
            if odraft.actor_tok is not None:
                by_sentence.setdefault(ctx.sentence(doc[other.head]).start, []).append((other, odraft))
        for trig, draft in zip(ctx.triggers, drafts):
            if trig.pos != NOUN or (draft.place is not None and draft.date is not None):
                continue
            for other, odraft in by_sentence.get(ctx.sentence(doc[trig.head]).start, ()):
                tok = odraft.actor_tok
                if other is trig or tok is None or not tok.left_edge.i <= trig.head <= tok.right_edge.i:
                    continue
                draft.place = draft.place or odraft.place
                draft.date = draft.date or odraft.date
                break

    @staticmethod
    def _restated(ctx: DocContext, trig: Trigger, drafts: list[Draft]) -> bool:
        """A noun trigger inside an argument of an event of the same type is that event
        restated ("migliaia di manifestanti erano scesi in piazza"). Without a parse: a
        noun trigger a few tokens before or after a verbal/phrasal one of the same type."""
        if trig.pos != NOUN or trig.end - trig.start > 1:
            return False
        for other, draft in zip(ctx.triggers, drafts):
            if other is trig or other.type != trig.type:
                continue
            if not ctx.parsed:
                if (other.pos == VERB or other.end - other.start > 1) and (
                    0 <= other.start - trig.end <= RESTATED_WINDOW or 0 <= trig.start - other.end <= RESTATED_WINDOW
                ):
                    return True
                continue
            for tok in (draft.actor_tok, draft.target_tok):
                if tok is not None and tok.i != other.head:
                    lo, hi = tok.left_edge.i, tok.right_edge.i
                    if lo <= other.head <= hi:
                        continue  # the argument holds the event itself ("governo votato alle elezioni")
                    if lo <= trig.head <= hi and trig.head != tok.i or tok.i == trig.head:
                        return True
        return False

    def _apposition(self, ctx: DocContext, trig: Trigger, drafts: list[Draft]) -> bool:
        """ "...formato l'Alleanza degli Stati del Sahel, un patto di difesa reciproca": a noun
        trigger in apposition (", un ...") right after another event's argument restates it."""
        doc = ctx.doc
        if trig.pos != NOUN or trig.start < 3:
            return False
        if not (
            doc[trig.start - 1].lower_ in self.lex.words.indefinite_articles
            and doc[trig.start - 2].text == APPOSITION_COMMA
        ):
            return False
        comma = doc[trig.start - 2].idx
        return any(arg is not None and arg.end == comma for draft in drafts for arg in (draft.actor, draft.target))
