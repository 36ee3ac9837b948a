"""Argument filling: the actor and the target of each trigger.

With a parse, from UD relations: the type's ``args`` paths first, then the defaults
(nsubj or obl:agent, inherited through xcomp/ccomp/conj and object control; obj or
nsubj:pass), the support verb of a nominal trigger ("hanno firmato un accordo"), and
repairs for frequent parser errors. Without a parse, the nearest entity before the
trigger is the actor and the nearest one after it the target.
"""

from __future__ import annotations

from collections.abc import Iterable, Set

from spacy.tokens import Span, Token

from . import labels as L
from .attachment import flat_places, place_of
from .context import DocContext, Draft, Trigger
from .lexicon import ENTITY_PREFIX, NOUN, VERB, ArgPath, EventLexicon, TypeSpec
from .record import Argument
from .ud import (
    MAX_DEPTH,
    clause_tokens,
    has_marker,
    is_passive,
    is_verbal,
    lemma_of,
    looks_nominal,
    np_span,
    prep_of,
    relative_antecedent,
    words_of,
)

#: how far after a nominal trigger's support participle an agent is looked for
AGENT_WINDOW = 20
OBJECT_CONTROL = "object"
_DEFAULT_TARGET = (ArgPath(((L.OBJ, None),), None), ArgPath(((L.NSUBJ_PASS, None),), None))


