"""Where the project's files live: models, training data, samples and the shared corpus.

Each can be moved with an environment variable; by default they are the folders of the
repository (an editable install) or of the current directory.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def _root() -> Path:
    for candidate in (PACKAGE_DIR.parent, Path.cwd()):
        if (candidate / "models").is_dir() and (candidate / "training_data").is_dir():
            return candidate
    return PACKAGE_DIR.parent


def repo_root() -> Path:
    return Path(os.environ.get("REFERAT_HOME", _root()))


def models_dir() -> Path:
    return Path(os.environ.get("REFERAT_MODELS", repo_root() / "models"))


def training_data_dir() -> Path:
    return Path(os.environ.get("REFERAT_TRAINING_DATA", repo_root() / "training_data"))


def samples_dir() -> Path:
    return Path(os.environ.get("REFERAT_SAMPLES", repo_root() / "samples"))


def shared_dir() -> Path:
    """The shared data folder (seeds, corpus, labelling guide) beside the repository."""
    return Path(os.environ.get("REFERAT_SHARED", repo_root().parent / "shared"))


def corpus_dir() -> Path:
    return shared_dir() / "corpus"


def default_database_url() -> str:
    path = Path(os.environ.get("REFERAT_DB", repo_root() / "referat.db"))
    return os.environ.get("REFERAT_DATABASE_URL", f"sqlite:///{path}")
