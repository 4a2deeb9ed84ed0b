"""Old databases open in this version: the schema migrates in place and people's labels,
their history and reviews come through intact.

The fixtures are real databases written by earlier versions of Referat (schema 1: the
foundation; schema 3: with two annotators' labels, a corrected label and a review).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import select

from nlp.store import Store, queries
from nlp.store.schema import SCHEMA_VERSION, annotation_history, annotations, items, reviews

FIXTURES = Path(__file__).parent / "fixtures"


def _open_copy(name: str, tmp_path) -> Store:
    path = tmp_path / name
    shutil.copy(FIXTURES / name, path)
    return Store(f"sqlite:///{path}")


def _rows(store: Store, table) -> list[dict]:
    with store.engine.connect() as connection:
        return [dict(row._mapping) for row in connection.execute(select(table))]


def test_a_schema_1_database_migrates_to_the_current_version(tmp_path):
    store = _open_copy("referat-schema-v1.db", tmp_path)
    assert store.version == SCHEMA_VERSION
    assert [row["title"] for row in _rows(store, items)] == ["Godkendelse af dagsorden", "Fleksjob i Herning Kommune"]
    totals = queries.totals(store, queries.Filters())
    assert totals["items"] == 2 and totals["documents"] == 1  # aggregates recounted from the items
    assert queries.search(store, "fleksjobbere")["title"].tolist() == ["Fleksjob i Herning Kommune"]


def test_labels_survive_the_migration_from_schema_3(tmp_path):
    from nlp.labelling.workspace import Label, done_labels, save_label, settled_labels

    store = _open_copy("referat-schema-v3-labels.db", tmp_path)
    assert store.version == SCHEMA_VERSION
    current = _rows(store, annotations)
    assert sorted((row["annotator"], row["outcome"]) for row in current) == [
        ("anna", "approved"), ("anna", "noted"), ("bo", "noted")]
    assert next(row for row in current if row["note"])["note"] == "rettet"  # the corrected label, not the first
    assert len(_rows(store, annotation_history)) == 5  # four labels written, one review
    assert [row["reviewer"] for row in _rows(store, reviews)] == ["carl"]
    settled = settled_labels(store)
    flexjob_key = next(row["item_key"] for row in _rows(store, items) if row["title"].startswith("Fleksjob"))
    assert settled[flexjob_key].themes == ["disability_flexjob"]  # the review settles the dispute
    assert len(done_labels(store)[flexjob_key]) == 2

    save_label(store, Label(flexjob_key, "dorte", themes=["disability_flexjob"], outcome="noted"))
    assert len(_rows(store, annotations)) == 4  # the migrated database takes new labels


def test_opening_a_current_database_again_changes_nothing(tmp_path):
    store = _open_copy("referat-schema-v3-labels.db", tmp_path)
    before = _rows(store, annotations), _rows(store, annotation_history)
    store.dispose()
    again = Store(store.url)
    assert again.version == SCHEMA_VERSION
    assert (_rows(again, annotations), _rows(again, annotation_history)) == before
