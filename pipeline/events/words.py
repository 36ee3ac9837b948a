"""The word classes the event rules use as syntax, compiled from the language data.

Function words come from ``function_words.json`` (shared with the other components), the
event cues from ``event_cues.json``. The rules only name classes ("a relative pronoun",
"a place preposition"); which Italian words fill them is data. Typographic apostrophes
("l’", "dell’") are accepted wherever the data writes the plain one ("l'").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from typing import Any

PLAIN_APOSTROPHE = "'"
TYPOGRAPHIC_APOSTROPHE = "\u2019"


def with_apostrophes(forms: Iterable[str]) -> frozenset[str]:
    """``forms`` plus each elided form written with the typographic apostrophe."""
    out = set(forms)
    out |= {f.replace(PLAIN_APOSTROPHE, TYPOGRAPHIC_APOSTROPHE) for f in out if PLAIN_APOSTROPHE in f}
    return frozenset(out)


def fixed_name(words: Iterable[str]) -> str:
    """How rules and argument paths name a multi-word preposition: words joined by "_"."""
    return "_".join(words)


@dataclass(frozen=True)
class FunctionWords:
    """Closed classes from ``function_words.json``."""

    articles: frozenset[str]
    indefinite_articles: frozenset[str]
    #: every simple or articulated preposition -> its simple preposition ("dal" -> "da")
    prep_base: Mapping[str, str]
    #: (first word, second word) of a multi-word preposition -> its name ("da_parte_di")
    complex_preps: Mapping[tuple[str, str], str]
    #: relative pronouns that refer back to a noun ("che", "cui")
    relatives: frozenset[str]
    #: pronouns and pronoun-like words that are never an event argument by themselves
    non_arguments: frozenset[str]
    coordinators: frozenset[str]
    negation: frozenset[str]
    #: words allowed between a subject and its verb ("non", clitics, adverbs)
    preverbal: frozenset[str]
    passive_participles: frozenset[str]
    #: possessive adjectives and "proprio": never an argument by themselves ("le proprie truppe")
    possessives: frozenset[str] = frozenset()

    @classmethod
    def from_data(cls, fw: Mapping[str, Any]) -> FunctionWords:
        prep_base: dict[str, str] = {}
        for base, forms in fw["articulated_prepositions"].items():
            for form in with_apostrophes(forms):
                prep_base[form] = base
        for prep in fw["prepositions"]:
            prep_base.setdefault(prep, prep)
        complex_preps = {}
        for phrase in fw["complex_prepositions"]:
            words = phrase.split()
            complex_preps[(words[0], words[1])] = fixed_name(words)
        double = set(fw["double_relatives"])
        pronouns = (
            set(fw["personal_pronouns"])
            | set(fw["clitics"])
            | set(fw["demonstratives"])
            | set(fw["quantifiers"])
            | set(fw["indefinite_articles"])
            | double
        )
        return cls(
            articles=with_apostrophes(fw["definite_articles"] + fw["indefinite_articles"]),
            indefinite_articles=with_apostrophes(fw["indefinite_articles"]),
            prep_base=prep_base,
            complex_preps=complex_preps,
            relatives=with_apostrophes(set(fw["relatives"]) - double),
            non_arguments=with_apostrophes(pronouns),
            coordinators=frozenset(fw["coordinating_conjunctions"]),
            negation=frozenset(fw["negation"]),
            preverbal=with_apostrophes(set(fw["negation"]) | set(fw["clitics"]) | set(fw["adverbs"])),
            passive_participles=frozenset(fw["passive_auxiliary_participles"]),
            possessives=frozenset(fw.get("possessives", ())),
        )

    def base_prep(self, word: str) -> str | None:
        """The simple preposition of ``word`` ("dal" -> "da"), None if it is none."""
        return self.prep_base.get(word)


@dataclass(frozen=True)
class Cues:
    """Modality cues and the words argument rules look for, from ``event_cues.json``;
    each field is the data key of the same name."""

    hypothetical: frozenset[str]
    hypothetical_aux: frozenset[str]  # lemmas ("potere")
    hypothetical_aux_forms: frozenset[str]  # their forms ("potrebbe")
    hypothetical_governors: frozenset[str]
    hypothetical_conjunctions: frozenset[str]
    uncertain: frozenset[str]
    copular_verbs: frozenset[str]
    support_verbs: frozenset[str]
    object_control: frozenset[str]
    infinitive_markers: frozenset[str]
    purpose_markers: frozenset[str]
    addressee_prepositions: frozenset[str]
    place_prepositions: frozenset[str]
    bare_place_prepositions: frozenset[str]
    agent_prepositions: frozenset[str]
    not_target_prepositions: frozenset[str]
    expletive_negation: frozenset[str] = frozenset()
    owner_prepositions: frozenset[str] = frozenset()
    charge_words: frozenset[str] = frozenset()
    generic: frozenset[str] = frozenset()
    charge_prepositions: frozenset[str] = frozenset()

    @classmethod
    def from_data(cls, cues: Mapping[str, Any]) -> Cues:
        values = {f.name: frozenset(cues[f.name]) for f in fields(cls) if f.name in cues}
        values["hypothetical_aux_forms"] = frozenset(
            form for forms in cues["hypothetical_aux"].values() for form in forms
        )
        return cls(**values)
