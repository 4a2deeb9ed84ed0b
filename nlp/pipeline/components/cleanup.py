"""Tidy entity spans: no whitespace or punctuation at the edges, no titles before names,
no section headings or generic nouns as entities (lexicons/not_entities.txt), no law
without a sign of one (lexicons/law_signs.txt).

Names in minutes run into what the layout puts after them ("Jens Lærkesen" over a line
break into "Bemærkninger", lists of members with no commas), and committee names with
"og" are split in two ("Social og" + "Sundhedsudvalget"); both are mended here, and so are
the organisation and programme names the NER cuts short or mislabels (name_bounds.py).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from nlp.lemmas import lemma_table
from nlp.pipeline.components.name_bounds import LABELS as NAME_LABELS, NameBounds
from nlp.pipeline.lexicons import read_lexicon

_EDGE_PUNCT = set(",;:()[]{}\"'”“«»•·–—-/")
# Words that leave an organisation name open for the next part ("Social og" + "Sundhedsudvalget").
# Two whole names side by side ("KL og Danske Regioner") stay two.
_ORG_JOINS = {"og", "&", "-og"}
# A body in the genitive owns the body named right after it: one name ("Aarhus Kommunes Byråd").
_ORG_OWNERS = {"kommunes", "regionens"}
# A capitalised common word this long ends a name: surnames that are words are short ("Møller").
_LONG_WORD = 10


@Language.factory("referat_entity_cleanup")
def make_cleanup(nlp: Language, name: str):
    return EntityCleanup(name)


class EntityCleanup:
    def __init__(self, name: str = "referat_entity_cleanup"):
        self.name = name
        self.titles = {t.lower() for t in read_lexicon("person_titles.txt")}
        self.never = set(read_lexicon("not_entities.txt"))
        self.law_signs = read_lexicon("law_signs.txt")
        self.first_names = set(read_lexicon("first_names.txt"))
        self.name_bounds = NameBounds()

    def _person_end(self, span: Span) -> int:
        """Where a PERSON span really ends: before a line break, a heading or a long word."""
        doc = span.doc
        for i in range(span.start + 1, span.end):
            token = doc[i]
            if "\n" in token.text or token.text in self.never:
                return i
            text = token.text
            if len(text) >= _LONG_WORD and text not in self.first_names and lemma_table().get(text.lower()) is not None:
                return i
        return span.end

    def _split_people(self, doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
        """A run of names without commas ("Søren Aarup Karsten Grubert") → one span per person:
        a new person starts at a first name that follows a surname. A name followed by a party
        letter ("Bergur Larsson Lykke Rasmussen (V)") is one person: the letter follows each."""
        if end - start <= 3 or _party_letter_at(doc, end):
            return [(start, end)]
        cuts = [start] + [i for i in range(start + 2, end)
                          if doc[i].text in self.first_names and doc[i - 1].text not in self.first_names]
        bounds = list(zip(cuts, cuts[1:] + [end]))
        return [(a, b) for a, b in bounds if b - a >= 2] or [(start, end)]

    def _mend_people(self, spans: list[Span]) -> list[Span]:
        out = []
        for span in spans:
            if span.label_ != "PERSON":
                out.append(span)
                continue
            doc = span.doc
            for a, b in self._split_people(doc, span.start, self._person_end(span)):
                out.append(Span(doc, a, b, label=span.label))
        return out

    @staticmethod
    def _join_orgs(spans: list[Span]) -> list[Span]:
        """Merge an ORG left open ("Social og", "Arbejdsmarkeds-") with the ORG that follows it
        (directly, or after "og") into one name, and a municipality's body with the
        municipality ("Aarhus Kommunes" + "Byråd")."""
        out: list[Span] = []
        for span in sorted(spans, key=lambda s: s.start):
            previous = out[-1] if out else None
            if previous is not None and previous.label_ == span.label_ == "ORG":
                doc = span.doc
                between = [t.text.lower() for t in doc[previous.end:span.start] if not t.is_space]
                last = doc[previous.end - 1]
                ends_open = last.lower_ in _ORG_JOINS or last.text.endswith("-")
                # "Aarhus Kommunes" + "Byråd" on one line
                owner = (last.lower_ in _ORG_OWNERS and previous.end == span.start
                         and "\n" not in last.whitespace_)
                if owner or (ends_open and (not between or between == ["og"])):
                    out[-1] = Span(doc, previous.start, span.end, label=span.label)
                    continue
            out.append(span)
        return out

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
        spans = self._join_orgs(self._mend_people(list(doc.ents)))
        spans = [self.name_bounds.mend(span) if span.label_ in NAME_LABELS else span for span in spans]
        kept = [s for s in (self._trim(ent) for ent in spans) if s is not None]
        doc.set_ents(filter_spans(kept), default="outside")  # what was dropped or trimmed off goes
        return doc


def _party_letter_at(doc: Doc, i: int) -> bool:
    """Whether "(A)", "(V)", "(SF)" … is printed at token `i`."""
    return (i + 2 < len(doc) and doc[i].text == "(" and doc[i + 2].text == ")"
            and doc[i + 1].is_upper and len(doc[i + 1]) <= 2)
