"""Lexicons as data files: one entry per line, `#` starts a comment."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def read_lexicon(name: str) -> tuple[str, ...]:
    """The entries of a lexicon file in this folder, in file order, without comments."""
    text = resources.files("nlp.pipeline.lexicons").joinpath(name).read_text("utf-8")
    entries = []
    for line in text.splitlines():
        line = line.split(" #", 1)[0].strip() if not line.startswith("#") else ""
        if line:
            entries.append(line)
    return tuple(entries)
