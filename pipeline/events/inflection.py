"""A small generic inflector driven by ``pipeline/lang/it/inflection.json``.

It knows no Italian itself: the conjugation classes (infinitive ending -> endings on the
stem), the reflexive infinitives, the noun plural rules and the invariable endings are
all data. Trigger matching uses it to accept the surface form of a verb or noun when the
lemmatizer (lookup or trained) disagrees with the data.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..lang.loader import LanguageDataError

FILE = "inflection.json"
#: the parts of speech the inflector knows
VERB, NOUN = "verb", "noun"


def _bare(suffix: str) -> str:
    """The data writes suffixes with a leading hyphen ("-ato"): strip it."""
    return suffix[1:]


def _longest_first(suffixes: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(suffixes, key=lambda s: (-len(s), s)))


@dataclass(frozen=True)
class VerbClass:
    infinitive: str  # "are"
    endings: tuple[str, ...]  # added to the stem
    future_endings: tuple[str, ...]  # added to the stem after future_stem_changes
    future_stem_changes: tuple[tuple[str, str], ...]  # longest stem-final letters first

    def forms(self, stem: str) -> set[str]:
        forms = {stem + ending for ending in self.endings}
        if self.future_endings:
            future_stem = stem
            for old, new in self.future_stem_changes:
                if stem.endswith(old):
                    future_stem = stem[: len(stem) - len(old)] + new
                    break
            forms.update(future_stem + ending for ending in self.future_endings)
        return forms


class Inflector:
    """Regular forms of Italian verbs and nouns, from the inflection table."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        classes = [
            VerbClass(
                _bare(infinitive),
                tuple(_bare(e) for e in spec["endings"]),
                tuple(_bare(e) for e in spec.get("future_endings", ())),
                tuple(
                    (_bare(old), _bare(new))
                    for old, new in sorted(spec.get("future_stem_changes", {}).items(), key=lambda kv: -len(kv[0]))
                ),
            )
            for infinitive, spec in data["verb_classes"].items()
        ]
        self.verb_classes: dict[str, VerbClass] = {c.infinitive: c for c in classes}
        self.infinitive_endings = _longest_first(self.verb_classes)
        self.reflexive: dict[str, str] = {}
        for reflexive, plain in data["reflexive_infinitives"].items():
            if _bare(plain) not in self.verb_classes:
                raise LanguageDataError(f"{FILE}: reflexive_infinitives/{reflexive}: {plain!r} is not a verb class")
            self.reflexive[_bare(reflexive)] = _bare(plain)
        self.reflexive_endings = _longest_first(self.reflexive)
        self.conditional_endings = tuple(_bare(e) for e in data["conditional_endings"])
        self.noun_plurals: dict[str, tuple[str, ...]] = {
            _bare(sg): tuple(_bare(p) for p in plurals) for sg, plurals in data["noun_plurals"].items()
        }
        self.noun_endings = _longest_first(self.noun_plurals)
        self.invariable_endings = tuple(_bare(e) for e in data["invariable_endings"])

    # --- verbs -----------------------------------------------------------------------------
    def plain_infinitive(self, lemma: str) -> str | None:
        """The plain infinitive of a reflexive one ("ritirarsi" -> "ritirare"), else None."""
        for ending in self.reflexive_endings:
            if lemma.endswith(ending):
                return lemma[: len(lemma) - len(ending)] + self.reflexive[ending]
        return None

    def is_infinitive(self, word: str) -> bool:
        """Ends like an infinitive, plain or reflexive (a guess on the form only)."""
        return word.endswith(self.infinitive_endings) or word.endswith(self.reflexive_endings)

    def is_conditional(self, word: str) -> bool:
        return word.endswith(self.conditional_endings)

    def verb_forms(self, lemma: str) -> set[str]:
        """The lemma and the regular forms of its class; a reflexive lemma also gives the
        plain infinitive's forms. Irregular forms are data (``forms`` of the event types)."""
        forms = {lemma}
        base = self.plain_infinitive(lemma)
        if base is not None:
            forms.add(base)
        else:
            base = lemma
        for ending in self.infinitive_endings:
            # the stem must not be empty: a word that is only an ending is no verb
            if base.endswith(ending) and len(base) > len(ending):
                forms |= self.verb_classes[ending].forms(base[: len(base) - len(ending)])
                break
        return forms

    # --- nouns -----------------------------------------------------------------------------
    def noun_forms(self, lemma: str) -> set[str]:
        """Singular and plural of a regular noun or adjective; multi-word, hyphenated,
        very short and invariable words are returned as they are."""
        forms = {lemma}
        if " " in lemma or "-" in lemma or len(lemma) < 3 or lemma.endswith(self.invariable_endings):
            return forms
        for ending in self.noun_endings:
            if lemma.endswith(ending):
                stem = lemma[: len(lemma) - len(ending)]
                forms.update(stem + plural for plural in self.noun_plurals[ending])
                break
        return forms

    def word_forms(self, word: str, pos: str) -> set[str]:
        return self.verb_forms(word) if pos == VERB else self.noun_forms(word)
