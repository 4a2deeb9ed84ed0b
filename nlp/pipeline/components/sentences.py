"""Sentence boundaries that suit minutes: lines, bullets, headings and Danish abbreviations.

Minutes break lines for layout as often as for meaning: a heading or a bullet starts a
sentence, a wrapped line does not; "jf.", "pr.", "bl.a." never end one, "kr." and "mio."
may when a capitalised word follows.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import srsly
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from nlp.pipeline.components.text import token_texts
from nlp.pipeline.lexicons import read_lexicon

BULLETS = {"•", "-", "–", "—", "*", "·", "▪", "◦", "o", "+"}
FINAL = {".", "!", "?", "…"}
# A line of at most this many tokens with no final punctuation reads as a heading.
HEADING_TOKENS = 10


@Language.factory("referat_sentences", default_config={"abbreviations": None})
def make_sentences(nlp: Language, name: str, abbreviations: list[str] | None):
    return MinutesSentencizer(name, abbreviations)


class MinutesSentencizer:
    """Set `Token.is_sent_start` for minutes-style text."""

    def __init__(self, name: str = "referat_sentences", abbreviations: list[str] | None = None):
        self.name = name
        entries = abbreviations if abbreviations is not None else read_lexicon("abbreviations.txt")
        self.inner = {e.split()[0].lower() for e in entries}
        self.may_end = {e.split()[0].lower() for e in entries if e.endswith(" end")}

    def __call__(self, doc: Doc) -> Doc:
        # Work on the token strings, not Token objects: this runs over every token of a corpus.
        words = token_texts(doc)
        if not words:
            return doc
        starts = np.full(len(words), -1, dtype="int64").astype("uint64")  # -1: not a start
        starts[0] = 1
        line_start, blank_before, line_length, previous = True, True, 0, None
        for i, word in enumerate(words):
            if word.isspace():
                newlines = word.count("\n")
                if newlines:
                    blank_before = blank_before or newlines > 1
                    line_start = True
                continue
            if previous is not None and self._starts(words, i, previous, line_start, blank_before, line_length):
                starts[i] = 1
            line_length = 1 if line_start else line_length + 1
            line_start = blank_before = False
            previous = i
        doc.from_array([SENT_START], starts)
        return doc

    def _starts(self, words, i: int, p: int, line_start: bool, blank_before: bool, line_length: int) -> bool:
        word, prev = words[i], words[p]
        if line_start:
            if blank_before or word in BULLETS or _is_list_number(word):
                return True
            if prev in FINAL or prev.endswith((":", ".", "!", "?")):
                return True
            heading = line_length <= HEADING_TOKENS and prev[-1:].isalnum()
            return heading and (_title(word) or word.isupper() or word[:1].isdigit())
        if prev in FINAL:
            if _list_number_period(words, p):
                return False
            return _title(word) or word.isupper() or word[:1].isdigit() or word in {'"', "”", "“", "«"}
        lower = prev.lower()
        if lower in self.may_end:
            return _title(word)
        if _is_ordinal(prev) and line_length > 1:
            # "… jf. bilag 2. Beløbet …": the tokenizer keeps the period on the number
            return _title(word)
        return False

    def to_disk(self, path, exclude=()):
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "abbreviations.json", {"inner": sorted(self.inner), "may_end": sorted(self.may_end)})

    def from_disk(self, path, exclude=()):
        data = srsly.read_json(Path(path) / "abbreviations.json")
        self.inner, self.may_end = set(data["inner"]), set(data["may_end"])
        return self


def _title(word: str) -> bool:
    return word[:1].isupper() and not word.isupper() if len(word) > 1 else False


def _is_ordinal(word: str) -> bool:
    return len(word) > 1 and word.endswith(".") and word[:-1].isdigit()


def _is_list_number(word: str) -> bool:
    """'1.' or '2)' or 'a)' opening a list entry."""
    return (word[:-1].isdigit() and word[-1:] in {".", ")"} and len(word) <= 4) or (len(word) == 2 and word[1] == ")")


def _list_number_period(words: list[str], p: int) -> bool:
    """The period of a list number at the start of a line ('1' '.')."""
    if p == 0:
        return False
    number = words[p - 1]
    before = words[p - 2] if p >= 2 else None
    return number.isdigit() and len(number) <= 3 and (before is None or "\n" in before)
