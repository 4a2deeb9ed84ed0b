"""Label identifiers and their Danish display names (docs/labelling-guide.md).

Identifiers are stable: models, stored labels and exports refer to them.
"""

from __future__ import annotations

THEMES: dict[str, str] = {
    "budget": "Økonomi og budget",
    "sickness_benefits": "Sygedagpenge og jobfastholdelse",
    "disability_flexjob": "Fleksjob, førtidspension og ressourceforløb",
    "social_assistance": "Kontanthjælp og uddannelseshjælp",
    "insured_unemployed": "Forsikrede ledige og a-dagpenge",
    "youth_education": "Unge og uddannelse",
    "integration": "Integration og flygtninge",
    "employers": "Virksomheder og rekruttering",
    "strategy_plans": "Strategier, planer og politikker",
    "performance": "Nøgletal og resultater",
    "vulnerable_groups": "Udsatte borgere, handicap og sundhed",
    "governance": "Mødeafvikling og forvaltning",
    "other": "Anden politik",
}

# Precedence order of the guide: when one decision does several things, the first wins.
OUTCOMES: dict[str, str] = {
    "rejected": "Ikke godkendt",
    "postponed": "Udsat",
    "recommended": "Anbefalet / oversendt",
    "approved": "Godkendt",
    "noted": "Taget til efterretning",
    "discussed": "Drøftet",
    "none": "Ingen beslutning",
}

POLICY_AREAS: dict[int, str] = {
    0: "Andet / ikke kodbart",
    1: "Økonomi og budget",
    2: "Borgerrettigheder og demokrati",
    3: "Sundhed og pleje",
    4: "Landbrug og fiskeri",
    5: "Arbejdsmarked og beskæftigelse",
    6: "Uddannelse",
    7: "Miljø, affald og vand",
    8: "Energi",
    9: "Indvandring og integration",
    10: "Transport og veje",
    12: "Lov, kriminalitet og politi",
    13: "Socialområdet, børn og ældre",
    14: "Bolig og byplanlægning",
    15: "Erhverv og lokal udvikling",
    17: "Videnskab, teknologi og kommunikation",
    19: "Internationale forhold",
    20: "Offentlig drift og forvaltning",
    21: "Offentlige arealer, havne og natur",
    23: "Kultur og fritid",
}

ENTITY_LABELS: dict[str, str] = {
    "MONEY": "Beløb",
    "DATE": "Dato",
    "PERCENT": "Procent",
    "PROGRAM": "Program/indsats",
    "ORG": "Organisation",
    "LAW": "Lov/regel",
    "PERSON": "Person",
}

SECTION_NAMES: dict[str, str] = {
    "resume": "Resumé",
    "beslutningstema": "Beslutningstema",
    "sagsfremstilling": "Sagsfremstilling",
    "indstilling": "Indstilling",
    "beslutning": "Beslutning",
    "okonomi": "Økonomi",
    "lovgrundlag": "Lovgrundlag",
    "vurdering": "Vurdering",
    "konsekvenser": "Konsekvenser",
    "horing": "Høring og kommunikation",
    "sagsgang": "Sagsgang",
    "historik": "Historik",
    "tidsplan": "Tidsplan og videre proces",
    "bilag": "Bilag",
    "fravaer": "Fravær",
}

SUBSTANTIVE_THEMES = tuple(t for t in THEMES if t != "governance")


def theme_name(theme: str) -> str:
    """Danish display name of a theme id (the id itself when unknown)."""
    return THEMES.get(theme, theme)


def outcome_name(outcome: str) -> str:
    """Danish display name of an outcome id."""
    return OUTCOMES.get(outcome, outcome)


def policy_area_name(code: int) -> str:
    """Danish display name of a CAP major topic code."""
    return POLICY_AREAS.get(int(code), str(code))
