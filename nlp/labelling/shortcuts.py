"""Keyboard labelling: one short command and Enter labels an item.

    .            accept the models' suggestion and save
    1 12 g       themes 1 and 12 (numbers of THEMES), outcome g, save
    g            keep the suggested themes, set the outcome, save
    s            skip          f   flag for discussion
"""

from __future__ import annotations

from dataclasses import dataclass

from nlp.labelling.workspace import LabelError
from nlp.labels import OUTCOMES, THEMES

THEME_KEYS = {str(k): theme for k, theme in enumerate(THEMES, start=1)}
OUTCOME_KEYS = {"g": "approved", "e": "noted", "a": "recommended", "d": "discussed", "u": "postponed",
                "i": "rejected", "n": "none"}
assert set(OUTCOME_KEYS.values()) == set(OUTCOMES)


@dataclass
class Command:
    action: str  # "save" | "skip" | "flag"
    themes: list[str]
    outcome: str | None


def parse_command(text: str, suggested_themes: list[str], suggested_outcome: str | None) -> Command:
    """What a typed command means, given the models' suggestion; LabelError when unclear."""
    words = text.lower().replace(",", " ").split()
    if words in (["s"], ["skip"]):
        return Command("skip", [], None)
    if words in (["f"], ["flag"]):
        return Command("flag", list(suggested_themes), suggested_outcome)
    if words in ([], ["."]):
        return Command("save", list(suggested_themes), suggested_outcome)
    themes, outcome = [], None
    for word in words:
        if word in THEME_KEYS:
            theme = THEME_KEYS[word]
            if theme not in themes:
                themes.append(theme)
        elif word in OUTCOME_KEYS:
            if outcome is not None:
                raise LabelError("Angiv kun ét udfald.")
            outcome = OUTCOME_KEYS[word]
        else:
            raise LabelError(f"Ukendt tast: '{word}'. Brug temanumre 1–{len(THEMES)} og "
                             f"ét udfaldsbogstav ({', '.join(OUTCOME_KEYS)}).")
    return Command("save", themes or list(suggested_themes), outcome or suggested_outcome)


def cheat_sheet() -> str:
    from nlp.labels import outcome_name, theme_name

    themes = " · ".join(f"**{k}** {theme_name(t)}" for k, t in THEME_KEYS.items())
    outcomes = " · ".join(f"**{k}** {outcome_name(o)}" for k, o in OUTCOME_KEYS.items())
    return (f"Temaer: {themes}  \nUdfald: {outcomes}  \n**.** acceptér forslaget · **s** spring over · "
            "**f** markér til drøftelse — skriv fx `1 12 g` og tryk Enter.")
