"""Splitting: a document's text to its meeting and its agenda items with their sections."""

from __future__ import annotations

from dataclasses import dataclass

from nlp.contract import AgendaItem, Meeting
from nlp.segment.headings import match_heading
from nlp.segment.items import Span, build_item, item_spans, single_item
from nlp.segment.lines import split_lines
from nlp.segment.markers import find_markers
from nlp.segment.meeting import read_meeting
from nlp.segment.rules import load_rules

__all__ = ["Segmentation", "split_document", "split_item"]


@dataclass
class Segmentation:
    meeting: Meeting
    items: list[AgendaItem]


def split_document(
    text: str,
    municipality: str | None = None,
    committee: str | None = None,
    date: str | None = None,
    kind: str | None = None,
) -> Segmentation:
    """Split minutes or an agenda into its meeting and items.

    Item and section offsets point into `text` as given. Meeting fields passed by the
    caller win over what is read from the text.
    """
    rules = load_rules()
    lines, headings = _lines_and_headings(text, rules)
    markers = find_markers(lines, headings, rules)
    spans = item_spans(lines, headings, markers)
    items = [build_item(text, lines, headings, span) for span in spans]
    items = [item for item in items if item.text.strip()]
    if not items and text.strip():
        items = [single_item(text)]
    meeting = read_meeting(text, items)
    overrides = {"municipality": municipality, "committee": committee, "date": date, "kind": kind}
    for field_name, value in overrides.items():
        if value:
            setattr(meeting, field_name, value)
    return Segmentation(meeting, items)


def split_item(text: str) -> AgendaItem:
    """Read a text known to hold one agenda item (a labelled excerpt) as that item: its
    sections, without looking for item starts inside it (a numbered list in a
    recommendation is not a new item here)."""
    lines, headings = _lines_and_headings(text, load_rules())
    content = [line for line in lines if not line.blank]
    if not content:
        return single_item(text)
    return build_item(text, lines, headings, Span(0, len(lines), content[0].start))


def _lines_and_headings(text: str, rules) -> tuple[list, list]:
    lines = split_lines(text, rules)
    return lines, [match_heading(line.text, rules) if line.text else None for line in lines]
