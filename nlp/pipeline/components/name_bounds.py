"""Organisation and programme names as the guide spans and labels them, where the NER stops
short, runs over or takes one for the other.

- a name in quotes is the quoted phrase: Udvalget "Uddannelse og Job", ”Fælles om den nære
  psykiatri”;
- a programme with its years is one name: "Strategi FYN 2018-2021", "Rammeaftale 2018 og 2019";
- a coordinated compound is one name: "Erhvervs- og arbejdsmarkedsudvalget",
  "Beskæftigelses– og Socialudvalget", "Social-, Sundheds- og Ældreudvalget";
- an acronym with the part of the country it serves is one name: "RAR Fyn", "UU Nordvestsjælland";
- a committee or agency "for" a capitalised field is one name: "Sektorudvalget for Social &
  Sundhed", "Projektudvalget for Unge og Uddannelse";
- a pool, reform or strategy is a programme, not an organisation: "Udviklings- og
  Talentpuljen" (lexicons/program_heads.txt); a scheme's acronym with an area is its
  institution, an organisation: "FGU Himmerland".
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from nlp.pipeline.lexicons import read_lexicon
from nlp.segment.meeting import municipalities

_OPEN_QUOTES = {'"', "”", "“", "„", "«"}
_CLOSE_QUOTES = {'"', "”", "“", "»"}
_DASHES = {"-", "–"}
# Words that end a body that can be "for" a field ("Sektorudvalget for Social & Sundhed").
_BODY_ENDINGS = ("udvalget", "udvalg", "styrelsen", "afdelingen", "forvaltningen", "rådet", "forum")
_FIELD_JOINS = {"og", "&", ","}
# A quoted name or a field longer than this is not a name.
_MAX_NAME_TOKENS = 12
# At most this many words end a name the NER cut short inside quotes.
_MAX_REST_TOKENS = 4
# Punctuation a name may hold ("Social & Sundhed", "Aktiv Hele Livet – Sundhed og Omsorg").
_NAME_PUNCT = _DASHES | {"&", ","}
_YEARS = re.compile(r"(?:19|20)\d\d(?:\s?[-–/]\s?(?:19|20)?\d\d)?\+?")
_YEAR_JOINS = _DASHES | {"og"}
LABELS = ("ORG", "PROGRAM")


class NameBounds:
    """`mend(span)` gives an ORG or PROGRAM span the boundaries and label of the name it is part of."""

    def __init__(self):
        self.places = set(read_lexicon("places.txt")) | set(municipalities())
        self.program_heads = tuple(read_lexicon("program_heads.txt"))

    def mend(self, span: Span) -> Span:
        span = self._program_by_name(span)
        doc = span.doc
        start, end = self._quoted_name(doc, span.start, span.end)
        if span.label_ == "ORG":
            start = self._coordinated_start(doc, start)
            end = self._place_end(doc, start, end)
            end = self._field_end(doc, end)
        else:
            placed = self._place_end(doc, start, end)
            if placed != end:  # "FGU Himmerland": not the scheme but its school for an area
                return Span(doc, start, placed, label="ORG")
            end = self._years_end(doc, end)
        if (start, end) == (span.start, span.end):
            return span
        return Span(doc, start, end, label=span.label)

    def _program_by_name(self, span: Span) -> Span:
        """An "organisation" named as a pool, reform or strategy is a programme."""
        words = [t for t in span if t.is_alpha]
        if span.label_ == "ORG" and words and words[-1].lower_.endswith(self.program_heads):
            return Span(span.doc, span.start, span.end, label="PROGRAM")
        return span

    @staticmethod
    def _coordinated_start(doc: Doc, start: int) -> int:
        """Move the start left over "X- og", "X – og", "X-og" and "X-, " before the name."""
        i = start
        if i >= 1 and doc[i - 1].lower_.endswith("-og") and len(doc[i - 1]) > 4:
            i -= 1
        elif i >= 2 and doc[i - 1].lower_ == "og":
            if doc[i - 2].text.endswith("-") and len(doc[i - 2]) > 3:
                i -= 2
            elif i >= 3 and doc[i - 2].text in _DASHES and doc[i - 3].is_alpha and len(doc[i - 3]) > 2:
                i -= 3
        if i == start:
            return start
        while i >= 2 and doc[i - 1].text == "," and doc[i - 2].text.endswith("-") and len(doc[i - 2]) > 3:
            i -= 2
        return i

    @staticmethod
    def _quoted_name(doc: Doc, start: int, end: int) -> tuple[int, int]:
        """The words inside the quotes: a span cut short inside them takes in the lower-case
        rest of the phrase (”Fælles om den” → ”Fælles om den nære psykiatri”); a span of a
        generic word and a quoted name keeps the name (Udvalget "Uddannelse og Job").
        Quoted titles of documents ("TÅRNBY KOMMUNE. Referat. til …") are not names."""
        if start >= 1 and doc[start - 1].text in _OPEN_QUOTES:
            closing = _closing_quote(doc, start)
            rest = doc[end:closing] if closing is not None else None
            if rest is not None and 0 < len(rest) <= _MAX_REST_TOKENS and all(
                    t.is_lower or t.text in _DASHES or t.is_space and "\n" not in t.text for t in rest):
                return start, closing
        elif end - start >= 3 and doc[start + 1].text in _OPEN_QUOTES:
            closing = _closing_quote(doc, start + 2)
            if closing is not None and closing > start + 2 and closing >= end - 1 and not any(
                    t.is_punct and t.text not in _NAME_PUNCT for t in doc[start + 2:closing]):
                return start + 2, closing
        return start, end

    @staticmethod
    def _years_end(doc: Doc, end: int) -> int:
        """A programme takes in the years printed after it ("Rammeaftale 2018 og 2019")."""
        if end >= len(doc) or not _YEARS.fullmatch(doc[end].text) or "\n" in doc[end - 1].whitespace_:
            return end
        end += 1
        if end + 1 < len(doc) and doc[end].text in _YEAR_JOINS and _YEARS.fullmatch(doc[end + 1].text):
            end += 2
        return end

    def _place_end(self, doc: Doc, start: int, end: int) -> int:
        """An acronym followed by a part of the country takes it in: "RAR Fyn"."""
        if end - start != 1 or end >= len(doc) or not doc[start].is_upper or not 2 <= len(doc[start]) <= 6:
            return end
        return end + 1 if doc[end].text in self.places else end

    @staticmethod
    def _field_end(doc: Doc, end: int) -> int:
        """A body "for" capitalised words ("for Social & Sundhed") takes them in."""
        if end + 1 >= len(doc) or not doc[end - 1].lower_.endswith(_BODY_ENDINGS) or doc[end].lower_ != "for":
            return end
        i, last_word = end + 1, None
        while i < len(doc) and i - end <= _MAX_NAME_TOKENS:
            token = doc[i]
            if token.is_title or token.is_upper and token.is_alpha:
                last_word = i
            elif token.lower_ not in _FIELD_JOINS or last_word != i - 1:
                break
            i += 1
        return last_word + 1 if last_word is not None else end


def _closing_quote(doc: Doc, start: int) -> int | None:
    """The index of the quote that closes a phrase starting at `start`, on the same line."""
    for j in range(start, min(len(doc), start + _MAX_NAME_TOKENS + 1)):
        if "\n" in doc[j].text:
            return None
        if doc[j].text in _CLOSE_QUOTES:
            return j
    return None
