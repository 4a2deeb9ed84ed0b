"""The JSON contract: every seed's analysis validates against the schema (nlp/contract.py)."""

from __future__ import annotations

import pytest

from nlp.analyze import Analyzer
from nlp.contract import Analysis, validate


@pytest.fixture(scope="module")
def analyses(seed_paths):
    analyzer = Analyzer()
    return {stem: analyzer.analyze_path(path) for stem, path in seed_paths.items()}


def test_contract_every_seed_validates(analyses):
    for analysis in analyses.values():
        validate(analysis.to_dict())


def test_contract_round_trip(analyses):
    for analysis in analyses.values():
        data = analysis.to_dict()
        assert Analysis.from_dict(data).to_dict() == data


def test_contract_schema_rejects_a_broken_document():
    import jsonschema

    with pytest.raises(jsonschema.ValidationError):
        validate({"source": "x", "meeting": {"municipality": None, "committee": None,
                                             "date": "22. august 2012", "kind": None}, "items": []})
