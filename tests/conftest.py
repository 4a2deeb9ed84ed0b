"""Shared fixtures: the seed documents, the shared corpus, a temporary database."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp import corpus
from nlp.corpus import SEED_MUNICIPALITIES, seeds

ROOT = Path(__file__).resolve().parents[1]
SEED_DIR = ROOT / "samples" / "seeds"

needs_corpus = pytest.mark.skipif(
    not corpus.corpus_available(),
    reason="../shared/corpus is not beside the repository (CI always has it)",
)


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    """Seed stem -> text."""
    return {seed.stem: seed.text for seed in seeds()}


@pytest.fixture(scope="session")
def seed_paths() -> dict[str, Path]:
    return {stem: SEED_DIR / f"{stem}.txt" for stem in SEED_MUNICIPALITIES}


@pytest.fixture
def store(tmp_path):
    from nlp.store import Store

    db = Store(f"sqlite:///{tmp_path / 'test.db'}")
    yield db
    db.dispose()
