"""The splitter on the real corpus pages: the issue's targets (nlp/evaluate/split.py)."""

from __future__ import annotations

from conftest import needs_corpus


@needs_corpus
def test_split_finds_labelled_corpus_items():
    from nlp.evaluate.split import evaluate_split

    report = evaluate_split()
    assert report.recall >= 0.95
    assert report.precision >= 0.95
    fields = report.to_dict()["meeting_fields"]
    assert fields["date"]["accuracy"] >= 0.9
    assert fields["kind"]["accuracy"] >= 0.85
