"""The labelling workspace: labels kept safe, the queue, agreement, review, exchange, retraining."""

from __future__ import annotations

import json
import multiprocessing

import pytest

from nlp.labelling import Label, LabelError, disagreements, queue, save_label, settle, settled_labels
from nlp.labelling.agreement import cohen_kappa, krippendorff_alpha
from nlp.labelling.exchange import export_docbin, export_jsonl, import_jsonl
from nlp.labelling.shortcuts import parse_command
from nlp.labelling.workspace import labels_of, needs_two
from nlp.store.schema import annotation_history, items


def add_items(store, uncertainties: list[float | None], municipality: str = "Faxe") -> list[str]:
    """Store a document whose items carry the given classifier uncertainties."""
    from nlp.contract import AgendaItem, Analysis, Meeting
    from nlp.store import content_hash

    analysis = Analysis("test.txt", Meeting(municipality, "Udvalget", "2021-05-01", "referat"), [
        AgendaItem(str(k + 1), f"Punkt {k + 1}", None, f"Tekst {k} om fleksjob og budget.")
        for k in range(len(uncertainties))])
    digest = content_hash("".join(map(str, uncertainties)) + municipality)
    store.save(analysis, digest)
    keys = [f"{digest[:16]}:{k}" for k in range(len(uncertainties))]
    with store.engine.begin() as connection:
        for key, value in zip(keys, uncertainties):
            connection.execute(items.update().where(items.c.item_key == key).values(uncertainty=value))
    return keys


def test_queue_orders_items_by_model_uncertainty(store):
    keys = add_items(store, [0.1, 0.9, 0.5, 0.7, None])
    assert queue(store, "ann", "uncertain", limit=5, share=0.0) == [keys[1], keys[3], keys[2], keys[0], keys[4]]


def test_queue_leaves_out_labelled_items_but_keeps_double_share(store):
    keys = add_items(store, [0.9, 0.8])
    save_label(store, Label(keys[0], "ann", "done", ["budget"], "approved"))
    assert keys[0] not in queue(store, "ann", limit=5, share=0.0)
    assert keys[0] not in queue(store, "bob", limit=5, share=0.0)  # one label is enough …
    assert queue(store, "bob", limit=5, share=1.0)[0] == keys[0]  # … unless it is to be double-labelled


def test_label_validation_speaks_danish():
    with pytest.raises(LabelError, match="temaer"):
        Label("x", "ann", "done", [], "approved").validate()
    with pytest.raises(LabelError, match="udfald"):
        Label("x", "ann", "done", ["budget"], "maybe").validate()
    with pytest.raises(LabelError, match="navn"):
        Label("x", " ", "done", ["budget"], "approved").validate()


def test_changing_a_label_keeps_its_history(store):
    key = add_items(store, [0.5])[0]
    save_label(store, Label(key, "ann", "done", ["budget"], "approved"))
    save_label(store, Label(key, "ann", "done", ["governance"], "noted"))
    current = labels_of(store, key)
    assert len(current) == 1 and current[0].themes == ["governance"]
    with store.engine.connect() as connection:
        history = connection.execute(annotation_history.select().where(annotation_history.c.item_key == key)).fetchall()
    assert [json.loads(h.payload)["themes"] for h in history] == [["budget"], ["governance"]]


def test_disagreement_review_and_settled_labels(store):
    agree, dispute = add_items(store, [0.5, 0.6])
    for annotator in ("ann", "bob"):
        save_label(store, Label(agree, annotator, "done", ["budget"], "approved"))
    save_label(store, Label(dispute, "ann", "done", ["budget"], "approved"))
    save_label(store, Label(dispute, "bob", "done", ["governance"], "noted"))
    assert [k for k, _ in disagreements(store)] == [dispute]
    assert set(settled_labels(store)) == {agree}  # a dispute does not train until settled
    settle(store, dispute, "carl", Label(dispute, "carl", "done", ["governance"], "noted"))
    assert disagreements(store) == []
    assert settled_labels(store)[dispute].outcome == "noted"


