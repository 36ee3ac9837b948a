"""Attachment of places, dates and quantities to the triggers.

Places are LOC entities after a place preposition in the trigger's clause zones (or, for
a name the NER missed, a proper noun after one). Dates come from the dates component's
spans: the nearest one in the trigger's clause, else the governing event's, else the
nearest unclaimed one of the sentence that can reach the trigger's clause. Quantities are
number spans inside the trigger's phrase or its participants.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence

from spacy.tokens import Span, Token

from . import labels as L
from .context import DocContext, Draft, Trigger
from .lexicon import NOUN, VERB
from .record import Argument
from .ud import MAX_CLIMB, MAX_DEPTH, clause_tokens, is_passive, predicate, prep_of

#: date types that can say when an event happened (durations and sets cannot); a
#: date record without a type is accepted
EVENT_DATE_TYPES = {"DATE", "TIME", None}
#: vague references ("recentemente" -> PAST_REF) say no date
VAGUE_DATE_SUFFIX = "_REF"
NUMBER_KINDS_SKIPPED = {"ordinal"}
#: without a parse, a number this many tokens from the trigger (no punctuation between)
#: is its quantity
FLAT_NUMBER_GAP = 3
DATE_TAG, NUMBER_TAG = "DATE", "NUM"


# ----------------------------------------------------------------------------- span groups


def usable_date(span: Span) -> bool:
    """A date span that can say when an event happened: a value, DATE/TIME type, not a
    vague reference ("recentemente" = PAST_REF)."""
    record = span._.date_value
    value = getattr(record, "value", None)
    if value is None or str(value).endswith(VAGUE_DATE_SUFFIX):
        return False
    return getattr(record, "type", None) in EVENT_DATE_TYPES


def usable_number(span: Span) -> bool:
    return getattr(span._.num_value, "kind", None) not in NUMBER_KINDS_SKIPPED


def dedupe_spans(spans: Iterable[Span]) -> list[Span]:
    """Drop spans contained in a longer one ("2024" inside "16 marzo 2024"), and repeats.

    One sweep in (start, longest first) order: a span is contained in an earlier one when
    some earlier span ends at or after its end. The result is sorted by start, and since
    no span contains another, by end too (``spans_overlapping`` relies on it)."""
    kept: list[Span] = []
    reach = -1
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if span.end <= reach:
            continue
        kept.append(span)
        reach = span.end
    return kept


def spans_overlapping(spans: Sequence[Span], first: int, last: int) -> list[Span]:
    """The spans of a ``dedupe_spans`` list with a token in ``first..last`` (inclusive),
    found by bisection: the rules ask once per trigger, so a scan of the whole Doc's spans
    would make long articles quadratic."""
    lo = bisect.bisect_right(spans, first, key=lambda s: s.end)
    hi = bisect.bisect_right(spans, last, key=lambda s: s.start)
    return list(spans[lo:hi])


# ----------------------------------------------------------------------------- places


def flat_places(ctx: DocContext, ents: list[Span], sent: Span) -> list[Span]:
    """Without a parse: place entities of the sentence right after a place preposition."""
    doc, words = ctx.doc, ctx.lex.words
    place_prepositions = ctx.lex.cues.place_prepositions
    return [
        e
        for e in ents
        if e.label_ in L.ENTITY_PLACE_LABELS
        and e.start > sent.start
        and words.base_prep(doc[e.start - 1].lower_) in place_prepositions
    ]


def place_of(ctx: DocContext, trig: Trigger, draft: Draft) -> Argument | None:
    """The nearest place entity introduced by a place preposition in the trigger's zones,
    not part of the actor or target."""
    doc, words, cues = ctx.doc, ctx.lex.words, ctx.lex.cues
    taken: set[int] = set()
    for tok in (draft.actor_tok, draft.target_tok):
        if tok is not None:
            ent = ctx.entity_of(tok)
            taken |= set(range(ent.start, ent.end)) if ent is not None else {tok.i}
    for zone in draft.zones:
        best: tuple[int, Token, Token, str | None] | None = None
        # the entities with a token in the zone, in document order (not all of doc.ents:
        # once per trigger that would be quadratic in the article's length)
        zone_ents = {id(e): e for i in sorted(zone) if (e := ctx.entity_at.get(i)) is not None}
        for ent in zone_ents.values():
            if ent.label_ not in L.ENTITY_PLACE_LABELS:
                continue
            toks = [t for t in ent if not trig.start <= t.i < trig.end and t.i not in ctx.avoid]
            while toks and (toks[0].lower_ in words.prep_base or toks[0].is_punct):
                toks = toks[1:]  # "piazza a Niamey" tagged as one entity
            if not toks:
                continue
            root = next((t for t in toks if not toks[0].i <= t.head.i <= toks[-1].i or t.head.i == t.i), toks[0])
            if root.i not in zone or root.i in taken:
                continue
            before = doc[toks[0].i - 1].lower_ if toks[0].i > 0 else ""
            if (
                prep_of(ctx, root) not in cues.place_prepositions
                and words.base_prep(before) not in cues.place_prepositions
            ):
                continue
            dist = abs(root.i - trig.head)
            if best is None or dist < best[0]:
                best = (dist, toks[0], toks[-1], ent.label_)
        if best is None:
            # A name the NER missed, after "a"/"in": "in piazza a Niamey"; after a passive
            # verb the agent preposition introduces the agent, not a place.
            preps = cues.bare_place_prepositions
            if is_passive(ctx, doc[trig.head]):
                preps = preps - cues.agent_prepositions
            for i in sorted(zone, key=lambda i: abs(i - trig.head)):
                tok = doc[i]
                if (
                    tok.pos_ == "PROPN"
                    and not tok.ent_type_
                    and i not in taken
                    and i not in ctx.avoid
                    and not trig.start <= i < trig.end
                    and prep_of(ctx, tok) in preps
                ):
                    best = (0, tok, tok, None)
                    break
        if best is not None:
            _, first, last, label = best
            return ctx.arg(first.idx, last.idx + len(last), label)
    return None


# ----------------------------------------------------------------------------- dates


def attach_dates(ctx: DocContext, drafts: list[Draft]) -> None:
    """Set ``draft.date`` for each trigger (see the module docstring)."""
    doc, triggers, dates = ctx.doc, ctx.triggers, ctx.dates
    claimed: set[int] = set()
    if ctx.parsed:
        for trig, draft in zip(triggers, drafts):
            for zone in draft.zones:
                inside = [d for d in spans_overlapping(dates, min(zone), max(zone)) if d.root.i in zone] if zone else []
                if inside:
                    best = min(inside, key=lambda d: abs(d.root.i - trig.head))
                    draft.date_span = best
                    claimed.add(best.start)
                    break
        # An event inside another's clause ("hanno annunciato di voler lasciare") takes
        # the governing event's date.
        own = {trig.head: draft.date_span for trig, draft in zip(triggers, drafts)}
        for trig, draft in zip(triggers, drafts):
            if draft.date_span is not None:
                continue
            tok = doc[trig.head]
            for _ in range(MAX_DEPTH):
                if tok.head.i == tok.i or tok.dep_ not in L.CONTROL | {L.CONJ, L.ADVCL, L.ACL}:
                    break
                tok = tok.head
                if own.get(tok.i) is not None:
                    draft.date_span = own[tok.i]
                    break
    # Sentence fallback: the nearest date of the sentence no other clause has claimed
    # and that does not modify another verb's clause (a date in the clause of a
    # governing verb is fine: it dates what is embedded under it).
    for trig, draft in zip(triggers, drafts):
        if draft.date_span is not None:
            continue
        sent = ctx.sentence(doc[trig.head])
        pool = [
            d
            for d in spans_overlapping(dates, sent.start, sent.end - 1)
            if sent.start <= d.start
            and d.end <= sent.end
            and d.start not in claimed
            and (not ctx.parsed or _date_reaches(ctx, d, trig, draft) or _fronted(ctx, d, trig, draft))
        ]
        if pool:
            draft.date_span = min(pool, key=lambda d: abs(d.start - trig.head))
    for draft in drafts:
        span = draft.date_span
        if span is not None:
            draft.date = ctx.arg(span.start_char, span.end_char, DATE_TAG, getattr(span._.date_value, "value", None))


def _fronted(ctx: DocContext, date: Span, trig: Trigger, draft: Draft) -> bool:
    """ "a gennaio 2024 la Francia ha chiuso": a date right before the clause's subject
    (or its verb group) belongs to it, wherever the parser attached it."""
    doc = ctx.doc
    starts = [trig.start]
    actor = _tokens_of(ctx, draft.actor)
    if actor is not None:
        starts.append(actor.start)
        if actor.start > 0 and doc[actor.start - 1].pos_ == "DET":
            starts.append(actor.start - 1)
    i = trig.start - 1
    while i >= 0 and doc[i].pos_ in ("AUX", "ADV", "PART"):
        i -= 1
    starts.append(i + 1)
    return any(date.end <= start and all(t.is_punct for t in doc[date.end : start]) for start in starts)


def _date_reaches(ctx: DocContext, date: Span, trig: Trigger, draft: Draft) -> bool:
    pred_of_date = predicate(ctx, date.root)
    if pred_of_date is None:
        return True
    start = draft.support or ctx.doc[trig.head]
    tok = predicate(ctx, start)
    # the date's clause is a complement the parser hung on this one ("ritireranno le loro
    # truppe ... entro il 15 settembre" with "truppe" read as an xcomp); an embedded event
    # would have claimed its own date before
    down = pred_of_date
    for _ in range(MAX_CLIMB):
        if tok is not None and down.i == tok.i:
            return True
        if (
            down.dep_ not in L.CONTROL
            or down.head.i == down.i
            or ctx.doc[down.head.i].i in ctx.by_head
            and down.head.i != trig.head
        ):
            break
        down = down.head
    for _ in range(MAX_CLIMB):
        if tok is None:
            return False
        if tok.i == pred_of_date.i:
            return True  # the date's clause is this one or governs it
        if tok.head.i == tok.i or not ctx.linked(tok.head, tok):
            return False
        tok = tok.head
    return False


# ----------------------------------------------------------------------------- quantities


def quantity_of(ctx: DocContext, trig: Trigger, draft: Draft) -> Argument | None:
    numbers = ctx.numbers
    if not numbers:
        return None
    doc = ctx.doc
    head = doc[trig.head]
    if not ctx.parsed:
        sent = ctx.sentence(head)

        def close(n: Span) -> bool:
            lo, hi = (n.end, trig.start) if n.end <= trig.start else (trig.end, n.start)
            return 0 <= hi - lo <= FLAT_NUMBER_GAP and not any(t.is_punct for t in doc[lo:hi])

        near = [
            n
            for n in spans_overlapping(numbers, sent.start, sent.end - 1)
            if sent.start <= n.start and n.end <= sent.end and close(n)
        ]
        if near:
            return _number_arg(ctx, min(near, key=lambda n: abs(n.start - trig.head)))
        return None
    regions: list[set[int]] = []
    own = {c.i for c in head.children if c.dep_ in (L.NUMMOD, L.DET)}
    if trig.pos == NOUN:
        own |= {t.i for t in head.subtree} & clause_tokens(ctx, head)
        if head.dep_ == L.NMOD:
            own.add(head.head.i)  # "migliaia di manifestanti"
    regions.append(own)
    for arg in (draft.actor, draft.target):
        span = _tokens_of(ctx, arg)
        if span is not None:
            # with the word before it: the number counting it ("gli ultimi 1.500 soldati")
            regions.append(set(range(max(span.start - 1, 0), span.end)))
    if trig.pos == VERB:
        for child in head.children:
            if child.dep_ in (L.OBJ, L.NSUBJ_PASS):
                regions.append(clause_tokens(ctx, child))
    for region in regions:
        if not region:
            continue
        hits = [n for n in spans_overlapping(numbers, min(region), max(region)) if set(range(n.start, n.end)) & region]
        if hits:
            return _number_arg(ctx, min(hits, key=lambda n: abs(n.start - trig.head)))
    return None


def _tokens_of(ctx: DocContext, arg: Argument | None) -> Span | None:
    """The tokens of an argument found earlier (its offsets are token boundaries)."""
    if arg is None:
        return None
    return ctx.doc.char_span(arg.start, arg.end, alignment_mode="expand")


def _number_arg(ctx: DocContext, n: Span) -> Argument:
    return ctx.arg(n.start_char, n.end_char, NUMBER_TAG, getattr(n._.num_value, "value", None))
