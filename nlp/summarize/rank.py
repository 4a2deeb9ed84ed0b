"""Sentence centrality (LexRank over TF-IDF lemma vectors) and the choice of a non-redundant
few sentences in their original order."""

from __future__ import annotations

import math

import numpy as np

from nlp.summarize.sentences import Candidate

DAMPING = 0.85
SIMILARITY_FLOOR = 0.05
REDUNDANCY = 0.6  # a sentence this similar to one already chosen is skipped
MAX_WORDS = 60  # a summary is read in well under a minute


def tfidf_vectors(rows: list[list[str]], idf: dict[str, float], default_idf: float) -> np.ndarray:
    """Unit-length TF-IDF vectors of lemma lists over their shared vocabulary."""
    vocabulary = {lemma: k for k, lemma in enumerate(sorted({l for row in rows for l in row}))}
    matrix = np.zeros((len(rows), max(1, len(vocabulary))))
    for r, row in enumerate(rows):
        for lemma in row:
            matrix[r, vocabulary[lemma]] += idf.get(lemma, default_idf)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1, norms)


def centrality(similarity: np.ndarray, prior: np.ndarray, iterations: int = 50) -> np.ndarray:
    """Personalised PageRank over the sentence similarity graph (LexRank)."""
    graph = np.where(similarity >= SIMILARITY_FLOOR, similarity, 0.0)
    np.fill_diagonal(graph, 0.0)
    sums = graph.sum(axis=1, keepdims=True)
    transition = np.divide(graph, sums, out=np.tile(prior, (len(prior), 1)), where=sums > 0)
    scores = prior.copy()
    for _ in range(iterations):
        updated = (1 - DAMPING) * prior + DAMPING * scores @ transition
        if np.abs(updated - scores).sum() < 1e-8:
            return updated
        scores = updated
    return scores


def select(candidates: list[Candidate], count: int, idf: dict[str, float], default_idf: float,
           query: list[str] | None, scorer, max_words: int | None = MAX_WORDS) -> list[Candidate]:
    """Up to `count` best-scoring sentences within `max_words` words, no two near-duplicates,
    in document order (the best sentence is always kept, however long).

    `query` (lemmas of the title and the recommendation) says what the item is about."""
    from nlp.summarize.scorer import features

    if len(candidates) <= count:
        return list(candidates)
    matrix, similarity = features(candidates, query, idf, default_idf)
    scores = scorer.score(matrix)
    chosen: list[int] = []
    words = 0
    for k in np.argsort(-scores, kind="stable"):
        if len(chosen) == count:
            break
        if chosen and max(similarity[k, j] for j in chosen) >= REDUNDANCY:
            continue
        length = len(candidates[k].text.split())
        if chosen and max_words and words + length > max_words:
            continue
        chosen.append(int(k))
        words += length
    return [candidates[k] for k in sorted(chosen)]


def idf_from_counts(document_frequency: dict[str, int], documents: int) -> dict[str, float]:
    return {lemma: round(math.log((1 + documents) / (1 + df)) + 1.0, 3) for lemma, df in document_frequency.items()}
