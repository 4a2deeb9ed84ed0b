"""Train the summariser from items that carry a staff-written Resume.

    referat train summarizer   →   models/summarizer/{idf.json, scorer.json}

- IDF weights: how rare each lemma is in minutes (pages and seeds of the training
  municipalities).
- Sentence weights: for each Sagsfremstilling, a greedy oracle picks the three sentences
  that best match the item's Resume (ROUGE-2); a logistic regression over the sentence
  features learns what such sentences look like. Only training municipalities are used.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

from nlp import corpus
from nlp.contract import AgendaItem
from nlp.models import install_model, write_manifest
from nlp.paths import models_dir
from nlp.summarize.rank import idf_from_counts
from nlp.summarize.scorer import SentenceScorer, features
from nlp.summarize.sentences import Candidate, candidates, query_lemmas

MIN_SENTENCES = 5  # a Sagsfremstilling shorter than this is its own summary


@dataclass
class SummaryCase:
    """An item with a Resume (the reference) and the sentences of its Sagsfremstilling."""

    source: str
    municipality: str
    item: AgendaItem
    reference: str
    sentences: list[str]  # every sentence, in order (for lead-3 and random-3)
    candidates: list[Candidate]  # the content sentences a summary may use
    query: list[str]

    @cached_property
    def oracle(self) -> np.ndarray:
        return oracle_sentences(self)


def summary_cases() -> list[SummaryCase]:
    """Items of the seeds and the corpus pages with a Resume and a Sagsfremstilling of at
    least MIN_SENTENCES sentences."""
    from nlp.analyze import Analyzer
    from nlp.stages import DocMaker

    analyzer = Analyzer(stages=())
    texts = [(s.stem, s.text, s.municipality) for s in corpus.seeds()]
    if corpus.corpus_available():
        texts += [(p.id, p.text, p.municipality) for p in corpus.pages().values()]
    found = []
    for source, text, town in texts:
        analysis = analyzer.split_text(text, source)
        for k, item in enumerate(analysis.items):
            if len(item.sections.get("resume", "")) >= 80 and item.sections.get("sagsfremstilling"):
                found.append((f"{source}:{k}", town, item, analysis.meeting))
    docs = DocMaker(None, entities=True)([f[2] for f in found], [f[3] for f in found])
    cases = []
    for (source, town, item, _), doc in zip(found, docs):
        text = item.sections["sagsfremstilling"]
        start = item.text.find(text)
        sentences = [" ".join(s.text.split()) for s in doc.sents
                     if s.start_char >= start and s.end_char <= start + len(text) and s.text.strip()]
        if len(sentences) < MIN_SENTENCES:
            continue
        cases.append(SummaryCase(source, town, item, item.sections["resume"], sentences,
                                 candidates(doc, start, start + len(text)), query_lemmas(item)))
    return cases


def oracle_sentences(case: SummaryCase, count: int = 3) -> np.ndarray:
    """1 for the sentences a greedy oracle picks to match the Resume best (ROUGE-2), else 0."""
    from nlp.evaluate.summaries import scores

    chosen: list[int] = []
    for _ in range(min(count, len(case.candidates))):
        def gain(k: int) -> float:
            text = " ".join(case.candidates[j].text for j in sorted(chosen + [k]))
            return scores(text, case.reference)["rouge2"]

        chosen.append(max((k for k in range(len(case.candidates)) if k not in chosen), key=gain))
    targets = np.zeros(len(case.candidates))
    targets[chosen] = 1.0
    return targets


def fit_scorer(cases: list[SummaryCase], idf: dict[str, float], C: float = 1.0) -> SentenceScorer:
    """A logistic regression of "the oracle picks this sentence" on the sentence features."""
    from sklearn.linear_model import LogisticRegression

    default_idf = max(idf.values(), default=1.0)
    rows, targets = [], []
    for case in cases:
        if len(case.candidates) < 2:
            continue
        matrix, _ = features(case.candidates, case.query, idf, default_idf)
        rows.append(matrix)
        targets.append(case.oracle)
    model = LogisticRegression(C=C, fit_intercept=False, max_iter=2000).fit(np.vstack(rows), np.concatenate(targets))
    return SentenceScorer(model.coef_[0])


def idf_weights(texts: list[str]) -> dict[str, float]:
    from nlp.pipeline import load_pipeline

    nlp = load_pipeline()
    frequency: Counter[str] = Counter()
    disable = [p for p in nlp.pipe_names if p not in {"referat_sentences", "referat_lemmatizer"}]
    for doc in nlp.pipe(texts, batch_size=32, disable=disable):
        frequency.update({t.lemma_.lower() for t in doc if t.is_alpha and len(t) > 1})
    return idf_from_counts(dict(frequency), len(texts))


def training_texts() -> list[str]:
    texts = [seed.text for seed in corpus.seeds() if not corpus.is_test(seed.municipality)]
    if corpus.corpus_available():
        texts += [p.text for p in corpus.pages().values() if not corpus.is_test(p.municipality)]
    return texts


def train_summarizer(folder: Path | None = None) -> dict:
    """Fit IDF and sentence weights on the training municipalities and install them."""
    texts = training_texts()
    idf = idf_weights(texts)
    cases = [c for c in summary_cases() if not corpus.is_test(c.municipality)]
    scorer = fit_scorer(cases, idf)
    folder = Path(folder or models_dir() / "summarizer")
    staging = folder.with_name(folder.name + ".new")
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    (staging / "idf.json").write_text(json.dumps(idf, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    (staging / "scorer.json").write_text(json.dumps(scorer.to_dict(), indent=1), encoding="utf-8")
    write_manifest(staging)
    install_model(staging, folder)
    return {"documents": len(texts), "lemmas": len(idf), "cases": len(cases), "weights": scorer.to_dict()["weights"]}
