"""Entity annotations (training_data/entities/*.jsonl) joined with their texts and split.

Each annotation file holds one line per record: its id (a corpus page id or a seed file
stem) and spans with character offsets into that record's text.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from nlp import corpus
from nlp.paths import training_data_dir

# Share of the training municipalities kept aside to pick the best NER checkpoint.
DEV_SHARE = 0.15


@dataclass(frozen=True)
class AnnotatedText:
    id: str
    municipality: str
    meeting_date: str | None
    text: str
    spans: tuple[tuple[int, int, str], ...]


def annotation_files(folder: Path | None = None) -> list[Path]:
    return sorted((folder or training_data_dir() / "entities").glob("*.jsonl"))


def load_annotations(folder: Path | None = None) -> list[AnnotatedText]:
    """All annotated records with their texts (corpus pages need ../shared/corpus)."""
    pages = corpus.pages()
    seeds = {seed.stem: seed for seed in corpus.seeds()}
    records = []
    for path in annotation_files(folder):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            rid = row["id"]
            if rid in pages:
                page = pages[rid]
                text, town, when = page.text, page.municipality, page.meeting_date
            elif rid in seeds:
                seed = seeds[rid]
                text, town, when = seed.text, seed.municipality, _seed_meeting_date(seed.text)
            else:
                raise KeyError(f"{path.name}: unknown record id {rid}")
            spans = tuple((s["start"], s["end"], s["label"]) for s in row["spans"])
            for start, end, _ in spans:
                if not 0 <= start < end <= len(text):
                    raise ValueError(f"{path.name}: span {start}-{end} outside record {rid}")
            records.append(AnnotatedText(rid, town, when, text, spans))
    return records


def _seed_meeting_date(text: str) -> str | None:
    from nlp.segment import split_document

    return split_document(text).meeting.date


def _dev_municipalities(records: list[AnnotatedText]) -> set[str]:
    """Training municipalities kept for checkpoint selection: taken in a fixed hashed order
    until they hold DEV_SHARE of the spans, skipping any one that alone holds too many."""
    spans: dict[str, int] = {}
    for record in records:
        spans[record.municipality] = spans.get(record.municipality, 0) + len(record.spans)
    total = sum(spans.values())
    chosen, held = set(), 0
    for town in sorted(spans, key=lambda t: hashlib.sha1(f"referat-dev-{t}".encode()).hexdigest()):
        if held >= DEV_SHARE * total:
            break
        if spans[town] <= 0.6 * DEV_SHARE * total:
            chosen.add(town)
            held += spans[town]
    return chosen


def split_annotations(records: list[AnnotatedText]) -> dict[str, list[AnnotatedText]]:
    """train / dev / test, by municipality: test = the held-out municipalities."""
    parts: dict[str, list[AnnotatedText]] = {"train": [], "dev": [], "test": []}
    dev = _dev_municipalities([r for r in records if not corpus.is_test(r.municipality)])
    for record in records:
        if corpus.is_test(record.municipality):
            parts["test"].append(record)
        elif record.municipality in dev:
            parts["dev"].append(record)
        else:
            parts["train"].append(record)
    return parts
