"""Tidy entity spans: no whitespace or punctuation at the edges, no titles before names,
no section headings or generic nouns as entities (lexicons/not_entities.txt), no law
without a sign of one (lexicons/law_signs.txt)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from nlp.pipeline.lexicons import read_lexicon

_EDGE_PUNCT = set(",;:()[]{}\"'”“«»•·–—-/")


@Language.factory("referat_entity_cleanup")
def make_cleanup(nlp: Language, name: str):
    return EntityCleanup(name)


class EntityCleanup:
    def __init__(self, name: str = "referat_entity_cleanup"):
        self.name = name
        self.titles = {t.lower() for t in read_lexicon("person_titles.txt")}
        self.never = set(read_lexicon("not_entities.txt"))
        self.law_signs = read_lexicon("law_signs.txt")

    def _trim(self, span: Span) -> Span | None:
        start, end = span.start, span.end
        doc = span.doc
        while start < end and (doc[start].is_space or doc[start].text in _EDGE_PUNCT):
            start += 1
        while end > start and (doc[end - 1].is_space or doc[end - 1].text in _EDGE_PUNCT):
            end -= 1
        if span.label_ == "PERSON":
            while start < end - 1 and doc[start].lower_ in self.titles:
                start += 1
        if start >= end:
            return None
        trimmed = Span(doc, start, end, label=span.label)
        if trimmed.label_ == "LAW" and not any(sign in trimmed.text.lower() for sign in self.law_signs):
            return None
        if trimmed.text in self.never or any(t.is_space and "\n\n" in t.text for t in trimmed):
            return None
        return trimmed

    def __call__(self, doc: Doc) -> Doc:
        kept = [s for s in (self._trim(ent) for ent in doc.ents) if s is not None]
        doc.set_ents(filter_spans(kept), default="outside")  # what was dropped or trimmed off goes
        return doc
