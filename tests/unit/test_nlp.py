import logging

import pytest

from pipeline.nlp import BLANK, SHIPPED_MODEL, ModelNotFoundError, build_nlp

HEADLINE = "Il Niger chiede il ritiro delle truppe\n\nGli Stati Uniti hanno concordato di ritirarsi."
needs_model = pytest.mark.skipif(not (SHIPPED_MODEL / "meta.json").exists(), reason="models/it_news not built")


def test_blank_pipeline_has_our_components_in_order(nlp_blank):
    names = nlp_blank.pipe_names
    assert names.index("it_dates") < names.index("it_numbers") < names.index("it_events")


def test_missing_parser_warns_once_and_still_runs(caplog):
    with caplog.at_level(logging.WARNING, logger="pipeline.nlp"):
        nlp = build_nlp(BLANK)
    warnings = [r for r in caplog.records if "has no parser, ner" in r.getMessage()]
    assert len(warnings) == 1
    doc = nlp("Ieri migliaia di manifestanti hanno protestato.")
    assert [e._.event.type for e in doc.spans["events"]] == ["PROTEST"]


def test_unknown_model_names_the_model_and_the_way_out():
    with pytest.raises(ModelNotFoundError, match="'it_modello_inesistente' not found.*make model"):
        build_nlp("it_modello_inesistente")


@pytest.mark.parametrize("fixture", ["nlp_blank", "nlp_default"])
def test_blank_line_starts_a_sentence(request, fixture):
    nlp = request.getfixturevalue(fixture)
    sentences = [s.text.strip() for s in nlp(HEADLINE).sents]
    assert sentences[0] == "Il Niger chiede il ritiro delle truppe"


@needs_model
def test_shipped_pipeline_analysis_reports_no_problems(nlp_default):
    analysis = nlp_default.analyze_pipes(pretty=False)
    assert not any(analysis["problems"].values()), analysis["problems"]
    assert {"parser", "ner", "lemmatizer"} <= set(nlp_default.pipe_names)


@needs_model
def test_a_model_path_without_parser_warns_and_degrades(tmp_path, caplog):
    import spacy

    from pipeline.tables import mention_rows

    spacy.load(SHIPPED_MODEL, exclude=["parser"]).to_disk(tmp_path / "senza_parser")
    with caplog.at_level(logging.WARNING, logger="pipeline.nlp"):
        nlp = build_nlp(str(tmp_path / "senza_parser"))
    assert [r.getMessage() for r in caplog.records if "has no parser" in r.getMessage()]
    doc = nlp("Ieri migliaia di manifestanti hanno protestato a Niamey contro la giunta.")
    rows = mention_rows(doc)
    assert [e["type"] for e in rows["events"]] == ["PROTEST"]
    assert rows["dates"] and rows["numbers"]
