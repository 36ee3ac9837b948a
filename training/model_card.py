"""Render models/it_news/README.md (the model card) from the pipeline's meta.json."""

from __future__ import annotations

SOURCES = [
    {
        "name": "KIND (Kessler Italian Named-entities Dataset), WN/FIC/ADG train splits",
        "url": "https://github.com/dhfbk/KIND",
        "license": "CC BY-NC 4.0 (WN, FIC), CC BY-NC-SA 4.0 (ADG); Wikinews texts CC BY 2.5",
        "author": "Paccosi & Palmero Aprosio, LREC 2022",
    },
    {
        "name": "Universal Dependencies Italian: VIT, ParTUT, PoSTWITA, TWITTIRO, MarkIT, ParlaMint, Valico "
        "(ISDT dev for evaluation only)",
        "url": "https://universaldependencies.org/",
        "license": "ISDT, VIT CC BY-NC-SA 3.0; ParTUT, PoSTWITA CC BY-NC-SA 4.0; "
        "TWITTIRO, ParlaMint, Valico CC BY-SA 4.0; MarkIT CC BY 4.0",
        "author": "Universal Dependencies contributors",
    },
    {
        "name": "WikiNEuRal Italian (silver NER): first NER training stage (PER/LOC/ORG, MISC mapped "
        "to O), the MISC ner (MISC only) and a source of entity_ruler names",
        "url": "https://github.com/Babelscape/wikineural",
        "license": "CC BY-NC-SA 4.0",
        "author": "Tedeschi et al., Findings of EMNLP 2021",
    },
    {
        "name": "spacy-lookups-data Italian lemma tables (only if the lookup lemmatizer is selected)",
        "url": "https://github.com/explosion/spacy-lookups-data",
        "license": "see spacy_lookups_data/data/it_license.txt (morph-it, CC BY-SA 2.0 / LGPL)",
        "author": "Baroni & Zanchetta (morph-it)",
    },
]

NOTES = [
    "No pretrained vectors or transformers (none can be downloaded here): every representation is "
    "learned from the ~0.5M tokens of KIND (and ~0.6M silver WikiNEuRal tokens for NER) and ~0.2M "
    "tokens of UD, including the ner's static vectors (trained on the same text). This is the main "
    "reason NER stays "
    "well below the 0.82 bar: most errors are type confusions on names never seen in training "
    "(towns tagged PER, chess players tagged LOC).",
    "NER: the ner's tok2vec at width 96 (6000 + 2500 steps) reached F 0.720 on WN_dev (before the "
    "entity_ruler), at width 64 0.715 (6000 + 500 steps), but the whole pipeline ran at ~7,450 "
    "instead of ~8,500 words/s, so the shipped ner uses width 64. More epochs did not help after "
    "~4 epochs (WN_dev F flat at 0.70-0.72 for the rest of stage 1 and in stage 2). Stage 2 of the "
    "width-64 KIND-only ner ran 3,500 steps (stopped by patience) with its best at step 500.",
    "NER: silver WikiNEuRal Italian (PER/LOC/ORG, MISC mapped to O; training/silver.py) as a first "
    "stage (2,000 steps), then fine-tuned on KIND (stage 2, best at step 2,500): WN_dev F with the "
    "entity_ruler 0.721 -> 0.729, FIC_dev 0.699 -> 0.725, ADG_dev 0.724 -> 0.738 (same width-64 "
    "ner, same speed); kept. Mixing a third of the silver docs into KIND train "
    "(one stage, 6,000 steps) did not help: WN_dev F 0.712 with the entity_ruler.",
    "NER: static word vectors in the ner's embed (`include_static_vectors`; training/vectors.py: "
    "gensim FastText skip-gram, 100 dims, 10 epochs, min_count 3 -> 33,288 words, 13 MB) trained on "
    "the unlabeled tokens of KIND train + Moro silver, WikiNEuRal and UD (never KIND dev or ISDT dev), "
    "same two stages (2,000 silver steps in 2 min, then KIND: best at step 2,000, stopped at 3,500 in "
    "6 min): WN_dev F with the entity_ruler 0.729 -> 0.756, ADG_dev 0.738 -> 0.745, but FIC_dev "
    "0.725 -> 0.706; whole pipeline 8,417 -> 8,142-8,241 words/s (two runs), models/ 23 -> 36 MB. Kept "
    "(selected on WN_dev, the news domain).",
    "NER: an entity_ruler with the KIND ORG gazetteer (filtered on KIND train) added ~+0.6 F on "
    "WN_dev; PER/LOC/ORG names from WikiNEuRal added ~+0.3 on WN_dev and ~+1 on FIC_dev.",
    "NER, issue 11 (entities on unseen news). Scores of the ner alone (no entity_ruler, raw text, "
    "KIND scorer with MISC left out), WN_dev / FIC_dev / ADG_dev F: stage 2 as before 74.7 / 71.3 / 74.4 "
    "(seed 0; seed 1: 74.1 on WN_dev); **averaged weights** in stage 2 (`use_averages`) 76.1 / 76.1 / 77.3 "
    "(seed 1: 75.6 / 74.9 / 75.8, +1.4 on WN_dev for both seeds): shipped. `spacy pretrain` of the ner's CNN "
    "(training/pretrain.py: characters objective, 8 epochs over the 1.7M words of unlabeled training "
    "text, 17 min) before stage 1: 75.1 / 74.4 / 74.3 without averaging, 76.3 / 77.2 / 75.0 with it "
    "(no gain over averaging alone within the ~1 F seed noise: not kept). Width 96 with averaging: "
    "76.4 / 76.2 / 76.2 (no gain, slower: not kept). Seed ensembles: each ner costs ~25 ms per 1,000 "
    "tokens (a quarter of the model's time), so voting models would take the pipeline below the speed "
    "bar; the averaged weights are the cheap ensemble, and the seed is chosen on WN_dev.",
    "MISC, issue 11: KIND has no MISC. One 4-label ner (silver MISC kept in stage 1, MISC spans "
    "predicted by it added to KIND train for stage 2) cost PER/LOC/ORG 1.2 F on WN_dev and 1.8 on "
    "FIC_dev. The shipped `ner_misc` is a second ner trained on the silver MISC alone; it runs after "
    "`ner` and keeps its entities, so PER/LOC/ORG are unchanged by construction; `it_entity_rules` "
    "joins a MISC name cut short by a kept entity. Dev F on held-out silver MISC (5% of the docs): "
    "59.7 after 3,000 plain steps, 70.7 after 8,000 averaged steps (shipped); width and hidden layer "
    "32 reached 67.4 (40% cheaper, fewer MISC found on our dev news). Cost: ~24 ms per 1,000 tokens, "
    "about the main ner's (bench/bench_pipeline.py); `extract` of 1,000 KIND articles went from 52.5 s "
    "to 67.2 s on one core (whole pipeline ~7,200 words/s, bench/bench_scale.py).",
    "Syntax: stage 2 (continued training) with a resumed trainable_lemmatizer broke the lemmatizer "
    "(lemma accuracy fell to the backoff level); the lemmatizer is therefore retrained from scratch "
    "in stage 2 on top of the continued tok2vec.",
    "Lemmatizer: the trainable edit-tree lemmatizer beats spaCy's Italian pos_lookup tables on ISDT "
    "dev (see Training); merged multiword tokens get the joined lemma (`della` -> `di il`).",
    "Sentence F: the raw-text figure is the real one; with gold tokens (`--gold-preproc`) spaCy "
    "evaluates each gold sentence as its own document, which inflates sentence F (and helps LAS).",
]

