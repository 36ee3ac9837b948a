"""The one loader and validator of the language data in ``pipeline/lang/it/``.

Every data file is a JSON object opening with a ``_meta`` block (source, date, format)
and is checked against its JSON Schema, ``pipeline/lang/schemas/<name>.json``, whose
shared definitions (a lowercase form, a list of forms...) live in ``schemas/common.json``.
Strict reading rejects a key given twice. An error names the file, the key path and the
problem: ``months.json: abbreviations/Gen: 'Gen' is not lowercase``.

Components get their data through the registered function
``pipeline.it_language_data.v1``, so a config can point them at another folder: its files
replace the shipped ones of the same name, the others are taken from the package.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from spacy.util import registry

LANG_DIR = Path(__file__).resolve().parent
DATA_DIR = LANG_DIR / "it"
SCHEMA_DIR = LANG_DIR / "schemas"
COMMON_SCHEMA = "common.json"


class LanguageDataError(ValueError):
    """A data file is missing, is not JSON or breaks its schema; the message names it."""


def _reject_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise LanguageDataError(f"duplicate key {key!r}")
        seen[key] = value
    return seen


def parse_json(text: str, where: str) -> Any:
    """Strict JSON: a duplicate key is an error, not a silent overwrite."""
    try:
        return json.loads(text, object_pairs_hook=_reject_duplicate_keys)
    except LanguageDataError as exc:
        raise LanguageDataError(f"{where}: {exc}") from None
    except json.JSONDecodeError as exc:
        raise LanguageDataError(f"{where}: not valid JSON ({exc})") from None


@cache
def _schema_registry() -> Registry:
    resources = []
    for path in sorted(SCHEMA_DIR.glob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resources.append((path.name, Resource.from_contents(schema)))
    return Registry().with_resources(resources)


@cache
def validator(name: str) -> Draft202012Validator:
    """The validator of data file ``name`` (e.g. ``months``)."""
    path = SCHEMA_DIR / f"{name}.json"
    if not path.exists():
        raise LanguageDataError(f"{name}.json: no schema {path.name} in {SCHEMA_DIR}")
    schema = json.loads(path.read_text(encoding="utf-8"))
    return Draft202012Validator(schema, registry=_schema_registry())


def validate(name: str, data: Any) -> dict[str, Any]:
    """Check ``data`` against its schema; the first error names file, key path and problem."""
    errors = sorted(validator(name).iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        err = errors[0]
        where = "/".join(str(p) for p in err.absolute_path) or "(top level)"
        message = err.message
        if err.validator == "pattern" and "A-Z" in str(err.validator_value):
            message = f"{err.instance!r} is not a lowercase, trimmed form"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise LanguageDataError(f"{name}.json: {where}: {message}{more}")
    return data


def read_file(path: Path) -> dict[str, Any]:
    """Read and validate one data file; the schema is chosen by the file name."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise LanguageDataError(f"{path.name}: cannot read ({exc.strerror})") from None
    return validate(path.stem, parse_json(text, path.name))


def available(directory: Path = DATA_DIR) -> list[str]:
    return sorted(p.stem for p in directory.glob("*.json"))


class LanguageData(Mapping[str, dict[str, Any]]):
    """Validated data files by name (``data["months"]``), read once each.

    ``directory`` files replace the shipped ones of the same name; ``files`` (name ->
    parsed content) replace both, which is how a saved component is restored.
    """

    def __init__(self, directory: Path | str | None = None, files: Mapping[str, Any] | None = None) -> None:
        self.directory = Path(directory) if directory else None
        if self.directory is not None and not self.directory.is_dir():
            raise LanguageDataError(f"language data folder {self.directory} does not exist")
        self._cache: dict[str, dict[str, Any]] = {}
        for name, content in (files or {}).items():
            self._cache[name] = validate(name, content)

    def _path(self, name: str) -> Path:
        if self.directory is not None and (self.directory / f"{name}.json").exists():
            return self.directory / f"{name}.json"
        return DATA_DIR / f"{name}.json"

    def __getitem__(self, name: str) -> dict[str, Any]:
        if name not in self._cache:
            path = self._path(name)
            if not path.exists():
                raise LanguageDataError(f"{name}.json: no such language data file in {DATA_DIR}")
            self._cache[name] = read_file(path)
        return self._cache[name]

    def __iter__(self):
        names = set(available()) | set(self._cache)
        if self.directory is not None:
            names |= set(available(self.directory))
        return iter(sorted(names))

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def subset(self, names: Iterable[str]) -> dict[str, dict[str, Any]]:
        """The named files, loaded: what a component saves with the pipeline."""
        return {name: self[name] for name in names}

    def to_disk(self, path: Path | str, names: Iterable[str]) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        for name, content in self.subset(names).items():
            (path / f"{name}.json").write_text(
                json.dumps(content, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
            )

    @classmethod
    def from_disk(cls, path: Path | str) -> LanguageData:
        path = Path(path)
        return cls(
            files={p.stem: parse_json(p.read_text(encoding="utf-8"), p.name) for p in sorted(path.glob("*.json"))}
        )

    def to_bytes(self, names: Iterable[str]) -> bytes:
        return json.dumps(self.subset(names), ensure_ascii=False, sort_keys=True).encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes) -> LanguageData:
        return cls(files=parse_json(data.decode("utf-8"), "serialised language data"))


@cache
def shipped() -> LanguageData:
    """The package's own data, loaded once per process."""
    return LanguageData()


@registry.misc("pipeline.it_language_data.v1")
def language_data(path: str | None = None) -> LanguageData:
    """The Italian language data: the shipped files, or ``path``'s files in their place."""
    return shipped() if not path else LanguageData(path)
