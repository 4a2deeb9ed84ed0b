"""Labelled agenda items for the classifiers, split by municipality.

Sources: the corpus pages' item labels (../shared/corpus/pages_labelled_dev.jsonl, with our
corrections in training_data/labels/page_corrections.jsonl), the seed items we labelled
(training_data/labels/seed_items.jsonl), theme labels we gave the coded agenda titles
(training_data/labels/title_themes_*.jsonl, coded and uncoded titles) and, for the policy area, the researchers' codes
(../shared/corpus/local_agendas_coded.jsonl) and ours for the uncoded titles.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from nlp import corpus
from nlp.paths import training_data_dir
from nlp.segment import split_item

# Share of the coded titles held out for the policy-area test (see training_data/split.json).
POLICY_TEST_SHARE = 0.2


@dataclass
class LabelledItem:
    """One agenda item with the text fields the classifiers read and its labels."""

    key: str
    source: str  # "page" | "seed" | "title"
    municipality: str | None
    title: str | None
    text: str
    sections: dict[str, str] = field(default_factory=dict)
    themes: list[str] = field(default_factory=list)
    outcome: str | None = None
    policy_area: int | None = None
    votes: dict | None = None
    truncated: bool = False

    @property
    def test(self) -> bool:
        return self.municipality is not None and corpus.is_test(self.municipality)


def _labels_dir() -> Path:
    return training_data_dir() / "labels"


def _jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]


def page_corrections() -> dict[tuple[str, int], dict]:
    """Our corrections of corpus labels: (page id, item index) → fields that replace the label's."""
    return {(row["id"], row["index"]): row["set"] for row in _jsonl(_labels_dir() / "page_corrections.jsonl")}


def page_items() -> list[LabelledItem]:
    """Every labelled corpus item, its text cut from the page between its anchor and the next."""
    pages, corrections = corpus.pages(), page_corrections()
    items = []
    for page_id, labels in corpus.page_labels().items():
        page = pages[page_id]
        starts = [page.text.find(label["anchor"]) for label in labels]
        for k, label in enumerate(labels):
            label = {**label, **corrections.get((page_id, label["index"]), {})}
            start = starts[k]
            if start < 0:
                continue
            following = [s for s in starts[k + 1:] if s > start]
            text = page.text[start:min(following) if following else len(page.text)]
            sections = split_item(text).sections
            items.append(LabelledItem(
                key=f"{page_id}:{label['index']}", source="page", municipality=page.municipality,
                title=label.get("title"), text=text.strip(), sections=sections,
                themes=list(label["themes"]), outcome=label["outcome"], votes=label.get("votes"),
                truncated=bool(label.get("truncated")),
            ))
    return items


def seed_items() -> list[LabelledItem]:
    """The seed documents' items, labelled by us (the text is stored with the label)."""
    items = []
    for row in _jsonl(_labels_dir() / "seed_items.jsonl"):
        items.append(LabelledItem(
            key=row["key"], source="seed", municipality=row["municipality"], title=row.get("title"),
            text=row["text"], sections=split_item(row["text"]).sections, themes=list(row["themes"]),
            outcome=row["outcome"], policy_area=row.get("policy_area"), votes=row.get("votes"),
        ))
    return items


@lru_cache(maxsize=1)
def _coded_titles() -> dict[int, dict]:
    return {row["id"]: row for row in corpus.coded_titles()}


def title_items() -> list[LabelledItem]:
    """Agenda titles with the themes we gave them (no municipality: training only): the coded
    titles (`title_themes_<n>.jsonl`) and the uncoded ones (`title_themes_uncoded_<n>.jsonl`)."""
    coded = _coded_titles()
    uncoded = {row["id"]: row["text"] for row in corpus.uncoded_titles()}
    items = []
    for path in sorted(_labels_dir().glob("title_themes_*.jsonl")):
        from_uncoded = path.name.startswith("title_themes_uncoded_")
        for row in _jsonl(path):
            text = uncoded[row["id"]] if from_uncoded else coded[row["id"]]["text"]
            items.append(LabelledItem(
                key=f"{'uncoded' if from_uncoded else 'title'}:{row['id']}", source="title", municipality=None,
                title=text, text=text, themes=list(row["themes"]),
                policy_area=None if from_uncoded else coded[row["id"]]["major"],
            ))
    return items


def is_policy_test(record_id: int | str) -> bool:
    digest = hashlib.sha1(f"referat-policy-{record_id}".encode()).hexdigest()
    return int(digest[:8], 16) / 0xFFFFFFFF < POLICY_TEST_SHARE


def policy_titles() -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """(train, test) lists of (title, major topic): the researchers' codes, split by id,
    plus, in training only, our codes for the uncoded titles and for the titled items of the
    training seeds (minutes of the employment field, which the coded titles barely cover)."""
    train, test = [], []
    for row in corpus.coded_titles():
        (test if is_policy_test(row["id"]) else train).append((row["text"], int(row["major"])))
    uncoded = {row["id"]: row["text"] for row in corpus.uncoded_titles()}
    for path in sorted(_labels_dir().glob("policy_uncoded_*.jsonl")):
        for row in _jsonl(path):
            train.append((uncoded[row["id"]], int(row["major"])))
    train += [(item.title, int(item.policy_area)) for item in seed_items()
              if item.title and item.policy_area is not None and not item.test]
    return train, test


def classifier_items() -> dict[str, list[LabelledItem]]:
    """Items for the theme and outcome classifiers: train and test, by municipality."""
    items = page_items() + seed_items()
    return {
        "train": [i for i in items if not i.test],
        "test": [i for i in items if i.test],
        "titles": title_items(),
    }
