"""Trigger matching: which words of a Doc are event mentions, and of which type.

A token is a trigger when its lemma or lowercase form is in the lexicon, its part of
speech fits (a verb entry needs a verb, a noun entry a noun, unless the form alone is
decisive), it is not part of a name, and its ``context``/``not_context`` words allow it.
Multi-word phrases are matched first and take their tokens.
"""

from __future__ import annotations

from collections.abc import Set

from spacy.tokens import Token

from . import labels as L
from .context import DocContext, Trigger
from .lexicon import ENTITY_PREFIX, NOUN, VERB, Entry, EventLexicon, Phrase
from .ud import lemma_of, prep_of, words_of

#: without a parse, context words are looked for this many tokens around the trigger
WINDOW = 6
#: a line is a headline when this share of its words of HEADLINE_WORD letters or more
#: (outside names; at least HEADLINE_MIN_WORDS) is capitalised
HEADLINE_SHARE = 0.8
HEADLINE_WORD = 4
HEADLINE_MIN_WORDS = 2
#: modifiers allowed between a charge preposition and the offence ("di tentato omicidio")
CHARGE_MODIFIERS = 2
#: how far up a coordination a charge is looked for ("per A, B e C")
MAX_CONJUNCTS = 6
#: without a parse, not_context words are looked for in the next tokens
NOT_CONTEXT_WINDOW = 3
#: entity types that do not make a token part of a name
NOT_NAME_ENTS = ("DATE", "NUM")


