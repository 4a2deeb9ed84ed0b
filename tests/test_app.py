"""The Streamlit app, page by page, with Streamlit's own AppTest (app.py, app_pages/)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
TIMEOUT = 120


@pytest.fixture(scope="module")
def loaded_db(tmp_path_factory, seed_paths):
    """A database with two seeds ingested (Herning 2012, Høje-Taastrup 2020)."""
    from nlp.analyze import Analyzer
    from nlp.ingest import ingest_paths
    from nlp.store import Store

    path = tmp_path_factory.mktemp("app") / "app.db"
    url = f"sqlite:///{path}"
    store = Store(url)
    ingest_paths(store, Analyzer(), [seed_paths["000_932393c0f57c64e5"], seed_paths["002_17eb13541673ee62"]],
                 show_progress=False)
    store.dispose()
    return url


@pytest.fixture
def app(loaded_db, monkeypatch):
    monkeypatch.setenv("REFERAT_DATABASE_URL", loaded_db)
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    return at


def run_page(at: AppTest, page: str, **query) -> AppTest:
    at.run()
    at.switch_page(f"app_pages/{page}.py")
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def test_app_every_page_runs(app):
    for page in ("overview", "search", "item", "upload", "annotate", "models"):
        at = run_page(app, page)
        assert not at.exception, f"{page}: {at.exception}"


def test_overview_shows_totals_and_filters(app):
    at = run_page(app, "overview")
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Dagsordenspunkter"] == "18"
    assert metrics["Kommuner"] == "2"
    at.multiselect(key="overview_mun").set_value(["Herning"]).run()
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["Dagsordenspunkter"] == "12"


def test_search_finds_inflected_forms(app):
    at = run_page(app, "search")
    at.text_input[0].input("førtidspension").run()
    assert not at.exception
    frame = at.dataframe[0].value
    assert len(frame) >= 2
    assert any("Førtidspension" in (title or "") for title in frame["title"])


def test_item_page_shows_summary_facts_and_entities(app, loaded_db):
    from nlp.store import Store
    from nlp.store.queries import Filters, item_list

    key = item_list(Store(loaded_db), Filters(municipalities=["Herning"]), limit=50)
    key = key[key["title"].str.startswith("Budgetopfølgning", na=False)].iloc[0]["item_key"]
    at = run_page(app, "item", item=key)
    assert not at.exception
    assert at.title[0].value.startswith("Budgetopfølgning")
    markdown = " ".join(m.value for m in at.markdown)
    assert "18,6 mio. kr" in markdown
    assert any("mark" in h.proto.body for h in at.get("html")) if hasattr(at, "get") else True


def test_upload_a_seed_shows_its_items(app, seed_paths):
    at = run_page(app, "upload")
    assert not at.exception
    uploader = at.get("file_uploader")
    assert uploader  # the page offers an upload field


def test_item_page_escapes_html_and_marks_entities(app, loaded_db):
    from nlp.store import Store
    from nlp.store.queries import Filters, item_list

    key = item_list(Store(loaded_db), Filters(municipalities=["Høje-Taastrup"]), limit=10).iloc[0]["item_key"]
    at = run_page(app, "item", item=key)
    assert not at.exception
    bodies = [h.proto.body for h in at.html]
    assert any("<mark" in body for body in bodies)


def test_upload_seed_and_save_it(app, seed_paths):
    at = run_page(app, "upload")
    data = seed_paths["004_0a840bef393f7ea7"].read_bytes()
    at.file_uploader[0].set_value(("odense.txt", data, "text/plain")).run()
    assert not at.exception
    titles = [e.label for e in at.expander]
    assert any(t.startswith("1. Kommenteret forbrugsrapport 1/6 2012") for t in titles)
    assert len(titles) == 6
    assert [b.label for b in at.download_button][:2] == ["Hent JSON", "Hent CSV"]
    at.button[0].click().run()  # Gem i databasen
    assert not at.exception
    assert any("gemt" in s.value for s in at.success)
    at = run_page(app, "overview")
    assert {m.label: m.value for m in at.metric}["Kommuner"] == "3"


@pytest.mark.parametrize("data, message", [
    (b"\x00\x01\x02 binary \x00" * 100, "binær"),
    (b"%PDF-1.4 broken", "beskadiget"),
    (b"   ", "tom"),
])
def test_upload_bad_file_gives_a_danish_message(app, data, message):
    at = run_page(app, "upload")
    at.file_uploader[0].set_value(("fil.pdf", data, "application/pdf")).run()
    assert not at.exception
    assert any(message in e.value for e in at.error)


def test_models_page_shows_scores(app):
    at = run_page(app, "models")
    assert not at.exception
    labels = [m.label for m in at.metric]
    assert "Mikro-F1 (fuld pipeline)" in labels
    assert "Makro-F1" in labels


def test_labelling_session_end_to_end(app, loaded_db, tmp_path, monkeypatch):
    """Label through the page (form and keyboard), find the labels with their annotator,
    export them, retrain with them, see the scores, accept the new model."""
    from nlp.labelling import retrain
    from nlp.labelling.exchange import export_jsonl
    from nlp.labelling.workspace import done_labels
    from nlp.paths import models_dir
    from nlp.store import Store

    models = tmp_path / "models"
    shutil.copytree(models_dir(), models, ignore=shutil.ignore_patterns("*.previous", "*.candidate"))
    monkeypatch.setenv("REFERAT_MODELS", str(models))

    at = run_page(app, "annotate")
    at.text_input(key="annotator").input("Mette").run()
    assert not at.exception
    title = at.subheader[0].value
    at.multiselect[0].set_value(["budget", "governance"])
    at.radio[1].set_value("noted")
    next(b for b in at.button if b.label == "Gem").click().run()
    assert not at.exception
    assert any("Gemt (done)" in s.value for s in at.success)
    at.chat_input[0].set_value("1 g").run()  # the keyboard: theme 1, outcome g, Enter
    assert not at.exception

    store = Store(loaded_db)
    labels = [l for group in done_labels(store).values() for l in group if l.annotator == "Mette"]
    assert len(labels) == 2
    assert {tuple(l.themes) for l in labels} == {("budget", "governance"), ("budget",)}
    assert {l.outcome for l in labels} == {"noted", "approved"}
    assert title

    exported = tmp_path / "labels.jsonl"
    assert export_jsonl(store, exported) == 2

    report = retrain.retrain(store)
    assert report["labels_used"] == 2
    assert 0 <= report["candidate"]["themes_micro_f1"] <= 1 and report["current"]["themes_micro_f1"] > 0
    retrain.accept()
    assert (models / "classifiers" / "MANIFEST.json").exists()
    assert (models / "classifiers.previous" / "MANIFEST.json").exists()
    assert not (models / "classifiers.candidate").exists()
