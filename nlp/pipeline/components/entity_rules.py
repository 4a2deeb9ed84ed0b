"""Entity rules and lexicons: regular expressions (patterns.toml) and name lists (lexicons/).

One factory, two places in the pipeline: the `preset` tier runs before the statistical NER
and fixes unambiguous spans (amounts, percentages, calendar dates), which the NER then
predicts around; the `fallback` tier runs after it and fills gaps with patterns and
lexicon names, never overwriting what the NER found.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import srsly
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from nlp.pipeline.components.text import doc_text
from nlp.pipeline.lexicons import read_lexicon
from nlp.segment.meeting import municipalities

LEXICONS = {"ORG": "org.txt", "PROGRAM": "program.txt", "LAW": "law.txt"}


@dataclass(frozen=True)
class Rule:
    label: str
    tier: str
    pattern: re.Pattern
    example: str
    # a text holds one of these (case-folded) or the pattern cannot match it
    requires: tuple[str, ...] = ()
    # a list of names: each match of this pattern inside the entity is an entity of its own
    each: re.Pattern | None = None

    def may_match(self, folded_text: str) -> bool:
        return not self.requires or any(word in folded_text for word in self.requires)


@lru_cache(maxsize=1)
def load_rules() -> tuple[Rule, ...]:
    """The compiled patterns of patterns.toml (compiled once per process)."""
    config = tomllib.loads(resources.files("nlp.pipeline").joinpath("patterns.toml").read_text("utf-8"))
    pieces = {**config["pieces"], "MUNICIPALITY": "|".join(
        re.escape(name) for name in sorted(municipalities(), key=len, reverse=True))}
    rules = []
    for entry in config["pattern"]:
        regex = entry["regex"]
        for name, piece in pieces.items():
            regex = regex.replace("{%s}" % name, piece)
        each = re.compile(entry["each"]) if "each" in entry else None
        rules.append(Rule(entry["label"], entry["tier"], re.compile(regex), entry.get("example", ""),
                          tuple(word.casefold() for word in entry.get("requires", ())), each))
    return tuple(rules)


@Language.factory(
    "referat_entity_rules",
    default_config={"tier": "preset", "labels": None, "lexicons": True, "persons": True},
)
def make_entity_rules(nlp: Language, name: str, tier: str, labels: list[str] | None,
                      lexicons: bool, persons: bool):
    return EntityRules(nlp, name, tier=tier, labels=labels, lexicons=lexicons, persons=persons)


class EntityRules:
    """Add rule-based entities of one tier to `doc.ents`.

    Parameters
    ----------
    tier : "preset" (before the NER, fixed) or "fallback" (after it, gaps only), or "all"
           (both tiers at once: the rules-only baseline).
    labels : only these labels (default: all).
    lexicons : match the name lists of lexicons/ (fallback tier).
    persons : find PERSON names that start with a known first name (fallback tier).
    """

    def __init__(self, nlp: Language, name: str, tier: str = "preset", labels=None,
                 lexicons: bool = True, persons: bool = True):
        self.name, self.tier = name, tier
        self.only = set(labels) if labels else None
        self.use_lexicons, self.use_persons = lexicons, persons
        tiers = {"preset", "fallback"} if tier == "all" else {tier}
        self.rules = [r for r in load_rules() if r.tier in tiers and self._wanted(r.label)]
        self.matcher_exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.matcher_lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        if lexicons and "fallback" in tiers:
            self._add_lexicons(nlp)
        self.person = _person_pattern() if persons and "fallback" in tiers and self._wanted("PERSON") else None

    def _wanted(self, label: str) -> bool:
        return self.only is None or label in self.only

    @property
    def labels(self) -> tuple[str, ...]:
        """The labels this component can add (spaCy lists them in the pipeline's meta)."""
        found = {r.label for r in self.rules}
        if len(self.matcher_exact) or len(self.matcher_lower):
            found.update(label for label in LEXICONS if self._wanted(label))
        if self.person is not None:
            found.add("PERSON")
        return tuple(sorted(found))

    def _add_lexicons(self, nlp: Language) -> None:
        for label, filename in LEXICONS.items():
            if not self._wanted(label):
                continue
            entries = read_lexicon(filename)
            exact = [nlp.make_doc(e) for e in entries if e != e.lower()]
            lower = [nlp.make_doc(e) for e in entries if e == e.lower()]
            if exact:
                self.matcher_exact.add(label, exact)
            if lower:
                self.matcher_lower.add(label, lower)

    def find(self, doc: Doc) -> list[Span]:
        """Candidate spans of this component's rules, overlaps resolved (longest wins)."""
        text = doc_text(doc)
        folded = text.casefold()
        spans: list[Span] = []
        for rule in self.rules:
            if not rule.may_match(folded):
                continue
            for match in rule.pattern.finditer(text):
                start, end = match.span("ent") if "ent" in rule.pattern.groupindex else match.span()
                found = ([name.span() for name in rule.each.finditer(text, start, end)] if rule.each
                         else [(start, end)])
                for start, end in found:
                    span = doc.char_span(start, end, label=rule.label, alignment_mode="contract")
                    if span is not None and len(span):
                        spans.append(span)
        for matcher in (self.matcher_exact, self.matcher_lower):
            if len(matcher):
                spans += matcher(doc, as_spans=True)
        if self.person is not None:
            for match in self.person.finditer(text):
                span = doc.char_span(*match.span(), label="PERSON", alignment_mode="contract")
                if span is not None and len(span) >= 2:
                    spans.append(span)
        return filter_spans(spans)

    def __call__(self, doc: Doc) -> Doc:
        found = self.find(doc)
        if self.tier == "preset":
            doc.set_ents(found, default="unmodified")
            return doc
        taken = set()
        for ent in doc.ents:
            taken.update(range(ent.start, ent.end))
        new = [s for s in found if not taken.intersection(range(s.start, s.end))]
        if new:
            doc.set_ents(list(doc.ents) + new, default="unmodified")
        return doc

    def to_disk(self, path, exclude=()):
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "cfg.json", {"tier": self.tier})

    def from_disk(self, path, exclude=()):
        return self


@lru_cache(maxsize=1)
def _person_pattern() -> re.Pattern:
    names = "|".join(sorted((re.escape(n) for n in read_lexicon("first_names.txt")), key=len, reverse=True))
    surname = r"[A-ZÆØÅ][a-zæøåéü]+(?:-[A-ZÆØÅ][a-zæøåéü]+)?"
    return re.compile(
        r"(?<![\w-])(?:%s)(?:\s(?:[A-ZÆØÅ]\.|%s))*\s(?:%s)(?![\w-])" % (names, surname, surname)
    )
