"""Compile the date language data of ``pipeline/lang/it/`` into the tables and word
classes the date grammar reads. Pure Python, no spaCy.

The data files (each listed in :data:`DATA_FILES`) are validated by their JSON Schemas
when loaded; the checks a schema cannot express (a list naming forms of another table,
a class referring to a file or section that does not exist) are done here and raise
:class:`~pipeline.lang.loader.LanguageDataError` naming the file, the key and the problem.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from ...lang.loader import LanguageDataError
from .numerals import number_value

#: the data files the date grammar reads (saved with the component)
DATA_FILES = (
    "months",
    "weekdays",
    "seasons",
    "festivities",
    "time_units",
    "relative_words",
    "deictic",
    "parts_of_day",
    "clock",
    "date_sets",
    "date_qualifiers",
    "date_cues",
    "future_tense",
    "name_heads",
    "date_rules",
    "function_words",
    "number_words",
    "percent",
)

# list key -> the table its forms must belong to (file, list section, table section)
SUBSETS = (
    ("time_units", "with_relative_words", "singular"),
    ("time_units", "bare_durations", "plural"),
    ("time_units", "vague_durations", "plural"),
    ("time_units", "whole_day", "singular"),
    ("parts_of_day", "after_this", "names"),
    ("parts_of_day", "after_in", "names"),
    ("parts_of_day", "after_clock", "names"),
    ("festivities", "capitalised_only", "fixed|easter"),
    ("relative_words", "need_article", "words"),
    ("date_qualifiers", "plural_qualifiers", "qualifiers"),
    ("date_cues", "year_list_cues", "year_cues"),
)


# a word-final vowel may be written with an accent (ventitré, trentatré)
FINAL_ACCENTS = {"a": "à", "e": "èé", "i": "ì", "o": "ò", "u": "ù"}


def key(text: str) -> str:
    """The lookup form of matched text: lowercase, one space, straight apostrophe."""
    return re.sub(r"\s+", " ", text.lower()).replace("’", "'")


def alternation(forms: Iterable[str], spaced: bool = False) -> str:
    """Regex alternation of forms, longest first; spaces match any whitespace,
    apostrophes match both ' and ’. ``spaced``: each form is followed by its space
    (none needed after an apostrophe: l'anno, quest'estate)."""
    out = []
    for form in sorted(set(forms), key=lambda f: (-len(f), f)):
        p = re.escape(form).replace(r"\ ", r"\s+").replace("'", "['’]")
        if spaced:
            p += r"\s*" if form.endswith("'") else r"\s+"
        out.append(p)
    return "(?:" + "|".join(out) + ")" if out else "(?!)"


class DateLexicon:
    """The date tables, read from a :class:`~pipeline.lang.loader.LanguageData`."""

    def __init__(self, data: Mapping[str, dict[str, Any]]) -> None:
        self.data = data
        for fname, section, table in SUBSETS:
            allowed: set[str] = set()
            for t in table.split("|"):
                allowed |= set(data[fname][t])
            outside = [f for f in data[fname][section] if f not in allowed]
            if outside:
                raise LanguageDataError(f"{fname}.json: {section}: forms {outside} are not in {table}")
        months, weekdays = data["months"], data["weekdays"]
        self.months: dict[str, int] = months["names"]
        self.month_abbrs: dict[str, int] = months["abbreviations"]
        self.month_ambiguous = frozenset(months["ambiguous"])
        self.weekdays: dict[str, int] = {**weekdays["names"], **weekdays["abbreviations"]}
        self.seasons: dict[str, str] = data["seasons"]["names"]
        fest = data["festivities"]
        self.festivities_fixed: dict[str, list[int]] = fest["fixed"]
        self.festivities_easter: dict[str, int] = fest["easter"]
        self.festivities_capitalised = frozenset(fest["capitalised_only"])
        self.name_heads = frozenset(data["name_heads"]["heads"])
        dei = data["deictic"]
        self.deictic_days: dict[str, int] = {key(k): v for k, v in dei["days"].items()}
        self.deictic_parts: dict[str, list[Any]] = {key(k): v for k, v in dei["parts"].items()}
        self.deictic_adjectives: dict[str, int] = dei["adjectives"]
        self.refs: dict[str, str] = {key(k): v for k, v in dei["refs"].items()}
        self.ref_prefixes_outside = frozenset(dei["ref_prefixes_outside"])
        self.pods: dict[str, str] = data["parts_of_day"]["names"]
        tu = data["time_units"]
        self.units: dict[str, str] = {**tu["singular"], **tu["plural"]}
        self.singular_units = frozenset(tu["singular"])
        self.ambiguous_units = frozenset(tu["ambiguous"])
        self.whole_day = frozenset(tu["whole_day"])
        self.periods: dict[str, str] = tu["periods"]
        self.period_ordinals: dict[str, int] = tu["period_ordinals"]
        rel = data["relative_words"]
        self.relative: dict[str, str] = {key(k): v for k, v in rel["words"].items()}
        self.relative_plural: dict[str, str] = rel["plural"]
        self.need_article = frozenset(rel["need_article"])
        self.after_quantity: dict[str, str] = {key(k): v for k, v in rel["after_quantity"].items()}
        cues = data["date_cues"]
        self.roles: dict[str, str] = {key(k): v for k, v in cues["roles"].items()}
        self.range_open = frozenset(key(f) for f in cues["range_open"])
        self.year_list_cues = frozenset(cues["year_list_cues"])
        self.day_words: dict[str, int] = cues["day_words"]
        self.bare_day_cues: dict[str, str] = {key(k): v for k, v in cues["bare_day_cues"].items()}
        self.last_ordinals = frozenset(cues["last_ordinals"])
        # words that may follow a day number (not a counted noun): function words and bare_day_next
        fw = data["function_words"]
        self.after_day_words = frozenset(f.split(" ")[0] for f in cues["bare_day_next"]) | frozenset(
            f
            for section, forms in fw.items()
            if section != "_meta"
            for f in (forms if isinstance(forms, list) else [x for v in forms.values() for x in v])
        )
        qual = data["date_qualifiers"]
        self.qualifiers: dict[str, str] = {key(k): v for k, v in qual["qualifiers"].items()}
        self.plural_qualifiers = frozenset(qual["plural_qualifiers"])
        self.duration_mods: dict[str, str] = {key(k): v for k, v in qual["duration_mods"].items()}
        self.vague_counts = frozenset(qual["vague_counts"])
        self.single: dict[str, str] = qual["single"]
        sets = data["date_sets"]
        self.every: dict[str, str] = {key(k): v for k, v in sets["every"].items()}
        self.set_words: dict[str, str] = {key(k): v for k, v in sets["words"].items()}
        clock = data["clock"]
        self.clock_cues: dict[str, str] = {key(k): v for k, v in clock["cues"].items()}
        self.clock_fractions: dict[str, int] = {key(k): v for k, v in clock["fractions"].items()}
        self.noon: dict[str, int] = clock["noon"]
        # elided halves (mezz'ora): the form without its final vowel
        self.halves_elided = frozenset(h[:-1] for h in data["number_words"]["halves"])
        # regexes of context built from word lists (no Italian in the code)
        self.cue_re = re.compile(r"(?:^|(?<=[\s(\[\"«]))(" + alternation(cues["roles"]) + r")\s*$", re.IGNORECASE)
        self.range_link_re = re.compile(r"^\s*(?:" + alternation(cues["range_link"]) + r"|-|–)\s*$", re.IGNORECASE)
        self.year_list_re = re.compile(
            r"(?<!\w)" + alternation(cues["year_list_openers"]) + r"\s*$|\d{4}\W*$", re.IGNORECASE
        )
        self.bare_day_cue_re = re.compile(
            r"(?:^|(?<=[\s(\[\"«]))(" + alternation(cues["bare_day_cues"]) + r")\s*$", re.IGNORECASE
        )
        self.articles = frozenset(data["function_words"]["definite_articles"])
        self.date_clock_gap_re = re.compile(r"^\s*,?\s*" + alternation(clock["date_gap"]) + r"?\s*$", re.IGNORECASE)
        fut = data["future_tense"]
        self.future_verb_re = re.compile(
            r"\b(?!"
            + alternation(fut["exceptions"])
            + r"\b)\w{"
            + str(fut["min_stem"])
            + r",}"
            + alternation(fut["endings"])
            + r"\b",
            re.IGNORECASE,
        )
        self.classes: dict[str, list[str]] = {
            name: self.resolve(name, refs) for name, refs in data["date_rules"]["grammar"]["classes"].items()
        }
        self.rel_re = re.compile(alternation(self.classes["rel_prev"] + self.classes["rel_next"]), re.IGNORECASE)

    # ---------------------------------------------------------------- word classes
    def resolve(self, name: str, refs: list[str]) -> list[str]:
        """The forms of one class of date_rules.json (see its _meta for the syntax)."""
        forms: list[str] = []
        removed: set[str] = set()
        for ref in refs:
            where = f"date_rules.json: grammar/classes/{name}: {ref!r}"
            minus = ref.startswith("-")
            path, _, codes = ref.lstrip("-").partition("=")
            path, _, transform = path.partition("~")
            fname, _, section = path.partition("/")
            if fname not in self.data_names():
                raise LanguageDataError(f"{where}: no data file {fname}.json")
            node: Any = self.data[fname]
            for part in section.split("/"):
                if not isinstance(node, dict) or part not in node:
                    raise LanguageDataError(f"{where}: {fname}.json has no {section}")
                node = node[part]
            if codes:
                if not isinstance(node, dict):
                    raise LanguageDataError(f"{where}: '={codes}' needs a table, {section} is a list")
                wanted = set(codes.split("|"))
                got = [f for f, v in node.items() if v in wanted]
            else:
                got = list(node)
            if transform == "elided":
                got = [f[:-1] for f in got]
            elif transform == "feminine":  # secondo -> seconda: the data list the masculine
                got = got + [f[:-1] + "a" for f in got if f.endswith("o")]
            elif transform == "accented":  # ventitré: the data write numbers without accents
                got = got + [f[:-1] + a for f in got if f[-1:] in FINAL_ACCENTS for a in FINAL_ACCENTS[f[-1]]]
            elif transform:
                raise LanguageDataError(f"{where}: unknown transform ~{transform}")
            if minus:
                removed.update(got)
            else:
                forms.extend(got)
        out = [f for f in dict.fromkeys(forms) if f not in removed]
        if not out:
            raise LanguageDataError(f"date_rules.json: grammar/classes/{name}: no forms")
        return out

    def data_names(self) -> tuple[str, ...]:
        return DATA_FILES

    def month_number(self, word: str) -> int | None:
        w = word.lower().rstrip(".")
        return self.months.get(w) or self.month_abbrs.get(w)

    def is_month_abbr(self, word: str) -> bool:
        return word.lower().rstrip(".") not in self.months

    def weekday_number(self, word: str) -> int:
        return self.weekdays[word.lower().rstrip(".")]

    def unit_code(self, word: str) -> str:
        return self.units[word.lower()]

    def day_number(self, word: str) -> int | None:
        """Day of the month written as digits (1°), a day word (primo) or a number word
        (ventitré); None when the number is no day of a month."""
        w = word.lower()
        if w in self.day_words:
            return self.day_words[w]
        w = w.rstrip("°º")
        n = int(w) if w.isdigit() else number_value(w)
        return n if n is not None and 1 <= n <= 31 else None

    def festivity(self, name: str) -> tuple[int | None, int | None, int | None]:
        """(month, day, easter offset) of a festivity."""
        if name in self.festivities_easter:
            return None, None, self.festivities_easter[name]
        month, day = self.festivities_fixed[name]
        return month, day, None

    def direction(self, *words: str | None) -> str | None:
        """Direction code of the relative words among ``words`` (PREV, NEXT, ...)."""
        for w in words:
            if w:
                for token in reversed(key(w).split(" ")):
                    code = self.relative.get(token) or self.relative.get(token + "'")
                    if code:
                        return code
        return None
