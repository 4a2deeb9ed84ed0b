"""Analyse many documents at once: in this process, in N worker processes, or on a Dask cluster.

Documents travel as `Task`s (a file's bytes or a JSON record, with its content hash) in
chunks; a chunk is one `nlp.pipe` batch in a worker. Every executor returns the chunks in
the order they were submitted, with at most `window` chunks in flight, so memory stays
bounded however large the corpus and the results do not depend on how the work was spread.
Each worker process loads the models once and keeps them for every chunk it is sent.
"""

from __future__ import annotations

import logging
import os
import resource
from collections import deque
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

from nlp.analyze import STAGES, Analyzer, Failure
from nlp.contract import Analysis
from nlp.readers import ReadError, read_bytes

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Task:
    """One document to analyse: a file's bytes or a JSON record, known by its content hash."""

    source: str
    digest: str
    fmt: str
    data: bytes | None = None
    record: dict | None = None


def task_size(task: Task) -> int:
    """Roughly how much work a task is: its bytes, or its text's length."""
    if task.record is not None:
        text = task.record.get("text")
        return len(text) if isinstance(text, str) else 0
    return len(task.data or b"")


def chunk_tasks(tasks: Iterable[Task], max_documents: int = 16, max_chars: int = 50_000) -> Iterator[list[Task]]:
    """Group tasks into chunks of at most `max_documents` and about `max_chars` of text, so
    one chunk of long documents does not leave the other workers idle at the end of a run."""
    chunk: list[Task] = []
    size = 0
    for task in tasks:
        chunk.append(task)
        size += task_size(task)
        if len(chunk) >= max_documents or size >= max_chars:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


@dataclass(frozen=True)
class AnalyzerSettings:
    """What a worker needs to build the same `Analyzer` as the caller (it must pickle)."""

    stages: tuple[str, ...] = STAGES
    models_dir: str | None = None
    summary_sentences: int = 3

    def build(self) -> Analyzer:
        return Analyzer(self.stages, self.models_dir, self.summary_sentences)

    @classmethod
    def of(cls, analyzer: Analyzer) -> "AnalyzerSettings":
        models_dir = str(analyzer.models_dir) if analyzer.models_dir else None
        return cls(analyzer.stages, models_dir, analyzer.summary_sentences)


@dataclass
class ChunkResult:
    """A chunk's analyses (in task order) and the memory of the process that made them."""

    results: list[Analysis | Failure]
    worker: int
    peak_memory_mb: float


def analyze_tasks(analyzer: Analyzer, tasks: list[Task]) -> ChunkResult:
    """Read, split and analyse a chunk of tasks with one analyzer; failures keep their place."""
    batch: list[Analysis | Failure] = []
    for task in tasks:
        if task.record is not None:
            batch.append(analyzer.split_record(task.record))
            continue
        try:
            document = read_bytes(task.data or b"", source=task.source)
        except ReadError as exc:
            batch.append(Failure(task.source, exc.message, exc.code))
            continue
        batch.append(analyzer.split_text(document.text, document.source, None, None, document.warnings))
    results = list(analyzer.complete(batch))
    return ChunkResult(results, os.getpid(), peak_memory_mb())


