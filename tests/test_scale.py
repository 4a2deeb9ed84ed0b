"""Corpus scale: the same analyses in one process, in worker processes and on a local Dask
cluster; runs that resume after an interruption; chunks sized by work."""

from __future__ import annotations

import json

import pytest

from nlp.analyze import Analyzer, Failure
from nlp.ingest import file_task, ingest_paths, ingest_tasks, record_task
from nlp.parallel import (AnalyzerSettings, DaskExecutor, ProcessExecutor, SerialExecutor, Task,
                          analyze_tasks, chunk_tasks)

RECORDS = [
    {"id": "r1", "municipality": "Varde", "date": "2021-03-08",
     "text": "1. Godkendelse af dagsorden\nBeslutning\nGodkendt.\n\n2. Fleksjob\nSagsfremstilling\n"
             "Udgifterne til fleksjob steg med 12 % til 18,6 mio. kr. i 2020, oplyser Jobcenter Varde.\n"
             "Indstilling\nDirektøren indstiller, at orienteringen tages til efterretning.\n"
             "Beslutning\nTaget til efterretning."},
    {"id": "r2", "text": "Budgetopfølgning for Beskæftigelsesudvalget pr. 31. marts 2021"},
    {"id": "r3", "text": "   "},  # no text: a failure in its place
]


@pytest.fixture(scope="module")
def tasks(seed_paths) -> list[Task | Failure]:
    files = [file_task(seed_paths[stem]) for stem in ("004_0a840bef393f7ea7", "002_17eb13541673ee62")]
    return files + [record_task(record) for record in RECORDS]


def _run(executor, tasks) -> list[dict]:
    try:
        done = list(executor.map(chunk_tasks(tasks, max_documents=2)))
    finally:
        executor.close()
    return [result.to_dict() for _, chunk in done for result in chunk.results]


@pytest.mark.slow
def test_one_worker_two_workers_and_dask_give_identical_results(tasks):
    serial = _run(SerialExecutor(Analyzer()), tasks)
    processes = _run(ProcessExecutor(AnalyzerSettings(), 2), tasks)
    dask = _run(DaskExecutor(AnalyzerSettings(), "local", 2), tasks)
    assert len(serial) == len(tasks)
    assert serial[-1]["error_code"] == "empty"  # the empty record failed in its place
    assert serial[0]["meeting"]["municipality"] == "Odense" and len(serial[0]["items"]) == 6
    assert any(item["entities"] for item in serial[2]["items"])  # the whole analysis ran
    assert json.dumps(processes, sort_keys=True) == json.dumps(serial, sort_keys=True)
    assert json.dumps(dask, sort_keys=True) == json.dumps(serial, sort_keys=True)


def test_chunks_are_cut_by_size_as_well_as_count():
    small = [Task(f"s{n}", f"{n}", "text", data=b"x" * 10) for n in range(5)]
    large = Task("big", "big", "text", data=b"x" * 1000)
    chunks = list(chunk_tasks([large, *small], max_documents=3, max_chars=500))
    assert [len(c) for c in chunks] == [1, 3, 2]
    assert [t.source for c in chunks for t in c] == ["big", *[t.source for t in small]]


def test_a_bad_document_in_a_chunk_fails_alone(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("1. Godkendelse af dagsorden\nBeslutning\nGodkendt.", encoding="utf-8")
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 20)
    result = analyze_tasks(Analyzer(stages=[]), [file_task(junk), file_task(good)])
    assert isinstance(result.results[0], Failure) and result.results[0].code in {"corrupt", "needs_ocr", "empty"}
    assert result.results[1].items[0].title == "Godkendelse af dagsorden"
    assert result.peak_memory_mb > 0


