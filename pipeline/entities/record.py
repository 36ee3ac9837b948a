"""The record stored on ``Span._.entity`` (entities and demonyms) and its table columns."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: the columns an entity mention adds to its table row
ROW_COLUMNS = ("entity_id", "canonical", "kind", "country")


@dataclass(frozen=True)
class EntityRecord:
    """Who a mention is.

    ``entity_id`` is one id per distinct entity within the article ("E1", "E2"... in order
    of first mention; None for a demonym, which names a country but is no entity);
    ``canonical`` the Italian canonical name (the same across articles for the entities of
    the gazetteers); ``kind`` one of ``inventories.ENTITY_KINDS``; ``country`` an ISO 3166-1
    alpha-2 code or None.
    """

    entity_id: str | None
    canonical: str | None
    kind: str
    country: str | None = None

    def as_row(self) -> dict[str, Any]:
        return {"entity_id": self.entity_id, "canonical": self.canonical, "kind": self.kind, "country": self.country}
