"""Entities highlighted in an item's text, as HTML (displaCy; the text is HTML-escaped)."""

from __future__ import annotations

from spacy import displacy

COLORS = {
    "MONEY": "#c8e6c9", "DATE": "#bbdefb", "PERCENT": "#dcedc8", "PROGRAM": "#ffe0b2",
    "ORG": "#e1bee7", "LAW": "#ffcdd2", "PERSON": "#f0f4c3",
}


def entity_html(text: str, entities: list[dict], max_chars: int = 60_000) -> str:
    """HTML with each entity marked and labelled; text beyond `max_chars` is left out."""
    text = text[:max_chars]
    ents = [{"start": e["start"], "end": e["end"], "label": e["label"]}
            for e in entities if 0 <= e["start"] < e["end"] <= len(text)]
    return displacy.render({"text": text, "ents": ents, "title": None}, style="ent", manual=True, page=False,
                           options={"colors": COLORS})