class TriggerMatcher:
    """Finds triggers with one lexicon; keeps no per-Doc state."""

    def __init__(self, lex: EventLexicon) -> None:
        self.lex = lex
        self.type_order = {name: k for k, name in enumerate(lex.types)}
        # Phrases indexed by the words their first slot accepts: a token is only tried
        # against the phrases that can start with it.
        self.phrases_by_first: dict[str, list[Phrase]] = {}
        for phrase in lex.phrases:
            for word in phrase.slots[0]:
                self.phrases_by_first.setdefault(word, []).append(phrase)
        self.sources: dict[str, list[tuple[str, frozenset[str]]]] = {}
        for spec in lex.types.values():
            for prep, words in spec.source_prepositions.items():
                self.sources.setdefault(prep, []).append((spec.name, words))

    def find(self, ctx: DocContext) -> list[Trigger]:
        doc = ctx.doc
        found: list[Trigger] = []
        taken: set[int] = set()
        for phrase_trigger in self._phrase_triggers(ctx):
            if not taken & set(range(phrase_trigger.start, phrase_trigger.end)):
                found.append(phrase_trigger)
                taken.update(range(phrase_trigger.start, phrase_trigger.end))
        found.extend(self._source_triggers(ctx, taken))
        taken.update(t.start for t in found)
        headline = _headline_tokens(ctx)
        for tok in doc:
            if tok.i in taken or tok.is_punct or tok.is_space:
                continue
            entries = self.lex.candidates(lemma_of(tok), tok.lower_)
            if tok.i in headline:  # the tagger guesses on "Ritireranno", "ARRESTATO": trust the form
                plausible = [e for e in entries if self._plausible(ctx, tok, e, check_pos=False, headline=True)]
            else:
                plausible = [e for e in entries if self._plausible(ctx, tok, e)]
            if not plausible and tok.pos_ in ("NOUN", "VERB", "ADJ"):
                # The tagger disagrees ("interrotto"/NOUN): trust the form, not the tag.
                by_form = [e for e in entries if e in self.lex.form_index.get(tok.lower_, ())]
                plausible = [e for e in by_form if self._plausible(ctx, tok, e, check_pos=False)]
            if not plausible:
                continue
            entry = self._choose(tok, plausible)
            found.append(Trigger(tok.i, tok.i + 1, tok.i, self._retyped(ctx, tok, entry.type), entry.pos, entry.lemma))
        return sorted(found, key=lambda t: t.start)

    def _phrase_triggers(self, ctx: DocContext) -> list[Trigger]:
        doc = ctx.doc
        out = []
        for tok in doc:
            candidates = {id(p): p for w in words_of(tok) for p in self.phrases_by_first.get(w, ())}
            for phrase in candidates.values():
                n = len(phrase.slots)
                if tok.i + n > len(doc):
                    continue
                if all(words_of(doc[tok.i + k]) & phrase.slots[k] for k in range(n)):
                    if _inside_name(doc[tok.i]):
                        continue
                    out.append(Trigger(tok.i, tok.i + n, tok.i, phrase.type, phrase.pos, phrase.text))
        out.sort(key=lambda t: (t.start, -(t.end - t.start)))
        return out

    def _plausible(
        self, ctx: DocContext, tok: Token, entry: Entry, check_pos: bool = True, headline: bool = False
    ) -> bool:
        doc = ctx.doc
        if _inside_name(tok) and not (headline and entry.pos == VERB and tok.ent_iob_ == "I"):
            return False  # in a headline the NER swallows a capitalised verb: "Stati Uniti Ritireranno"
        if tok.pos_ and check_pos:
            if entry.pos == VERB and tok.pos_ not in L.VERB_POS | {"ADJ"}:
                return False
            if entry.pos == NOUN and tok.pos_ not in L.NOUN_POS:
                return False
            if entry.pos == NOUN and tok.pos_ == "PROPN":
                return False
        if (
            tok.is_title
            and not headline
            and not tok.is_sent_start
            and tok.i > 0
            and not (doc[tok.i - 1].is_punct or doc[tok.i - 1].is_space)
        ):
            return False  # "l'Alleanza degli Stati del Sahel", "della Giustizia": a name
        if entry.pos == NOUN and ctx.parsed and tok.dep_ == L.APPOS:
            return False
        if entry.pos == NOUN and ctx.parsed and self._charged(ctx, tok):
            return False
        spec = self.lex.types[entry.type]
        if entry.lemma in spec.not_context and _context_ok(ctx, tok, spec.not_context[entry.lemma], near_only=True):
            return False
        if entry.lemma in spec.context:
            return _context_ok(ctx, tok, spec.context[entry.lemma])
        return True

    def _source_triggers(self, ctx: DocContext, taken: set[int]) -> list[Trigger]:
        """ "Secondo il ministro, ...": a source preposition before a speaker reports what
        follows (the preposition is the trigger, the speaker its actor); needs a parse."""
        if not ctx.parsed or not self.sources:
            return []
        out = []
        for tok in ctx.doc:
            if tok.i in taken or tok.dep_ != L.CASE or tok.head.i == tok.i:
                continue
            source = tok.head
            if tok.lower_ not in self.sources or self.lex.candidates(lemma_of(source), source.lower_):
                continue  # "secondo una dichiarazione": the source is the mention itself
            for type_, words in self.sources[tok.lower_]:
                if words_of(source) & words or (source.ent_type_ and ENTITY_PREFIX + source.ent_type_ in words):
                    out.append(Trigger(tok.i, tok.i + 1, tok.i, type_, NOUN, tok.lower_))
                    break
        return out

    def _charged(self, ctx: DocContext, tok: Token) -> bool:
        """An offence named in a charge is no event: "indaga per omicidio plurimo e
        attentato alla sicurezza", "accusato di omicidio" (through coordination, bare nouns)."""
        cues = self.lex.cues
        if self._charged_surface(tok):
            return True
        first = tok
        for _ in range(MAX_CONJUNCTS):
            if first.dep_ not in (L.CONJ, L.AMOD) or first.head.i == first.i:
                break
            first = first.head  # "per omicidio plurimo e attentato": conjunct of the adjective
        if prep_of(ctx, first) not in cues.charge_prepositions or first.head.i == first.i:
            return False
        # an offence is named bare ("per omicidio"); "per l'attentato di ieri" is an event
        if any(
            c.dep_ == L.DET or (c.dep_ == L.CASE and c.lower_ not in cues.charge_prepositions) for c in first.children
        ):
            return False
        return bool(words_of(first.head) & cues.charge_words)

    def _charged_surface(self, tok: Token) -> bool:
        """The same read off the words when the parse is broken: a charge word, a bare
        charge preposition, at most CHARGE_MODIFIERS modifiers, the offence ("accusato di
        tentato omicidio")."""
        cues = self.lex.cues
        doc = tok.doc
        i = tok.i - 1
        for _ in range(CHARGE_MODIFIERS):
            if i > 0 and doc[i].lower_ not in cues.charge_prepositions and doc[i].pos_ in ("ADJ", "VERB"):
                i -= 1
        return i > 0 and doc[i].lower_ in cues.charge_prepositions and bool(words_of(doc[i - 1]) & cues.charge_words)

    def _retyped(self, ctx: DocContext, tok: Token, type_: str) -> str:
        """Another type when a dependent says so ("ritirarsi dall'Ecowas": leaving an
        organisation, not a troop withdrawal); needs a parse."""
        if not ctx.parsed:
            return type_
        for other, (preps, words) in self.lex.types[type_].retype.items():
            for child in tok.children:
                if prep_of(ctx, child) not in preps:
                    continue
                if words_of(child) & words or (child.ent_type_ and ENTITY_PREFIX + child.ent_type_ in words):
                    return other
        return type_

    def _choose(self, tok: Token, entries: list[Entry]) -> Entry:
        with_context = [e for e in entries if e.lemma in self.lex.types[e.type].context]
        pool = with_context or entries
        # The surface form is more reliable than a lookup lemma ("manifestanti" ->
        # "manifestare"): prefer entries matched on the form.
        by_form = [e for e in pool if e in self.lex.form_index.get(tok.lower_, ())]
        return min(by_form or pool, key=lambda e: self.type_order[e.type])


