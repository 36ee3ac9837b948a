"""Load and validate ``resources/event_types.yaml``: event types and their Italian triggers.

The file is the only place where types, triggers and argument hints live; this module
checks it (unknown keys, duplicates, lowercase lemmas) and builds the lookup tables the
component matches against. Regular inflections are generated here so that matching works
on the lowercase form when the lemmatizer (lookup or trained) disagrees with the data.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

import yaml
from spacy.util import registry

from .labels import PREP_BASE
from ..lexicon import LexiconError

RESOURCE = Path(__file__).resolve().parent.parent / "resources" / "event_types.yaml"

TYPE_NAME = re.compile(r"^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$")
TOP_KEYS = {"_meta", "cues", "types"}
META_KEYS = {"source", "date", "format", "version"}
CUE_KEYS = {"negation", "hypothetical", "hypothetical_aux", "hypothetical_governors",
            "uncertain", "support_verbs", "object_control"}
TYPE_KEYS = {"cameo", "description", "verbs", "nouns", "phrases", "forms", "exclude_forms",
             "context", "not_context",
             "ambiguous", "args", "control", "embedded_modality", "cameo_if_embedded"}
ROLES = {"actor", "target"}
CONTROL_VALUES = {"subject", "object"}
MODALITIES = ("asserted", "hypothetical", "uncertain")
PATH_STEP = re.compile(r"^(verb:|noun:)?[a-z]+(:[a-z_]+)?(/[a-z]+(:[a-z_]+)?)*$")


@dataclass(frozen=True)
class Entry:
    """One single-word trigger: ``lemma`` of ``type`` used as a verb or a noun."""
    type: str
    lemma: str
    pos: str  # "verb" | "noun"


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
    only: str | None  # "verb" | "noun" | None


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


@dataclass
class EventLexicon:
    raw: dict[str, Any]
    types: dict[str, TypeSpec]
    cues: dict[str, frozenset[str]]
    lemma_index: dict[str, list[Entry]] = field(default_factory=dict)
    form_index: dict[str, list[Entry]] = field(default_factory=dict)
    phrases: list[Phrase] = field(default_factory=list)
    excluded_forms: dict[str, frozenset[str]] = field(default_factory=dict)

    def candidates(self, lemma: str, lower: str) -> list[Entry]:
        """Entries whose lemma equals ``lemma`` or whose forms include ``lower``."""
        seen: dict[tuple[str, str, str], Entry] = {}
        by_lemma = [e for e in self.lemma_index.get(lemma, [])
                    if lower not in self.excluded_forms.get(e.type, ())]
        for entry in by_lemma + self.form_index.get(lower, []):
            seen.setdefault((entry.type, entry.lemma, entry.pos), entry)
        return list(seen.values())

    def to_json(self) -> str:
        return json.dumps(self.raw, ensure_ascii=False, indent=1, default=str)


# ----------------------------------------------------------------------------- inflection

def _is_lower(word: str) -> bool:
    return word == word.lower() and word.strip() == word and word != ""


def verb_forms(lemma: str) -> set[str]:
    """Third-person, participle, gerund, infinitive and conditional forms of a regular verb.

    Reflexive infinitives (``ritirarsi``) give both the plain and the ``-si`` forms.
    Irregular participles go in the data file's ``forms``.
    """
    forms = {lemma}
    base = lemma
    if lemma.endswith("rsi"):
        base = lemma[:-2] + "e"  # ritirarsi -> ritirare
        forms.add(base)
    if len(base) < 4 or base[-3:] not in ("are", "ere", "ire"):
        return forms
    stem, conj = base[:-3], base[-3]
    forms.update({base[:-1] + "si", stem + conj + "ndo" if conj == "a" else stem + "endo"})
    if conj == "a":
        fut = stem
        if stem.endswith(("c", "g")):
            fut = stem + "h"
        elif stem.endswith(("ci", "gi")):
            fut = stem[:-1]
        forms.update(stem + e for e in ("a", "ano", "ato", "ata", "ati", "ate", "ò", "arono",
                                         "ava", "avano", "asse", "assero", "ando", "andosi"))
        forms.update(fut + e for e in ("erà", "eranno", "erebbe", "erebbero"))
    elif conj == "e":
        forms.update(stem + e for e in ("e", "ono", "uto", "uta", "uti", "ute", "é", "ette",
                                         "erono", "ettero", "eva", "evano", "esse", "essero",
                                         "erà", "eranno", "erebbe", "erebbero", "endo"))
    else:
        forms.update(stem + e for e in ("e", "ono", "isce", "iscono", "ito", "ita", "iti",
                                         "ite", "ì", "irono", "iva", "ivano", "isse",
                                         "issero", "irà", "iranno", "irebbe", "irebbero",
                                         "endo"))
    return forms


def noun_forms(lemma: str) -> set[str]:
    """Singular and plural of a regular noun or adjective (both -ci and -chi for -co)."""
    forms = {lemma}
    if " " in lemma or "-" in lemma or lemma[-1:] in "àèéìòù" or len(lemma) < 3:
        return forms
    if lemma.endswith(("co", "go")):
        forms.update({lemma[:-1] + "hi", lemma[:-1] + "i"})
    elif lemma.endswith("io"):
        forms.add(lemma[:-1])
    elif lemma.endswith(("ca", "ga")):
        forms.add(lemma[:-1] + "he")
    elif lemma.endswith("a"):
        forms.update({lemma[:-1] + "e", lemma[:-1] + "i"})
    elif lemma.endswith(("o", "e")):
        forms.add(lemma[:-1] + "i")
    return forms


def word_forms(word: str, pos: str) -> set[str]:
    return verb_forms(word) if pos == "verb" else noun_forms(word)


def _looks_like_verb(word: str) -> bool:
    return word.endswith(("are", "ere", "ire", "rsi"))


# ----------------------------------------------------------------------------- validation

def _check_keys(where: str, data: Mapping, allowed: set[str], required: Iterable[str] = ()):
    if not isinstance(data, Mapping):
        raise LexiconError(f"{where}: expected a mapping, got {type(data).__name__}")
    unknown = set(data) - allowed
    if unknown:
        raise LexiconError(f"{where}: unknown keys {sorted(unknown)} (allowed: {sorted(allowed)})")
    missing = set(required) - set(data)
    if missing:
        raise LexiconError(f"{where}: missing keys {sorted(missing)}")


def _words(where: str, value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
        raise LexiconError(f"{where}: expected a list of strings")
    for word in value:
        if not _is_lower(word):
            raise LexiconError(f"{where}: '{word}' must be lowercase and trimmed")
    if len(set(value)) != len(value):
        dupes = sorted({w for w in value if value.count(w) > 1})
        raise LexiconError(f"{where}: duplicates {dupes}")
    return tuple(value)


def _parse_path(where: str, text: str) -> ArgPath:
    if not isinstance(text, str) or not PATH_STEP.match(text):
        raise LexiconError(f"{where}: bad argument path {text!r}")
    only = None
    for prefix in ("verb:", "noun:"):
        if text.startswith(prefix):
            only, text = prefix[:-1], text[len(prefix):]
    steps = []
    for step in text.split("/"):
        dep, _, prep = step.partition(":")
        if dep in ("obl", "nmod") and prep and prep != "agent":
            steps.append((dep, prep))
        else:
            steps.append((step, None))
    return ArgPath(tuple(steps), only)


def _context(where: str, key: str, spec: Mapping, verbs, nouns, name) -> dict[str, frozenset[str]]:
    context_raw = spec.get(key) or {}
    if not isinstance(context_raw, Mapping):
        raise LexiconError(f"{where}.{key}: expected {{lemma: [words]}}")
    context = {}
    for lemma, words in context_raw.items():
        if lemma not in set(verbs) | set(nouns):
            raise LexiconError(f"{where}.{key}: '{lemma}' is not a verb or noun of {name}")
        words = list(words or [])
        for w in words:
            if w.startswith("ent:"):
                if not w[4:].isupper():
                    raise LexiconError(f"{where}.{key}.{lemma}: entity label '{w}' must be upper case")
            elif not _is_lower(w):
                raise LexiconError(f"{where}.{key}.{lemma}: '{w}' must be lowercase")
        expanded = set(words)
        for w in words:
            if not w.startswith("ent:"):
                expanded |= noun_forms(w)
        context[lemma] = frozenset(expanded)
    return context


def parse_lexicon(raw: Mapping[str, Any]) -> EventLexicon:
    """Validate the data and build the indexes. Raises ``LexiconError``."""
    _check_keys("event types file", raw, TOP_KEYS, required=("_meta", "types"))
    _check_keys("_meta", raw["_meta"], META_KEYS, required=("source", "date", "format"))
    cues_raw = raw.get("cues") or {}
    _check_keys("cues", cues_raw, CUE_KEYS)
    cues = {key: frozenset(_words(f"cues.{key}", cues_raw.get(key))) for key in CUE_KEYS}

    types: dict[str, TypeSpec] = {}
    for name, spec in (raw["types"] or {}).items():
        where = f"types.{name}"
        if not isinstance(name, str) or not TYPE_NAME.match(name):
            raise LexiconError(f"{where}: type names are UPPER_SNAKE")
        _check_keys(where, spec, TYPE_KEYS)
        verbs = _words(f"{where}.verbs", spec.get("verbs"))
        nouns = _words(f"{where}.nouns", spec.get("nouns"))
        phrases = _words(f"{where}.phrases", spec.get("phrases"))
        if not (verbs or nouns or phrases):
            raise LexiconError(f"{where}: no verbs, nouns or phrases")
        for phrase in phrases:
            if len(phrase.split()) < 2:
                raise LexiconError(f"{where}.phrases: '{phrase}' is one word; list it in verbs or nouns")
        overlap = set(verbs) & set(nouns)
        if overlap:
            raise LexiconError(f"{where}: {sorted(overlap)} listed as both verb and noun")
        cameo = spec.get("cameo")
        if cameo is not None and not (isinstance(cameo, str) and cameo.isdigit()):
            raise LexiconError(f"{where}.cameo: a string of digits (quote it in YAML), got {cameo!r}")
        forms = spec.get("forms") or {}
        if not isinstance(forms, Mapping):
            raise LexiconError(f"{where}.forms: expected {{form: lemma}}")
        known_words = set(verbs) | set(nouns) | {w for p in phrases for w in p.split()}
        for form, lemma in forms.items():
            if not (isinstance(form, str) and isinstance(lemma, str) and _is_lower(form) and _is_lower(lemma)):
                raise LexiconError(f"{where}.forms: '{form}: {lemma}' must be lowercase strings")
            if lemma not in known_words:
                raise LexiconError(f"{where}.forms: '{form}' points to '{lemma}', not a trigger of {name}")
        _words(f"{where}.exclude_forms", spec.get("exclude_forms"))
        context = _context(where, "context", spec, verbs, nouns, name)
        not_context = _context(where, "not_context", spec, verbs, nouns, name)
        ambiguous = frozenset(_words(f"{where}.ambiguous", spec.get("ambiguous")))
        for lemma in ambiguous:
            if lemma not in set(verbs) | set(nouns):
                raise LexiconError(f"{where}.ambiguous: '{lemma}' is not a verb or noun of {name}")
        args_raw = spec.get("args") or {}
        _check_keys(f"{where}.args", args_raw, ROLES)
        args = {role: tuple(_parse_path(f"{where}.args.{role}", p) for p in (paths or []))
                for role, paths in args_raw.items()}
        control = spec.get("control", "subject")
        if control not in CONTROL_VALUES:
            raise LexiconError(f"{where}.control: one of {sorted(CONTROL_VALUES)}")
        embedded = spec.get("embedded_modality")
        if embedded is not None and embedded not in MODALITIES:
            raise LexiconError(f"{where}.embedded_modality: one of {MODALITIES}")
        cameo_if = spec.get("cameo_if_embedded") or {}
        if not isinstance(cameo_if, Mapping) or not all(
                isinstance(v, str) and v.isdigit() for v in cameo_if.values()):
            raise LexiconError(f"{where}.cameo_if_embedded: expected {{TYPE: \"code\"}}")
        types[name] = TypeSpec(name, cameo, str(spec.get("description", "")), verbs, nouns,
                               phrases, context, ambiguous, args, control, embedded,
                               dict(cameo_if), not_context)
    if not types:
        raise LexiconError("types: empty")
    for spec in types.values():
        for other in spec.cameo_if_embedded:
            if other not in types:
                raise LexiconError(f"types.{spec.name}.cameo_if_embedded: unknown type {other}")

    # Duplicates across types: a lemma, explicit form or phrase may belong to one type only,
    # unless every type listing it marks it ambiguous and gives it a context.
    owners: dict[str, set[str]] = {}
    for spec in types.values():
        for word in spec.verbs + spec.nouns + spec.phrases:
            owners.setdefault(word, set()).add(spec.name)
    for word, names in sorted(owners.items()):
        if len(names) > 1:
            for name in names:
                spec = types[name]
                if word not in spec.ambiguous or word not in spec.context:
                    raise LexiconError(
                        f"'{word}' is a trigger of {sorted(names)}: mark it `ambiguous` "
                        f"and give it a `context` in each, or keep it in one type")
    return _build_indexes(dict(raw), types, cues)


def _build_indexes(raw, types, cues) -> EventLexicon:
    lex = EventLexicon(raw=raw, types=types, cues=cues)
    for spec in types.values():
        forms = (raw["types"][spec.name].get("forms") or {})
        excluded = set(raw["types"][spec.name].get("exclude_forms") or ())
        lex.excluded_forms[spec.name] = frozenset(excluded)
        for pos, words in (("verb", spec.verbs), ("noun", spec.nouns)):
            for lemma in words:
                entry = Entry(spec.name, lemma, pos)
                lex.lemma_index.setdefault(lemma, []).append(entry)
                if pos == "verb" and lemma.endswith("rsi"):
                    lex.lemma_index.setdefault(lemma[:-2] + "e", []).append(entry)
                extra = {f for f, lem in forms.items() if lem == lemma}
                for form in (word_forms(lemma, pos) - excluded) | extra:
                    lex.form_index.setdefault(form, []).append(entry)
        for text in spec.phrases:
            words = text.split()
            slots = []
            for i, word in enumerate(words):
                if word in ARTICLES_OR_EMPTY:
                    slots.append(frozenset(ARTICLES_OR_EMPTY))
                    continue
                if i == 0:
                    pos = "verb" if _looks_like_verb(word) else "noun"
                    options = word_forms(word, pos)
                elif word in PREP_BASE:
                    options = {word}
                else:
                    options = noun_forms(word)
                options |= {f for f, lem in forms.items() if lem == word}
                slots.append(frozenset(options))
            head_pos = "verb" if _looks_like_verb(words[0]) else "noun"
            lex.phrases.append(Phrase(spec.name, text, tuple(slots), head_pos))
    return lex


ARTICLES_OR_EMPTY = {"il", "lo", "la", "i", "gli", "le", "l'", "l’", "un", "uno", "una",
                     "un'", "un’"}


def load_lexicon(path: str | Path | None = None) -> EventLexicon:
    """Read and validate the event types file (YAML or JSON)."""
    path = Path(path) if path else RESOURCE
    text = path.read_text(encoding="utf8")
    raw = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    return parse_lexicon(raw)


@registry.misc("pipeline.it_event_lexicon.v1")
def make_event_lexicon(path: str | None = None) -> EventLexicon:
    """Registered loader named in the ``it_events`` config."""
    return load_lexicon(path)