class ArgumentFinder:
    """Actor and target of triggers, with one lexicon; keeps no per-Doc state."""

    def __init__(self, lex: EventLexicon) -> None:
        self.lex = lex

    def find(self, ctx: DocContext, trig: Trigger) -> Draft:
        return self._parsed(ctx, trig) if ctx.parsed else self._flat(ctx, trig)

    # ---------------------------------------------------------------- with a parse
    def _parsed(self, ctx: DocContext, trig: Trigger) -> Draft:
        doc, by_head = ctx.doc, ctx.by_head
        spec = self.lex.types[trig.type]
        head = doc[trig.head]
        inside = set(range(trig.start, trig.end))
        verbal = trig.pos == VERB
        kind = VERB if verbal else NOUN
        if trig.lemma in spec.source_prepositions:  # "secondo il ministro": the source speaks
            draft = Draft(actor_tok=head.head)
            draft.actor = ctx.arg(*np_span(ctx, head.head, ctx.avoid | inside))
            return draft
        support = None if verbal else self._support_verb(ctx, head)
        actor_paths, target_paths = spec.args.get("actor", ()), spec.args.get("target", ())
        theme = self.lex.theme_path
        if not verbal and trig.lemma in spec.theme_nouns and theme is not None:
            # "il ritiro delle truppe", "il rovesciamento del presidente": the di-complement
            # is what is withdrawn or overthrown; who does it comes from a support verb.
            actor_paths = tuple(p for p in actor_paths if p.steps != theme.steps)
            target_paths = (theme, *target_paths)
        # Actor.
        actor_tok = self._follow(ctx, head, actor_paths, kind, inside)
        if actor_tok is None:
            if verbal:
                actor_tok = self._verb_actor(ctx, head)
            elif support is not None:
                actor_tok = self._verb_actor(ctx, support)
        # Target.
        target_tok = self._follow(
            ctx, head, target_paths, kind, inside | ({actor_tok.i} if actor_tok is not None else set())
        )
        if target_tok is None and verbal and not spec.args.get("target"):
            target_tok = self._follow(ctx, head, _DEFAULT_TARGET, VERB, inside)
        if target_tok is None and verbal and is_passive(ctx, head):
            # The patient of a passive labelled plain nsubj: "l'ambasciata è stata chiusa".
            target_tok = next((c for c in head.children if c.dep_ == L.NSUBJ and c.i not in ctx.avoid), None)
            target_tok = self._resolve_pronoun(ctx, target_tok) if target_tok is not None else None
        if target_tok is None and verbal and not is_passive(ctx, head):
            # An object the parser made a clause: "ha chiuso la sua ambasciata"/xcomp.
            target_tok = next(
                (
                    c
                    for c in head.children
                    if c.i > head.i
                    and c.dep_ in L.CLAUSAL | {L.CONJ}
                    and looks_nominal(c)
                    and c.i not in ctx.avoid
                    and (actor_tok is None or c.i != actor_tok.i)
                ),
                None,
            )
        if target_tok is None and support is not None:
            exclude = inside | {head.i} | ({actor_tok.i} if actor_tok is not None else set())
            target_tok = self._follow(
                ctx,
                support,
                [p for p in spec.args.get("target", ()) if p.only == VERB and p.steps[0][0] != L.OBJ],
                VERB,
                exclude,
            )
        if not verbal and actor_tok is not None and actor_tok.i in by_head and target_tok is None:
            # "l'annuncio del ritiro": an event in the "di" slot is the theme, not the doer.
            target_tok, actor_tok = actor_tok, None
            if support is not None:
                actor_tok = self._verb_actor(ctx, support)
        draft = Draft(support=support)
        if actor_tok is None and not verbal:
            draft.actor = self._surface_agent(ctx, trig)
        if target_tok is not None and self._fronted_place(ctx, target_tok, head):
            target_tok = None  # "a Niamey, migliaia di manifestanti hanno chiesto": where, not whom
        actor_tok, target_tok = self._frame(ctx, spec, trig, head, actor_tok, target_tok, target_paths)
        if actor_tok is not None:
            actor_tok, counted = _counted(ctx, actor_tok, inside)
            draft.actor_tok = actor_tok
            span = counted or _plural_subject(ctx, actor_tok) or np_span(ctx, actor_tok, ctx.avoid | inside)
            draft.actor = ctx.arg(*span)
        if target_tok is not None and (actor_tok is None or target_tok.i != actor_tok.i):
            target_tok, counted = _counted(ctx, target_tok, inside)
            draft.target_tok = target_tok
            draft.target = ctx.arg(*(counted or np_span(ctx, target_tok, ctx.avoid | inside)))
        draft.zones = self._zones(ctx, trig, support)
        draft.place = place_of(ctx, trig, draft)
        return draft

    def _frame(
        self,
        ctx: DocContext,
        spec: TypeSpec,
        trig: Trigger,
        head: Token,
        actor_tok: Token | None,
        target_tok: Token | None,
        target_paths: tuple[ArgPath, ...],
    ) -> tuple[Token | None, Token | None]:
        """The type's frame over what the parse gave (``event_types.json``)."""
        verbal = trig.pos == VERB
        subjects = {c.i for c in head.children if c.dep_ in L.SUBJECTS}
        other = ctx.by_head.get(actor_tok.i) if actor_tok is not None else None
        if other is not None and other.type == trig.type and other is not trig and other.lemma not in spec.agent_nouns:
            actor_tok = None  # "il colpo di stato, che ha rovesciato il presidente": an event does not act
        if verbal and trig.lemma in spec.instrument_subject:
            # "due camion imbottiti di esplosivo sono esplosi": the bomb does not attack
            actor_tok = None if actor_tok is not None and actor_tok.i in subjects else actor_tok
            target_tok = None if target_tok is not None and target_tok.i in subjects else target_tok
        if (
            spec.inverted_subject
            and verbal
            and target_tok is not None
            and target_tok.i > head.i
            and (
                _speaker(ctx, target_tok, spec.inverted_subject)
                and target_tok.i not in ctx.by_head  # "annunciato il ritiro di ...": an event, no speaker
                and (actor_tok is None or not _speaker(ctx, actor_tok, spec.inverted_subject))
            )
        ):
            # "«...», ha dichiarato il presidente della Fondazione Mansi": the speaker
            actor_tok, target_tok = target_tok, None
        bare_participle = (
            spec.transitive
            and verbal
            and "Part" in head.morph.get("VerbForm", [])
            and not any(c.dep_ in (L.AUX, L.AUX_PASS, L.COP) for c in head.children)
        )
        patient = None
        if bare_participle and actor_tok is not None and actor_tok.i in subjects and actor_tok.i < head.i:
            patient = actor_tok  # a headline: "Mario Rossi arrestato a Roma dai carabinieri"
        elif bare_participle and head.dep_ == L.ACL and head.head.pos_ in ("NOUN", "PROPN"):
            patient = head.head  # a reduced relative: "il boss arrestato dai carabinieri"
        if patient is not None and (target_tok is None or target_tok.i == patient.i):
            target_tok = patient
            actor_tok = next(
                (
                    c
                    for c in head.children
                    if c.dep_ in (L.OBL, L.OBL_AGENT) and prep_of(ctx, c) in self.lex.cues.agent_prepositions
                ),
                None,
            )
        if spec.target_from_paths_only and target_tok is not None:
            found = self._follow(ctx, head, target_paths, VERB if verbal else NOUN, set())
            target_tok = target_tok if found is not None and found.i == target_tok.i else None
        return actor_tok, target_tok

    def _fronted_place(self, ctx: DocContext, tok: Token, head: Token) -> bool:
        """A place name before its verb, introduced by a place preposition, is where the
        event happens: addressees and recipients follow the verb."""
        ent = ctx.entity_of(tok)
        return (
            ent is not None
            and ent.label_ in L.ENTITY_PLACE_LABELS
            and tok.i < head.i
            and tok.dep_ == L.OBL
            and prep_of(ctx, tok) in self.lex.cues.place_prepositions
        )

    @staticmethod
    def _zones(ctx: DocContext, trig: Trigger, support: Token | None) -> list[set[int]]:
        """Clause zones, nearest first: the trigger's own clause/phrase, then the support
        verb's clause or the clause of the verb the noun depends on; minus the phrases of
        other nominal triggers."""
        doc, by_head = ctx.doc, ctx.by_head
        head = doc[trig.head]
        verbal = trig.pos == VERB
        zones = [clause_tokens(ctx, head)]
        if not verbal:  # "il colpo di stato avvenuto nel maggio 2014"
            for child in head.children:
                if child.dep_ in (L.ACL, L.ACL_RELCL) and ctx.linked(child, head):
                    zones[0] = zones[0] | clause_tokens(ctx, child)
        if support is not None:
            zones.append(clause_tokens(ctx, support) - zones[0])
        elif (
            not verbal
            and head.head.i != head.i
            and head.dep_ in (L.OBJ, L.NSUBJ, L.NSUBJ_PASS, L.OBL)
            and head.head.i not in by_head
        ):
            zones.append(clause_tokens(ctx, head.head, stop={head.i}))
        others = {t.head for t in by_head.values() if t.head != trig.head}
        cleaned = []
        for zone in zones:
            blocked: set[int] = set()
            for i in zone & others:
                if by_head[i].pos == NOUN:
                    blocked |= {t.i for t in doc[i].subtree}
            cleaned.append(zone - blocked)
        return cleaned

    def _surface_agent(self, ctx: DocContext, trig: Trigger) -> Argument | None:
        """ "una dichiarazione congiunta diffusa ieri ... dal Pentagono e dal ministero della
        Difesa": a participle of a support verb right after a nominal trigger, then an
        agent "da" + entity, read off the surface when the parse is broken."""
        doc = ctx.doc
        support_verbs = self.lex.cues.support_verbs
        words = self.lex.words
        sent = ctx.sentence(doc[trig.head])
        i = trig.end
        while i < sent.end and doc[i].pos_ == "ADJ" and not words_of(doc[i]) & support_verbs:
            i += 1
        if i >= sent.end or not words_of(doc[i]) & support_verbs:
            return None
        first = last = None
        for j in range(i + 1, min(sent.end, i + AGENT_WINDOW)):
            tok = doc[j]
            if tok.pos_ in ("VERB", "AUX") and first is None:
                return None
            ent = ctx.entity_of(tok)
            prev = doc[j - 1].lower_
            if (
                ent is not None
                and ent.start == j
                and words.base_prep(prev) in self.lex.cues.agent_prepositions
                and ent.label_ not in L.ENTITY_PLACE_LABELS
                and j - 1 not in ctx.avoid
            ):
                if first is None:
                    first = last = ent
                elif last is not None and doc[last.end].lower_ in words.coordinators and last.end + 2 == ent.start:
                    last = ent
                else:
                    break
        if first is None or last is None:
            return None
        labels = {first.label_, last.label_}
        return ctx.arg(first.start_char, last.end_char, labels.pop() if len(labels) == 1 else None)

    def _follow(
        self, ctx: DocContext, tok: Token, paths: Iterable[ArgPath], kind: str, exclude: Set[int]
    ) -> Token | None:
        for path in paths:
            if path.only and path.only != kind:
                continue
            found = self._walk(ctx, tok, path.steps, exclude)
            if found is not None:
                return found
        return None

    def _walk(
        self, ctx: DocContext, tok: Token, steps: tuple[tuple[str, str | None], ...], exclude: Set[int]
    ) -> Token | None:
        cur = tok
        for dep, prep in steps:
            nxt = None
            for child in cur.children:
                if child.i in exclude or child.i in ctx.avoid or child.dep_ != dep or not ctx.linked(child, cur):
                    continue
                if prep is not None and prep_of(ctx, child) != prep:
                    continue
                if dep == L.NMOD and prep is None:
                    continue
                nxt = child
                break
            if nxt is None:
                return None
            cur = nxt
        return self._resolve_pronoun(ctx, cur)

    def _resolve_pronoun(self, ctx: DocContext, tok: Token) -> Token | None:
        """Relative pronouns resolve to their antecedent; other pronouns are no argument.
        Decided on the form: the tagger sometimes calls a noun PRON ("delle truppe")."""
        if tok.lower_ in self.lex.words.relatives:
            return relative_antecedent(ctx, tok)
        if tok.lower_ in self.lex.words.non_arguments:
            return None
        return tok

    def _support_verb(self, ctx: DocContext, noun: Token) -> Token | None:
        """The verb that "carries" a nominal trigger: "raggiunto un accordo", "accordo firmato"."""
        sup = self.lex.cues.support_verbs
        head = noun.head
        if (
            head.i != noun.i
            and ctx.linked(head, noun)
            and words_of(head) & sup
            and (
                noun.dep_ in (L.OBJ, L.NSUBJ_PASS)
                or (noun.dep_ == L.NSUBJ and is_passive(ctx, head))
                or (noun.dep_ == L.OBL and not any(c.dep_ in L.SUBJECTS for c in head.children))
            )
        ):
            return head
        for child in noun.children:
            if child.dep_ in (L.ACL, L.ACL_RELCL, L.AMOD) and words_of(child) & sup:
                return child
        return None

    def _verb_actor(self, ctx: DocContext, verb: Token, depth: int = 0) -> Token | None:
        if depth > MAX_DEPTH:
            return None
        cues = self.lex.cues
        avoid = ctx.avoid
        passive = is_passive(ctx, verb)
        for child in verb.children:
            if child.dep_ == L.NSUBJ and not passive:
                if child.i in avoid:  # "Il mese successivo migliaia di ..." misparsed
                    found = next(
                        (
                            c
                            for c in child.children
                            if c.i not in avoid
                            and c.pos_ in ("NOUN", "PROPN")
                            and c.dep_ in (L.AMOD, L.NMOD, L.APPOS, L.CONJ, L.NUMMOD)
                        ),
                        None,
                    )
                    if found is None:
                        continue
                    child = found
                resolved = self._resolve_pronoun(ctx, child)
                if resolved is not None:
                    return resolved
        for child in verb.children:
            if child.dep_ == L.OBL_AGENT:
                return child
        if not passive:  # "i soldati sono partiti" mislabelled nsubj:pass
            for child in verb.children:
                if child.dep_ == L.NSUBJ_PASS and child.i not in avoid:
                    return self._resolve_pronoun(ctx, child)
        if passive:  # agent labelled plain obl: "raggiunto ... dal ministro"
            for child in verb.children:
                if child.dep_ == L.OBL and prep_of(ctx, child) in cues.agent_prepositions and child.i not in avoid:
                    return child
            for i in sorted(clause_tokens(ctx, verb)):  # ... or attached to the wrong word
                tok = verb.doc[i]
                if (
                    i > verb.i
                    and tok.pos_ in ("NOUN", "PROPN")
                    and prep_of(ctx, tok) in cues.agent_prepositions
                    and i not in avoid
                    and tok.ent_type_ not in L.ENTITY_PLACE_LABELS
                ):
                    return tok
        if any(c.dep_ in L.SUBJECTS for c in verb.children):
            return None  # passive without agent, or clausal subject
        gov = verb.head
        if (
            verb.dep_ in (L.ACL_RELCL, L.APPOS, L.CONJ)
            and gov.i < verb.i
            and gov.pos_ in ("NOUN", "PROPN")
            and any(c.dep_ == L.AUX for c in verb.children)
            and not any(c.lower_ in self.lex.words.relatives for c in verb.children)
        ):
            # "La giunta del Niger, come altri paesi ..., ha interrotto": a finite verb
            # without relative pronoun is no relative clause, its "antecedent" the subject.
            return gov
        if gov.i == verb.i or not ctx.linked(gov, verb):
            return self._preverbal_entity(ctx, verb) or self._coordinated_subject(ctx, verb)
        if verb.dep_ in L.CONTROL or (
            verb.dep_ == L.ADVCL and has_marker(verb, cues.infinitive_markers | cues.purpose_markers)
        ):
            if verb.dep_ in L.CONTROL and self._object_control(ctx, gov):
                for dep, preps in ((L.IOBJ, None), (L.OBL, cues.addressee_prepositions), (L.OBJ, None)):
                    for child in gov.children:
                        if child.dep_ == dep and (preps is None or prep_of(ctx, child) in preps):
                            return child
            return self._verb_actor(ctx, gov, depth + 1)
        if verb.dep_ == L.CONJ and is_verbal(gov):
            return self._verb_actor(ctx, gov, depth + 1)
        if verb.dep_ == L.ACL and has_marker(verb, cues.infinitive_markers):
            while gov.pos_ == "ADJ" and gov.dep_ == L.AMOD and gov.head.i != gov.i:
                gov = gov.head  # attached to "francesi" in "truppe francesi"
            return gov  # "chiesto alle truppe di lasciare il paese": the noun does it
        return self._preverbal_entity(ctx, verb) or self._coordinated_subject(ctx, verb)

    def _coordinated_subject(self, ctx: DocContext, verb: Token) -> Token | None:
        """ "X hanno annunciato ... e già a settembre avevano formato ...": a verb without
        subject after a conjunction shares the subject of the nearest finite verb before it
        in the sentence (when the parser did not link the two)."""
        doc = verb.doc
        sent = ctx.sentence(verb)
        coordinators = self.lex.words.coordinators
        saw_coord = False
        for i in range(verb.i - 1, sent.start - 1, -1):
            tok = doc[i]
            if tok.lower_ in coordinators and tok.pos_ in ("CCONJ", ""):
                saw_coord = True
            infinitive = "Inf" in tok.morph.get("VerbForm", []) or tok.lower_.endswith(
                self.lex.inflector.infinitive_endings
            )
            if (
                saw_coord
                and tok.pos_ == "VERB"
                and not infinitive
                and any(c.dep_ in (L.NSUBJ, L.AUX) for c in tok.children)
            ):
                for child in tok.children:
                    if child.dep_ == L.NSUBJ and child.i not in ctx.avoid:
                        return self._resolve_pronoun(ctx, child)
                found = self._preverbal_entity(ctx, tok)
                if found is not None:
                    return found
        return None

    def _preverbal_entity(self, ctx: DocContext, verb: Token) -> Token | None:
        """No subject in the parse: an entity right before the verb group
        ("Ad aprile Mosca ha fornito", "Burkina Faso, Mali e Niger hanno annunciato")."""
        doc = verb.doc
        words = self.lex.words
        i = verb.i - 1
        while i >= 0 and (doc[i].pos_ in ("AUX", "PART") or doc[i].lower_ in words.preverbal):
            i -= 1
        if i < 0 or i in ctx.avoid:
            return None
        ent: Span | None = ctx.entity_of(doc[i])
        if ent is None:
            if doc[i].pos_ != "PROPN":
                return None
            start = i
            while start > 0 and doc[start - 1].pos_ == "PROPN" and start - 1 not in ctx.avoid:
                start -= 1
            ent = doc[start : i + 1]  # a name the NER missed
        if ent.end != i + 1:
            return None
        before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
        if before in words.prep_base and before not in words.articles:
            return None  # "a Washington hanno ..." is not a subject
        return ent.root

    def _object_control(self, ctx: DocContext, gov: Token) -> bool:
        if lemma_of(gov) in self.lex.cues.object_control:
            return True
        trig = ctx.by_head.get(gov.i)
        return trig is not None and self.lex.types[trig.type].control == OBJECT_CONTROL

    # ---------------------------------------------------------------- without a parse
    def _flat(self, ctx: DocContext, trig: Trigger) -> Draft:
        doc = ctx.doc
        words = self.lex.words
        sent = ctx.sentence(doc[trig.head])
        draft = Draft(zones=[set(range(sent.start, sent.end))])
        ents = [e for e in doc.ents if sent.start <= e.start and e.end <= sent.end]

        def prep_before(ent: Span) -> str:
            return doc[ent.start - 1].lower_ if ent.start > sent.start else ""

        places = flat_places(ctx, ents, sent)
        before = [e for e in ents if e.end <= trig.start and e not in places and prep_before(e) not in words.prep_base]
        after = [
            e
            for e in ents
            if e.start >= trig.end
            and e not in places
            and words.base_prep(prep_before(e)) not in self.lex.cues.not_target_prepositions
        ]
        if before:
            e = before[-1]
            draft.actor = ctx.arg(e.start_char, e.end_char, e.label_)
        if after:
            e = after[0]
            draft.target = ctx.arg(e.start_char, e.end_char, e.label_)
        if places:
            e = min(places, key=lambda e: abs(e.start - trig.head))
            draft.place = ctx.arg(e.start_char, e.end_char, e.label_)
        return draft


