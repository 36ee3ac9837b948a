"""Assemble the shipped pipeline from the syntax and NER trainings.

Builds two candidates (trainable edit-tree lemmatizer vs spaCy's Italian lookup
lemmatizer), keeps the one with the better lemma accuracy on UD ISDT dev (raw text),
and writes it to the output folder with our name, version, licence and sources.

Usage::

    python -m training.assemble --syntax training/output/syntax/model-best \
        --ner training/output/ner/model-best --corpus training/corpus \
        --work training/output/candidates --out models/it_news
"""

from __future__ import annotations

import argparse
import json
import logging
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import spacy
import srsly
from spacy.cli.evaluate import evaluate as spacy_evaluate

from training.model_card import SOURCES

log = logging.getLogger("training.assemble")

CANDIDATES = {"trainable": "configs/assemble.cfg", "lookup": "configs/assemble_lookup.cfg"}
LEMMATIZER_DESCRIPTION = {
    "trainable": "trainable_lemmatizer (edit trees) trained on UD Italian (without ISDT)",
    "lookup": "spaCy's Italian pos_lookup lemmatizer (spacy-lookups-data, morph-it tables)",
}

META = {
    "name": "it_news",
    "version": "0.1.0",
    "description": (
        "Italian pipeline for the news extraction project: CNN tok2vec, tagger, morphologizer, "
        "parser (UD), lemmatizer, NER (PER, LOC, ORG) trained on KIND (after silver WikiNEuRal) and UD Italian, "
        "and a second ner adding MISC, trained on silver WikiNEuRal. "
        "The ner uses static word vectors (FastText, 100 dims, ~33k words) trained on the unlabeled "
        "training text; no pretrained vectors, no transformers."
    ),
    "author": "Italian news extraction pipeline team",
    "license": "CC BY-NC-SA 4.0",
    "sources": SOURCES,
}


def has_vectors(pipeline: Path) -> bool:
    from spacy.vectors import Vectors

    path = pipeline / "vocab"
    return (path / "vectors").is_file() and Vectors().from_disk(path).shape[0] > 0


def assemble(config: str, syntax: Path, ner: Path, ner_misc: Path, out: Path) -> None:
    if out.exists():
        shutil.rmtree(out)
    cmd = [
        sys.executable,
        "-m",
        "spacy",
        "assemble",
        config,
        str(out),
        "--paths.syntax",
        str(syntax),
        "--paths.ner",
        str(ner),
        "--paths.ner_misc",
        str(ner_misc),
    ]
    if has_vectors(ner):  # static vectors live in the vocab, which sourcing does not copy
        cmd += ["--paths.vectors", str(ner)]
    log.info("$ %s", " ".join(cmd))
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)


def ner_f(nlp, gold_path: Path) -> float:
    from spacy.tokens import DocBin
    from spacy.training import Example

    gold = DocBin().from_disk(gold_path).get_docs(nlp.vocab)
    # KIND has no MISC: the MISC ner (which keeps the others' entities) is left out
    with nlp.select_pipes(disable=[name for name in nlp.pipe_names if name == "ner_misc"]):
        return nlp.evaluate([Example(nlp.make_doc(d.text), d) for d in gold])["ents_f"]


def keep_ruler_if_useful(candidate: Path, patterns: Path, gold_path: Path, out: Path) -> dict:
    """Add the gazetteer patterns; save to ``out``, without the entity_ruler unless it raises NER F."""
    nlp = spacy.load(candidate)
    nlp.get_pipe("entity_ruler").add_patterns(list(srsly.read_jsonl(patterns)))
    with_ruler = ner_f(nlp, gold_path)
    with nlp.select_pipes(disable=["entity_ruler"]):
        without = ner_f(nlp, gold_path)
    scores = {"with": round(with_ruler, 4), "without": round(without, 4)}
    log.info("entity_ruler: NER F on WN_dev %.4f with, %.4f without", with_ruler, without)
    if with_ruler <= without:
        nlp.remove_pipe("entity_ruler")
        log.info("entity_ruler removed")
    out.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out)
    return scores


