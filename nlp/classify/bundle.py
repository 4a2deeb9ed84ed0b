"""The trained classifiers as one object: loaded once, applied to many items in a batch."""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

import joblib
import sklearn

from nlp.classify.estimators import clean_title
from nlp.classify.features import frame, item_fields
from nlp.classify.rules import extract_votes
from nlp.contract import AgendaItem
from nlp.labels import policy_area_name
from nlp.models import verify_model
from nlp.paths import models_dir

log = logging.getLogger(__name__)
FOLDER = "classifiers"
FILES = {"themes": "themes.joblib", "outcome": "outcome.joblib", "policy_area": "policy_area.joblib"}


def classifiers_path() -> Path:
    return models_dir() / FOLDER


def policy_text(title: str | None, fields: dict[str, str]) -> str:
    """What the policy-area model reads: the title, or the start of the case without one."""
    return clean_title(title) if title else fields["case"][:200]


class Classifiers:
    """Themes, outcome and policy area for agenda items."""

    def __init__(self, themes, outcome, policy_area):
        self.themes, self.outcome, self.policy_area = themes, outcome, policy_area

    @classmethod
    def load(cls, folder: str | Path | None = None) -> "Classifiers":
        """Load the models of `folder` (default models/classifiers) after checking their checksums.
        joblib files are pickles: only the project's own, verified files are ever loaded."""
        folder = Path(folder) if folder else classifiers_path()
        verify_model(folder)
        return cls(*(joblib.load(folder / FILES[name]) for name in ("themes", "outcome", "policy_area")))

    def predict_fields(self, rows: list[dict[str, str]], titles: list[str | None]) -> list[dict]:
        """Predictions for items given as text fields (see `item_fields`)."""
        if not rows:
            return []
        table = frame(rows)
        # The models and their inputs are our own: scikit-learn's input and parameter checks
        # would cost more than the prediction on a small batch.
        with sklearn.config_context(assume_finite=True, skip_parameter_validation=True):
            themes = self.themes.rank(table)
            outcome_proba = self.outcome.predict_proba(table)
            policy_proba = self.policy_area.predict_proba([policy_text(t, r) for t, r in zip(titles, rows)])
        outcome_classes = list(self.outcome.classes_)
        policy_classes = list(self.policy_area.classes_)
        out = []
        for k, row in enumerate(rows):
            best = int(outcome_proba[k].argmax())
            area = int(policy_proba[k].argmax())
            code = int(policy_classes[area])
            out.append({
                "themes": [{"label": label, "score": round(score, 4)} for label, score in themes[k]],
                "outcome": {"label": outcome_classes[best], "score": round(float(outcome_proba[k][best]), 4)},
                "policy_area": {"code": code, "label": policy_area_name(code),
                                "score": round(float(policy_proba[k][area]), 4)},
                "votes": extract_votes(row["decision"]) if row["decision"] else None,
            })
        return out

    def classify(self, items: list[AgendaItem]) -> None:
        """Fill the themes, outcome, policy area and votes of each item."""
        rows = [item_fields(item.title, item.text, item.sections) for item in items]
        for item, found in zip(items, self.predict_fields(rows, [item.title for item in items])):
            item.themes, item.outcome = found["themes"], found["outcome"]
            item.policy_area, item.votes = found["policy_area"], found["votes"]


@lru_cache(maxsize=2)
def load_classifiers(folder: str | None = None) -> Classifiers:
    return Classifiers.load(folder)