def _plural_subject(ctx: DocContext, subject: Token) -> tuple[int, int, str | None] | None:
    """The whole subject when a singular head governs a plural verb: the parser made the
    second conjunct an apposition ("il primo ministro del Niger, Ali Lamine Zeine, e il
    vice segretario di Stato, Kurt Campbell, hanno raggiunto"). The verb agrees with the
    coordination, so the subject is its full subtree."""
    if subject.dep_ != L.NSUBJ or "Sing" not in subject.morph.get("Number", []):
        return None
    verb = subject.head
    finite = [verb, *(c for c in verb.children if c.dep_ in (L.AUX, L.AUX_PASS))]
    if not any("Plur" in t.morph.get("Number", []) and t.morph.get("VerbForm", []) == ["Fin"] for t in finite):
        return None
    if not any(c.dep_ in (L.APPOS, L.CONJ) for c in subject.children):
        return None
    doc = subject.doc
    lo, hi = subject.left_edge.i, subject.right_edge.i
    while hi > lo and (doc[hi].is_punct or doc[hi].i in ctx.avoid):
        hi -= 1
    while lo < hi and (doc[lo].lower_ in ctx.lex.words.articles or doc[lo].is_punct):
        lo += 1
    if any(i in ctx.avoid for i in range(lo, hi + 1)):
        return None
    return doc[lo].idx, doc[hi].idx + len(doc[hi]), None


