"""spaCy factories of the project. Importing a module registers its factory."""

from . import dates, entities, entity_rules, events, numbers, paragraphs  # noqa: F401
