"""Summaries against the staff's own Resume: ROUGE-1/2/L with a Danish-aware tokenizer.

Many items carry a Resume written by the administration above the Sagsfremstilling. We
summarise the Sagsfremstilling alone and compare with the Resume; in the same run the
first three sentences (lead-3) and three random sentences are scored the same way.
"""

from __future__ import annotations

import random
import re
from collections import Counter
import numpy as np

from nlp.lemmas import lemma

_WORD = re.compile(r"[a-zæøåéü0-9]+(?:[-'][a-zæøåéü0-9]+)*", re.IGNORECASE)
RANDOM_RUNS = 10


def tokens(text: str, lemmatize: bool = True) -> list[str]:
    """Lower-cased Danish words (æ, ø, å kept), lemmatised by the lookup table."""
    words = [w.lower() for w in _WORD.findall(text)]
    return [lemma(w) for w in words] if lemmatize else words


def _ngrams(words: list[str], n: int) -> Counter:
    return Counter(tuple(words[i:i + n]) for i in range(len(words) - n + 1))


def rouge_n(candidate: list[str], reference: list[str], n: int) -> float:
    """ROUGE-N F1: clipped n-gram overlap."""
    c, r = _ngrams(candidate, n), _ngrams(reference, n)
    overlap = sum((c & r).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(c.values()), overlap / sum(r.values())
    return 2 * precision * recall / (precision + recall)


def rouge_l(candidate: list[str], reference: list[str]) -> float:
    """ROUGE-L F1: longest common subsequence."""
    if not candidate or not reference:
        return 0.0
    previous = [0] * (len(reference) + 1)
    for word in candidate:
        current = [0]
        for j, ref in enumerate(reference, 1):
            current.append(previous[j - 1] + 1 if word == ref else max(previous[j], current[-1]))
        previous = current
    lcs = previous[-1]
    if not lcs:
        return 0.0
    precision, recall = lcs / len(candidate), lcs / len(reference)
    return 2 * precision * recall / (precision + recall)


def scores(candidate: str, reference: str, lemmatize: bool = True) -> dict[str, float]:
    c, r = tokens(candidate, lemmatize), tokens(reference, lemmatize)
    return {"rouge1": rouge_n(c, r, 1), "rouge2": rouge_n(c, r, 2), "rougeL": rouge_l(c, r)}


def _summary(case, summarizer) -> str:
    from nlp.summarize.rank import select

    chosen = select(case.candidates, summarizer.sentences, summarizer.idf, summarizer.default_idf,
                    case.query, summarizer.scorer)
    return " ".join(c.text for c in chosen)


def _system_scores(cases, summaries: list[str], lemmatize: bool) -> dict:
    rng = random.Random(0)
    systems: dict[str, list[dict]] = {"ours": [], "lead-3": [], "random-3": []}
    for case, summary in zip(cases, summaries):
        systems["ours"].append(scores(summary, case.reference, lemmatize))
        systems["lead-3"].append(scores(" ".join(case.sentences[:3]), case.reference, lemmatize))
        runs = [scores(" ".join(rng.sample(case.sentences, 3)), case.reference, lemmatize) for _ in range(RANDOM_RUNS)]
        systems["random-3"].append({k: float(np.mean([r[k] for r in runs])) for k in runs[0]})
    report = {"cases": len(cases), "systems": {
        name: {k: round(float(np.mean([r[k] for r in rows])), 4) for k in ("rouge1", "rouge2", "rougeL")}
        for name, rows in systems.items()}}
    ours = np.array([r["rouge2"] for r in systems["ours"]])
    lead = np.array([r["rouge2"] for r in systems["lead-3"]])
    report["rouge2_wins_ties_losses_vs_lead3"] = [int((ours > lead).sum()), int((ours == lead).sum()),
                                                  int((ours < lead).sum())]
    report["rouge2_minus_lead3_ci95"] = _bootstrap(ours - lead)
    return report


def evaluate_summaries(lemmatize: bool = True) -> dict:
    """ROUGE of our summaries, lead-3 and random-3, in two ways:

    - held out: the shipped summariser on the items of the held-out municipalities;
    - cross-validated: every item of every municipality, each summarised by sentence weights
      learned without its own municipality (leave one municipality out).
    """
    from nlp import corpus
    from nlp.summarize import Summarizer, load_summarizer
    from nlp.summarize.training import fit_scorer, summary_cases

    cases = summary_cases()
    shipped = load_summarizer()
    held_out = [c for c in cases if corpus.is_test(c.municipality)]
    report = {"lemmatized_tokens": lemmatize,
              "held_out": _system_scores(held_out, [_summary(c, shipped) for c in held_out], lemmatize)}
    cross = []
    for case in cases:
        others = [c for c in cases if c.municipality != case.municipality]
        summarizer = Summarizer(shipped.idf, shipped.sentences, fit_scorer(others, shipped.idf))
        cross.append(_summary(case, summarizer))
    report["cross_validated"] = _system_scores(cases, cross, lemmatize)
    report["municipalities"] = len({c.municipality for c in cases})
    return report


def _bootstrap(differences: np.ndarray, runs: int = 2000) -> list[float]:
    rng = np.random.default_rng(0)
    if not len(differences):
        return [0.0, 0.0]
    means = [rng.choice(differences, len(differences)).mean() for _ in range(runs)]
    return [round(float(np.percentile(means, 2.5)), 4), round(float(np.percentile(means, 97.5)), 4)]
