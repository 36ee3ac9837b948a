"""Event rules: trigger matching, arguments from the parse, polarity and modality.

Two modes, chosen per Doc:

- **with a parse** (``doc.has_annotation("DEP")``): arguments come from UD relations
  (nsubj, obl:agent, obj, iobj, obl/nmod with their prepositions, xcomp/ccomp control,
  conj), places and dates from the trigger's clause, quantities from number spans inside
  the trigger's phrase or its participants.
- **without a parse** (blank pipeline): triggers are still matched on lemma or lowercase
  form; the actor is the nearest entity before the trigger in the sentence, the target the
  nearest one after it, the place a LOC entity after a place preposition, the date and the
  quantity the nearest date/number spans in the sentence; negation and modality come from a
  few words before or after the trigger.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from spacy.tokens import Doc, Span, Token

from . import labels as L
from .lexicon import ArgPath, Entry, EventLexicon, TypeSpec
from .record import Argument, Event

MAX_DEPTH = 6
# Date spans usable as an event's date (durations and sets are not "when").
DATE_TYPES = {"DATE", "TIME", None}
NUMBER_KINDS_SKIPPED = {"ordinal"}
WINDOW = 6
RELATIVE_PRONOUNS = {"che", "cui", "quale", "quali"}
PRONOUNS = {"io", "tu", "lui", "lei", "noi", "voi", "loro", "egli", "ella", "esso", "essa",
            "essi", "esse", "lo", "la", "li", "le", "gli", "ne", "ci", "vi", "si", "mi", "ti",
            "questo", "questa", "questi", "queste", "quello", "quella", "quelli", "quelle",
            "ciò", "chi", "tutti", "tutto", "alcuni", "molti", "altri", "uno", "una", "sé"}
COPULAS = {"essere", "rimanere", "restare", "sembrare", "apparire", "parere", "risultare"}
CONDITIONAL_ENDINGS = ("rebbe", "rebbero")
POTERE_FORMS = {"potrebbe", "potrebbero", "può", "possono", "potrà", "potranno", "potere"}


@dataclass
class Trigger:
    start: int  # token offsets of the trigger words
    end: int
    head: int   # the token whose arguments are read
    type: str
    pos: str    # "verb" | "noun"
    lemma: str


# ----------------------------------------------------------------------------- helpers

PARAGRAPHS = "it_events.paragraphs"


def _paragraphs(doc: Doc) -> list[int]:
    """Paragraph number of each token (a whitespace token with a newline starts one).
    Cached in ``doc.user_data`` while the component runs."""
    cached = doc.user_data.get(PARAGRAPHS)
    if cached is None or len(cached) != len(doc):
        cached, n = [], 0
        for tok in doc:
            if tok.is_space and "\n" in tok.text:
                n += 1
            cached.append(n)
        doc.user_data[PARAGRAPHS] = cached
    return cached


def linked(a: Token, b: Token) -> bool:
    """The parser links words across a paragraph break ("...Niamey.\n\nA gennaio"):
    such arcs are not followed."""
    para = _paragraphs(a.doc)
    return para[a.i] == para[b.i]


def _lemma(tok: Token) -> str:
    return (tok.lemma_ or tok.lower_).lower()


def _words(tok: Token) -> set[str]:
    return {tok.lower_, _lemma(tok)}


def prep_of(tok: Token) -> str | None:
    """The preposition introducing ``tok`` ("dal Niger" -> "da"), or None."""
    for child in tok.children:
        if child.dep_ == L.CASE or (child.dep_ == L.DET and child.lower_ in L.PREP_BASE
                                    and child.lower_ not in L.ARTICLES):
            fixed = [c.lower_ for c in child.children if c.dep_ == L.FIXED]
            if child.lower_ == "da" and fixed[:1] == ["parte"]:
                return "da_parte_di"
            return L.PREP_BASE.get(child.lower_, child.lower_)
    return None


def is_verbal(tok: Token) -> bool:
    if tok.pos_ in L.VERB_POS:
        return True
    return any(c.dep_ in L.SUBJECTS | {L.AUX, L.AUX_PASS, L.COP} for c in tok.children)


def _relative_antecedent(tok: Token) -> Token | None:
    """For "che" subject of a relative clause, the noun the clause modifies.

    If the parser did not build the relative clause, the antecedent is the highest
    nominal ending just before ", che" ("il colpo di stato del 26 luglio 2023, che ...").
    """
    if tok.lower_ not in RELATIVE_PRONOUNS or tok.pos_ not in ("PRON", ""):
        return None
    clause = tok.head
    if clause.dep_ == L.ACL_RELCL and linked(clause, clause.head):
        return clause.head
    doc = tok.doc
    i = tok.i - 1
    while i >= 0 and doc[i].is_punct:
        i -= 1
    if i < 0 or doc[i].pos_ not in L.NOUN_POS:
        return None
    cand = doc[i]
    while cand.head.i != cand.i and cand.head.i < tok.i and cand.head.pos_ in L.NOUN_POS \
            and cand.dep_ in (L.NMOD, L.FLAT, L.FLAT_NAME, L.NUMMOD, L.AMOD, L.COMPOUND, L.CONJ):
        cand = cand.head
    return cand


def _is_passive(verb: Token) -> bool:
    """An auxiliary of the passive (or passive morphology), not just a nsubj:pass label;
    "è stato raggiunto" also when both auxiliaries are labelled plain aux."""
    if any(c.dep_ in (L.AUX_PASS, L.OBL_AGENT) for c in verb.children):
        return True
    if "Pass" in verb.morph.get("Voice"):
        return True
    return any(c.lower_ in ("stato", "stata", "stati", "state") and c.dep_ == L.AUX
               for c in verb.children)


def governor(tok: Token) -> tuple[Token | None, str | None]:
    """The predicate an event is embedded under, and how: "chiesto di ritirare" (xcomp),
    "chiedere la partenza" (obj), "per chiedere" (advcl), and "chiesto alle truppe di
    lasciare" where the infinitive hangs on the addressee (acl, counted as xcomp)."""
    gov, dep = tok.head, tok.dep_
    if gov.i == tok.i or not linked(gov, tok):
        return None, None
    if dep == L.ACL and any(c.dep_ == L.MARK and c.lower_ in ("di", "a") for c in tok.children):
        while gov.pos_ == "ADJ" and gov.dep_ == L.AMOD and gov.head.i != gov.i:
            gov = gov.head
        if gov.head.i == gov.i:
            return None, None
        return gov.head, L.XCOMP
    if dep in L.CONTROL | {L.OBJ, L.ADVCL}:
        return gov, dep
    return None, None


