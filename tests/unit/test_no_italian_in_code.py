"""No Italian word lists in Python: every word the data files list stays in the data.

Scans the string literals (docstrings excepted) of every module of the package for words
that the language data files list as forms: the positions their JSON Schemas declare as
``common.json#/$defs/form``, and the words of the data's regular expressions. A hit means a rule or a list of the code
carries Italian that a linguist could not find or change in ``pipeline/lang/it/``.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from pipeline.lang.loader import shipped

PACKAGE = Path(__file__).resolve().parents[2] / "pipeline"
WORD = re.compile(r"(?<![\w-])[a-zàèéìíòóù]+'?(?![\w-])", re.IGNORECASE)
# Forms that are also English words or names the code uses for itself (keys, column
# names, regex group names: "mi" is the minutes of a clock time): not Italian there.
# Single letters are not checked either (format codes, units: "m", "h").
NOT_ITALIAN_IN_CODE = frozenset(
    {
        "in",
        "ad",
        "date",
        "ore",
        "art",
        "set",
        "ago",
        "mar",
        "dom",
        "or",
        "meta",
        "mi",
        "data",
        "type",
        "mod",
        "val",
        "pre",
        "post",
        "end",
        "start",
        "per",
        "no",
        "ha",
        "weekend",  # a TIMEX3 granularity and the dates rule of that name (English)
    }
)
SCHEMAS = Path(__file__).resolve().parents[2] / "pipeline" / "lang" / "schemas"
# In a data file's regular expressions: named groups, class and macro references and
# escapes are syntax; the other words are Italian.
REGEX_SYNTAX = re.compile(r"\(\?P<\w+>|\(\?P=\w+\)|\{[^}]*\}|\\[a-zA-Z]|\[[^\]]*\]")


def _load(name: str) -> dict:
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


COMMON = _load("common.json")
FORM = COMMON["$defs"]["form"]


def _resolve(schema: dict, doc: dict) -> tuple[dict, dict]:
    while "$ref" in schema:
        target, _, pointer = schema["$ref"].partition("#")
        doc = _load(target) if target else doc
        schema = doc
        for part in pointer.strip("/").split("/") if pointer else ():
            schema = schema[part]
    return schema, doc


def _is_form(schema: dict, doc: dict) -> bool:
    schema, doc = _resolve(schema, doc)
    if schema is FORM or schema == FORM:
        return True
    return any(_is_form(sub, doc) for key in ("allOf", "anyOf", "oneOf") for sub in schema.get(key, ()))


def _is_regex(schema: dict, doc: dict) -> bool:
    schema, doc = _resolve(schema, doc)
    return schema.get("format") == "regex" or "regular expression" in schema.get("description", "")


def data_forms() -> set[str]:
    """Words in the positions the schemas declare as forms (and in data regexes)."""
    forms: set[str] = set()

    def add(text: str) -> None:
        if text.startswith("@"):  # a reference to a word class or group, not a word
            return
        forms.update(w for w in WORD.findall(text) if w == w.lower())

    def walk(node, schema: dict, doc: dict) -> None:
        schema, doc = _resolve(schema, doc)
        if isinstance(node, str):
            if _is_form(schema, doc) and re.match(FORM["pattern"], node):  # not "ent:PER"
                add(node)
            elif _is_regex(schema, doc):
                add(REGEX_SYNTAX.sub(" ", node))
            return
        subs = [s for key in ("allOf", "anyOf", "oneOf") for s in schema.get(key, ())]
        for sub in subs:
            walk(node, sub, doc)
        if isinstance(node, dict):
            names = schema.get("propertyNames")
            for key, value in node.items():
                if names is not None and _is_form(names, doc):
                    add(key)
                sub = schema.get("properties", {}).get(key, schema.get("additionalProperties"))
                if isinstance(sub, dict):
                    walk(value, sub, doc)
        elif isinstance(node, list) and isinstance(schema.get("items"), dict):
            for value in node:
                walk(value, schema["items"], doc)

    data = shipped()
    for name in data:
        schema = _load(f"{name}.json")
        walk(data[name], schema, schema)
    return {f for f in forms if f not in NOT_ITALIAN_IN_CODE and len(f.rstrip("'")) > 1}


def string_literals(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


FORMS = data_forms()
MODULES = sorted(p for p in PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_has_no_italian_forms(path):
    hits = [(line, w) for line, text in string_literals(path) for w in WORD.findall(text) if w in FORMS]
    assert not hits, f"Italian in {path.name} (move it to pipeline/lang/it/): {hits[:20]}"


def test_scanner_sees_italian():
    # the scanner itself must fire: a month name and an articulated preposition are forms
    assert {"gennaio", "dell'"} <= FORMS
