"""Speed of the entity pipeline on one CPU core, with the bare tokenizer as the ceiling.

    python benchmarks/entities.py [--repeat 10]

Runs over the five seeds and the corpus pages (when ../shared is there), in one process
pinned to one core, and prints words per second for: the spaCy tokenizer alone, the rules
pipeline, and the full trained pipeline; and the peak memory of the process.
"""

from __future__ import annotations

import argparse
import os
import resource
import time

import spacy


def texts() -> list[str]:
    from nlp import corpus

    found = [seed.text for seed in corpus.seeds()]
    if corpus.corpus_available():
        found += [page.text for page in corpus.pages().values()]
    return found


def words(docs) -> int:
    return sum(1 for doc in docs for token in doc if not token.is_space and not token.is_punct)


def measure(runs: dict, corpus_texts: list[str], repeat: int) -> dict[str, float]:
    """Words per second of each run, timed in interleaved rounds (this machine's speed drifts
    from minute to minute), each keeping its best round."""
    best = {name: float("inf") for name in runs}
    counts = {}
    for _ in range(repeat):
        for name, run in runs.items():
            started = time.perf_counter()
            docs = run(corpus_texts)
            best[name] = min(best[name], time.perf_counter() - started)
            counts[name] = words(docs)
    for name in runs:
        print(f"{name:<34} {counts[name]:>9,} words  {best[name]:6.2f} s  {counts[name] / best[name]:>10,.0f} words/s")
    return {name: counts[name] / best[name] for name in runs}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10, help="interleaved rounds; each run keeps its best")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    from nlp.pipeline import load_pipeline, make_doc, rules_pipeline

    corpus_texts = texts()
    print(f"{len(corpus_texts)} documents, {sum(map(len, corpus_texts)):,} characters, one core\n")
    blank = spacy.blank("da")
    full = load_pipeline()
    rules = rules_pipeline()
    full("opvarmning")  # load lazy tables outside the timing
    rules("opvarmning")
    # the docs are made as `analyze` makes them (make_doc keeps each text for the rule components)
    speeds = measure({
        "tokenizer alone": lambda t: list(blank.tokenizer.pipe(t)),
        "rules pipeline": lambda t: list(rules.pipe((make_doc(rules, x) for x in t), batch_size=64)),
        "full entity pipeline": lambda t: list(full.pipe((make_doc(full, x) for x in t), batch_size=64)),
    }, corpus_texts, args.repeat)
    ceiling, rules_speed, full_speed = speeds["tokenizer alone"], speeds["rules pipeline"], speeds["full entity pipeline"]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nfull pipeline: {full_speed / ceiling:.1%} of tokenizer speed; "
          f"rules: {rules_speed / ceiling:.1%}; peak memory {peak:.0f} MB")


if __name__ == "__main__":
    main()
