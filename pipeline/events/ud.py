"""Helpers over a Universal Dependencies parse: clauses, noun phrases, prepositions, voice.

Pure functions of the tokens and the per-Doc :class:`~pipeline.events.context.DocContext`
(which knows the paragraphs and the Italian function words); they decide nothing about
events.
"""

from __future__ import annotations

from collections.abc import Set

from spacy.tokens import Doc, Span, Token

from . import labels as L
from .context import DocContext

MAX_CLIMB = 40  # enough for any sentence; guards against a cyclic parse
MAX_DEPTH = 6  # how many governing clauses an argument or a date is inherited through


def lemma_of(tok: Token) -> str:
    return (tok.lemma_ or tok.lower_).lower()


def words_of(tok: Token) -> set[str]:
    """The lowercase form and the lemma: what data words are compared with."""
    return {tok.lower_, lemma_of(tok)}


def prep_of(ctx: DocContext, tok: Token) -> str | None:
    """The preposition introducing ``tok`` ("dal Niger" -> "da"; "da parte di" ->
    "da_parte_di"), or None."""
    words = ctx.lex.words
    for child in tok.children:
        if child.dep_ == L.CASE or (
            child.dep_ == L.DET and child.lower_ in words.prep_base and child.lower_ not in words.articles
        ):
            fixed = [c.lower_ for c in child.children if c.dep_ == L.FIXED]
            if fixed:
                name = words.complex_preps.get((child.lower_, fixed[0]))
                if name is not None:
                    return name
            return words.prep_base.get(child.lower_, child.lower_)
    return None


def is_verbal(tok: Token) -> bool:
    if tok.pos_ in L.VERB_POS:
        return True
    return any(c.dep_ in L.SUBJECTS | {L.AUX, L.AUX_PASS, L.COP} for c in tok.children)


def is_passive(ctx: DocContext, verb: Token) -> bool:
    """An auxiliary of the passive (or passive morphology), not just a nsubj:pass label;
    "è stato raggiunto" also when both auxiliaries are labelled plain aux."""
    if any(c.dep_.startswith(L.EXPL) for c in verb.children) and any(c.dep_ == L.NSUBJ for c in verb.children):
        return False  # a reflexive verb with its subject: "si sono ritirati dall'Ecowas"
    if any(c.dep_ in (L.AUX_PASS, L.OBL_AGENT) for c in verb.children):
        return True
    if "Pass" in verb.morph.get("Voice", []):
        return True
    participles = ctx.lex.words.passive_participles
    return any(c.lower_ in participles and c.dep_ == L.AUX for c in verb.children)


def has_marker(tok: Token, markers: Set[str]) -> bool:
    """``tok`` is introduced by one of ``markers`` ("di lasciare")."""
    return any(c.dep_ == L.MARK and c.lower_ in markers for c in tok.children)


def relative_antecedent(ctx: DocContext, tok: Token) -> Token | None:
    """For "che" subject of a relative clause, the noun the clause modifies.

    If the parser did not build the relative clause, the antecedent is the highest
    nominal ending just before ", che" ("il colpo di stato del 26 luglio 2023, che ...").
    """
    if tok.lower_ not in ctx.lex.words.relatives or tok.pos_ not in ("PRON", ""):
        return None
    clause = tok.head
    if clause.dep_ == L.ACL_RELCL and ctx.linked(clause, clause.head):
        return clause.head
    doc = tok.doc
    i = tok.i - 1
    while i >= 0 and doc[i].is_punct:
        i -= 1
    if i < 0 or doc[i].pos_ not in L.NOUN_POS:
        return None
    cand = doc[i]
    while (
        cand.head.i != cand.i
        and cand.head.i < tok.i
        and cand.head.pos_ in L.NOUN_POS
        and cand.dep_ in (L.NMOD, L.FLAT, L.FLAT_NAME, L.NUMMOD, L.AMOD, L.COMPOUND, L.CONJ)
    ):
        cand = cand.head
    return cand


def governor(ctx: DocContext, tok: Token) -> tuple[Token | None, str | None]:
    """The predicate an event is embedded under, and how: "chiesto di ritirare" (xcomp),
    "chiedere la partenza" (obj), "per chiedere" (advcl), and "chiesto alle truppe di
    lasciare" where the infinitive hangs on the addressee (acl, counted as xcomp)."""
    gov, dep = tok.head, tok.dep_
    if gov.i == tok.i or not ctx.linked(gov, tok):
        return None, None
    if dep == L.ACL and has_marker(tok, ctx.lex.cues.infinitive_markers):
        while gov.pos_ == "ADJ" and gov.dep_ == L.AMOD and gov.head.i != gov.i:
            gov = gov.head
        if gov.head.i == gov.i:
            return None, None
        return gov.head, L.XCOMP
    if dep in L.CONTROL | {L.OBJ, L.ADVCL}:
        return gov, dep
    return None, None


