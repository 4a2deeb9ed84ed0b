"""Lemmas from the Danish lookup table of spacy-lookups-data, with a lower-case fallback.

The table lists most inflected forms in lower case; a capitalised word at the start of a
sentence or in a heading ("Kommunerne") is looked up in lower case too, and a word the
table does not know is its own lower-cased lemma.
"""

from __future__ import annotations

from pathlib import Path

import srsly
import numpy as np
from spacy.attrs import LEMMA, LOWER, ORTH
from spacy.language import Language
from spacy.tokens import Doc

from nlp.lemmas import lemma_table


@Language.factory("referat_lemmatizer", default_config={"table": "lemma_lookup"})
def make_lemmatizer(nlp: Language, name: str, table: str):
    return LookupLemmatizer(name, nlp.lang, table)


class LookupLemmatizer:
    """Set `Token.lemma_` from a lookup table."""

    def __init__(self, name: str, lang: str = "da", table: str = "lemma_lookup"):
        self.name, self.lang, self.table_name = name, lang, table
        self._table = None
        self._memo: dict[int, int] = {}

    @property
    def table(self):
        if self._table is None:  # loaded on first use: 550,000 forms take a second or two
            self._table = lemma_table(self.lang, self.table_name)
        return self._table

    def __call__(self, doc: Doc) -> Doc:
        # Work on hashes: the table is keyed by the same string hashes as the vocabulary,
        # and each word form's lemma is worked out once per process.
        if not len(doc):
            return doc
        forms = doc.to_array([ORTH, LOWER])
        memo, table, strings = self._memo, self.table, doc.vocab.strings
        lemmas = np.empty(len(doc), dtype="uint64")
        for i, (orth, lower) in enumerate(forms.tolist()):
            lemma = memo.get(orth)
            if lemma is None:
                found = table.get(orth)
                if found is None:
                    found = table.get(lower)
                lemma = strings.add(found) if found is not None else lower
                memo[orth] = lemma
            lemmas[i] = lemma
        doc.from_array([LEMMA], lemmas)
        return doc

    def to_disk(self, path, exclude=()):
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "cfg.json", {"lang": self.lang, "table": self.table_name})

    def from_disk(self, path, exclude=()):
        cfg = srsly.read_json(Path(path) / "cfg.json")
        self.lang, self.table_name, self._table, self._memo = cfg["lang"], cfg["table"], None, {}
        return self
