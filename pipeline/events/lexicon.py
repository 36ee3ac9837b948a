"""Compile ``pipeline/lang/it/event_types.json`` into the tables the trigger matcher reads.

The JSON Schema (``schemas/event_types.json``) checks each type on its own; this module
adds the checks that need several keys or types at once and raises ``LanguageDataError``
naming the file, the key and the problem: a word listed by two types without being
marked ``ambiguous`` with a ``context`` in each, a ``forms`` entry pointing to a word that
is not a trigger of its type, an unknown ``@group``... Regular inflections are generated
by the data-driven :class:`~pipeline.events.inflection.Inflector`, so matching also works
on the lowercase form when the lemmatizer disagrees with the data.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..inventories import ENTITY_LABELS
from ..lang.loader import LanguageData, LanguageDataError, shipped
from . import labels as L
from .inflection import NOUN, VERB, Inflector
from .words import Cues, FunctionWords

FILE = "event_types.json"
#: the language data files the event rules read
DATA_FILES = ("event_types", "event_cues", "function_words", "inflection")
ENTITY_PREFIX = "ent:"
GROUP_PREFIX = "@"
#: argument paths name the relations that take a preposition as ``dep:preposition``
PREP_RELATIONS = (L.OBL, L.NMOD)


@dataclass(frozen=True)
class Entry:
    """One single-word trigger: ``lemma`` of ``type`` used as a verb or a noun."""

    type: str
    lemma: str
    pos: str  # VERB | NOUN


@dataclass(frozen=True)
class Phrase:
    """A multi-word trigger; each slot is the set of lowercase strings it accepts."""

    type: str
    text: str
    slots: tuple[frozenset[str], ...]
    pos: str  # of the first (head) word


@dataclass(frozen=True)
class ArgPath:
    """``obj/nmod:con`` with an optional ``verb:``/``noun:`` restriction."""

    steps: tuple[tuple[str, str | None], ...]  # (dep, preposition or None)
    only: str | None  # VERB | NOUN | None


@dataclass
class TypeSpec:
    name: str
    cameo: str | None
    description: str
    verbs: tuple[str, ...]
    nouns: tuple[str, ...]
    phrases: tuple[str, ...]
    context: dict[str, frozenset[str]]
    ambiguous: frozenset[str]
    args: dict[str, tuple[ArgPath, ...]]
    control: str
    embedded_modality: str | None
    cameo_if_embedded: dict[str, str]
    not_context: dict[str, frozenset[str]] = field(default_factory=dict)
    #: the type in other inventories, for the event records (None where none applies)
    plover: Mapping[str, str] | None = None
    acled: Mapping[str, str] | None = None
    acled_by_trigger: dict[str, Mapping[str, str]] = field(default_factory=dict)
    count_as: str | None = None
    #: other type -> (prepositions, words) of a dependent that makes the trigger that type
    retype: dict[str, tuple[frozenset[str], frozenset[str]]] = field(default_factory=dict)
    #: nominal triggers whose di-complement is the target (theme), not the actor
    theme_nouns: frozenset[str] = frozenset()
    target_from_paths_only: bool = False
    #: who may be the doer written after the verb ("ha detto il governatore"): context words
    inverted_subject: frozenset[str] = frozenset()
    instrument_subject: frozenset[str] = frozenset()
    transitive: bool = False
    #: preposition -> the words of a source it introduces ("secondo il ministro")
    source_prepositions: dict[str, frozenset[str]] = field(default_factory=dict)
    #: nouns naming the participants ("manifestanti"): an actor, not an event acting
    agent_nouns: frozenset[str] = frozenset()


@dataclass
class EventLexicon:
    """Everything the event rules read, compiled once per language data."""

    types: dict[str, TypeSpec]
    cues: Cues
    words: FunctionWords
    inflector: Inflector
    lemma_index: dict[str, list[Entry]] = field(default_factory=dict)
    form_index: dict[str, list[Entry]] = field(default_factory=dict)
    phrases: list[Phrase] = field(default_factory=list)
    excluded_forms: dict[str, frozenset[str]] = field(default_factory=dict)
    #: counted noun -> the count it gives (morti -> fatalities)
    count_units: dict[str, str] = field(default_factory=dict)
    #: counted nouns for people in general (counted as the type's ``count_as``)
    people_units: frozenset[str] = frozenset()
    #: word groups whose words name one kind of participant (records: "truppe", "militari")
    referent_groups: list[frozenset[str]] = field(default_factory=list)
    #: where the theme of a theme noun is ("il ritiro delle truppe")
    theme_path: ArgPath | None = None

    @classmethod
    def from_data(cls, data: LanguageData | Mapping[str, Any]) -> EventLexicon:
        """Validate the cross-key rules and build the indexes."""
        inflector = Inflector(data["inflection"])
        types = _compile_types(data["event_types"], inflector)
        lex = cls(
            types=types,
            cues=Cues.from_data(data["event_cues"]),
            words=FunctionWords.from_data(data["function_words"]),
            inflector=inflector,
        )
        lex._index(data["event_types"]["types"])
        for count, nouns in data["event_types"].get("count_units", {}).items():
            lex.count_units.update(dict.fromkeys(nouns, count))
        lex.people_units = frozenset(data["event_types"].get("people_units", ()))
        groups = data["event_types"].get("word_groups", {})
        for name in data["event_types"].get("referent_groups", ()):
            if name not in groups:
                raise _error("referent_groups", f"unknown word group {name!r} (word_groups: {sorted(groups)})")
            lex.referent_groups.append(frozenset().union(*(inflector.noun_forms(w) for w in groups[name])))
        if "theme_path" in data["event_types"]:
            lex.theme_path = _parse_path(data["event_types"]["theme_path"])
        return lex

    def candidates(self, lemma: str, lower: str) -> list[Entry]:
        """Entries whose lemma equals ``lemma`` or whose forms include ``lower``."""
        seen: dict[tuple[str, str, str], Entry] = {}
        by_lemma = [e for e in self.lemma_index.get(lemma, []) if lower not in self.excluded_forms.get(e.type, ())]
        for entry in by_lemma + self.form_index.get(lower, []):
            seen.setdefault((entry.type, entry.lemma, entry.pos), entry)
        return list(seen.values())

    def _index(self, raw_types: Mapping[str, Any]) -> None:
        inflect = self.inflector
        for spec in self.types.values():
            raw = raw_types[spec.name]
            forms: dict[str, str] = raw.get("forms", {})
            excluded = frozenset(raw.get("exclude_forms", ()))
            self.excluded_forms[spec.name] = excluded
            for pos, words in ((VERB, spec.verbs), (NOUN, spec.nouns)):
                for lemma in words:
                    entry = Entry(spec.name, lemma, pos)
                    self.lemma_index.setdefault(lemma, []).append(entry)
                    plain = inflect.plain_infinitive(lemma) if pos == VERB else None
                    if plain is not None:  # a lemmatizer may give the plain infinitive
                        self.lemma_index.setdefault(plain, []).append(entry)
                    extra = {f for f, lem in forms.items() if lem == lemma}
                    for form in (inflect.word_forms(lemma, pos) - excluded) | extra:
                        self.form_index.setdefault(form, []).append(entry)
            for text in spec.phrases:
                self.phrases.append(self._phrase(spec.name, text, forms))

    def _phrase(self, type_: str, text: str, forms: Mapping[str, str]) -> Phrase:
        """Slots of a phrase: an article accepts any article, a preposition itself, the
        first word its verb or noun forms, the others their noun forms."""
        words = text.split()
        head_pos = VERB if self.inflector.is_infinitive(words[0]) else NOUN
        slots = []
        for i, word in enumerate(words):
            if word in self.words.articles:
                slots.append(self.words.articles)
                continue
            if word in self.words.prep_base:
                options = {word}
            elif i == 0:
                options = self.inflector.word_forms(word, head_pos)
            else:
                options = self.inflector.noun_forms(word)
            options |= {f for f, lem in forms.items() if lem == word}
            slots.append(frozenset(options))
        return Phrase(type_, text, tuple(slots), head_pos)


def load_lexicon(data: LanguageData | None = None) -> EventLexicon:
    """The compiled lexicon of ``data`` (the shipped language data by default)."""
    return EventLexicon.from_data(data if data is not None else shipped())


# ----------------------------------------------------------------------------- checks


def _error(where: str, problem: str) -> LanguageDataError:
    return LanguageDataError(f"{FILE}: {where}: {problem}")


def _parse_path(text: str) -> ArgPath:
    """``noun:nmod:di`` -> only NOUN, steps ((nmod, di),); the schema checked the syntax."""
    only = None
    for prefix in (VERB, NOUN):
        if text.startswith(prefix + ":"):
            only, text = prefix, text[len(prefix) + 1 :]
    steps: list[tuple[str, str | None]] = []
    for step in text.split("/"):
        dep, _, prep = step.partition(":")
        if dep in PREP_RELATIONS and prep and step != L.OBL_AGENT:
            steps.append((dep, prep))
        else:
            steps.append((step, None))
    return ArgPath(tuple(steps), only)


def _context(
    where: str, raw: Mapping[str, list[str]], triggers: set[str], groups: Mapping[str, list[str]], inflector: Inflector
) -> dict[str, frozenset[str]]:
    """{lemma: words}: ``@group`` expanded, each word with its noun forms."""
    context = {}
    for lemma, words in raw.items():
        if lemma not in triggers:
            raise _error(f"{where}/{lemma}", "not a verb or noun of this type")
        expanded: set[str] = set()
        for word in words:
            if word.startswith(GROUP_PREFIX):
                name = word[len(GROUP_PREFIX) :]
                if name not in groups:
                    raise _error(f"{where}/{lemma}", f"unknown word group {word!r} (word_groups: {sorted(groups)})")
                expanded.update(groups[name])
            else:
                expanded.add(word)
        for word in sorted(expanded):
            if word.startswith(ENTITY_PREFIX):
                if word[len(ENTITY_PREFIX) :] not in ENTITY_LABELS:
                    raise _error(f"{where}/{lemma}", f"{word!r}: entity labels are {list(ENTITY_LABELS)}")
            else:
                expanded |= inflector.noun_forms(word)
        context[lemma] = frozenset(expanded)
    return context


def _sources(
    where: str, raw: Mapping[str, list[str]], groups: Mapping[str, list[str]], inflector: Inflector
) -> dict[str, frozenset[str]]:
    """{preposition: words} with groups expanded, like a context keyed by preposition."""
    return _context(where, raw, set(raw), groups, inflector) if raw else {}


def _compile_types(raw: Mapping[str, Any], inflector: Inflector) -> dict[str, TypeSpec]:
    groups = raw.get("word_groups", {})
    types: dict[str, TypeSpec] = {}
    for name, spec in raw["types"].items():
        where = f"types/{name}"
        verbs = tuple(spec.get("verbs", ()))
        nouns = tuple(spec.get("nouns", ()))
        phrases = tuple(spec.get("phrases", ()))
        if not (verbs or nouns or phrases):
            raise _error(where, "no verbs, nouns or phrases")
        overlap = set(verbs) & set(nouns)
        if overlap:
            raise _error(where, f"{sorted(overlap)} listed as both verb and noun")
        triggers = set(verbs) | set(nouns)
        known_words = triggers | {w for p in phrases for w in p.split()}
        for form, lemma in spec.get("forms", {}).items():
            if lemma not in known_words:
                raise _error(f"{where}/forms/{form}", f"points to {lemma!r}, not a trigger word of {name}")
        ambiguous = frozenset(spec.get("ambiguous", ()))
        for lemma in sorted(ambiguous - triggers):
            raise _error(f"{where}/ambiguous", f"{lemma!r} is not a verb or noun of {name}")
        context = _context(f"{where}/context", spec.get("context", {}), triggers, groups, inflector)
        not_context = _context(f"{where}/not_context", spec.get("not_context", {}), triggers, groups, inflector)
        args = {role: tuple(_parse_path(p) for p in paths) for role, paths in spec.get("args", {}).items()}
        types[name] = TypeSpec(
            name,
            spec.get("cameo"),
            spec.get("description", ""),
            verbs,
            nouns,
            phrases,
            context,
            ambiguous,
            args,
            spec.get("control", "subject"),
            spec.get("embedded_modality"),
            dict(spec.get("cameo_if_embedded", {})),
            not_context,
            spec.get("plover"),
            spec.get("acled"),
            dict(spec.get("acled_by_trigger", {})),
            spec.get("count_as"),
            {
                other: (
                    frozenset(r["prepositions"]),
                    _context(f"{where}/retype", {"*": r["words"]}, {"*"}, groups, inflector)["*"],
                )
                for other, r in spec.get("retype", {}).items()
            },
            frozenset(spec.get("theme_nouns", ())),
            bool(spec.get("target_from_paths_only", False)),
            _sources(f"{where}/inverted_subject", {"*": spec["inverted_subject"]}, groups, inflector)["*"]
            if "inverted_subject" in spec
            else frozenset(),
            frozenset(spec.get("instrument_subject", ())),
            bool(spec.get("transitive", False)),
            _sources(f"{where}/source_prepositions", spec.get("source_prepositions", {}), groups, inflector),
            frozenset(spec.get("agent_nouns", ())),
        )
    for spec in types.values():
        for other in [*spec.cameo_if_embedded, *spec.retype]:
            if other not in types:
                raise _error(f"types/{spec.name}/cameo_if_embedded", f"unknown type {other!r}")
    _check_shared_words(types)
    return types


def _check_shared_words(types: Mapping[str, TypeSpec]) -> None:
    """A lemma or phrase may belong to one type only, unless every type listing it marks
    it ``ambiguous`` and gives it a ``context`` (which settles the reading)."""
    owners: dict[str, set[str]] = {}
    for spec in types.values():
        for word in spec.verbs + spec.nouns + spec.phrases:
            owners.setdefault(word, set()).add(spec.name)
    for word, names in sorted(owners.items()):
        if len(names) < 2:
            continue
        for name in sorted(names):
            spec = types[name]
            if word not in spec.ambiguous or word not in spec.context:
                raise _error(
                    f"types/{name}",
                    f"{word!r} is also a trigger of "
                    f"{sorted(names - {name})}: mark it ambiguous and give it a context "
                    f"in each type, or keep it in one type",
                )