def predicate(ctx: DocContext, tok: Token) -> Token | None:
    """The nearest verbal ancestor of ``tok`` (itself included) in its paragraph."""
    for _ in range(MAX_CLIMB):
        if is_verbal(tok) and tok.pos_ != "NUM":
            return tok
        if tok.head.i == tok.i or not ctx.linked(tok.head, tok):
            return None
        tok = tok.head
    return None


def looks_nominal(tok: Token) -> bool:
    """A noun the tagger took for a verb ("le loro truppe"/VERB): an article, no auxiliary."""
    deps = {c.dep_ for c in tok.children}
    return any(c.dep_.startswith(L.DET) and c.i < tok.i for c in tok.children) and not deps & {
        L.AUX,
        L.AUX_PASS,
        L.MARK,
        L.COP,
        L.NSUBJ,
    }


def clause_tokens(ctx: DocContext, pred: Token, stop: Set[int] = frozenset()) -> set[int]:
    """Token indices of ``pred``'s clause: its subtree minus embedded clauses."""
    seen = {pred.i}
    stack = [pred]
    while stack:
        tok = stack.pop()
        for child in tok.children:
            if child.i in seen or child.i in stop or not ctx.linked(child, pred):
                continue
            if child.dep_ in L.CLAUSAL and not looks_nominal(child):
                continue
            if child.dep_ == L.CONJ and is_verbal(child):
                continue
            seen.add(child.i)
            stack.append(child)
    return seen


def comma_before(tok: Token, doc: Doc) -> bool:
    left = tok.left_edge.i
    return left > 0 and doc[left - 1].is_punct


# ----------------------------------------------------------------------------- noun phrases


def np_span(ctx: DocContext, tok: Token, avoid: Set[int] = frozenset()) -> tuple[int, int, str | None]:
    """Expand ``tok`` to its entity or noun phrase: (start_char, end_char, entity label).

    Tokens in ``avoid`` (dates, the trigger) are cut off: a misattached "Il 16 marzo 2024"
    does not become part of the actor. A coordination of entities ("Burkina Faso, Mali e
    Niger") is kept whole even when the parser attached it badly.
    """
    doc = ctx.doc
    ent = ctx.entity_of(tok)
    conjuncts = [c for c in tok.children if c.dep_ == L.CONJ and not is_verbal(c) and c.i not in avoid]
    # A lowercase "name" is a common noun the NER took for one ("giunta militare"): the
    # name of its owner belongs to the phrase ("giunta militare del Niger").
    owned = (
        ent is not None
        and ent.text[:1].islower()
        and any(
            c.i >= ent.end and c.dep_ == L.NMOD and prep_of(ctx, c) in ctx.lex.cues.owner_prepositions
            for c in tok.children
        )
    )
    if ent is not None and not conjuncts and not owned:
        chain = _entity_chain(ctx, ent, avoid)
        if chain is not None:
            return chain
        lo, hi = _trim(ctx, ent.start, ent.end - 1, tok.i, avoid)
        return doc[lo].idx, doc[hi].idx + len(doc[hi]), ent.label_
    kept = {tok.i}
    stack = [(tok, True)]
    while stack:
        cur, at_root = stack.pop()
        for child in cur.children:
            dep = child.dep_
            if child.i in avoid or not ctx.linked(child, tok):
                continue
            if dep in L.CLAUSAL or (dep == L.CONJ and is_verbal(child)):
                continue
            if dep != L.CONJ and child.i > tok.i and comma_before(child, doc):
                continue  # non-restrictive: "I senatori, non eletti ma nominati, ..."
            if at_root and dep == L.ADVMOD:
                continue
            if at_root and dep in L.NP_EXCLUDE and not (dep in (L.CC, L.PUNCT, L.CASE) and cur.dep_ == L.CONJ):
                continue
            if cur is tok and dep in (L.CC, L.PUNCT) and cur.dep_ != L.CONJ:
                continue
            kept.add(child.i)
            stack.append((child, dep == L.CONJ))
    lo = hi = tok.i
    while lo - 1 in kept:
        lo -= 1
    while hi + 1 in kept:
        hi += 1
    lo, hi = _trim(ctx, lo, hi, tok.i, avoid)
    trailing = _trailing_name(ctx, hi, avoid)
    if trailing is not None:
        hi = trailing.end - 1
    span = doc[lo : hi + 1]
    label = None
    if ent is not None and not conjuncts:
        label = ent.label_
    elif conjuncts:
        labels = [_head_label(ctx, t) for t in [tok] + conjuncts]
        if trailing is not None and labels[-1] is None:
            labels[-1] = trailing.label_
        if len(set(labels)) == 1:
            label = labels[0]
    else:
        label = _head_label(ctx, tok)
    return span.start_char, span.end_char, label