def training_facts(train_dir: Path) -> dict:
    """Config, steps/epochs reached, wall time and best dev score of a `spacy train` run."""
    name = train_dir.name
    facts = {}
    cfg = train_dir / "model-last" / "config.cfg"
    log_path = train_dir.with_suffix(".log")
    rows = []
    if log_path.is_file():
        for line in log_path.read_text(encoding="utf-8", errors="replace").splitlines():
            cols = line.split()
            if len(cols) > 3 and cols[0].isdigit() and cols[1].isdigit():
                rows.append((int(cols[0]), int(cols[1]), cols[-1]))
    if cfg.is_file():
        config = spacy.util.load_config(cfg, interpolate=False)
        text = f"seed {config['system']['seed']}, one thread"
        if rows:
            text = f"{rows[-1][1]} steps ({rows[-1][0] + 1} epochs), " + text
        facts[f"{name} run"] = text
    secs = train_dir / "train_seconds"
    if secs.is_file():
        facts[f"{name} training time"] = f"{int(secs.read_text()) / 60:.0f} min"
    best = train_dir / "model-best" / "meta.json"
    if best.is_file():
        perf = json.loads(best.read_text()).get("performance", {})
        facts[f"{name} best dev scores"] = {
            k: round(v, 4)
            for k, v in perf.items()
            if isinstance(v, float) and not k.endswith("_loss") and "micro" not in k
        }
    return facts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--syntax", type=Path, required=True)
    parser.add_argument("--ner", type=Path, required=True)
    parser.add_argument("--ner-misc", type=Path, required=True, help="the MISC ner (configs/ner_misc.cfg)")
    parser.add_argument("--corpus", type=Path, default=Path("training/corpus"))
    parser.add_argument("--patterns", type=Path, default=Path("training/corpus/ner_patterns.jsonl"))
    parser.add_argument("--work", type=Path, default=Path("training/output/candidates"))
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    # the candidates' entity_ruler gets its patterns only in keep_ruler_if_useful
    warnings.filterwarnings("ignore", message=r"\[W036\]")
    for path in (args.syntax, args.ner, args.ner_misc):
        if not (path / "config.cfg").is_file():
            print(f"error: {path}/config.cfg: trained pipeline not found (run the trainings first)", file=sys.stderr)
            return 1

    lemma_acc = {}
    for name, config in CANDIDATES.items():
        target = args.work / name
        assemble(config, args.syntax, args.ner, args.ner_misc, target)
        scores = spacy_evaluate(str(target), args.corpus / "isdt_dev.spacy", silent=True)
        lemma_acc[name] = round(scores["lemma_acc"], 4)
        log.info("lemmatizer %s: lemma_acc %.4f on ISDT dev (raw text)", name, scores["lemma_acc"])
    best = max(lemma_acc, key=lemma_acc.get)
    log.info("keeping the %s lemmatizer", best)

    if args.out.exists():
        shutil.rmtree(args.out)
    ruler_f = keep_ruler_if_useful(args.work / best, args.patterns, args.corpus / "ner_dev_WN.spacy", args.out)
    meta_path = args.out / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update(META)
    info = {
        "lemmatizer": LEMMATIZER_DESCRIPTION[best],
        "lemmatizer selection (lemma acc, ISDT dev, raw text)": lemma_acc,
    }
    info["entity_ruler (ORG gazetteer + WikiNEuRal names) selection (ents F, KIND WN_dev, raw text)"] = ruler_f
    for run in (args.syntax.parent, args.ner.parent, args.ner_misc.parent):
        stage1 = run.with_name(run.name.rstrip("2"))
        if stage1 != run:
            info.update(training_facts(stage1))
        info.update(training_facts(run))
    meta["training_info"] = info
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