def looks_nominal(tok: Token) -> bool:
    """A noun the tagger took for a verb ("le loro truppe"/VERB): an article, no auxiliary."""
    deps = {c.dep_ for c in tok.children}
    return (any(c.dep_.startswith(L.DET) and c.i < tok.i for c in tok.children)
            and not deps & {L.AUX, L.AUX_PASS, L.MARK, L.COP, L.NSUBJ})


def clause_tokens(pred: Token, stop: set[int] = frozenset()) -> set[int]:
    """Token indices of ``pred``'s clause: its subtree minus embedded clauses."""
    seen = {pred.i}
    stack = [pred]
    while stack:
        tok = stack.pop()
        for child in tok.children:
            if child.i in seen or child.i in stop or not linked(child, pred):
                continue
            if child.dep_ in L.CLAUSAL and not looks_nominal(child):
                continue
            if child.dep_ == L.CONJ and is_verbal(child):
                continue
            seen.add(child.i)
            stack.append(child)
    return seen


def np_span(tok: Token, doc: Doc, avoid: set[int] = frozenset()) -> tuple[int, int, str | None]:
    """Expand ``tok`` to its entity or noun phrase: (start_char, end_char, entity label).

    Tokens in ``avoid`` (dates, the trigger) are cut off: a misattached "Il 16 marzo 2024"
    does not become part of the actor. A coordination of entities ("Burkina Faso, Mali e
    Niger") is kept whole even when the parser attached it badly.
    """
    ent = _entity_of(tok, doc)
    conjuncts = [c for c in tok.children if c.dep_ == L.CONJ and not is_verbal(c)
                 and c.i not in avoid]
    if ent is not None and not conjuncts:
        chain = _entity_chain(ent, doc, avoid)
        if chain is not None:
            return chain
        lo, hi = _trim(doc, ent.start, ent.end - 1, tok.i, avoid)
        return doc[lo].idx, doc[hi].idx + len(doc[hi]), ent.label_
    kept = {tok.i}
    stack = [(tok, True)]
    while stack:
        cur, at_root = stack.pop()
        for child in cur.children:
            dep = child.dep_
            if child.i in avoid or not linked(child, tok):
                continue
            if dep in L.CLAUSAL or (dep == L.CONJ and is_verbal(child)):
                continue
            if dep != L.CONJ and child.i > tok.i and _comma_before(child, doc):
                continue  # non-restrictive: "I senatori, non eletti ma nominati, ..."
            if at_root and dep == L.ADVMOD:
                continue
            if at_root and dep in L.NP_EXCLUDE:
                if not (dep in (L.CC, L.PUNCT, L.CASE) and cur.dep_ == L.CONJ):
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
    lo, hi = _trim(doc, lo, hi, tok.i, avoid)
    trailing = _trailing_name(doc, hi, avoid)
    if trailing is not None:
        hi = trailing.end - 1
    span = doc[lo:hi + 1]
    label = None
    if ent is not None and not conjuncts:
        label = ent.label_
    elif conjuncts:
        labels = [_head_label(t, doc) for t in [tok] + conjuncts]
        if trailing is not None and labels[-1] is None:
            labels[-1] = trailing.label_
        if len(set(labels)) == 1:
            label = labels[0]
    else:
        label = _head_label(tok, doc)
    return span.start_char, span.end_char, label


def _trailing_name(doc: Doc, hi: int, avoid) -> Span | None:
    """"dal vicesegretario di Stato americano Kurt Campbell": a title's name the parser
    attached elsewhere. A person's name (after adjectives) right after the phrase, closing
    the clause."""
    i = hi + 1
    while i < len(doc) and doc[i].pos_ == "ADJ" and not doc[i].ent_type_:
        i += 1
    if i >= len(doc) or i in avoid or doc[i].ent_type_ != "PER" or doc[i].ent_iob_ != "B":
        return None
    ent = _entity_of(doc[i], doc)
    if ent is None or any(linked(doc[hi], t) is False for t in ent):
        return None
    if ent.end < len(doc) and not (doc[ent.end].is_punct or doc[ent.end].is_space):
        return None
    return ent


def _head_label(tok: Token, doc: Doc) -> str | None:
    """Entity label of a phrase head: its own, or that of a name attached without a
    preposition ("il presidente Mohamed Bazoum" -> PER)."""
    ent = _entity_of(tok, doc)
    if ent is not None:
        return ent.label_
    for child in tok.children:
        child_ent = _entity_of(child, doc)
        if (child_ent is not None and child.dep_ in (L.NMOD, L.APPOS, L.FLAT, L.FLAT_NAME,
                                                      L.COMPOUND)
                and prep_of(child) is None and not _comma_before(child, doc)):
            return child_ent.label_
    return None


def _trim(doc: Doc, lo: int, hi: int, keep: int, avoid) -> tuple[int, int]:
    """Shrink [lo, hi] around ``keep`` to leave out avoided tokens, then edge punctuation,
    prepositions and conjunctions."""
    for i in range(keep, lo - 1, -1):
        if i in avoid:
            lo = i + 1
            break
    for i in range(keep, hi + 1):
        if i in avoid:
            hi = i - 1
            break
    while lo < hi and lo != keep and (doc[lo].is_punct or doc[lo].dep_ in (L.CASE, L.CC)
                                      or doc[lo].lower_ in L.PREP_BASE):
        lo += 1
    while hi > lo and hi != keep and (doc[hi].is_punct or doc[hi].dep_ == L.CC):
        hi -= 1
    return lo, hi


COORD = {",", "e", "ed"}


def _entity_chain(ent: Span, doc: Doc, avoid) -> tuple[int, int, str | None] | None:
    """"Burkina Faso, Mali e Niger": entities joined by commas and a final "e"."""
    ents = sorted(doc.ents, key=lambda e: e.start)
    pos = next(k for k, e in enumerate(ents) if e.start == ent.start)
    first = last = pos
    while first > 0 and ents[first - 1].end == ents[first].start - 1 \
            and doc[ents[first].start - 1].lower_ in COORD:
        first -= 1
    while last + 1 < len(ents) and ents[last + 1].start == ents[last].end + 1 \
            and doc[ents[last].end].lower_ in COORD:
        last += 1
    if first == last:
        return None
    seps = [doc[ents[k].end].lower_ for k in range(first, last)]
    if seps[-1] not in ("e", "ed") or any(sep in ("e", "ed") for sep in seps[:-1]):
        return None
    members = ents[first:last + 1]
    if any(i in avoid for e in members for i in range(e.start, e.end)):
        return None
    labels = {e.label_ for e in members}
    return members[0].start_char, members[-1].end_char, labels.pop() if len(labels) == 1 else None


