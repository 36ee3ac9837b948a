"""The Python API and spaCy integration (issue 16): Annotator records and Docs, spaCy
entry points (components by name without ``import pipeline``), event labels, DocBin."""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import json
import subprocess
import sys
import textwrap

import pytest
from spacy import displacy
from spacy.tokens import DocBin

import pipeline
from pipeline.extract import annotate_line
from pipeline.nlp import OWN_COMPONENTS

from ..conftest import ROOT

TEXT = "Ieri a Niamey migliaia di persone hanno protestato. Il Niger ha chiesto il ritiro delle truppe."
FACTORIES = {*OWN_COMPONENTS, "it_paragraph_breaks"}


@pytest.fixture(scope="module")
def annotator(nlp_blank):
    return pipeline.Annotator(nlp_blank)


def test_annotate_resolves_against_the_publication_date(annotator):
    record = annotator.annotate(TEXT, published="2024-05-20", doc_id="a")
    assert record["id"] == "a" and record["published"] == "2024-05-20"
    assert record["dates"][0]["text"] == "Ieri" and record["dates"][0]["value"] == "2024-05-19"
    assert {e["type"] for e in record["events"]} >= {"PROTEST", "DEMAND"}
    json.dumps(record)  # plain data
    # the same rows as `annotate --jsonl`
    line = annotate_line(annotator.nlp, json.dumps({"id": "a", "text": TEXT, "published": "2024-05-20"}), 1)
    assert {k: v for k, v in record.items() if k != "published"} == line
    assert annotator.annotate(TEXT)["dates"][0]["value"] != "2024-05-19"  # no date: unresolved


def test_annotate_batch_keeps_order_ids_and_dates(annotator):
    items = [
        {"id": "x", "text": TEXT, "published": "2024-05-20"},
        (TEXT, dt.date(2023, 1, 10)),
        "Il 16 marzo 2024 il Niger ha chiesto il ritiro.",
    ]
    records = list(annotator.annotate_batch(items))
    assert [r["id"] for r in records] == ["x", None, None]
    assert records[0]["dates"][0]["value"] == "2024-05-19" and records[1]["dates"][0]["value"] == "2023-01-09"
    assert records[2]["dates"][0]["value"] == "2024-03-16"
    with pytest.raises(ValueError):
        annotator.annotate(TEXT, published="20 maggio")


def test_docs_carry_typed_values_and_event_labels(annotator):
    (doc,) = annotator.docs([(TEXT, "2024-05-20")])
    events = doc.spans["events"]
    assert events and all(span.label_ == span._.event.type for span in events)
    html = displacy.render(doc, style="span", options={"spans_key": "events"})
    assert "PROTEST" in html


def test_entry_points_name_every_component():
    points = {e.name: e for e in importlib.metadata.entry_points(group="spacy_factories")}
    assert set(points) >= FACTORIES
    for name in FACTORIES:
        assert callable(points[name].load()), name


def fresh_python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, cwd=ROOT.parent, timeout=120
    )


def test_components_and_saved_pipelines_load_without_importing_pipeline(nlp_blank, tmp_path):
    nlp_blank.to_disk(tmp_path / "saved")
    doc = pipeline.Annotator(nlp_blank).doc(TEXT, published="2024-05-20")
    DocBin(store_user_data=True, docs=[doc]).to_disk(tmp_path / "docs.spacy")
    result = fresh_python(
        f"""
        import sys
        import spacy
        from spacy.tokens import DocBin

        assert "pipeline" not in sys.modules
        nlp = spacy.blank("it")  # spaCy loads the entry points of every installed factory here
        nlp.add_pipe("sentencizer")
        nlp.add_pipe("it_dates")
        doc = nlp("Il 16 marzo 2024 piove.")
        assert [s.label_ for s in doc.spans["dates"]] == ["DATE"]

        saved = spacy.load({str(tmp_path / "saved")!r})
        doc = saved("Il Niger ha chiesto il ritiro delle truppe.")
        print([s.label_ for s in doc.spans["events"]])
        (doc,) = DocBin().from_disk({str(tmp_path / "docs.spacy")!r}).get_docs(saved.vocab)
        print(doc._.published.isoformat(), type(doc.spans["dates"][0]._.date_value).__name__)
        print(doc.spans["events"][0]._.event.type)
        """
    )
    assert result.returncode == 0, result.stderr
    labels, published, event_type = result.stdout.splitlines()
    assert "DEMAND" in labels and "''" not in labels
    assert published == "2024-05-20 Timex"
    assert event_type == "PROTEST"


def test_docbin_round_trip_keeps_every_extension_value(nlp_default, seed_text):
    doc = pipeline.Annotator(nlp_default).doc(seed_text, published="2024-05-20", doc_id="seed")
    restored = next(
        DocBin(store_user_data=True, docs=[doc])
        .from_bytes(DocBin(store_user_data=True, docs=[doc]).to_bytes())
        .get_docs(nlp_default.vocab)
    )
    assert restored.user_data == doc.user_data
    assert restored._.published == dt.date(2024, 5, 20) and restored._.doc_id == "seed"
    kinds = {type(v).__name__ for v in doc.user_data.values()}
    assert {"Timex", "Quantity", "Event", "date"} <= kinds
    if doc.ents:  # the trained model: entity records too
        assert "EntityRecord" in kinds
        assert [e._.entity for e in restored.ents] == [e._.entity for e in doc.ents]
    assert [s.label_ for s in restored.spans["events"]] == [s.label_ for s in doc.spans["events"]]
