"""The gazetteers of ``pipeline/lang/it/`` compiled into one lookup: name -> who it is.

Sources, strongest first (a name listed by a stronger source hides the weaker reading):
seats of power (``seats_of_power.json``), organisations (``organisations.json``),
countries (``country_aliases.json`` then the generated ``countries.json``), capitals and
places of the world (``world_places.json``), then the generated ISTAT list
(``italian_places.json``: regions, provinces, comuni). A name given twice by the
hand-written files with two different meanings is a data error naming both files.

Names are matched on their key (:func:`Gazetteer.key`): casefolded, typographic
apostrophes made plain, spaces collapsed, a leading article or preposition dropped ("gli
Usa", "l'Ecowas", "dall'Onu"). A match must suit the entity's label: a person is never a
place; an ORG may be a country, a capital, a seat or an organisation (metonymy: "Mosca ha
deciso"), never a comune (football clubs: "la Roma"); a LOC may be anything.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..lang.loader import LanguageData, LanguageDataError

#: the language data files the gazetteer reads
DATA_FILES = (
    "countries",
    "country_aliases",
    "demonyms",
    "world_places",
    "seats_of_power",
    "organisations",
    "italian_places",
    "function_words",
)
ITALY = "IT"
CITY = "city"
BILINGUAL_SEPARATOR = "/"
APOSTROPHES = str.maketrans({"\u2019": "'", "`": "'"})
#: labels whose names are never looked up in the gazetteers
PERSON_LABELS = frozenset({"PER", "PERSON"})
#: what each NER label may be; a label not listed accepts every source
SOURCES_BY_LABEL: Mapping[str, frozenset[str]] = {
    "ORG": frozenset({"seat", "organisation", "country", "capital"}),
    "MISC": frozenset({"seat", "organisation", "country"}),
}
#: the longest name, in words, looked for inside another name (country in an institution)
MAX_NAME_WORDS = 6


@dataclass(frozen=True)
class Target:
    """What a gazetteer name stands for. ``key`` is unique per entity across articles."""

    key: str
    canonical: str
    kind: str
    country: str | None
    source: str  # seat | organisation | country | capital | place | region | province | municipality


class Gazetteer:
    """Name lookup built from the language data; keeps no per-Doc state."""

    def __init__(
        self,
        names: dict[str, Target],
        demonyms: dict[str, str],
        countries: dict[str, Target],
        leading_words: frozenset[str],
    ) -> None:
        self.names = names
        #: lowercase demonym or country adjective -> ISO code
        self.demonyms = demonyms
        #: ISO code -> the country's target
        self.countries = countries
        #: words dropped at the start of a name (articles, prepositions)
        self.leading_words = leading_words

    # ------------------------------------------------------------------ lookups
    def key(self, text: str) -> str:
        """The lookup key of a surface: "gli  Usa" -> "usa", "dell’Onu" -> "onu"."""
        words = text.translate(APOSTROPHES).casefold().split()
        if not words:
            return ""
        first = words[0]
        if len(words) > 1 and first in self.leading_words:
            words = words[1:]
        else:
            cut = first.find("'")
            if 0 < cut < len(first) - 1 and first[: cut + 1] in self.leading_words:
                words[0] = first[cut + 1 :]
        return " ".join(words)

    def match(self, key: str, label: str) -> Target | None:
        """The target of a name key, if the entity's label allows its source."""
        if label in PERSON_LABELS:
            return None
        target = self.names.get(key)
        if target is None:
            return None
        allowed = SOURCES_BY_LABEL.get(label)
        if allowed is None:
            return target
        if target.source == "capital" and target.country == ITALY:
            return None  # an ORG "Roma" is the football club more often than the government
        return target if target.source in allowed else None

    def demonym(self, word: str) -> str | None:
        return self.demonyms.get(word.translate(APOSTROPHES).casefold())

    def country_in(self, key: str) -> str | None:
        """The first country named, or qualified by an adjective, inside a longer name:
        "ministero della difesa del niger" -> NE, "esercito nigerino" -> NE."""
        words = key.split()
        for i in range(1, len(words)):
            code = self.demonyms.get(words[i])
            if code is not None:
                return code
            for n in range(min(MAX_NAME_WORDS, len(words) - i), 0, -1):
                target = self.names.get(" ".join(words[i : i + n]))
                if target is not None and target.source == "country":
                    return target.country
        return None

    # ------------------------------------------------------------------ building
    @classmethod
    def from_data(cls, data: LanguageData | Mapping[str, Any]) -> Gazetteer:
        builder = _Builder()
        aliases = data["country_aliases"]
        country_names = {code: entry["name"] for code, entry in data["countries"]["countries"].items()}
        country_names.update(aliases["extra"])
        country_names.update(aliases["canonical"])
        countries = {
            code: Target(f"country:{code}", name, "country", code, "country") for code, name in country_names.items()
        }

        for name, seat in data["seats_of_power"]["seats"].items():
            org = seat.get("organisation")
            if org is not None and org not in data["organisations"]["organisations"]:
                raise LanguageDataError(f"seats_of_power.json: seats/{name}: unknown organisation {org!r}")
            target = Target(f"seat:{name}", name, "seat", seat.get("country"), "seat")
            builder.add("seats_of_power.json", [name, *seat.get("forms", ())], target)
        for org_id, org in data["organisations"]["organisations"].items():
            target = Target(f"org:{org_id}", org["name"], org["kind"], org.get("country"), "organisation")
            builder.add("organisations.json", [org["name"], *org["forms"]], target)
        for code, forms in aliases["aliases"].items():
            if code not in countries:
                raise LanguageDataError(f"country_aliases.json: aliases/{code}: no such country")
            builder.add("country_aliases.json", forms, countries[code])
        for code, entry in data["countries"]["countries"].items():
            builder.add(
                "countries.json", [entry["name"], *entry.get("names", ()), country_names[code]], countries[code]
            )
        for name, place in data["world_places"]["places"].items():
            source = "capital" if place.get("capital") else "place"
            target = Target(f"place:{name}", name, place.get("kind", CITY), place["country"], source)
            builder.add("world_places.json", [name, *place.get("forms", ())], target)
        builder.generated = True
        italian = data["italian_places"]
        for region in italian["regions"]:
            target = Target(f"region:{_main(region)}", _main(region), "region", ITALY, "region")
            builder.add("italian_places.json", region.split(BILINGUAL_SEPARATOR), target)
        for name in italian["comuni"]:
            target = Target(f"municipality:{_main(name)}", _main(name), CITY, ITALY, "municipality")
            builder.add("italian_places.json", name.split(BILINGUAL_SEPARATOR), target)
        for name in italian["provinces"]:
            target = Target(f"province:{_main(name)}", _main(name), "province", ITALY, "province")
            builder.add("italian_places.json", name.split(BILINGUAL_SEPARATOR), target)

        demonyms: dict[str, str] = {}
        for code, forms in data["demonyms"]["demonyms"].items():
            if code not in countries:
                raise LanguageDataError(f"demonyms.json: demonyms/{code}: no such country")
            for form in forms:
                if demonyms.setdefault(form, code) != code:
                    raise LanguageDataError(
                        f"demonyms.json: {form!r} is listed for {demonyms[form]} and {code}: "
                        "a form belongs to one country"
                    )
        fw = data["function_words"]
        leading = set(fw["definite_articles"])
        for forms in fw["articulated_prepositions"].values():
            leading |= set(forms)
        leading = {w.translate(APOSTROPHES) for w in leading}
        return cls(builder.names, demonyms, countries, frozenset(leading))


def _main(name: str) -> str:
    """The canonical part of a bilingual ISTAT name: "Bolzano/Bozen" -> "Bolzano"."""
    return name.split(BILINGUAL_SEPARATOR)[0].strip()


class _Builder:
    """Collects names, strongest source first; conflicts among hand-written files raise."""

    def __init__(self) -> None:
        self.names: dict[str, Target] = {}
        self.files: dict[str, str] = {}
        self.generated = False

    def add(self, file: str, names: Iterable[str], target: Target) -> None:
        for raw in names:
            key = " ".join(raw.translate(APOSTROPHES).casefold().split())
            known = self.names.get(key)
            if known is None:
                self.names[key] = target
                self.files[key] = file
            elif known.key != target.key and not self.generated and file != "countries.json":
                raise LanguageDataError(
                    f"{file}: {raw!r} names {target.key} but {self.files[key]} gives it to {known.key}"
                )
