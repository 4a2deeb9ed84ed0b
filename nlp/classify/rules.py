"""Rules from the labelling guide: outcome phrases, theme keywords and votes.

They are the keyword baselines the classifiers are measured against and features inside
the classifiers, which learn how much to trust them.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from nlp.danish import split_sentences
from nlp.labels import OUTCOMES, THEMES

# The guide's precedence: when a decision does several things, the first of these wins.
PRECEDENCE = ("rejected", "postponed", "recommended", "approved", "noted", "discussed")


@dataclass(frozen=True)
class OutcomeRules:
    patterns: dict[str, tuple[re.Pattern, ...]]
    follows: re.Pattern
    recommendation: dict[str, re.Pattern]
    other_item: re.Pattern

    def hits(self, decision: str) -> dict[str, int]:
        """How many phrases of each outcome the decision text contains (postponements only
        in sentences that are about this item)."""
        found = {label: sum(1 for p in pats if p.search(decision)) for label, pats in self.patterns.items()}
        if found["postponed"]:
            own = " ".join(s for s in split_sentences(decision) if not self.other_item.search(s))
            found["postponed"] = sum(1 for p in self.patterns["postponed"] if p.search(own))
        return found

    def recommended_outcome(self, recommendation: str) -> str:
        """What a recommendation proposes: to recommend onwards, to approve, to note or to
        discuss (the first of these when it proposes several)."""
        for label in ("recommended", "approved", "noted", "discussed"):
            if self.recommendation[label].search(recommendation):
                return label
        return "approved"

    def outcome(self, decision: str, recommendation: str = "") -> str:
        """The outcome the rules read from a decision (and its recommendation)."""
        decision = " ".join(decision.split())
        if not decision:
            return "none"
        hits = self.hits(decision)
        if self.follows.search(decision) and not hits["rejected"] and not hits["postponed"]:
            followed = self.recommended_outcome(recommendation) if recommendation else "approved"
            if followed != "approved" or not (hits["recommended"] or hits["noted"] or hits["discussed"]):
                return followed
        for label in PRECEDENCE:
            if hits[label]:
                return label
        return "none"


@lru_cache(maxsize=1)
def outcome_rules() -> OutcomeRules:
    config = tomllib.loads(resources.files("nlp.classify").joinpath("outcome_rules.toml").read_text("utf-8"))
    flags = re.IGNORECASE
    patterns = {label: tuple(re.compile(p, flags) for p in config["outcome"][label]["patterns"])
                for label in PRECEDENCE}
    rec = config["recommendation"]
    return OutcomeRules(
        patterns=patterns, follows=re.compile(rec["follows"], flags),
        recommendation={k: re.compile(rec[k], flags) for k in ("recommended", "approved", "noted", "discussed")},
        other_item=re.compile(config["other_item"]["pattern"], flags),
    )


@lru_cache(maxsize=1)
def theme_keywords() -> dict[str, re.Pattern]:
    """theme → one compiled pattern of its keyword stems (theme_keywords.tsv)."""
    stems: dict[str, list[str]] = {theme: [] for theme in THEMES}
    text = resources.files("nlp.classify").joinpath("theme_keywords.tsv").read_text("utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            theme, stem = line.split("\t")
            stems[theme.strip()].append(stem.strip())
    return {
        theme: re.compile(r"(?<![\wæøå])(?:%s)" % "|".join(re.escape(s) for s in sorted(words, key=len, reverse=True)), re.I)
        for theme, words in stems.items() if words
    }


@lru_cache(maxsize=8192)
def theme_hits(text: str) -> dict[str, int]:
    """Keyword hits per theme (read-only). Cached: the theme model reads the same title and
    case text twice per prediction, once as features and once for its keyword prior."""
    return {theme: len(pattern.findall(text)) for theme, pattern in theme_keywords().items()}


# -- votes ----------------------------------------------------------------------------------
_PARTY = r"(?:[A-ZÆØÅ]{1,2}|løsgænger\w*)"
_PARTIES = rf"{_PARTY}(?:\s*(?:,|og|\+|&)\s*{_PARTY})*"
_VOTES = {
    "for": re.compile(rf"\bFor\s+(?:stemte|stemmer)\s*:?\s*(?P<who>{_PARTIES})", re.I),
    "against": re.compile(rf"\b(?:Imod\s+(?:stemte|stemmer)\s*:?\s*(?P<who>{_PARTIES})|(?P<who2>{_PARTIES})\s+stemte\s+imod)", re.I),
    "abstain": re.compile(rf"\b(?:(?P<who>{_PARTIES})\s+undlod\s+at\s+stemme|Undlod\s+at\s+stemme\s*:?\s*(?P<who2>{_PARTIES}))", re.I),
    "reservation": re.compile(rf"\b(?P<who>{_PARTIES})\s+(?:tog|tager)\s+forbehold", re.I),
}
_MINORITY = re.compile(rf"\bEt\s+mindretal\s*\((?P<who>{_PARTIES})\)\s*(?:kunne\s+ikke\s+tiltræde|stemte\s+imod|ønskede)", re.I)


def _parties(text: str) -> list[str]:
    return [p for p in re.split(r"\s*(?:,|og|\+|&)\s*", text.strip()) if p]


def extract_votes(decision: str) -> dict | None:
    """Votes and dissent recorded in a decision, or None when it records none."""
    found: dict[str, list[str]] = {key: [] for key in ("for", "against", "abstain", "reservation")}
    for key, pattern in _VOTES.items():
        for match in pattern.finditer(decision):
            who = match.group("who") or (match.groupdict().get("who2") or "")
            found[key] += [p for p in _parties(who) if p not in found[key]]
    for match in _MINORITY.finditer(decision):
        found["against"] += [p for p in _parties(match.group("who")) if p not in found["against"]]
    if not any(found.values()):
        return None
    return {**found, "dissent": bool(found["against"] or found["reservation"])}


assert set(PRECEDENCE) | {"none"} == set(OUTCOMES)
