"""What ``it_entity_rules`` knows about names, compiled from the language data.

Each gazetteer name gets a label and a strength:

- **strong** (it corrects the model): organisation names and acronyms (ORG), names of
  events, competitions, awards, laws and products (MISC, ``named_events.json``), countries
  with their aliases, world places, regions, provinces and multi-word comuni (LOC);
- **weak** (a feature only): a one-word comune that is not a province, and any one-word
  place that is also a common lower-case word ("Fermo", "Vita", "Bra" is not a common
  word but a comune of 30,000: weak); such a name needs a place cue before it ("a Bra") to
  relabel a PER entity;
- capitals (``world_places.json`` ``capital``) are countries' metonyms: like countries, they
  turn an ORG entity LOC ("Mosca ha risposto"); other cities tagged ORG, and Rome, stay
  ORG (teams: "la Roma");
- **known** (no label): seats of power ("Casa Bianca", "Pentagono") keep the label the
  model gave them (metonymy as written) but are names, never common words.

An organisation form that is also a common word ("generali", "intesa", "poste") or a
first name ("leonardo") is strong only against LOC: it turns a PER entity ORG only when
written all-caps or as several words. Names are keyed by :func:`key` (casefolded, plain
apostrophes, single spaces).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..lang.loader import LanguageData

#: the language data files the rules read
DATA_FILES = (
    "countries",
    "country_aliases",
    "world_places",
    "seats_of_power",
    "organisations",
    "named_events",
    "demonyms",
    "italian_places",
    "common_words",
    "function_words",
    "entity_rules",
)
LOC, MISC, ORG, PER = "LOC", "MISC", "ORG", "PER"
STRONG, WEAK, KNOWN = "strong", "weak", "known"
BILINGUAL_SEPARATOR = "/"
ITALY = "IT"
APOSTROPHES = str.maketrans({"\u2019": "'", "`": "'", "\u2018": "'"})
#: the function_words.json classes (with every form of every preposition) a name cannot end in
LINKING_CLASSES = ("definite_articles", "indefinite_articles", "prepositions", "conjunctions", "relatives")
#: the longest gazetteer name looked for in the text, in tokens
MAX_NAME_TOKENS = 6


def key(text: str) -> str:
    """The lookup key of a name: casefolded, plain apostrophes, single spaces, none after an
    apostrophe (the tokens "d'" "Italia" joined by a space are "d'italia")."""
    return " ".join(text.translate(APOSTROPHES).casefold().split()).replace("' ", "'")


@dataclass(frozen=True)
class Entry:
    """A gazetteer name: its label (None for a seat of power), strength and source file."""

    label: str | None
    strength: str
    source: str
    #: an organisation form that is a common word: not strong against PER unless all-caps
    common: bool = False


class RulesLexicon:
    """Gazetteer entries, common words and cue words; keeps no per-Doc state."""

    def __init__(
        self,
        entries: Mapping[str, Entry],
        common_words: frozenset[str],
        place_cues: frozenset[str],
        initial_after: frozenset[str],
        function_words: frozenset[str],
        demonyms: frozenset[str] = frozenset(),
        institution_heads: frozenset[str] = frozenset(),
        of_forms: frozenset[str] = frozenset(),
        person_cues: frozenset[str] = frozenset(),
        linking_words: frozenset[str] = frozenset(),
        work_cues: frozenset[str] = frozenset(),
        title_quotes: Mapping[str, str] | None = None,
    ) -> None:
        self.entries = dict(entries)
        self.common_words = common_words
        self.place_cues = place_cues
        self.initial_after = initial_after
        self.function_words = function_words
        #: country adjectives and demonyms, never entities ("Francesi", "Americano")
        self.demonyms = demonyms
        #: first words of institutions whose place is part of the name ("Procura di Genova")
        self.institution_heads = institution_heads
        #: the forms of "di" (di, del, della, d'...)
        self.of_forms = of_forms
        #: role nouns right before a person's name ("il tennista Alcaraz")
        self.person_cues = person_cues
        #: articles, prepositions, conjunctions, relatives: a name does not end in one
        #: written lower-case ("Gran Premio di", "Consiglio del quale"; "Cosa nostra" does)
        self.linking_words = linking_words
        #: nouns of works ("film", "canzone") and the quote marks around a title after them
        self.work_cues = work_cues
        self.title_quotes = dict(title_quotes or {})

    def lookup(self, text: str) -> Entry | None:
        return self.entries.get(key(text))

    def is_common(self, word: str) -> bool:
        """A word Italian writes lower-case (derived from corpora), or a function word."""
        lower = word.casefold()
        return lower in self.common_words or lower in self.function_words

    @classmethod
    def from_data(cls, data: LanguageData | Mapping[str, Any]) -> RulesLexicon:
        common = frozenset(data["common_words"]["words"])
        entries: dict[str, Entry] = {}

        def add(name: str, entry: Entry) -> None:
            for part in {name, *name.split(BILINGUAL_SEPARATOR)}:
                k = key(part)
                if k and k not in entries:  # the first (stronger) source wins
                    entries[k] = entry

        def place(name: str, source: str, one_word_strong: bool) -> Entry:
            one_word = len(key(name).replace("-", " ").replace("'", " ").split()) == 1
            if one_word and (key(name) in common or not one_word_strong):
                return Entry(LOC, WEAK, source)
            return Entry(LOC, STRONG, source)

        for name, seat in data["seats_of_power"]["seats"].items():
            for form in [name, *seat.get("forms", [])]:
                add(form, Entry(None, KNOWN, "seats_of_power"))
        for org in data["organisations"]["organisations"].values():
            for form in [org["name"], *org["forms"]]:
                add(form, Entry(ORG, STRONG, "organisations", common=key(form) in common))
        for name, event in data["named_events"]["names"].items():
            for form in [name, *event.get("forms", [])]:
                add(form, Entry(MISC, STRONG, "named_events", common=key(form) in common))
        aliases = data["country_aliases"]
        for code, country in data["countries"]["countries"].items():
            for name in [country["name"], *country.get("names", []), *aliases["aliases"].get(code, [])]:
                add(name, Entry(LOC, STRONG, "countries"))
        for name in [*aliases["canonical"].values(), *aliases["extra"].values()]:
            add(name, Entry(LOC, STRONG, "countries"))
        for name, info in data["world_places"]["places"].items():
            # Italy's own capital names its football club more often than its government
            source = "capitals" if info.get("capital") and info["country"] != ITALY else "world_places"
            for form in [name, *info.get("forms", [])]:
                add(form, place(form, source, one_word_strong=True))
        italy = data["italian_places"]
        for name in italy["regions"]:
            add(name, place(name, "regions", one_word_strong=True))
        for name in italy["provinces"]:
            add(name, place(name, "provinces", one_word_strong=True))
        for name in italy["comuni"]:
            add(name, place(name, "comuni", one_word_strong=False))

        words = data["function_words"]
        function_words = {w for k, v in words.items() if k != "_meta" and isinstance(v, list) for w in v}
        linking = {form for forms in words["articulated_prepositions"].values() for form in forms}
        function_words |= linking
        linking.update(w for name in LINKING_CLASSES for w in words[name])
        rules = data["entity_rules"]
        return cls(
            entries,
            common,
            frozenset(rules["place_cues"]),
            frozenset(rules["initial_after"]),
            frozenset(function_words),
            frozenset(form for forms in data["demonyms"]["demonyms"].values() for form in forms),
            frozenset(rules["institution_heads"]),
            frozenset(words["articulated_prepositions"][rules["institution_place_preposition"]]),
            frozenset(rules["person_cues"]),
            frozenset(linking),
            frozenset(rules["work_cues"]),
            rules["title_quotes"],
        )
