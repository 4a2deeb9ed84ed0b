"""Train the classifiers from training_data/ and ../shared/corpus and save them.

    referat train classifiers   →   models/classifiers/{themes,outcome,policy_area}.joblib

Only items from the training municipalities are used (training_data/split.json); the
coded titles held out for the policy-area test are never trained on.
"""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import joblib
import numpy as np

from nlp.classify.bundle import FILES, classifiers_path, policy_text
from nlp.classify.estimators import OutcomeClassifier, ThemeClassifier, policy_pipeline
from nlp.classify.features import frame, item_fields
from nlp.datasets.items import LabelledItem, classifier_items, policy_titles
from nlp.models import install_model, write_manifest

# Bare agenda titles teach the theme model vocabulary, but count less than whole items.
TITLE_WEIGHT = 0.3


def fields_of(items: list[LabelledItem]):
    return frame([item_fields(i.title, i.text, i.sections) for i in items])


def fit_themes(items: list[LabelledItem], titles: list[LabelledItem]) -> ThemeClassifier:
    data = items + titles
    weights = np.array([1.0] * len(items) + [TITLE_WEIGHT] * len(titles))
    return ThemeClassifier().fit(fields_of(data), [i.themes for i in data], sample_weight=weights)


def fit_outcome(items: list[LabelledItem]) -> OutcomeClassifier:
    return OutcomeClassifier().fit(fields_of(items), [i.outcome for i in items])


def fit_policy(train: list[tuple[str, int]]):
    return policy_pipeline().fit([text for text, _ in train], [code for _, code in train])


def train_all(folder: Path | None = None, extra_items: list[LabelledItem] | None = None) -> dict:
    """Fit the three models and install them in `folder` (default models/classifiers).

    `extra_items` (labels made in the labelling workspace) join the training items.
    """
    folder = Path(folder) if folder else classifiers_path()
    started = time.perf_counter()
    data = classifier_items()
    train = data["train"] + [i for i in (extra_items or []) if not i.test]
    timings = {}
    t = time.perf_counter()
    themes = fit_themes(train, data["titles"])
    timings["themes"] = time.perf_counter() - t
    t = time.perf_counter()
    outcome = fit_outcome(train)
    timings["outcome"] = time.perf_counter() - t
    policy_train, policy_test = policy_titles()
    t = time.perf_counter()
    policy = fit_policy(policy_train)
    timings["policy_area"] = time.perf_counter() - t
    staging = folder.with_name(folder.name + ".new")
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    for name, model in (("themes", themes), ("outcome", outcome), ("policy_area", policy)):
        joblib.dump(model, staging / FILES[name], compress=3)
    info = {
        "trained_items": len(train), "theme_titles": len(data["titles"]), "title_weight": TITLE_WEIGHT,
        "policy_titles": len(policy_train), "seconds": {k: round(v, 1) for k, v in timings.items()},
        "total_seconds": round(time.perf_counter() - started, 1),
    }
    (staging / "training.json").write_text(json.dumps(info, indent=2), encoding="utf-8")
    write_manifest(staging)
    install_model(staging, folder)
    return info


__all__ = ["train_all", "fit_themes", "fit_outcome", "fit_policy", "fields_of", "policy_text"]
