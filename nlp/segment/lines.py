"""Lines of a document with their character offsets, and headings glued to text split off.

Offsets always point into the original text: the splitter never rewrites the document,
so item and entity offsets stay valid for the caller's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp.segment.rules import SegmentRules

# Characters that print as spaces in scraped pages; treated as spaces when matching.
_SPACE_LIKE = str.maketrans({"\u00a0": " ", "\u2007": " ", "\u202f": " ", "\t": " "})
# A table-of-contents line glued to the first item: "… - Lukket punkt102. Godkendelse af",
# "… den 16. december 201590. Godkendelse af dagsorden".
_GLUED_NUMBER = re.compile(
    r"(?:(?<=[a-zæøå])|(?<=[a-zæøå)]\.)|(?<=\d{4}\.)|(?<=\s(?:19|20)\d\d))(?=\d{1,3}\.\s+[A-ZÆØÅ])"
)
_NUMBER_DOT = re.compile(r"\d\.\s")
# A link text glued to a case header: "UdskrivSagsid.: 14/513".
_GLUED_CASE = re.compile(r"(?<=[a-zæøå])(?=(?:Sagsid|Sagsnr|Sagsnummer)\.?\s*:)")
# A page number in front of an item number in PDF transcripts: "3 Side 2 1. Godkendelse …".
_PAGE_PREFIX = re.compile(
    r"^\s*\d{1,3}\s+(?:Side\s+\d{1,3}\s+)?(?=\d{1,3}\.\s+[A-ZÆØÅ].*?\s(?:Dok\.nr|Sagsnr|Sagsid|Åben sag|Lukket sag))"
)
# Mirror-site transcripts put a whole PDF page on one line; split them where an item or a
# section plainly starts, so that the rules for ordinary lines apply.
LONG_LINE = 600


@dataclass(frozen=True)
class Line:
    """One (possibly virtual) line: `text` is the stripped content of `doc[start:end]`."""

    start: int
    end: int
    text: str

    @property
    def blank(self) -> bool:
        return not self.text


def split_lines(text: str, rules: SegmentRules) -> list[Line]:
    """Cut `text` into lines, splitting glued headings and over-long transcript lines."""
    lines: list[Line] = []
    position = 0
    spaced = text.translate(_SPACE_LIKE)  # same length: offsets hold in both
    for raw in text.split("\n"):
        start, end = position, position + len(raw)
        position = end + 1
        for a, b in _sub_spans(raw, spaced[start:end], rules):
            lines.append(_make_line(spaced, start + a, start + b))
    return lines


def _make_line(spaced: str, start: int, end: int) -> Line:
    raw = spaced[start:end]
    left = len(raw) - len(raw.lstrip())
    right = len(raw.rstrip())
    if right <= left:
        return Line(start, start, "")
    return Line(start + left, start + right, raw[left:right])


def _sub_spans(raw: str, spaced: str, rules: SegmentRules) -> list[tuple[int, int]]:
    """Where `raw` is cut (`spaced` is the same line with space-like characters as spaces)."""
    cuts = {0, len(raw)}
    # the glued forms need an item number or a case label: most lines have neither
    if _NUMBER_DOT.search(raw):
        cuts.update(match.start() for match in _GLUED_NUMBER.finditer(raw))
    if "Sags" in raw:
        cuts.update(match.start() for match in _GLUED_CASE.finditer(raw))
    prefix = _PAGE_PREFIX.match(raw)
    if prefix:
        cuts.add(prefix.end())
    lead = len(spaced) - len(spaced.lstrip())
    glued = rules.glued_heading.match(spaced[lead:])
    if glued:
        cuts.add(lead + glued.end())
    if "." in raw:  # only the end can hold a glued heading: search the last characters
        ending = rules.trailing_heading.search(spaced, max(0, len(spaced) - 64))
        if ending:
            cuts.add(ending.start())
    if len(raw) > LONG_LINE:
        cuts.update(_inline_cuts(spaced, rules))
    ordered = sorted(cuts)
    return [(a, b) for a, b in zip(ordered, ordered[1:]) if b > a] or [(0, len(raw))]


# Transcripts drop dates, leaving "Beslutning i Social- og Arbejdsmarkedsudvalget den Godkendt."
# or "Beskæftigelsesudvalget, den Taget til efterretning.": a decision heading all the same.
_DATELESS_DECISION = re.compile(
    r"(?<=[\s.:])(?:Beslutning(?:er)?\s+(?:i\s+)?[^.:]{0,80}?|[A-ZÆØÅ][\w-]*?)"
    r"(?:udvalget|rådet|bestyrelsen|nævnet)(?:\s+den|,\s+den)(?=\s+[A-ZÆØÅ])"
)


def _opens_section(line: str, match: re.Match) -> bool:
    """A heading printed without a colon opens a section in ordinary case, followed by a
    capital ("… i stedet. Sagsfremstilling Marlene Harpsøe …"), not inside a sentence ("af
    Bilag 1 og") or in capitals ("TRÆFFE BESLUTNING OM")."""
    previous = line[max(0, match.start() - 40):match.start()].split()[-1:]
    after = line[match.end():match.end() + 3].lstrip()
    # after a line start, a sentence end, or a name the transcript ran into it ("… / Jesper
    # Brogaard Beslutningstema …"); a lower-case word before it makes it part of a sentence
    opens = not previous or previous[0][-1] in ".!?:" or previous[0][:1].isupper()
    return not match.group("head").isupper() and opens and after[:1].isupper()


def _inline_cuts(line: str, rules: SegmentRules) -> set[int]:
    cuts: set[int] = set()
    for match in rules.inline_heading.finditer(line):
        cuts.add(match.start())
        if match.group("colon") or _opens_section(line, match):
            # the heading on a line of its own, its text on the next: "Indstilling: Direktionen …"
            cuts.add(match.end())
    for match in _DATELESS_DECISION.finditer(line):
        cuts.update((match.start(), match.end()))
    # "… Side 3 4 2. Formulering i retningslinjer … Dok.nr.: 2005": an item number inline.
    for match in re.finditer(r"(?<=\s)\d{1,3}\.\s+(?=[A-ZÆØÅ][^\n]{3,150}?\s(?:Dok\.nr|Sagsnr|Sagsid|Åben sag|Lukket sag|\d{2}/\d{3,6}\b))", line):
        cuts.add(match.start())
    return cuts
