"""Summaries, key facts and the meeting digest (nlp/summarize), and ROUGE (nlp/evaluate/summaries)."""

from __future__ import annotations

import pytest
from conftest import needs_corpus

from nlp.analyze import Analyzer
from nlp.contract import validate
from nlp.evaluate.summaries import rouge_l, rouge_n, tokens
from nlp.summarize.facts import one_line, recommendation_line
from nlp.summarize.sentences import boilerplate, is_content


@pytest.fixture(scope="module")
def analyses(seed_paths):
    analyzer = Analyzer()
    return {stem: analyzer.analyze_path(path) for stem, path in seed_paths.items()}


def _squash(text: str) -> str:
    return " ".join(text.split())


def test_summaries_are_sentences_of_the_case_in_document_order(analyses):
    summarised = 0
    for analysis in analyses.values():
        validate(analysis.to_dict())
        for item in analysis.items:
            assert len(item.summary) <= 3
            if not item.summary:
                continue
            summarised += 1
            source = _squash(item.sections.get("resume") or item.sections.get("sagsfremstilling")
                             or item.sections.get("beslutningstema", ""))
            positions = [source.find(sentence.lstrip("•·-–* ")) for sentence in item.summary]
            assert all(p >= 0 for p in positions), item.summary
            assert positions == sorted(positions)
    assert summarised >= 30


def test_summaries_hold_no_boilerplate(analyses):
    for analysis in analyses.values():
        for item in analysis.items:
            for sentence in item.summary:
                assert not boilerplate().search(sentence), sentence
                assert "Der henvises til bilag" not in sentence


@pytest.mark.parametrize("sentence, content", [
    ("Der henvises til vedlagte bilag.", False),
    ("Sagsfremstilling", False),
    ("Bilag", False),
    ("2012\t2013\t2014\t18,6\t19,2", False),
    ("Budgetopfølgningen viser et merforbrug på 18,6 mio. kr. på kontanthjælp.", True),
])
def test_candidate_filter(sentence, content):
    assert is_content(sentence) is content


def test_summary_length_is_configurable(seed_paths):
    one = Analyzer(summary_sentences=1).analyze_path(seed_paths["003_f93ccf7bc01b9c92"])
    assert all(len(item.summary) <= 1 for item in one.items)
    assert any(item.summary for item in one.items)


def test_key_facts_of_a_budget_item(analyses):
    item = analyses["000_932393c0f57c64e5"].items[2]  # Budgetopfølgning pr. 30. juni 2012
    facts = item.facts
    assert facts["money"][0]["value"] == pytest.approx(1_132_000_000)
    assert any(m["value"] == pytest.approx(18_600_000) for m in facts["money"])
    assert facts["decision"]
    assert facts["outcome"] == item.outcome["label"]
    assert any(d["value"] == "2012-06-30" for d in facts["dates"])


@pytest.mark.parametrize("text, line", [
    ("Direktionen indstiller,\n- At budgetproceduren for 2022 tages til efterretning.\n"
     "- At forslag til udvalgets egen proces/tidsplan godkendes.",
     "budgetproceduren for 2022 tages til efterretning; forslag til udvalgets egen proces/tidsplan godkendes"),
    ("Direktøren for Social, Sundhed og Beskæftigelse indstiller\n\nat FØP handleplanen godkendes",
     "FØP handleplanen godkendes"),
])
def test_recommendation_line(text, line):
    assert recommendation_line(text) == line


def test_one_line_takes_the_first_sentence():
    assert one_line("Indstillingen blev tiltrådt. Henrik deltog ikke.") == "Indstillingen blev tiltrådt."


def test_meeting_digest_counts_outcomes(analyses):
    analysis = analyses["000_932393c0f57c64e5"]
    digest = analysis.digest
    assert digest["items"] == len(analysis.items) == 12
    assert sum(digest["outcomes"].values()) == 12
    assert digest["headline"].startswith("12 punkter")
    assert digest["amount_decided_dkk"] >= 0


def test_rouge_known_values():
    reference = tokens("udvalget godkendte budgettet", lemmatize=False)
    assert rouge_n(reference, reference, 2) == 1.0
    assert rouge_n(tokens("helt andet", lemmatize=False), reference, 1) == 0.0
    candidate = tokens("udvalget godkendte planen", lemmatize=False)
    assert rouge_n(candidate, reference, 1) == pytest.approx(2 / 3)
    assert rouge_l(candidate, reference) == pytest.approx(2 / 3)


def test_rouge_tokens_are_danish_and_lemmatised():
    assert tokens("Kommunerne godkendte BUDGETTET") == ["kommune", "godkende", "budget"]


@needs_corpus
def test_summaries_beat_random_sentences():
    from nlp.evaluate.summaries import evaluate_summaries

    report = evaluate_summaries()
    systems = report["cross_validated"]["systems"]
    assert systems["ours"]["rouge2"] > systems["random-3"]["rouge2"] + 0.03
    assert systems["ours"]["rouge1"] > systems["random-3"]["rouge1"] + 0.05
