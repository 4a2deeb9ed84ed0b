"""Train the NER with spaCy's own training and assemble the project's pipeline.

    referat train entities
      1. training_data/entities/*.jsonl → DocBins (train, dev; the held-out test never)
      2. `spacy train nlp/pipeline/ner.cfg` → the best NER checkpoint
      3. nlp/pipeline/pipeline.cfg with that NER sourced → models/referat_da
"""

from __future__ import annotations

import logging
import re
import shutil
import tempfile
from pathlib import Path

import spacy
from spacy.tokens import DocBin
from spacy.util import filter_spans, load_config

from nlp.datasets.entities import AnnotatedText, load_annotations, split_annotations

log = logging.getLogger(__name__)
PIPELINE_DIR = Path(__file__).resolve().parent
# Long documents are cut at blank lines into chunks of about this size for training.
CHUNK_CHARS = 4000
_BLANK_LINES = re.compile(r"\n\s*\n")


def chunks(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """(start, end) pieces of `text`, cut at blank lines, each about `size` characters."""
    pieces, start = [], 0
    while len(text) - start > size:
        cut = None
        for match in _BLANK_LINES.finditer(text, start + size // 2, start + size * 2):
            cut = match.end()
            if cut - start >= size:
                break
        if cut is None or cut <= start:
            cut = min(len(text), start + size * 2)
        pieces.append((start, cut))
        start = cut
    pieces.append((start, len(text)))
    return pieces


def make_docs(records: list[AnnotatedText], nlp=None) -> tuple[list, dict]:
    """spaCy Docs with gold entities; spans that do not fit token boundaries are expanded
    to whole tokens, and overlaps that creates are resolved (counted in the report)."""
    nlp = nlp or spacy.blank("da")
    docs, report = [], {"spans": 0, "expanded": 0, "dropped": 0}
    for record in records:
        for start, end in chunks(record.text):
            doc = nlp.make_doc(record.text[start:end])
            spans = []
            for s, e, label in record.spans:
                if s < start or e > end:
                    continue
                report["spans"] += 1
                span = doc.char_span(s - start, e - start, label=label)
                if span is None:
                    span = doc.char_span(s - start, e - start, label=label, alignment_mode="expand")
                    report["expanded"] += 1
                if span is not None:
                    spans.append(span)
            kept = filter_spans(spans)
            report["dropped"] += len(spans) - len(kept)
            doc.ents = kept
            docs.append(doc)
    return docs, report


def write_corpora(folder: Path, include_dev: bool = True) -> dict:
    """Write train.spacy, dev.spacy and test.spacy; return their sizes.

    With `include_dev` the final model also learns from the dev municipalities (the dev
    set then only logs progress); the test municipalities are never written to train.
    """
    parts = split_annotations(load_annotations())
    if include_dev:
        parts["train"] = parts["train"] + parts["dev"]
    sizes = {}
    for name, records in parts.items():
        docs, report = make_docs(records)
        DocBin(docs=docs).to_disk(folder / f"{name}.spacy")
        sizes[name] = {"records": len(records), "docs": len(docs), **report,
                       "municipalities": sorted({r.municipality for r in records})}
    return sizes


def train_ner(output: Path, workdir: Path | None = None, max_steps: int | None = None,
              include_dev: bool = True) -> dict:
    """Run `spacy train` on the annotations; the model lands in output/model-last."""
    from spacy.cli.train import train as spacy_train

    workdir = workdir or Path(tempfile.mkdtemp(prefix="referat-ner-"))
    sizes = write_corpora(workdir, include_dev=include_dev)
    overrides = {"paths.train": str(workdir / "train.spacy"), "paths.dev": str(workdir / "dev.spacy")}
    if max_steps:
        overrides["training.max_steps"] = max_steps
    spacy_train(PIPELINE_DIR / "ner.cfg", output, overrides=overrides)
    return sizes


def assemble(ner_model: Path, output: Path) -> Path:
    """Build the full pipeline of pipeline.cfg around a trained NER and save it."""
    from nlp.pipeline import components  # noqa: F401  (registers the factories)

    config = load_config(PIPELINE_DIR / "pipeline.cfg", overrides={"paths.ner_model": str(ner_model)})
    nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
    staging = output.with_name(output.name + ".new")
    if staging.exists():
        shutil.rmtree(staging)
    nlp.to_disk(staging)
    if output.exists():
        shutil.rmtree(output)
    staging.rename(output)
    return output
