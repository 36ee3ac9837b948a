"""What every language-data loader shares: one error type and strict JSON reading."""
from __future__ import annotations

import json
from typing import Any


class LexiconError(ValueError):
    """A resource file breaks its schema (unknown key, duplicate, not lowercase...)."""


def reject_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """``object_pairs_hook`` for json: a key given twice is an error, not a silent overwrite."""
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise LexiconError(f"duplicate key {key!r}")
        seen[key] = value
    return seen


def strict_json_loads(text: str) -> Any:
    return json.loads(text, object_pairs_hook=reject_duplicate_keys)
