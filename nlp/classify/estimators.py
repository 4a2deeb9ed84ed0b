"""The classifiers: scikit-learn estimators and the pipelines they are built from.

- `OutcomeClassifier`: one outcome per item, from the decision read with the recommendation.
- `ThemeClassifier`: 1–3 themes per item, one-vs-rest with per-label thresholds.
- `policy_pipeline` / `naive_bayes_pipeline`: the CAP major topic from a title.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.special import expit
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold, StratifiedKFold, cross_val_predict
from sklearn.naive_bayes import MultinomialNB
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import MultiLabelBinarizer
from sklearn.svm import LinearSVC

from nlp.classify.features import FieldUnion, LemmaAnalyzer, OutcomeRuleFeatures, ThemeKeywordFeatures
from nlp.classify.rules import outcome_rules

_TITLE_NOISE = re.compile(r"^\s*(?:[\w.]*\d+[.:)]?\s+|[A-H]\s*[-:]\s+)|[._]{3,}\s*\d*\s*$|\s+\d{1,3}\s*$")


def clean_title(title: str) -> str:
    """'178. Vedtagelse af Beskæftigelsesplan 2014......71' → 'Vedtagelse af Beskæftigelsesplan 2014'."""
    return _TITLE_NOISE.sub(" ", title or "").strip()


class OptionalTfidf(TfidfVectorizer):
    """TF-IDF that accepts a field with no words at all in training (it then adds no columns):
    a section some data sets never print must not stop the model from training."""

    def fit_transform(self, raw_documents, y=None):
        try:
            matrix = super().fit_transform(raw_documents, y)
            self.empty_ = False
            return matrix
        except ValueError:
            self.empty_ = True
            return sparse.csr_matrix((len(raw_documents), 1))

    def fit(self, raw_documents, y=None):
        self.fit_transform(raw_documents, y)
        return self

    def transform(self, raw_documents):
        if getattr(self, "empty_", False):
            return sparse.csr_matrix((len(raw_documents), 1))
        return super().transform(raw_documents)


def _words(max_features: int | None = None, min_df: int = 1) -> TfidfVectorizer:
    return OptionalTfidf(analyzer=LemmaAnalyzer(), sublinear_tf=True, min_df=min_df, max_features=max_features)


def _chars(max_features: int = 30000, min_df: int = 2) -> TfidfVectorizer:
    # character n-grams within words: Danish compounds share their parts
    return OptionalTfidf(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=min_df,
                         max_features=max_features)


# -- outcome ----------------------------------------------------------------------------------
def outcome_features() -> FieldUnion:
    return FieldUnion([
        ("decision_words", _words(), "decision"),
        ("decision_chars", _chars(10000), "decision"),
        ("tail_words", _words(5000, min_df=2), "tail"),
        ("recommendation_words", _words(5000), "recommendation"),
        ("title_words", _words(3000), "title"),
        ("rules", OutcomeRuleFeatures(), ["decision", "tail", "recommendation"]),
    ], weights={"rules": 3.0, "decision_words": 1.0, "decision_chars": 0.7,
                "tail_words": 0.5, "recommendation_words": 0.5, "title_words": 0.3})


class OutcomeClassifier(BaseEstimator, ClassifierMixin):
    """The outcome of an item (labels of docs/labelling-guide.md, section 2).

    A logistic regression over the decision, the recommendation and the guide's outcome
    phrases. Outcomes seen fewer than `min_examples` times in training (postponements and
    rejections are rare) are left to the phrases, which know them from the guide.

    Parameters
    ----------
    C : inverse regularisation strength of the logistic regression.
    min_examples : outcomes with fewer training items than this are predicted by rule only.
    """

    def __init__(self, C: float = 4.0, min_examples: int = 3):
        self.C = C
        self.min_examples = min_examples

    def fit(self, X: pd.DataFrame, y):
        y = np.asarray(y)
        decided = _has_decision(X)
        X, y = X[decided], y[decided]  # items without a decision are "none" by definition
        labels, counts = np.unique(y, return_counts=True)
        self.rule_only_ = sorted(set(outcome_rules().patterns) - {l for l, c in zip(labels, counts) if c >= self.min_examples})
        self.pipeline_ = Pipeline([
            ("features", outcome_features()),
            ("classifier", LogisticRegression(C=self.C, class_weight="balanced", max_iter=3000)),
        ]).fit(X, y)
        self.classes_ = np.array(sorted(set(labels) | set(self.rule_only_) | {"none"}))
        return self

    def predict_proba(self, X: pd.DataFrame) -> np.ndarray:
        model_proba = self.pipeline_.predict_proba(X)
        model_classes = list(self.pipeline_.classes_)
        proba = np.zeros((len(X), len(self.classes_)))
        for j, label in enumerate(self.classes_):
            if label in model_classes:
                proba[:, j] = model_proba[:, model_classes.index(label)]
        rules = outcome_rules()
        none = list(self.classes_).index("none")
        for i, (decision, tail, recommendation) in enumerate(zip(X["decision"], X["tail"], X["recommendation"])):
            if not decision.strip() and not tail.strip():
                proba[i] = 0.0
                proba[i, none] = 1.0
                continue
            ruled = rules.outcome(decision or tail, recommendation)
            if ruled in self.rule_only_:
                proba[i] = 0.0
                proba[i, list(self.classes_).index(ruled)] = 0.9
                rest = [k for k, c in enumerate(self.classes_) if c != ruled]
                proba[i, rest] = 0.1 * model_proba[i].max() / max(1, len(rest))
        return proba

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        return self.classes_[self.predict_proba(X).argmax(axis=1)]


def _has_decision(X: pd.DataFrame) -> np.ndarray:
    return np.array([bool(d.strip() or t.strip()) for d, t in zip(X["decision"], X["tail"])])


# -- themes -----------------------------------------------------------------------------------
def theme_features() -> FieldUnion:
    return FieldUnion([
        ("title_words", _words(), "title"),
        ("title_chars", _chars(20000), "title"),
        ("case_words", _words(20000, min_df=2), "case"),
        # lemmas of the whole text, not character n-grams: as good in cross-validation by
        # municipality (micro-F1 0.689 vs 0.690) at a fifth of the time on long items
        ("text_words", _words(30000, min_df=2), "text"),
        ("keywords", ThemeKeywordFeatures(), ["title", "case"]),
    ], weights={"title_words": 1.0, "title_chars": 0.8, "case_words": 0.8,
                "text_words": 0.5, "keywords": 1.0})


class ThemeClassifier(BaseEstimator, ClassifierMixin):
    """Themes of an item, in two stages.

    1. One logistic regression per theme over shared features (`theme_features`).
    2. A stacker, one logistic regression over all (item, theme) pairs, that weighs each
       theme's probability against the guide's keywords for it (in the title, in the case
       text, the strongest keyword theme of the item) and against the item's other themes
       (is it the item's likeliest?). It learns from out-of-fold probabilities, so it sees
       the models as they are on items they were not trained on: with a few hundred items
       the keywords are often the better judge, and the stacker learns when.

    An item gets its likeliest theme, plus up to `max_themes - 1` more whose stacked
    probability clears one threshold, chosen on the stacker's own out-of-fold predictions.

    Parameters
    ----------
    C : inverse regularisation strength of the per-theme models.
    max_themes : at most this many themes per item (the guide: 1 to 3).
    folds : cross-validation folds for the out-of-fold probabilities.
    stack_C : inverse regularisation strength of the stacker.
    """

    def __init__(self, C: float = 8.0, max_themes: int = 3, folds: int = 4, stack_C: float = 1.0):
        self.C = C
        self.max_themes = max_themes
        self.folds = folds
        self.stack_C = stack_C

    def _model(self):
        return LogisticRegression(C=self.C, class_weight="balanced", max_iter=3000, solver="liblinear")

    def _stacker(self):
        return LogisticRegression(C=self.stack_C, max_iter=3000)

    def fit(self, X: pd.DataFrame, y: list[list[str]], sample_weight=None):
        """Fit on items (and, with a lower `sample_weight`, extra data such as bare titles);
        the stacker and its threshold learn from the full-weight items only, the kind the
        model will see."""
        self.binarizer_ = MultiLabelBinarizer().fit(y)
        Y = self.binarizer_.transform(y)
        self.classes_ = self.binarizer_.classes_
        weights = np.ones(len(Y)) if sample_weight is None else np.asarray(sample_weight, dtype=float)
        in_domain = weights >= 1.0
        self.features_ = theme_features().fit(X)
        features = self.features_.transform(X)
        folds = StratifiedKFold(self.folds, shuffle=True, random_state=0)
        self.models_ = []
        out_of_fold = np.zeros(Y.shape)
        for j in range(Y.shape[1]):
            target = Y[:, j]
            model = self._model().fit(features, target, sample_weight=weights)
            if target[in_domain].sum() >= self.folds and (len(target) - target.sum()) >= self.folds:
                out_of_fold[:, j] = cross_val_predict(clone(model), features, target, cv=folds, method="predict_proba",
                                                      params={"sample_weight": weights})[:, 1]
            else:  # too rare to hold out: the stacker sees this theme as the model knows it
                out_of_fold[:, j] = model.predict_proba(features)[:, 1]
            self.models_.append(model)
        # all themes in one product at prediction time: asking each of the models in turn
        # spends more time in scikit-learn's input checks than in the arithmetic
        self.coef_ = np.vstack([m.coef_ for m in self.models_])
        self.intercept_ = np.concatenate([m.intercept_ for m in self.models_])
        stacked = self._stack_features(out_of_fold[in_domain], X[in_domain])
        targets = Y[in_domain].ravel()
        n_items = int(in_domain.sum())
        items = np.repeat(np.arange(n_items), len(self.classes_))
        if n_items >= 2:  # each item's rows stay together in one fold
            held_out = cross_val_predict(self._stacker(), stacked, targets, groups=items,
                                         cv=GroupKFold(min(self.folds, n_items)), method="predict_proba")[:, 1]
            self.threshold_ = _best_threshold_for_sets(held_out.reshape(-1, len(self.classes_)), Y[in_domain],
                                                       self.max_themes)
        else:
            self.threshold_ = 0.5
        self.stacker_ = self._stacker().fit(stacked, targets)
        return self

    def _stack_features(self, proba: np.ndarray, X: pd.DataFrame) -> np.ndarray:
        """One row per (item, theme): the theme's log-odds, its keywords, whether it is the
        item's likeliest by the model or by the keywords, and the theme itself (its bias)."""
        title, case = ThemeKeywordFeatures().hits(X, self.classes_)
        strength = title + 0.5 * case
        n, k = proba.shape
        p = np.clip(proba, 1e-4, 1 - 1e-4)
        keyword_first = (strength == strength.max(axis=1, keepdims=True)) & (strength > 0)
        model_first = p == p.max(axis=1, keepdims=True)
        columns = np.stack([np.log(p / (1 - p)), title, case, keyword_first, model_first], axis=-1)
        return np.concatenate([columns, np.broadcast_to(np.eye(k), (n, k, k))], axis=-1).reshape(n * k, -1)

    def model_proba(self, X: pd.DataFrame) -> np.ndarray:
        """The first stage: each theme's probability by its own model."""
        features = self.features_.transform(X)
        return expit(np.asarray(features @ self.coef_.T) + self.intercept_)

    def predict_proba(self, X: pd.DataFrame) -> np.ndarray:
        """The stacked probability of each theme for each item (columns in `classes_` order)."""
        proba = self.model_proba(X)
        stacked = self._stack_features(proba, X)
        return expit(stacked @ self.stacker_.coef_[0] + self.stacker_.intercept_[0]).reshape(proba.shape)

    def predict(self, X: pd.DataFrame) -> list[list[str]]:
        return [[label for label, _ in ranked] for ranked in self.rank(X)]

    def rank(self, X: pd.DataFrame) -> list[list[tuple[str, float]]]:
        """The predicted themes of each item with their probabilities, best first."""
        proba = self.predict_proba(X)
        return [[(str(self.classes_[k]), float(row[k])) for k in _chosen(row, self.threshold_, self.max_themes)]
                for row in proba]


def _chosen(row: np.ndarray, threshold: float, max_themes: int) -> list[int]:
    """The likeliest theme, and the next ones that clear the threshold."""
    order = np.argsort(-row)[:max_themes]
    return [order[0]] + [k for k in order[1:] if row[k] >= threshold]


def _best_threshold_for_sets(proba: np.ndarray, Y: np.ndarray, max_themes: int) -> float:
    """The threshold whose theme sets have the best micro-F1 against `Y`."""
    best, best_f1 = 0.5, -1.0
    for threshold in np.arange(0.2, 0.8, 0.025):
        predicted = np.zeros_like(Y)
        for i, row in enumerate(proba):
            predicted[i, _chosen(row, threshold, max_themes)] = 1
        tp = (predicted & Y).sum()
        f1 = 2 * tp / (predicted.sum() + Y.sum())
        if f1 > best_f1 + 1e-9:
            best, best_f1 = float(threshold), f1
    return best


# -- policy area ------------------------------------------------------------------------------
class TitleCleaner(BaseEstimator):
    """Strip item numbers, dot leaders and page numbers from titles."""

    def fit(self, X, y=None):
        return self

    def transform(self, X):
        return [clean_title(x) for x in X]


class SigmoidCalibratedCV(CalibratedClassifierCV):
    """`CalibratedClassifierCV` with sigmoid calibration whose `predict_proba` scales all
    classes of a fold at once: the same numbers, without a call per class and fold (20
    classes × 3 folds cost more than the rest of the policy model on a few items)."""

    def predict_proba(self, X) -> np.ndarray:
        if self.method != "sigmoid" or len(self.classes_) < 3:
            return super().predict_proba(X)
        n_classes = len(self.classes_)
        total = np.zeros((X.shape[0], n_classes))
        for fold in self.calibrated_classifiers_:
            scores = fold.estimator.decision_function(X)
            slope = np.array([calibrator.a_ for calibrator in fold.calibrators])
            offset = np.array([calibrator.b_ for calibrator in fold.calibrators])
            proba = np.zeros_like(total)
            proba[:, np.searchsorted(self.classes_, fold.estimator.classes_)] = expit(-(slope * scores + offset))
            denominator = proba.sum(axis=1, keepdims=True)
            proba = np.divide(proba, denominator, out=np.full_like(proba, 1 / n_classes), where=denominator != 0)
            proba[(1.0 < proba) & (proba <= 1.0 + 1e-5)] = 1.0
            total += proba
        return total / len(self.calibrated_classifiers_)


def policy_pipeline(C: float = 1.0) -> Pipeline:
    """Word lemmas, word pairs and character n-grams → a linear SVM with sigmoid-calibrated
    probabilities (chosen over logistic regression by 5-fold cross-validation on training titles)."""
    return Pipeline([
        ("clean", TitleCleaner()),
        ("features", FeatureUnion([
            ("words", _words()),
            ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=1)),
        ])),
        ("classifier", SigmoidCalibratedCV(LinearSVC(C=C), cv=3, method="sigmoid")),
    ])


def naive_bayes_pipeline() -> Pipeline:
    """The baseline of the Aarhus group: word counts → multinomial Naive Bayes."""
    return Pipeline([
        ("clean", TitleCleaner()),
        ("counts", CountVectorizer(lowercase=True)),
        ("classifier", MultinomialNB()),
    ])
