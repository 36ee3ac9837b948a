"""Annotate by span *text*, not by hand-counted offsets.

An annotator writes tools/gold_src/<doc_id>.yaml after reading the article
(corpus/GUIDELINES.md); this script finds the offsets and writes the
canonical gold file corpus/gold/<doc_id>.json, then validates it.

    python tools/annotate_helper.py compile [DOC_ID ...]     # all sources when none given
    python tools/annotate_helper.py kind DOC_ID              # entity lines from KIND, to start from
                                                             # (run tools/kind_articles.py write first)
    python tools/annotate_helper.py find DOC_ID "testo"      # list the occurrences of a string

Source format (YAML).  Lines are "field | field | ..."; the optional last
field locates the span:
    @2          second occurrence in the article (default: first)
    @*          every occurrence (handy for entities)
    @~contesto  inside the first occurrence of the longer string "contesto"

    entities:  - "Stati Uniti | LOC | @*"
    dates:     - "16 marzo 2024 | DATE | 2024-03-16"          (4th field: mod, optional)
    numbers:   - "circa 1.100 | 1100 | approx | cardinal | militari"   (unit "-" = null;
               a range value is written "100..200"; money adds the ISO code:
               "110 milioni di dollari | 110000000 | exact | money | dollari | USD")
    events:    - {trigger: "ritirare", type: WITHDRAWAL, actor: "Stati Uniti", target: "Niger",
                  place: ..., date: ..., quantity: ..., negated: false, modality: asserted, at: "@1"}
Event arguments default to the occurrence nearest the trigger; "@N"/"@~ctx" work there too.
Matches respect word boundaries ("Mali" does not match inside "Somali").
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.gold import TABLES, find_all, find_span, validate_gold  # noqa: E402

SRC = ROOT / "tools" / "gold_src"
GOLD = ROOT / "corpus" / "gold"
ARTICLES = ROOT / "corpus" / "articles"


def _split(line: str) -> tuple[list[str], str | None]:
    parts = [p.strip() for p in str(line).split("|")]
    loc = None
    if len(parts) > 1 and parts[-1].startswith("@"):
        loc = parts.pop()
    return parts, loc


def locate(text: str, span: str, loc: str | None) -> list[tuple[int, int]]:
    if loc is None or loc == "@1":
        return [find_span(text, span)]
    if loc == "@*":
        hits = find_all(text, span)
        if not hits:
            raise ValueError(f"{span!r} not found")
        return hits
    if loc.startswith("@~"):
        ctx = loc[2:]
        cs, ce = find_span(text, ctx, word=False)
        s, e = find_span(text[cs:ce], span)
        return [(cs + s, cs + e)]
    return [find_span(text, span, int(loc[1:]))]


def nearest(text: str, span: str, pivot: int) -> tuple[int, int]:
    hits = find_all(text, span)
    if not hits:
        raise ValueError(f"argument {span!r} not found")
    return min(hits, key=lambda h: abs(h[0] - pivot))


def _num(s: str):
    v = float(s)
    return int(v) if v.is_integer() and "." not in s else v


def compile_doc(doc_id: str) -> tuple[dict, list[str]]:
    src = yaml.safe_load((SRC / f"{doc_id}.yaml").read_text(encoding="utf-8"))
    text = (ARTICLES / f"{doc_id}.txt").read_text(encoding="utf-8")
    out = {
        "doc_id": doc_id,
        "annotator": src.get("annotator", ""),
        "notes": src.get("notes", ""),
        "annotated": src.get("annotated", [t for t in TABLES if t in src]),
    }
    problems = []
    for table in TABLES:
        rows = []
        for item in src.get(table) or []:
            try:
                if table == "events":
                    rows.append(_event(text, item))
                    continue
                parts, loc = _split(item)
                for s, e in locate(text, parts[0], loc):
                    row = {"start": s, "end": e, "text": text[s:e]}
                    if table == "entities":
                        row["label"] = parts[1]
                    elif table == "dates":
                        row["value"], row["type"] = parts[2], parts[1]
                        if len(parts) > 3 and parts[3]:
                            row["mod"] = parts[3]
                    else:
                        v = parts[1]
                        if ".." in v:
                            lo, hi = v.split("..")
                            row["value"], row["value_max"] = _num(lo), _num(hi)
                        else:
                            row["value"] = _num(v)
                        row["qualifier"], row["kind"] = parts[2], parts[3]
                        row["unit"] = None if len(parts) < 5 or parts[4] in ("-", "") else parts[4]
                        if len(parts) > 5 and parts[5]:
                            row["currency"] = parts[5]
                    rows.append(row)
            except (ValueError, IndexError) as exc:
                problems.append(f"{doc_id}: {table}: {item!r}: {exc}")
        rows.sort(key=lambda r: (r["start"], r["end"]))
        out[table] = rows
    return out, problems


def _event(text: str, item: dict) -> dict:
    trig = item["trigger"]
    s, e = locate(text, trig, item.get("at"))[0]
    ev = {"start": s, "end": e, "trigger": text[s:e], "type": item["type"]}
    for role in ("actor", "target", "place", "date", "quantity"):
        a = item.get(role)
        if a is None:
            ev[role] = None
            continue
        parts, loc = _split(a)
        if loc:
            as_, ae = locate(text, parts[0], loc)[0]
        else:
            as_, ae = nearest(text, parts[0], s)
        ev[role] = {"start": as_, "end": ae, "text": text[as_:ae]}
    ev["negated"] = bool(item.get("negated", False))
    ev["modality"] = item.get("modality", "asserted")
    if item.get("comment"):
        ev["comment"] = item["comment"]
    return ev


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    cmd, args = argv[0], argv[1:]
    if cmd == "compile":
        ids = args or sorted(p.stem for p in SRC.glob("*.yaml"))
        bad = 0
        for doc_id in ids:
            gold, problems = compile_doc(doc_id)
            text = (ARTICLES / f"{doc_id}.txt").read_text(encoding="utf-8")
            problems += validate_gold(gold, text, f"{doc_id}.json")
            GOLD.mkdir(parents=True, exist_ok=True)
            (GOLD / f"{doc_id}.json").write_text(
                json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
            )
            counts = ", ".join(f"{t} {len(gold[t])}" for t in TABLES)
            print(f"{doc_id}: {counts}", file=sys.stderr)
            for p in problems:
                print("  " + p, file=sys.stderr)
            bad += len(problems)
        sys.exit(1 if bad else 0)
    elif cmd == "kind":
        ents = json.loads((ROOT / "build" / "kind_entities" / f"{args[0]}.json").read_text(encoding="utf-8"))
        text = (ARTICLES / f"{args[0]}.txt").read_text(encoding="utf-8")
        done = set()
        for ent in ents:
            key = (ent["text"], ent["label"])
            if key in done:
                continue
            hits = find_all(text, ent["text"])
            tagged = [(x["start"], x["end"]) for x in ents if (x["text"], x["label"]) == key]
            done.add(key)
            if hits == tagged:
                print(f'  - "{ent["text"]} | {ent["label"]} | @*"')
            else:
                for s, e in tagged:
                    occ = hits.index((s, e)) + 1
                    print(f'  - "{ent["text"]} | {ent["label"]} | @{occ}"')
    elif cmd == "find":
        text = (ARTICLES / f"{args[0]}.txt").read_text(encoding="utf-8")
        for i, (s, e) in enumerate(find_all(text, args[1]), 1):
            print(i, s, e, repr(text[max(0, s - 40) : e + 40]))


if __name__ == "__main__":
    main()