def test_a_worker_that_cannot_load_its_models_fails_the_run_instead_of_hanging():
    import queue
    import threading

    executor = ProcessExecutor(AnalyzerSettings(stages=("no-such-stage",)), 1)
    outcome: queue.Queue = queue.Queue()

    def run():
        try:
            outcome.put(list(executor.map([[record_task(RECORDS[1])]])))
        except Exception as exc:  # noqa: BLE001 (the error is what the test looks at)
            outcome.put(exc)

    threading.Thread(target=run, daemon=True).start()
    try:
        error = outcome.get(timeout=120)
    finally:
        executor.pool.terminate()
    assert isinstance(error, ValueError) and "unknown stages" in str(error)


def test_missing_and_oversized_files_fail_before_any_work(tmp_path, monkeypatch):
    import nlp.ingest

    assert file_task(tmp_path / "nope.pdf").code == "not_found"
    assert file_task(tmp_path).code == "unsupported"
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 2048)
    monkeypatch.setattr(nlp.ingest, "MAX_BYTES", 1024)
    assert file_task(big).code == "too_large"


class _Interrupted(Exception):
    pass


def test_an_interrupted_run_resumes_where_it_stopped_and_stores_nothing_twice(store, seed_paths, monkeypatch):
    import nlp.parallel

    paths = [seed_paths[stem] for stem in ("004_0a840bef393f7ea7", "003_f93ccf7bc01b9c92", "002_17eb13541673ee62")]
    analyzer = Analyzer(stages=[])
    real = nlp.parallel.analyze_tasks
    calls = {"n": 0}

    def dies_on_the_third_chunk(analyzer, chunk):
        calls["n"] += 1
        if calls["n"] == 3:
            raise _Interrupted  # the machine went down mid-run
        return real(analyzer, chunk)

    monkeypatch.setattr(nlp.parallel, "analyze_tasks", dies_on_the_third_chunk)
    with pytest.raises(_Interrupted):
        ingest_paths(store, analyzer, paths, batch_size=1, show_progress=False)
    monkeypatch.setattr(nlp.parallel, "analyze_tasks", real)
    assert len(store.document_hashes()) == 2  # the two finished chunks were committed

    report = ingest_paths(store, analyzer, paths, batch_size=1, skip_existing=True, show_progress=False)
    assert (report.skipped, report.stored) == (2, 1)
    again = ingest_paths(store, analyzer, paths, batch_size=1, show_progress=False)  # no skip: updated in place
    assert again.stored == 3
    with store.engine.connect() as connection:
        documents = connection.exec_driver_sql("SELECT count(*) FROM documents").scalar_one()
        items = connection.exec_driver_sql("SELECT count(*) FROM items").scalar_one()
    assert documents == 3 and items == 6 + 14 + 6  # Odense, Herning 2021, Høje-Taastrup


def test_ingest_reports_failures_at_the_end_and_stores_the_rest(store):
    tasks = [record_task(RECORDS[2]), record_task(RECORDS[1]), Failure("x.pdf", "Filen er tom.", "empty")]
    report = ingest_tasks(store, Analyzer(stages=[]), tasks, total=3, show_progress=False)
    assert report.stored == 1 and report.items == 1
    assert sorted(f.code for f in report.failures) == ["empty", "empty"]


@pytest.mark.slow
def test_cli_ingest_with_two_workers_matches_one(seed_paths, tmp_path, capsys):
    from nlp.cli import main

    folder = tmp_path / "docs"
    folder.mkdir()
    for stem in ("004_0a840bef393f7ea7", "003_f93ccf7bc01b9c92"):
        (folder / f"{stem}.txt").write_bytes(seed_paths[stem].read_bytes())
    exports = []
    for name, extra in (("one", []), ("two", ["--workers", "2"])):
        db = f"sqlite:///{tmp_path / name}.db"
        assert main(["ingest", str(folder), "--db", db, "--stages", "entities,classify", *extra]) == 0
        out = tmp_path / f"{name}.jsonl"
        assert main(["export", "--format", "jsonl", "--db", db, "-o", str(out)]) == 0
        exports.append(out.read_text(encoding="utf-8"))
    assert "Højeste hukommelsesforbrug" in capsys.readouterr().err
    assert exports[0] == exports[1] and exports[0].count("\n") == 6 + 14
