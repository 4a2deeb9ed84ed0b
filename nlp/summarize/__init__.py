"""Summaries and key facts: the gist of a long agenda item, in the document's own words.

`Summarizer.summarize(item, doc)` picks the best sentences of the item's case presentation
(the staff's resume when there is one) by centrality and the priors of minutes; `key_facts` lists what was decided,
what was recommended, the money, the dates and the programmes involved.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc

from nlp.contract import AgendaItem
from nlp.paths import models_dir
from nlp.models import verify_model
from nlp.summarize.rank import select
from nlp.summarize.scorer import SentenceScorer
from nlp.summarize.sentences import candidates, query_lemmas, source_section

DEFAULT_SENTENCES = 3


class Summarizer:
    """Extractive summaries with corpus IDF weights (models/summarizer/idf.json)."""

    def __init__(self, idf: dict[str, float] | None = None, sentences: int = DEFAULT_SENTENCES,
                 scorer: SentenceScorer | None = None):
        self.idf = idf or {}
        self.scorer = scorer or SentenceScorer.default()
        self.default_idf = max(self.idf.values(), default=1.0)
        self.sentences = sentences

    @classmethod
    def load(cls, folder: Path | None = None, sentences: int = DEFAULT_SENTENCES) -> "Summarizer":
        folder = Path(folder or models_dir() / "summarizer")
        if (folder / "MANIFEST.json").exists():
            verify_model(folder)
        idf_path, scorer_path = folder / "idf.json", folder / "scorer.json"
        idf = json.loads(idf_path.read_text(encoding="utf-8")) if idf_path.exists() else {}
        scorer = (SentenceScorer.from_dict(json.loads(scorer_path.read_text(encoding="utf-8")))
                  if scorer_path.exists() else None)
        return cls(idf, sentences, scorer)

    def summarize(self, item: AgendaItem, doc: Doc, sentences: int | None = None,
                  exclude: tuple[str, ...] = ()) -> list[str]:
        """The item's summary sentences (none for an item with too little text)."""
        found = source_section(item, exclude)
        if found is None:
            return []
        _, text = found
        start = item.text.find(text)
        # a section printed in several places is stitched together: find its sentences by text
        pool = candidates(doc, start, start + len(text)) if start >= 0 else candidates(doc, 0, 0, within=text)
        query = query_lemmas(item)
        chosen = select(pool, sentences or self.sentences, self.idf, self.default_idf, query, self.scorer)
        return [c.text for c in chosen]


@lru_cache(maxsize=2)
def load_summarizer(folder: str | None = None, sentences: int = DEFAULT_SENTENCES) -> Summarizer:
    return Summarizer.load(Path(folder) if folder else None, sentences)
