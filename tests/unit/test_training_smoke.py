"""Training smoke test: hand-written fixtures -> DocBin -> a few training steps.

Also checks that malformed input stops with the file and line named. Needs no shared data.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from spacy.tokens import DocBin

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # training/ is a folder of scripts, not an installed package
    sys.path.insert(0, str(ROOT))

from training.convert import (  # noqa: E402
    ConversionError,
    Report,
    convert_all,
    convert_conllu,
    convert_ner,
    read_ner_tsv,
    validate_conllu,
)

FIXTURES = ROOT / "tests" / "fixtures" / "training"
CONFIGS = ROOT / "configs"


def _docs(path: Path):
    return list(DocBin().from_disk(path).get_docs(spacy.blank("it").vocab))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    convert_ner([FIXTURES / "kind_tiny.tsv"], out / "ner.spacy")
    convert_ner([FIXTURES / "wikineural_tiny.conllu"], out / "wikineural.spacy", fmt="wikineural")
    convert_conllu([FIXTURES / "ud_tiny.conllu"], out / "ud.spacy")
    return out


# ------------------------------------------------------------------ conversion


def test_kind_conversion_entities_and_text(corpus):
    docs = _docs(corpus / "ner.spacy")
    ents = [(e.text, e.label_) for doc in docs for e in doc.ents]
    assert ("Mario Bianchi", "PER") in ents
    assert ("Regione Lombardia", "ORG") in ents
    assert ("Torino", "LOC") in ents
    text = docs[0].text
    assert "l'Italia" in text and "Verdi," in text  # plausible raw text for spaCy's tokenizer
    assert len(list(docs[0].sents)) == 4


def test_wikineural_conversion_keeps_misc(corpus):
    ents = [(e.text, e.label_) for doc in _docs(corpus / "wikineural.spacy") for e in doc.ents]
    assert ("Festival di Sanremo", "MISC") in ents
    assert ("Giuseppe Verdi", "PER") in ents


def test_conllu_conversion_merges_multiword_tokens(corpus):
    (doc,) = _docs(corpus / "ud.spacy")
    words = [t.text for t in doc]
    assert "nella" in words and "nel" in words and "in" not in words
    assert doc.text.startswith("Il sindaco è arrivato nella città.")
    assert len(list(doc.sents)) == 3
    root = [t for t in doc if t.dep_ == "ROOT"][0]
    assert root.text == "arrivato" and root.lemma_ == "arrivare" and root.pos_ == "VERB"


# ------------------------------------------------------------------ bad input


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "text, line, what",
    [
        ("Roma\tB-LOC\n\nè\tO\tX\n", 3, "columns"),
        ("Roma\tB-LOC\nè\tB-CITY\n", 2, "unknown tag"),
        ("Roma\tB-LOC\nè\tb-loc\n", 2, "unknown tag"),
        ("Roma B-LOC\n", 1, "columns"),
    ],
)
def test_malformed_tsv_names_file_and_line(tmp_path, text, line, what):
    path = _write(tmp_path, "bad.tsv", text)
    with pytest.raises(ConversionError, match=rf"bad\.tsv:{line}: .*{what}"):
        list(read_ner_tsv(path))


def test_i_without_b_is_repaired_and_reported(tmp_path):
    path = _write(tmp_path, "io.tsv", "a\tO\nRoma\tI-LOC\nè\tO\nMario\tPER\nRossi\tPER\n")
    report = Report()
    (sent,) = read_ner_tsv(path, report=report)
    assert sent.tags == ["O", "B-LOC", "O", "B-PER", "I-PER"]
    assert [w.split(": ")[0] for w in report.warnings] == [f"{path}:2", f"{path}:4"]


@pytest.mark.parametrize(
    "bad_line, what",
    [
        ("2\tsindaco\tsindaco\tNOUN\tS\t_\t1\tnsubj\t_", "columns"),
        ("2\tsindaco\tsindaco\tNOUN\tS\t_\tuno\tnsubj\t_\t_", "HEAD"),
        ("x\tsindaco\tsindaco\tNOUN\tS\t_\t1\tnsubj\t_\t_", "bad ID"),
        ("2\tsindaco\tsindaco\tNOUN\tS\t_\t9\tnsubj\t_\t_", "outside the sentence"),
        ("2\tsindaco\tsindaco\tNOUN\tS\tGender\t1\tnsubj\t_\t_", "FEATS"),
    ],
)
def test_malformed_conllu_names_file_and_line(tmp_path, bad_line, what):
    good = "1\tIl\til\tDET\tRD\t_\t0\troot\t_\t_"
    path = _write(tmp_path, "bad.conllu", f"# text = Il sindaco\n{good}\n{bad_line}\n\n")
    with pytest.raises(ConversionError, match=rf"bad\.conllu:3: .*{what}"):
        validate_conllu(path)


def test_missing_data_folder(tmp_path):
    with pytest.raises(ConversionError, match="data folder not found"):
        convert_all(tmp_path / "nope", tmp_path / "out")


def test_missing_file_in_data_folder(tmp_path):
    data = tmp_path / "data"
    (data / "ud").mkdir(parents=True)
    shutil.copy(FIXTURES / "ud_tiny.conllu", data / "ud" / "it_vit-ud-test.conllu")
    (data / "kind").mkdir()
    with pytest.raises(ConversionError, match=r"kind/WN_train\.tsv:0: file not found"):
        convert_all(data, tmp_path / "out")


def _fake_data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    for sub in ("kind", "ud"):
        (data / sub).mkdir(parents=True)
    for dom in ("WN", "FIC", "ADG"):
        for split in ("train", "dev"):
            shutil.copy(FIXTURES / "kind_tiny.tsv", data / "kind" / f"{dom}_{split}.tsv")
    for name in ("it_isdt-ud-dev", "it_vit-ud-dev", "it_partut-ud-train"):
        shutil.copy(FIXTURES / "ud_tiny.conllu", data / "ud" / f"{name}.conllu")
    return data


def test_cli_reports_malformed_file_and_exit_code(tmp_path):
    data = _fake_data(tmp_path)
    with (data / "kind" / "FIC_train.tsv").open("a", encoding="utf-8") as fh:
        fh.write("\nRoma\tB-LOC\tpoi\n")
    proc = subprocess.run(
        [sys.executable, "-m", "training.convert", "--data", str(data), "--out", str(tmp_path / "out")],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    bad_line = len((data / "kind" / "FIC_train.tsv").read_text(encoding="utf-8").splitlines())
    assert proc.returncode == 1
    assert f"FIC_train.tsv:{bad_line}: expected 2 tab-separated columns, got 3" in proc.stderr


@pytest.mark.skipif(shutil.which("make") is None, reason="needs GNU make")
@pytest.mark.parametrize("malformed", [False, True])
def test_make_model_stops_on_bad_data(tmp_path, malformed):
    """`make model` with a missing/malformed DATA stops before training (STAMP= skips the venv)."""
    data = tmp_path / "missing"
    if malformed:
        data = _fake_data(tmp_path)
        (data / "ud" / "it_partut-ud-train.conllu").write_text("1\tIl\til\n", encoding="utf-8")
    proc = subprocess.run(
        [
            "make",
            "--no-print-directory",
            "model",
            f"DATA={data}",
            "STAMP=",
            f"PY={sys.executable}",
            f"CORPUS_DIR={tmp_path}/corpus",
            f"TRAIN_DIR={tmp_path}/output",
            f"MODEL_DIR={tmp_path}/model",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode != 0
    if malformed:
        assert "it_partut-ud-train.conllu:1: expected 10 tab-separated columns, got 3" in proc.stderr
    else:
        assert f"{data}: data folder not found" in proc.stderr
    assert not (tmp_path / "output").exists()


# -------------------------------------------------------------------- training


def _train(config: Path, out: Path, train: Path, extra: dict | None = None) -> Path:
    from spacy.cli.train import train as spacy_train

    overrides = {
        "paths.train": str(train),
        "paths.dev": str(train),
        "training.max_steps": 3,
        "training.eval_frequency": 3,
        "training.patience": 0,
        **(extra or {}),
    }
    spacy_train(config, out, overrides=overrides)
    return out / "model-last"


def _tiny_vectors(out: Path) -> Path:
    """A pipeline holding a few static vectors (the ner config uses static vectors)."""
    import numpy

    nlp = spacy.blank("it")
    for i, word in enumerate(["Mario", "Bianchi", "Torino", "Regione", "Lombardia", "il", "a", "."]):
        nlp.vocab.set_vector(word, numpy.full(8, i / 8, dtype="f"))
    nlp.to_disk(out)
    return out


def test_train_ner_and_syntax_then_assemble(corpus, tmp_path):
    vectors = _tiny_vectors(tmp_path / "vectors")
    ner = _train(CONFIGS / "ner.cfg", tmp_path / "ner", corpus / "ner.spacy", {"paths.vectors": str(vectors)})
    ner_misc = _train(
        CONFIGS / "ner_misc.cfg", tmp_path / "ner_misc", corpus / "ner.spacy", {"paths.vectors": str(vectors)}
    )
    syntax = _train(
        CONFIGS / "syntax.cfg",
        tmp_path / "syntax",
        corpus / "ud.spacy",
        {"components.lemmatizer.min_tree_freq": 1, "components.parser.min_action_freq": 1},
    )
    assert spacy.load(ner).pipe_names == ["ner"]

    from spacy.cli.assemble import assemble_cli  # noqa: F401  (the CLI is what `make` runs)

    out = tmp_path / "assembled"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "spacy",
            "assemble",
            str(CONFIGS / "assemble.cfg"),
            str(out),
            "--paths.syntax",
            str(syntax),
            "--paths.ner",
            str(ner),
            "--paths.ner_misc",
            str(ner_misc),
            "--paths.vectors",
            str(ner),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    nlp = spacy.load(out)
    assert nlp.vocab.vectors.shape[1] == 8 and nlp.vocab.vectors.n_keys == 8  # the ner's static vectors
    nlp.get_pipe("entity_ruler").add_patterns([{"label": "ORG", "pattern": "Regione Lombardia"}])
    assert nlp.pipe_names == [
        *["entity_ruler", "tok2vec", "tagger", "morphologizer", "parser", "lemmatizer", "ner", "ner_misc"]
    ]
    assert set(nlp.get_pipe("ner").labels) == {"PER", "LOC", "ORG"}
    doc = nlp("Il sindaco Mario Bianchi è arrivato a Torino. La Regione Lombardia legge un libro.")
    assert ("Regione Lombardia", "ORG") in [(e.text, e.label_) for e in doc.ents]
    assert doc.has_annotation("DEP") and doc.has_annotation("POS") and doc.has_annotation("LEMMA")
    assert len(list(doc.sents)) >= 1


# ------------------------------------------------------------------ gazetteer


@pytest.mark.parametrize(
    "name, text",
    [("Alba d ' Oro", "Alba d'Oro"), ("B . K . Kiev", "B.K. Kiev"), ("Motor ( Dessau )", "Motor (Dessau)")],
)
def test_gazetteer_names_detokenised(name, text):
    from training.ruler import detok

    assert detok(name) == text


def test_gazetteer_filtered_on_train(tmp_path, corpus):
    from training.ruler import read_gazetteer, select_names

    gaz = _write(tmp_path, "gaz.txt", "ORG Fiat\nORG Torino\nORG Banca Centrale Europea\nORG ferrovie\n")
    names = read_gazetteer(gaz)
    # Fiat is ORG in the fixture train text, so it is kept;
    # Torino is LOC there; unseen multi-word capitalised names are kept.
    assert select_names(names, corpus / "ner.spacy", min_count=1) == ["Banca Centrale Europea", "Fiat"]
    bad = _write(tmp_path, "bad.txt", "ORG Fiat\nPER Mario Rossi\n")
    with pytest.raises(ConversionError, match=r"bad\.txt:2: "):
        read_gazetteer(bad)


def test_silver_names_skip_misc_and_ambiguous(tmp_path, corpus):
    from training.ruler import select_silver_names

    # min_count=1: the tiny silver fixture has each name once
    names = select_silver_names(corpus / "wikineural.spacy", corpus / "ner.spacy", min_count=1)
    assert names == {"Giuseppe Verdi": "PER", "Liguria": "LOC", "Busseto": "LOC"}
