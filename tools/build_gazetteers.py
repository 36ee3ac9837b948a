"""Build the generated gazetteers of ``pipeline/lang/it/`` from their public sources.

    python tools/build_gazetteers.py [--istat ../shared/data/gazetteers/comuni-istat.json]

Writes two files, each with its ``_meta`` (source, date, licence) and checked against its
schema by the project's loader before it is written:

- ``countries.json``: every ISO 3166-1 country, its Italian name from CLDR (through
  ``babel``) and the Italian short and official names of the iso-codes translations (through
  ``pycountry``). The hand-written additions (acronyms, short forms, canonical overrides)
  live in ``country_aliases.json``, demonyms in ``demonyms.json``: this script never
  touches them.
- ``italian_places.json``: the Italian regions, provinces and the 7,904 comuni of the ISTAT
  list (ISTAT, CC BY 3.0 IT), each comune with its province code and 2011 population.

``babel`` and ``pycountry`` are in the ``dev`` extra: the pipeline reads the JSON only.
Run it again when the sources change; the output is deterministic (sorted keys).
"""

from __future__ import annotations

import argparse
import gettext
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.lang.loader import DATA_DIR, validate  # noqa: E402

DATE = "2026-12-02"
DEFAULT_ISTAT = ROOT.parent / "shared" / "data" / "gazetteers" / "comuni-istat.json"
#: CLDR writes the two Congos as "Congo - Kinshasa": such names are not news Italian, the
#: iso-codes name is used as the main name instead
CLDR_SEPARATOR = " - "


def _clean(name: str) -> str:
    return " ".join(name.replace("\u2019", "'").split())


def _inverted(name: str) -> str | None:
    """iso-codes writes some names inverted ("Venezuela, Repubblica bolivariana del"):
    give the natural order, or None when the name is not of that shape."""
    if ", " not in name:
        return None
    head, _, tail = name.partition(", ")
    if "(" in name or not tail.split()[-1].islower():  # "Taiwan, Repubblica di Cina" is no inversion
        return None
    return f"{tail} {head}"


def build_countries() -> dict:
    import babel
    import pycountry
    from babel import Locale

    locale = Locale("it")
    translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["it"])
    countries: dict[str, dict] = {}
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        code = country.alpha_2
        cldr = locale.territories.get(code)
        iso_names = [translation.gettext(country.name)]
        official = getattr(country, "official_name", None)
        if official:
            iso_names.append(translation.gettext(official))
        candidates = [_clean(n) for n in iso_names]
        candidates += [n for n in (_inverted(c) for c in list(candidates)) if n]
        main = _clean(cldr) if cldr and CLDR_SEPARATOR not in cldr else None
        if main is None:
            main = next(c for c in candidates if ", " not in c and "(" not in c)
        others = []
        for name in candidates:
            if ", " in name or "(" in name or name.casefold() == main.casefold():
                continue
            if name.casefold() not in {o.casefold() for o in others}:
                others.append(name)
        countries[code] = {"name": main, "names": others} if others else {"name": main}
    return {
        "_meta": {
            "source": (
                f"Unicode CLDR territory names for the Italian locale (through babel {babel.__version__}) "
                f"and the Italian translations of the Debian iso-codes ISO 3166-1 names (through pycountry "
                f"{pycountry.__version__}); built by tools/build_gazetteers.py"
            ),
            "date": DATE,
            "format": (
                "countries: ISO 3166-1 alpha-2 code -> name (the Italian canonical name, CLDR's, or "
                "iso-codes' where CLDR's is not news Italian) and names (other Italian names of the "
                "country: official and iso-codes forms). Matched case-insensitively. Hand-written short "
                "forms and acronyms are in country_aliases.json."
            ),
            "licence": "CLDR: Unicode License v3; iso-codes translations: LGPL-2.1-or-later",
        },
        "countries": countries,
    }


def build_italian_places(istat_path: Path) -> dict:
    rows = json.loads(istat_path.read_text(encoding="utf-8"))
    regions: set[str] = set()
    provinces: dict[str, dict[str, str]] = {}
    comuni: dict[str, dict[str, int]] = defaultdict(dict)
    for row in rows:
        regions.add(row["regione"])
        provinces[row["provincia"]] = {"code": row["sigla"], "region": row["regione"]}
        comuni[row["nome"]][row["sigla"]] = int(row.get("popolazione_2011") or 0)
    return {
        "_meta": {
            "source": (
                f"ISTAT, Elenco dei comuni italiani ({istat_path.name}: {len(rows)} comuni, name, province, "
                "region, 2011 census population); built by tools/build_gazetteers.py"
            ),
            "date": DATE,
            "format": (
                "regions: names; provinces: name -> code (sigla) and region; comuni: name -> province code "
                "-> 2011 population (a name shared by comuni of several provinces lists each). A name "
                "with '/' is bilingual (Bolzano/Bozen): the part before it is the canonical Italian name, "
                "both are matched. Matched case-insensitively."
            ),
            "licence": "CC BY 3.0 IT (ISTAT)",
        },
        "regions": sorted(regions),
        "provinces": dict(sorted(provinces.items())),
        "comuni": {name: dict(sorted(by_code.items())) for name, by_code in sorted(comuni.items())},
    }


def write(name: str, data: dict) -> Path:
    validate(name, data)
    path = DATA_DIR / f"{name}.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--istat", type=Path, default=DEFAULT_ISTAT, help="the ISTAT comuni list (JSON)")
    args = parser.parse_args(argv)
    if not args.istat.exists():
        parser.error(f"{args.istat} not found")
    for name, data in (("countries", build_countries()), ("italian_places", build_italian_places(args.istat))):
        print(f"wrote {write(name, data)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