CITATIONS = """\
- Teresa Paccosi and Alessio Palmero Aprosio. 2022. *KIND: an Italian Multi-Domain Dataset
  for Named Entity Recognition.* In Proceedings of LREC 2022, pages 501–507.
- Joakim Nivre et al. 2020. *Universal Dependencies v2: An Evergrowing Multilingual Treebank
  Collection.* In Proceedings of LREC 2020. Treebank papers: see each treebank's README/licence
  (../shared/data/ud/licenses).
- Simone Tedeschi, Valentino Maiorca, Niccolò Campolungo, Francesco Cecconi and Roberto
  Navigli. 2021. *WikiNEuRal: Combined Neural and Knowledge-based Silver Data Creation for
  Multilingual NER.* In Findings of EMNLP 2021, pages 2521–2533.
"""


def _pct(x) -> str:
    return "–" if x is None else f"{100 * x:.2f}"


def _ner_table(ner: dict) -> list[str]:
    rows = ["| dev set | label | P | R | F |", "| --- | --- | ---: | ---: | ---: |"]
    for name, s in ner.items():
        for label, prf in s["per_type"].items():
            rows.append(f"| {name} | {label} | {_pct(prf['p'])} | {_pct(prf['r'])} | {_pct(prf['f'])} |")
        rows.append(f"| {name} | **all** | {_pct(s['ents_p'])} | {_pct(s['ents_r'])} | **{_pct(s['ents_f'])}** |")
    return rows


def _syntax_table(raw: dict, gold: dict | None) -> list[str]:
    keys = [
        ("pos_acc", "POS (UPOS)"),
        ("tag_acc", "XPOS"),
        ("morph_acc", "Morph"),
        ("lemma_acc", "Lemma"),
        ("dep_uas", "UAS"),
        ("dep_las", "LAS"),
        ("sents_f", "Sentences F"),
    ]
    rows = ["| metric | raw text | gold tokens |", "| --- | ---: | ---: |"]
    for k, label in keys:
        rows.append(f"| {label} | {_pct(raw.get(k))} | {_pct((gold or {}).get(k))} |")
    return rows


