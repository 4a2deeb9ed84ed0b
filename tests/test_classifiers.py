"""The classifiers: estimator contract, persistence, gates, held-out quality (nlp/classify)."""

from __future__ import annotations

import joblib
import numpy as np
import pytest
from conftest import needs_corpus

from nlp.classify import Classifiers
from nlp.classify.bundle import classifiers_path
from nlp.classify.estimators import OutcomeClassifier, ThemeClassifier, clean_title
from nlp.classify.features import frame, item_fields
from nlp.models import ModelIntegrityError

trained = pytest.mark.skipif(not (classifiers_path() / "MANIFEST.json").exists(),
                             reason="models/classifiers has not been trained (referat train classifiers)")

ITEMS = [
    ("Godkendelse af dagsorden", "Beslutning\nGodkendt.", ["governance"], "approved"),
    ("Budgetopfølgning pr. 30. juni", "Sagsfremstilling\nMerforbrug på budgettet.\nBeslutning\nAnbefales til Byrådets godkendelse.",
     ["budget"], "recommended"),
    ("Status på sygedagpengeområdet", "Sagsfremstilling\nSygefraværet falder.\nBeslutning\nTaget til efterretning.",
     ["sickness_benefits"], "noted"),
    ("Fleksjob og ressourceforløb", "Sagsfremstilling\nFlere i fleksjob.\nBeslutning\nTaget til efterretning.",
     ["disability_flexjob"], "noted"),
    ("Meddelelser", "Beslutning\nOrienteringen blev taget til efterretning.", ["governance"], "noted"),
    ("Budget 2022", "Sagsfremstilling\nBudgettet for 2022.\nBeslutning\nGodkendt.", ["budget"], "approved"),
    ("Drøftelse af indsatsplan", "Sagsfremstilling\nUdkast til plan.\nBeslutning\nDrøftet.", ["strategy_plans"], "discussed"),
    ("Sygedagpenge – nøgletal", "Sagsfremstilling\nNøgletal for sygedagpenge.\nBeslutning\nDrøftet.",
     ["sickness_benefits", "performance"], "discussed"),
]


def toy_frame():
    from nlp.segment import split_document

    rows = []
    for title, text, _, _ in ITEMS * 3:
        sections = split_document(text).items[0].sections
        rows.append(item_fields(title, text, sections))
    return frame(rows), [t for _, _, t, _ in ITEMS * 3], [o for _, _, _, o in ITEMS * 3]


def test_theme_classifier_follows_the_estimator_contract(tmp_path):
    X, themes, _ = toy_frame()
    model = ThemeClassifier(folds=2)
    assert model.fit(X, themes) is model
    assert hasattr(model, "threshold_") and hasattr(model, "classes_")
    predicted = model.predict(X)
    assert all(1 <= len(p) <= 3 for p in predicted)
    joblib.dump(model, tmp_path / "themes.joblib")
    again = joblib.load(tmp_path / "themes.joblib")
    assert again.predict(X) == predicted
    assert np.allclose(again.predict_proba(X), model.predict_proba(X))


def test_theme_probabilities_are_those_of_the_per_theme_models_and_the_stacker():
    X, themes, _ = toy_frame()
    model = ThemeClassifier(folds=2).fit(X, themes)
    features = model.features_.transform(X)
    one_by_one = np.column_stack([m.predict_proba(features)[:, 1] for m in model.models_])
    assert np.allclose(model.model_proba(X), one_by_one)
    stacked = model.stacker_.predict_proba(model._stack_features(one_by_one, X))[:, 1]
    assert np.allclose(model.predict_proba(X), stacked.reshape(one_by_one.shape))


def test_theme_classifier_fits_on_a_handful_of_items():
    # the labelling workspace may retrain on very few labels
    X, themes, _ = toy_frame()
    model = ThemeClassifier().fit(X.iloc[:3], themes[:3])
    assert all(1 <= len(p) <= 3 for p in model.predict(X))


def test_theme_stacker_trusts_the_guides_keywords():
    # learnt from out-of-fold probabilities: a keyword in the title raises a theme's odds
    X, themes, _ = toy_frame()
    model = ThemeClassifier(folds=2).fit(X, themes)
    log_odds, in_title = model.stacker_.coef_[0][:2]
    assert log_odds > 0 and in_title > 0


@trained
@needs_corpus
def test_policy_probabilities_are_those_of_scikit_learns_calibration():
    from sklearn.calibration import CalibratedClassifierCV

    from nlp.datasets.items import policy_titles

    model = Classifiers.load().policy_area
    titles = [text for text, _ in policy_titles()[1][:200]]
    features = model[:-1].transform(titles)
    calibrated = model[-1]
    assert np.allclose(calibrated.predict_proba(features), CalibratedClassifierCV.predict_proba(calibrated, features))


