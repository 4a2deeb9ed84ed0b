"""Find where agenda items begin.

Every line that could open an item becomes a candidate `Marker` with a score: the pattern's
own weight, a case number next to it, a body of sections after it. Tables of contents and
lists inside items are then removed, not by special cases but by three general facts:
a contents entry has no body and is usually repeated later; item numbers increase through
a document while lists restart at 1; real items carry case numbers and section headings.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from nlp.segment.headings import Heading
from nlp.segment.lines import Line
from nlp.segment.rules import SegmentRules

# How far (in non-blank lines) a case number may stand from the title it belongs to.
CASE_BEFORE, CASE_AFTER = 2, 3
MAX_TITLE = 220
BODY_CHARS = 160
_BULLETS = "•·▪◦*– "
_RECOMMENDATION = re.compile(r"^(?:at|At|AT)\b")
_ATTACHMENT = re.compile(r"[.(](?:pdf|docx?|xlsx?|pptx?)\b|\(\s*bilag", re.IGNORECASE)
_TOC_TAIL = re.compile(r"(?:\s*(?:\.{2,}|…+|_{3,})\s*\d{0,3}|\t+\s*\d{1,3}|\s{2,}\d{1,3})\s*$")
_TRAILING_CASE = re.compile(r"\s+(\d{2}/\d{3,6}|\d{4}/\d{3,7})$")
_TITLE_FIELDS = re.compile(
    r"\s(?:Dok\.\s?nr|Sagsnr|Sagsid|Sagsnummer|Åben sag|Lukket sag|Åbent punkt)\b\.?"
    r"(?:.*?(?:Sagsnr|Sagsid|Sagsnummer)\.?:?\s*(?P<case_number>\d[\w./-]*))?.*$"
)
_TITLE_KEY = re.compile(r"[\W\d_]+")
_FIELD = re.compile(r"^(?:Sagsbehandler|Sagsinitialer|Initialer|Dok\.\s?nr|Dokumentnr|J\.\s?nr)\b", re.I)


@dataclass(frozen=True)
class Marker:
    """A line where an agenda item begins."""

    line: int  # index into the document's lines
    start: int  # character offset where the item begins
    kind: str  # "numbered" | "case" | "standing"
    rule: str
    number: int | None = None
    title: str | None = None
    case_number: str | None = None
    score: float = 0.0
    bodied: bool = False


def find_markers(lines: list[Line], headings: list[Heading | None], rules: SegmentRules) -> list[Marker]:
    """The item starts of a document, in order (empty when it has no item structure)."""
    case_lines = {i: rules.case_number(l.text) for i, l in enumerate(lines) if l.text}
    case_lines = {i: c for i, c in case_lines.items() if c}
    candidates = _candidates(lines, headings, rules)
    candidates = _absorb_case_headers(candidates, lines, headings)
    marker_lines = Counter(m.line for m in candidates)
    candidates = [_attach_case_number(m, lines, case_lines, marker_lines, headings) for m in candidates]
    candidates = sorted(candidates + _titles_over_case_numbers(lines, headings, case_lines, candidates), key=lambda m: m.line)
    candidates = _score_bodies(candidates, lines, headings)
    candidates = _score_sequence(candidates)
    candidates = _drop_contents(candidates, lines, rules)
    candidates = _drop_lists(candidates, lines, headings)
    numbered = [m for m in candidates if m.kind == "numbered"]
    if sum(1 for m in candidates if m.kind == "case" and m.bodied) >= 2:
        # Items open with case headers here (Herning): numbered lines without a case number
        # of their own are lists inside those items.
        numbered = [m for m in numbered if m.case_number]
    numbered = _best_increasing(numbered)
    others = [m for m in candidates if m.kind != "numbered"]
    return sorted(numbered + others, key=lambda m: m.line)


def _candidates(lines: list[Line], headings: list[Heading | None], rules: SegmentRules) -> list[Marker]:
    found: list[Marker] = []
    consumed: set[int] = set()  # title lines taken by a number printed alone above them
    for index, line in enumerate(lines):
        if line.blank or headings[index] is not None or index in consumed:
            continue
        text = line.text.lstrip(_BULLETS)
        if rules.standing_item.match(text):
            found.append(Marker(index, line.start, "standing", "standing", title=text.rstrip(": ")))
            continue
        for rule in rules.markers:
            match = rule.pattern.match(text)
            if not match:
                continue
            previous = lines[index - 1] if index else None
            continues = previous is not None and len(previous.text) > 80 and previous.text[-1] not in ".:;!?"
            groups = match.groupdict()
            if rule.title_below:
                groups = _with_title_below(match, lines, index, headings)
                if groups is None:
                    break
                consumed.update(_near(index, lines, 0, 1))
            marker = _marker_from_match(index, line, rule, groups, continues)
            if marker is not None:
                found.append(marker)
            break
    return found


def _with_title_below(match: re.Match, lines: list[Line], index: int, headings) -> dict | None:
    """A number alone on its line takes the next line as its title ("146." / "Dialogmøde …")."""
    below = _near(index, lines, 0, 1)
    if not below or headings[below[0]] is not None:
        return None
    title = lines[below[0]].text.lstrip(_BULLETS)
    if not title[:1].isupper():
        return None
    return {**match.groupdict(), "title": title}


def _marker_from_match(index: int, line: Line, rule, groups: dict, continues_paragraph: bool) -> Marker | None:
    if rule.kind == "case":
        return Marker(index, line.start, "case", rule.name, case_number=groups.get("case_number"), score=rule.weight)
    title = (groups.get("title") or "").strip()
    if title.startswith(f"{groups['number']}. "):  # "1.  1. Godkendelse af dagsordenen"
        title = title[len(groups["number"]) + 2 :].strip()
    case_number = None
    fields = _TITLE_FIELDS.search(title)
    if fields:  # transcripts run the title into the item's fields: "… Dok.nr.: 1965 Sagsid.: 14/40"
        case_number = fields.group("case_number")
        title = title[: fields.start()].strip()
    trailing = _TRAILING_CASE.search(title)
    if trailing and not case_number:
        case_number, title = trailing.group(1), title[: trailing.start()].strip()
    if _TOC_TAIL.search(title):
        title = _TOC_TAIL.sub("", title).strip()
        if not title:
            return None
        return Marker(index, line.start, "numbered", rule.name, int(groups["number"]), title, score=-9)
    if not title or len(title) > MAX_TITLE or _RECOMMENDATION.match(title) or _ATTACHMENT.search(title):
        return None
    score = rule.weight
    if title.endswith(".") and len(title.split()) > 12:
        score -= 1  # reads like a sentence in a numbered list, not like a title
    if continues_paragraph:
        score -= 3  # a line wrapped inside a paragraph ("… 3.592 m\n2. Gennemsnitsarealet …")
    return Marker(index, line.start, "numbered", rule.name, int(groups["number"]), title, case_number, score=score)


def _absorb_case_headers(candidates: list[Marker], lines: list[Line], headings) -> list[Marker]:
    """A case header printed next to a numbered title ("1. Alfabo …" / "Sagsnummer: 20/8545")
    is part of that item, not an item of its own."""
    absorbed: set[int] = set()
    result: list[Marker] = []
    by_line = {m.line: m for m in candidates}
    for marker in candidates:
        if marker.kind == "case":
            result.append(marker)
            continue
        for index in _near(marker.line, lines, CASE_BEFORE, CASE_AFTER):
            other = by_line.get(index)
            if other is None:
                continue
            if other.kind == "case" and other.line not in absorbed and not _heading_between(marker.line, index, headings):
                absorbed.add(other.line)
                marker = replace(marker, case_number=other.case_number, start=min(marker.start, other.start), score=marker.score + 3)
            break
        result.append(marker)
    return [m for m in result if m.line not in absorbed]


def _heading_between(a: int, b: int, headings) -> bool:
    low, high = min(a, b), max(a, b)
    return any(headings[i] is not None for i in range(low + 1, high))


def _attach_case_number(marker: Marker, lines, case_lines: dict[int, str], marker_lines: Counter,
                        headings) -> Marker:
    if marker.kind == "case":
        return replace(marker, title=_title_after(marker.line, lines, case_lines, headings))
    if marker.case_number:
        return marker

    def taken(index: int) -> bool:  # by another candidate than this one
        return marker_lines[index] - (index == marker.line) > 0

    for index in _near(marker.line, lines, CASE_BEFORE, CASE_AFTER):
        if taken(index):
            break
        if index not in case_lines:
            continue
        # A case number printed right under the previous item's title is that item's own.
        if index < marker.line and taken(_previous_nonblank(index, lines)):
            break
        start = min(marker.start, lines[index].start)
        return replace(marker, case_number=case_lines[index], start=start, score=marker.score + 3)
    return marker


def _titles_over_case_numbers(lines, headings, case_lines: dict[int, str], candidates) -> list[Marker]:
    """Unnumbered items printed as a title with the case number on the next line
    ("Introduktion til økonomi …" / "00.30.02-S00-26-1"), when no marker claims the number."""
    claimed = {m.line for m in candidates}
    claimed_numbers = {m.case_number for m in candidates if m.case_number}
    found = []
    for index, number in case_lines.items():
        if index in claimed or number in claimed_numbers:
            continue
        above = _previous_nonblank(index, lines)
        if above is None or above in claimed or headings[above] is not None:
            continue
        title = lines[above].text.lstrip(_BULLETS)
        if 3 <= len(title) <= MAX_TITLE and title[:1].isupper() and title[-1] not in ".:,;" and not _FIELD.match(title):
            found.append(Marker(above, lines[above].start, "case", "title_over_case_number",
                                title=title, case_number=number, score=2))
    return found


def _previous_nonblank(index: int, lines: list[Line]) -> int | None:
    for i in range(index - 1, -1, -1):
        if not lines[i].blank:
            return i
    return None


def _near(index: int, lines: list[Line], before: int, after: int) -> list[int]:
    """Indices of the non-blank lines around `index`: after it first, then before it."""
    found_after, i = [], index + 1
    while i < len(lines) and len(found_after) < after:
        if not lines[i].blank:
            found_after.append(i)
        i += 1
    found_before, i = [], index - 1
    while i >= 0 and len(found_before) < before:
        if not lines[i].blank:
            found_before.append(i)
        i -= 1
    return found_after + found_before


def _title_after(index: int, lines: list[Line], case_lines: dict[int, str], headings) -> str | None:
    """The title printed under a case-number header (Herning: "Sagsnr.: …" then the title)."""
    for i in _near(index, lines, 0, 3):
        text = lines[i].text
        if headings[i] is not None:
            return None
        if i in case_lines or _FIELD.match(text):
            continue
        if len(text) <= MAX_TITLE and text[:1].isupper() and not text.endswith(":"):
            return text
        return None
    return None


def _score_bodies(candidates: list[Marker], lines: list[Line], headings) -> list[Marker]:
    scored = []
    for position, marker in enumerate(candidates):
        stop = candidates[position + 1].line if position + 1 < len(candidates) else len(lines)
        section_heads = sum(1 for i in range(marker.line + 1, stop) if headings[i] is not None)
        body = sum(len(lines[i].text) for i in range(marker.line + 1, stop) if headings[i] is None)
        bodied = section_heads > 0 or body >= BODY_CHARS
        bonus = (2 if section_heads else 0) + (1 if body >= BODY_CHARS else 0)
        scored.append(replace(marker, bodied=bodied, score=marker.score + bonus))
    return scored


def _score_sequence(candidates: list[Marker]) -> list[Marker]:
    """An item numbered right after a real item is likely real, even when the excerpt cuts
    its body off."""
    scored, previous = [], None
    for marker in candidates:
        if (marker.kind == "numbered" and previous is not None and previous.bodied
                and marker.number == previous.number + 1):
            marker = replace(marker, score=marker.score + 1)
        if marker.kind == "numbered":
            previous = marker
        scored.append(marker)
    return scored


def _title_key(title: str | None) -> str:
    return _TITLE_KEY.sub("", (title or "").lower())[:24]


def _drop_contents(candidates: list[Marker], lines: list[Line], rules: SegmentRules) -> list[Marker]:
    """Remove table-of-contents entries: unbodied runs ahead of the first real item,
    entries after a contents heading, and entries repeated later with a body."""
    if not any(m.bodied for m in candidates):
        return [m for m in candidates if m.score > -9]
    first_bodied = next(i for i, m in enumerate(candidates) if m.bodied)
    doomed: set[int] = set()
    head = candidates[:first_bodied]
    if len(head) >= 2 or any(_after_toc_heading(m, lines, rules) for m in head):
        doomed.update(m.line for m in head)
    later_keys: dict[tuple, int] = {}
    for m in reversed(candidates):
        key = (m.number, _title_key(m.title))
        if m.kind == "numbered" and key in later_keys and not m.bodied:
            doomed.add(m.line)
        later_keys.setdefault(key, m.line)
    return [m for m in candidates if m.line not in doomed and m.score > -9]


def _after_toc_heading(marker: Marker, lines: list[Line], rules: SegmentRules) -> bool:
    for i in range(marker.line - 1, max(-1, marker.line - 4), -1):
        if lines[i].text.lower().rstrip(":") in rules.toc_headings:
            return True
    return False


def _drop_lists(candidates: list[Marker], lines: list[Line], headings) -> list[Marker]:
    """Remove numbered lists inside items: runs of numbered lines with nothing between them.

    Items are separated by bodies; list entries (and contents entries) follow each other
    directly. Members that show an item's own signs (a case number, a "Punkt N" pattern, a
    closed or standing title) stay.
    """
    numbered = [m for m in candidates if m.kind == "numbered"]
    doomed: set[int] = set()
    run: list[Marker] = []
    for marker in numbered + [None]:
        if (marker is not None and run and marker.number == run[-1].number + 1
                and _directly_follows(run[-1], marker, lines, headings)):
            run.append(marker)
            continue
        if len(run) >= 2:
            doomed.update(m.line for m in run if not _item_signs(m))
        run = [marker] if marker is not None else []
    return [m for m in candidates if m.line not in doomed]


def _directly_follows(first: Marker, second: Marker, lines: list[Line], headings) -> bool:
    between = range(first.line + 1, second.line)
    if any(headings[i] is not None for i in between):
        return False
    return sum(len(lines[i].text) for i in between) < BODY_CHARS


_ITEM_TITLE = re.compile(r"\b(?:lukket|underskrift|eventuelt|godkendelse af dagsorden|meddelelser)", re.I)


def _item_signs(marker: Marker) -> bool:
    return bool(marker.case_number) or marker.rule == "punkt" or bool(_ITEM_TITLE.search(marker.title or ""))


# How far back a marker looks for its predecessor: exact for any real agenda (a few hundred
# candidates at most), and it keeps a pathological 50 MB text linear instead of quadratic.
LOOKBACK = 400


def _best_increasing(markers: list[Marker]) -> list[Marker]:
    """The highest-scoring subsequence with strictly increasing item numbers."""
    markers = [m for m in markers if m.score > 0]
    if not markers:
        return []
    best = [m.score for m in markers]
    back = [-1] * len(markers)
    for j, mj in enumerate(markers):
        for i in range(max(0, j - LOOKBACK), j):
            mi = markers[i]
            if mi.number < mj.number:
                gap_penalty = 0.05 * min(mj.number - mi.number - 1, 20)
                value = best[i] + mj.score - gap_penalty
                if value > best[j]:
                    best[j], back[j] = value, i
    j = max(range(len(markers)), key=best.__getitem__)
    chosen = []
    while j != -1:
        chosen.append(markers[j])
        j = back[j]
    return chosen[::-1]
