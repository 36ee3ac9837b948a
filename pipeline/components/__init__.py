"""spaCy factories of the project. Importing a module registers its factory."""

from . import dates, events, numbers, paragraphs  # noqa: F401
