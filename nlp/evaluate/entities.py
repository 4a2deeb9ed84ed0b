"""Entity scores on the held-out municipalities: the trained pipeline against rules alone.

Spans count as found only with the exact boundaries and label of the gold annotation.
Values are checked against the gold values of training_data/entities/values.jsonl where
a span has one.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass, field

from nlp.datasets.entities import AnnotatedText, load_annotations, split_annotations
from nlp.labels import ENTITY_LABELS
from nlp.paths import training_data_dir


@dataclass
class EntityScores:
    name: str
    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)
    values_right: Counter = field(default_factory=Counter)
    values_checked: Counter = field(default_factory=Counter)
    words: int = 0
    seconds: float = 0.0
    confusions: Counter = field(default_factory=Counter)

    def prf(self, label: str | None = None) -> tuple[float, float, float]:
        if label is None:
            tp, fp, fn = sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values())
        else:
            tp, fp, fn = self.tp[label], self.fp[label], self.fn[label]
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1

    def to_dict(self) -> dict:
        labels = {}
        for label in ENTITY_LABELS:
            p, r, f = self.prf(label)
            labels[label] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
                             "support": self.tp[label] + self.fn[label]}
            if self.values_checked[label]:
                labels[label]["value_accuracy"] = round(self.values_right[label] / self.values_checked[label], 4)
                labels[label]["values_checked"] = self.values_checked[label]
        p, r, f = self.prf()
        return {"pipeline": self.name, "labels": labels,
                "micro": {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)},
                "words_per_second": round(self.words / self.seconds) if self.seconds else None}


def load_gold_values() -> dict[tuple[str, int, int], object]:
    """(record id, start, end) → the value a person wrote down for that span
    (training_data/entities/values/*.jsonl; percentages as (number, unit))."""
    out = {}
    for path in sorted((training_data_dir() / "entities" / "values").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            if row.get("value") is None:
                continue
            value = (row["value"], row.get("unit")) if row["label"] == "PERCENT" else row["value"]
            out[(row["id"], row["start"], row["end"])] = value
    return out


def values_match(label: str, predicted, gold) -> bool:
    if predicted is None:
        return False
    if label == "MONEY":
        return abs(float(predicted) - float(gold)) <= 0.005 * max(1.0, abs(float(gold)))
    if label == "PERCENT":
        return abs(float(predicted[0]) - float(gold[0])) < 1e-6 and predicted[1] == gold[1]
    return str(predicted) == str(gold)


def score_pipeline(nlp, records: list[AnnotatedText], name: str, gold_values: dict) -> EntityScores:
    """Run `nlp` over the records and compare its entities with the gold spans."""
    scores = EntityScores(name)
    from nlp.pipeline import make_doc

    docs = [make_doc(nlp, record.text, record.meeting_date) for record in records]
    started = time.perf_counter()
    processed = list(nlp.pipe(docs, batch_size=32))
    scores.seconds = time.perf_counter() - started
    for record, doc in zip(records, processed):
        scores.words += sum(1 for t in doc if not t.is_space and not t.is_punct)
        gold = {(s, e): label for s, e, label in record.spans}
        predicted = {(ent.start_char, ent.end_char): ent for ent in doc.ents}
        for key, ent in predicted.items():
            label = ent.label_
            if gold.get(key) == label:
                scores.tp[label] += 1
                if (record.id, *key) in gold_values:
                    scores.values_checked[label] += 1
                    value = (ent._.value, ent._.unit) if label == "PERCENT" else ent._.value
                    scores.values_right[label] += values_match(label, value, gold_values[(record.id, *key)])
            else:
                scores.fp[label] += 1
                if key in gold:
                    scores.confusions[(gold[key], label)] += 1
        for key, label in gold.items():
            if predicted.get(key) is None or predicted[key].label_ != label:
                scores.fn[label] += 1
    return scores


def evaluate_entities(pipeline_path: str | None = None) -> list[EntityScores]:
    """Scores of the trained pipeline and of rules alone, on the held-out municipalities."""
    from nlp.pipeline import load_pipeline, rules_pipeline

    test = split_annotations(load_annotations())["test"]
    gold_values = load_gold_values()
    return [
        score_pipeline(load_pipeline(pipeline_path), test, "full pipeline (rules + trained NER)", gold_values),
        score_pipeline(rules_pipeline(), test, "rules and lexicons alone", gold_values),
    ]


def scores_table(results: list[EntityScores]) -> str:
    """A Markdown table: precision, recall and F1 per label for each pipeline."""
    header = "| label | support | " + " | ".join(f"{r.name} P / R / F1" for r in results) + " |"
    lines = [header, "|---|---|" + "---|" * len(results)]
    for label in list(ENTITY_LABELS) + [None]:
        support = (results[0].tp[label] + results[0].fn[label]) if label else \
            sum(results[0].tp.values()) + sum(results[0].fn.values())
        cells = []
        for r in results:
            p, rec, f = r.prf(label)
            cell = f"{p:.3f} / {rec:.3f} / **{f:.3f}**"
            if label and r.values_checked[label]:
                cell += f" (value {r.values_right[label] / r.values_checked[label]:.3f})"
            cells.append(cell)
        lines.append(f"| {label or 'micro'} | {support} | " + " | ".join(cells) + " |")
    return "\n".join(lines)
