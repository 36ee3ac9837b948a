"""Our extension values in spaCy's binary formats (``DocBin``, ``Doc.to_bytes``).

spaCy keeps extension values in ``doc.user_data`` and packs them with srsly's msgpack,
which knows only plain types. These two functions, registered as srsly msgpack encoders
and decoders when the package is imported (by ``import pipeline``, or by spaCy through
the entry points when a pipeline with our components is loaded), write each record (``Timex``, ``Quantity``, ``Event``,
``Argument``, ``EntityRecord``) and the publication date as a small tagged dict and
build the same object back.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any

import srsly

from .entities.record import EntityRecord
from .events.record import Argument, Event
from .normalize.dates.records import Timex
from .normalize.numbers import Quantity

TAG = "__pipeline__"
REGISTERED_NAME = "pipeline_records"
RECORDS: dict[str, type] = {cls.__name__: cls for cls in (Timex, Quantity, Event, Argument, EntityRecord)}
_DATE = "date"

Chain = Callable[[Any], Any] | None


def encode(obj: Any, chain: Chain = None) -> Any:
    """A record or a date → a tagged dict msgpack can write; anything else to ``chain``."""
    name = type(obj).__name__
    if RECORDS.get(name) is type(obj) and dataclasses.is_dataclass(obj):
        fields = {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}
        return {TAG: name, "fields": fields}
    if type(obj) is dt.date:
        return {TAG: _DATE, "iso": obj.isoformat()}
    return obj if chain is None else chain(obj)


def decode(obj: Any, chain: Chain = None) -> Any:
    """A tagged dict → the record or date it was; anything else to ``chain``."""
    if isinstance(obj, dict) and TAG in obj:
        name = obj[TAG]
        if name == _DATE:
            return dt.date.fromisoformat(obj["iso"])
        if name in RECORDS:
            return RECORDS[name](**obj["fields"])
    return obj if chain is None else chain(obj)


def register() -> None:
    """Register the encoder and decoder with srsly (idempotent)."""
    srsly.msgpack_encoders.register(REGISTERED_NAME, func=encode)
    srsly.msgpack_decoders.register(REGISTERED_NAME, func=decode)
