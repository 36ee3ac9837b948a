"""Event extraction rules: compiled lexicon, per-Doc context, trigger matching, UD helpers,
argument filling, attachment of places/dates/quantities, modality, and the record."""

from .record import ROW_COLUMNS, Argument, Event  # noqa: F401
