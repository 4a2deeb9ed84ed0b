"""Ingest documents into the database: read, hash, analyse, store — in batches.

A document is known by the SHA-256 of its bytes. With `skip_existing` a run that was
interrupted picks up where it stopped; without it, known documents are re-analysed and
updated in place. One unreadable document never stops the others.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from nlp.analyze import Analyzer, Failure, parse_jsonl_line
from nlp.contract import Analysis
from nlp.readers import ReadError, read_document
from nlp.store import Store, content_hash


@dataclass
class IngestReport:
    stored: int = 0
    skipped: int = 0
    items: int = 0
    failures: list[Failure] = field(default_factory=list)

    def summary(self) -> str:
        return (f"{self.stored} dokumenter gemt ({self.items} punkter), {self.skipped} sprunget over, "
                f"{len(self.failures)} fejl.")


def _progress(iterable, total: int, desc: str):
    from nlp.cli.common import progress

    return progress(iterable, total=total, desc=desc)


def ingest_paths(store: Store, analyzer: Analyzer, paths: Iterable[str | Path], skip_existing: bool = False,
                 batch_size: int = 16, show_progress: bool = True, on_progress=None) -> IngestReport:
    """Analyse and store files; `on_progress(done, total)` is called after each batch."""
    paths = list(paths)
    report = IngestReport()
    batch: list[tuple[Analysis, str, str]] = []
    iterator = _progress(paths, len(paths), "Indlæser") if show_progress else paths
    for done, path in enumerate(iterator, 1):
        try:
            document = read_document(path)
        except ReadError as exc:
            report.failures.append(Failure(str(path), exc.message, exc.code))
            continue
        digest = content_hash(Path(path).read_bytes())
        if skip_existing and store.has_document(digest):
            report.skipped += 1
            continue
        batch.append((analyzer.split_text(document.text, document.source, None, None, document.warnings),
                      digest, document.format))
        if len(batch) >= batch_size:
            _flush(store, analyzer, batch, report)
            batch = []
            if on_progress:
                on_progress(done, len(paths))
    _flush(store, analyzer, batch, report)
    if on_progress:
        on_progress(len(paths), len(paths))
    return report


def ingest_jsonl(store: Store, analyzer: Analyzer, path: str | Path, skip_existing: bool = False,
                 batch_size: int = 16) -> IngestReport:
    """Analyse and store JSONL records (`text` plus optional id and meeting fields)."""
    report = IngestReport()
    batch: list[tuple[Analysis, str, str]] = []
    with Path(path).open(encoding="utf-8", errors="replace") as handle:
        lines = [(n, line) for n, line in enumerate(handle, 1) if line.strip()]
    for number, line in _progress(lines, len(lines), "Indlæser"):
        record = parse_jsonl_line(line, number)
        if isinstance(record, Failure):
            report.failures.append(record)
            continue
        analysed = analyzer.split_record(record)
        if isinstance(analysed, Failure):
            report.failures.append(analysed)
            continue
        digest = content_hash(json.dumps({"text": record["text"], "id": record.get("id")}, ensure_ascii=False))
        if skip_existing and store.has_document(digest):
            report.skipped += 1
            continue
        batch.append((analysed, digest, "jsonl"))
        if len(batch) >= batch_size:
            _flush(store, analyzer, batch, report)
            batch = []
    _flush(store, analyzer, batch, report)
    return report


def _flush(store: Store, analyzer: Analyzer, batch: list[tuple[Analysis, str, str]], report: IngestReport) -> None:
    if not batch:
        return
    results = list(analyzer.complete([analysis for analysis, _, _ in batch]))
    good = []
    for (_, digest, fmt), result in zip(batch, results):
        if isinstance(result, Failure):
            report.failures.append(result)
        else:
            good.append((result, digest, fmt))
    store.save_many(good)
    report.stored += len(good)
    report.items += sum(len(a.items) for a, _, _ in good)
