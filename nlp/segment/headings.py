"""Recognise section headings: "Sagsfremstilling", "INDSTILLING", "Beslutning i X den D"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp.danish import parse_date
from nlp.segment.rules import SegmentRules

# Words that make a string the name of a deciding body.
_BODY = re.compile(
    r"udvalg|råd\b|rådet|bestyrelse|nævn|forum|komit|borgmester|direktion|repræsentantskab"
    r"|forsamling|MED\b|panel",
    re.IGNORECASE,
)
_FULL_DATE = re.compile(r"\d{1,2}[.\-/]\d{1,2}[.\-/]\d{4}")
_INLINE = re.compile(r"^(?P<head>[^:]{3,45}?)\s*:\s*(?P<rest>\S.*)$")
_TRIM = " \t•·*–-"
MAX_HEADING_LENGTH = 160


@dataclass(frozen=True)
class Heading:
    """A section heading found on a line."""

    section: str
    strong: bool
    label: str  # the heading as printed
    committee: str | None = None
    date: str | None = None
    content_offset: int | None = None  # where inline content starts ("Bilag: Ingen")


def match_heading(text: str, rules: SegmentRules) -> Heading | None:
    """The heading on a stripped line, or None when the line is not a heading."""
    if not text:
        return None
    bare = text.strip(_TRIM)
    if len(text) <= MAX_HEADING_LENGTH:
        key = bare.rstrip(":").strip().lower()
        entry = rules.headings.get(key)
        if entry is not None:
            return Heading(entry.section, entry.strong, bare.rstrip(":").strip())
        decision = _decision_heading(bare, rules)
        if decision is not None:
            return decision
    # "Indstilling: Direktionen indstiller, …" may run on for a paragraph
    inline = _INLINE.match(bare)
    if inline:
        entry = rules.headings.get(inline.group("head").strip().lower())
        if entry is not None:
            offset = text.find(inline.group("rest"))
            return Heading(entry.section, entry.strong, inline.group("head").strip(), content_offset=offset)
    return None


def _decision_heading(text: str, rules: SegmentRules) -> Heading | None:
    for rule in rules.decision_headings:
        match = rule.pattern.match(text)
        if not match:
            continue
        committee = (match.group("committee") or "").strip(" ,.")
        committee = re.sub(r"\s+(?:den|d\.)$", "", committee)
        groups = match.groupdict()
        raw_date = groups.get("date") or groups.get("date2") or ""
        # committees named by their field alone ("Beslutning Senior den 07-06-2022") count
        # when a full date follows; without one the name must say it is a body
        if not _BODY.search(committee) and not _FULL_DATE.fullmatch(raw_date):
            continue
        return Heading(
            "beslutning", True, text.rstrip(":"), committee=committee or None,
            date=parse_date(raw_date) if raw_date else None,
        )
    return None
