"""The project's spaCy pipeline for Danish minutes.

`load_pipeline()` returns the trained pipeline of models/referat_da (cached: loaded once per
process); `rules_pipeline()` the same steps with rules and lexicons only, the baseline the
trained one is measured against. Both set `Span._.value` and `Span._.unit` on entities.
"""

from __future__ import annotations

import logging
import warnings
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from nlp.paths import models_dir

log = logging.getLogger(__name__)
PIPELINE_NAME = "referat_da"


def _register() -> None:
    from nlp.pipeline import components  # noqa: F401  (registers the factories)


def pipeline_path() -> Path:
    return models_dir() / PIPELINE_NAME


@lru_cache(maxsize=4)
def load_pipeline(path: str | None = None) -> Language:
    """The trained pipeline (models/referat_da or `path`), or the rules-only one when none
    has been trained yet."""
    _register()
    target = Path(path) if path else pipeline_path()
    if not (target / "config.cfg").exists():
        warnings.warn(f"no trained pipeline at {target}; using rules only", stacklevel=2)
        return rules_pipeline()
    from nlp.models import verify_model
    from nlp.pipeline.blas import openblas_ops

    verify_model(target)
    with openblas_ops():
        return spacy.load(target)


def make_doc(nlp: Language, text: str, meeting_date: str | None = None) -> Doc:
    """A doc of `text` for `nlp.pipe`: with the meeting date (which resolves dates printed
    without a year) and its text kept for the rule components."""
    from nlp.pipeline.components.text import remember_text

    doc = nlp.make_doc(text)
    doc._.meeting_date = meeting_date
    return remember_text(doc, text)


@lru_cache(maxsize=2)
def rules_pipeline() -> Language:
    """Sentences, lemmas and entities from rules and lexicons alone (no trained model)."""
    _register()
    nlp = spacy.blank("da")
    nlp.add_pipe("referat_sentences")
    nlp.add_pipe("referat_lemmatizer")
    nlp.add_pipe("referat_entity_rules", name="entity_rules", config={"tier": "all"})
    nlp.add_pipe("referat_entity_cleanup")
    nlp.add_pipe("referat_normalizer")
    return nlp
