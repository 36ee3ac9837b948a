"""Shared helper of the README's "extending the Italian" guide tests."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pipeline.lang.loader import DATA_DIR


def edited_copy(tmp_path: Path, name: str, edit: Callable[[Any], None]) -> str:
    """Copy one data file to tmp_path and apply the edit: the other files stay shipped."""
    path = tmp_path / f"{name}.json"
    shutil.copy(DATA_DIR / f"{name}.json", path)
    data = json.loads(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return str(tmp_path)