def _trailing_name(ctx: DocContext, hi: int, avoid: Set[int]) -> Span | None:
    """ "dal vicesegretario di Stato americano Kurt Campbell": a title's name the parser
    attached elsewhere. A person's name (after adjectives) right after the phrase, closing
    the clause."""
    doc = ctx.doc
    i = hi + 1
    while i < len(doc) and doc[i].pos_ == "ADJ" and not doc[i].ent_type_:
        i += 1
    if i >= len(doc) or i in avoid or doc[i].ent_type_ != "PER" or doc[i].ent_iob_ != "B":
        return None
    ent = ctx.entity_of(doc[i])
    if ent is None or any(ctx.linked(doc[hi], t) is False for t in ent):
        return None
    if ent.end < len(doc) and not (doc[ent.end].is_punct or doc[ent.end].is_space):
        return None
    return ent


def _head_label(ctx: DocContext, tok: Token) -> str | None:
    """Entity label of a phrase head: its own, or that of a name attached without a
    preposition ("il presidente Mohamed Bazoum" -> PER)."""
    ent = ctx.entity_of(tok)
    if ent is not None:
        return ent.label_
    for child in tok.children:
        child_ent = ctx.entity_of(child)
        if (
            child_ent is not None
            and child.dep_ in (L.NMOD, L.APPOS, L.FLAT, L.FLAT_NAME, L.COMPOUND)
            and prep_of(ctx, child) is None
            and not comma_before(child, ctx.doc)
        ):
            return child_ent.label_
    return None


def _trim(ctx: DocContext, lo: int, hi: int, keep: int, avoid: Set[int]) -> tuple[int, int]:
    """Shrink [lo, hi] around ``keep`` to leave out avoided tokens, then edge punctuation,
    prepositions and conjunctions."""
    doc = ctx.doc
    for i in range(keep, lo - 1, -1):
        if i in avoid:
            lo = i + 1
            break
    for i in range(keep, hi + 1):
        if i in avoid:
            hi = i - 1
            break
    preps = ctx.lex.words.prep_base
    while lo < hi and lo != keep and (doc[lo].is_punct or doc[lo].dep_ in (L.CASE, L.CC) or doc[lo].lower_ in preps):
        lo += 1
    while hi > lo and hi != keep and (doc[hi].is_punct or doc[hi].dep_ == L.CC):
        hi -= 1
    return lo, hi


LIST_SEPARATOR = ","


def _entity_chain(ctx: DocContext, ent: Span, avoid: Set[int]) -> tuple[int, int, str | None] | None:
    """ "Burkina Faso, Mali e Niger": entities joined by commas and a final conjunction."""
    doc = ctx.doc
    coordinators = ctx.lex.words.coordinators
    joints = coordinators | {LIST_SEPARATOR}
    ents = sorted(doc.ents, key=lambda e: e.start)
    pos = next(k for k, e in enumerate(ents) if e.start == ent.start)
    first = last = pos
    while first > 0 and ents[first - 1].end == ents[first].start - 1 and doc[ents[first].start - 1].lower_ in joints:
        first -= 1
    while last + 1 < len(ents) and ents[last + 1].start == ents[last].end + 1 and doc[ents[last].end].lower_ in joints:
        last += 1
    if first == last:
        return None
    seps = [doc[ents[k].end].lower_ for k in range(first, last)]
    if seps[-1] not in coordinators or any(sep in coordinators for sep in seps[:-1]):
        return None
    members = ents[first : last + 1]
    if any(i in avoid for e in members for i in range(e.start, e.end)):
        return None
    labels = {e.label_ for e in members}
    return members[0].start_char, members[-1].end_char, labels.pop() if len(labels) == 1 else None
