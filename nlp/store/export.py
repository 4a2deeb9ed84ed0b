"""Export one row per agenda item, as CSV or JSONL, written atomically."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import IO, Iterator

from sqlalchemy import select

from nlp.fileutil import atomic_open
from nlp.labels import outcome_name, policy_area_name
from nlp.store.schema import documents, entities, items

CSV_FIELDS = [
    "item_key", "municipality", "committee", "meeting_date", "kind", "source", "number", "title",
    "case_number", "outcome", "outcome_name", "outcome_score", "themes", "policy_code",
    "policy_area", "amount_total", "summary", "indstilling", "beslutning", "text",
]


def iter_item_records(store, with_entities: bool = True, batch: int = 2000) -> Iterator[dict]:
    """Every stored item as a plain dict, in document and item order."""
    query = (
        select(items, documents.c.source)
        .join(documents, documents.c.id == items.c.document_id)
        .order_by(items.c.document_id, items.c.position)
    )
    with store.engine.connect() as connection:
        result = connection.execution_options(stream_results=True, yield_per=batch).execute(query)
        for chunk in result.partitions(batch):
            rows = [dict(r._mapping) for r in chunk]
            found = _entities_of(connection, [r["id"] for r in rows]) if with_entities else {}
            for row in rows:
                yield _record(row, found.get(row["id"], []))


def _entities_of(connection, item_ids: list[int]) -> dict[int, list[dict]]:
    out: dict[int, list[dict]] = {}
    query = select(entities).where(entities.c.item_id.in_(item_ids)).order_by(entities.c.item_id, entities.c.start)
    for row in connection.execute(query):
        out.setdefault(row.item_id, []).append({
            "label": row.label, "text": row.text, "start": row.start, "end": row.end,
            "value": json.loads(row.value) if row.value else None,
        })
    return out


def _record(row: dict, found: list[dict]) -> dict:
    sections = json.loads(row["sections"]) if row["sections"] else {}
    policy = row["policy_code"]
    return {
        "item_key": row["item_key"], "municipality": row["municipality"], "committee": row["committee"],
        "meeting_date": row["meeting_date"], "kind": row["kind"], "source": row["source"],
        "number": row["number"], "title": row["title"], "case_number": row["case_number"],
        "outcome": row["outcome"], "outcome_name": outcome_name(row["outcome"]) if row["outcome"] else None,
        "outcome_score": row["outcome_score"],
        "themes": json.loads(row["themes"]) if row["themes"] else [],
        "policy_code": policy, "policy_area": policy_area_name(policy) if policy is not None else None,
        "amount_total": row["amount_total"],
        "summary": json.loads(row["summary"]) if row["summary"] else [],
        "facts": json.loads(row["facts"]) if row["facts"] else {},
        "votes": json.loads(row["votes"]) if row["votes"] else None,
        "sections": sections, "entities": found, "text": row["text"],
    }


def analysis_records(analysis) -> list[dict]:
    """The export records of an analysis that is not stored (an upload): same fields as
    `iter_item_records`."""
    meeting = analysis.meeting
    out = []
    for position, item in enumerate(analysis.items):
        policy = item.policy_area or {}
        money = [e.value for e in item.entities if e.label == "MONEY" and isinstance(e.value, (int, float))]
        out.append({
            "item_key": f"{analysis.source}:{position}", "municipality": meeting.municipality,
            "committee": meeting.committee, "meeting_date": meeting.date, "kind": meeting.kind,
            "source": analysis.source, "number": item.number, "title": item.title, "case_number": item.case_number,
            "outcome": (item.outcome or {}).get("label"),
            "outcome_name": outcome_name(item.outcome["label"]) if item.outcome else None,
            "outcome_score": (item.outcome or {}).get("score"), "themes": item.themes,
            "policy_code": policy.get("code"), "policy_area": policy.get("label"),
            "amount_total": sum(money) if money else None, "summary": item.summary, "facts": item.facts,
            "votes": item.votes, "sections": item.sections,
            "entities": [e.to_dict() for e in item.entities], "text": item.text,
        })
    return out


def csv_row(record: dict) -> dict:
    """Flatten a record for a spreadsheet: lists joined, long sections kept whole."""
    sections = record.get("sections") or {}
    return {
        **{k: record.get(k) for k in CSV_FIELDS if k in record},
        "themes": ";".join(t["label"] for t in record.get("themes") or []),
        "summary": " ".join(record.get("summary") or []),
        "indstilling": sections.get("indstilling", ""),
        "beslutning": sections.get("beslutning", ""),
    }


def write_records(records, handle: IO[str], fmt: str) -> int:
    """Write records to an open text stream as CSV or JSONL; return how many."""
    count = 0
    if fmt == "csv":
        writer = csv.DictWriter(handle, fieldnames=CSV_FIELDS, extrasaction="ignore")
        writer.writeheader()
        for record in records:
            writer.writerow(csv_row(record))
            count += 1
    elif fmt == "jsonl":
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    else:
        raise ValueError(f"unknown export format: {fmt}")
    return count


def export_items(store, path: str | Path | None, fmt: str, out: IO[str] | None = None) -> int:
    """Export all items to `path` (atomically) or to the stream `out`."""
    records = iter_item_records(store)
    if path is None:
        return write_records(records, out or io.StringIO(), fmt)
    with atomic_open(path) as handle:
        return write_records(records, handle, fmt)
