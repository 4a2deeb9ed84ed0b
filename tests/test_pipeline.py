"""The trained pipeline (models/referat_da) and the entity stage of `analyze` (nlp/pipeline, nlp/stages)."""

from __future__ import annotations

import shutil

import pytest

from nlp.analyze import Analyzer
from nlp.contract import validate
from nlp.models import ModelIntegrityError, verify_model
from nlp.pipeline import load_pipeline, pipeline_path

pytestmark = pytest.mark.skipif(not (pipeline_path() / "config.cfg").exists(),
                                reason="models/referat_da has not been trained (referat train entities)")


def test_pipeline_has_the_configured_components():
    nlp = load_pipeline()
    assert nlp.pipe_names == ["referat_sentences", "referat_lemmatizer", "entity_rules", "entity_names",
                              "tok2vec", "ner", "entity_lexicon", "referat_entity_cleanup", "referat_normalizer"]


def test_pipeline_finds_entities_with_values():
    nlp = load_pipeline()
    doc = nlp.make_doc("Byrådet godkendte den 30. juni at give 18,6 mio. kr. til Sammen om fastholdelse. "
                       "Ledigheden faldt 0,3 procentpoint, jf. servicelovens § 95. Bente Hjorth deltog.")
    doc._.meeting_date = "2021-03-08"
    doc = nlp(doc)
    found = {(e.text, e.label_): e._.value for e in doc.ents}
    assert found[("18,6 mio. kr.", "MONEY")] == 18_600_000
    assert found[("30. juni", "DATE")] == "2021-06-30"
    assert found[("0,3 procentpoint", "PERCENT")] == 0.3
    assert ("servicelovens § 95", "LAW") in found
    assert ("Bente Hjorth", "PERSON") in found
    assert ("Byrådet", "ORG") in found


def test_analyze_fills_entities_with_offsets_into_the_item(seed_paths):
    analysis = Analyzer(stages=["entities"]).analyze_path(seed_paths["000_932393c0f57c64e5"])
    validate(analysis.to_dict())
    item = analysis.items[0]
    assert item.entities
    for entity in item.entities:
        assert item.text[entity.start:entity.end] == entity.text
    assert any(e.label == "ORG" and e.text == "AKF" for e in item.entities)


def test_model_with_a_changed_file_is_refused(tmp_path):
    copy = tmp_path / "referat_da"
    shutil.copytree(pipeline_path(), copy)
    verify_model(copy)
    (copy / "ner" / "model").write_bytes(b"tampered")
    with pytest.raises(ModelIntegrityError):
        verify_model(copy)
