"""Model cards: Markdown for people (models/*.md) and JSON for programs (models/metrics/)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from nlp.paths import models_dir


def _folder_size(path: Path) -> float:
    files = [p for p in path.rglob("*") if p.is_file()] if path.is_dir() else [path]
    return sum(p.stat().st_size for p in files) / 1e6


def write_metrics(name: str, data: dict) -> Path:
    folder = models_dir() / "metrics"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def read_metrics(name: str) -> dict | None:
    path = models_dir() / "metrics" / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def write_entity_card(results) -> Path:
    """models/referat_da.md and models/metrics/entities.json from an entity evaluation."""
    from nlp.evaluate.entities import scores_table

    training = read_metrics("entities_training") or {}
    corpora = training.get("corpora", {})
    data = {"date": date.today().isoformat(), "results": [r.to_dict() for r in results],
            "corpora": corpora}
    write_metrics("entities", data)
    pipeline_dir = models_dir() / "referat_da"
    full, rules = results[0], results[1]
    confusions = sorted(full.confusions.items(), key=lambda kv: -kv[1])[:10]
    lines = [
        "# Model card: referat_da (the spaCy pipeline)", "",
        f"Evaluated {data['date']}. Size on disk: {_folder_size(pipeline_dir):.1f} MB.", "",
        "## What it is",
        "`spacy.blank(\"da\")` with the project's components (`nlp/pipeline/pipeline.cfg`): minutes-aware "
        "sentence boundaries, lookup lemmas (spacy-lookups-data, lower-case fallback), preset entity rules "
        "(amounts, percentages, calendar dates), a statistical NER trained with `spacy train` "
        "(`nlp/pipeline/ner.cfg`), fallback patterns and lexicons (`nlp/pipeline/patterns.toml`, "
        "`nlp/pipeline/lexicons/`), and normalisers that set `Span._.value` (DKK, ISO dates, "
        "percentages with `%` or `pp`).", "",
        "Rebuild: `referat train entities` (reads `training_data/entities/*.jsonl` and the texts in "
        "`../shared/corpus` and `samples/seeds`). Evaluate: `referat evaluate entities --write`.", "",
        "## Data",
        "Entities annotated by the project's guide (`docs/labelling-guide.md`, section 4) in 210 corpus "
        "pages and the five seeds. Split by municipality: the test municipalities "
        "(`training_data/split.json`) are never trained on. A few training municipalities (dev) were "
        "held aside to choose the training length (`nlp/pipeline/ner.cfg`); the final model learns from "
        "them too, so the train row includes the dev records.", "",
        "| split | records | spans | municipalities |", "|---|---|---|---|",
    ]
    for name in ("train", "dev", "test"):
        part = corpora.get(name, {})
        lines.append(f"| {name} | {part.get('records', '?')} | {part.get('spans', '?')} | "
                     f"{len(part.get('municipalities', []))} |")
    lines += [
        "", "## Held-out scores (unseen municipalities)",
        "Exact span and label; values checked against values written down by a person "
        "(`training_data/entities/values/`).", "",
        scores_table(results), "",
        "Speed in the same run (one process, all components): "
        f"full pipeline {full.to_dict()['words_per_second']} words/s, rules alone "
        f"{rules.to_dict()['words_per_second']} words/s. `benchmarks/entities.py` measures "
        "one core against the bare tokenizer.", "",
        "Most frequent label confusions of the full pipeline (gold → predicted, same span):", "",
    ]
    lines += [f"- {g} → {p}: {n}" for (g, p), n in confusions] or ["- none"]
    lines += ["", "## Limits",
              "- Names the lexicons and the NER have not seen in a similar context are missed, "
              "most of all programmes and laws, the rarest labels in the data.",
              "- A date without a year takes the meeting's year; a date that refers to the year "
              "before or after the meeting gets the wrong year.",
              "- Trained on employment-committee minutes mostly; other fields are thinner."]
    path = models_dir() / "referat_da.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
