"""Held-out scores of the classifiers against simple baselines, in one run.

- outcome: the trained model, the keyword rules alone, and the majority class, on the
  items of the held-out municipalities;
- themes: the trained model, keyword rules, and "always the most frequent theme";
- policy area: the trained model, multinomial Naive Bayes trained on the same titles (the
  Aarhus group's method), and the majority class, on the held-out coded titles.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field

import numpy as np
from sklearn.metrics import accuracy_score, confusion_matrix, f1_score, precision_recall_fscore_support
from sklearn.model_selection import GroupKFold
from sklearn.preprocessing import MultiLabelBinarizer

from nlp.classify.bundle import Classifiers, policy_text
from nlp.classify.estimators import naive_bayes_pipeline
from nlp.classify.features import frame, item_fields
from nlp.classify.rules import outcome_rules, theme_hits
from nlp.classify.training import fit_outcome, fit_themes
from nlp.datasets.items import classifier_items, policy_titles
from nlp.labels import OUTCOMES, THEMES


@dataclass
class Scored:
    """Predictions of one system on one task, with the numbers that describe them."""

    name: str
    labels: list
    gold: list
    predicted: list
    extra: dict = field(default_factory=dict)

    def per_label(self, multilabel: bool = False) -> dict:
        if multilabel:
            binarizer = MultiLabelBinarizer(classes=self.labels).fit([[]])
            g, p = binarizer.transform(self.gold), binarizer.transform(self.predicted)
        else:
            g, p = self.gold, self.predicted
        precision, recall, f1, support = precision_recall_fscore_support(
            g, p, labels=None if multilabel else self.labels, zero_division=0)
        return {str(label): {"precision": round(float(a), 3), "recall": round(float(b), 3), "f1": round(float(c), 3),
                             "support": int(d)} for label, a, b, c, d in zip(self.labels, precision, recall, f1, support)}


def _multilabel_scores(scored: Scored) -> dict:
    binarizer = MultiLabelBinarizer(classes=scored.labels).fit([[]])
    g, p = binarizer.transform(scored.gold), binarizer.transform(scored.predicted)
    substantive = [k for k, label in enumerate(scored.labels) if label != "governance"]
    present = [k for k in range(len(scored.labels)) if g[:, k].sum() > 0]
    return {
        "micro_f1": round(f1_score(g, p, average="micro", zero_division=0), 4),
        "macro_f1": round(f1_score(g[:, present], p[:, present], average="macro", zero_division=0), 4),
        "substantive_micro_f1": round(f1_score(g[:, substantive], p[:, substantive], average="micro", zero_division=0), 4),
        "per_label": scored.per_label(multilabel=True),
    }


def _single_scores(scored: Scored, labels: list) -> dict:
    present = sorted(set(scored.gold), key=labels.index)
    return {
        "accuracy": round(accuracy_score(scored.gold, scored.predicted), 4),
        "macro_f1": round(f1_score(scored.gold, scored.predicted, labels=present, average="macro", zero_division=0), 4),
        "micro_f1": round(f1_score(scored.gold, scored.predicted, labels=present, average="micro", zero_division=0), 4),
        "per_label": Scored(scored.name, present, scored.gold, scored.predicted).per_label(),
        "confusion": {"labels": [str(l) for l in present],
                      "matrix": confusion_matrix(scored.gold, scored.predicted, labels=present).tolist()},
    }


def evaluate_outcome(models: Classifiers, items) -> dict:
    """Outcome on the held-out items: overall, over items that carry a decision, and the
    share of decision-less items that come out `none`."""
    rows = [item_fields(i.title, i.text, i.sections) for i in items]
    gold = [i.outcome for i in items]
    predicted = list(models.outcome.predict(frame(rows)))
    rules = outcome_rules()
    ruled = [rules.outcome(r["decision"] or r["tail"], r["recommendation"]) if (r["decision"] or r["tail"]) else "none"
             for r in rows]
    labels = list(OUTCOMES)
    decided = [k for k, g in enumerate(gold) if g != "none"]
    # the majority baseline: the commonest outcome overall, and among decided items the commonest decision
    majority = Counter(gold).most_common(1)[0][0]
    majority_decided = Counter(gold[k] for k in decided).most_common(1)[0][0]
    report = {}
    for name, pred in (("model", predicted), ("keyword rules", ruled), ("majority class", [majority] * len(gold))):
        overall = _single_scores(Scored(name, labels, gold, pred), labels)
        decided_pred = [majority_decided] * len(decided) if name == "majority class" else [pred[k] for k in decided]
        with_decision = _single_scores(Scored(name, labels, [gold[k] for k in decided], decided_pred), labels)
        none_items = [k for k, g in enumerate(gold) if g == "none"]
        report[name] = {
            "all_items": overall, "items_with_decision": with_decision,
            "none_recall": round(sum(pred[k] == "none" for k in none_items) / max(1, len(none_items)), 4),
        }
    return {"items": len(items), "with_decision": len(decided), "systems": report}


def keyword_themes(rows: list[dict]) -> list[list[str]]:
    """The keyword baseline: the two themes whose keywords occur most (the title counts three
    times), or `governance` when none does."""
    out = []
    for row in rows:
        hits = theme_hits(row["title"] * 3 + " " + row["case"])
        ranked = [t for t, n in sorted(hits.items(), key=lambda kv: -kv[1]) if n > 0][:2]
        out.append(ranked or ["governance"])
    return out


def evaluate_themes(models: Classifiers, items) -> dict:
    rows = [item_fields(i.title, i.text, i.sections) for i in items]
    gold = [i.themes for i in items]
    predicted = models.themes.predict(frame(rows))
    keyword = keyword_themes(rows)
    frequent = Counter(t for g in gold for t in g).most_common(1)[0][0]
    labels = list(THEMES)
    return {"items": len(items), "systems": {
        name: _multilabel_scores(Scored(name, labels, gold, pred))
        for name, pred in (("model", predicted), ("keyword rules", keyword), ("most frequent theme", [[frequent]] * len(gold)))
    }}


def evaluate_policy(models: Classifiers) -> dict:
    train, test = policy_titles()
    texts, gold = [t for t, _ in test], [c for _, c in test]
    predicted = list(models.policy_area.predict([policy_text(t, {"case": ""}) for t in texts]))
    started = time.perf_counter()
    bayes = naive_bayes_pipeline().fit([t for t, _ in train], [c for _, c in train])
    bayes_seconds = time.perf_counter() - started
    labels = sorted(set(gold) | set(c for _, c in train))
    majority = Counter(c for _, c in train).most_common(1)[0][0]
    systems = {
        "model": predicted, "multinomial Naive Bayes": list(bayes.predict(texts)),
        "majority class": [majority] * len(gold),
    }
    report = {name: _single_scores(Scored(name, labels, gold, [int(p) for p in pred]), labels)
              for name, pred in systems.items()}
    return {"titles_test": len(test), "titles_train": len(train), "naive_bayes_fit_seconds": round(bayes_seconds, 2),
            "systems": report}


def classify_speed(models: Classifiers, items, repeat: int = 3) -> float:
    """Milliseconds per item to classify (themes, outcome, policy area, votes), batched."""
    rows = [item_fields(i.title, i.text, i.sections) for i in items]
    titles = [i.title for i in items]
    models.predict_fields(rows[:2], titles[:2])  # warm-up: lemma table
    best = None
    for _ in range(repeat):
        started = time.perf_counter()
        models.predict_fields(rows, titles)
        elapsed = time.perf_counter() - started
        best = elapsed if best is None else min(best, elapsed)
    return 1000 * best / max(1, len(items))


def cross_validation(items, titles, folds: int = 5) -> dict:
    """Outcome and themes by cross-validation over the training municipalities (a
    municipality's items are never in training and test at once): a second estimate beside
    the held-out split, from more than twice as many items."""
    outcome_gold, outcome_predicted, theme_gold, theme_predicted = [], [], [], []
    rows = [item_fields(i.title, i.text, i.sections) for i in items]
    table = frame(rows)
    groups = [i.municipality for i in items]
    for train, test in GroupKFold(folds).split(items, groups=groups):
        fitted, held_out = [items[k] for k in train], [items[k] for k in test]
        fields = table.iloc[test].reset_index(drop=True)
        outcome_predicted += list(fit_outcome(fitted).predict(fields))
        theme_predicted += fit_themes(fitted, titles).predict(fields)
        outcome_gold += [i.outcome for i in held_out]
        theme_gold += [i.themes for i in held_out]
    decided = [k for k, g in enumerate(outcome_gold) if g != "none"]
    labels = sorted({outcome_gold[k] for k in decided})
    themes = _multilabel_scores(Scored("model", list(THEMES), theme_gold, theme_predicted))
    keyword = _multilabel_scores(Scored("keyword rules", list(THEMES), [i.themes for i in items], keyword_themes(rows)))
    measures = ("micro_f1", "macro_f1", "substantive_micro_f1")
    return {
        "folds": folds, "items": len(items),
        "outcome": {
            "with_decision": len(decided),
            "accuracy": round(float(np.mean([outcome_gold[k] == outcome_predicted[k] for k in decided])), 4),
            "macro_f1": round(f1_score([outcome_gold[k] for k in decided], [outcome_predicted[k] for k in decided],
                                       labels=labels, average="macro", zero_division=0), 4),
        },
        "themes": {key: themes[key] for key in measures},
        "themes_keyword_rules": {key: keyword[key] for key in measures},
    }


def evaluate_classifiers(folder: str | None = None) -> dict:
    """All three tasks on held-out data, with baselines and speed."""
    models = Classifiers.load(folder)
    data = classifier_items()
    test = data["test"]
    return {
        "test_items": len(test), "train_items": len(data["train"]),
        "test_municipalities": sorted({i.municipality for i in test}),
        "outcome": evaluate_outcome(models, test),
        "themes": evaluate_themes(models, test),
        "policy_area": evaluate_policy(models),
        "ms_per_item": round(classify_speed(models, test), 2),
        "cross_validation": cross_validation(data["train"], data["titles"]),
        "label_counts_test": {"outcome": dict(Counter(i.outcome for i in test)),
                              "themes": dict(Counter(t for i in test for t in i.themes))},
    }
