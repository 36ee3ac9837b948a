"""Italian news extraction: entities, dates, numbers and events as tables.

Importing the package registers the Doc/Span extensions and the spaCy factories
(``it_dates``, ``it_numbers``, ``it_entities``, ``it_events``) so that any pipeline can add
them by name (installed, the spaCy entry points do this without the import).

The Python API (see the README, "Python API")::

    import pipeline

    annotator = pipeline.Annotator()                         # build once
    record = annotator.annotate("Ieri ...", published="2024-05-20")
    tables = pipeline.load_tables("outputs")                  # typed DataFrames
"""

from typing import Any

from . import (
    components,  # noqa: F401  (registers factories)
    extensions,  # noqa: F401  (registers extension attributes)
)

# loaded on first use: pyarrow and the model are not needed to register the components
_LAZY = {"load_tables": "typed"}
__all__ = sorted(_LAZY)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
