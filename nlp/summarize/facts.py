"""Key facts of an item: decision, recommendation, money, dates, programmes, organisations."""

from __future__ import annotations

import re
from collections import Counter

from nlp.contract import AgendaItem

# Words that make a date a deadline ("senest 1. marts", "frist den 30. juni").
_DEADLINE = re.compile(r"\b(?:senest|frist|inden|deadline|skal\s+være|forventes\s+(?:færdig|afsluttet))\b[^.]{0,40}$",
                       re.IGNORECASE)
_FIRST_SENTENCE = re.compile(r"^(.+?[.!?])(?:\s|$)", re.DOTALL)
MAX_LINE = 240


def one_line(text: str) -> str | None:
    """The first sentence of a section, on one line and not too long."""
    text = " ".join(text.split())
    if not text:
        return None
    match = _FIRST_SENTENCE.match(text)
    line = match.group(1) if match and len(match.group(1)) > 12 else text
    return line if len(line) <= MAX_LINE else line[: MAX_LINE - 1].rsplit(" ", 1)[0] + "…"


_PROPOSAL_START = re.compile(r"^\s*(?:[-•·*–]|\d{1,2}[.)]|[a-z][.)])?\s*(?:[Aa]t\s+)?")


def recommendation_line(text: str) -> str | None:
    """'Direktionen indstiller,\n- at A\n- at B' → 'A; B': the proposals on one line."""
    if not text.strip():
        return None
    lines = [l.strip() for l in text.splitlines() if l.strip()]
    proposals = []
    for k, line in enumerate(lines):
        intro = k == 0 and len(lines) > 1 and (line.endswith((",", ":")) or "indstiller" in line.lower()
                                               or len(line.split()) <= 3)
        if intro:
            inline = re.split(r"\bindstiller(?:\s+til\s+[^,]+)?,?\s*(?:at\s+)?", line, maxsplit=1)
            if len(inline) == 2 and len(inline[1].split()) > 2:
                proposals.append(inline[1])
            continue
        inline = re.split(r"\bindstiller(?:\s+til\s+[^,]+)?,?\s*at\s+", line, maxsplit=1)
        proposals.append(inline[1] if len(inline) == 2 else _PROPOSAL_START.sub("", line))
    line = "; ".join(p.strip(" ,.;") for p in proposals if len(p.strip()) > 3)
    if not line:
        return one_line(text)
    return (line[: MAX_LINE - 1].rsplit(" ", 1)[0] + "…") if len(line) > MAX_LINE else line


def key_facts(item: AgendaItem, max_each: int = 5) -> dict:
    """What a reader needs beside the summary, from the sections and the entities."""
    money = sorted((e for e in item.entities if e.label == "MONEY" and isinstance(e.value, (int, float))),
                   key=lambda e: -abs(e.value))
    dates, seen = [], set()
    for e in item.entities:
        if e.label == "DATE" and e.value and e.value not in seen:
            seen.add(e.value)
            before = item.text[max(0, e.start - 60):e.start]
            dates.append({"text": e.text, "value": e.value, "deadline": bool(_DEADLINE.search(before))})
    counts = {label: Counter(e.text for e in item.entities if e.label == label) for label in ("PROGRAM", "ORG", "LAW")}
    return {
        "decision": one_line(item.sections.get("beslutning", "")),
        "recommendation": recommendation_line(item.sections.get("indstilling", "")),
        "outcome": item.outcome["label"] if item.outcome else None,
        "themes": [t["label"] for t in item.themes],
        "money": [{"text": e.text, "value": e.value} for e in _unique(money)][:max_each],
        "dates": sorted(dates, key=lambda d: (not d["deadline"], d["value"]))[:max_each],
        "programs": [name for name, _ in counts["PROGRAM"].most_common(max_each)],
        "organisations": [name for name, _ in counts["ORG"].most_common(max_each)],
        "laws": [name for name, _ in counts["LAW"].most_common(max_each)],
    }


def _unique(entities):
    seen = set()
    for e in entities:
        if (e.text, e.value) not in seen:
            seen.add((e.text, e.value))
            yield e
