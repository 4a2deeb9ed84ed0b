"""Candidate sentences for a summary: from the case presentation, without procedure or debris."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.lang.da.stop_words import STOP_WORDS
from spacy.tokens import Doc

from nlp.contract import AgendaItem
from nlp.pipeline.components.text import doc_text

# Where a summary is drawn from, in order of preference: the staff's own resume first.
SOURCES = ("resume", "sagsfremstilling", "beslutningstema", "vurdering")
MIN_WORDS, MAX_WORDS = 4, 70
_DIGIT_HEAVY = re.compile(r"[\d\t|%.,-]")
_WORDS = re.compile(r"[A-Za-zÆØÅæøåéü]+")


@dataclass
class Candidate:
    index: int  # position among the candidates of the item
    text: str
    lemmas: list[str]
    has_figure: bool  # carries an amount, a percentage or a date


@lru_cache(maxsize=1)
def boilerplate() -> re.Pattern:
    text = resources.files("nlp.summarize").joinpath("boilerplate.txt").read_text("utf-8")
    patterns = [l.strip() for l in text.splitlines() if l.strip() and not l.startswith("#")]
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def source_section(item: AgendaItem, exclude: tuple[str, ...] = ()) -> tuple[str, str] | None:
    """(section name, text) the summary is drawn from, or None for an item with too little text."""
    for name in SOURCES:
        if name not in exclude and len(item.sections.get(name, "")) >= 80:
            return name, item.sections[name]
    return None


def is_content(text: str) -> bool:
    """False for headings, procedure, attachment notes and table debris."""
    words = text.split()
    if not MIN_WORDS <= len(words) <= MAX_WORDS:
        return False
    if boilerplate().search(text):
        return False
    if len(_DIGIT_HEAVY.findall(text)) > 0.35 * len(text):
        return False
    if text.count("\t") >= 2 or text.count("  ") >= 4:
        return False
    return text[-1:] in ".!?:)\"”" or len(words) >= 12


def candidates(doc: Doc, start: int, end: int, within: str | None = None) -> list[Candidate]:
    """The content sentences of `doc` that lie within characters [start, end), or, with
    `within`, whose text stands in that (possibly stitched-together) section text."""
    found = []
    squeezed = " ".join(within.split()) if within is not None else None
    full_text = doc_text(doc)  # slicing it is far cheaper than Span.text, joined from tokens
    for sent in doc.sents:
        if squeezed is None and (sent.end_char <= start or sent.start_char >= end):
            continue
        words = " ".join(full_text[sent.start_char:sent.end_char].split())
        if squeezed is not None and words not in squeezed:
            continue
        text = words.lstrip("•·-–* ")
        if not is_content(text):
            continue
        lemmas = [t.lemma_.lower() for t in sent
                  if t.is_alpha and len(t) > 1 and t.lower_ not in STOP_WORDS]
        has_figure = any(e.label_ in {"MONEY", "PERCENT", "DATE"} for e in sent.ents) or any(
            t.like_num for t in sent)
        found.append(Candidate(len(found), text, lemmas, has_figure))
    return found


def query_lemmas(item: AgendaItem) -> list[str]:
    """Lemmas of what the item is about: its title and its recommendation."""
    from nlp.lemmas import lemma

    text = " ".join([item.title or "", item.sections.get("indstilling", ""), item.sections.get("beslutningstema", "")])
    return [lemma(w).lower() for w in _WORDS.findall(text) if len(w) > 1 and w.lower() not in STOP_WORDS]
