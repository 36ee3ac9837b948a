"""No Italian word lists in Python: every word the data files list stays in the data.

Scans the string literals (docstrings excepted) of every module of the package for words
that the language data files list as forms. A hit means a rule or a list of the code
carries Italian that a linguist could not find or change in ``pipeline/lang/it/``.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from pipeline.lang.loader import shipped

PACKAGE = Path(__file__).resolve().parents[2] / "pipeline"
WORD = re.compile(r"(?<![\w-])[a-zàèéìíòóù]+'?(?![\w-])", re.IGNORECASE)
# Forms that are also English words or names used by the code itself (column names,
# value codes, CSS-like labels): they are not Italian in the code.
NOT_ITALIAN_IN_CODE = frozenset({
    "a", "i", "e", "o", "in", "ad", "date", "ore", "art", "set", "ago", "mar", "dom",
    "data", "type", "mod", "val", "pre", "post", "end", "start", "per", "k", "no", "ha", "la", "le",
})
# Keys of the data files whose values are descriptions or codes, not Italian forms.
NOT_FORMS = {"_meta", "description", "ambiguous_readings", "args", "cameo", "control",
             "embedded_modality", "cameo_if_embedded"}


def data_forms() -> set[str]:
    forms: set[str] = set()

    def walk(node, key):
        if key in NOT_FORMS:
            return
        if isinstance(node, dict):
            for k, v in node.items():
                if k not in NOT_FORMS:  # keys below a file's sections are forms
                    forms.update(w.lower() for w in WORD.findall(k))
                if key == "ambiguous":  # values are English readings
                    continue
                walk(v, k)
        elif isinstance(node, list):
            for v in node:
                walk(v, key)
        elif isinstance(node, str) and node == node.lower():
            forms.update(WORD.findall(node))

    data = shipped()
    for name in data:
        for section, content in data[name].items():
            walk(content, section)
    return {f for f in forms if f not in NOT_ITALIAN_IN_CODE}


def string_literals(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in docstrings]


FORMS = data_forms()
MODULES = sorted(p for p in PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_has_no_italian_forms(path):
    hits = [(line, w) for line, text in string_literals(path)
            for w in WORD.findall(text) if w in FORMS]
    assert not hits, f"Italian in {path.name} (move it to pipeline/lang/it/): {hits[:20]}"


def test_scanner_sees_italian():
    # the scanner itself must fire: a month name and an articulated preposition are forms
    assert {"gennaio", "dell'"} <= FORMS
