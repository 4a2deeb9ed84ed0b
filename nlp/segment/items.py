"""Cut a document into agenda items and each item into its sections."""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp.contract import AgendaItem, Decision
from nlp.segment.headings import Heading
from nlp.segment.lines import Line
from nlp.segment.markers import Marker

# Sections that make up an item's structure; only these split a document without numbers.
CORE_SECTIONS = {"resume", "beslutningstema", "sagsfremstilling", "indstilling", "beslutning"}
# Sections that open an item in documents without item numbers (Svendborg, Ishøj, Stevns).
OPENERS = {"resume", "beslutningstema"}
# Sections printed before the decision; after a decision they belong to the next item.
BEFORE_DECISION = {"indstilling"}
# Sections that may repeat inside one item: several committees decide in turn.
REPEATABLE = {"beslutning", "bilag", "fravaer"}
# Lines of a meeting's header that stand where a title could.
NOT_TITLES = ("indhold", "referat", "dagsorden", "vælg", "bemærkninger", "indholdsfortegnelse", "åbne punkter")
_TRAILING_CASE = re.compile(r"\s\d{0,4}/\d{3,6}\s*$")
_CLOSED = re.compile(r"\blukket\b", re.IGNORECASE)
# A transcript's page line that carries an item: a page number ahead of a title, or the
# item's own signs (case number, open/closed item).
_TRANSCRIPT_TITLE = re.compile(
    r"^\d{1,3}\s+[A-ZÆØÅ]|\b(?:Åben|Åbent|Lukket)\s+(?:sag|punkt)\b|\bSag(?:s)?\s?nr\b|\s\d{2}/\d{3,6}\b"
)
TITLE_LOOKBACK = 6
_SINGLE_TITLE = re.compile(r"^(?:(?P<number>\d{1,4})\s*[.):]?\s+)?(?P<title>\S.{0,300})$")


@dataclass(frozen=True)
class Span:
    """Where one item lies: its lines [first, stop) and the marker that opened it, if any."""

    first: int
    stop: int
    start: int
    marker: Marker | None = None


def item_spans(lines: list[Line], headings: list[Heading | None], markers: list[Marker]) -> list[Span]:
    """Item spans from the markers; text ahead of the first marker is split by its sections."""
    if not markers:
        return _spans_by_sections(lines, headings, 0, len(lines))
    spans = _spans_by_sections(lines, headings, 0, markers[0].line)
    for position, marker in enumerate(markers):
        stop = markers[position + 1].line if position + 1 < len(markers) else len(lines)
        # A case number printed above the next item's title belongs to the next item.
        while stop > marker.line + 1 and position + 1 < len(markers) and lines[stop - 1].start >= markers[position + 1].start:
            stop -= 1
        spans.append(Span(marker.line, stop, marker.start, marker))
    return spans


def _spans_by_sections(lines, headings, first: int, stop: int) -> list[Span]:
    """Split a stretch without item markers where its section headings start over."""
    core = [i for i in range(first, stop)
            if headings[i] is not None and headings[i].strong and headings[i].section in CORE_SECTIONS]
    # Some systems (Aarhus) print the decision first, then the case: items start at decisions.
    decision_first = (
        len(core) >= 2 and headings[core[0]].section == "beslutning"
        and headings[core[1]].section in OPENERS and _title_like(_line_above(lines, core[0], first))
    )
    starts: list[int] = []
    seen: set[str] = set()
    for index in core:
        section = headings[index].section
        if decision_first:
            new_item = not starts or (section == "beslutning" and seen != {"beslutning"})
        else:
            new_item = (
                not starts
                or (section in OPENERS and seen)
                or (section in BEFORE_DECISION and "beslutning" in seen)
                or (section in seen and section not in REPEATABLE)
            )
        if new_item:
            starts.append(index)
            seen = set()
        seen.add(section)
    spans = []
    for k, index in enumerate(starts):
        begin = _title_line_above(lines, index, starts[k - 1] if k else first, decision_first)
        if k == 0 and begin == index:
            begin = _transcript_title_above(lines, headings, index, first)
        spans.append(Span(begin, starts[k + 1] if k + 1 < len(starts) else stop, lines[begin].start))
    return spans