def test_agreement_measures():
    assert cohen_kappa(["a", "b", "a", "b"], ["a", "b", "a", "b"]) == 1.0
    assert cohen_kappa(["a", "a", "b", "b"], ["a", "b", "a", "b"]) == 0.0
    # Krippendorff's textbook example: 4 coders, 12 units, missing values; alpha = 0.743
    coders = [[1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None], [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
              [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None], [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None]]
    units = {u: {f"c{c}": coders[c][u] for c in range(4)} for u in range(12)}
    assert krippendorff_alpha(units) == pytest.approx(0.7434, abs=1e-3)
    pairs = [(1, 1), (2, 2), (3, 3), (3, 3), (2, 2), (1, 2), (3, 3), (3, 3), (1, 1), (2, 2), (1, 3), (2, 2)]
    assert krippendorff_alpha({k: {"A": a, "B": b} for k, (a, b) in enumerate(pairs)}) == pytest.approx(0.7566, abs=1e-3)


@pytest.mark.parametrize("command, themes, outcome, action", [
    (".", ["budget"], "approved", "save"),
    ("1 12 e", ["budget", "governance"], "noted", "save"),
    ("d", ["budget"], "discussed", "save"),
    ("s", [], None, "skip"),
    ("f", ["budget"], "approved", "flag"),
])
def test_keyboard_commands(command, themes, outcome, action):
    parsed = parse_command(command, ["budget"], "approved")
    assert (parsed.themes, parsed.outcome, parsed.action) == (themes, outcome, action)


def test_keyboard_command_errors():
    with pytest.raises(LabelError):
        parse_command("1 x", [], None)
    with pytest.raises(LabelError):
        parse_command("g e", [], None)


def test_export_import_round_trip(store, tmp_path):
    key = add_items(store, [0.5])[0]
    save_label(store, Label(key, "ann", "done", ["budget", "other"], "approved",
                            entities=[{"start": 0, "end": 5, "label": "ORG"}], note="svær"))
    path = tmp_path / "labels.jsonl"
    assert export_jsonl(store, path) == 1
    record = json.loads(path.read_text(encoding="utf-8"))
    assert record["accept"] == ["budget", "other"] and record["_annotator_id"] == "ann"
    assert record["spans"] == [{"start": 0, "end": 5, "label": "ORG"}] and record["answer"] == "accept"
    path.write_text(path.read_text(encoding="utf-8") + "{not json\n", encoding="utf-8")
    result = import_jsonl(store, path, annotator="bob")
    assert result["imported"] == 1 and len(result["refused"]) == 1
    assert [l.annotator for l in labels_of(store, key)] == ["ann", "bob"]
    assert export_docbin(store, tmp_path / "entities.spacy") == 1


def _writer(url: str, annotator: str, keys: list[str], rounds: int) -> None:
    from nlp.store import Store

    store = Store(url)
    for n in range(rounds):
        key = keys[n % len(keys)]
        save_label(store, Label(key, annotator, "done", ["budget"], "approved", note=f"{annotator}-{n}"))


def test_two_annotator_processes_lose_no_label(tmp_path):
    from nlp.store import Store

    url = f"sqlite:///{tmp_path / 'concurrent.db'}"
    keys = add_items(Store(url), [0.1] * 10)
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_writer, args=(url, name, keys, 500)) for name in ("ann", "bob")]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=300)
        assert worker.exitcode == 0
    store = Store(url)
    with store.engine.connect() as connection:
        history = connection.execute(annotation_history.select()).fetchall()
    assert len(history) == 1000
    notes = sorted(json.loads(h.payload)["note"] for h in history)
    assert notes == sorted([f"ann-{n}" for n in range(500)] + [f"bob-{n}" for n in range(500)])
    current = [l for key in keys for l in labels_of(store, key)]
    assert len(current) == 20  # one current label per item and annotator
    assert {l.note for l in current if l.annotator == "ann"} == {f"ann-{n}" for n in range(490, 500)}


def test_needs_two_is_stable_and_near_the_share():
    keys = [f"doc:{k}" for k in range(2000)]
    share = sum(needs_two(k, 0.1) for k in keys) / len(keys)
    assert 0.07 < share < 0.13
    assert needs_two("doc:5", 0.1) == needs_two("doc:5", 0.1)


def test_a_crash_mid_retraining_leaves_the_current_models_in_place(store, tmp_path, monkeypatch):
    import shutil

    import joblib

    from nlp.labelling import retrain
    from nlp.models import verify_model
    from nlp.paths import models_dir

    models = tmp_path / "models"
    shutil.copytree(models_dir() / "classifiers", models / "classifiers")
    monkeypatch.setenv("REFERAT_MODELS", str(models))
    before = (models / "classifiers" / "MANIFEST.json").read_text()
    real_dump = joblib.dump
    written = []

    def dies_after_the_first_file(model, path, **kwargs):
        if written:
            raise MemoryError("the machine ran out of memory mid-training")
        written.append(path)
        return real_dump(model, path, **kwargs)

    # fitting for real takes a minute and is not what is under test: stand-in models
    for fit in ("fit_themes", "fit_outcome", "fit_policy"):
        monkeypatch.setattr(f"nlp.classify.training.{fit}", lambda *args: {"stand-in": True})
    monkeypatch.setattr("nlp.classify.training.joblib.dump", dies_after_the_first_file)
    with pytest.raises(MemoryError):
        retrain.retrain(store)
    assert (models / "classifiers" / "MANIFEST.json").read_text() == before
    verify_model(models / "classifiers")  # every current file still matches its checksum
    assert not retrain.candidate_path().exists()
    with pytest.raises(FileNotFoundError):
        retrain.accept()  # nothing half-built can be put in place
    assert (models / "classifiers" / "MANIFEST.json").read_text() == before
