"""Italian news extraction: entities, dates, numbers and events as tables.

Importing the package registers the Doc/Span extensions and the spaCy factories
(``it_dates``, ``it_numbers``, ``it_entities``, ``it_events``) so that any pipeline can add them by name.
"""

from . import (
    components,  # noqa: F401  (registers factories)
    extensions,  # noqa: F401  (registers extension attributes)
)