def render_card(meta: dict) -> str:
    ev = meta.get("evaluation", {})
    raw = ev.get("raw_text", {})
    gold = ev.get("gold_tokens", {})
    speed = ev.get("speed", {})
    training = meta.get("training_info", {})
    lines = [
        f"# {meta.get('name', 'it_news')} {meta.get('version', '')}",
        "",
        meta.get("description", ""),
        "",
        f"- **Pipeline:** {', '.join(meta.get('pipeline', []))}"
        + (
            " (the ruler first so that loading its patterns runs no other pipe: 2.5 s to load instead of 30 s)"
            if meta.get("pipeline", [""])[0] == "entity_ruler"
            else ""
        ),
        "- **NER labels:** "
        + ", ".join(sorted({label for name in ("ner", "ner_misc") for label in meta.get("labels", {}).get(name, [])})),
        f"- **spaCy:** {meta.get('spacy_version', '')}",
        f"- **Licence:** {meta.get('license', '')} — **non-commercial use only** (like it_core_news_sm)",
        '- **Load:** `spacy.load("models/it_news")`; the project\'s `pipeline.nlp.build_nlp()` uses it '
        "by default and adds it_dates/it_numbers/it_events at load time (they are not saved here).",
        "- **Rebuild:** `make model` (DATA=../shared/data by default); configs in `configs/`.",
        "",
        "## Components",
        "",
        "- `tok2vec` (CNN, shared by the syntax components), `tagger` (XPOS, ISDT tag set), "
        "`morphologizer` (UPOS + features), `parser` (UD relations; also sets sentence boundaries), "
        f"`lemmatizer` ({training.get('lemmatizer', 'see meta.json')}), trained together on UD Italian "
        "treebanks other than ISDT.",
        "- `ner` (own CNN tok2vec inside the component, with static word vectors trained on the "
        "unlabeled training text: FastText, 100 dims, ~33k words) trained first on silver WikiNEuRal Italian "
        "(MISC mapped to O), then fine-tuned on KIND WN+FIC+ADG train splits (PER, LOC, ORG).",
        "- `ner_misc` (a second ner, 2-layer CNN, same static vectors) adds MISC: trained on silver "
        "WikiNEuRal Italian with MISC only (KIND has no MISC; dev = 5% of the silver docs held out). "
        "It runs after `ner` and keeps its entities, so it cannot change PER/LOC/ORG; KIND scores "
        "below leave its MISC out.",
        "- `entity_ruler` before `ner` (if kept, see Training): ORG names from the KIND Wikipedia "
        "gazetteer and PER/LOC/ORG names from WikiNEuRal, filtered on KIND train; `ner` keeps "
        "the entities it sets.",
        "- UD multiword tokens (`della` = `di` + `la`) are merged into one token, as spaCy's tokenizer "
        "leaves them whole; their lemma is the space-joined lemmas (`di il`) and their POS that of the "
        "head subtoken.",
        "",
        "## Scores",
        "",
        "Measured with `spacy evaluate` semantics (raw text through spaCy's tokenizer) unless marked "
        '"gold tokens". Nothing here was trained on these dev sets; KIND dev was used for model '
        "selection of NER (WN_dev), VIT dev for syntax.",
        "",
        "### NER (KIND dev sets, raw text)",
        "",
        *_ner_table(raw.get("ner", {})),
        "",
    ]
    if gold.get("ner"):
        lines += ["### NER (KIND dev sets, gold tokens)", "", *_ner_table(gold["ner"]), ""]
    lines += [
        "### Syntax (UD Italian ISDT dev, never trained on)",
        "",
        *_syntax_table(raw.get("ud_isdt_dev", {}), gold.get("ud_isdt_dev")),
        "",
        "### Speed",
        "",
        f"Whole pipeline, one process (OMP/BLAS threads = {speed.get('threads', '?')}), `nlp.pipe` batch "
        f"{speed.get('batch_size', '?')} over KIND WN_dev + ISDT dev texts ({speed.get('words', '?')} tokens): "
        f"**{speed.get('words_per_second', '?')} words/s** wall clock, "
        f"**{speed.get('words_per_cpu_second', '?')} words per CPU-second**. Measured on a shared 2-core "
        f"machine (load average {speed.get('load_average', '?')} during the run), so the wall-clock figure "
        "is a lower bound.",
        "",
    ]
    if meta.get("bars"):
        lines += ["### Project bars", ""]
        for b in meta["bars"]:
            lines.append(f"- {b}")
        lines.append("")
    if training:
        lines += ["## Training", ""]
        for k, v in training.items():
            lines.append(f"- **{k}:** {v}")
        lines.append("")
    lines += ["## Notes: what was tried", ""]
    lines += [f"- {n}" for n in meta.get("notes", NOTES)]
    lines.append("")
    lines += [
        "## Data sources and licences",
        "",
        "| data | licence | by |",
        "| --- | --- | --- |",
    ]
    for s in meta.get("sources", SOURCES):
        lines.append(f"| [{s['name']}]({s['url']}) | {s['license']} | {s['author']} |")
    lines += [
        "",
        "Because the training data carry NC (non-commercial) and SA (share-alike) terms, the "
        f"pipeline is distributed under {meta.get('license', 'CC BY-NC-SA 4.0')}, for non-commercial use only.",
        "",
        "## Citations",
        "",
        CITATIONS,
    ]
    return "\n".join(lines)
