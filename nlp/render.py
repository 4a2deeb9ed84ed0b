"""Readable Danish text for the terminal: a meeting and its items at a glance."""

from __future__ import annotations

import textwrap

from nlp.contract import Analysis, AgendaItem
from nlp.labels import SECTION_NAMES, outcome_name, policy_area_name, theme_name

MONTHS_DA = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
             "september", "oktober", "november", "december")
WIDTH = 100


def danish_date(iso: str | None) -> str | None:
    """'2012-08-22' → '22. august 2012'."""
    if not iso or len(iso) < 10:
        return iso
    year, month, day = iso[:10].split("-")
    return f"{int(day)}. {MONTHS_DA[int(month) - 1]} {year}"


def meeting_line(analysis: Analysis) -> str:
    m = analysis.meeting
    parts = [
        f"{m.municipality} Kommune" if m.municipality and not m.municipality.startswith("Region") else m.municipality,
        m.committee, danish_date(m.date), {"referat": "Referat", "dagsorden": "Dagsorden"}.get(m.kind or ""),
    ]
    return " · ".join(p for p in parts if p) or analysis.source


def item_heading(item: AgendaItem, position: int) -> str:
    number = item.number or str(position + 1)
    title = item.title or _first_words(item)
    case = f"  (sag {item.case_number})" if item.case_number else ""
    return f"[{number}] {title}{case}"


def _first_words(item: AgendaItem, limit: int = 80) -> str:
    for name in ("beslutningstema", "resume", "sagsfremstilling", "indstilling", "beslutning"):
        if item.sections.get(name):
            text = " ".join(item.sections[name].split())
            return (text[:limit] + "…") if len(text) > limit else text
    text = " ".join(item.text.split())
    return (text[:limit] + "…") if len(text) > limit else text


def _wrap(label: str, text: str, indent: int = 4) -> list[str]:
    prefix = " " * indent + (f"{label}: " if label else "")
    return textwrap.wrap(" ".join(text.split()), width=WIDTH, initial_indent=prefix,
                         subsequent_indent=" " * (indent + 2)) or [prefix.rstrip()]


def _fact_text(value) -> str:
    if isinstance(value, dict):
        text = value["text"]
        return f"{text} (frist)" if value.get("deadline") else text
    return str(value)


def _bullet(text: str, indent: int = 4) -> list[str]:
    return textwrap.wrap(" ".join(text.split()), width=WIDTH, initial_indent=" " * indent + "• ",
                         subsequent_indent=" " * (indent + 2))


def render_item(item: AgendaItem, position: int, summary_lines: int = 3, digest: bool = False) -> list[str]:
    """One item as text; with `digest` also the decision and recommendation lines, organisations
    and laws (the `referat summarize` view)."""
    lines = [item_heading(item, position)]
    if item.outcome:
        lines.append(f"    Beslutning: {outcome_name(item.outcome['label'])}")
    elif item.sections.get("beslutning"):
        lines += _wrap("Beslutning", item.sections["beslutning"][:300])
    if item.themes:
        lines.append("    Temaer: " + ", ".join(theme_name(t["label"]) for t in item.themes))
    if item.policy_area:
        lines.append(f"    Politikområde: {policy_area_name(item.policy_area['code'])}")
    for sentence in item.summary[:summary_lines]:
        lines += _bullet(sentence)
    facts = item.facts or {}
    if digest:
        for key, label in (("decision", "Besluttet"), ("recommendation", "Indstillet")):
            if facts.get(key):
                lines += _wrap(label, facts[key])
    keys = [("money", "Beløb"), ("dates", "Datoer"), ("programs", "Indsatser")]
    if digest:
        keys += [("organisations", "Organisationer"), ("laws", "Love og regler")]
    for key, label in keys:
        values = facts.get(key) or []
        if values:
            shown = ", ".join(_fact_text(v) for v in values[:5])
            lines += _wrap(label, shown)
    if not item.summary and not item.outcome:
        present = [SECTION_NAMES.get(s, s) for s in item.sections]
        if present:
            lines.append("    Afsnit: " + ", ".join(present))
    return lines


def render_analysis(analysis: Analysis, summary_lines: int = 3, digest: bool = False) -> str:
    """The whole analysis as readable Danish text."""
    out = [meeting_line(analysis), f"{len(analysis.items)} punkter · {analysis.source}", ""]
    digest = analysis.digest or {}
    if digest.get("headline"):
        out += [digest["headline"], ""]
    for position, item in enumerate(analysis.items):
        out += render_item(item, position, summary_lines, digest) + [""]
    for warning in analysis.warnings:
        out.append(f"Advarsel: {warning}")
    return "\n".join(out).rstrip() + "\n"

