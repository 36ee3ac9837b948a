"""The NER training pieces of issue 11: silver MISC split, KIND scores without MISC, the
pretraining hook for the ner's own CNN."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy
import spacy
from spacy.tokens import Doc, DocBin

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from training.evaluate_model import score_ner  # noqa: E402


def _doc(nlp, words, ents):
    return Doc(nlp.vocab, words=words, ents=ents)


def test_silver_keeps_the_labels_asked_and_holds_out_a_dev_split(tmp_path):
    nlp = spacy.blank("it")
    docs = [
        _doc(
            nlp,
            ["Al", "Giro", "d'", "Italia", "Mario", "Rossi", "vince"],
            ["O", "B-MISC", "I-MISC", "I-MISC", "B-PER", "I-PER", "O"],
        )
        for _ in range(20)
    ]
    DocBin(docs=docs).to_disk(tmp_path / "silver.spacy")
    cmd = [sys.executable, "-m", "training.silver", "--silver", str(tmp_path / "silver.spacy"), "--labels", "MISC"]
    cmd += ["--dev-fraction", "0.1", "--dev-out", str(tmp_path / "dev.spacy"), "--out", str(tmp_path / "train.spacy")]
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
    train = list(DocBin().from_disk(tmp_path / "train.spacy").get_docs(nlp.vocab))
    dev = list(DocBin().from_disk(tmp_path / "dev.spacy").get_docs(nlp.vocab))
    assert (len(train), len(dev)) == (18, 2)
    for doc in train + dev:  # PER -> O (outside, not missing), MISC kept
        assert [(e.text, e.label_) for e in doc.ents] == [("Giro d' Italia", "MISC")]
        assert doc[4].ent_iob_ == "O"


def test_kind_scores_leave_out_labels_the_gold_never_uses(tmp_path):
    nlp = spacy.blank("it")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PER", "pattern": "Rossi"}, {"label": "MISC", "pattern": "Expo"}])
    nlp.to_disk(tmp_path / "model")
    gold = [_doc(nlp, ["Rossi", "visita", "Expo", "e", "Milano"], ["B-PER", "O", "O", "O", "B-LOC"])]
    for name in ("WN", "FIC", "ADG"):
        DocBin(docs=gold).to_disk(tmp_path / f"ner_dev_{name}.spacy")
    scores = score_ner(str(tmp_path / "model"), tmp_path)["WN_dev"]
    # MISC is not a false positive against a gold without MISC: P = 1/1, R = 1/2
    assert (scores["ents_p"], scores["ents_r"]) == (1.0, 0.5)
    assert scores["dropped_labels"] == {"MISC": 1}


def test_pretraining_finds_the_cnn_inside_the_ner(tmp_path):
    from spacy import util
    from spacy.training.initialize import load_vectors_into_model
    from spacy.training.pretrain import create_pretraining_model, get_tok2vec_ref

    import training.callbacks  # noqa: F401  (registers the callback the config names)

    vectors = spacy.blank("it")
    for i, word in enumerate(["Mario", "Rossi", "a", "Torino"]):
        vectors.vocab.set_vector(word, numpy.full(8, i / 4, dtype="f"))
    vectors.to_disk(tmp_path / "vectors")
    overrides = {"paths.vectors": str(tmp_path / "vectors"), "paths.raw_text": str(tmp_path / "raw.jsonl")}
    config = util.load_config(ROOT / "configs" / "ner_pretrain.cfg", overrides=overrides, interpolate=True)
    nlp = util.load_model_from_config(config)
    load_vectors_into_model(nlp, str(tmp_path / "vectors"))
    pretraining = config["pretraining"]
    cnn = get_tok2vec_ref(nlp, pretraining)
    assert cnn is nlp.get_pipe("ner").model.get_ref("tok2vec").layers[0]
    model = create_pretraining_model(nlp, util.registry.resolve({"p": pretraining})["p"])
    out = cnn.predict([nlp.make_doc("Mario Rossi a Torino")])
    assert len(out) == 1 and out[0].shape == (4, 64) and model.has_ref("tok2vec")  # one array per doc
