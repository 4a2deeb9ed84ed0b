"""How long summaries take: every item of the largest seed, after the pipeline is loaded,
from the raw item texts (tokenising, sentences and lemmas included).

    python benchmarks/summaries.py
"""

from __future__ import annotations

import time


def measure() -> dict:
    from nlp import corpus
    from nlp.analyze import Analyzer
    from nlp.stages import DocMaker
    from nlp.summarize import load_summarizer
    from nlp.summarize.facts import key_facts

    seed = max(corpus.seeds(), key=lambda s: len(s.text))
    analysis = Analyzer(stages=()).split_text(seed.text, seed.stem)
    maker = DocMaker(None, entities=False)  # a summary needs sentences and lemmas only
    meetings = [analysis.meeting] * len(analysis.items)
    summarizer = load_summarizer()
    summarizer.summarize(analysis.items[0], maker(analysis.items[:1], meetings[:1])[0])  # warm-up
    started = time.perf_counter()
    docs = maker(analysis.items, meetings)
    for item, doc in zip(analysis.items, docs):
        item.summary = summarizer.summarize(item, doc)
        item.facts = key_facts(item)
    seconds = time.perf_counter() - started
    return {"seed": seed.stem, "items": len(analysis.items), "characters": len(seed.text), "seconds": round(seconds, 4)}


if __name__ == "__main__":
    result = measure()
    print(f"{result['items']} items of {result['seed']} ({result['characters']:,} characters) "
          f"summarised in {result['seconds']:.3f} s after loading")
