"""Group the entity mentions of one article into entities, in one pass over the mentions.

A mention joins an earlier entity when:

- both are the same gazetteer entry ("Stati Uniti", "Usa", "gli Usa"; "Onu" and
  "Organizzazione delle Nazioni Unite"): same ``Target.key``;
- a person's name words are the end of an earlier person's name or the other way round
  ("Joe Biden" ... "Biden"; "Biden" ... "Joe Biden"). Two people sharing a surname stay two
  ("Mario Rossi", "Paolo Rossi"); a later bare "Rossi" goes to the one named last;
- another name has the same key ("la Giunta", "Giunta") or is the acronym of an earlier
  one (initials of its capitalised words: "Alleanza degli Stati del Sahel" ... "AES").

Each entity gets an id in order of first mention ("E1", "E2", ...), a canonical name (the
gazetteer's; else the longest form seen), a kind and a country: the gazetteer's; for a
name no gazetteer knows, a country named or qualified inside it ("ministero della Difesa
del Niger" -> NE) or, for a person, a country adjective right before the name ("il primo
ministro nigerino Ali Lamine Zeine" -> NE).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from .gazetteer import PERSON_LABELS, Gazetteer, Target
from .record import EntityRecord

#: the kind of an entity no gazetteer knows, by NER label
DEFAULT_KINDS = {"PER": "person", "PERSON": "person", "ORG": "organisation", "LOC": "place", "GPE": "place"}
OTHER_KIND = "other"
ID_PREFIX = "E"
#: an acronym is one word of at most this many letters
MAX_ACRONYM = 8


@dataclass(frozen=True)
class Mention:
    """One entity mention: character offsets, text, NER label, and the word just before it
    (lowercase, "" at a sentence start or after punctuation)."""

    start: int
    end: int
    text: str
    label: str
    before: str = ""


@dataclass
class _Entity:
    number: int
    target: Target | None
    person: bool
    names: list[tuple[str, ...]] = field(default_factory=list)  # name words of each mention (persons)
    surfaces: list[str] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)
    labels: Counter = field(default_factory=Counter)
    country: str | None = None
    last_seen: int = 0

    @property
    def full_name(self) -> tuple[str, ...]:
        return max(self.names, key=len) if self.names else ()


def name_words(text: str) -> tuple[str, ...]:
    """The capitalised words of a person mention ("presidente Joe Biden" -> Joe, Biden)."""
    words = text.split()
    capitalised = tuple(w.casefold() for w in words if w[:1].isupper())
    return capitalised or tuple(w.casefold() for w in words)


def _ends_with(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    return 0 < len(shorter) <= len(longer) and longer[len(longer) - len(shorter) :] == shorter


def initials(text: str) -> str:
    """ "Alleanza degli Stati del Sahel" -> "ass" (lowercase words skipped)."""
    return "".join(w[0] for w in text.split() if w[:1].isupper()).casefold()


def resolve(mentions: Sequence[Mention], gazetteer: Gazetteer) -> list[EntityRecord]:
    """One record per mention (same order): who each mention is within the article."""
    order = sorted(range(len(mentions)), key=lambda i: (mentions[i].start, mentions[i].end))
    entities: list[_Entity] = []
    by_target: dict[str, _Entity] = {}
    by_key: dict[str, _Entity] = {}
    by_initials: dict[str, _Entity] = {}
    acronyms: dict[str, _Entity] = {}
    persons: dict[str, list[_Entity]] = {}  # last name word -> persons
    owner: dict[int, _Entity] = {}
    for step, i in enumerate(order):
        m = mentions[i]
        key = gazetteer.key(m.text)
        person = m.label in PERSON_LABELS
        target = gazetteer.match(key, m.label)
        entity: _Entity | None = None
        if target is not None:
            entity = by_target.get(target.key)
        elif person:
            words = name_words(m.text)
            entity = _person(persons.get(words[-1], []) if words else [], words)
        else:
            entity = by_key.get(key) or _acronym(key, m.text, by_initials, acronyms)
        if entity is None:
            entity = _Entity(len(entities) + 1, target, person)
            entities.append(entity)
            if target is not None:
                by_target[target.key] = entity
            elif person and name_words(m.text):
                persons.setdefault(name_words(m.text)[-1], []).append(entity)
        entity.last_seen = step
        entity.surfaces.append(m.text)
        entity.labels[m.label] += 1
        if person:
            entity.names.append(name_words(m.text))
            if entity.country is None and m.before:
                entity.country = gazetteer.demonym(m.before)
        elif target is None:
            by_key.setdefault(key, entity)
            if " " in key:
                by_initials.setdefault(initials(m.text), entity)
            elif len(key) <= MAX_ACRONYM:
                acronyms.setdefault(key, entity)
            if entity.country is None:
                entity.country = gazetteer.country_in(key)
        entity.keys.add(key)
        owner[i] = entity
    records = {id(e): _record(e, gazetteer) for e in entities}
    return [records[id(owner[i])] for i in range(len(mentions))]


def _person(persons: list[_Entity], words: tuple[str, ...]) -> _Entity | None:
    """The person named last whose name ends with ``words``, or whose name ``words`` ends
    with (the full name after a surname). ``persons`` share the last word of ``words``."""
    best: _Entity | None = None
    for entity in persons:
        full = entity.full_name
        related = _ends_with(full, words) or _ends_with(words, full)
        if related and (best is None or entity.last_seen > best.last_seen):
            best = entity
    # a longer name joins only an entity none of whose names conflicts with it
    if best is not None and len(words) > len(best.full_name) and any(not _ends_with(words, n) for n in best.names):
        return None
    return best


def _acronym(key: str, text: str, by_initials: dict[str, _Entity], acronyms: dict[str, _Entity]) -> _Entity | None:
    """An acronym of an earlier long name, or a long name of an earlier acronym."""
    if " " not in key:
        return by_initials.get(key) if len(key) <= MAX_ACRONYM else None
    return acronyms.get(initials(text))


def _record(entity: _Entity, gazetteer: Gazetteer) -> EntityRecord:
    entity_id = f"{ID_PREFIX}{entity.number}"
    if entity.target is not None:
        t = entity.target
        return EntityRecord(entity_id, t.canonical, t.kind, t.country)
    label = entity.labels.most_common(1)[0][0]
    if entity.person:
        canonical = _person_name(entity)
    else:
        canonical = max((_strip_leading(s, gazetteer) for s in entity.surfaces), key=len)
    return EntityRecord(entity_id, canonical, DEFAULT_KINDS.get(label, OTHER_KIND), entity.country)


def _person_name(entity: _Entity) -> str:
    """The surface of the longest name, without the lowercase words before it."""
    longest = max(entity.names, key=len)
    surface = next(s for s, n in zip(entity.surfaces, entity.names) if n == longest)
    words = surface.split()
    while len(words) > 1 and not words[0][:1].isupper():
        words = words[1:]
    return " ".join(words)


def _strip_leading(surface: str, gazetteer: Gazetteer) -> str:
    words = surface.split()
    if len(words) > 1 and gazetteer.key(words[0] + " x") == "x":
        words = words[1:]
    return " ".join(words)
