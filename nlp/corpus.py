"""Read the shared corpus (../shared/corpus) and the seeds: records, labels and splits."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from nlp.paths import corpus_dir, samples_dir, training_data_dir


class CorpusMissing(FileNotFoundError):
    """The shared corpus is not beside the repository."""


@dataclass(frozen=True)
class Page:
    """One minutes page of pages_dev.jsonl."""

    id: str
    municipality: str
    committee: str | None
    meeting_date: str | None
    doc_kind: str | None
    text: str
    url: str = ""


def _jsonl(path: Path) -> Iterator[dict]:
    if not path.exists():
        raise CorpusMissing(f"{path} not found: the shared corpus must lie beside the repository")
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


@lru_cache(maxsize=1)
def pages() -> dict[str, Page]:
    """The corpus pages by id."""
    out = {}
    for row in _jsonl(corpus_dir() / "pages_dev.jsonl"):
        out[row["id"]] = Page(
            row["id"], row["municipality"], row.get("committee"), row.get("meeting_date"),
            row.get("doc_kind"), row["text"], row.get("url", ""),
        )
    return out


@lru_cache(maxsize=1)
def page_labels() -> dict[str, list[dict]]:
    """Item labels of the corpus pages: page id -> items (index, title, anchor, outcome …)."""
    return {row["id"]: row["items"] for row in _jsonl(corpus_dir() / "pages_labelled_dev.jsonl")}


def coded_titles() -> list[dict]:
    """The 1,500 agenda titles coded with CAP sub-topics (id, code, major, text)."""
    return list(_jsonl(corpus_dir() / "local_agendas_coded.jsonl"))


def uncoded_titles() -> list[dict]:
    return list(_jsonl(corpus_dir() / "local_agendas_uncoded.jsonl"))


def corpus_available() -> bool:
    return (corpus_dir() / "pages_dev.jsonl").exists()


@lru_cache(maxsize=1)
def test_municipalities() -> frozenset[str]:
    """Municipalities held out from all training (training_data/split.json)."""
    data = json.loads((training_data_dir() / "split.json").read_text("utf-8"))
    return frozenset(data["test_municipalities"])


def is_test(municipality: str | None) -> bool:
    return municipality in test_municipalities()


@dataclass(frozen=True)
class Seed:
    """One of the user's sample documents."""

    stem: str
    path: Path
    municipality: str

    @property
    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")


SEED_MUNICIPALITIES = {
    "000_932393c0f57c64e5": "Herning",
    "001_a3c02bf7999fce44": "Svendborg",
    "002_17eb13541673ee62": "Høje-Taastrup",
    "003_f93ccf7bc01b9c92": "Herning",
    "004_0a840bef393f7ea7": "Odense",
}


def seeds() -> list[Seed]:
    """The five seed documents bundled under samples/seeds."""
    folder = samples_dir() / "seeds"
    return [Seed(stem, folder / f"{stem}.txt", town) for stem, town in SEED_MUNICIPALITIES.items()]
