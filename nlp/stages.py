"""The NLP stages that run over split items: each loads its models once and fills fields.

The spaCy pipeline runs once per batch over every item's text; the entity, classifier and
summary steps all read the same `Doc`s, so nothing is tokenised twice.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from spacy.tokens import Doc

from nlp.contract import AgendaItem, Entity, Meeting

Step = Callable[[list[AgendaItem], list[Meeting], list[Doc]], None]
# Items longer than this are cut before the spaCy pipeline (a whole report pasted as one item).
MAX_ITEM_CHARS = 200_000


class DocMaker:
    """Run the project's spaCy pipeline over items, in batches (`nlp.pipe`)."""

    def __init__(self, models_dir: Path | None, entities: bool):
        from nlp.pipeline import load_pipeline, pipeline_path

        path = str(models_dir / "referat_da") if models_dir else str(pipeline_path())
        self.nlp = load_pipeline(path)
        # without the entity stage, skip the components that only find entities
        entity_pipes = {"entity_rules", "entity_names", "tok2vec", "ner", "entity_lexicon",
                        "referat_entity_cleanup", "referat_normalizer"}
        self.disable = [] if entities else [p for p in self.nlp.pipe_names if p in entity_pipes]

    def __call__(self, items: list[AgendaItem], meetings: list[Meeting], batch_size: int = 32) -> list[Doc]:
        from nlp.pipeline import make_doc

        docs = [make_doc(self.nlp, item.text[:MAX_ITEM_CHARS], meeting.date) for item, meeting in zip(items, meetings)]
        return list(self.nlp.pipe(docs, batch_size=batch_size, disable=self.disable))


def entity_step(items: list[AgendaItem], meetings: list[Meeting], docs: list[Doc]) -> None:
    """Fill `item.entities` from the docs (offsets into the item's text)."""
    for item, doc in zip(items, docs):
        item.entities = [
            Entity(ent.label_, ent.text, ent.start_char, ent.end_char, ent._.value, ent._.unit)
            for ent in doc.ents
        ]


def classify_step(models_dir: Path | None) -> Step:
    from nlp.classify import load_classifiers

    classifiers = load_classifiers(str(models_dir / "classifiers") if models_dir else None)

    def step(items: list[AgendaItem], meetings: list[Meeting], docs: list[Doc]) -> None:
        classifiers.classify(items)

    return step


def summarize_step(models_dir: Path | None, sentences: int) -> Step:
    from nlp.summarize import load_summarizer
    from nlp.summarize.facts import key_facts

    summarizer = load_summarizer(str(models_dir / "summarizer") if models_dir else None, sentences)

    def step(items: list[AgendaItem], meetings: list[Meeting], docs: list[Doc]) -> None:
        for item, doc in zip(items, docs):
            item.summary = summarizer.summarize(item, doc)
            item.facts = key_facts(item)

    return step


def load_stages(stages: tuple[str, ...], models_dir: Path | None,
                summary_sentences: int) -> tuple[DocMaker | None, list[Step]]:
    """The doc maker (when a stage needs spaCy) and the steps for `stages`, in order."""
    steps: list[Step] = []
    if "entities" in stages:
        steps.append(entity_step)
    if "classify" in stages:
        steps.append(classify_step(models_dir))
    if "summarize" in stages:
        steps.append(summarize_step(models_dir, summary_sentences))
    needs_docs = bool({"entities", "summarize"} & set(stages))
    maker = DocMaker(models_dir, entities="entities" in stages) if needs_docs else None
    return maker, steps
