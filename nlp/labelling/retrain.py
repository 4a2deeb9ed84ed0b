"""Retrain the classifiers from the settled labels, compare, then accept or discard.

The new models are built beside the current ones (models/classifiers.candidate) and only
replace them when a person accepts; the replaced models are kept as
models/classifiers.previous. A crash mid-training leaves the current models untouched.

Run in the background by the app: `python -m nlp.labelling.retrain --db URL --job DIR`
writes its progress and result to DIR/status.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
import traceback
from pathlib import Path

from sqlalchemy import select

from nlp.classify.bundle import classifiers_path
from nlp.datasets.items import LabelledItem
from nlp.fileutil import atomic_open
from nlp.labelling.workspace import settled_labels
from nlp.models import install_model, verify_model
from nlp.segment import split_item
from nlp.store.schema import items


def candidate_path() -> Path:
    return classifiers_path().with_name("classifiers.candidate")


def labelled_items(store) -> list[LabelledItem]:
    """The settled labels as training items (texts and sections from the database)."""
    settled = settled_labels(store)
    if not settled:
        return []
    with store.engine.connect() as connection:
        rows = connection.execute(select(items.c.item_key, items.c.municipality, items.c.title, items.c.text,
                                         items.c.sections).where(items.c.item_key.in_(list(settled)))).fetchall()
    out = []
    for row in rows:
        label = settled[row.item_key]
        sections = json.loads(row.sections) if row.sections else split_item(row.text).sections
        out.append(LabelledItem(key=f"workspace:{row.item_key}", source="workspace", municipality=row.municipality,
                                title=row.title, text=row.text, sections=sections, themes=list(label.themes),
                                outcome=label.outcome, votes=label.votes))
    return out


def _headline(report: dict) -> dict:
    outcome = report["outcome"]["systems"]["model"]
    themes = report["themes"]["systems"]["model"]
    return {
        "outcome_accuracy": outcome["items_with_decision"]["accuracy"],
        "outcome_macro_f1": outcome["items_with_decision"]["macro_f1"],
        "themes_micro_f1": themes["micro_f1"], "themes_macro_f1": themes["macro_f1"],
        "policy_accuracy": report["policy_area"]["systems"]["model"]["accuracy"],
        "theme_f1": {k: v["f1"] for k, v in themes["per_label"].items()},
        "outcome_f1": {k: v["f1"] for k, v in outcome["items_with_decision"]["per_label"].items()},
    }


def retrain(store, on_progress=lambda share, message: None) -> dict:
    """Train candidate models with the settled labels and score them beside the current ones."""
    from nlp.classify.training import train_all
    from nlp.evaluate.classifiers import evaluate_classifiers

    extra = labelled_items(store)
    on_progress(0.05, f"Træner med {len(extra)} afgjorte mærkninger …")
    info = train_all(folder=candidate_path(), extra_items=extra)
    on_progress(0.6, "Måler den nye model på de held-out kommuner …")
    candidate = _headline(evaluate_classifiers(str(candidate_path())))
    on_progress(0.85, "Måler den nuværende model …")
    current = _headline(evaluate_classifiers(str(classifiers_path()))) if classifiers_path().exists() else None
    return {"labels_used": len(extra), "training": info, "candidate": candidate, "current": current}


def accept() -> Path:
    """Put the candidate models in place (the current ones are kept as .previous)."""
    if not candidate_path().exists():
        raise FileNotFoundError("Der er ingen ny model at tage i brug.")
    verify_model(candidate_path())  # only a model whose every file matches its manifest goes in
    installed = install_model(candidate_path(), classifiers_path())
    shutil.rmtree(candidate_path().with_name(candidate_path().name + ".previous"), ignore_errors=True)
    from nlp.classify.bundle import load_classifiers

    load_classifiers.cache_clear()
    return installed


def discard() -> None:
    for path in (candidate_path(), candidate_path().with_name(candidate_path().name + ".previous")):
        shutil.rmtree(path, ignore_errors=True)


# -- the background job ---------------------------------------------------------------------
def write_status(job: Path, **status) -> None:
    job.mkdir(parents=True, exist_ok=True)
    with atomic_open(job / "status.json") as handle:
        json.dump({"updated": time.time(), **status}, handle, ensure_ascii=False)


def read_status(job: Path) -> dict | None:
    path = Path(job) / "status.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def start_job(db_url: str, job: Path) -> subprocess.Popen:
    """Start a retraining in its own process (so a crash never takes the app down)."""
    write_status(job, state="starting", progress=0.0, message="Starter …")
    return subprocess.Popen([sys.executable, "-m", "nlp.labelling.retrain", "--db", db_url, "--job", str(job)],
                            stdout=subprocess.DEVNULL, stderr=open(job / "log.txt", "w"),
                            start_new_session=True, env={**os.environ})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Retrain the classifiers from the settled labels.")
    parser.add_argument("--db", required=True)
    parser.add_argument("--job", required=True, type=Path)
    args = parser.parse_args(argv)
    from nlp.store import Store

    try:
        report = retrain(Store(args.db), lambda share, message: write_status(
            args.job, state="running", progress=share, message=message))
        write_status(args.job, state="done", progress=1.0, message="Færdig", report=report)
        return 0
    except Exception as error:  # the status file tells the page; the current models stay
        write_status(args.job, state="failed", progress=1.0, message=f"Fejl: {error}",
                     trace=traceback.format_exc()[-2000:])
        return 1


if __name__ == "__main__":
    sys.exit(main())