def _line_above(lines: list[Line], index: int, floor: int) -> Line | None:
    for i in range(index - 1, floor - 1, -1):
        if not lines[i].blank:
            return lines[i]
    return None


def _title_like(line: Line | None) -> bool:
    if line is None:
        return False
    text = line.text
    return (
        len(text) <= 200 and text[:1].isupper() and text[-1] not in ".:,"
        and text.lower() not in NOT_TITLES and not text.lower().startswith(NOT_TITLES)
    )


def _title_line_above(lines: list[Line], index: int, floor: int, decision_first: bool) -> int:
    """Include the title line above an item's first heading: a title with a case number
    ("Budgetopfølgning pr. 30. september 11/4492", PDF transcripts) or, where decisions
    come first (Aarhus), the plain title line."""
    for i in range(index - 1, floor - 1, -1):
        if lines[i].blank:
            continue
        if len(lines[i].text) <= 250 and _TRAILING_CASE.search(lines[i].text):
            return i
        if decision_first and _title_like(lines[i]):
            return i
        break
    return index


def _transcript_title_above(lines: list[Line], headings, index: int, floor: int) -> int:
    """Mirror-site transcripts print an item's title on a page line ahead of its first
    headings ("3 Beskæftigelsesudvalget Opfølgning på temamøde …", "5 … Meddelelser Åben sag
    Sagsnr.: 17/11323" above "Fraværende:" and "RESUMÉ"): the first item starts there."""
    seen = 0
    for i in range(index - 1, floor - 1, -1):
        if lines[i].blank:
            continue
        seen += 1
        if seen > TITLE_LOOKBACK:
            break
        if headings[i] is not None:
            continue
        if _TRANSCRIPT_TITLE.search(lines[i].text):
            return i
    return index


def build_item(text: str, lines: list[Line], headings: list[Heading | None], span: Span) -> AgendaItem:
    """The agenda item of one span: its text, number, title, case number and sections."""
    content = [i for i in range(span.first, span.stop) if not lines[i].blank]
    end = lines[content[-1]].end if content else span.start
    marker = span.marker
    sections, decisions = _sections(text, lines, headings, span.first, span.stop)
    title = marker.title if marker else None
    number = str(marker.number) if marker and marker.number is not None else None
    item_text = text[span.start:end]
    closed = bool(title and _CLOSED.search(title)) and len(item_text) < 400
    return AgendaItem(
        number=number, title=title, case_number=marker.case_number if marker else None,
        text=item_text, sections=sections, decisions=decisions,
        start=span.start, end=end, closed=closed,
    )


def _sections(text, lines, headings, first: int, stop: int) -> tuple[dict[str, str], list[Decision]]:
    parts: dict[str, list[str]] = {}
    decisions: list[Decision] = []
    heads = [i for i in range(first, stop) if headings[i] is not None]
    for k, index in enumerate(heads):
        heading = headings[index]
        line = lines[index]
        begin = line.start + heading.content_offset if heading.content_offset is not None else line.end
        finish = lines[heads[k + 1]].start if k + 1 < len(heads) else _last_end(lines, index, stop)
        body = text[begin:finish].strip() if finish > begin else ""
        if body:
            parts.setdefault(heading.section, []).append(body)
        if heading.section == "beslutning":
            decisions.append(Decision(heading.committee, heading.date, body))
    return {name: "\n\n".join(chunks) for name, chunks in parts.items()}, decisions


def _last_end(lines: list[Line], index: int, stop: int) -> int:
    for i in range(stop - 1, index - 1, -1):
        if not lines[i].blank:
            return lines[i].end
    return lines[index].end


def single_item(text: str) -> AgendaItem:
    """A text with no item structure is one item; a one-line text is its title."""
    stripped = text.strip()
    start = text.find(stripped) if stripped else 0
    number = title = None
    if "\n" not in stripped:
        match = _SINGLE_TITLE.match(stripped)
        if match:
            number, title = match.group("number"), match.group("title").strip(" .")
    return AgendaItem(number=number, title=title, case_number=None, text=stripped,
                      start=start, end=start + len(stripped))
