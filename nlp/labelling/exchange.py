"""Labels in and out: Prodigy-style JSONL (both ways) and spaCy DocBin for entity spans."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import spacy
from spacy.tokens import DocBin
from spacy.util import filter_spans
from sqlalchemy import select

from nlp.fileutil import atomic_open
from nlp.labelling.workspace import Label, LabelError, save_label, settled_labels
from nlp.labels import THEMES
from nlp.store.schema import annotations, items


def _hash(value: str) -> int:
    return int(hashlib.sha1(value.encode()).hexdigest()[:8], 16)


def _texts(store, keys: set[str]) -> dict[str, dict]:
    with store.engine.connect() as connection:
        rows = connection.execute(select(items.c.item_key, items.c.text, items.c.title, items.c.municipality,
                                         items.c.meeting_date).where(items.c.item_key.in_(keys))).fetchall()
    return {r.item_key: dict(r._mapping) for r in rows}


def prodigy_record(label: Label, item: dict) -> dict:
    """One label as a Prodigy task: text, spans, accepted theme options, answer, annotator."""
    answer = {"done": "accept", "skipped": "ignore", "flagged": "reject"}[label.status]
    return {
        "text": item["text"], "meta": {"item_key": label.item_key, "title": item["title"],
                                       "municipality": item["municipality"], "meeting_date": item["meeting_date"]},
        "options": [{"id": theme, "text": name} for theme, name in THEMES.items()],
        "accept": list(label.themes), "outcome": label.outcome, "votes": label.votes,
        "spans": [{"start": s["start"], "end": s["end"], "label": s["label"]} for s in label.entities or []],
        "answer": answer, "note": label.note,
        "_annotator_id": label.annotator, "_session_id": f"referat-{label.annotator}",
        "_input_hash": _hash(item["text"]), "_task_hash": _hash(f"{label.item_key}:{label.annotator}"),
    }


def export_jsonl(store, path: str | Path, settled_only: bool = False) -> int:
    """Write every label (or only the settled ones) as Prodigy-compatible JSONL, atomically."""
    from nlp.labelling.workspace import _label

    if settled_only:
        labels = list(settled_labels(store).values())
    else:
        with store.engine.connect() as connection:
            labels = [_label(r) for r in connection.execute(select(annotations).order_by(annotations.c.id))]
    texts = _texts(store, {l.item_key for l in labels})
    count = 0
    with atomic_open(path) as handle:
        for label in labels:
            if label.item_key in texts:
                handle.write(json.dumps(prodigy_record(label, texts[label.item_key]), ensure_ascii=False) + "\n")
                count += 1
    return count


def import_jsonl(store, path: str | Path, annotator: str | None = None) -> dict:
    """Read Prodigy-style JSONL labels; each line needs meta.item_key of a stored item.
    Returns counts of imported and refused lines (with reasons)."""
    imported, refused = 0, []
    with Path(path).open(encoding="utf-8") as handle:
        lines = [(n, line) for n, line in enumerate(handle, 1) if line.strip()]
    keys = set()
    parsed = []
    for number, line in lines:
        try:
            record = json.loads(line)
            key = record["meta"]["item_key"]
        except (json.JSONDecodeError, KeyError, TypeError):
            refused.append(f"linje {number}: ikke en gyldig opgave med meta.item_key")
            continue
        keys.add(key)
        parsed.append((number, key, record))
    known = _texts(store, keys)
    for number, key, record in parsed:
        if key not in known:
            refused.append(f"linje {number}: punktet {key} findes ikke i databasen")
            continue
        status = {"accept": "done", "ignore": "skipped", "reject": "flagged"}.get(record.get("answer", "accept"), "done")
        label = Label(key, annotator or record.get("_annotator_id") or "import", status,
                      list(record.get("accept") or []), record.get("outcome"), record.get("votes"),
                      record.get("spans"), record.get("note"))
        try:
            save_label(store, label)
            imported += 1
        except LabelError as error:
            refused.append(f"linje {number}: {error}")
    return {"imported": imported, "refused": refused}


def export_docbin(store, path: str | Path) -> int:
    """The settled entity spans as a spaCy DocBin (for `spacy train`)."""
    labels = [l for l in settled_labels(store).values() if l.entities is not None]
    texts = _texts(store, {l.item_key for l in labels})
    nlp = spacy.blank("da")
    bin_ = DocBin()
    for label in labels:
        if label.item_key not in texts:
            continue
        doc = nlp.make_doc(texts[label.item_key]["text"])
        spans = [doc.char_span(s["start"], s["end"], label=s["label"], alignment_mode="expand")
                 for s in label.entities]
        doc.ents = filter_spans([s for s in spans if s is not None])
        bin_.add(doc)
    with atomic_open(path, "wb") as handle:
        handle.write(bin_.to_bytes())
    return len(bin_)