def test_field_union_matches_column_transformer():
    from sklearn.compose import ColumnTransformer
    from sklearn.feature_extraction.text import TfidfVectorizer

    from nlp.classify.features import FieldUnion, ThemeKeywordFeatures

    X, _, _ = toy_frame()
    parts = [("title", TfidfVectorizer(), "title"), ("text", TfidfVectorizer(analyzer="char_wb"), "text"),
             ("keywords", ThemeKeywordFeatures(), ["title", "case"])]
    weights = {"title": 1.0, "text": 0.5, "keywords": 2.0}
    ours = FieldUnion(parts, weights=weights).fit(X).transform(X)
    theirs = ColumnTransformer(parts, transformer_weights=weights, sparse_threshold=1.0).fit(X).transform(X)
    assert np.allclose(ours.toarray(), theirs.toarray())


def test_outcome_classifier_gates_items_without_a_decision():
    X, _, outcomes = toy_frame()
    model = OutcomeClassifier().fit(X, outcomes)
    no_decision = frame([item_fields("Status", "Sagsfremstilling\nTekst.\nIndstilling\nat sagen godkendes",
                                     {"sagsfremstilling": "Tekst.", "indstilling": "at sagen godkendes"})])
    assert list(model.predict(no_decision)) == ["none"]
    # outcomes never seen in training are left to the guide's phrases
    postponed = frame([item_fields("Sag", "Beslutning\nSagen blev udsat.", {"beslutning": "Sagen blev udsat."})])
    assert list(model.predict(postponed)) == ["postponed"]
    assert set(model.predict(X)) <= set(model.classes_)


@pytest.mark.parametrize("sections, title", [
    ({"beslutningstema": "Orientering om status på fleksjobsområdet\nIndsatsen følges.", "sagsfremstilling": "x"},
     "Orientering om status på fleksjobsområdet"),
    ({"sagsfremstilling": "Forvaltningen har, i samarbejde med budgetafdelingen, foretaget en vurdering pr. 30. "
                          "september 2019. Der er i den forbindelse foretaget en vurdering af evt. tillægsbevillinger."},
     "Forvaltningen har, i samarbejde med budgetafdelingen, foretaget en vurdering pr. 30. september 2019"),
    ({"beslutning": "Godkendt."}, ""),
])
def test_item_without_a_title_is_named_by_its_first_words(sections, title):
    # Aabenraa and Svendborg print no titles: the theme features read these words instead
    assert item_fields(None, "tekst", sections)["title"] == title
    assert item_fields("Budgetopfølgning", "tekst", sections)["title"] == "Budgetopfølgning"


@pytest.mark.parametrize("title, clean", [
    ("178. Vedtagelse af Beskæftigelsesplan 2014", "Vedtagelse af Beskæftigelsesplan 2014"),
    ("30. Vedbæk Havn - Godkendelse af vedtægter..............................................71",
     "Vedbæk Havn - Godkendelse af vedtægter"),
    ("A - Status på Plan for det specialiserede socialområde", "Status på Plan for det specialiserede socialområde"),
])
def test_clean_title(title, clean):
    assert clean_title(title) == clean


@trained
def test_bundled_classifiers_label_seed_items(seed_paths):
    from nlp.analyze import Analyzer

    analysis = Analyzer(stages=["classify"]).analyze_path(seed_paths["002_17eb13541673ee62"])
    first = analysis.items[0]
    assert first.outcome["label"] == "approved"
    assert first.themes[0]["label"] == "governance"
    assert isinstance(first.policy_area["code"], int)
    closed = analysis.items[4]  # "Lukket" with no decision
    assert closed.outcome["label"] == "none"


@trained
def test_tampered_classifier_is_never_loaded(tmp_path):
    import shutil

    copy = tmp_path / "classifiers"
    shutil.copytree(classifiers_path(), copy)
    Classifiers.load(copy)
    (copy / "outcome.joblib").write_bytes(b"\x80\x04not the model")
    with pytest.raises(ModelIntegrityError):
        Classifiers.load(copy)


@trained
@needs_corpus
def test_held_out_quality_does_not_regress():
    from nlp.evaluate.classifiers import evaluate_classifiers

    report = evaluate_classifiers()
    outcome = report["outcome"]["systems"]["model"]
    assert outcome["items_with_decision"]["accuracy"] >= 0.93
    assert outcome["none_recall"] >= 0.95
    themes = report["themes"]["systems"]
    assert themes["model"]["micro_f1"] >= 0.65
    assert themes["model"]["micro_f1"] > themes["most frequent theme"]["micro_f1"] + 0.2
    policy = report["policy_area"]["systems"]
    assert policy["model"]["accuracy"] >= policy["multinomial Naive Bayes"]["accuracy"] + 0.15
