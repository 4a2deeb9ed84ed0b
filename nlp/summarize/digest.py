"""A meeting at a glance: how many items were decided, noted, forwarded; the money decided."""

from __future__ import annotations

from collections import Counter

from nlp.contract import Analysis
from nlp.danish import danish_number
from nlp.labels import OUTCOMES

# Outcomes whose amounts count as decided (or recommended onwards) at this meeting.
DECIDING = {"approved", "recommended"}


def _amounts_in(text: str, item) -> float:
    total = 0.0
    for e in item.entities:
        if e.label == "MONEY" and isinstance(e.value, (int, float)) and item.text[e.start:e.end] in text:
            total += e.value
    return total


def meeting_digest(analysis: Analysis) -> dict:
    """Counts by outcome, the total of amounts in decided items' decisions and recommendations,
    and a one-line Danish headline."""
    outcomes = Counter(item.outcome["label"] for item in analysis.items if item.outcome)
    decided_money = 0.0
    for item in analysis.items:
        if item.outcome and item.outcome["label"] in DECIDING:
            scope = " ".join(item.sections.get(name, "") for name in ("beslutning", "indstilling"))
            decided_money += _amounts_in(scope, item) if scope.strip() else 0.0
    themes = Counter(t["label"] for item in analysis.items for t in item.themes[:1])
    parts = [f"{n} {OUTCOMES[label].lower()}" for label, n in outcomes.most_common() if label != "none"]
    headline = f"{len(analysis.items)} punkter"
    if parts:
        headline += ": " + ", ".join(parts)
    if decided_money:
        headline += f". Beløb i besluttede/anbefalede punkter: {danish_number(decided_money / 1e6, 1)} mio. kr"
    return {
        "items": len(analysis.items),
        "outcomes": dict(outcomes),
        "decided": outcomes.get("approved", 0), "noted": outcomes.get("noted", 0),
        "forwarded": outcomes.get("recommended", 0), "discussed": outcomes.get("discussed", 0),
        "postponed": outcomes.get("postponed", 0), "rejected": outcomes.get("rejected", 0),
        "amount_decided_dkk": round(decided_money, 2),
        "main_themes": dict(themes.most_common()),
        "headline": headline + ".",
    }
