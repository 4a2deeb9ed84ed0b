"""Sentence scores: centrality and the priors of minutes, weighted by a small linear model.

Each candidate sentence is described by a handful of features (its position, its length,
its LexRank centrality, its similarity to the item's title and recommendation, figures,
cue phrases). Their weights are learned from items whose staff-written Resume shows what a
good summary keeps (`referat train summarizer`) and stored as plain JSON.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from nlp.summarize.rank import centrality, tfidf_vectors
from nlp.summarize.sentences import Candidate

# Opening phrases of sentences that say what a case is about.
_ABOUT = re.compile(
    r"^(?:der\s+orienteres|med\s+denne\s+sag|sagen\s+(?:handler|omhandler|vedrører)|formålet|"
    r"i\s+denne\s+sag|punktet\s+(?:handler|omhandler)|udvalget\s+(?:orienteres|skal)|"
    r"administrationen\s+(?:har|fremlægger|foreslår))",
    re.IGNORECASE,
)
_CUES = re.compile(
    r"\b(?:foreslås|foreslår|anbefaler|afsat|bevilling|besluttede|vedtaget|resultat|viser|udgør|"
    r"stiger|falder|merforbrug|mindreforbrug|forventes|betyder|udfordring|status)\w*",
    re.IGNORECASE,
)
FEATURES = ("bias", "first", "position", "early", "length", "centrality", "query", "figure", "cue", "about",
            "informative")


def features(candidates: list[Candidate], query: list[str] | None, idf: dict[str, float],
             default_idf: float) -> tuple[np.ndarray, np.ndarray]:
    """(feature matrix, sentence similarity matrix) for the candidates of one item."""
    rows = [c.lemmas for c in candidates] + ([query] if query else [])
    vectors = tfidf_vectors(rows, idf, default_idf)
    query_vector = vectors[-1] if query else None
    vectors = vectors[: len(candidates)]
    similarity = vectors @ vectors.T
    n = len(candidates)
    prior = np.full(n, 1.0 / n)
    central = centrality(similarity, prior) * n
    out = np.zeros((n, len(FEATURES)))
    for k, candidate in enumerate(candidates):
        words = len(candidate.text.split())
        out[k] = [
            1.0, float(k == 0), k / max(1, n - 1), 1.0 / (1.0 + k), min(words, 60) / 30.0, central[k],
            float(vectors[k] @ query_vector) if query_vector is not None else 0.0,
            float(candidate.has_figure), float(bool(_CUES.search(candidate.text))),
            float(bool(_ABOUT.search(candidate.text))),
            float(np.mean([idf.get(l, default_idf) for l in candidate.lemmas])) / default_idf if candidate.lemmas else 0.0,
        ]
    return out, similarity


@dataclass
class SentenceScorer:
    """A linear score over `FEATURES` (weights learned by `referat train summarizer`)."""

    weights: np.ndarray

    @classmethod
    def default(cls) -> "SentenceScorer":
        # Before training: earlier, central sentences about the item's subject.
        values = {"first": 1.0, "early": 1.0, "centrality": 0.5, "query": 1.5, "figure": 0.2, "about": 0.5}
        return cls(np.array([values.get(name, 0.0) for name in FEATURES]))

    @classmethod
    def from_dict(cls, data: dict) -> "SentenceScorer":
        return cls(np.array([float(data["weights"].get(name, 0.0)) for name in FEATURES]))

    def to_dict(self) -> dict:
        return {"features": list(FEATURES), "weights": dict(zip(FEATURES, map(float, self.weights)))}

    def score(self, matrix: np.ndarray) -> np.ndarray:
        return matrix @ self.weights