def _speaker(ctx: DocContext, tok: Token, words: Set[str]) -> bool:
    """``tok``'s phrase names someone who can speak: its head is one of ``words`` or an
    entity of a label they list ("il governatore", "il presidente della Fondazione Mansi")."""
    if words_of(tok) & words:
        return True
    return any(t.ent_type_ and ENTITY_PREFIX + t.ent_type_ in words for t in tok.subtree)


def _counted(ctx: DocContext, tok: Token, inside: Set[int]) -> tuple[Token, tuple[int, int, str | None] | None]:
    """A possessive or a number the parser made the head ("le proprie truppe", "gli ultimi
    1.500 soldati francesi") stands for the noun after it: that noun and its adjectives."""
    doc = tok.doc
    if not (tok.lower_ in ctx.lex.words.possessives or tok.pos_ == "NUM" or tok.like_num):
        return tok, None
    j = tok.i + 1
    if j >= len(doc) or not doc[j].is_alpha or j in inside or j in ctx.avoid or doc[j].is_sent_start:
        return tok, None
    if doc[j].lower_ in ctx.lex.words.prep_base or doc[j].lower_ in ctx.lex.words.non_arguments:
        return tok, None
    hi = j
    while hi + 1 < len(doc) and doc[hi + 1].pos_ == "ADJ" and hi + 1 not in inside:
        hi += 1
    return doc[j], (doc[j].idx, doc[hi].idx + len(doc[hi]), None)
