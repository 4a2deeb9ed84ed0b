"""Features of agenda items: text fields by section, lemmas, and the guide's rules.

The classifiers read a table with one row per item and one column per field; each
field has its own vectoriser in the pipelines, so the decision can weigh more for the
outcome and the title and case presentation more for the theme.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin, clone

from nlp.classify.rules import PRECEDENCE, outcome_rules, theme_hits, theme_keywords
from nlp.danish import split_sentences
from nlp.lemmas import lemma

STRUCTURE = ("beslutningstema", "resume", "sagsfremstilling", "indstilling")
FIELDS = ("title", "decision", "tail", "recommendation", "case", "text")
# How much of the case presentation and the full text the theme features read.
CASE_CHARS, TEXT_CHARS, TAIL_CHARS = 3000, 6000, 300
STAND_IN_CHARS = 160
_WORD = re.compile(r"[a-zæøåéü0-9]+(?:-[a-zæøåéü0-9]+)*", re.I)


def item_fields(title: str | None, text: str, sections: dict[str, str]) -> dict[str, str]:
    """The text fields of one item, from its title, full text and canonical sections."""
    decision = sections.get("beslutning", "")
    case = " ".join(sections.get(name, "") for name in ("beslutningstema", "resume", "sagsfremstilling"))
    structured = any(sections.get(name) for name in STRUCTURE)
    return {
        "title": title or _stand_in_title(sections),
        "decision": decision,
        # an item printed without any headings ("Godkendelse af dagsorden:\nGodkendt.") often
        # ends with its decision; an item with headings but no decision heading has none
        "tail": "" if decision or structured else text[-TAIL_CHARS:],
        "recommendation": sections.get("indstilling", ""),
        "case": (case or text)[:CASE_CHARS],
        "text": text[:TEXT_CHARS],
    }


def _stand_in_title(sections: dict[str, str]) -> str:
    """An item printed without a title (Aabenraa, Svendborg) is named by its first words:
    the "Beslutningstema" or the first sentence of its case presentation."""
    for name in ("beslutningstema", "resume", "sagsfremstilling"):
        body = sections.get(name, "").strip()
        if body:
            first_line = " ".join(body.split("\n", 1)[0].split())
            return split_sentences(first_line, 1)[0][:STAND_IN_CHARS]
    return ""


def frame(rows: list[dict[str, str]]) -> pd.DataFrame:
    """The table the pipelines take: one row per item, one column per field."""
    return pd.DataFrame(rows, columns=list(FIELDS)).fillna("")


class FieldUnion(TransformerMixin, BaseEstimator):
    """Each transformer reads one field of the item table (or several, given as a list), and
    their weighted outputs stand side by side: `ColumnTransformer` for text fields, without
    its per-call checks, which cost more than the features when a few items are classified.

    Parameters
    ----------
    transformers : list of (name, transformer, field or list of fields).
    weights : multiplier of each transformer's output, by name (default 1).
    """

    def __init__(self, transformers: list, weights: dict[str, float] | None = None):
        self.transformers = transformers
        self.weights = weights

    @staticmethod
    def _field(X: pd.DataFrame, field):
        return X[field] if isinstance(field, list) else X[field].tolist()

    def fit(self, X: pd.DataFrame, y=None):
        self.transformers_ = [(name, clone(transformer).fit(self._field(X, field), y), field)
                              for name, transformer, field in self.transformers]
        return self

    def transform(self, X: pd.DataFrame):
        weights = self.weights or {}
        blocks = [sparse.csr_matrix(transformer.transform(self._field(X, field))) * weights.get(name, 1.0)
                  for name, transformer, field in self.transformers_]
        return sparse.hstack(blocks, format="csr")


class LemmaAnalyzer:
    """Words of a text mapped to their lemmas (spacy-lookups-data, `nlp.lemmas.lemma`), and
    pairs of neighbouring lemmas, for TF-IDF. Holds no state, so it pickles to nothing."""

    def __call__(self, text: str) -> list[str]:
        lemmas = [lemma(w.lower()) for w in _WORD.findall(text)]
        return lemmas + [f"{a} {b}" for a, b in zip(lemmas, lemmas[1:])]

    def __getstate__(self):
        return {}

    def __setstate__(self, state):
        pass  # models saved before held a `_table` slot here; there is nothing to restore


class OutcomeRuleFeatures(BaseEstimator, TransformerMixin):
    """What the guide's outcome phrases say about the decision (and, where there is no
    decision heading, the item's tail): phrase counts, the rules' outcome, flags."""

    def fit(self, X, y=None):
        return self

    def transform(self, X: pd.DataFrame):
        rules = outcome_rules()
        rows = []
        for decision, tail, recommendation in zip(X["decision"], X["tail"], X["recommendation"]):
            row = []
            for text, weight in ((decision, 1.0), (tail, 0.5)):
                hits = rules.hits(" ".join(text.split())) if text else {k: 0 for k in PRECEDENCE}
                rule = rules.outcome(text, recommendation) if text else "none"
                row += [weight * min(hits[k], 3) for k in PRECEDENCE]
                row += [weight * (rule == k) for k in PRECEDENCE + ("none",)]
            row += [float(bool(decision.strip())), float(bool(recommendation.strip())),
                    float(bool(rules.follows.search(decision))) if decision else 0.0]
            row += [float(rules.recommended_outcome(recommendation) == k) if recommendation else 0.0
                    for k in ("recommended", "noted", "discussed")]
            rows.append(row)
        return sparse.csr_matrix(np.asarray(rows, dtype=np.float32))


class ThemeKeywordFeatures(BaseEstimator, TransformerMixin):
    """Theme keyword hits (theme_keywords.tsv) in the title and in the case text, scaled."""

    def __init__(self, title_weight: float = 2.0):
        self.title_weight = title_weight

    def fit(self, X, y=None):
        return self

    @property
    def themes(self) -> list[str]:
        return sorted(theme_keywords())

    def transform(self, X: pd.DataFrame):
        title, case = self.hits(X, self.themes)
        return sparse.csr_matrix(np.hstack([self.title_weight * title, case]).astype(np.float32))

    def hits(self, X: pd.DataFrame, themes) -> tuple[np.ndarray, np.ndarray]:
        """Keyword hits of each item for `themes`, in that order: in the title (at most 2) and
        in the case text (log-scaled)."""
        in_title = [theme_hits(t) for t in X["title"]]
        in_case = [theme_hits(c) for c in X["case"]]
        title = np.array([[min(hits[theme], 2) for theme in themes] for hits in in_title], dtype=float)
        case = np.log1p(np.array([[hits[theme] for theme in themes] for hits in in_case], dtype=float))
        return title.reshape(len(X), len(themes)), case.reshape(len(X), len(themes))
