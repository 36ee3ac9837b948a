"""The event record stored on ``Span._.event`` and its flat table row."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..inventories import EVENT_ROLES, MODALITIES

#: roles whose row columns give a normalised value; the others give the entity label
VALUED_ROLES = ("date", "quantity")
#: roles that are participants: their rows also say who they are (entities component)
LINKED_ROLES = ("actor", "target", "place")
LINK_FIELDS = ("entity_id", "canonical", "country")
#: several entities in one argument ("Burkina Faso, Mali e Niger"): their ids, names and
#: countries joined, in text order
JOIN = "|"
ROW_COLUMNS = (
    "trigger",
    "type",
    "event_id",
    "cameo",
    "actor",
    "actor_start",
    "actor_end",
    "actor_label",
    "target",
    "target_start",
    "target_end",
    "target_label",
    "place",
    "place_start",
    "place_end",
    "place_label",
    "date",
    "date_start",
    "date_end",
    "date_value",
    "quantity",
    "quantity_start",
    "quantity_end",
    "quantity_value",
    "negated",
    "modality",
    *(f"{role}_{field}" for role in LINKED_ROLES for field in LINK_FIELDS),
)


@dataclass(frozen=True)
class Argument:
    """One event argument: text and character offsets in the Doc.

    ``label`` is the entity label (PER/LOC/ORG/MISC) when the argument is an entity,
    "DATE" or "NUM" for dates and quantities, else None. ``value`` is the normalised
    date (ISO string) or number for those two, else None. ``entity_id``, ``canonical`` and
    ``country`` say who an actor, target or place is: the entity it is or contains (ids,
    names and countries of several joined with ``JOIN``), else the country of a demonym
    in it ("i soldati americani": country US, no entity).
    """

    text: str
    start: int
    end: int
    label: str | None = None
    value: Any = None
    entity_id: str | None = None
    canonical: str | None = None
    country: str | None = None


@dataclass(frozen=True)
class Event:
    type: str
    trigger: str
    cameo: str | None = None
    actor: Argument | None = None
    target: Argument | None = None
    place: Argument | None = None
    date: Argument | None = None
    quantity: Argument | None = None
    negated: bool = False
    modality: str = MODALITIES[0]  # one of inventories.MODALITIES
    #: shared by the mentions of one real-world event in the article (see ``records.py``)
    event_id: str | None = None

    def as_row(self) -> dict[str, Any]:
        """Flat dict with the columns of ``ROW_COLUMNS``; empty values are None."""
        row: dict[str, Any] = {
            "trigger": self.trigger,
            "type": self.type,
            "event_id": self.event_id,
            "cameo": self.cameo,
        }
        for role in EVENT_ROLES:
            arg = getattr(self, role)
            extra = "value" if role in VALUED_ROLES else "label"
            row[role] = arg.text if arg else None
            row[f"{role}_start"] = arg.start if arg else None
            row[f"{role}_end"] = arg.end if arg else None
            row[f"{role}_{extra}"] = getattr(arg, extra) if arg else None
        row["negated"] = self.negated
        row["modality"] = self.modality
        for role in LINKED_ROLES:
            arg = getattr(self, role)
            for name in LINK_FIELDS:
                row[f"{role}_{name}"] = getattr(arg, name) if arg else None
        return {key: row[key] for key in ROW_COLUMNS}
