"""Polarity and modality of a trigger: negated or not; asserted, hypothetical or uncertain.

With a parse, cues are read on the trigger's dependents (and its support verb's, its
governing predicate's); without one, in a few words around the trigger. The cue words
are data (``event_cues.json``, negation in ``function_words.json``); conditional mood is
read from the morphology or, failing that, from the conditional endings of
``inflection.json``.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..inventories import MODALITIES
from . import labels as L
from .context import DocContext, Draft, Trigger
from .lexicon import NOUN, EventLexicon
from .ud import governor, lemma_of, words_of

ASSERTED, HYPOTHETICAL, UNCERTAIN, GENERIC = MODALITIES
#: without a parse, words before the trigger that can negate it
NEGATION_WINDOW = 5
#: without a parse, words before / after the trigger read for modality cues
MODALITY_BEFORE = 3
MODALITY_AFTER = 12
HYPOTHETICAL_AFTER = 2
#: punctuation that ends the predicate after a nominal trigger
CLAUSE_END = (".", ";", ":")
CONDITIONAL = "Cnd"
NEGATION_DEPS = (L.ADVMOD, L.DET, L.MARK, L.CASE, L.CC, L.ADVMOD_NEG, L.AMOD)


class ModalityReader:
    """Negation and modality with one lexicon; keeps no per-Doc state."""

    def __init__(self, lex: EventLexicon) -> None:
        self.lex = lex

    def _is_conditional(self, tok: Token) -> bool:
        return CONDITIONAL in tok.morph.get("Mood", []) or self.lex.inflector.is_conditional(tok.lower_)

    @staticmethod
    def _scope(ctx: DocContext, trig: Trigger, draft: Draft) -> list[Token]:
        """Tokens whose modifiers speak about the trigger: itself and its support verb."""
        toks = [ctx.doc[trig.head]]
        if draft.support is not None:
            toks.append(draft.support)
        return toks

    def negated(self, ctx: DocContext, trig: Trigger, draft: Draft) -> bool:
        doc = ctx.doc
        neg = self.lex.words.negation
        if not ctx.parsed:
            sent = ctx.sentence(doc[trig.head])
            window = list(doc[max(sent.start, trig.start - NEGATION_WINDOW) : trig.start])
            while window and any(t.is_punct for t in window):
                window.pop(0)
            return any(t.lower_ in neg for t in window)
        for tok in self._scope(ctx, trig, draft):
            for child in tok.children:
                if child.lower_ in neg and child.dep_ in NEGATION_DEPS and not self._expletive(tok):
                    return True
        return False

    def _expletive(self, tok: Token) -> bool:
        """A clause opened by "finché", "fino a quando"...: its "non" negates nothing."""
        opening = tok.doc[tok.left_edge.i : min(tok.left_edge.i + 3, tok.i)]
        words = " ".join(t.lower_ for t in opening)
        return any(words == m or words.startswith(m + " ") for m in self.lex.cues.expletive_negation)

    def modality(self, ctx: DocContext, trig: Trigger, draft: Draft) -> str:
        if not ctx.parsed:
            return self._modality_flat(ctx, trig)
        cues = self.lex.cues
        head = ctx.doc[trig.head]
        scope = self._scope(ctx, trig, draft)
        # Uncertain: a cue on the trigger, or on the predicate it is the subject of
        # ("un possibile accordo ... rimane incerto").
        related: list[Token] = []
        for tok in scope:
            related += list(tok.children)
            if tok.dep_ in (L.NSUBJ, L.NSUBJ_PASS) and tok.head.i != tok.i:
                related.append(tok.head)
                related += [c for c in tok.head.children if c.dep_ in (L.XCOMP, L.ADVMOD, L.AMOD)]
            if tok.dep_ in L.CONTROL and tok.head.i != tok.i:
                related.append(tok.head)
        if any(words_of(t) & cues.uncertain for t in related):
            return UNCERTAIN
        # Generic or habitual: "le proteste sono frequenti", "ogni anno manifestano".
        if any(words_of(t) & cues.generic for t in related + [g for t in related for g in t.children]):
            return GENERIC
        if trig.pos == NOUN and self._uncertain_predicate(ctx, trig):
            return UNCERTAIN
        if trig.pos == NOUN and head.dep_ == L.NMOD and words_of(head.head) & cues.hypothetical:
            return HYPOTHETICAL  # "l'ipotesi di un attentato (subito scartata)"
        for tok in scope:
            for child in tok.children:
                if words_of(child) & cues.hypothetical and child.dep_ in (L.AMOD, L.ADVMOD, L.DET, L.NMOD):
                    return HYPOTHETICAL
                if child.dep_ in (L.AUX, L.AUX_PASS) and (
                    lemma_of(child) in cues.hypothetical_aux
                    or child.lower_ in cues.hypothetical_aux_forms
                    or self._is_conditional(child)
                ):
                    return HYPOTHETICAL
                if child.dep_ == L.MARK and child.lower_ in cues.hypothetical_conjunctions:
                    return HYPOTHETICAL
            if self._is_conditional(tok):
                return HYPOTHETICAL
        # Embedded under a governor that does not assert it: "chiesto di ritirare",
        # "chiedere la partenza", "minaccia di ritirare", "potrebbe ritirare" (potere as head).
        gov, dep = governor(ctx, head)
        if gov is not None:
            if lemma_of(gov) in cues.hypothetical_governors | cues.hypothetical_aux:
                return HYPOTHETICAL
            gov_trig = ctx.by_head.get(gov.i)
            if gov_trig is not None:
                embedded = self.lex.types[gov_trig.type].embedded_modality
                if embedded and dep in L.CONTROL | {L.OBJ}:
                    return embedded
        return ASSERTED

    def _modality_flat(self, ctx: DocContext, trig: Trigger) -> str:
        doc, cues = ctx.doc, self.lex.cues
        head = doc[trig.head]
        sent = ctx.sentence(head)
        before = list(doc[max(sent.start, trig.start - MODALITY_BEFORE) : trig.start])
        after = []
        for t in doc[trig.end : min(sent.end, trig.end + MODALITY_AFTER)]:
            if t.is_punct:
                break
            after.append(t)
        if any(words_of(t) & cues.uncertain for t in before + after):
            return UNCERTAIN
        near = before + list(doc[trig.end : min(sent.end, trig.end + HYPOTHETICAL_AFTER)]) + [head]
        if any(words_of(t) & cues.hypothetical for t in near):
            return HYPOTHETICAL
        if any(
            self.lex.inflector.is_conditional(t.lower_) or t.lower_ in cues.hypothetical_aux_forms
            for t in before + [head]
        ):
            return HYPOTHETICAL
        return ASSERTED

    def _uncertain_predicate(self, ctx: DocContext, trig: Trigger) -> bool:
        """ "un possibile accordo con il Benin ... rimane incerto": the first verb after a
        nominal trigger is a copula-like verb followed by an uncertainty word."""
        doc = ctx.doc
        sent = ctx.sentence(doc[trig.head])
        for i in range(trig.end, sent.end):
            tok = doc[i]
            if tok.pos_ in ("VERB", "AUX"):
                if lemma_of(tok) not in self.lex.cues.copular_verbs:
                    return False
                nxt = doc[i + 1 : min(sent.end, i + 3)]
                return any(words_of(t) & self.lex.cues.uncertain for t in nxt)
            if tok.is_punct and tok.text in CLAUSE_END:
                return False
        return False
