"""The Danish lemma lookup table (spacy-lookups-data), loaded once per process and shared
by the spaCy lemmatizer and the classifiers' TF-IDF analyser.

spacy-lookups-data ships the table as JSON, which takes seconds to read and hash. The first
load writes a compact NumPy copy to the user's cache folder (no pickles), which later
processes read in a fraction of a second.
"""

from __future__ import annotations

import os
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import numpy as np
from spacy.strings import hash_string


class LemmaTable:
    """Word form → lemma, keyed like spaCy's lookups by the form or its string hash."""

    def __init__(self, mapping: dict[int, str]):
        self._mapping = mapping

    def get(self, key: str | int, default=None):
        if isinstance(key, str):
            key = hash_string(key)
        return self._mapping.get(key, default)

    def __len__(self) -> int:
        return len(self._mapping)


def _cache_file(lang: str, name: str) -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "referat"
    try:
        version = metadata.version("spacy-lookups-data")
    except metadata.PackageNotFoundError:
        version = "unknown"
    return base / f"{lang}_{name}_{version}.npz"


def _from_spacy(lang: str, name: str) -> dict[int, str]:
    from spacy.lookups import load_lookups

    return dict(load_lookups(lang, [name]).get_table(name).items())


def _write_cache(path: Path, mapping: dict[int, str]) -> None:
    keys = np.fromiter(mapping.keys(), dtype=np.uint64, count=len(mapping))
    lemmas = sorted(set(mapping.values()))
    index = {lemma: k for k, lemma in enumerate(lemmas)}
    values = np.fromiter((index[v] for v in mapping.values()), dtype=np.int32, count=len(mapping))
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp.npz")
    np.savez_compressed(tmp, keys=keys, values=values, lemmas=np.array(lemmas, dtype=object).astype(str))
    os.replace(tmp, path)


def _read_cache(path: Path) -> dict[int, str]:
    with np.load(path, allow_pickle=False) as data:
        lemmas = data["lemmas"].tolist()
        return dict(zip(data["keys"].tolist(), (lemmas[v] for v in data["values"].tolist())))


@lru_cache(maxsize=2)
def lemma_table(lang: str = "da", name: str = "lemma_lookup") -> LemmaTable:
    """The lemma table, from the cache when there is one."""
    path = _cache_file(lang, name)
    if path.exists():
        try:
            return LemmaTable(_read_cache(path))
        except (OSError, ValueError, KeyError):
            path.unlink(missing_ok=True)  # a broken cache is rebuilt
    mapping = _from_spacy(lang, name)
    try:
        _write_cache(path, mapping)
    except OSError:
        pass  # a read-only home folder only costs speed
    return LemmaTable(mapping)


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """The lemma of a word, looked up as written and in lower case; the word itself otherwise.
    Remembered per word form: the classifiers' TF-IDF asks for the same forms again and again."""
    table = lemma_table()
    found = table.get(word)
    if found is None:
        lower = word.lower()
        found = table.get(lower, lower)
    return found