def _comma_before(tok: Token, doc: Doc) -> bool:
    left = tok.left_edge.i
    return left > 0 and doc[left - 1].is_punct


def _entity_of(tok: Token, doc: Doc) -> Span | None:
    if not tok.ent_type_:
        return None
    for ent in doc.ents:
        if ent.start <= tok.i < ent.end:
            return ent
    return None


def _arg(doc: Doc, start: int, end: int, label=None, value=None) -> Argument:
    return Argument(_doc_text(doc)[start:end], start, end, label, value)


def _doc_text(doc: Doc) -> str:
    """``doc.text`` joins every token on each call: build it once per Doc."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


_TEXT_KEY = "it_events.text"


def _sentence(doc: Doc, tok: Token) -> Span:
    """The sentence of ``tok``, cut at paragraph breaks (a headline without a full stop
    is not part of the first sentence)."""
    sent = tok.sent if (doc.has_annotation("SENT_START") or doc.has_annotation("DEP")) else doc[:]
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


def _usable_date(span: Span) -> bool:
    """A date span that can say when an event happened: a value, DATE/TIME type, not a
    vague reference ("recentemente" = PAST_REF)."""
    record = span._.date_value
    value = getattr(record, "value", None)
    if value is None or str(value).endswith("_REF"):
        return False
    return getattr(record, "type", None) in DATE_TYPES


def _dedupe_spans(spans: Iterable[Span]) -> list[Span]:
    """Drop spans contained in a longer one ("2024" inside "16 marzo 2024")."""
    spans = sorted(spans, key=lambda s: (-(s.end - s.start), s.start))
    kept: list[Span] = []
    for span in spans:
        if not any(k.start <= span.start and span.end <= k.end for k in kept):
            kept.append(span)
    return sorted(kept, key=lambda s: s.start)


# ----------------------------------------------------------------------------- extractor

class EventRules:
    """Stateless rules over one lexicon; ``extract(doc)`` returns (span, Event) pairs."""

    def __init__(self, lexicon: EventLexicon):
        self.lex = lexicon
        # Phrases indexed by the words their first slot accepts: a token is only tried
        # against the phrases that can start with it.
        self._phrases_by_first: dict[str, list] = {}
        for phrase in lexicon.phrases:
            for word in phrase.slots[0]:
                self._phrases_by_first.setdefault(word, []).append(phrase)
        # Per-Doc scratch, set by ``extract``: token indices that are never arguments
        # (inside date spans).
        self._avoid: set[int] = set()

    # ---------------------------------------------------------------- triggers
    def find_triggers(self, doc: Doc) -> list[Trigger]:
        parsed = doc.has_annotation("DEP")
        found: list[Trigger] = []
        taken: set[int] = set()
        for phrase_trigger in self._phrase_triggers(doc):
            if not taken & set(range(phrase_trigger.start, phrase_trigger.end)):
                found.append(phrase_trigger)
                taken.update(range(phrase_trigger.start, phrase_trigger.end))
        for tok in doc:
            if tok.i in taken or tok.is_punct or tok.is_space:
                continue
            entries = self.lex.candidates(_lemma(tok), tok.lower_)
            plausible = [e for e in entries if self._plausible(tok, e, doc, parsed)]
            if not plausible and tok.pos_ in ("NOUN", "VERB", "ADJ"):
                # The tagger disagrees ("interrotto"/NOUN): trust the form, not the tag.
                by_form = [e for e in entries if e in self.lex.form_index.get(tok.lower_, ())]
                plausible = [e for e in by_form if self._plausible(tok, e, doc, parsed, check_pos=False)]
            entries = plausible
            if not entries:
                continue
            entry = self._choose(tok, entries, doc, parsed)
            if entry is None:
                continue
            found.append(Trigger(tok.i, tok.i + 1, tok.i, entry.type, entry.pos, entry.lemma))
        return sorted(found, key=lambda t: t.start)

    def _phrase_triggers(self, doc: Doc) -> list[Trigger]:
        out = []
        for tok in doc:
            candidates = {id(p): p for w in _words(tok) for p in self._phrases_by_first.get(w, ())}
            for phrase in candidates.values():
                n = len(phrase.slots)
                if tok.i + n > len(doc):
                    continue
                if all(_words(doc[tok.i + k]) & phrase.slots[k] for k in range(n)):
                    if self._inside_name(doc[tok.i], doc):
                        continue
                    out.append(Trigger(tok.i, tok.i + n, tok.i, phrase.type, phrase.pos,
                                       phrase.text))
        out.sort(key=lambda t: (t.start, -(t.end - t.start)))
        return out

    @staticmethod
    def _inside_name(tok: Token, doc: Doc) -> bool:
        return bool(tok.ent_type_) and tok.ent_type_ not in ("DATE", "NUM")

    def _plausible(self, tok: Token, entry: Entry, doc: Doc, parsed: bool,
                   check_pos: bool = True) -> bool:
        if self._inside_name(tok, doc):
            return False
        if tok.pos_ and check_pos:
            if entry.pos == "verb" and tok.pos_ not in L.VERB_POS | {"ADJ"}:
                return False
            if entry.pos == "noun" and tok.pos_ not in L.NOUN_POS:
                return False
            if entry.pos == "noun" and tok.pos_ == "PROPN":
                return False
        if tok.is_title and not tok.is_sent_start and tok.i > 0 and not (
                doc[tok.i - 1].is_punct or doc[tok.i - 1].is_space):
            return False  # "l'Alleanza degli Stati del Sahel", "della Giustizia": a name
        if entry.pos == "noun":
            if parsed and tok.dep_ == L.APPOS:
                return False
        spec = self.lex.types[entry.type]
        if entry.lemma in spec.not_context and self._context_ok(
                tok, spec.not_context[entry.lemma], doc, parsed, near_only=True):
            return False
        if entry.lemma in spec.context:
            return self._context_ok(tok, spec.context[entry.lemma], doc, parsed)
        return True

    def _choose(self, tok, entries, doc, parsed) -> Entry | None:
        order = list(self.lex.types)
        with_context = [e for e in entries if e.lemma in self.lex.types[e.type].context]
        pool = with_context or entries
        # The surface form is more reliable than a lookup lemma ("manifestanti" ->
        # "manifestare"): prefer entries matched on the form.
        by_form = [e for e in pool if e in self.lex.form_index.get(tok.lower_, ())]
        return min(by_form or pool, key=lambda e: order.index(e.type))

    @staticmethod
    def _context_ok(tok: Token, words: frozenset[str], doc: Doc, parsed: bool,
                    near_only: bool = False) -> bool:
        if not parsed and near_only:  # "ritiro della concessione": the next content words
            near = [t for t in doc[tok.i + 1:min(len(doc), tok.i + 4)]]
        elif parsed:
            near = list(tok.children) + [g for c in tok.children for g in c.children]
            if tok.dep_ in (L.ACL, L.AMOD, L.ACL_RELCL):
                near.append(tok.head)
        else:
            sent = _sentence(doc, tok)
            near = [t for t in sent if t.i != tok.i and abs(t.i - tok.i) <= WINDOW]
        for other in near:
            if _words(other) & words:
                return True
            if other.ent_type_ and f"ent:{other.ent_type_}" in words:
                return True
        return False

    # ---------------------------------------------------------------- events
    def extract(self, doc: Doc) -> list[tuple[Span, Event]]:
        triggers = self.find_triggers(doc)
        parsed = doc.has_annotation("DEP")
        by_head = {t.head: t for t in triggers}
        dates = _dedupe_spans(s for s in doc.spans.get("dates", []) if _usable_date(s))
        date_tokens = {i for s in dates for i in range(s.start, s.end)}
        numbers = [s for s in _dedupe_spans(doc.spans.get("numbers", []))
                   if not date_tokens & set(range(s.start, s.end))
                   and getattr(s._.num_value, "kind", None) not in NUMBER_KINDS_SKIPPED]
        # Dates are never actors or targets ("Ad aprile" is not a recipient).
        self._avoid = date_tokens
        drafts = []
        for trig in triggers:
            if parsed:
                draft = self._arguments_parsed(doc, trig, by_head)
            else:
                draft = self._arguments_flat(doc, trig)
            drafts.append(draft)
        self._attach_dates(doc, triggers, drafts, dates, parsed)
        for trig, draft in zip(triggers, drafts):
            draft["quantity"] = self._quantity(doc, trig, draft, numbers, parsed)
        results = []
        for trig, draft in zip(triggers, drafts):
            if self._suppressed(trig, triggers, drafts, parsed) or self._apposition(doc, trig, drafts):
                continue
            spec = self.lex.types[trig.type]
            span = doc[trig.start:trig.end]
            event = Event(
                type=trig.type, trigger=span.text,
                cameo=self._cameo(doc, trig, spec, by_head, parsed, triggers),
                actor=draft.get("actor"), target=draft.get("target"), place=draft.get("place"),
                date=draft.get("date"), quantity=draft.get("quantity"),
                negated=self._negated(doc, trig, draft, parsed),
                modality=self._modality(doc, trig, draft, by_head, parsed),
            )
            results.append((span, event))
        doc.user_data.pop(PARAGRAPHS, None)
        return results

    # ---------------------------------------------------------------- parsed arguments
    def _arguments_parsed(self, doc: Doc, trig: Trigger, by_head) -> dict:
        spec = self.lex.types[trig.type]
        head = doc[trig.head]
        inside = set(range(trig.start, trig.end))
        verbal = trig.pos == "verb"
        support = None if verbal else self._support_verb(head)
        actor_tok = target_tok = None
        # Actor.
        actor_tok = self._follow(head, spec.args.get("actor", ()), "verb" if verbal else "noun", inside)
        if actor_tok is None:
            if verbal:
                actor_tok = self._verb_actor(head, by_head)
            elif support is not None:
                actor_tok = self._verb_actor(support, by_head)
        # Target.
        target_tok = self._follow(head, spec.args.get("target", ()), "verb" if verbal else "noun",
                                  inside | ({actor_tok.i} if actor_tok is not None else set()))
        if target_tok is None and verbal and not spec.args.get("target"):
            target_tok = self._follow(head, _DEFAULT_TARGET, "verb", inside)
        if target_tok is None and verbal and _is_passive(head):
            # The patient of a passive labelled plain nsubj: "l'ambasciata è stata chiusa".
            target_tok = next((c for c in head.children if c.dep_ == L.NSUBJ
                               and c.i not in self._avoid), None)
            target_tok = self._resolve_pronoun(target_tok) if target_tok is not None else None
        if target_tok is None and verbal and not _is_passive(head):
            # An object the parser made a clause: "ha chiuso la sua ambasciata"/xcomp.
            target_tok = next((c for c in head.children if c.i > head.i and c.dep_ in L.CLAUSAL
                               | {L.CONJ} and looks_nominal(c) and c.i not in self._avoid
                               and (actor_tok is None or c.i != actor_tok.i)), None)
        if target_tok is None and support is not None:
            exclude = inside | {head.i} | ({actor_tok.i} if actor_tok is not None else set())
            target_tok = self._follow(support, [p for p in spec.args.get("target", ())
                                                if p.only == "verb" and p.steps[0][0] != L.OBJ],
                                      "verb", exclude)
        if (not verbal and actor_tok is not None and actor_tok.i in by_head
                and target_tok is None):
            # "l'annuncio del ritiro": an event in the "di" slot is the theme, not the doer.
            target_tok, actor_tok = actor_tok, None
            if support is not None:
                actor_tok = self._verb_actor(support, by_head)
        draft = {"support": support}
        if actor_tok is None and not verbal:
            agent = self._surface_agent(doc, trig)
            if agent is not None:
                draft["actor"] = agent
        if actor_tok is not None:
            draft["actor_tok"] = actor_tok
            draft["actor"] = _arg(doc, *np_span(actor_tok, doc, self._avoid | inside))
        if target_tok is not None and (actor_tok is None or target_tok.i != actor_tok.i):
            draft["target_tok"] = target_tok
            draft["target"] = _arg(doc, *np_span(target_tok, doc, self._avoid | inside))
        # Clause zones, nearest first: the trigger's own clause/phrase, then the support verb's
        # clause or the clause of the verb the noun depends on.
        zones = [clause_tokens(head)]
        if not verbal:  # "il colpo di stato avvenuto nel maggio 2014"
            for child in head.children:
                if child.dep_ in (L.ACL, L.ACL_RELCL) and linked(child, head):
                    zones[0] = zones[0] | clause_tokens(child)
        if support is not None:
            zones.append(clause_tokens(support) - zones[0])
        elif not verbal and head.head.i != head.i and head.dep_ in (L.OBJ, L.NSUBJ, L.NSUBJ_PASS, L.OBL) \
                and head.head.i not in by_head:
            zones.append(clause_tokens(head.head, stop={head.i}))
        others = {t.head for t in by_head.values() if t.head != trig.head}
        cleaned = []
        for zone in zones:
            blocked = set()
            for i in zone & others:
                if by_head[i].pos == "noun":
                    blocked |= {t.i for t in doc[i].subtree}
            cleaned.append(zone - blocked)
        draft["zones"] = cleaned
        draft["place"] = self._place(doc, trig, draft, cleaned)
        return draft

    def _surface_agent(self, doc: Doc, trig: Trigger) -> Argument | None:
        """"una dichiarazione congiunta diffusa ieri ... dal Pentagono e dal ministero della
        Difesa": a participle of a support verb right after a nominal trigger, then an
        agent "da" + entity, read off the surface when the parse is broken."""
        sent = _sentence(doc, doc[trig.head])
        i = trig.end
        while i < sent.end and doc[i].pos_ == "ADJ" and not _words(doc[i]) & self.lex.cues["support_verbs"]:
            i += 1
        if i >= sent.end or not _words(doc[i]) & self.lex.cues["support_verbs"]:
            return None
        first = last = None
        for j in range(i + 1, min(sent.end, i + 20)):
            tok = doc[j]
            if tok.pos_ in ("VERB", "AUX") and first is None:
                return None
            ent = _entity_of(tok, doc)
            prev = doc[j - 1].lower_
            if ent is not None and ent.start == j and L.PREP_BASE.get(prev) == "da" and \
                    ent.label_ not in L.ENTITY_PLACE_LABELS and j - 1 not in self._avoid:
                if first is None:
                    first = last = ent
                elif doc[last.end].lower_ in ("e", "ed") and last.end + 2 == ent.start:
                    last = ent
                else:
                    break
        if first is None:
            return None
        labels = {first.label_, last.label_}
        return _arg(doc, first.start_char, last.end_char, labels.pop() if len(labels) == 1 else None)

    def _follow(self, tok: Token, paths, kind: str, exclude: set[int]) -> Token | None:
        for path in paths:
            if path.only and path.only != kind:
                continue
            found = self._walk(tok, path.steps, exclude)
            if found is not None:
                return found
        return None

    def _walk(self, tok: Token, steps, exclude) -> Token | None:
        cur = tok
        for dep, prep in steps:
            nxt = None
            for child in cur.children:
                if (child.i in exclude or child.i in self._avoid or child.dep_ != dep
                        or not linked(child, cur)):
                    continue
                if prep is not None and prep_of(child) != prep:
                    continue
                if dep == L.NMOD and prep is None:
                    continue
                nxt = child
                break
            if nxt is None:
                return None
            cur = nxt
        return self._resolve_pronoun(cur)

    @staticmethod
    def _resolve_pronoun(tok: Token) -> Token | None:
        """Relative pronouns resolve to their antecedent; other pronouns are no argument.
        Decided on the form: the tagger sometimes calls a noun PRON ("delle truppe")."""
        if tok.lower_ in RELATIVE_PRONOUNS:
            return _relative_antecedent(tok)
        if tok.lower_ in PRONOUNS:
            return None
        return tok

    def _support_verb(self, noun: Token) -> Token | None:
        """The verb that "carries" a nominal trigger: "raggiunto un accordo", "accordo firmato"."""
        sup = self.lex.cues["support_verbs"]
        head = noun.head
        if head.i != noun.i and linked(head, noun) and _words(head) & sup and (
                noun.dep_ in (L.OBJ, L.NSUBJ_PASS)
                or (noun.dep_ == L.NSUBJ and _is_passive(head))
                or (noun.dep_ == L.OBL and not any(c.dep_ in L.SUBJECTS for c in head.children))):
            return head
        for child in noun.children:
            if child.dep_ in (L.ACL, L.ACL_RELCL, L.AMOD) and _words(child) & sup:
                return child
        return None

    def _verb_actor(self, verb: Token, by_head, depth: int = 0) -> Token | None:
        if depth > MAX_DEPTH:
            return None
        passive = _is_passive(verb)
        for child in verb.children:
            if child.dep_ == L.NSUBJ and not passive:
                if child.i in self._avoid:  # "Il mese successivo migliaia di ..." misparsed
                    child = next((c for c in child.children if c.i not in self._avoid
                                  and c.pos_ in ("NOUN", "PROPN")
                                  and c.dep_ in (L.AMOD, L.NMOD, L.APPOS, L.CONJ, L.NUMMOD)), None)
                    if child is None:
                        continue
                resolved = self._resolve_pronoun(child)
                if resolved is not None:
                    return resolved
        for child in verb.children:
            if child.dep_ == L.OBL_AGENT:
                return child
        if not _is_passive(verb):  # "i soldati sono partiti" mislabelled nsubj:pass
            for child in verb.children:
                if child.dep_ == L.NSUBJ_PASS and child.i not in self._avoid:
                    return self._resolve_pronoun(child)
        if _is_passive(verb):  # agent labelled plain obl: "raggiunto ... dal ministro"
            for child in verb.children:
                if child.dep_ == L.OBL and prep_of(child) == "da" and child.i not in self._avoid:
                    return child
            for i in sorted(clause_tokens(verb)):  # ... or attached to the wrong word
                tok = verb.doc[i]
                if (i > verb.i and tok.pos_ in ("NOUN", "PROPN") and prep_of(tok) == "da"
                        and i not in self._avoid and tok.ent_type_ not in L.ENTITY_PLACE_LABELS):
                    return tok
        if any(c.dep_ in L.SUBJECTS for c in verb.children):
            return None  # passive without agent, or clausal subject
        gov = verb.head
        if gov.i == verb.i or not linked(gov, verb):
            return self._preverbal_entity(verb) or self._coordinated_subject(verb, by_head, depth)
        if verb.dep_ in L.CONTROL or (verb.dep_ == L.ADVCL and any(
                c.dep_ == L.MARK and c.lower_ in ("per", "di", "a") for c in verb.children)):
            if verb.dep_ in L.CONTROL and self._object_control(gov, by_head):
                for dep, prep in ((L.IOBJ, None), (L.OBL, "a"), (L.OBJ, None)):
                    for child in gov.children:
                        if child.dep_ == dep and (prep is None or prep_of(child) == prep):
                            return child
            return self._verb_actor(gov, by_head, depth + 1)
        if verb.dep_ == L.CONJ and is_verbal(gov):
            return self._verb_actor(gov, by_head, depth + 1)
        if verb.dep_ == L.ACL and any(c.dep_ == L.MARK and c.lower_ in ("di", "a")
                                      for c in verb.children):
            while gov.pos_ == "ADJ" and gov.dep_ == L.AMOD and gov.head.i != gov.i:
                gov = gov.head  # attached to "francesi" in "truppe francesi"
            return gov  # "chiesto alle truppe di lasciare il paese": the noun does it
        return self._preverbal_entity(verb) or self._coordinated_subject(verb, by_head, depth)

    def _coordinated_subject(self, verb: Token, by_head, depth: int) -> Token | None:
        """"X hanno annunciato ... e già a settembre avevano formato ...": a verb without
        subject after "e"/"ma" shares the subject of the nearest finite verb before it in
        the sentence (when the parser did not link the two)."""
        doc = verb.doc
        sent = _sentence(doc, verb)
        saw_coord = False
        for i in range(verb.i - 1, sent.start - 1, -1):
            tok = doc[i]
            if tok.lower_ in ("e", "ed", "ma") and tok.pos_ in ("CCONJ", ""):
                saw_coord = True
            infinitive = "Inf" in tok.morph.get("VerbForm") or tok.lower_.endswith(("are", "ere", "ire"))
            if saw_coord and tok.pos_ == "VERB" and not infinitive and any(
                    c.dep_ in (L.NSUBJ, L.AUX) for c in tok.children):
                for child in tok.children:
                    if child.dep_ == L.NSUBJ and child.i not in self._avoid:
                        return self._resolve_pronoun(child)
                found = self._preverbal_entity(tok)
                if found is not None:
                    return found
        return None

    def _preverbal_entity(self, verb: Token) -> Token | None:
        """No subject in the parse: an entity right before the verb group
        ("Ad aprile Mosca ha fornito", "Burkina Faso, Mali e Niger hanno annunciato")."""
        doc = verb.doc
        i = verb.i - 1
        while i >= 0 and (doc[i].pos_ in ("AUX", "PART") or doc[i].lower_ in
                          ("non", "già", "ancora", "si", "ci", "ne", "mai", "anche")):
            i -= 1
        if i < 0 or i in self._avoid:
            return None
        ent = _entity_of(doc[i], doc)
        if ent is None:
            if doc[i].pos_ != "PROPN":
                return None
            start = i
            while start > 0 and doc[start - 1].pos_ == "PROPN" and start - 1 not in self._avoid:
                start -= 1
            ent = doc[start:i + 1]  # a name the NER missed
        if ent.end != i + 1:
            return None
        before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
        if before in L.PREP_BASE and before not in L.ARTICLES:
            return None  # "a Washington hanno ..." is not a subject
        return ent.root

    def _object_control(self, gov: Token, by_head) -> bool:
        if _lemma(gov) in self.lex.cues["object_control"]:
            return True
        trig = by_head.get(gov.i)
        return trig is not None and self.lex.types[trig.type].control == "object"

    def _place(self, doc: Doc, trig: Trigger, draft: dict, zones) -> Argument | None:
        avoid = set()
        for key in ("actor_tok", "target_tok"):
            tok = draft.get(key)
            if tok is not None:
                ent = _entity_of(tok, doc)
                avoid |= set(range(ent.start, ent.end)) if ent is not None else {tok.i}
        for zone in zones:
            best = None
            for ent in doc.ents:
                if ent.label_ not in L.ENTITY_PLACE_LABELS:
                    continue
                toks = [t for t in ent if not trig.start <= t.i < trig.end and t.i not in self._avoid]
                while toks and (toks[0].lower_ in L.PREP_BASE or toks[0].is_punct):
                    toks = toks[1:]  # "piazza a Niamey" tagged as one entity
                if not toks:
                    continue
                root = next((t for t in toks if not toks[0].i <= t.head.i <= toks[-1].i
                             or t.head.i == t.i), toks[0])
                if root.i not in zone or root.i in avoid:
                    continue
                before = doc[toks[0].i - 1].lower_ if toks[0].i > 0 else ""
                if prep_of(root) not in L.PLACE_PREPS and L.PREP_BASE.get(before) not in L.PLACE_PREPS:
                    continue
                dist = abs(root.i - trig.head)
                if best is None or dist < best[0]:
                    best = (dist, toks[0], toks[-1], ent.label_)
            if best is None:
                # A name the NER missed, after "a"/"in": "in piazza a Niamey".
                for i in sorted(zone, key=lambda i: abs(i - trig.head)):
                    tok = doc[i]
                    if (tok.pos_ == "PROPN" and not tok.ent_type_ and i not in avoid
                            and i not in self._avoid and not trig.start <= i < trig.end
                            and prep_of(tok) in (("a", "in") if _is_passive(doc[trig.head])
                                                 else ("a", "in", "da"))):
                        best = (0, tok, tok, None)
                        break
            if best is not None:
                _, first, last, label = best
                return _arg(doc, first.idx, last.idx + len(last), label)
        return None

    # ---------------------------------------------------------------- flat arguments
    def _arguments_flat(self, doc: Doc, trig: Trigger) -> dict:
        sent = _sentence(doc, doc[trig.head])
        draft: dict = {"zones": [set(range(sent.start, sent.end))]}
        ents = [e for e in doc.ents if sent.start <= e.start and e.end <= sent.end]

        def prep_before(ent):
            return doc[ent.start - 1].lower_ if ent.start > sent.start else ""

        places = [e for e in ents if e.label_ in L.ENTITY_PLACE_LABELS
                  and L.PREP_BASE.get(prep_before(e)) in L.PLACE_PREPS]
        before = [e for e in ents if e.end <= trig.start and e not in places
                  and prep_before(e) not in L.PREP_BASE]
        after = [e for e in ents if e.start >= trig.end and e not in places
                 and L.PREP_BASE.get(prep_before(e)) not in ("di", "da")]
        if before:
            e = before[-1]
            draft["actor"] = _arg(doc, e.start_char, e.end_char, e.label_)
        if after:
            e = after[0]
            draft["target"] = _arg(doc, e.start_char, e.end_char, e.label_)
        if places:
            e = min(places, key=lambda e: abs(e.start - trig.head))
            draft["place"] = _arg(doc, e.start_char, e.end_char, e.label_)
        return draft

    # ---------------------------------------------------------------- dates, quantities
    def _attach_dates(self, doc, triggers, drafts, dates, parsed) -> None:
        claimed: set[int] = set()
        for trig, draft in zip(triggers, drafts):
            if not parsed:
                continue
            for zone in draft["zones"]:
                inside = [d for d in dates if d.root.i in zone]
                if inside:
                    best = min(inside, key=lambda d: abs(d.root.i - trig.head))
                    draft["date_span"] = best
                    claimed.add(best.start)
                    break
        # An event inside another's clause ("hanno annunciato di voler lasciare") takes
        # the governing event's date.
        own = {trig.head: draft.get("date_span") for trig, draft in zip(triggers, drafts)}
        for trig, draft in zip(triggers, drafts):
            if "date_span" in draft or not parsed:
                continue
            tok = doc[trig.head]
            for _ in range(MAX_DEPTH):
                if tok.head.i == tok.i or tok.dep_ not in L.CONTROL | {L.CONJ, L.ADVCL, L.ACL}:
                    break
                tok = tok.head
                if own.get(tok.i) is not None:
                    draft["date_span"] = own[tok.i]
                    break
        # Sentence fallback: the nearest date of the sentence no other clause has claimed
        # and that does not modify another verb's clause (a date in the clause of a
        # governing verb is fine: it dates what is embedded under it).
        for trig, draft in zip(triggers, drafts):
            if "date_span" in draft:
                continue
            sent = _sentence(doc, doc[trig.head])
            pool = [d for d in dates if sent.start <= d.start and d.end <= sent.end
                    and d.start not in claimed
                    and (not parsed or self._date_reaches(doc, d, trig, draft)
                         or self._fronted(doc, d, trig, draft))]
            if pool:
                draft["date_span"] = min(pool, key=lambda d: abs(d.start - trig.head))
        for draft in drafts:
            span = draft.pop("date_span", None)
            if span is not None:
                draft["date"] = _arg(doc, span.start_char, span.end_char, "DATE",
                                     getattr(span._.date_value, "value", None))

    @staticmethod
    def _predicate(tok: Token) -> Token | None:
        """The nearest verbal ancestor of ``tok`` (itself included) in its paragraph."""
        for _ in range(40):
            if is_verbal(tok) and tok.pos_ != "NUM":
                return tok
            if tok.head.i == tok.i or not linked(tok.head, tok):
                return None
            tok = tok.head
        return None

    @staticmethod
    def _fronted(doc, date: Span, trig: Trigger, draft) -> bool:
        """"a gennaio 2024 la Francia ha chiuso": a date right before the clause's subject
        (or its verb group) belongs to it, wherever the parser attached it."""
        actor = draft.get("actor")
        starts = [trig.start]
        if actor is not None:
            span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
            starts.append(span.start)
            if span.start > 0 and doc[span.start - 1].pos_ == "DET":
                starts.append(span.start - 1)
        i = trig.start - 1
        while i >= 0 and doc[i].pos_ in ("AUX", "ADV", "PART"):
            i -= 1
        starts.append(i + 1)
        return any(date.end <= start and all(t.is_punct for t in doc[date.end:start])
                   for start in starts)

    def _date_reaches(self, doc, date: Span, trig: Trigger, draft) -> bool:
        pred_of_date = self._predicate(date.root)
        if pred_of_date is None:
            return True
        start = draft.get("support") or doc[trig.head]
        own = self._predicate(start)
        tok = own
        for _ in range(40):
            if tok is None:
                return False
            if tok.i == pred_of_date.i:
                return True  # the date's clause is this one or governs it
            if tok.head.i == tok.i or not linked(tok.head, tok):
                return False
            tok = tok.head
        return False

    def _quantity(self, doc, trig: Trigger, draft, numbers, parsed) -> Argument | None:
        if not numbers:
            return None
        head = doc[trig.head]
        regions: list[set[int]] = []
        if parsed:
            own = {c.i for c in head.children if c.dep_ in (L.NUMMOD, L.DET)}
            if trig.pos == "noun":
                own |= {t.i for t in head.subtree} & clause_tokens(head)
                if head.dep_ == L.NMOD:
                    own.add(head.head.i)  # "migliaia di manifestanti"
            regions.append(own)
            for key in ("actor", "target"):
                arg = draft.get(key)
                if arg is not None:
                    span = doc.char_span(arg.start, arg.end, alignment_mode="expand")
                    regions.append(set(range(span.start, span.end)))
            if trig.pos == "verb":
                for child in head.children:
                    if child.dep_ in (L.OBJ, L.NSUBJ_PASS):
                        regions.append(clause_tokens(child))
        else:
            sent = _sentence(doc, head)
            def close(n):
                lo, hi = (n.end, trig.start) if n.end <= trig.start else (trig.end, n.start)
                return 0 <= hi - lo <= 3 and not any(t.is_punct for t in doc[lo:hi])
            near = [n for n in numbers if sent.start <= n.start and n.end <= sent.end
                    and close(n)]
            if near:
                n = min(near, key=lambda n: abs(n.start - trig.head))
                return _arg(doc, n.start_char, n.end_char, "NUM",
                            getattr(n._.num_value, "value", None))
            return None
        for region in regions:
            hits = [n for n in numbers if set(range(n.start, n.end)) & region]
            if hits:
                n = min(hits, key=lambda n: abs(n.start - trig.head))
                return _arg(doc, n.start_char, n.end_char, "NUM",
                            getattr(n._.num_value, "value", None))
        return None

    # ---------------------------------------------------------------- polarity, modality
    def _scope(self, doc, trig, draft) -> list[Token]:
        """Tokens whose modifiers speak about the trigger: itself, its auxiliaries' host,
        the support verb."""
        toks = [doc[trig.head]]
        if draft.get("support") is not None:
            toks.append(draft["support"])
        return toks

    def _negated(self, doc, trig, draft, parsed) -> bool:
        neg = self.lex.cues["negation"]
        if not parsed:
            sent = _sentence(doc, doc[trig.head])
            window = list(doc[max(sent.start, trig.start - 5):trig.start])
            while window and any(t.is_punct for t in window):
                window.pop(0)
            return any(t.lower_ in neg for t in window)
        for tok in self._scope(doc, trig, draft):
            for child in tok.children:
                if child.lower_ in neg and child.dep_ in (L.ADVMOD, L.DET, L.MARK, L.CASE, L.CC,
                                                          "advmod:neg", L.AMOD):
                    return True
        return False

    def _modality(self, doc, trig, draft, by_head, parsed) -> str:
        cues = self.lex.cues
        head = doc[trig.head]
        if not parsed:
            sent = _sentence(doc, head)
            before = doc[max(sent.start, trig.start - 3):trig.start]
            after = []
            for t in doc[trig.end:min(sent.end, trig.end + 2 * WINDOW)]:
                if t.is_punct:
                    break
                after.append(t)
            if any(_words(t) & cues["uncertain"] for t in list(before) + after):
                return "uncertain"
            near = list(before) + list(doc[trig.end:min(sent.end, trig.end + 2)]) + [head]
            if any(_words(t) & cues["hypothetical"] for t in near):
                return "hypothetical"
            if any(t.lower_.endswith(CONDITIONAL_ENDINGS) or t.lower_ in POTERE_FORMS
                   for t in list(before) + [head]):
                return "hypothetical"
            return "asserted"
        scope = self._scope(doc, trig, draft)
        # Uncertain: a cue on the trigger, or on the predicate it is the subject of
        # ("un possibile accordo ... rimane incerto").
        related = []
        for tok in scope:
            related += list(tok.children)
            if tok.dep_ in (L.NSUBJ, L.NSUBJ_PASS) and tok.head.i != tok.i:
                related.append(tok.head)
                related += [c for c in tok.head.children if c.dep_ in (L.XCOMP, L.ADVMOD, L.AMOD)]
            if tok.dep_ in L.CONTROL and tok.head.i != tok.i:
                related.append(tok.head)
        if any(_words(t) & cues["uncertain"] for t in related):
            return "uncertain"
        if trig.pos == "noun" and self._uncertain_predicate(doc, trig):
            return "uncertain"
        for tok in scope:
            for child in tok.children:
                if _words(child) & cues["hypothetical"] and child.dep_ in (
                        L.AMOD, L.ADVMOD, L.DET, L.NMOD):
                    return "hypothetical"
                if child.dep_ in (L.AUX, L.AUX_PASS) and (
                        _lemma(child) in cues["hypothetical_aux"] or child.lower_ in POTERE_FORMS
                        or "Cnd" in child.morph.get("Mood")
                        or child.lower_.endswith(CONDITIONAL_ENDINGS)):
                    return "hypothetical"
                if child.dep_ == L.MARK and child.lower_ == "se":
                    return "hypothetical"
            if "Cnd" in tok.morph.get("Mood") or tok.lower_.endswith(CONDITIONAL_ENDINGS):
                return "hypothetical"
        # Embedded under a governor that does not assert it: "chiesto di ritirare",
        # "chiedere la partenza", "minaccia di ritirare", "potrebbe ritirare" (potere as head).
        gov, dep = governor(head)
        if gov is not None:
            if _lemma(gov) in cues["hypothetical_governors"] | cues["hypothetical_aux"]:
                return "hypothetical"
            gov_trig = by_head.get(gov.i)
            if gov_trig is not None:
                embedded = self.lex.types[gov_trig.type].embedded_modality
                if embedded and dep in L.CONTROL | {L.OBJ}:
                    return embedded
        return "asserted"

    def _uncertain_predicate(self, doc, trig) -> bool:
        """"un possibile accordo con il Benin ... rimane incerto": the first verb after a
        nominal trigger is a copula-like verb followed by an uncertainty word."""
        sent = _sentence(doc, doc[trig.head])
        for i in range(trig.end, sent.end):
            tok = doc[i]
            if tok.pos_ in ("VERB", "AUX"):
                if _lemma(tok) not in COPULAS:
                    return False
                nxt = doc[i + 1:min(sent.end, i + 3)]
                return any(_words(t) & self.lex.cues["uncertain"] for t in nxt)
            if tok.is_punct and tok.text in (".", ";", ":"):
                return False
        return False

    # ---------------------------------------------------------------- cameo, suppression
    def _cameo(self, doc, trig, spec: TypeSpec, by_head, parsed, triggers) -> str | None:
        if not spec.cameo_if_embedded:
            return spec.cameo
        head = doc[trig.head]
        if parsed:
            embedded = [by_head[c.i] for c in head.children if c.i in by_head
                        and c.dep_ in L.CONTROL | {L.OBJ, L.NMOD, L.IOBJ, L.OBL}]
            embedded += [t for t in triggers
                         if (governor(doc[t.head])[0] or doc[t.head]).i == head.i and t.head != head.i]
        else:
            embedded = [t for t in triggers if 0 < t.start - trig.end <= 8
                        and _sentence(doc, doc[t.head]).start == _sentence(doc, head).start]
        for other in embedded:
            if other.type in spec.cameo_if_embedded:
                return spec.cameo_if_embedded[other.type]
        return spec.cameo

    @staticmethod
    def _suppressed(trig: Trigger, triggers, drafts, parsed: bool = True) -> bool:
        """A noun trigger inside an argument of an event of the same type is that event
        restated ("migliaia di manifestanti erano scesi in piazza"). Without a parse: a
        noun trigger up to 4 tokens before or after a verbal/phrasal one of the same type."""
        if trig.pos != "noun" or trig.end - trig.start > 1:
            return False
        for other, draft in zip(triggers, drafts):
            if other is trig or other.type != trig.type:
                continue
            if not parsed:
                if (other.pos == "verb" or other.end - other.start > 1) and (
                        0 <= other.start - trig.end <= 4 or 0 <= trig.start - other.end <= 4):
                    return True
                continue
            for key in ("actor_tok", "target_tok"):
                tok = draft.get(key)
                if tok is not None and tok.i != other.head:
                    lo, hi = tok.left_edge.i, tok.right_edge.i
                    if lo <= trig.head <= hi and trig.head != tok.i or tok.i == trig.head:
                        return True
        return False


    @staticmethod
    def _apposition(doc: Doc, trig: Trigger, drafts) -> bool:
        """"...formato l'Alleanza degli Stati del Sahel, un patto di difesa reciproca": a noun
        trigger in apposition (", un ...") right after another event's argument restates it."""
        if trig.pos != "noun" or trig.start < 3:
            return False
        if not (doc[trig.start - 1].lower_ in INDEFINITE and doc[trig.start - 2].text == ","):
            return False
        comma = doc[trig.start - 2].idx
        return any(arg is not None and arg.end == comma
                   for draft in drafts for arg in (draft.get("actor"), draft.get("target")))


INDEFINITE = {"un", "uno", "una", "un'", "un’"}

_DEFAULT_TARGET = (ArgPath(((L.OBJ, None),), None), ArgPath(((L.NSUBJ_PASS, None),), None))
