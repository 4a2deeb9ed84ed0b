"""Ingest documents into the database: read, hash, analyse (here, in workers or on Dask), store.

A document is known by the SHA-256 of its bytes (a JSONL record by its text and id).
Every chunk of analyses is stored in one transaction, so an interrupted run leaves whole
documents behind; with `skip_existing` the next run continues where it stopped, and
without it known documents are re-analysed and updated in place — never stored twice.
One unreadable document never stops the others: failures are listed at the end.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from nlp.analyze import Analyzer, Failure, parse_jsonl_line
from nlp.parallel import Task, chunk_tasks, make_executor
from nlp.readers import MAX_BYTES, ReadError, read_file_bytes, sniff_format
from nlp.store import Store, content_hash


@dataclass
class IngestReport:
    stored: int = 0
    skipped: int = 0
    items: int = 0
    failures: list[Failure] = field(default_factory=list)
    worker_memory_mb: dict[int, float] = field(default_factory=dict)

    def summary(self) -> str:
        return (f"{self.stored} dokumenter gemt ({self.items} punkter), {self.skipped} sprunget over, "
                f"{len(self.failures)} fejl.")


# -- documents as tasks ------------------------------------------------------------------------
def file_task(path: str | Path) -> Task | Failure:
    """A file as a task, or the reason it cannot be one (missing, a folder, too large)."""
    try:
        data = read_file_bytes(path, MAX_BYTES)
        fmt = sniff_format(data, str(path))
    except ReadError as exc:
        return Failure(str(path), exc.message, exc.code)
    return Task(str(path), content_hash(data), fmt, data=data)


def record_task(record: dict) -> Task:
    """A JSONL record as a task; its identity is its text and id."""
    digest = content_hash(json.dumps({"text": record.get("text"), "id": record.get("id")}, ensure_ascii=False))
    source = str(record.get("source") or record.get("url") or record.get("id") or "<jsonl>")
    return Task(source, digest, "jsonl", record=record)


def jsonl_tasks(path: str | Path) -> Iterator[Task | Failure]:
    """Stream the records of a JSONL file as tasks; a malformed line becomes a Failure."""
    with Path(path).open(encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                record = parse_jsonl_line(line, number)
                yield record if isinstance(record, Failure) else record_task(record)


def count_jsonl_records(path: str | Path) -> int:
    with Path(path).open("rb") as handle:
        return sum(1 for line in handle if line.strip())


# -- the run ------------------------------------------------------------------------------------
def ingest_paths(store: Store, analyzer: Analyzer, paths: Iterable[str | Path], skip_existing: bool = False,
                 batch_size: int = 16, show_progress: bool = True, on_progress=None,
                 workers: int = 1, dask: str | None = None) -> IngestReport:
    """Analyse and store files; `on_progress(done, total)` is called after each batch."""
    paths = list(paths)
    return ingest_tasks(store, analyzer, (file_task(p) for p in paths), len(paths), skip_existing,
                        batch_size, show_progress, on_progress, workers, dask)


def ingest_jsonl(store: Store, analyzer: Analyzer, path: str | Path, skip_existing: bool = False,
                 batch_size: int = 16, show_progress: bool = True, workers: int = 1,
                 dask: str | None = None) -> IngestReport:
    """Analyse and store JSONL records (`text` plus optional id and meeting fields)."""
    return ingest_tasks(store, analyzer, jsonl_tasks(path), count_jsonl_records(path), skip_existing,
                        batch_size, show_progress, None, workers, dask)


def ingest_tasks(store: Store, analyzer: Analyzer, tasks: Iterable[Task | Failure], total: int,
                 skip_existing: bool = False, batch_size: int = 16, show_progress: bool = True,
                 on_progress=None, workers: int = 1, dask: str | None = None) -> IngestReport:
    """Analyse tasks in chunks (at most `batch_size` documents) with the chosen executor and
    store each chunk in one transaction, in input order."""
    report = IngestReport()
    known = store.document_hashes() if skip_existing else set()
    bar = _progress_bar(total, show_progress)
    done = 0

    def advance(count: int) -> None:
        nonlocal done
        done += count
        bar.update(count)
        if on_progress:
            on_progress(done, total)

    def wanted() -> Iterator[Task]:
        for entry in tasks:
            if isinstance(entry, Failure):
                report.failures.append(entry)
                advance(1)
            elif entry.digest in known:
                report.skipped += 1
                advance(1)
            else:
                yield entry

    executor = make_executor(analyzer, workers, dask)
    try:
        for chunk, result in executor.map(chunk_tasks(wanted(), max_documents=batch_size)):
            _store_chunk(store, chunk, result.results, report)
            report.worker_memory_mb[result.worker] = result.peak_memory_mb
            advance(len(chunk))
    finally:
        executor.close()
        bar.close()
    return report


def _store_chunk(store: Store, chunk: list[Task], results: list, report: IngestReport) -> None:
    good = []
    for task, result in zip(chunk, results):
        if isinstance(result, Failure):
            report.failures.append(result)
        else:
            good.append((result, task.digest, task.fmt))
    store.save_many(good)
    report.stored += len(good)
    report.items += sum(len(analysis.items) for analysis, _, _ in good)


def _progress_bar(total: int, show: bool):
    from nlp.cli.common import progress

    return progress(total=total, desc="Indlæser", unit="dok", disable=not show)