def peak_memory_mb() -> float:
    """Peak resident memory of this process (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 / 1024 if os.uname().sysname == "Darwin" else peak / 1024


# -- in worker processes: one analyzer per process, built on first use -----------------------
_WORKER_ANALYZERS: dict[AnalyzerSettings, Analyzer] = {}


THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def one_thread_per_worker() -> None:
    """Keep BLAS and OpenMP to one thread: a worker is one core, and N workers with N threads
    each would fight over the same cores. The limit reaches the libraries loaded so far;
    those loaded later (SciPy's OpenBLAS, scikit-learn's OpenMP) read the environment."""
    from threadpoolctl import threadpool_limits

    for variable in THREAD_VARIABLES:
        os.environ[variable] = "1"
    threadpool_limits(1)


def _worker_analyzer(settings: AnalyzerSettings) -> Analyzer:
    if settings not in _WORKER_ANALYZERS:
        one_thread_per_worker()
        analyzer = settings.build()
        analyzer.analyze_text("Godkendelse af dagsorden")  # load every model before the first real chunk
        one_thread_per_worker()  # again, for the libraries the models loaded
        _WORKER_ANALYZERS[settings] = analyzer
    return _WORKER_ANALYZERS[settings]


def analyze_tasks_in_worker(settings: AnalyzerSettings, tasks: list[Task]) -> ChunkResult:
    return analyze_tasks(_worker_analyzer(settings), tasks)


def _warm_worker(settings: AnalyzerSettings) -> None:
    # A pool replaces a worker whose initializer raises, for ever: the error is logged here and
    # raised again by the worker's first chunk, which hands it to the caller.
    try:
        _worker_analyzer(settings)
    except Exception:
        log.exception("worker could not load the models")


# -- executors ------------------------------------------------------------------------------
Done = tuple[list[Task], ChunkResult]


# Chunks in flight per worker: results come back in order, so a slow chunk at the head of the
# queue must not leave the other workers without work.
IN_FLIGHT_PER_WORKER = 4


def _ordered(submit: Callable, collect: Callable, chunks: Iterable[list[Task]], window: int) -> Iterator[Done]:
    """Submit chunks with at most `window` in flight; yield each chunk with its result, in order."""
    pending: deque = deque()
    for chunk in chunks:
        pending.append((chunk, submit(chunk)))
        if len(pending) >= window:
            chunk_done, handle = pending.popleft()
            yield chunk_done, collect(handle)
    while pending:
        chunk_done, handle = pending.popleft()
        yield chunk_done, collect(handle)


class SerialExecutor:
    """Everything in this process, with an analyzer the caller already holds."""

    workers = 1

    def __init__(self, analyzer: Analyzer):
        self.analyzer = analyzer
        one_thread_per_worker()

    def map(self, chunks: Iterable[list[Task]]) -> Iterator[Done]:
        for chunk in chunks:
            yield chunk, analyze_tasks(self.analyzer, chunk)

    def close(self) -> None:
        pass


class ProcessExecutor:
    """`workers` processes on this machine (spawned: no state leaks in from the parent)."""

    def __init__(self, settings: AnalyzerSettings, workers: int):
        import multiprocessing

        self.settings, self.workers = settings, workers
        self.pool = multiprocessing.get_context("spawn").Pool(
            workers, initializer=_warm_worker, initargs=(settings,))

    def map(self, chunks: Iterable[list[Task]]) -> Iterator[Done]:
        def submit(chunk):
            return self.pool.apply_async(analyze_tasks_in_worker, (self.settings, chunk))

        return _ordered(submit, lambda handle: handle.get(), chunks, window=IN_FLIGHT_PER_WORKER * self.workers)

    def close(self) -> None:
        self.pool.close()
        self.pool.join()


class DaskExecutor:
    """A Dask cluster: `local` starts one on this machine with `workers` processes,
    `tcp://host:8786` joins a running scheduler. The workers need this package installed."""

    def __init__(self, settings: AnalyzerSettings, address: str, workers: int):
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:
            raise RuntimeError("Dask er ikke installeret: pip install 'referat[dask]'.") from exc
        self.settings = settings
        if address == "local":
            self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                        dashboard_address=None, silence_logs=logging.WARNING)
            self.client = Client(self.cluster)
        else:
            self.cluster = None
            self.client = Client(address)
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})))

    def map(self, chunks: Iterable[list[Task]]) -> Iterator[Done]:
        def submit(chunk):
            return self.client.submit(analyze_tasks_in_worker, self.settings, chunk, pure=False)

        return _ordered(submit, lambda future: future.result(), chunks, window=IN_FLIGHT_PER_WORKER * self.workers)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def make_executor(analyzer: Analyzer, workers: int = 1, dask: str | None = None):
    """The executor for a run: Dask when an address (or `local`) is given, else processes."""
    if dask:
        return DaskExecutor(AnalyzerSettings.of(analyzer), dask, max(1, workers))
    if workers > 1:
        return ProcessExecutor(AnalyzerSettings.of(analyzer), workers)
    return SerialExecutor(analyzer)
