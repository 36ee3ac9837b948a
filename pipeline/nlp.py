"""Build the spaCy pipeline in one place: a base model plus the project's components."""

from __future__ import annotations

import importlib.util
import logging
from pathlib import Path

import spacy
from spacy.language import Language

import pipeline  # noqa: F401  (registers extensions and factories)

log = logging.getLogger(__name__)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SHIPPED_MODEL = PROJECT_ROOT / "models" / "it_news"
BLANK = "blank"
DEFAULT_MODEL = "default"

# Our components, in the order they must run (all after the base model's NER): numbers
# read the date spans to leave digits inside dates alone; it_entity_rules corrects the
# NER's ents (skipped without a ner) before it_entities reads them; events read all three.
OWN_COMPONENTS = ("it_dates", "it_numbers", "it_entity_rules", "it_entities", "it_events")
#: components that correct the NER's entities: added only when the base model has a ``ner``
NEEDS_NER = frozenset({"it_entity_rules"})


class ModelNotFoundError(RuntimeError):
    """The requested base model is neither installed nor a pipeline folder."""


class ModelLoadError(ModelNotFoundError):
    """The model was found but cannot be loaded (one line, like a missing model)."""


def resolve_model_name(model: str | None) -> str:
    """Map the user's ``--model`` to something loadable ("default" = shipped or blank)."""
    if model in (None, "", DEFAULT_MODEL):
        return str(SHIPPED_MODEL) if (SHIPPED_MODEL / "meta.json").exists() else BLANK
    return model


def _not_found(name: str) -> ModelNotFoundError:
    return ModelNotFoundError(
        f"model '{name}' not found: install it (e.g. `pip install it_core_news_sm` "
        f"with internet access), train ours with `make model`, or use MODEL={BLANK}"
    )


def model_location(model: str | None) -> Path | None:
    """The folder of the model's files (None for blank), found without loading it."""
    name = resolve_model_name(model)
    if name == BLANK:
        return None
    if Path(name).is_dir():
        return Path(name)
    spec = importlib.util.find_spec(name) if name.isidentifier() else None
    if spec is None or spec.origin is None:
        raise _not_found(name)
    return Path(spec.origin).parent


def load_base(model: str | None) -> Language:
    name = resolve_model_name(model)
    if name == BLANK:
        return blank_italian()
    try:
        return spacy.load(name)
    except OSError as exc:
        raise _not_found(name) from exc


def blank_italian() -> Language:
    """Blank Italian with lookup lemmas and rule sentences: runs with no trained model."""
    nlp = spacy.blank("it")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()  # loads the lookup tables from spacy-lookups-data, offline
    return nlp


def build_nlp(model: str | None = None) -> Language:
    """The base model named by ``model`` plus our registered components, in order."""
    nlp = load_base(model)
    warn_missing_syntax(nlp)
    add_paragraph_breaks(nlp)
    for factory in OWN_COMPONENTS:
        if factory in nlp.pipe_names or (factory in NEEDS_NER and "ner" not in nlp.pipe_names):
            continue
        if not nlp.has_factory(factory):
            log.debug("factory %s not registered, skipped", factory)
            continue
        nlp.add_pipe(factory)
    return nlp


def add_paragraph_breaks(nlp: Language) -> None:
    """Blank lines start sentences: before the parser, or after a rule sentencizer."""
    name = "it_paragraph_breaks"
    if name in nlp.pipe_names:
        return
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(name, before="parser")
    elif "senter" in nlp.pipe_names:
        nlp.add_pipe(name, after="senter")
    elif "sentencizer" in nlp.pipe_names:
        nlp.add_pipe(name, after="sentencizer")
    else:
        nlp.add_pipe(name, first=True)


def warn_missing_syntax(nlp: Language) -> None:
    missing = [c for c in ("parser", "ner") if c not in nlp.pipe_names]
    if missing:
        log.warning(
            "pipeline '%s' has no %s: entities and/or syntactic event arguments will be "
            "missing (train ours with `make model`)",
            nlp.meta.get("name", "?"),
            ", ".join(missing),
        )
