"""Corrections of the statistical NER's ``doc.ents`` (no spaCy): see :mod:`.rules`."""

from .lexicon import DATA_FILES, Entry, RulesLexicon, key
from .rules import Ent, Settings, Tok, correct, headline_case, truecase

__all__ = [
    "DATA_FILES",
    "Ent",
    "Entry",
    "RulesLexicon",
    "Settings",
    "Tok",
    "correct",
    "headline_case",
    "key",
    "truecase",
]
