"""Throughput of the whole analysis (split, entities, classifiers, summaries) with 1 and 2
worker processes, against the bare spaCy tokenizer on the same text in the same run.

    python benchmarks/throughput.py [--workers 1 2] [--repeat 10] [--dask] [--json OUT.json]

The documents are the five seeds and, when ../shared is there, the corpus pages. Words
are counted once (runs of letters and digits), so every speed below has the same
numerator. Workers are started and loaded before the clock starts: the figures are the
steady state of a long corpus run, not model loading. The tokenizer and every run are timed
in interleaved rounds and keep their best round. Peak memory is per worker process.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import time
from pathlib import Path

_WORD = re.compile(r"\w+")


def corpus_tasks() -> list:
    from nlp import corpus
    from nlp.ingest import file_task, record_task

    tasks = [file_task(seed.path) for seed in corpus.seeds()]
    if corpus.corpus_available():
        tasks += [record_task({"id": page.id, "text": page.text, "municipality": page.municipality,
                               "committee": page.committee, "date": page.meeting_date})
                  for page in corpus.pages().values()]
    return tasks


def task_text(task) -> str:
    if task.record is not None:
        return task.record["text"]
    from nlp.readers import read_bytes

    return read_bytes(task.data, source=task.source).text


def _timed(run) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def analysis_round(executor, chunks: list) -> tuple[float, float]:
    """Seconds for all chunks, and the peak memory of any worker (MB)."""
    peak = 0.0
    started = time.perf_counter()
    for _, result in executor.map(chunks):
        peak = max(peak, result.peak_memory_mb)
    return time.perf_counter() - started, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=10, help="interleaved rounds; each run keeps its best")
    parser.add_argument("--chunk-size", type=int, default=16, help="most documents per worker batch")
    parser.add_argument("--dask", action="store_true", help="also measure a local Dask cluster")
    parser.add_argument("--json", metavar="OUT.json", help="write the figures as JSON")
    args = parser.parse_args()

    import spacy

    from nlp.parallel import AnalyzerSettings, DaskExecutor, ProcessExecutor, chunk_tasks

    tasks = corpus_tasks()
    texts = [task_text(task) for task in tasks]
    words = sum(len(_WORD.findall(text)) for text in texts)
    print(f"{len(tasks)} documents, {words:,} words, {os.cpu_count()} cores\n")
    tokenizer = spacy.blank("da").tokenizer
    settings = AnalyzerSettings()
    runs = [("processes", n) for n in args.workers] + ([("dask", max(args.workers))] if args.dask else [])
    executors = [ProcessExecutor(settings, workers) if kind == "processes" else DaskExecutor(settings, "local", workers)
                 for kind, workers in runs]
    chunks = list(chunk_tasks(tasks, max_documents=args.chunk_size))
    # This machine's speed drifts from minute to minute: the rounds interleave the tokenizer
    # and every executor, and each keeps its best round, so all are timed under the same load.
    best_tokenizer, best = float("inf"), [(float("inf"), 0.0)] * len(runs)
    try:
        for executor in executors:
            list(executor.map(chunks[: 2 * executor.workers]))  # every worker loaded and warm
        for _ in range(args.repeat):
            best_tokenizer = min(best_tokenizer, _timed(lambda: list(tokenizer.pipe(texts))))
            for k, executor in enumerate(executors):
                seconds, peak = analysis_round(executor, chunks)
                best[k] = (min(best[k][0], seconds), max(best[k][1], peak))
    finally:
        for executor in executors:
            executor.close()
    ceiling = words / best_tokenizer
    figures = {"documents": len(tasks), "words": words, "tokenizer_wps": ceiling, "runs": []}
    print(f"{'spaCy tokenizer alone (1 core)':<34} {ceiling:>10,.0f} words/s")
    baseline = words / best[0][0]
    for (kind, workers), (seconds, peak) in zip(runs, best):
        speed = words / seconds
        per_core = speed / workers / ceiling
        figures["runs"].append({"executor": kind, "workers": workers, "wps": speed, "speedup": speed / baseline,
                                "share_of_tokenizer_per_core": per_core, "peak_memory_mb_per_worker": peak})
        print(f"{f'whole analysis, {workers} {kind}':<34} {speed:>10,.0f} words/s  "
              f"×{speed / baseline:4.2f}  {per_core:6.1%} of tokenizer per core  peak {peak:,.0f} MB/worker")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
