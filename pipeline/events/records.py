"""One record per real-world event: the mentions of one event in an article grouped.

Mentions of the same event ("ritireranno", "ritirare", "il ritiro") share an
``event_id``. Two mentions are the same event when they have the same type, polarity and
modality and no argument tells them apart:

- *conflict* (never merged): both name who an actor, target or place is and the names
  differ (canonical names, else countries); both have a calendar date and neither
  contains the other (``2023-07`` contains ``2023-07-26``);
- *evidence* (merged): an actor, target or place in common (canonical name, country,
  or the same words: "truppe" and "le truppe americane");
- a mention without participants (no actor, no target) restates the nearest earlier
  event of its type it does not conflict with ("il ritiro delle truppe", "le proteste").

Each group gives one ACLED-like record (``RECORD_COLUMNS``): the most informative
argument of each role over its mentions (an entity before a country before bare words),
the most precise calendar date, a deadline ("entro il 15 settembre"), counts from the
numbers attached (their counted noun says fatalities, injured, arrested or participants)
and the type in CAMEO, PLOVER and ACLED from the event-type data.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Callable, Iterable, Sequence, Set
from typing import Any

from spacy.tokens import Doc, Span

from ..timex_calendar import calendar_start
from .lexicon import EventLexicon
from .linking import SpanIndex
from .record import JOIN, Argument, Event

PARTICIPANTS = ("actor", "target")
NAMED_ROLES = ("actor", "target", "place")
COUNTS = ("fatalities", "injured", "arrested", "participants")
#: TIMEX3 mods that make a date the event's deadline ("entro il 15 settembre")
DEADLINE_MODS = frozenset({"BEFORE"})
#: the precisions an event's date may have (ACLED-like), finest first
PRECISION_RANK = {"day": 3, "month": 2, "year": 1}
#: entity kinds that act; places inside an actor with such an entity only qualify it
#: ("il primo ministro del Niger, Ali Lamine Zeine")
ACTING_KINDS = frozenset({"person"})
WORD = re.compile(r"\w+")
EVENT_ID_PREFIX = "EV"
#: how many earlier events of its type (and members of each) a mention is compared with
WINDOW = 8
#: a mention without participants restates an event at most this many sentences back
RESTATE_SENTENCES = 2
RECORD_COLUMNS = [
    "doc_id",
    "event_id",
    "event_type",
    "cameo",
    "plover_type",
    "plover_mode",
    "acled_event_type",
    "acled_sub_event_type",
    "event_date",
    "date_precision",
    "deadline",
    "actor1",
    "actor1_canonical",
    "actor1_country",
    "assoc_actor1",
    "assoc_actor1_country",
    "actor2",
    "actor2_canonical",
    "actor2_country",
    "place",
    "place_canonical",
    "place_country",
    *COUNTS,
    "modality",
    "negated",
    "n_mentions",
    "sentence",
    "start",
    "end",
    "triggers",
    "notes",
    "source",
]


def precision(value: str | None) -> str | None:
    """day, month or year for a calendar TIMEX3 value, else None (references, durations,
    weeks, seasons, times of day)."""
    found = calendar_start(value)[1]
    return found if found in PRECISION_RANK else None


def _words(arg: Argument | None, stop: frozenset[str]) -> frozenset[str]:
    return frozenset(w for w in WORD.findall(arg.text.lower()) if w not in stop) if arg else frozenset()


def _names(arg: Argument | None) -> tuple[frozenset[str], frozenset[str]]:
    if arg is None:
        return frozenset(), frozenset()
    split = lambda v: frozenset(v.split(JOIN)) if v else frozenset()
    return split(arg.canonical), split(arg.country)


def _role_relation(
    a: Argument | None, b: Argument | None, stop: frozenset[str], referents: Sequence[frozenset[str]] = ()
) -> str:
    """'conflict', 'shared' or 'unknown' for one role of two mentions. Words of one
    referent group name the same kind of participant ("truppe", "militari")."""
    if a is None or b is None:
        return "unknown"
    (ca, na), (cb, nb) = _names(a), _names(b)
    if ca and cb:
        return "shared" if ca & cb else "conflict"
    if na and nb:
        return "shared" if na & nb else "conflict"
    wa, wb = _words(a, stop), _words(b, stop)
    if wa and wb and (wa <= wb or wb <= wa):
        return "shared"
    if any(wa & words and wb & words for words in referents):
        return "shared"
    return "unknown"


def _when(event: Event, deadlines: Set[tuple[int, int]]) -> str | None:
    """The calendar date of a mention, not its deadline."""
    date = event.date
    if date is None or (date.start, date.end) in deadlines or not precision(date.value):
        return None
    return str(date.value)


def _dates_conflict(a: Event, b: Event, deadlines: Set[tuple[int, int]] = frozenset()) -> bool:
    va, vb = _when(a, deadlines), _when(b, deadlines)
    return bool(va and vb and not (va.startswith(vb) or vb.startswith(va)))


def _has_participants(event: Event) -> bool:
    return any(getattr(event, role) is not None for role in PARTICIPANTS)


def group(
    events: Sequence[Event],
    stop: frozenset[str] = frozenset(),
    sentences: Sequence[int] | None = None,
    referents: Sequence[frozenset[str]] = (),
    deadlines: Set[tuple[int, int]] = frozenset(),
) -> list[int]:
    """The group index of each event (in text order), by the rules of the module docstring.
        Each event is compared with the last ``WINDOW`` groups of its type and their last
        ``WINDOW`` members, which keeps a long article linear. ``sentences`` (the sentence
        index of each event) limits restating to ``RESTATE_SENTENCES`` sentences back; dates at
    the offsets in ``deadlines`` ("entro il 15 settembre") tell no two events apart."""
    where = list(sentences) if sentences is not None else [0] * len(events)
    groups: list[list[int]] = []
    by_type: dict[tuple[str, bool, str], list[int]] = {}
    out: list[int] = []
    for i, event in enumerate(events):
        key = (event.type, event.negated, event.modality)
        candidates = by_type.setdefault(key, [])
        best, best_score = None, 0
        for g in reversed(candidates[-WINDOW:]):
            members = [events[j] for j in groups[g][-WINDOW:]]
            relations = [
                _role_relation(getattr(m, r), getattr(event, r), stop, referents) for m in members for r in NAMED_ROLES
            ]
            if "conflict" in relations or any(_dates_conflict(m, event, deadlines) for m in members):
                continue
            score = relations.count("shared") * 2
            near = where[i] - where[groups[g][-1]] <= RESTATE_SENTENCES
            dated = _when(event, deadlines) is not None
            if not score and near and not dated and not all(_has_participants(m) for m in [event, *members]):
                score = 1  # restates the nearest compatible event, close by and with no date of its own
            if score > best_score:
                best, best_score = g, score
        if best is None:
            groups.append([i])
            candidates.append(len(groups) - 1)
            out.append(len(groups) - 1)
        else:
            groups[best].append(i)
            out.append(best)
    return out


class RecordBuilder:
    """Groups the events of a Doc and builds their records (pure: reads the Doc)."""

    def __init__(self, lexicon: EventLexicon, dates_key: str, numbers_key: str, entities_key: str) -> None:
        self.lex = lexicon
        self.dates_key = dates_key
        self.numbers_key = numbers_key
        self.entities_key = entities_key
        self.stop = frozenset(lexicon.words.articles) | frozenset(lexicon.words.prep_base)
        self.coordinators = frozenset(lexicon.words.coordinators)

    def build(self, doc: Doc, matches: Sequence[tuple[Span, Event]]) -> tuple[list[tuple[Span, Event]], list[dict]]:
        """``matches`` with their ``event_id`` set, and one record row per event."""
        ordered = sorted(matches, key=lambda m: (m[0].start, m[0].end, m[0].label_))
        has_sentences = doc.has_annotation("SENT_START")
        bounds = [(s.start, s.end) for s in doc.sents] if has_sentences else [(0, len(doc))]
        starts = [b[0] for b in bounds]
        index = [max(bisect.bisect_right(starts, span.start) - 1, 0) for span, _ in ordered]
        dates = {(s.start_char, s.end_char): s._.date_value for s in doc.spans.get(self.dates_key, [])}
        deadlines = {k for k, timex in dates.items() if getattr(timex, "mod", None) in DEADLINE_MODS}
        ids = group([e for _, e in ordered], self.stop, index, self.lex.referent_groups, deadlines)
        labelled = [
            (span, dataclasses.replace(event, event_id=f"{EVENT_ID_PREFIX}{g + 1}"))
            for (span, event), g in zip(ordered, ids)
        ]
        by_group: dict[int, list[tuple[Span, Event]]] = {}
        for item, g in zip(labelled, ids):
            by_group.setdefault(g, []).append(item)
        numbers = {(s.start_char, s.end_char): s._.num_value for s in doc.spans.get(self.numbers_key, [])}
        entities = SpanIndex(doc.spans.get(self.entities_key, []))

        # sentence bounds read once above (has_annotation and Span.sent walk the whole Doc)
        def sentence_of(token_i: int) -> tuple[int, int]:
            return bounds[max(bisect.bisect_right(starts, token_i) - 1, 0)]

        records = [
            self._record(members, dates, numbers, entities, sentence_of) for _, members in sorted(by_group.items())
        ]
        if has_sentences:
            self._sentence_counts(doc, by_group, records, sentence_of)
        return labelled, records

    def _sentence_counts(
        self,
        doc: Doc,
        by_group: dict[int, list[tuple[Span, Event]]],
        records: list[dict],
        sentence_of: Callable[[int], tuple[int, int]],
    ) -> None:
        """ "Un attentato a Kabul ha causato 63 morti e 120 feriti": a number of dead,
        wounded or arrested in a sentence counts for the one counting event of that
        sentence (a type with ``count_as``) even when the parse does not attach it."""
        counting: dict[int, set[int]] = {}  # sentence start -> groups of counting types
        for g, members in by_group.items():
            if self.lex.types[members[0][1].type].count_as:
                for span, _ in members:
                    counting.setdefault(sentence_of(span.start)[0], set()).add(g)
        if not counting:
            return
        for n in doc.spans.get(self.numbers_key, []):
            quantity = n._.num_value
            unit = (getattr(quantity, "unit", None) or "").lower()
            count = self.lex.count_units.get(unit)
            groups = counting.get(sentence_of(n.start)[0], set())
            if count is None or len(groups) != 1 or getattr(quantity, "kind", None) != "cardinal":
                continue
            row = records[next(iter(groups))]  # group ids are 0..n-1, records in that order
            row[count] = max(row[count] or 0, quantity.value)

    # ------------------------------------------------------------------------ one record
    def _record(
        self,
        members: list[tuple[Span, Event]],
        dates: dict,
        numbers: dict,
        entities: SpanIndex,
        sentence_of: Callable[[int], tuple[int, int]],
    ) -> dict[str, Any]:
        events = [e for _, e in members]
        first = events[0]
        spec = self.lex.types[first.type]
        main_span, main = max(members, key=lambda m: (self._informative(m[1]), -m[0].start))
        acled = next((spec.acled_by_trigger[m.lemma_] for m, _ in members if m.lemma_ in spec.acled_by_trigger), None)
        acled = acled or spec.acled or {}
        cameos = [e.cameo for e in events if e.cameo]
        row: dict[str, Any] = {
            "event_id": first.event_id,
            "event_type": first.type,
            "cameo": max(cameos, key=len) if cameos else None,  # the refined code (106 over 10)
            "plover_type": (spec.plover or {}).get("type"),
            "plover_mode": (spec.plover or {}).get("mode"),
            "acled_event_type": acled.get("event_type"),
            "acled_sub_event_type": acled.get("sub_event_type"),
        }
        row |= self._dates(events, dates)
        row |= self._actor(self._best(events, "actor"), entities, main_span.doc)
        target = self._best(events, "target")
        row |= {
            "actor2": target.text if target else None,
            "actor2_canonical": target.canonical if target else None,
            "actor2_country": target.country if target else None,
        }
        place = self._best(events, "place")
        row |= {
            "place": place.text if place else None,
            "place_canonical": place.canonical if place else None,
            "place_country": place.country if place else None,
        }
        row |= self._counts(events, spec.count_as, numbers)
        sent = main_span.doc[slice(*sentence_of(main_span.start))]
        row |= {
            "modality": first.modality,
            "negated": first.negated,
            "n_mentions": len(events),
            "sentence": None,  # filled by the tables (sentence index of the first mention)
            "start": members[0][0].start_char,
            "end": members[0][0].end_char,
            "triggers": JOIN.join(e.trigger for e in events),
            "notes": sent.text.strip(),
            "source": None,
        }
        return row

    @staticmethod
    def _informative(event: Event) -> int:
        return sum(getattr(event, r) is not None for r in ("actor", "target", "place", "date", "quantity"))

    @staticmethod
    def _best(events: Iterable[Event], role: str) -> Argument | None:
        """The argument of ``role`` that says most about who: an entity, a country, words."""
        args = [getattr(e, role) for e in events if getattr(e, role) is not None]
        if not args:
            return None
        return max(args, key=lambda a: (a.canonical is not None, a.country is not None))

    def _dates(self, events: list[Event], dates: dict) -> dict[str, Any]:
        when = deadline = None
        rank = 0
        for event in events:
            if event.date is None:
                continue
            timex = dates.get((event.date.start, event.date.end))
            value = event.date.value
            if timex is not None and getattr(timex, "mod", None) in DEADLINE_MODS:
                deadline = deadline or value
                continue
            p = precision(value)
            if p and PRECISION_RANK[p] > rank:
                when, rank = value, PRECISION_RANK[p]
        return {"event_date": when, "date_precision": precision(when), "deadline": deadline}

    def _actor(self, actor: Argument | None, entities: SpanIndex, doc: Doc) -> dict[str, Any]:
        """Actor 1 and the associated actors coordinated with it ("Burkina Faso, Mali e
        Niger": Burkina Faso, then Mali and Niger). A name joined by a preposition only
        qualifies the one before ("la giunta militare del Niger": one actor, of Niger);
        people stand before the places that qualify them ("il primo ministro del Niger, Ali
        Lamine Zeine, e ... Kurt Campbell": Zeine, then Campbell)."""
        row: dict[str, Any] = dict.fromkeys(
            ("actor1", "actor1_canonical", "actor1_country", "assoc_actor1", "assoc_actor1_country")
        )
        if actor is None:
            return row
        row["actor1"] = actor.text
        found = entities.overlapping_spans(actor.start, actor.end)
        acting = [(s, e, r) for s, e, r in found if r.kind in ACTING_KINDS]
        if acting:
            # each person with the place that qualifies them, when no conjunction lies
            # between ("il primo ministro del Niger, Ali Lamine Zeine": Zeine of Niger)
            coordinated = []
            for item in acting:
                before = [f for f in found if f[1] <= item[0] and f[2].kind not in ACTING_KINDS]
                since = acting[acting.index(item) - 1][1] if acting.index(item) else actor.start
                qualifier = [
                    f for f in before if f[0] >= since and not self._has_coordinator(_between(doc, f[1], item[0]))
                ]
                coordinated.append([item, *qualifier[-1:]])
        else:
            coordinated = []
            for item in found:
                gap = _between(doc, coordinated[-1][-1][1], item[0]) if coordinated else ""
                if coordinated and not self._coordinating(gap):
                    coordinated[-1].append(item)  # qualifies the previous one
                else:
                    coordinated.append([item])
        distinct: dict[str, list] = {}
        for chain in coordinated:
            distinct.setdefault(chain[0][2].entity_id, chain)
        chains = list(distinct.values())
        if not chains:
            row["actor1_country"] = actor.country
            return row
        countries = [next((r.country for _, _, r in chain if r.country), None) for chain in chains]
        row["actor1_canonical"] = chains[0][0][2].canonical
        row["actor1_country"] = countries[0]
        if len(chains) > 1:
            row["assoc_actor1"] = JOIN.join(chain[0][2].canonical for chain in chains[1:])
            row["assoc_actor1_country"] = JOIN.join(dict.fromkeys(c for c in countries[1:] if c)) or None
        return row

    def _has_coordinator(self, gap: str) -> bool:
        return any(w in self.coordinators for w in WORD.findall(gap.lower()))

    def _coordinating(self, gap: str) -> bool:
        """Only commas and coordinators between two names: they are coordinated."""
        return all(w in self.coordinators for w in WORD.findall(gap.lower()))

    def _counts(self, events: list[Event], count_as: str | None, numbers: dict) -> dict[str, Any]:
        counts: dict[str, Any] = dict.fromkeys(COUNTS)
        for event in events:
            if event.quantity is None or event.quantity.value is None:
                continue
            quantity = numbers.get((event.quantity.start, event.quantity.end))
            unit = (getattr(quantity, "unit", None) or "").lower()
            if getattr(quantity, "kind", "cardinal") != "cardinal":
                continue
            count = self.lex.count_units.get(unit)
            if count is None and count_as and (not unit or unit in self.lex.people_units):
                count = count_as
            if count is not None:
                counts[count] = max(counts[count] or 0, event.quantity.value)
        return counts


def _between(doc: Doc, start: int, end: int) -> str:
    """The text between two character offsets (Doc.text would join every token)."""
    span = doc.char_span(start, end, alignment_mode="expand") if end > start else None
    return span.text if span is not None else ""