def _inside_name(tok: Token) -> bool:
    return bool(tok.ent_type_) and tok.ent_type_ not in NOT_NAME_ENTS


def _context_ok(ctx: DocContext, tok: Token, words: Set[str], near_only: bool = False) -> bool:
    doc = ctx.doc
    if not ctx.parsed and near_only:  # "ritiro della concessione": the next content words
        near = list(doc[tok.i + 1 : min(len(doc), tok.i + 1 + NOT_CONTEXT_WINDOW)])
    elif ctx.parsed:
        near = list(tok.children) + [g for c in tok.children for g in c.children]
        if tok.dep_ in (L.ACL, L.AMOD, L.ACL_RELCL):
            near.append(tok.head)
    else:
        sent = ctx.sentence(tok)
        near = [t for t in sent if t.i != tok.i and abs(t.i - tok.i) <= WINDOW]
    for other in near:
        if words_of(other) & words:
            return True
        if other.ent_type_ and ENTITY_PREFIX + other.ent_type_ in words:
            return True
    return False


def _headline_tokens(ctx: DocContext) -> set[int]:
    """Tokens of lines written in Title Case or ALL CAPS ("Gli Stati Uniti Ritireranno Le
    Truppe", "ARRESTATO IL LEADER"): nearly every longer word outside the names is
    capitalised. There a capital says nothing about names and the tagger guesses."""
    doc = ctx.doc
    out: set[int] = set()
    sents = doc.sents if doc.has_annotation("SENT_START") else [doc[:]]
    for sent in sents:
        letters = [t for t in sent if t.is_alpha and len(t) > 1]
        words = [t for t in letters if len(t) >= HEADLINE_WORD and not _inside_name(t)]
        capitalised = sum(t.is_title or t.is_upper for t in words)
        all_caps = len(letters) >= HEADLINE_MIN_WORDS and all(t.is_upper for t in letters)
        if all_caps or (len(words) >= HEADLINE_MIN_WORDS and capitalised >= HEADLINE_SHARE * len(words)):
            out.update(range(sent.start, sent.end))
    return out
