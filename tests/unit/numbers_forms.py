"""Shared helpers of the numbers' class tests (test_numbers_forms_*.py)."""

from __future__ import annotations

from spacy.language import Language

from pipeline.nlp import blank_italian


def numbers_only() -> Language:
    """A blank Italian pipeline with only ``it_numbers``: the class tests need no model."""
    nlp = blank_italian()
    nlp.add_pipe("it_numbers")
    return nlp


def numbers(nlp: Language, text: str) -> list[tuple[str, object]]:
    """(text, value) of every number span found in ``text``."""
    doc = nlp(text)
    return [(s.text, s._.num_value) for s in doc.spans["numbers"]]


def one(nlp: Language, text: str, span: str):
    """The value of the number span written ``span``; fails naming what was found."""
    found = [q for t, q in numbers(nlp, text) if t == span]
    assert found, f"{span!r} not found in {numbers(nlp, text)}"
    return found[0]
